"""The time controls without a browser: a month shows its last day, links and releases stay in
the slider's range, every control keeps its value, the year filter and the population KPI."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from geo import keys
from geo.ingest.sample_upload import sample_csv

LAST_MONTH = date(2018, 10, 1)
RELEASE_2014 = "seed-2014-04-25-in-den-nrw-kreisen"
RELEASE_2021 = "state-timeline-2021-08-10-sts-gueler-completes-her"
RELEASE_YEAR_2018 = "state-timeline-2018-kreis-unna-news-on"


def shown(at: AppTest) -> str:
    """The desktop date line ("Stand: …")."""
    lines = [m.value.strip("*") for m in at.markdown if m.value.startswith("**Stand")]
    assert len(lines) == 1, lines
    return lines[0]


def month(at: AppTest, key: str = keys.DATE_SLIDER) -> date:
    return at.select_slider(key=key).value


def metric(at: AppTest, label: str):
    return next(m for m in at.metric if m.label == label)


def test_a_month_shows_the_state_at_its_last_day(start) -> None:
    at = start()
    at.select_slider(key=keys.DATE_SLIDER).set_value(date(2014, 4, 1)).run()
    assert shown(at) == "Stand: 30.04.2014"
    # As on 25.04.2014 (the stated 40), not 30 as on 01.04.2014.
    assert metric(at, "Geöffnet").value == "40"
    assert at.query_params["date"] == "2014-04-30"


def test_stepping_lands_on_month_ends_and_a_jump_keeps_its_day(start) -> None:
    at = start(date="2014-05-15")
    at.button(key=keys.STEP_BACK).click().run()
    assert (month(at), shown(at)) == (date(2014, 4, 1), "Stand: 30.04.2014")
    jump = at.selectbox(key=keys.JUMP)
    jump.select(next(o for o in jump.options if o.startswith("25.04.2014"))).run()
    assert (month(at), shown(at)) == (date(2014, 4, 1), "Stand: 25.04.2014")
    at.button(key=keys.STEP_FORWARD).click().run()
    assert (month(at), shown(at)) == (date(2014, 5, 1), "Stand: 31.05.2014")


def test_every_year_of_the_timeline_is_offered_also_without_a_start(start) -> None:
    at = start()
    assert at.pills(key=keys.YEARS).options == [str(y) for y in range(2012, 2019)]
    at.pills(key=keys.YEARS).set_value([2015]).run()
    assert metric(at, "Start in 2015").value == "0"


def test_the_year_kpi_says_how_many_of_its_starts_are_open_at_the_shown_day(start) -> None:
    # 9 centres are open on 28.02.2013, none of them one of the 16 starting in 2013.
    at = start(date="2013-02-28", year="2013")
    year = metric(at, "Start in 2013")
    assert (year.value, metric(at, "Geöffnet").value) == ("16", "9")
    assert year.proto.delta == "davon 0 bis 28.02.2013 geöffnet"
    assert "ob vor oder nach dem gezeigten Tag" in year.proto.help
    at.select_slider(key=keys.DATE_SLIDER).set_value(date(2013, 12, 1)).run()
    assert metric(at, "Start in 2013").proto.delta == "davon 16 bis 31.12.2013 geöffnet"
    english = start(date="2013-12-31", year="2013", lang="en")
    assert metric(english, "Started in 2013").proto.delta == "16 of them open by 31 December 2013"


def test_the_population_kpi_gives_the_share_its_band_and_its_source(start) -> None:
    at = start(date="2014-04-25")
    population = metric(at, "Bevölkerung erreicht")
    assert population.value.endswith(" %")
    share = int(population.value.removesuffix(" %"))
    high = int(population.proto.delta.removeprefix("bis ").split(" %")[0])
    assert 50 < share < high <= 100
    assert population.proto.delta.endswith("mit unsicheren Starts")
    assert "Destatis" in population.proto.help
    assert "31.12.2018" in population.proto.help


def test_own_data_has_no_population_kpi(start) -> None:
    at = start()
    at.session_state[keys.TABS] = "Eigene Daten"
    at.run()
    at.file_uploader(key=keys.UPLOAD).set_value(("b.csv", sample_csv(), "text/csv")).run()
    at.button(key=keys.APPLY_UPLOAD).click().run()
    at.session_state[keys.TABS] = "Karte"
    at.run()
    assert metric(at, "Geöffnet").value == "5"
    assert "Bevölkerung erreicht" not in [m.label for m in at.metric]


@pytest.mark.parametrize("release", [RELEASE_2021, RELEASE_YEAR_2018])
def test_a_release_after_the_range_opens_at_its_end(start, release) -> None:
    at = start()
    at.session_state[keys.TABS] = "Pressemitteilungen"
    at.run()
    at.button(key=keys.SHOW_RELEASE_PREFIX + release).click().run()
    assert at.session_state[keys.SELECTED_DAY] == date(2018, 10, 31)
    assert (month(at), shown(at)) == (LAST_MONTH, "Stand: 31.10.2018")
    assert at.query_params["date"] == "2018-10-31"
    # Reopening the link it wrote opens the same view without an out-of-range notice.
    again = start(**dict(at.query_params))
    assert (month(again), shown(again)) == (LAST_MONTH, "Stand: 31.10.2018")
    assert not again.warning


def test_a_release_dated_after_the_range_says_so(start) -> None:
    at = start(release=RELEASE_2021)
    assert shown(at) == "Stand: 31.10.2018"
    notes = [info.value for info in at.info if "Zeitleiste" in info.value]
    assert len(notes) == 1
    assert "vom 10.08.2021, nach dem Ende der Zeitleiste (31.10.2018)" in notes[0]
    # A year-dated release overlapping the range opens at the range's end without a notice.
    year = start(release=RELEASE_YEAR_2018)
    assert shown(year) == "Stand: 31.10.2018"
    assert not any("Zeitleiste" in info.value for info in year.info)


def test_the_tempo_and_loop_survive_showing_a_release(start) -> None:
    at = start()
    at.select_slider(key=keys.SPEED).set_value(2.0).run()
    at.toggle(key=keys.LOOP).set_value(True).run()
    at.session_state[keys.TABS] = "Pressemitteilungen"
    at.run()
    at.button(key=keys.SHOW_RELEASE_PREFIX + RELEASE_2014).click().run()
    assert at.session_state[keys.TABS] == "Karte"
    assert at.select_slider(key=keys.SPEED).value == 2.0
    assert at.toggle(key=keys.LOOP).value is True
    assert at.select_slider(key=keys.PHONE_SPEED).value == 2.0


def test_the_tempo_survives_taking_over_own_data(start) -> None:
    at = start()
    at.select_slider(key=keys.SPEED).set_value(1.0).run()
    at.pills(key=keys.YEARS).set_value([2014]).run()
    at.session_state[keys.TABS] = "Eigene Daten"
    at.run()
    at.file_uploader(key=keys.UPLOAD).set_value(("b.csv", sample_csv(), "text/csv")).run()
    at.button(key=keys.APPLY_UPLOAD).click().run()
    at.session_state[keys.TABS] = "Karte"
    at.run()
    assert at.select_slider(key=keys.SPEED).value == 1.0
    at.select_slider(key=keys.SPEED).set_value(4.0).run()
    at.session_state[keys.TABS] = "Export"
    at.run()
    at.session_state[keys.TABS] = "Karte"
    at.run()
    assert at.select_slider(key=keys.SPEED).value == 4.0


def test_slider_and_date_agree_while_playing(start) -> None:
    at = start(date="2012-11-10")
    at.button(key=keys.PLAY_BUTTON).click().run()
    for expected_month, expected_day in [
        (date(2012, 12, 1), "Stand: 31.12.2012"),
        (date(2013, 1, 1), "Stand: 31.01.2013"),
        (date(2013, 2, 1), "Stand: 28.02.2013"),
    ]:
        assert (month(at), shown(at)) == (expected_month, expected_day)
        assert month(at, keys.PHONE_SLIDER) == expected_month
        at.session_state[keys.LAST_TICK] = 0.0
        at.run()


def test_the_phone_controls_drive_the_same_day_and_tempo(start) -> None:
    at = start()
    at.button(key=keys.PHONE_BACK).click().run()
    assert (month(at), shown(at)) == (date(2018, 9, 1), "Stand: 30.09.2018")
    at.select_slider(key=keys.PHONE_SLIDER).set_value(date(2014, 4, 1)).run()
    assert (month(at), shown(at)) == (date(2014, 4, 1), "Stand: 30.04.2014")
    at.select_slider(key=keys.PHONE_SPEED).set_value(4.0).run()
    assert at.select_slider(key=keys.SPEED).value == 4.0
    at.pills(key=keys.PHONE_YEARS).set_value([2013]).run()
    assert at.pills(key=keys.YEARS).value == [2013]
    assert at.query_params["year"] == "2013"
    at.button(key=keys.PHONE_PLAY).click().run()
    assert at.session_state[keys.PLAYING]
    assert at.button(key=keys.PHONE_PLAY).proto.icon == ":material/pause:"
    assert at.button(key=keys.PLAY_BUTTON).proto.icon == ":material/pause:"
