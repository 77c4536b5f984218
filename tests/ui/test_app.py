"""The dashboard script without a browser: widgets, playback, filters, URL state and KPIs."""

from __future__ import annotations

import json
from datetime import date

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from geo import keys
from geo.i18n import t
from geo.views.chart_day import SELECTED_LAYER

LAST_MONTH = date(2018, 10, 1)
# A month shows its last day, so the slider's last month shows 31.10.2018.
LAST_DAY = date(2018, 10, 31)


def kpis(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def chart_rule(at: AppTest) -> str:
    """The day the chart's selected-day rule stands at."""
    chart = at.get("vega_lite_chart")[0].proto
    spec = json.loads(chart.spec)
    layer = next(layer for layer in spec["layer"] if layer.get("name") == SELECTED_LAYER)
    rows = next(d.data.data for d in chart.datasets if d.name == layer["data"]["name"])
    return pa.ipc.open_stream(rows).read_pandas()["date"][0]


def month(at: AppTest) -> date:
    return at.select_slider(key=keys.DATE_SLIDER).value


def test_starts_at_the_last_month_with_all_centres_open(start) -> None:
    at = start()
    assert not at.error
    assert month(at) == LAST_MONTH
    assert kpis(at) == {
        "Geöffnet": "54",
        "Start unsicher": "0",
        "Bewilligt, noch nicht offen": "0",
        "Kreise/Städte mit KI": "53 von 53",
        "Bevölkerung erreicht": "100 %",
        "Start in 2018": "1",
    }
    assert at.query_params["date"] == "2018-10-31"


def test_the_chart_and_table_wait_for_the_first_map_then_follow(start) -> None:
    at = start()
    pending = t("below_map_pending", "de")
    assert not at.get("vega_lite_chart")
    assert not at.dataframe
    assert pending in [caption.value for caption in at.caption]
    # The map frame's first draw reruns the page (AppTest has no browser: a run stands in).
    at.run()
    assert chart_rule(at) == "2018-10-31T00:00:00"
    assert len(at.dataframe[0].value) == 54
    assert pending not in [caption.value for caption in at.caption]
    at.select_slider(key=keys.DATE_SLIDER).set_value(date(2016, 7, 1)).run()
    assert chart_rule(at) == "2016-07-31T00:00:00"


def test_a_map_that_never_announces_itself_still_gets_its_chart_and_table(start) -> None:
    at = start()
    assert not at.dataframe
    at.button(key=keys.SHOW_BELOW_MAP).click().run()
    assert chart_rule(at) == "2018-10-31T00:00:00"
    assert len(at.dataframe[0].value) == 54
    assert t("below_map_pending", "de") not in [caption.value for caption in at.caption]
    assert not [b for b in at.button if b.key == keys.SHOW_BELOW_MAP]


@pytest.mark.parametrize(
    ("month_", "day", "open_", "uncertain", "covered"),
    [
        (date(2012, 1, 1), date(2012, 1, 31), "0", "0", "0 von 53"),
        (date(2016, 7, 1), date(2016, 7, 31), "52", "0", "51 von 53"),
        (date(2017, 3, 1), date(2017, 3, 31), "52", "1", "51 von 53"),
        (date(2018, 10, 1), date(2018, 10, 31), "54", "0", "53 von 53"),
    ],
)
def test_moving_the_slider_updates_the_kpis(start, month_, day, open_, uncertain, covered) -> None:
    at = start()
    at.select_slider(key=keys.DATE_SLIDER).set_value(month_).run()
    values = kpis(at)
    assert (values["Geöffnet"], values["Start unsicher"]) == (open_, uncertain)
    assert values["Kreise/Städte mit KI"] == covered
    assert at.query_params["date"] == day.isoformat()
    assert chart_rule(at) == f"{day.isoformat()}T00:00:00"


def test_step_buttons_move_one_month(start) -> None:
    at = start()
    at.button(key=keys.STEP_BACK).click().run()
    at.button(key=keys.STEP_BACK).click().run()
    assert month(at) == date(2018, 8, 1)
    at.button(key=keys.STEP_FORWARD).click().run()
    assert month(at) == date(2018, 9, 1)
    assert at.query_params["date"] == "2018-09-30"


def test_play_advances_a_month_and_pause_stops(start) -> None:
    at = start(date="2016-05-01")
    at.button(key=keys.PLAY_BUTTON).click().run()
    assert at.session_state[keys.PLAYING]
    assert month(at) == date(2016, 6, 1)
    assert at.session_state[keys.SELECTED_DAY] == date(2016, 6, 30)
    pause = at.button(key=keys.PLAY_BUTTON)
    assert (pause.label, pause.proto.icon) == ("Pause", ":material/pause:")
    at.session_state[keys.LAST_TICK] = 0.0
    at.run()
    assert month(at) == date(2016, 7, 1)
    assert kpis(at)["Geöffnet"] == "52"
    at.button(key=keys.PLAY_BUTTON).click().run()
    assert not at.session_state[keys.PLAYING]
    at.session_state[keys.LAST_TICK] = 0.0
    at.run()
    assert month(at) == date(2016, 7, 1)


def test_play_stops_at_the_end_unless_looping(start) -> None:
    at = start()
    at.button(key=keys.PLAY_BUTTON).click().run()
    assert month(at) == LAST_MONTH
    assert not at.session_state[keys.PLAYING]
    at.toggle(key=keys.LOOP).set_value(True).run()
    at.button(key=keys.PLAY_BUTTON).click().run()
    assert month(at) == date(2012, 1, 1)
    assert at.session_state[keys.PLAYING]


def test_year_filter_counts_and_highlights_the_chosen_years(start) -> None:
    at = start()
    at.pills(key=keys.YEARS).set_value([2013, 2014]).run()
    assert kpis(at)["Start in 2013, 2014"] == "21"
    table = at.dataframe[0].value
    assert int(table["Hervorgehoben"].sum()) == 21
    assert at.query_params["year"] == "2013,2014"


def test_jump_to_a_milestone_shows_that_exact_day(start) -> None:
    at = start()
    jump = at.selectbox(key=keys.JUMP)
    target = next(option for option in jump.options if option.startswith("25.04.2014"))
    jump.select(target).run()
    assert month(at) == date(2014, 4, 1)
    assert at.session_state[keys.SELECTED_DAY] == date(2014, 4, 25)
    assert "Stand: 25.04.2014" in [m.value.strip("*") for m in at.markdown]
    assert kpis(at)["Geöffnet"] == "40"
    assert at.query_params["date"] == "2014-04-25"


@pytest.mark.parametrize(
    ("day", "open_"),
    [("2013-06-12", "10"), ("2014-04-25", "40"), ("2016-07-14", "52"), ("2018-09-06", "54")],
)
def test_a_link_opens_at_its_exact_date(start, day, open_) -> None:
    at = start(date=day)
    assert kpis(at)["Geöffnet"] == open_
    assert at.session_state[keys.SELECTED_DAY] == date.fromisoformat(day)
    assert not at.warning


def test_a_link_restores_language_years_and_tiles(start) -> None:
    at = start(date="2016-07-01", lang="en", year="2016", tiles="osm")
    assert at.title[0].value == "KI-Atlas NRW"
    assert kpis(at)["Open"] == "52"
    assert kpis(at)["Started in 2016"] == "2"
    assert at.radio(key=keys.TILES).value == "osm"
    assert at.radio(key=keys.LANG).value == "en"


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ({"date": "garbage"}, "kein Datum"),
        ({"date": "2031-01-01"}, "nicht zwischen"),
        ({"lang": "xx"}, "Unbekannte Sprache"),
        ({"tiles": "google"}, "Unbekannte Hintergrundkarte"),
        ({"year": "1999"}, "Jahr „1999“"),
        ({"year": "9" * 5_000}, "Jahr „999"),
        ({"date": "20160701"}, "„20160701“ im Link ist kein Datum"),
        ({"date": "2016-W27-5"}, r"W27\-5“ im Link ist kein Datum"),
    ],
)
def test_invalid_links_fall_back_with_a_visible_notice(start, query, words) -> None:
    at = start(**query)
    assert any(words in w.value for w in at.warning)
    assert month(at) == LAST_MONTH
    assert kpis(at)["Geöffnet"] == "54"


def test_switching_language_translates_the_page(start) -> None:
    at = start()
    at.radio(key=keys.LANG).set_value("en").run()
    assert "Open" in kpis(at)
    assert at.query_params["lang"] == "en"
