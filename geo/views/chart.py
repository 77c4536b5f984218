"""The cumulative rollout chart: open centres over time, the uncertainty band and stated counts.

Built with altair as a pure function of the timeline series and the milestones, so tests read
the Vega-Lite spec (`chart.to_dict()`) and `app.py` only has to hand the chart to Streamlit.
"""

from __future__ import annotations

__all__ = [
    "MEASURE_SHAPES",
    "SELECTED_LAYER",
    "STATED_MEASURES",
    "chart_days",
    "rollout_chart",
    "stated_milestones",
    "with_selected_day",
]

import json
from collections.abc import Iterable, Sequence
from datetime import date

import altair as alt
import pandas as pd

from geo.i18n import t
from geo.model.timeline import month_starts
from geo.sources.fuzzydate import FuzzyDate
from geo.sources.milestones import Milestone

# Measures whose count can be drawn against the open-centre line (targets and "other" cannot).
STATED_MEASURES = ("started", "ordinal", "approved")
# One shape per measure, so the points read without colour.
MEASURE_SHAPES = {"started": "circle", "ordinal": "diamond", "approved": "triangle-up"}
# The name of the selected-day rule layer, which `with_selected_day` finds and moves.
SELECTED_LAYER = "selected_day"

_COLOURS = {"open": "#1f4e79", "band": "#9ecae1", "stated": "#d95f02"}
_EMPHASIS_COLOURS = {"ok": "#1a9850", "off": "#d73027"}
_HEIGHT = 280


def chart_days(first: date, last: date, event_days: Iterable[date]) -> list[date]:
    """Days to sample the series at: `first`, `last`, every month start and every event day.

    Sorted, without duplicates, all within [first, last], so each step of the line lands on the
    exact day a centre's state changes.
    """
    if last < first:
        raise ValueError(f"last day {last} is before first day {first}")
    days = {first, last, *month_starts(first, last), *event_days}
    return sorted(d for d in days if first <= d <= last)


def stated_milestones(milestones: Iterable[Milestone]) -> list[Milestone]:
    """The milestones drawn as points: a count, a countable measure and a known date."""
    return [
        m
        for m in milestones
        if m.count is not None and m.measure in STATED_MEASURES and m.date.latest is not None
    ]


def rollout_chart(
    series: pd.DataFrame,
    milestones: Sequence[Milestone],
    selected: date,
    *,
    lang: str = "de",
    emphasis: Sequence[dict] | None = None,
) -> alt.LayerChart:
    """The rollout chart: band, open line, stated counts, the selected day (and fact-check marks).

    `series` is `Timeline.series(days)` (columns date, open, uncertain, ...). `emphasis`, when
    given, is a list of dicts with keys date, label and ok, drawn as green/red ticks at the top
    (their tooltips prefix the label with ✓ or ✗, so they read without colour).
    Layers, bottom to top: band (area), open (line), stated points, their labels, selected day
    (rule), then the emphasis ticks if any.
    """
    if series.empty:
        raise ValueError("the series has no rows")
    dates = pd.to_datetime(series["date"])
    first, last = dates.min(), dates.max()
    data = pd.DataFrame(
        {
            "date": dates,
            "open": series["open"].astype(int),
            "high": (series["open"] + series["uncertain"]).astype(int),
        }
    )
    x = alt.X(
        "date:T",
        title=t("chart_date", lang),
        scale=alt.Scale(domain=[_datetime(first), _datetime(last)]),
    )
    y_top = _y_top(int(data["high"].max()))
    y_scale = alt.Scale(domain=[0, y_top])
    # Every layer carries the same titles, so Vega-Lite does not merge in field names.
    y_title = t("chart_centres", lang)
    colour = alt.Scale(
        domain=[t("chart_open", lang), t("chart_band", lang), t("chart_stated", lang)],
        range=[_COLOURS["open"], _COLOURS["band"], _COLOURS["stated"]],
    )
    # Each layer names itself through a constant `series` field; one shared scale makes one legend.
    series_colour = alt.Color(
        "series:N",
        scale=colour,
        legend=alt.Legend(title=None, orient="right", labelLimit=200),
    )
    date_tip = alt.Tooltip("date:T", title=t("chart_date", lang), format="%Y-%m-%d")

    base = alt.Chart(data)
    band = (
        base.transform_calculate(series=_literal(t("chart_band", lang)))
        .mark_area(interpolate="step-after", opacity=0.35)
        .encode(
            x=x,
            y=alt.Y("open:Q", title=y_title, scale=y_scale),
            y2="high:Q",
            color=series_colour,
            tooltip=[date_tip, alt.Tooltip("high:Q", title=t("chart_band", lang))],
        )
    )
    line = (
        base.transform_calculate(series=_literal(t("chart_open", lang)))
        .mark_line(interpolate="step-after", strokeWidth=2)
        .encode(
            x=x,
            y=alt.Y("open:Q", title=y_title, scale=y_scale),
            color=series_colour,
            tooltip=[date_tip, alt.Tooltip("open:Q", title=t("chart_open", lang))],
        )
    )

    stated = _stated_frame(milestones, lang)
    measure_title = t("chart_measure", lang)
    shape = alt.Shape(
        "measure:N",
        title=t("chart_stated", lang),
        scale=alt.Scale(
            domain=[t(f"chart_measure_{m}", lang) for m in STATED_MEASURES],
            range=[MEASURE_SHAPES[m] for m in STATED_MEASURES],
        ),
        legend=alt.Legend(orient="right", labelLimit=200),
    )
    stated_tips = [
        alt.Tooltip("when:N", title=t("chart_date", lang)),
        alt.Tooltip("count:Q", title=t("chart_centres", lang)),
        alt.Tooltip("measure:N", title=measure_title),
        alt.Tooltip("meaning:N", title=t("chart_meaning", lang)),
    ]
    points_base = alt.Chart(stated).encode(
        x=x,
        y=alt.Y("count:Q", title=y_title, scale=y_scale),
    )
    points = (
        points_base.transform_calculate(series=_literal(t("chart_stated", lang)))
        .mark_point(filled=True, size=70, clip=True)
        .encode(
            shape=shape,
            color=series_colour,
            tooltip=stated_tips,
        )
    )
    labels = points_base.mark_text(align="left", dx=7, dy=-6, fontSize=11, clip=True).encode(
        text="count:Q",
        color=alt.value(_COLOURS["stated"]),
        tooltip=stated_tips,
    )

    rule = (
        alt.Chart(pd.DataFrame(_selected_rows(selected, lang)))
        .mark_rule(strokeDash=[4, 3], strokeWidth=1.5, color="#444444", clip=True)
        .encode(x=x, tooltip=[alt.Tooltip("when:N", title=t("chart_selected", lang))])
        .properties(name=SELECTED_LAYER)
    )

    layers: list[alt.Chart] = [band, line, points, labels, rule]
    if emphasis:
        layers.append(_emphasis_layer(emphasis, lang, x, y_title, y_top))
    return alt.layer(*layers).properties(title=t("chart_title", lang), height=_HEIGHT)


