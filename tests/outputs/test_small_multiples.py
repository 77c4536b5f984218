"""Small multiples: a panel with its date and counts per year end, and one shared legend."""

from __future__ import annotations

import io
from datetime import date

from PIL import Image
from report_pictures import hex_rgb, rgb, svg_texts

from geo.i18n import t
from geo.model.timeline import CentreState, Timeline
from geo.outputs.map_layout import small_multiples_layout
from geo.outputs.small_multiples import render_small_multiples
from geo.sources.boundaries import Boundaries
from geo.views.mapstyles import KREIS_FILLS


def test_small_multiples_have_a_panel_and_counts_per_year_end(
    data: tuple[Timeline, Boundaries],
) -> None:
    timeline, _ = data
    texts = svg_texts(render_small_multiples(*data, fmt="svg"))
    panel_dates = [text for text in texts if text.startswith("31.12.")]
    assert panel_dates == [f"31.12.{year}" for year in range(2012, 2019)]
    for year in range(2012, 2019):
        snapshot = timeline.snapshot(date(year, 12, 31))
        expected = t(
            "report_panel_counts",
            "de",
            open=snapshot.count(CentreState.OPEN),
            uncertain=snapshot.count(CentreState.UNCERTAIN),
        )
        assert expected in texts, year
    assert "Stand jeweils am Jahresende, 2012–2018" in texts
    assert texts.count("Zentren") == 1  # one shared legend
    assert any("GeoNames (CC BY 4.0)" in text for text in texts)


def test_small_multiples_panels_show_kleve_before_and_after(
    data: tuple[Timeline, Boundaries], kleve_point: tuple[float, float]
) -> None:
    panels, _ = small_multiples_layout(7)
    image = Image.open(io.BytesIO(render_small_multiples(*data, dpi=80)))
    assert image.size[0] > image.size[1]
    by_year = dict(zip(range(2012, 2019), panels, strict=True))
    assert rgb(image, by_year[2017].pixel_of(*kleve_point, image.size)) == hex_rgb(
        KREIS_FILLS[None]
    )
    assert rgb(image, by_year[2018].pixel_of(*kleve_point, image.size)) == hex_rgb(
        KREIS_FILLS[CentreState.OPEN]
    )
