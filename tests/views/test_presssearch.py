"""Press-release search: folding, AND of terms, types, date ranges, order, centres, safe HTML."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser

import pytest

from geo import paths
from geo.sources.centres import load_centres
from geo.sources.fuzzydate import FuzzyDate
from geo.sources.press import PressRelease, load_press_releases
from geo.sources.press_counts import CountMention
from geo.sources.press_places import extract_places
from geo.views.presscards import RESULT_CSS, count_label, highlight_html, hit_html
from geo.views.presssearch import (
    SearchHit,
    SearchQuery,
    all_tags,
    date_span,
    fold,
    fold_with_origin,
    parse_terms,
    release_centres,
    releases_by_centre,
    search,
    tag_label,
)

RELEASES = load_press_releases(paths.PRESS_CSV)
CENTRES = load_centres(paths.CENTRES_CSV)
NAMES = {c.id: c.name for c in CENTRES}

DUEREN_IDS = {
    "seed-undated-besuch-des-kommunalen-integrationszentrums",
    "state-timeline-2013-02-28-founding-celebration-of-the",
}


def make_release(
    rid: str,
    when: tuple[str, str] = ("", "unknown"),
    *,
    title: str = "",
    text: str = "",
    tags: tuple[str, ...] = (),
    urls: tuple[str, ...] = (),
) -> PressRelease:
    """A hand-made release; its places are read from title and text like the parser does."""
    places, ambiguous = extract_places(f"{title}\n{text}")
    return PressRelease(
        date=FuzzyDate.parse(*when),
        tags=tags,
        title=title,
        text=text,
        places=places,
        counts=(),
        event_dates=(),
        ambiguous=ambiguous,
        id=rid,
        source_urls=urls,
    )


def ids(hits: tuple[SearchHit, ...]) -> list[str]:
    return [h.release.id for h in hits]


class _Tags(HTMLParser):
    """Collects every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parsed_tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


# --- folding and terms ----------------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["Düren", "düren", "DÜREN", "Dueren", "DUEREN", "Du\u0308ren"])
def test_every_spelling_of_dueren_folds_the_same(spelling: str) -> None:
    assert fold(spelling) == "dueren"


def test_fold_handles_sharp_s_accents_dashes_and_white_space() -> None:
    assert fold("Straße") == fold("STRASSE") == "strasse"
    assert fold("Özoğuz") == "oezoguz"
    assert fold("Ennepe\u2011Ruhr\u2013Kreis") == "ennepe-ruhr-kreis"
    assert fold("Kreis \n\t Düren") == "kreis dueren"


def test_fold_with_origin_points_back_at_the_original_characters() -> None:
    folded, origin = fold_with_origin("Aß ü")
    assert folded == "ass ue"
    assert origin == [0, 1, 1, 2, 3, 3]


def test_terms_split_on_white_space_and_keep_quoted_phrases() -> None:
    assert parse_terms('  Löhrmann "Kreis  Düren" „Stadt Aachen“ x ') == (
        "Löhrmann",
        "Kreis Düren",
        "Stadt Aachen",
        "x",
    )
    assert parse_terms("Düren dueren DÜREN") == ("Düren",)
    assert parse_terms('"" " ') == ()


# --- search ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Dueren", "düren", "DÜREN", "Düren"])
def test_dueren_finds_the_dueren_releases_in_the_real_data(text: str) -> None:
    assert set(ids(search(RELEASES, SearchQuery(text=text)))) == DUEREN_IDS


def test_search_is_case_insensitive_on_hand_made_releases() -> None:
    releases = [
        make_release("a", title="Eröffnung in KÖLN"),
        make_release("b", text="Besuch in Bonn"),
    ]
    for text in ("köln", "KOELN", "Koeln", "eröffnung"):
        assert ids(search(releases, SearchQuery(text=text))) == ["a"]


