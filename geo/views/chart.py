"""The cumulative rollout chart: open centres over time, the uncertainty band, the stated counts
and, for the KI data, the share of NRW's population reached.

Built with altair as a pure function of the timeline series and the milestones, so tests read
the Vega-Lite spec (`chart.to_dict()`) and the app only has to hand the chart to Streamlit.
"""

from __future__ import annotations

__all__ = ["CHART_HEIGHT", "rollout_chart"]

from collections.abc import Sequence
from datetime import date

import altair as alt
import pandas as pd

from geo.i18n import t
from geo.sources.milestones import Milestone
from geo.views.chart_day import SELECTED_LAYER, selected_rows
from geo.views.chart_labels import LABEL_LAYOUT_WIDTH, Curve, Plot
from geo.views.chart_locale import time_axis_format, vega_locale
from geo.views.chart_population import population_frame, population_layers
from geo.views.chart_stated import stated_frame, stated_layers
from geo.views.chart_style import COLOURS, LEGEND, named, series_colour

# The plot's height in pixels: the chart fits its width to the page, never its height.
CHART_HEIGHT = 280


def rollout_chart(
    series: pd.DataFrame,
    milestones: Sequence[Milestone],
    selected: date,
    *,
    lang: str = "de",
    emphasis: Sequence[dict] | None = None,
) -> alt.LayerChart:
    """The rollout chart: band, open line, population share, stated counts, the selected day
    and the fact-check ticks.

    `series` is `Dataset.series` (columns date, open, uncertain, ... and, with population
    figures, population_share and population_share_high, drawn on a right-hand percent axis).
    `emphasis`, when given, is a list of dicts with keys date, label and ok, drawn as green or
    red ticks at the top with a legend. Without stated counts (own data) their layers and legend
    are left out. Labels are placed by `geo.views.chart_labels`, so none overlap at 1366 px.
    """
    if series.empty:
        raise ValueError("the series has no rows")
    dates = pd.to_datetime(series["date"])
    counts = pd.DataFrame(
        {
            "date": dates,
            "open": series["open"].astype(int),
            "high": (series["open"] + series["uncertain"]).astype(int),
        }
    )
    most = int(counts["high"].max())
    plot = Plot(
        first=dates.min().date(),
        last=dates.max().date(),
        width=LABEL_LAYOUT_WIDTH,
        height=CHART_HEIGHT,
        y_top=_y_top(most),
    )
    x = alt.X(
        "date:T",
        title=t("chart_date", lang),
        scale=alt.Scale(domain=[_datetime(plot.first), _datetime(plot.last)]),
        axis=alt.Axis(format=time_axis_format(lang), formatType="time"),
    )
    # Every layer has its own y scale (the population share needs one), all fixed to one domain.
    y_scale = alt.Scale(domain=[0, plot.y_top], nice=False)
    y_title = t("chart_centres", lang)
    date_tip = alt.Tooltip("date:T", title=t("chart_date", lang), format="%Y-%m-%d")

    band = (
        named(alt.Chart(counts), t("chart_band", lang))
        .mark_area(interpolate="step-after", opacity=0.35)
        .encode(
            x=x,
            y=alt.Y("open:Q", title=y_title, scale=y_scale, axis=None),
            y2="high:Q",
            color=series_colour(t("chart_band", lang), COLOURS["band"], "square"),
            tooltip=[date_tip, alt.Tooltip("high:Q", title=t("chart_band", lang))],
        )
    )
    line = (
        named(alt.Chart(counts), t("chart_open", lang))
        .mark_line(interpolate="step-after", strokeWidth=2)
        .encode(
            x=x,
            y=alt.Y("open:Q", title=y_title, scale=y_scale),
            color=series_colour(t("chart_open", lang), COLOURS["open"]),
            tooltip=[date_tip, alt.Tooltip("open:Q", title=t("chart_open", lang))],
        )
    )
    layers: list[alt.Chart] = [band, line]
    days = tuple(dates.dt.date)
    curves = [Curve(days, tuple(counts["open"]), tuple(counts["open"]), plot.y_top)]

    shares = population_frame(series)
    if shares is not None:
        share_top = plot.y_top / max(most, 1)  # 100 % at the height of the highest count
        layers += population_layers(shares, x, share_top, date_tip, lang)
        curves.append(Curve(days, tuple(shares["share"]), tuple(shares["share"]), share_top))

    stated = stated_frame(milestones, lang)
    if not stated.empty:
        reserved = plot.y(_tick_bottom(most, plot.y_top)) if emphasis else 0.0
        layers += stated_layers(stated, plot, curves, reserved, x, y_scale, y_title, lang)

    layers.append(_selected_layer(selected, x, lang))
    if emphasis:
        ticks = (plot.y_top, _tick_bottom(most, plot.y_top))
        layers.append(_emphasis_layer(emphasis, lang, x, y_scale, ticks, date_tip))
    return (
        alt.layer(*layers)
        .resolve_scale(y="independent", color="independent")
        .properties(
            title=t("chart_title", lang),
            height=CHART_HEIGHT,
            autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
            # SVG, so the labels stay sharp in screenshots and tests can measure them.
            usermeta={"embedOptions": {"renderer": "svg"}},
        )
        .configure(locale=vega_locale(lang))
    )


