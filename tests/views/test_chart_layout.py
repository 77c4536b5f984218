"""The stated-count labels (placed apart at 1366 px), the population line, the legends and the
chart's locale, read from the Vega-Lite spec of the KI data and of an upload."""

from __future__ import annotations

from datetime import date, datetime
from itertools import combinations
from typing import Any

import pytest
from factories import make_centre

from geo.i18n import t
from geo.model.timeline import Timeline
from geo.paths import CENTRES_CSV, MILESTONES_CSV, POPULATION_CSV
from geo.sources.centres import load_centres
from geo.sources.milestones import load_milestones
from geo.sources.population import load_population
from geo.views.chart_labels import (
    LABEL_DX,
    LABEL_LAYOUT_WIDTH,
    Box,
    Curve,
    Plot,
    place_labels,
)
from geo.views.chart_locale import vega_locale
from geo.views.chart_stated import LABELS_LAYER, stated_milestones
from geo.views.dataset import KI_FIRST_MONTH, Dataset

KI = Dataset(
    Timeline(load_centres(CENTRES_CSV)),
    tuple(load_milestones(MILESTONES_CSV)),
    first_month=KI_FIRST_MONTH,
    population=tuple(load_population(POPULATION_CSV).values()),
    today=date(2026, 1, 15),
)
UPLOAD = Dataset(
    Timeline([make_centre(id="a", start=("2020-03-01", "day"))]), filename="eigene.csv"
)
# The plot's width at a 1366 px window with the sidebar open, as measured in Chromium.
PLOT_WIDTH_1366 = 523
CHAR_WIDTH, BOX_HEIGHT = 6.5, 15  # the placement's own estimate of the rendered text box


def day_of(value: str) -> date:
    return datetime.fromisoformat(value).date()


def layer_rows(spec: dict[str, Any], layer: dict[str, Any]) -> list[dict[str, Any]]:
    return spec["datasets"][layer["data"]["name"]]


def label_rows(spec: dict[str, Any]) -> list[tuple[dict[str, Any], bool]]:
    """Every drawn label row with whether it sits left of its point."""
    rows = []
    for layer in spec["layer"]:
        if layer.get("name") in (LABELS_LAYER, f"{LABELS_LAYER}_left"):
            left = layer["name"].endswith("_left")
            assert layer["mark"]["dx"] == (-LABEL_DX if left else LABEL_DX)
            assert layer["mark"]["align"] == ("right" if left else "left")
            rows += [(row, left) for row in layer_rows(spec, layer)]
    return rows


def drawn_boxes(spec: dict[str, Any], width: float) -> list[tuple[str, Box]]:
    """The pixel box of each label as the spec draws it on a plot `width` pixels wide."""
    y_top = spec["layer"][1]["encoding"]["y"]["scale"]["domain"][1]
    plot = Plot(KI.first_day, KI.last_day, width, spec["height"], y_top)
    boxes = []
    for row, left in label_rows(spec):
        x, y = plot.x(day_of(row["date"])), plot.y(row["at"])
        text_width = len(row["text"]) * CHAR_WIDTH
        start = x - LABEL_DX - text_width if left else x + LABEL_DX
        boxes.append(
            (row["text"], Box(start, y - BOX_HEIGHT / 2, start + text_width, y + BOX_HEIGHT / 2))
        )
    return boxes


def legend_entries(spec: dict[str, Any]) -> list[str]:
    """Every legend title and entry the spec draws (colour and shape legends of all layers)."""
    entries = []
    for layer in spec["layer"]:
        for channel in ("color", "shape"):
            encoding = layer["encoding"].get(channel, {})
            if "legend" in encoding:
                entries += encoding["scale"]["domain"]
                title = encoding.get("legend", {}).get("title", encoding.get("title"))
                entries += [title] if title else []
    return entries


# --- the labels of the KI data --------------------------------------------------------------


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("width", [LABEL_LAYOUT_WIDTH, PLOT_WIDTH_1366, 900])
def test_no_two_ki_labels_overlap_at_1366_px_or_wider(lang: str, width: int) -> None:
    boxes = drawn_boxes(KI.chart_spec(lang), width)
    assert len(boxes) >= 14
    for (text_a, a), (text_b, b) in combinations(boxes, 2):
        assert not a.overlaps(b), f"labels {text_a} and {text_b} overlap at {width} px"
    assert all(box.left >= 0 and box.right <= width for _, box in boxes)
    assert all(box.top >= 0 and box.bottom <= 280 for _, box in boxes)


