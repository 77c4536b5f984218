"""Building the press records: seed entries need a summary, timeline places must resolve."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.errors import DataFileError
from geo.paths import SEED_LISTING, SOURCES_DIR
from geo.sources.press_facts import build_press_releases

RESEARCH = SOURCES_DIR
SEED = SEED_LISTING


def _timeline_line(prefix: str) -> int:
    lines = (RESEARCH / "state_timeline.csv").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(prefix))


def test_a_new_seed_entry_needs_a_summary(tmp_path: Path) -> None:
    seed = tmp_path / "seed.txt"
    seed.write_text(SEED.read_text(encoding="utf-8") + "\n  • 01.01.2020\n\nNeu.\n", "utf-8")
    with pytest.raises(DataFileError, match="SEED_SUMMARIES") as caught:
        build_press_releases(seed, RESEARCH / "state_timeline.csv")
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == ("seed.txt", 54)


def test_timeline_places_must_resolve(tmp_path: Path) -> None:
    timeline = tmp_path / "state_timeline.csv"
    text = (RESEARCH / "state_timeline.csv").read_text(encoding="utf-8")
    timeline.write_text(
        text.replace(",51,ordinal (51st),Kreis Borken,", ",51,ordinal (51st),Borken,")
    )
    with pytest.raises(DataFileError) as caught:
        build_press_releases(SEED, timeline)
    (problem,) = caught.value.problems
    assert (problem.column, problem.value) == ("places", "Borken")
    assert problem.line == _timeline_line("2016-06-28,")
