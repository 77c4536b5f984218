"""The view for reports in the running script: only the map, no widgets of the dashboard, the day
and highlight of the link or of the session, and its own link."""

from __future__ import annotations

from geo import keys
from geo.i18n import escape_markdown, t


def _is_report_page(at) -> bool:
    """True when the main area draws no title, tabs, metrics or controls."""
    return not (at.title or at.tabs or at.metric or at.button or at.select_slider or at.dataframe)


def test_a_report_link_shows_only_the_map_at_its_day(start) -> None:
    at = start(view="report", date="2014-04-25", year="2016")
    assert _is_report_page(at)
    assert not at.warning
    assert at.session_state[keys.SELECTED_DAY].isoformat() == "2014-04-25"
    query = {name: at.query_params[name] for name in ("view", "aspect", "date", "year")}
    assert query == {"view": "report", "aspect": "16:9", "date": "2014-04-25", "year": "2016"}
    assert at.sidebar.toggle(key=keys.REPORT_VIEW).value is True


def test_the_aspect_ratio_comes_from_the_link_and_a_wrong_one_is_named(start) -> None:
    at = start(view="report", aspect="4:3")
    assert at.query_params["aspect"] == "4:3"
    style = "".join(element.proto.body for element in at.get("html"))
    assert "100vh * 4 / 3" in style
    assert '[data-testid="stSidebar"]' in style

    at = start(view="report", aspect="21:9", lang="en")
    assert at.query_params["aspect"] == "16:9"
    notice = t("bad_aspect", "en", value="21:9")
    assert [w.value for w in at.warning] == [escape_markdown(notice)]


def test_the_sidebar_switch_turns_the_dashboard_into_the_report_view_at_its_day(start) -> None:
    at = start(date="2016-07-01")
    assert at.tabs
    toggle = at.sidebar.toggle(key=keys.REPORT_VIEW)
    assert toggle.label == t("report_view", "de")
    toggle.set_value(True).run()
    assert _is_report_page(at)
    assert at.query_params["view"] == "report"
    assert at.query_params["date"] == "2016-07-01"
    at.sidebar.toggle(key=keys.REPORT_VIEW).set_value(False).run()
    assert at.tabs
    assert "view" not in at.query_params