def test_the_labels_named_in_the_issue_are_all_drawn() -> None:
    """47/49 in 2013–2014 and 50–53 in 2016–2017 overlapped before."""
    drawn = {(day_of(row["date"]), row["text"]) for row, _ in label_rows(KI.chart_spec("de"))}
    assert {(date(2013, 12, 2), "47"), (date(2014, 4, 25), "49")} <= drawn
    for day, text in [
        (date(2016, 2, 12), "50"),
        (date(2016, 6, 2), "52"),
        (date(2016, 6, 28), "51"),
        (date(2016, 6, 29), "52"),
        (date(2016, 9, 30), "51"),
        (date(2017, 1, 1), "52"),
        (date(2017, 2, 8), "53"),
    ]:
        assert (day, text) in drawn


def test_every_point_in_range_has_its_number_at_it_or_just_before() -> None:
    rows = [row for row, _ in label_rows(KI.chart_spec("de"))]
    plot = Plot(KI.first_day, KI.last_day, LABEL_LAYOUT_WIDTH, 280, 58)
    for milestone in stated_milestones(KI.milestones):
        day = milestone.date.latest
        if day > KI.last_day:
            continue
        near = [
            row
            for row in rows
            if row["text"] == str(milestone.count)
            and 0 <= plot.x(day) - plot.x(day_of(row["date"])) < 2 * CHAR_WIDTH + 2
        ]
        assert near, f"no label for {milestone.count} on {day}"


def test_labels_stay_below_the_fact_check_ticks() -> None:
    spec = KI.chart_spec("de")
    ticks = spec["layer"][-1]
    tick_bottom = ticks["encoding"]["y2"]["datum"]
    assert tick_bottom == 56  # between the 54 centres and the axis top of 58
    assert all(row["at"] < tick_bottom for row, _ in label_rows(spec))


# --- placement rules --------------------------------------------------------------------------

PLOT = Plot(date(2020, 1, 1), date(2020, 12, 31), 400, 280, 56)


def test_counts_on_one_day_are_stacked_apart_on_leader_lines() -> None:
    day = date(2020, 6, 1)
    spots = place_labels([(day, 20), (day, 21), (day, 22)], PLOT)
    assert [spot.text for spot in spots] == ["20", "21", "22"]
    for a, b in combinations(spots, 2):
        assert not a.box.overlaps(b.box)
    assert any(spot.leader for spot in spots)


def test_the_same_count_right_beside_gets_one_label() -> None:
    spots = place_labels([(date(2020, 6, 1), 29), (date(2020, 6, 3), 29)], PLOT)
    assert [(spot.day, spot.text) for spot in spots] == [(date(2020, 6, 1), "29")]
    apart = place_labels([(date(2020, 3, 1), 29), (date(2020, 9, 1), 29)], PLOT)
    assert len(apart) == 2


def test_a_label_at_the_right_edge_goes_left_of_its_point() -> None:
    (spot,) = place_labels([(date(2020, 12, 30), 30)], PLOT)
    assert spot.left
    assert spot.box.right <= PLOT.width
    (inside,) = place_labels([(date(2020, 6, 1), 30)], PLOT)
    assert not inside.left


def test_points_outside_the_days_get_no_label() -> None:
    assert place_labels([(date(2021, 3, 1), 30), (date(2019, 3, 1), 30)], PLOT) == []


def test_a_line_through_the_first_spot_moves_the_label_off_it() -> None:
    day = date(2020, 6, 1)
    (free,) = place_labels([(day, 30)], PLOT)
    line_at = PLOT.value((free.box.top + free.box.bottom) / 2)
    curve = Curve((PLOT.first,), (line_at,), (line_at,), PLOT.y_top)
    (moved,) = place_labels([(day, 30)], PLOT, [curve])
    assert moved.box != free.box
    assert not (moved.box.top < PLOT.y(line_at) < moved.box.bottom)


