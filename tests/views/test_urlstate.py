"""The view in the URL: valid values are taken, invalid ones fall back with a notice."""

from __future__ import annotations

from datetime import date

import pytest

from geo.views.urlstate import (
    MAX_QUOTED,
    MAX_YEARS_LENGTH,
    ViewState,
    frame_of,
    parse_view,
    view_to_query,
)

DEFAULT = ViewState(day=date(2018, 10, 1))
RANGE = {"first_day": date(2012, 1, 1), "last_day": date(2018, 10, 1)}
YEARS = (2012, 2013, 2014, 2016, 2017, 2018)


def parse(params):
    return parse_view(params, default=DEFAULT, years=YEARS, **RANGE)


def test_a_full_link_restores_the_exact_view() -> None:
    view, notices = parse({"date": "2016-07-14", "year": "2013,2014", "lang": "en", "tiles": "osm"})
    assert view == ViewState(date(2016, 7, 14), (2013, 2014), "en", "osm")
    assert notices == []


def test_no_parameters_give_the_default() -> None:
    assert parse({}) == (DEFAULT, [])


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"date": "garbage"}, "day", "kein Datum"),
        ({"date": "2016-02-30"}, "day", "kein Datum"),
        ({"date": "2030-01-01"}, "day", "nicht zwischen 2012-01-01 und 2018-10-01"),
        ({"lang": "fr"}, "lang", "Unbekannte Sprache „fr“"),
        ({"tiles": "google"}, "tiles", "Unbekannte Hintergrundkarte „google“"),
        ({"year": "2015"}, "years", "Jahr „2015“"),
        ({"year": "abc"}, "years", "Jahr „abc“"),
    ],
)
def test_invalid_values_fall_back_with_a_notice(params, field, words) -> None:
    view, notices = parse(params)
    assert getattr(view, field) == getattr(DEFAULT, field)
    assert len(notices) == 1
    assert words in notices[0]


def test_notices_follow_the_language_of_the_link() -> None:
    _, notices = parse({"lang": "en", "date": "x"})
    assert notices == ["“x” in the link is not a date (YYYY-MM-DD); showing the default date."]


def test_valid_years_survive_beside_invalid_ones() -> None:
    view, notices = parse({"year": "2014,1999,2013"})
    assert view.years == (2013, 2014)
    assert len(notices) == 1


def test_query_round_trips() -> None:
    view = ViewState(date(2014, 4, 25), (2014,), "en", "basemap")
    assert parse(view_to_query(view)) == (view, [])
    assert "year" not in view_to_query(DEFAULT)


def test_streamlit_style_list_values_are_accepted() -> None:
    view, _ = parse({"date": ["2016-07-01"]})
    assert view.day == date(2016, 7, 1)


def test_a_known_release_is_restored_and_written_back() -> None:
    view, notices = parse_view(
        {"release": "seed-a", "lang": "en"},
        default=DEFAULT,
        years=YEARS,
        releases=("seed-a", "seed-b"),
        **RANGE,
    )
    assert (view.release, notices) == ("seed-a", [])
    assert view_to_query(view)["release"] == "seed-a"
    assert "release" not in view_to_query(DEFAULT)


def test_an_unknown_release_is_dropped_with_a_notice() -> None:
    view, notices = parse_view(
        {"release": "<script>"}, default=DEFAULT, years=YEARS, releases=("seed-a",), **RANGE
    )
    assert view.release == ""
    assert notices == ["Unbekannte Pressemitteilung „<script>“ im Link; keine ausgewählt."]


def test_one_year_selection_gives_one_link_whatever_the_click_order() -> None:
    clicked_late_first = ViewState(date(2016, 6, 1), (2018, 2012))
    assert view_to_query(clicked_late_first)["year"] == "2012,2018"


@pytest.mark.parametrize("name", ["date", "release", "lang", "tiles"])
def test_an_empty_parameter_counts_as_absent(name: str) -> None:
    view, notices = parse_view(
        {name: ""}, default=DEFAULT, years=YEARS, releases=("seed-a",), **RANGE
    )
    assert (view, notices) == (DEFAULT, [])


@pytest.mark.parametrize(
    "value",
    [
        "20160701",
        "2016-W27-5",
        "2016-183",
        "2016-07-01T00:00",
        "2016-07-01 ",
        "2016-07-01\n",
        "2016-7-1",
        "\uff12\uff10\uff11\uff16-07-01",
        "\u0662\u0660\u0661\u0666-07-01",
    ],
)
def test_only_yyyy_mm_dd_in_ascii_digits_is_a_date(value: str) -> None:
    view, notices = parse({"date": value})
    assert view.day == DEFAULT.day
    assert len(notices) == 1
    assert "kein Datum" in notices[0]


@pytest.mark.parametrize("digits", [5, 4_301, 100_000])
def test_a_year_with_too_many_digits_is_a_notice_not_an_error(digits: int) -> None:
    view, notices = parse({"year": "9" * digits})
    assert view == DEFAULT
    assert len(notices) == 1
    assert len(notices[0]) < 100 + MAX_QUOTED


def test_a_year_parameter_longer_than_its_cap_is_refused_whole() -> None:
    many = ",".join(["2013"] * (MAX_YEARS_LENGTH // 5 + 1))
    assert len(many) > MAX_YEARS_LENGTH
    view, notices = parse({"year": many})
    assert view.years == ()
    assert len(notices) == 1
    every_year = ",".join(str(y) for y in YEARS)
    assert parse({"year": every_year}) == (ViewState(DEFAULT.day, YEARS), [])


def test_the_report_view_and_its_aspect_round_trip() -> None:
    view, notices = parse({"view": "report", "aspect": "4:3", "date": "2014-04-25"})
    assert notices == []
    assert (view.view, view.aspect, view.day) == ("report", "4:3", date(2014, 4, 25))
    query = view_to_query(view)
    assert (query["view"], query["aspect"]) == ("report", "4:3")
    assert parse(query)[0] == view
    assert frame_of(query) == ("report", "4:3")
    # The dashboard's own page writes neither.
    assert "view" not in view_to_query(DEFAULT)
    assert "aspect" not in view_to_query(DEFAULT)
    assert frame_of({}) == ("map", "16:9")


def test_an_unknown_view_or_aspect_falls_back_with_a_notice() -> None:
    view, notices = parse({"view": "print", "aspect": "21:9", "lang": "en"})
    assert (view.view, view.aspect) == ("map", "16:9")
    assert notices == [
        "Unknown view “print” in the link; showing the map with all controls.",
        "Unknown aspect ratio “21:9” in the link (16:9, 4:3 or 1:1); showing 16:9.",
    ]
    assert frame_of({"view": "print", "aspect": "21:9"}) == ("map", "16:9")
