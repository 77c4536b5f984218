"""Point in Kreis: every KI centre lies in the Kreis its regional key names."""

from __future__ import annotations

from pathlib import Path

from geo.paths import CENTRES_CSV
from geo.sources.boundaries import load_boundaries
from geo.sources.centres import load_centres
from geo.sources.kreis_lookup import point_in_kreis

NO_FILE = Path("/nonexistent/outline.json")


def test_every_centre_lies_in_its_own_kreis(bkg_kreise_path: Path) -> None:
    b = load_boundaries(
        env={"KI_BOUNDARIES_PATH": str(bkg_kreise_path)},
        cache_dir=NO_FILE.parent,
        outline_path=NO_FILE,
    )
    centres = load_centres(CENTRES_CSV)
    assert len(centres) == 54
    wrong = {
        c.id: (c.kreis_ars, point_in_kreis(b, c.lat, c.lon))
        for c in centres
        if point_in_kreis(b, c.lat, c.lon) != c.kreis_ars
    }
    assert wrong == {}
    aachen = next(c for c in centres if c.ars == "05334002")
    assert point_in_kreis(b, aachen.lat, aachen.lon) == "05334"