def test_nothing_is_placed_in_the_reserved_top() -> None:
    (spot,) = place_labels([(date(2020, 6, 1), 55)], PLOT, reserved_top=20)
    assert spot.box.top >= 20
    assert spot.leader


# --- population, legends, locale ---------------------------------------------------------------


def population_layers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        layer for layer in spec["layer"] if layer["encoding"].get("y", {}).get("field") == "share"
    ]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_ki_chart_draws_the_population_share_on_a_right_percent_axis(lang: str) -> None:
    spec = KI.chart_spec(lang)
    band, line = population_layers(spec)
    assert band["mark"]["type"] == "area"
    assert band["encoding"]["y2"]["field"] == "high"
    assert line["mark"]["type"] == "line"
    axis = line["encoding"]["y"]["axis"]
    assert axis["orient"] == "right"
    assert axis["format"] == "%"
    assert line["encoding"]["color"]["scale"]["domain"] == [t("chart_population", lang)]
    rows = layer_rows(spec, line)
    assert rows[0]["share"] == 0
    assert rows[-1]["share"] == 1
    assert all(0 <= row["share"] <= row["high"] <= 1 for row in rows)
    # 100 % of the residents sits at the height of the 54 centres (axis top 58).
    assert line["encoding"]["y"]["scale"]["domain"] == [0, 58 / 54]
    assert t("chart_population", "de") == "Bevölkerung erreicht (Anteil NRW)"


def test_the_ki_legend_names_each_thing_once_and_has_the_verdict_ticks() -> None:
    entries = legend_entries(KI.chart_spec("de"))
    assert entries.count(t("chart_stated", "de")) == 1
    assert len(entries) == len(set(entries))
    assert {
        t("chart_open", "de"),
        t("chart_band", "de"),
        t("chart_population", "de"),
        t("chart_check_ok", "de"),
        t("chart_check_off", "de"),
        t("chart_check_title", "de"),
    } <= set(entries)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_no_legend_entry_is_cut(lang: str) -> None:
    spec = KI.chart_spec(lang)
    for layer in spec["layer"]:
        for channel in ("color", "shape"):
            legend = layer["encoding"].get(channel, {}).get("legend")
            if legend:
                # Vega cuts labels and titles at their limit; 320 px hold 40 characters.
                assert legend["labelLimit"] == legend["titleLimit"] == 320
    assert all(len(entry) <= 40 for entry in legend_entries(spec))


def test_an_upload_has_no_ki_layers_or_legend_entries() -> None:
    spec = UPLOAD.chart_spec("de")
    assert population_layers(spec) == []
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["area", "line", "rule"]
    assert legend_entries(spec) == [t("chart_band", "de"), t("chart_open", "de")]


def test_the_german_chart_has_german_month_names_and_the_english_english() -> None:
    de, en = KI.chart_spec("de")["config"]["locale"], KI.chart_spec("en")["config"]["locale"]
    assert de["time"]["months"][6] == "Juli"
    assert de["time"]["months"][9] == "Oktober"
    assert de["time"]["shortMonths"][2] == "Mär"
    assert de["time"]["days"][0] == "Sonntag"
    assert de["number"]["decimal"] == ","
    assert en["time"]["months"][6] == "July"
    assert en["time"]["days"][1] == "Monday"
    assert vega_locale("de") == de


def test_the_locale_has_every_field_d3_requires() -> None:
    fields = {"dateTime", "date", "time", "periods", "days", "shortDays", "months", "shortMonths"}
    for lang in ("de", "en"):
        time = vega_locale(lang)["time"]
        assert set(time) == fields
        assert len(time["days"]) == len(time["shortDays"]) == 7
        assert len(time["months"]) == len(time["shortMonths"]) == 12


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_time_axis_names_its_ticks_through_the_locale(lang: str) -> None:
    x = KI.chart_spec(lang)["layer"][1]["encoding"]["x"]
    assert x["type"] == "temporal"
    axis = x["axis"]
    assert axis["formatType"] == "time"
    assert axis["format"]["year"] == "%Y"
    assert axis["format"]["month"] == "%B"  # the locale's month name: "Juli" in German
    assert axis["format"]["date"] == {"de": "%-d. %b", "en": "%b %-d"}[lang]
