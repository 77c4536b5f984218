"""Press listings: every seed entry parsed, places/counts/dates extracted, the CSV and the CLI."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from geo.errors import DataFileError, KiAtlasError, PressFormatError
from geo.paths import SEED_LISTING, SOURCES_DIR
from geo.sources.build_data import build_press_releases
from geo.sources.press import (
    PRESS_COLUMNS,
    extract_counts,
    extract_event_dates,
    extract_places,
    extract_qualitative,
    load_press_releases,
    parse_listing,
    read_listing,
    run_parse_cli,
    to_json_records,
    write_press_releases,
)

REPO = Path(__file__).resolve().parents[2]
RESEARCH = SOURCES_DIR
SEED = SEED_LISTING
COMMITTED = REPO / "data" / "press_releases.csv"

KLEVE, DUEREN, MUELHEIM, ESSEN = "05154", "05358", "05117", "05113"
DORTMUND, SOLINGEN, BORKEN, STEINFURT = "05913", "05122", "05554", "05566"

# Every entry of the seed: first line, date, tags, title start, text start, places (hand
# annotated: the territories each entry names), counts and event dates.
SEED_ENTRIES = [
    (6, None, (), "Staatssekretärin Serap Güler beendet", "Rund ein Drittel", (KLEVE,),
     [(54, "count"), (54, "count")], []),
    (10, None, (), "Besuch des Kommunalen Integrationszentrums Kreis Düren", "Schulministerin",
     (DUEREN, MUELHEIM), [], []),
    (14, "2013-06-12", ("Pressemitteilung",), "", "Die Vorbereitungen", (),
     [(13, "count"), (16, "count"), (13, "count")], []),
    (19, "2013-02-21", ("Pressemitteilung",), "", "Ein Jahr nach Verabschiedung", (ESSEN,),
     [(54, "count"), (16, "count"), (38, "count")], []),
    (24, "2013-12-02", ("Pressemitteilung",), "", "Integrationsminister Guntram", (DORTMUND,),
     [], []),
    (29, "2013-12-03", ("Pressemitteilung",), "", "Integrationsminister Guntram", (DORTMUND,),
     [], []),
    (34, None, (), "Vier Jahre Kommunale Integrationszentren in NRW", "Vier Jahre nach", (),
     [], []),
    (38, "2014-04-25", ("Pressemitteilung",), "", "In den NRW-Kreisen", (), [(49, "count")], []),
    (43, "2013-02-22", ("Pressemitteilung",), "", "Schulministerin Sylvia", (SOLINGEN,),
     [(16, "count")], []),
    (48, "2016-07-01", ("Schule", "Pressemitteilung"), "Staatssekretäre Hecke und Klute",
     "Zwei Eröffnungen", (BORKEN, STEINFURT), [(2, "count"), (51, "ordinal")],
     ["2016-06-28", "2016-06-29"]),
]  # fmt: skip


@pytest.fixture(scope="module")
def seed() -> tuple:
    return read_listing(SEED)


def _timeline() -> list[dict[str, str]]:
    with (RESEARCH / "state_timeline.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _timeline_line(prefix: str) -> int:
    lines = (RESEARCH / "state_timeline.csv").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(prefix))


# ---------------------------------------------------------------------------- the seed


def test_seed_has_ten_entries_in_order(seed: tuple) -> None:
    assert [r.line for r in seed] == [e[0] for e in SEED_ENTRIES]


@pytest.mark.parametrize("entry", SEED_ENTRIES, ids=lambda e: f"line{e[0]}")
def test_every_seed_entry(seed: tuple, entry: tuple) -> None:
    line, day, tags, title, text, places, counts, events = entry
    (release,) = [r for r in seed if r.line == line]
    assert (release.date.text or None) == day
    assert release.date.precision.value == ("day" if day else "unknown")
    assert release.tags == tags
    assert release.title.startswith(title)
    assert bool(release.title) == bool(title)
    assert release.text.startswith(text)
    assert tuple(p.ars for p in release.places) == places
    assert release.ambiguous == ()
    assert [(c.value, c.kind) for c in release.counts] == counts
    assert [d.text for d in release.event_dates] == events


def test_furniture_and_the_no_break_space_line_are_ignored(seed: tuple) -> None:
    everything = " ".join(r.title + " " + r.text for r in seed)
    for furniture in ("Suche", "In Zeitraum suchen", "Anzahl der Ergebnisse"):
        assert not any(r.title == furniture or r.text == furniture for r in seed)
    assert "\xa0" not in everything


def test_seed_dates_agree_with_the_research_timeline(seed: tuple) -> None:
    """Bullets go with the text after them: the dates then match the research's counts."""
    by_count = {(r.date.text, c.value) for r in seed for c in r.counts}
    timeline = {(row["date"], row["count"]) for row in _timeline()}
    assert ("2014-04-25", 49) in by_count
    assert ("2014-04-25", "49") in timeline
    assert ("2013-02-21", 16) in by_count
    assert ("2013-02-21", "16") in timeline
    assert ("2013-06-12", 13) in by_count  # 16 + 13 = 29 in the timeline
    assert ("2013-06-12", "29") in timeline
    opening = next(r for r in seed if r.date.text == "2016-07-01")
    rows = {row["date"]: row for row in _timeline()}
    for event, ordinal, ars in (("2016-06-28", "51", BORKEN), ("2016-06-29", "52", STEINFURT)):
        assert event in [d.text for d in opening.event_dates]
        assert rows[event]["count"] == ordinal
        assert ars in [p.ars for p in opening.places]
    assert any(c.value == 51 and c.kind == "ordinal" for c in opening.counts)


