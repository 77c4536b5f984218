"""The milestones built from state_timeline.csv: every wording classified, derived counts, a
German summary for each."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from geo.errors import DataFileError
from geo.paths import SOURCES_DIR
from geo.sources.timeline_facts import MEASURE_BY_MEANING, build_milestones

RESEARCH = SOURCES_DIR
GERMAN = RESEARCH / "summaries_de.csv"


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
        build_milestones(timeline, GERMAN)
    (problem,) = caught.value.problems
    assert (problem.column, problem.value) == ("count_meaning", "exist in NRW")
    assert problem.line == _line_of(timeline, "2018,year,count_statement")


def test_derived_counts() -> None:
    milestones = build_milestones(RESEARCH / "state_timeline.csv", GERMAN)
    derived = [(m.date.text, m.count) for m in milestones if "derived" in m.meaning]
    assert derived == [("2017-02-08", 53), ("2017-11", 53), ("2018-10-02", 54)]
    assert all(m.count is not None for m in milestones)


def test_every_statement_has_its_german_summary() -> None:
    milestones = build_milestones(RESEARCH / "state_timeline.csv", GERMAN)
    assert all(m.summary_de and m.summary_de != m.summary for m in milestones)
    assert len({m.summary_de for m in milestones}) == len(milestones)


def test_a_statement_without_german_summary_stops_the_build(tmp_path: Path) -> None:
    german = tmp_path / "summaries_de.csv"
    lines = GERMAN.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith("2018-10-02,")]
    assert len(kept) == len(lines) - 1
    german.write_text("".join(kept), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        build_milestones(RESEARCH / "state_timeline.csv", german)
    (problem,) = caught.value.problems
    assert problem.column == "summary"
    assert "no German summary" in problem.message
    assert problem.line == _line_of(RESEARCH / "state_timeline.csv", "2018-10-02,")


def test_a_german_summary_that_matches_no_statement_stops_the_build(tmp_path: Path) -> None:
    german = tmp_path / "summaries_de.csv"
    text = GERMAN.read_text(encoding="utf-8")
    german.write_text(text.replace("\n2018-10-02,", "\n2018-10-03,", 1), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        build_milestones(RESEARCH / "state_timeline.csv", german)
    problems = {(p.file, p.column, p.value) for p in caught.value.problems}
    assert ("summaries_de.csv", "date", "2018-10-03") in problems, "the stray row is named"
    assert {(f, c) for f, c, _ in problems} == {
        ("summaries_de.csv", "date"),
        ("state_timeline.csv", "summary"),
    }, "and the statement it was meant for has none"
