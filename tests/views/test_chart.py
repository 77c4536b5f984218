"""The rollout chart's Vega-Lite spec (layers, marks, data, titles) and the sampling days."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from typing import Any

import pandas as pd
import pytest
from factories import make_centre, make_milestone

from geo import paths
from geo.i18n import t
from geo.model.timeline import Timeline, month_starts
from geo.sources.centres import load_centres
from geo.sources.milestones import load_milestones
from geo.views.chart import rollout_chart
from geo.views.chart_day import SELECTED_LAYER, chart_days, with_selected_day
from geo.views.chart_stated import LABELS_LAYER, stated_milestones

CENTRES = [
    make_centre(id="day", start=("2013-08-01", "day")),
    make_centre(id="month", ars="05158", start=("2013-08", "month")),
    make_centre(
        id="approved-first",
        ars="05166",
        start=("2016-06-29", "day"),
        approval=("2016-04-04", "day"),
    ),
]
TIMELINE = Timeline(CENTRES)
FIRST, LAST = date(2013, 1, 1), date(2016, 12, 31)
MILESTONES = [
    make_milestone("2013-08-01", 1, "started"),
    make_milestone("2013-09", 2, "approved", precision="month"),
    make_milestone("2016-06-29", 3, "ordinal"),
    make_milestone("2014-01-01", 54, "target"),  # a plan: not drawn
    make_milestone("2014-02-01", None, "started"),  # no number: not drawn
    make_milestone("2014-03-01", 5, "other"),  # counts no centres: not drawn
]
SELECTED = date(2014, 5, 6)


def small_chart(**options: Any) -> dict[str, Any]:
    series = TIMELINE.series(chart_days(FIRST, LAST, TIMELINE.event_days()))
    return rollout_chart(series, MILESTONES, SELECTED, **options).to_dict()


def layer_data(spec: dict[str, Any], layer: dict[str, Any]) -> list[dict[str, Any]]:
    return spec["datasets"][layer["data"]["name"]]


def mark_of(layer: dict[str, Any]) -> str:
    return layer["mark"]["type"]


def layers_by_mark(spec: dict[str, Any], mark: str) -> list[dict[str, Any]]:
    return [layer for layer in spec["layer"] if mark_of(layer) == mark]


def named_layer(spec: dict[str, Any], name: str) -> dict[str, Any]:
    (layer,) = [layer for layer in spec["layer"] if layer.get("name") == name]
    return layer


def day_of(value: str) -> date:
    return datetime.fromisoformat(value).date()


# --- chart_days ---------------------------------------------------------------------------


def test_chart_days_hold_every_event_day_and_month_start_sorted_and_unique() -> None:
    events = [date(2013, 8, 1), date(2013, 8, 31), date(2013, 8, 31), date(2016, 6, 29)]
    days = chart_days(date(2013, 1, 15), date(2016, 12, 31), events)
    assert set(events) <= set(days)
    assert set(month_starts(date(2013, 2, 1), date(2016, 12, 1))) <= set(days)
    assert days == sorted(set(days))
    assert days[0] == date(2013, 1, 15)
    assert days[-1] == date(2016, 12, 31)


def test_chart_days_drop_days_outside_the_range() -> None:
    days = chart_days(date(2013, 1, 15), date(2013, 3, 10), [date(2012, 5, 1), date(2014, 1, 1)])
    assert days == [date(2013, 1, 15), date(2013, 2, 1), date(2013, 3, 1), date(2013, 3, 10)]


def test_chart_days_reject_a_reversed_range() -> None:
    with pytest.raises(ValueError, match="before"):
        chart_days(date(2014, 1, 1), date(2013, 1, 1), [])


# --- layers and marks ---------------------------------------------------------------------


def test_layers_are_band_line_leaders_points_labels_rule() -> None:
    spec = small_chart()
    assert [mark_of(layer) for layer in spec["layer"]] == [
        "area",
        "line",
        "rule",
        "point",
        "text",
        "text",
        "rule",
    ]
    names = [layer.get("name") for layer in spec["layer"]]
    assert names[4:] == [LABELS_LAYER, f"{LABELS_LAYER}_left", SELECTED_LAYER]


def test_line_and_band_are_steps_from_open_to_open_plus_uncertain() -> None:
    spec = small_chart()
    (band,) = layers_by_mark(spec, "area")
    (line,) = layers_by_mark(spec, "line")
    assert band["mark"]["interpolate"] == "step-after"
    assert line["mark"]["interpolate"] == "step-after"
    assert line["encoding"]["y"]["field"] == "open"
    assert band["encoding"]["y"]["field"] == "open"
    assert band["encoding"]["y2"]["field"] == "high"
    rows = {day_of(r["date"]): r for r in layer_data(spec, line)}
    # On 2013-08-01 "day" opens and "month" may have started; "month" is open from its last day.
    assert rows[date(2013, 7, 1)] == {"date": "2013-07-01T00:00:00", "open": 0, "high": 0}
    assert rows[date(2013, 8, 1)] == {"date": "2013-08-01T00:00:00", "open": 1, "high": 2}
    assert rows[date(2013, 8, 31)]["open"] == 2
    assert rows[date(2016, 6, 29)]["open"] == 3


def test_series_data_keeps_only_the_needed_columns() -> None:
    spec = small_chart()
    (line,) = layers_by_mark(spec, "line")
    assert {key for row in layer_data(spec, line) for key in row} == {"date", "open", "high"}


def test_x_axis_runs_from_first_to_last_series_day() -> None:
    spec = small_chart()
    (line,) = layers_by_mark(spec, "line")
    assert line["encoding"]["x"]["type"] == "temporal"
    assert line["encoding"]["x"]["scale"]["domain"] == [
        {"year": 2013, "month": 1, "date": 1},
        {"year": 2016, "month": 12, "date": 31},
    ]


def test_y_domain_is_fixed_on_every_layer_that_has_a_y_scale() -> None:
    spec = small_chart()
    scaled = [layer for layer in spec["layer"] if "scale" in layer["encoding"].get("y", {})]
    assert len(scaled) == 6  # band, line, leaders, points and both label layers
    # The small timeline tops out at 3 centres (open + uncertain): two counts of headroom.
    assert all(
        layer["encoding"]["y"]["scale"] == {"domain": [0, 5], "nice": False} for layer in scaled
    )
    # Independent scales (the percent axis needs one): only the line draws the count axis.
    assert spec["resolve"]["scale"]["y"] == "independent"
    with_axis = [layer for layer in scaled if layer["encoding"]["y"].get("axis", {}) is not None]
    assert with_axis == layers_by_mark(spec, "line")


@pytest.mark.parametrize(("most", "top"), [(54, 58), (0, 2), (5000, 5417)])
def test_the_y_axis_keeps_the_highest_count_inside_the_plot(most: int, top: int) -> None:
    series = pd.DataFrame(
        {
            "date": [date(2013, 1, 1), date(2014, 1, 1)],
            "open": [0, most],
            "uncertain": [0, 0],
            "approved": [0, 0],
            "total": [0, most],
        }
    )
    spec = rollout_chart(series, [], date(2013, 6, 1)).to_dict()
    line = layers_by_mark(spec, "line")[0]
    assert line["encoding"]["y"]["scale"]["domain"] == [0, top]


def test_height_is_the_plot_and_width_left_to_the_container() -> None:
    spec = small_chart()
    assert spec["height"] == 280
    assert "width" not in spec
    # fit-x: the plot is exactly 280 px high (the label layout relies on it), the width fits.
    assert spec["autosize"] == {"type": "fit-x", "contains": "padding"}
    assert spec["usermeta"] == {"embedOptions": {"renderer": "svg"}}


# --- stated counts ------------------------------------------------------------------------


def test_only_counts_of_started_ordinal_and_approved_become_points() -> None:
    spec = small_chart()
    (points,) = layers_by_mark(spec, "point")
    rows = layer_data(spec, points)
    assert [(day_of(r["date"]), r["count"]) for r in rows] == [
        (date(2013, 8, 1), 1),
        (date(2013, 9, 30), 2),  # a month is placed at its last day
        (date(2016, 6, 29), 3),
    ]


def test_points_have_one_shape_per_measure_and_labels_with_the_count() -> None:
    spec = small_chart(lang="en")
    (points,) = layers_by_mark(spec, "point")
    labels, _left = layers_by_mark(spec, "text")
    shape = points["encoding"]["shape"]
    assert len(set(shape["scale"]["range"])) == 3
    assert len(set(shape["scale"]["domain"])) == 3
    measures = {r["measure"] for r in layer_data(spec, points)}
    assert measures <= set(shape["scale"]["domain"])
    assert len(measures) == 3
    assert labels["encoding"]["text"]["field"] == "text"
    rows = layer_data(spec, labels)
    assert [(day_of(r["date"]), r["text"]) for r in rows] == [
        (date(2013, 8, 1), "1"),
        (date(2013, 9, 30), "2"),
        (date(2016, 6, 29), "3"),
    ]


def test_point_tooltip_has_date_in_words_count_measure_and_meaning() -> None:
    spec = small_chart(lang="en")
    (points,) = layers_by_mark(spec, "point")
    fields = [tip["field"] for tip in points["encoding"]["tooltip"]]
    assert fields == ["when", "count", "measure", "meaning"]
    when = [r["when"] for r in layer_data(spec, points)]
    assert when == ["1 August 2013", "September 2013", "29 June 2016"]
    assert {r["meaning"] for r in layer_data(spec, points)} == {"test"}


def test_milestones_with_unknown_dates_are_skipped() -> None:
    undated = [make_milestone("", 7, "started", precision="unknown")]
    assert stated_milestones(undated) == []
    series = TIMELINE.series([FIRST, LAST])
    spec = rollout_chart(series, undated, SELECTED).to_dict()
    assert layers_by_mark(spec, "point") == []
    assert layers_by_mark(spec, "text") == []


# --- selected day, languages, emphasis -----------------------------------------------------


def test_rule_marks_the_selected_day_with_a_tooltip() -> None:
    spec = small_chart(lang="en")
    rule = named_layer(spec, SELECTED_LAYER)
    (row,) = layer_data(spec, rule)
    assert day_of(row["date"]) == SELECTED
    assert row["when"] == "6 May 2014"
    assert rule["encoding"]["tooltip"][0]["title"] == t("chart_selected", "en")


def test_titles_come_from_i18n_and_differ_between_languages() -> None:
    de, en = small_chart(lang="de"), small_chart(lang="en")
    assert de["title"] == t("chart_title", "de")
    assert en["title"] == t("chart_title", "en")
    assert de["title"] != en["title"]
    for spec, lang in ((de, "de"), (en, "en")):
        (line,) = layers_by_mark(spec, "line")
        assert line["encoding"]["x"]["title"] == t("chart_date", lang)
        assert line["encoding"]["y"]["title"] == t("chart_centres", lang)
        assert line["encoding"]["color"]["scale"]["domain"] == [t("chart_open", lang)]
        (band,) = layers_by_mark(spec, "area")
        assert band["encoding"]["color"]["scale"]["domain"] == [t("chart_band", lang)]
    (de_points,) = layers_by_mark(de, "point")
    (en_points,) = layers_by_mark(en, "point")
    assert de_points["encoding"]["shape"]["title"] == t("chart_stated", "de")
    assert (
        de_points["encoding"]["shape"]["scale"]["domain"]
        != (en_points["encoding"]["shape"]["scale"]["domain"])
    )


def test_emphasis_adds_green_and_red_ticks_at_the_top() -> None:
    emphasis = [
        {"date": date(2013, 8, 1), "label": "1 open", "ok": True},
        {"date": date(2016, 6, 29), "label": "3 open", "ok": False},
    ]
    spec = small_chart(emphasis=emphasis)
    assert len(spec["layer"]) == 8
    marks = spec["layer"][-1]
    assert mark_of(marks) == "rule"
    # From the axis top (5) down to halfway to the highest count (3): above every count.
    assert marks["encoding"]["y"]["datum"] == 5
    assert marks["encoding"]["y2"]["datum"] == 4
    rows = layer_data(spec, marks)
    assert [(day_of(r["date"]), r["verdict"]) for r in rows] == [
        (date(2013, 8, 1), "ok"),
        (date(2016, 6, 29), "off"),
    ]
    assert rows[0]["label"].endswith("1 open")
    colour = marks["encoding"]["color"]
    assert colour["scale"]["domain"] == [t("chart_check_ok", "de"), t("chart_check_off", "de")]
    assert len(set(colour["scale"]["range"])) == 2
    assert colour["legend"]["title"] == t("chart_check_title", "de")
    assert [r["result"] for r in rows] == colour["scale"]["domain"]


@pytest.mark.parametrize("emphasis", [None, []])
def test_no_emphasis_draws_no_extra_layer(emphasis: list[dict] | None) -> None:
    assert len(small_chart(emphasis=emphasis)["layer"]) == 7


def test_an_empty_series_is_refused() -> None:
    empty = TIMELINE.series([])
    with pytest.raises(ValueError, match="no rows"):
        rollout_chart(empty, MILESTONES, SELECTED)


# --- real data ------------------------------------------------------------------------------


def eligible_rows_in_csv() -> int:
    """Count drawable statements straight from the CSV, without the milestones loader."""
    with paths.MILESTONES_CSV.open(encoding="utf-8", newline="") as handle:
        return sum(
            1
            for row in csv.DictReader(handle)
            if row["count"].strip()
            and row["measure"].strip() in ("started", "ordinal", "approved")
            and row["precision"].strip() != "unknown"
        )


def test_real_data_draws_one_point_per_eligible_milestone() -> None:
    timeline = Timeline(load_centres(paths.CENTRES_CSV))
    milestones = load_milestones(paths.MILESTONES_CSV)
    first, last = date(2012, 1, 1), date(2018, 12, 31)
    days = chart_days(first, last, timeline.event_days())
    selected = date(2014, 6, 1)
    spec = rollout_chart(timeline.series(days), milestones, selected, lang="en").to_dict()

    expected = eligible_rows_in_csv()
    assert expected > 0
    (points,) = layers_by_mark(spec, "point")
    assert len(layer_data(spec, points)) == expected
    (line,) = layers_by_mark(spec, "line")
    rows = layer_data(spec, line)
    assert len(rows) == len(days)
    assert all(0 <= r["open"] <= r["high"] <= 54 for r in rows)
    assert rows[-1]["open"] > rows[0]["open"]
    rule = named_layer(spec, SELECTED_LAYER)
    assert day_of(layer_data(spec, rule)[0]["date"]) == selected


def _rule_free(spec: dict) -> str:
    """The spec as text with the rule's data name (a hash of its data) replaced by "RULE"."""
    layer = next(layer for layer in spec["layer"] if layer.get("name") == SELECTED_LAYER)
    name = layer["data"]["name"]
    datasets = {("RULE" if key == name else key): rows for key, rows in spec["datasets"].items()}
    return json.dumps({**spec, "datasets": datasets}, sort_keys=True).replace(name, "RULE")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_moving_the_rule_gives_the_chart_built_for_that_day(lang: str) -> None:
    timeline = Timeline(load_centres(paths.CENTRES_CSV))
    milestones = load_milestones(paths.MILESTONES_CSV)
    series = timeline.series(month_starts(date(2012, 1, 1), date(2018, 10, 1)))
    built = rollout_chart(series, milestones, date(2013, 1, 1), lang=lang).to_dict()
    day = date(2016, 7, 14)
    moved = with_selected_day(built, day, lang)
    direct = rollout_chart(series, milestones, day, lang=lang).to_dict()
    assert _rule_free(moved) == _rule_free(direct)
    assert _rule_free(moved) != _rule_free(built)
    assert built["datasets"] != moved["datasets"]