def _selected_rows(day: date, lang: str) -> list[dict[str, str]]:
    """The one data row of the selected-day rule, as Vega-Lite receives it."""
    words = FuzzyDate.parse(day.isoformat(), "day").describe(lang)
    return [{"date": f"{day.isoformat()}T00:00:00", "when": words}]


def with_selected_day(spec: dict, day: date, lang: str) -> dict:
    """`spec` (a `rollout_chart(...).to_dict()`) with its rule moved to `day`.

    Building and validating the whole chart costs far more than a slider step may; so the app
    builds the spec once per dataset and language and only swaps the rule's one data row.
    """
    layer = next(layer for layer in spec["layer"] if layer.get("name") == SELECTED_LAYER)
    datasets = {**spec["datasets"], layer["data"]["name"]: _selected_rows(day, lang)}
    return {**spec, "datasets": datasets}


def _stated_frame(milestones: Sequence[Milestone], lang: str) -> pd.DataFrame:
    """One row per drawn milestone, only the columns the points and tooltips use."""
    rows = [
        {
            "date": pd.Timestamp(m.date.latest),
            "count": m.count,
            "measure": t(f"chart_measure_{m.measure}", lang),
            "when": m.date.describe(lang),
            "meaning": m.meaning,
        }
        for m in stated_milestones(milestones)
    ]
    frame = pd.DataFrame(rows, columns=["date", "count", "measure", "when", "meaning"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def _y_top(most: int) -> int:
    """The top of the count axis: fixed for the whole series (the line does not jump while the
    slider moves) and a little above its highest point (56 for the 54 centres)."""
    return most + max(2, round(most / 25))


def _emphasis_layer(
    emphasis: Sequence[dict], lang: str, x: alt.X, y_title: str, y_top: int
) -> alt.Chart:
    """Fact-check marks: a short tick at the top per entry, green when `ok`, red otherwise."""
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime([pd.Timestamp(e["date"]) for e in emphasis]),
            "label": [("✓ " if e["ok"] else "✗ ") + str(e["label"]) for e in emphasis],
            "verdict": ["ok" if e["ok"] else "off" for e in emphasis],
        }
    )
    return (
        alt.Chart(frame)
        .mark_rule(strokeWidth=3, clip=True)
        .encode(
            x=x,
            y=alt.YDatum(y_top, title=y_title),
            y2=alt.Y2Datum(y_top - y_top / 14),
            color=alt.condition(
                "datum.verdict == 'ok'",
                alt.value(_EMPHASIS_COLOURS["ok"]),
                alt.value(_EMPHASIS_COLOURS["off"]),
            ),
            tooltip=[
                alt.Tooltip("date:T", title=t("chart_date", lang), format="%Y-%m-%d"),
                alt.Tooltip("label:N", title=t("chart_check", lang)),
            ],
        )
    )


def _datetime(stamp: pd.Timestamp) -> alt.DateTime:
    """A Vega-Lite date (local time, like the serialised data) for a scale domain."""
    return alt.DateTime(year=stamp.year, month=stamp.month, date=stamp.day)


def _literal(text: str) -> str:
    """`text` as a Vega expression string literal (JSON quoting is valid there)."""
    return json.dumps(text, ensure_ascii=False)
