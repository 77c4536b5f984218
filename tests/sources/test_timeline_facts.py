"""The milestones built from state_timeline.csv: every wording classified, derived counts."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from geo.errors import DataFileError
from geo.paths import SOURCES_DIR
from geo.sources.timeline_facts import MEASURE_BY_MEANING, build_milestones

RESEARCH = SOURCES_DIR


def _line_of(path: Path, prefix: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(prefix))


def test_milestone_measures_cover_exactly_the_research_wordings() -> None:
    with (RESEARCH / "state_timeline.csv").open(encoding="utf-8", newline="") as handle:
        meanings = {r["count_meaning"] for r in csv.DictReader(handle)} - {""}
    assert meanings == set(MEASURE_BY_MEANING)


def test_unclassified_meaning_stops_the_build(tmp_path: Path) -> None:
    timeline = tmp_path / "state_timeline.csv"
    text = (RESEARCH / "state_timeline.csv").read_text(encoding="utf-8")
    timeline.write_text(text.replace(",exist NRW-wide,", ",exist in NRW,"), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        build_milestones(timeline)
    (problem,) = caught.value.problems
    assert (problem.column, problem.value) == ("count_meaning", "exist in NRW")
    assert problem.line == _line_of(timeline, "2018,year,count_statement")


def test_derived_counts() -> None:
    milestones = build_milestones(RESEARCH / "state_timeline.csv")
    derived = [(m.date.text, m.count) for m in milestones if "derived" in m.meaning]
    assert derived == [("2017-02-08", 53), ("2017-11", 53), ("2018-10-02", 54)]
    assert all(m.count is not None for m in milestones)