def test_qualitative_counts_are_kept_as_words(seed: tuple) -> None:
    by_line = {r.line: r for r in seed}
    assert by_line[14].qualitative == ("mehr als die Hälfte der Kommunen",)
    assert by_line[38].qualitative == ("alle kreisfreien Städte", "fast alle Kreise")
    assert all(c.value != 28 for c in by_line[14].counts)


def test_place_extraction_precision_and_recall_on_the_seed(seed: tuple) -> None:
    truth = {(e[0], ars) for e in SEED_ENTRIES for ars in e[5]}
    found = {(r.line, p.ars) for r in seed for p in r.places}
    true_positives = len(found & truth)
    precision = true_positives / len(found)
    recall = true_positives / len(truth)
    assert (precision, recall) == (1.0, 1.0)


# -------------------------------------------------------------------------------- places


@pytest.mark.parametrize(
    ("text", "places", "ambiguous"),
    [
        ("Besuch im Kreis Kleve", ["05154"], []),
        ("im Kreis Düren", ["05358"], []),
        ("des Kreises Steinfurt", ["05566"], []),
        ("in den Kreisen Borken und Steinfurt", ["05554", "05566"], []),
        ("der Kreise Borken, Coesfeld und Steinfurt", ["05554", "05558", "05566"], []),
        ("im Rhein-Kreis Neuss", ["05162"], []),
        ("des Rhein-Kreises Neuss", ["05162"], []),
        ("im Kreis Neuss", ["05162"], []),
        ("Städteregion Aachen", ["05334"], []),
        ("die StädteRegion Aachen", ["05334"], []),
        ("die Stadt Aachen", ["05334002"], []),
        ("in Aachen", [], ["Aachen"]),
        ("in der Städteregion Aachen, genauer in Aachen", ["05334"], []),
        ("in Dortmund", ["05913"], []),
        ("Dortmunds Integrationszentrum", ["05913"], []),
        ("nach Mülheim", ["05117"], []),
        ("in Muelheim an der Ruhr", ["05117"], []),
        ("der Stadt Solingen", ["05122"], []),
        ("in Koeln", ["05315"], []),
        ("nun in Düren", [], ["Düren"]),
        ("Kreis Düren: nun in Düren", ["05358"], []),
        ("Zentrum in Borken", [], ["Borken"]),
        ("in der Stadt Düren", [], []),
        ("in der Kreisstadt Borken", [], []),
        ("in Neuss", [], ["Neuss"]),
        ("des Märkischen Kreises", ["05962"], []),
        ("im Oberbergischen Kreis", ["05374"], []),
        ("im Hochsauerlandkreis", ["05958"], []),
        ("im HSK", ["05958"], []),
        ("des Ennepe-Ruhr-Kreises", ["05954"], []),
        ("im Rhein-Erft-Kreis", ["05362"], []),
        ("in Lippe", ["05766"], []),
        ("Kreis Minden-Lübbecke", ["05770"], []),
        ("die Städte Bochum und Herne", ["05911", "05916"], []),
        ("Landeshauptstadt Düsseldorf", ["05111"], []),
        ("wir essen gemeinsam", [], []),
        ("in Essen", ["05113"], []),
        ("die Dortmunder Kollegen", [], []),
        ("in Köln-Mülheim", [], []),
        ("in den NRW-Kreisen", [], []),
        ("in Nordrhein-Westfalen", [], []),
        ("in Bergheim", [], []),
        ("Kreis Kleve, Kleve und Kreis Kleve", ["05154"], []),
    ],
)
def test_extract_places(text: str, places: list[str], ambiguous: list[str]) -> None:
    found, unclear = extract_places(text)
    assert [p.ars for p in found] == places
    assert list(unclear) == ambiguous


