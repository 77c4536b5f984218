"""The `press parse` command: JSON with exactly the documented keys, text output, errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

from geo.paths import SEED_LISTING
from geo.sources.press_cli import run_parse_cli, to_json_records
from geo.sources.press_listing import parse_listing

SEED = SEED_LISTING

DORTMUND, BORKEN, STEINFURT = "05913", "05554", "05566"


def test_cli_json_has_exactly_the_documented_keys() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert run_parse_cli(SEED, as_json=True, out=out, err=err) == 0
    records = json.loads(out.getvalue())
    assert len(records) == 10
    for record in records:
        assert set(record) == {
            "date",
            "tags",
            "title",
            "text",
            "places",
            "counts",
            "event_dates",
        }
        assert all(set(p) == {"ars", "name"} for p in record["places"])
        assert all(set(c) == {"value", "kind", "phrase", "total"} for c in record["counts"])
        assert all(c["kind"] in ("count", "ordinal") for c in record["counts"])
    last = records[-1]
    assert last["date"] == "2016-07-01"
    assert last["places"] == [
        {"ars": BORKEN, "name": "Kreis Borken"},
        {"ars": STEINFURT, "name": "Kreis Steinfurt"},
    ]
    assert {"value": 51, "kind": "ordinal", "phrase": "51. Zentrums", "total": None} in last[
        "counts"
    ]
    assert last["event_dates"] == ["2016-06-28", "2016-06-29"]
    assert records[0]["date"] is None
    assert err.getvalue() == ""


def test_cli_text_output_lists_each_record() -> None:
    out = io.StringIO()
    assert run_parse_cli(SEED, as_json=False, out=out, err=io.StringIO()) == 0
    text = out.getvalue()
    assert text.count("\n  places: ") == 7
    assert "2014-04-25 [Pressemitteilung] (line 38)" in text
    assert "undated (line 34): Vier Jahre" in text
    assert "Kreis Borken (05554)" in text


def test_cli_reports_unreadable_input(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert run_parse_cli(tmp_path / "nope.txt", as_json=True, out=out, err=err) == 1
    assert out.getvalue() == ""
    assert err.getvalue().startswith(f"error: {tmp_path / 'nope.txt'}: cannot read")


def test_to_json_records_serialises_fuzzy_dates() -> None:
    (release,) = parse_listing("  • 06.11.2015\nBesuch in Dortmund nach Ende Oktober.\n")
    (record,) = to_json_records([release])
    assert record["date"] == "2015-11-06"
    assert record["event_dates"] == ["2015-10"]
    assert record["places"] == [{"ars": DORTMUND, "name": "Stadt Dortmund"}]


PARTS = (
    "  • 14.07.2016\n"
    "Inzwischen haben 52 der 54 Kreise und kreisfreien Städte ein Zentrum, "
    "die Stadt Hagen hat das 3. von 54 Kommunalen Integrationszentren.\n"
)


def test_cli_shows_the_total_of_a_count(tmp_path: Path) -> None:
    listing = tmp_path / "listing.txt"
    listing.write_text(PARTS, encoding="utf-8")
    out = io.StringIO()
    assert run_parse_cli(listing, as_json=True, out=out, err=io.StringIO()) == 0
    (record,) = json.loads(out.getvalue())
    assert record["counts"] == [
        {"value": 52, "kind": "count", "phrase": "52 der 54 Kreise", "total": 54},
        {"value": 3, "kind": "ordinal", "phrase": "3. von 54 Kommunalen Integrationszentren",
         "total": 54},
    ]  # fmt: skip
    out = io.StringIO()
    assert run_parse_cli(listing, as_json=False, out=out, err=io.StringIO()) == 0
    assert (
        "  counts: 52 von 54 (52 der 54 Kreise), 3. von 54 (3. von 54 Kommunalen "
        "Integrationszentren)\n"
    ) in out.getvalue()
