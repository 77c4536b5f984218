"""The milestones loader accepts the committed file and pinpoints every bad cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.errors import DataFileError
from geo.sources.fuzzydate import FuzzyDate, Precision
from geo.sources.milestones import (
    MEASURES,
    MILESTONE_COLUMNS,
    Milestone,
    load_milestones,
    write_milestones,
)

COMMITTED = Path(__file__).resolve().parents[2] / "data" / "milestones.csv"
HEADER = ",".join(MILESTONE_COLUMNS)
GOOD = (
    "2014-04-25,day,49,started,working or about to start,,Release.,Meldung.,https://example.org/a"
)


def _write(tmp_path: Path, *lines: str, header: str = HEADER) -> Path:
    path = tmp_path / "milestones.csv"
    path.write_text("\n".join((header, *lines)) + "\n", encoding="utf-8")
    return path


def _problems(path: Path) -> list[tuple[int | None, str | None, str | None]]:
    with pytest.raises(DataFileError) as caught:
        load_milestones(path)
    return [(p.line, p.column, p.value) for p in caught.value.problems]


def test_committed_file_loads() -> None:
    milestones = load_milestones(COMMITTED)
    assert len(milestones) == 28
    assert all(m.measure in MEASURES for m in milestones)
    first = milestones[0]
    assert (first.date.text, first.count, first.measure) == ("2012", 54, "target")
    assert first.line == 2
    # Rows stay in the source's chronological order (year-only rows where the source puts them).
    assert [m.line for m in milestones] == list(range(2, 30))


def test_committed_file_keeps_the_key_statements() -> None:
    by_date = {(m.date.text, m.count): m for m in load_milestones(COMMITTED)}
    assert by_date[("2013-02-21", 16)].measure == "approved"
    assert by_date[("2013-12-02", 47)].measure == "started"
    assert by_date[("2016-06-28", 51)].measure == "ordinal"
    assert by_date[("2016-06-28", 51)].places == ("Kreis Borken",)
    assert by_date[("2018-03-08", 22)].measure == "other"
    kleve = by_date[("2017-02-08", 53)]
    assert kleve.measure == "started"
    assert "derived" in kleve.meaning
    assert "derived" in by_date[("2018-10-02", 54)].meaning
    assert "derived" not in by_date[("2017-08-15", 53)].meaning


def test_good_row_is_parsed(tmp_path: Path) -> None:
    row = "2013-06-12,day,29,approved,approved,Bochum; Herne,Note.,Notiz.,https://a.example https://b.example"
    (milestone,) = load_milestones(_write(tmp_path, row))
    assert milestone == Milestone(
        date=FuzzyDate.parse("2013-06-12", "day"),
        count=29,
        measure="approved",
        meaning="approved",
        places=("Bochum", "Herne"),
        summary="Note.",
        summary_de="Notiz.",
        sources=("https://a.example", "https://b.example"),
        line=2,
    )
    assert milestone.date.precision is Precision.DAY


def test_undated_row_with_unknown_precision_is_allowed(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        ",unknown,,other,,,Release on four years.,Meldung zu vier Jahren.,http://example.org/x",
    )
    (milestone,) = load_milestones(path)
    assert milestone.date.is_known is False
    assert milestone.count is None


@pytest.mark.parametrize(
    ("row", "column", "value"),
    [
        ("2014-04-25,weekly,49,started,m,,S.,Z.,https://e.org", "precision", "weekly"),
        ("2014-04,day,49,started,m,,S.,Z.,https://e.org", "date", "2014-04"),
        ("2014-02-30,day,49,started,m,,S.,Z.,https://e.org", "date", "2014-02-30"),
        (",day,49,started,m,,S.,Z.,https://e.org", "date", ""),
        ("2014,unknown,49,started,m,,S.,Z.,https://e.org", "date", "2014"),
        ("2014,year,-3,started,m,,S.,Z.,https://e.org", "count", "-3"),
        ("2014,year,about 50,started,m,,S.,Z.,https://e.org", "count", "about 50"),
        ("2014,year,4.5,started,m,,S.,Z.,https://e.org", "count", "4.5"),
        ("2014,year,49,opened,m,,S.,Z.,https://e.org", "measure", "opened"),
        ("2014,year,49,,m,,S.,Z.,https://e.org", "measure", ""),
        ("2014,year,49,started,,,S.,Z.,https://e.org", "meaning", ""),
        ("2014,year,49,started,m,Unna;;Hamm,S.,Z.,https://e.org", "places", "Unna;;Hamm"),
        ("2014,year,49,started,m,,,Z.,https://e.org", "summary", ""),
        ("2014,year,49,started,m,,S.,,https://e.org", "summary_de", ""),
        ("2014,year,49,started,m,,S.,Z.,www.e.org", "source_url", "www.e.org"),
        (
            "2014,year,49,started,m,,S.,Z.,https://e.org ftp://x",
            "source_url",
            "https://e.org ftp://x",
        ),
        ("2014,year,49,started,m,,S.,Z.,", "source_url", ""),
    ],
)
def test_bad_cell_is_reported_with_line_column_and_value(
    tmp_path: Path, row: str, column: str, value: str
) -> None:
    path = _write(tmp_path, GOOD, row)
    assert _problems(path) == [(3, column, value)]


def test_every_problem_is_reported_and_names_the_file(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "2014,year,x,started,m,,S.,Z.,https://e.org",
        GOOD,
        "2014,year,1,nope,m,,S.,Z.,mailto:a@b",
    )
    with pytest.raises(DataFileError) as caught:
        load_milestones(path)
    problems = caught.value.problems
    assert [(p.line, p.column) for p in problems] == [
        (2, "count"),
        (4, "measure"),
        (4, "source_url"),
    ]
    assert all(p.file == "milestones.csv" for p in problems)
    assert "milestones.csv, line 2, column 'count'" in str(caught.value)


def test_wrong_header_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD, header=HEADER.replace("measure", "kind"))
    assert {column for _, column, _ in _problems(path)} == {"measure", "kind"}


def test_header_without_rows_is_rejected(tmp_path: Path) -> None:
    assert _problems(_write(tmp_path)) == [(None, None, None)]


def test_write_then_load_round_trips(tmp_path: Path) -> None:
    original = load_milestones(COMMITTED)
    path = tmp_path / "copy.csv"
    write_milestones(path, original)
    assert path.read_bytes() == COMMITTED.read_bytes()
    assert load_milestones(path) == original