def test_place_mentions_carry_names_and_phrases() -> None:
    (place,), _ = extract_places("Eröffnung des Kreises Steinfurt")
    assert (place.ars, place.name, place.phrase) == (
        "05566",
        "Kreis Steinfurt",
        "Kreises Steinfurt",
    )


# -------------------------------------------------------------------------------- counts


ALL_54 = "alle 54 Kommunalen Integrationszentren"
NO_53 = "53. Kommunale Integrationszentrum"
TWO_NEW = "zwei neue Kommunale Integrationszentren"
HALF = "mehr als die Hälfte der Kommunen"
FAST = "fast alle Kreise"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bereits 16 Standorte", [(16, "count", "16 Standorte")]),
        ("13 weitere Kreise und kreisfreie Städte", [(13, "count", "13 weitere Kreise")]),
        ("49 Kommunale Integrationszentren", [(49, "count", "49 Kommunale Integrationszentren")]),
        ("in den 54 Kreisen", [(54, "count", "54 Kreisen")]),
        (ALL_54, [(54, "count", ALL_54)]),
        ("durch alle 54.", [(54, "count", "alle 54")]),
        ("des 51. Zentrums", [(51, "ordinal", "51. Zentrums")]),
        ("das " + NO_53, [(53, "ordinal", NO_53)]),
        ("der 38 in Frage kommenden Städte", [(38, "count", "38 in Frage kommenden Städte")]),
        (TWO_NEW, [(2, "count", TWO_NEW)]),
        ("mehr als die Hälfte der Kommunen", []),
        ("Rund ein Drittel der Menschen", []),
        ("in nur zwei Jahren", []),
        ("Vier Jahre Kommunale Integrationszentren", []),
        ("am 28. und 29. Juni 2016", []),
        ("seit 2012 in 396 Kommunen", []),
    ],
)  # fmt: skip
def test_extract_counts(text: str, expected: list[tuple[int, str, str]]) -> None:
    assert [(c.value, c.kind, c.phrase) for c in extract_counts(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Damit sind {HALF} am Start", [HALF]),
        ("alle kreisfreien Städte, fast alle Kreise", ["alle kreisfreien Städte", FAST]),
        ("Rund ein Drittel der Menschen", []),
        ("alle Kommunalen Integrationszentren, die errichtet wurden", []),
    ],
)  # fmt: skip
def test_extract_qualitative(text: str, expected: list[str]) -> None:
    assert list(extract_qualitative(text)) == expected


# --------------------------------------------------------------------------- event dates


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("am 28. und 29. Juni 2016", None, [("2016-06-28", "day"), ("2016-06-29", "day")]),
        ("vom 17. bis 25. November 2017", None, [("2017-11-17", "day"), ("2017-11-25", "day")]),
        ("am 12.06.2013", None, [("2013-06-12", "day")]),
        ("Ende Oktober", date(2015, 11, 6), [("2015-10", "month")]),
        ("Ende Oktober", date(2016, 3, 1), [("2015-10", "month")]),
        ("Ende Oktober", None, []),
        ("Ende Oktober 2015", None, [("2015-10", "month")]),
        ("im August 2017", None, [("2017-08", "month")]),
        ("August Thyssen", date(2017, 9, 1), []),
        ("am 31. Juni 2016", None, []),
        ("seit zwei Jahren", date(2016, 1, 1), []),
    ],
)
def test_extract_event_dates(
    text: str, reference: date | None, expected: list[tuple[str, str]]
) -> None:
    found = extract_event_dates(text, reference=reference)
    assert [(d.text, d.precision.value) for d in found] == expected