def test_all_words_must_occur() -> None:
    both = ids(search(RELEASES, SearchQuery(text="Löhrmann Dortmund")))
    # The LaKI release of 2013-12-03 is in Dortmund too, but its summary names no minister.
    assert both == [
        "seed-2013-12-02-integrationsminister-guntram-schneider-und",
        "state-timeline-2013-12-02-ministers-schneider-and-loehrmann",
    ]
    loehrmann = set(ids(search(RELEASES, SearchQuery(text="Löhrmann"))))
    assert set(both) < loehrmann
    assert "seed-2013-02-22-schulministerin-sylvia-loehrmann-hat" in loehrmann - set(both)
    assert search(RELEASES, SearchQuery(text="Löhrmann Dortmund Solingen")) == ()


def test_a_quoted_phrase_must_occur_as_written() -> None:
    releases = [
        make_release("a", text="Das KI Kreis Düren lädt ein."),
        make_release("b", text="Düren: der Kreis lädt ein."),
    ]
    assert ids(search(releases, SearchQuery(text='"kreis dueren"'))) == ["a"]
    assert ids(search(releases, SearchQuery(text="kreis dueren"))) == ["a", "b"]


def test_words_match_tags_their_labels_and_place_names() -> None:
    releases = [
        make_release("tag", text="Ein Text.", tags=("opening",)),
        make_release("place", text="Das KI im Hochsauerlandkreis."),
    ]
    assert ids(search(releases, SearchQuery(text="opening"))) == ["tag"]
    assert ids(search(releases, SearchQuery(text="Eröffnung"))) == ["tag"]
    # "HSK" is only an alias in the gazetteer; the text says "Hochsauerlandkreis".
    assert ids(search(releases, SearchQuery(text="hsk"))) == ["place"]


def test_no_words_match_every_release() -> None:
    assert len(search(RELEASES, SearchQuery())) == len(RELEASES)


def test_tag_filter_keeps_releases_with_any_chosen_type() -> None:
    hits = search(RELEASES, SearchQuery(tags=frozenset({"opening"})))
    assert hits
    assert all("opening" in h.release.tags for h in hits)
    assert len(hits) == sum("opening" in r.tags for r in RELEASES)
    either = search(RELEASES, SearchQuery(tags=frozenset({"Schule", "visit"})))
    assert {h.release.id for h in either} == {
        r.id for r in RELEASES if {"Schule", "visit"} & set(r.tags)
    }
    assert "seed-2016-07-01-staatssekretaere-hecke-und-klute" in ids(either)
    # Untagged releases fall out as soon as a type is chosen.
    assert all(h.release.tags for h in either)


DATED = [
    make_release("day", ("2013-06-12", "day"), text="x"),
    make_release("month", ("2013-06", "month"), text="x"),
    make_release("year", ("2013", "year"), text="x"),
    make_release("before", ("2013-02-28", "before"), text="x"),
    make_release("undated", text="x"),
]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # The month and the year still overlap a range starting on their last day.
        (date(2013, 6, 30), None, {"month", "year"}),
        (date(2013, 7, 1), None, {"year"}),
        (date(2014, 1, 1), None, set()),
        # ... and a range ending on their first day.
        (None, date(2013, 6, 1), {"month", "year", "before"}),
        (None, date(2012, 12, 31), {"before"}),
        (date(2013, 6, 12), date(2013, 6, 12), {"day", "month", "year"}),
        (date(2013, 3, 1), date(2013, 5, 31), {"year"}),
        (None, None, {"day", "month", "year", "before"}),
    ],
)
def test_date_range_keeps_releases_whose_window_overlaps(
    start: date | None, end: date | None, expected: set[str]
) -> None:
    without = search(DATED, SearchQuery(start=start, end=end, include_undated=False))
    assert set(ids(without)) == expected
    with_undated = search(DATED, SearchQuery(start=start, end=end))
    assert set(ids(with_undated)) == expected | {"undated"}


def test_results_are_newest_first_undated_last_and_stable() -> None:
    releases = [
        make_release("undated-1", text="x"),
        make_release("old", ("2012-10-30", "day"), text="x"),
        make_release("same-1", ("2014-04-25", "day"), text="x"),
        make_release("undated-2", text="x"),
        make_release("new", ("2016-07-01", "day"), text="x"),
        make_release("same-2", ("2014-04-25", "day"), text="x"),
    ]
    assert ids(search(releases, SearchQuery())) == [
        "new",
        "same-1",
        "same-2",
        "old",
        "undated-1",
        "undated-2",
    ]


