"""`data/press_releases.csv`: the committed file, the writer and the validating loader."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest

from geo.errors import DataFileError
from geo.paths import SEED_LISTING, SOURCES_DIR
from geo.sources.press import (
    PRESS_COLUMNS,
    load_press_releases,
    press_release_to_row,
    write_press_releases,
)
from geo.sources.press_counts import CountMention
from geo.sources.press_facts import build_press_releases
from geo.sources.press_listing import read_listing

REPO = Path(__file__).resolve().parents[2]
RESEARCH = SOURCES_DIR
SEED = SEED_LISTING
COMMITTED = REPO / "data" / "press_releases.csv"

BORKEN = "05554"


@pytest.fixture(scope="module")
def seed() -> tuple:
    return read_listing(SEED)


def _timeline() -> list[dict[str, str]]:
    with (RESEARCH / "state_timeline.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _timeline_line(prefix: str) -> int:
    lines = (RESEARCH / "state_timeline.csv").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(prefix))


def test_committed_file_holds_every_seed_record(seed: tuple) -> None:
    loaded = {r.id: r for r in load_press_releases(COMMITTED)}
    for release in seed:
        row = loaded[release.id]
        assert row.origin == "seed"
        assert row.date == release.date
        assert row.tags == release.tags
        assert row.title == release.title
        assert [p.ars for p in row.places] == [p.ars for p in release.places]
        assert [(c.value, c.kind) for c in row.counts] == [
            (c.value, c.kind) for c in release.counts
        ]
        assert row.event_dates == release.event_dates
        assert row.summary_de
        assert row.summary_en
        assert row.source == f"{SEED.name}:{release.line}"
    assert sum(r.origin == "seed" for r in loaded.values()) == len(seed) == 10


def test_committed_file_holds_every_dated_count_statement() -> None:
    loaded = [r for r in load_press_releases(COMMITTED) if r.origin == "state_timeline"]
    by_source = {r.source: r for r in loaded}
    expected = 0
    for line, row in enumerate(_timeline(), start=2):
        if not (row["count"] or row["count_meaning"]) or row["precision"] == "unknown":
            continue
        expected += 1
        release = by_source[f"state_timeline.csv:{line}"]
        assert release.date.text == row["date"]
        assert release.summary_en == row["summary"]
        assert release.source_urls == tuple(row["source_url"].split())
        counts = [c.value for c in release.counts]
        assert counts == ([int(row["count"])] if row["count"] else [])
    assert len(loaded) == expected == 28
    borken = by_source[f"state_timeline.csv:{_timeline_line('2016-06-28,')}"]
    assert ([p.ars for p in borken.places], borken.counts[0].kind) == ([BORKEN], "ordinal")


def test_committed_file_keeps_no_full_texts(seed: tuple) -> None:
    text = COMMITTED.read_text(encoding="utf-8")
    for release in seed:
        assert release.text not in text


def test_write_then_load_round_trips(tmp_path: Path, seed: tuple) -> None:
    path = tmp_path / "press.csv"
    releases = build_press_releases(SEED, RESEARCH / "state_timeline.csv")
    write_press_releases(path, releases)
    loaded = load_press_releases(path)
    assert [r.id for r in loaded] == [r.id for r in releases]
    assert [r.date for r in loaded] == [r.date for r in releases]
    assert [r.qualitative for r in loaded] == [r.qualitative for r in releases]
    assert [r.counts for r in loaded] == [r.counts for r in releases]


def _bad_file(tmp_path: Path, column: str, value: str) -> Path:
    rows = list(csv.DictReader(COMMITTED.open(encoding="utf-8", newline="")))
    rows[2][column] = value
    path = tmp_path / "press_releases.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, PRESS_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("places", "05154 09999", "not a key"),
        ("counts", "count 99: viele", "count|ordinal N"),
        ("counts", "count 52/60: viele", "total 60, which must be from the count 52 to 54"),
        ("counts", "count 52/40: viele", "total 40, which must be from the count 52 to 54"),
        ("counts", "ordinal 51/0: das 51.", "total 0"),
        ("counts", "count 52 of 54: viele", "count|ordinal N/TOTAL"),
        ("date", "2013-13-12", "does not exist"),
        ("event_dates", "2016-06-31", "does not exist"),
        ("origin", "newspaper", "must be one of"),
        ("id", "Seed One", "slug"),
        ("summary_en", "", "must not be empty"),
        ("id", "seed-undated-staatssekretaerin-serap-gueler-beendet", "repeats line 2"),
    ],
)
def test_loader_names_file_line_column_and_value(
    tmp_path: Path, column: str, value: str, message: str
) -> None:
    with pytest.raises(DataFileError, match=message) as caught:
        load_press_releases(_bad_file(tmp_path, column, value))
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.column, problem.value) == (
        "press_releases.csv",
        4,
        column,
        value,
    )


def test_timeline_rows_need_urls(tmp_path: Path) -> None:
    rows = list(csv.DictReader(COMMITTED.open(encoding="utf-8", newline="")))
    index = next(i for i, r in enumerate(rows) if r["origin"] == "state_timeline")
    rows[index]["source_url"] = ""
    path = tmp_path / "press_releases.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, PRESS_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(DataFileError, match="source URL"):
        load_press_releases(path)


def test_counts_cell_keeps_the_total_and_reads_old_items(tmp_path: Path, seed: tuple) -> None:
    counts = (
        CountMention(52, "count", "52 der 54 Kreise", 54),
        CountMention(51, "ordinal", "das 51. von 54 Zentren", 54),
        CountMention(16, "count", "16 Standorte"),
    )
    release = replace(seed[2], text="", counts=counts, summary_de="de", summary_en="en")
    cell = press_release_to_row(release)[PRESS_COLUMNS.index("counts")]
    assert cell == (
        "count 52/54: 52 der 54 Kreise | ordinal 51/54: das 51. von 54 Zentren"
        " | count 16: 16 Standorte"
    )
    path = tmp_path / "press_releases.csv"
    write_press_releases(path, [release])
    (loaded,) = load_press_releases(path)
    assert loaded.counts == counts
