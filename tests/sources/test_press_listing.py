"""Press listings: every seed entry parsed, bullets, titles and texts, malformed input."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from geo.errors import KiAtlasError, PressFormatError
from geo.paths import SEED_LISTING, SOURCES_DIR
from geo.sources.press_listing import parse_listing, read_listing

RESEARCH = SOURCES_DIR
SEED = SEED_LISTING

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


def test_counts_of_a_total_are_read_from_title_and_text() -> None:
    listing = (
        "  • 02.03.2016\n"
        "Fast flächendeckend: 50 von 53 Kreisen\n\n"
        "Der Ausbau der Kommunalen Integrationszentren geht weiter. Mittlerweile sind es 50, "
        "nur drei der 53 Kreise und kreisfreien Städte warten noch.\n"
    )
    (release,) = parse_listing(listing)
    assert release.title == "Fast flächendeckend: 50 von 53 Kreisen"
    assert [(c.value, c.kind, c.total) for c in release.counts] == [
        (50, "count", 53),
        (50, "count", None),
        (3, "count", 53),
    ]
    # The seed states no total: its counts (and data/press_releases.csv) keep none.
    assert all(c.total is None for r in read_listing(SEED) for c in r.counts)


def test_place_extraction_precision_and_recall_on_the_seed(seed: tuple) -> None:
    truth = {(e[0], ars) for e in SEED_ENTRIES for ars in e[5]}
    found = {(r.line, p.ars) for r in seed for p in r.places}
    true_positives = len(found & truth)
    precision = true_positives / len(found)
    recall = true_positives / len(truth)
    assert (precision, recall) == (1.0, 1.0)


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