def _selected_layer(day: date, x: alt.X, lang: str) -> alt.Chart:
    """The dashed rule at the selected day (moved by `with_selected_day`)."""
    return (
        alt.Chart(pd.DataFrame(selected_rows(day, lang)))
        .mark_rule(strokeDash=[4, 3], strokeWidth=1.5, color="#444444", clip=True)
        .encode(x=x, tooltip=[alt.Tooltip("when:N", title=t("chart_selected", lang))])
        .properties(name=SELECTED_LAYER)
    )


def _y_top(most: int) -> int:
    """The top of the count axis: fixed for the whole series (the line does not jump while the
    slider moves) and a little above its highest point (58 for the 54 centres), so the
    fact-check ticks fit above it."""
    return most + max(2, round(most / 12))


def _tick_bottom(most: int, y_top: int) -> float:
    """Where the fact-check ticks end: halfway between the highest count and the axis top."""
    return (most + y_top) / 2


def _emphasis_layer(
    emphasis: Sequence[dict],
    lang: str,
    x: alt.X,
    y_scale: alt.Scale,
    ticks: tuple[float, float],
    date_tip: alt.Tooltip,
) -> alt.Chart:
    """Fact-check marks: a short tick from `ticks[0]` down to `ticks[1]` per entry, green when
    `ok`, red otherwise, with a legend (its entries begin with ✓ and ✗, so they read without
    colour)."""
    ok, off = t("chart_check_ok", lang), t("chart_check_off", lang)
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime([pd.Timestamp(e["date"]) for e in emphasis]),
            "label": [("✓ " if e["ok"] else "✗ ") + str(e["label"]) for e in emphasis],
            "verdict": ["ok" if e["ok"] else "off" for e in emphasis],
            "result": [ok if e["ok"] else off for e in emphasis],
        }
    )
    return (
        alt.Chart(frame)
        .mark_rule(strokeWidth=3, clip=True)
        .encode(
            x=x,
            y=alt.YDatum(ticks[0], scale=y_scale, axis=None),
            y2=alt.Y2Datum(ticks[1]),
            color=alt.Color(
                "result:N",
                scale=alt.Scale(domain=[ok, off], range=[COLOURS["ok"], COLOURS["off"]]),
                legend=alt.Legend(title=t("chart_check_title", lang), **LEGEND),
            ),
            tooltip=[date_tip, alt.Tooltip("label:N", title=t("chart_check", lang))],
        )
    )


def _datetime(day: date) -> alt.DateTime:
    """A Vega-Lite date (local time, like the serialised data) for a scale domain."""
    return alt.DateTime(year=day.year, month=day.month, date=day.day)