def test_the_release_date_is_the_reference_for_dates_without_a_year() -> None:
    listing = "  • 06.11.2015\nNach Mülheim Ende Oktober nun in Düren.\n"
    (release,) = parse_listing(listing)
    assert [d.text for d in release.event_dates] == ["2015-10"]
    (undated,) = parse_listing("Nach Mülheim Ende Oktober nun in Düren.\n")
    assert undated.event_dates == ()


# ------------------------------------------------------------------------------ parsing


def test_bullets_belong_to_the_following_entry_and_titles_need_a_text() -> None:
    listing = (
        "Suche\n\nAnzahl der Ergebnisse\n"
        "Eine Überschrift ohne Punkt\n\nDer Text dazu.\n\n"
        "  • Pressemitteilung\n  • 01.02.2014\n\nNur ein Text.\n\n"
        "  • Schule\n  • 03.04.2015\nTitel direkt nach den Punkten\n\nSein Text.\n"
    )
    releases = parse_listing(listing, source="x.txt")
    assert [(r.date.text, r.tags, r.title, r.text, r.line) for r in releases] == [
        ("", (), "Eine Überschrift ohne Punkt", "Der Text dazu.", 4),
        ("2014-02-01", ("Pressemitteilung",), "", "Nur ein Text.", 8),
        ("2015-04-03", ("Schule",), "Titel direkt nach den Punkten", "Sein Text.", 13),
    ]
    assert all(r.source == "x.txt" for r in releases)


def test_a_lone_line_without_a_full_stop_is_a_text() -> None:
    (release,) = parse_listing("  • 01.02.2014\nEine Zeile ohne Punkt\n")
    assert (release.title, release.text) == ("", "Eine Zeile ohne Punkt")


@pytest.mark.parametrize(
    ("listing", "line", "message"),
    [
        ("Text.\n\n  • 31.02.2014\n\nMehr Text.\n", 3, "not a real date"),
        ("Text.\n\n  • 01.02.2014\n", 3, "followed by no entry"),
        ("  • 01.02.2014\n  • 02.02.2014\nText.\n", 2, "second date"),
    ],
)
def test_malformed_listings_name_the_line(listing: str, line: int, message: str) -> None:
    with pytest.raises(PressFormatError, match=message) as caught:
        parse_listing(listing, source="pm.txt")
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == ("pm.txt", line)


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (None, None, "cannot read"),
        (b"Text.\n\x00\x01binary", 2, "binary"),
        ("Zeile eins.\nStra\xdfe.\n".encode("latin-1"), 2, "not UTF-8"),
        (b"", None, "empty"),
        ("Suche\n\nIn Zeitraum suchen\n\xa0\n".encode(), None, "no press release entries"),
    ],
)
def test_unreadable_input(tmp_path: Path, content: bytes | None, line: int, message: str) -> None:
    path = tmp_path / "listing.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(PressFormatError, match=message) as caught:
        read_listing(path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == (str(path), line)
    assert isinstance(caught.value, KiAtlasError)
    assert isinstance(caught.value, ValueError)


# ----------------------------------------------------------------------------------- CLI


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
        assert all(set(c) == {"value", "kind", "phrase"} for c in record["counts"])
        assert all(c["kind"] in ("count", "ordinal") for c in record["counts"])
    last = records[-1]
    assert last["date"] == "2016-07-01"
    assert last["places"] == [
        {"ars": BORKEN, "name": "Kreis Borken"},
        {"ars": STEINFURT, "name": "Kreis Steinfurt"},
    ]
    assert {"value": 51, "kind": "ordinal", "phrase": "51. Zentrums"} in last["counts"]
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


# --------------------------------------------------------------------- press_releases.csv


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


# ------------------------------------------------------------------------------- building


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