def test_real_results_are_sorted_by_date() -> None:
    hits = search(RELEASES, SearchQuery())
    latest = [h.release.date.latest for h in hits]
    dated = [d for d in latest if d is not None]
    assert dated == sorted(dated, reverse=True)
    assert latest[len(dated) :] == [None] * (len(latest) - len(dated))
    assert len(dated) < len(latest)


def test_hits_carry_the_terms_and_the_centres() -> None:
    hits = search(RELEASES, SearchQuery(text="Steinfurt Borken"), centres=CENTRES)
    hit = next(h for h in hits if h.release.id.startswith("seed-2016-07-01"))
    assert hit.terms == ("Steinfurt", "Borken")
    assert hit.centre_ids == ("kreis-borken", "kreis-steinfurt")
    assert search(RELEASES, SearchQuery(text="Steinfurt"))[0].centre_ids == ()


# --- centres --------------------------------------------------------------------------------


def test_aachen_pair_each_release_gives_only_its_own_centre() -> None:
    region = make_release("r", text="Das KI der Städteregion Aachen feiert.")
    city = make_release("c", text="Das KI der Stadt Aachen feiert.")
    assert release_centres(region, CENTRES) == ("staedteregion-aachen",)
    assert release_centres(city, CENTRES) == ("stadt-aachen",)


def test_kreise_borken_und_steinfurt_gives_both_centres() -> None:
    release = make_release("bs", text="Neue KI in den Kreisen Borken und Steinfurt.")
    assert release_centres(release, CENTRES) == ("kreis-borken", "kreis-steinfurt")
    (real,) = [r for r in RELEASES if r.id == "seed-2016-07-01-staatssekretaere-hecke-und-klute"]
    assert release_centres(real, CENTRES) == ("kreis-borken", "kreis-steinfurt")


def test_a_release_without_places_names_no_centre() -> None:
    assert release_centres(make_release("n", text="Ein Jahr Integrationsgesetz."), CENTRES) == ()


def test_releases_by_centre_lists_every_centre_newest_first() -> None:
    mapping = releases_by_centre(RELEASES, CENTRES)
    assert set(mapping) == {c.id for c in CENTRES}
    assert mapping["kreis-dueren"] == (
        "state-timeline-2013-02-28-founding-celebration-of-the",
        "seed-undated-besuch-des-kommunalen-integrationszentrums",
    )
    assert mapping["kreis-borken"][:2] == (
        "seed-2016-07-01-staatssekretaere-hecke-und-klute",
        "state-timeline-2016-06-28-sts-ludwig-hecke-opens",
    )
    assert mapping["staedteregion-aachen"] == ()
    assert mapping["stadt-aachen"] == ()


# --- widgets' defaults ----------------------------------------------------------------------


def test_all_tags_and_date_span_of_the_real_data() -> None:
    tags = all_tags(RELEASES)
    assert set(tags) == {t for r in RELEASES for t in r.tags}
    assert len(tags) == len(set(tags))
    assert list(tags) == sorted(tags, key=str.casefold)
    assert date_span(RELEASES) == (date(2012, 1, 1), date(2021, 8, 10))


def test_date_span_without_dated_releases() -> None:
    undated = [make_release("u", text="x")]
    with pytest.raises(ValueError, match="no release has a date"):
        date_span(undated)
    fallback = (date(2012, 1, 1), date(2018, 12, 31))
    assert date_span(undated, default=fallback) == fallback


def test_tag_labels_translate_known_types_only() -> None:
    assert tag_label("opening", "de") == "Eröffnung"
    assert tag_label("opening", "en") == "Opening"
    assert tag_label("Pressemitteilung", "en") == "Press release"
    assert tag_label("Neu", "en") == "Neu"


# --- highlighting ---------------------------------------------------------------------------


