"""The words inside a map's frame: title, date line, counts, the highlight's line, legend entries
and credits, one definition for the web map and the printed page."""

from __future__ import annotations

from datetime import date

from geo.model.timeline import CentreState, Timeline
from geo.paths import CENTRES_CSV, OUTLINE_GEOJSON
from geo.sources.boundaries import load_boundaries
from geo.sources.centres import load_centres
from geo.sources.fuzzydate import FuzzyDate
from geo.views.map_caption import map_caption, release_reason, years_reason

TIMELINE = Timeline(load_centres(CENTRES_CSV))


def test_the_caption_names_the_date_and_the_counts_of_the_day(boundaries) -> None:
    day = date(2014, 4, 25)
    snapshot = TIMELINE.snapshot(day)
    caption = map_caption(TIMELINE, boundaries, day, lang="de")
    assert caption.title == "Kommunale Integrationszentren in NRW"
    assert caption.date_line == "Stand: 25.04.2014"
    assert caption.counts == (
        ("Geöffnet", snapshot.count(CentreState.OPEN)),
        ("Start unsicher", snapshot.count(CentreState.UNCERTAIN)),
        ("Bewilligt, noch nicht gestartet", snapshot.count(CentreState.APPROVED)),
    )
    assert caption.count_lines.splitlines()[0] == f"Geöffnet: {snapshot.count(CentreState.OPEN)}"
    assert caption.highlight_line == ""
    assert "GeoBasis-DE / BKG" in caption.attribution
    assert "GeoNames" in caption.attribution
    assert [label for _, label in caption.kreis_legend][-1] == "noch kein Zentrum"


def test_the_caption_speaks_english_and_takes_an_own_title(boundaries) -> None:
    caption = map_caption(
        TIMELINE, boundaries, date(2016, 7, 1), lang="en", title="Own data: x.csv"
    )
    assert caption.title == "Own data: x.csv"
    assert caption.date_line == "As of 1 July 2016"
    assert [label for label, _ in caption.counts] == [
        "Open",
        "Start uncertain",
        "Approved, not started",
    ]


def test_a_highlight_of_start_years_is_explained_with_the_centres_drawn(boundaries) -> None:
    ids = frozenset(TIMELINE.started_in([2016]))
    assert len(ids) == 2
    caption = map_caption(
        TIMELINE,
        boundaries,
        date(2016, 7, 1),
        lang="de",
        highlight=ids,
        highlight_reason=years_reason([2016], "de"),
    )
    assert caption.highlight_line == "Hervorgehoben: Start 2016 (2 Zentren); übrige blass"
    # Before they were approved the map draws none of them, and says so.
    early = map_caption(
        TIMELINE,
        boundaries,
        date(2013, 1, 1),
        lang="en",
        highlight=ids,
        highlight_reason=years_reason([2016, 2015, 2016], "en"),
    )
    assert early.highlight_line == "Highlighted: started 2015, 2016 (0 centres); others pale"


def test_one_highlighted_centre_is_singular_and_a_release_is_named_by_its_date(boundaries) -> None:
    one = frozenset({TIMELINE.centres[0].id})
    reason = release_reason(FuzzyDate.parse("2016-03-12", "day"), "de")
    caption = map_caption(
        TIMELINE, boundaries, date(2018, 10, 1), lang="de", highlight=one, highlight_reason=reason
    )
    assert caption.highlight_line == (
        "Hervorgehoben: Pressemitteilung vom 12.03.2016 (1 Zentrum); übrige blass"
    )


def test_without_kreis_boundaries_the_legend_has_no_kreis_fills(tmp_path) -> None:
    outline = load_boundaries(env={}, cache_dir=tmp_path, outline_path=OUTLINE_GEOJSON)
    caption = map_caption(TIMELINE, outline, date(2016, 7, 1), lang="de")
    assert caption.kreis_legend == ()
    assert len(caption.centre_legend) == 3
    assert "Kreisgrenzen fehlen" in caption.attribution