def test_highlight_maps_folded_matches_back_to_umlauts() -> None:
    assert highlight_html("Kreis Düren", ["dueren"]) == "Kreis <mark>Düren</mark>"
    assert highlight_html("Große Straße", ["STRASSE"]) == "Große <mark>Straße</mark>"
    assert highlight_html("Mülheim und Muelheim", ["mülheim"]) == (
        "<mark>Mülheim</mark> und <mark>Muelheim</mark>"
    )
    decomposed = unicodedata.normalize("NFD", "Düren")
    assert highlight_html(decomposed, ["Düren"]) == f"<mark>{decomposed}</mark>"


def test_highlight_merges_overlapping_terms_and_ignores_empty_ones() -> None:
    assert highlight_html("Kreis Düren", ["Kreis D", "düren"]) == "<mark>Kreis Düren</mark>"
    assert highlight_html("Kreis Düren", ["", "  "]) == "Kreis Düren"
    assert highlight_html("a < b", []) == "a &lt; b"


def test_highlight_escapes_text_and_never_copies_terms() -> None:
    text = "<script>alert(\"x\")</script> & <img src=x onerror=alert(1)> 'Düren'"
    out = highlight_html(text, ["<script>", "onerror=", "düren", '"><b>'])
    assert "<script" not in out
    assert "<img" not in out
    assert "&lt;script&gt;" in out
    assert "&amp;" in out
    assert "&#x27;" in out
    assert [tag for tag, _ in parsed_tags(out)] == ["mark", "mark", "mark"]
    assert all(attrs == {} for _, attrs in parsed_tags(out))


# --- result cards ---------------------------------------------------------------------------


def card(release: PressRelease, text: str = "", lang: str = "de") -> str:
    hit = search([release], SearchQuery(text=text), centres=CENTRES)[0]
    return hit_html(hit, lang, centre_names=NAMES)


def test_card_shows_date_tags_title_chips_excerpt_and_links() -> None:
    release = make_release(
        "k",
        ("2016-06", "month"),
        title="Eröffnung in den Kreisen Borken und Steinfurt",
        text="Staatssekretär Klute eröffnet das KI im Kreis Steinfurt.",
        tags=("opening",),
        urls=("https://land.nrw/pressemitteilung/x",),
    )
    html = card(release, "steinfurt")
    assert '<span class="ki-press-date">Juni 2016</span>' in html
    assert '<span class="ki-press-tag">Eröffnung</span>' in html
    assert "Kreisen Borken und <mark>Steinfurt</mark></div>" in html
    assert (
        f'<span class="ki-chip" data-centre="kreis-borken">{NAMES["kreis-borken"]}</span>' in html
    )
    assert "im Kreis <mark>Steinfurt</mark>.</p>" in html
    (link,) = [attrs for tag, attrs in parsed_tags(html) if tag == "a"]
    assert link == {
        "href": "https://land.nrw/pressemitteilung/x",
        "target": "_blank",
        "rel": "noopener noreferrer",
    }
    assert "\n" not in html
    assert "June 2016" in card(release, lang="en")


def test_card_of_an_undated_release_without_title() -> None:
    release = make_release("u", text="Ministerin Löhrmann besucht das KI Kreis Düren.")
    de, en = card(release, "dueren"), card(release, "dueren", lang="en")
    assert "Datum unbekannt" in de
    assert "Date unknown" in en
    title = (
        '<div class="ki-press-title">Ministerin Löhrmann besucht das KI Kreis <mark>Düren</mark>.'
    )
    assert title in de


def test_card_without_full_text_shows_the_summary_of_its_language() -> None:
    (real,) = [r for r in RELEASES if r.id == "seed-2014-04-25-in-den-nrw-kreisen"]
    assert "49 KI <mark>arbeiten</mark>" in card(real, "arbeiten")
    assert "49 KIs <mark>work</mark>" in card(real, "work", lang="en")


def test_excerpt_is_cut_around_the_first_match() -> None:
    text = "Anfang " + "lorem ipsum " * 60 + "Die Stadt Köln eröffnet. " + "dolor sit " * 60
    release = make_release("long", ("2018-10-02", "day"), title="Titel", text=text)
    html = card(release, "köln")
    (excerpt,) = [p for p in html.split('<p class="ki-press-text">')[1:]]
    excerpt = excerpt.split("</p>")[0]
    assert excerpt.startswith("… ")
    assert excerpt.endswith(" …")
    assert "Stadt <mark>Köln</mark> eröffnet" in excerpt
    assert "Anfang" not in excerpt
    assert len(excerpt) < 360


def test_card_escapes_everything_and_drops_unsafe_links() -> None:
    release = make_release(
        "x\"><script>alert('id')</script>",
        ("2013", "year"),
        title="<script>alert(1)</script> Düren",
        text='Text <img src=x onerror="alert(2)"> im Kreis Düren',
        tags=('"><svg onload=alert(3)>',),
        urls=(
            "javascript:alert(4)",
            " JavaScript:alert(5)",
            "data:text/html,<script>alert(6)</script>",
            'https://example.org/a"onmouseover="alert(7)',
            "https://ok.example/x?a=1&b=2",
        ),
    )
    hit = SearchHit(release, ("<script>", "düren"), ("kreis-dueren",))
    html = hit_html(hit, "de", centre_names={"kreis-dueren": "<b onclick=alert(8)>KI</b>"})
    assert "<script" not in html
    assert "javascript:" not in html.lower()
    assert "data:text" not in html
    tags = parsed_tags(html)
    assert {tag for tag, _ in tags} <= {"div", "span", "p", "mark", "a"}
    allowed = {"class", "data-release", "data-centre", "href", "target", "rel"}
    for _, attrs in tags:
        assert set(attrs) <= allowed
        assert not any(name.startswith("on") for name in attrs)
    hrefs = [attrs["href"] for tag, attrs in tags if tag == "a"]
    assert hrefs == ['https://example.org/a"onmouseover="alert(7)', "https://ok.example/x?a=1&b=2"]
    assert "&amp;b=2" in html
    assert "&lt;b onclick=alert(8)&gt;KI&lt;/b&gt;" in html


@pytest.mark.parametrize(
    ("count", "de", "en"),
    [
        (CountMention(16, "count", "16 Standorte"), "16", "16"),
        (CountMention(52, "count", "52 der 54 Kreise", 54), "52 von 54", "52 of 54"),
        (CountMention(51, "ordinal", "51. Zentrums"), "51.", "no. 51"),
        (CountMention(51, "ordinal", "das 51. von 54", 54), "51. von 54", "no. 51 of 54"),
    ],
)
def test_count_label_shows_the_total_in_both_languages(
    count: CountMention, de: str, en: str
) -> None:
    assert (count_label(count, "de"), count_label(count, "en")) == (de, en)


def test_card_shows_each_stated_number_once_with_its_total() -> None:
    release = replace(
        make_release("n", ("2016-07-14", "day"), text="52 der 54 Kreise haben ein KI."),
        counts=(
            CountMention(52, "count", "52 der 54 Kreise", 54),
            CountMention(16, "count", "16 Standorte"),
            CountMention(52, "count", "52 von 54 Kommunen", 54),
        ),
    )
    assert '<div class="ki-press-counts">Genannte Zahlen: 52 von 54 · 16</div>' in card(release)
    en = card(release, lang="en")
    assert '<div class="ki-press-counts">Numbers stated: 52 of 54 · 16</div>' in en
    assert "ki-press-counts" not in card(make_release("none", text="Kein Wert im Kreis Düren."))


def test_result_css_styles_the_classes_the_cards_use() -> None:
    html = card(make_release("c", ("2013", "year"), text="KI Kreis Düren", tags=("visit",)))
    for name in ("ki-press-hit", "ki-press-date", "ki-press-tag", "ki-press-title", "ki-chip"):
        assert f'class="{name}"' in html
        assert f".{name} " in RESULT_CSS
    assert ".ki-press-counts " in RESULT_CSS
    assert "mark" in RESULT_CSS
