"""The population share in the rollout chart: the share of NRW's residents whose Kreis has an
open centre, as a line with its band on a right-hand percent axis (KI data only: an upload's
sites need not serve a whole Kreis, so its series has no population columns).
"""

from __future__ import annotations

__all__ = ["population_frame", "population_layers"]

import altair as alt
import pandas as pd

from geo.i18n import t
from geo.views.chart_style import COLOURS, named, series_colour


def population_frame(series: pd.DataFrame) -> pd.DataFrame | None:
    """The population share per day (columns date, share, high), or None without figures."""
    columns = ("population_share", "population_share_high")
    if not all(column in series for column in columns) or series[columns[0]].isna().all():
        return None
    return pd.DataFrame(
        {
            "date": pd.to_datetime(series["date"]),
            "share": series["population_share"].fillna(0.0).astype(float),
            "high": series["population_share_high"].fillna(0.0).astype(float),
        }
    )


def population_layers(
    shares: pd.DataFrame, x: alt.X, share_top: float, date_tip: alt.Tooltip, lang: str
) -> list[alt.Chart]:
    """The population share as a band (up to every possibly covered Kreis) and a line, on a
    right-hand percent axis whose 100 % lies at the height of the highest count."""
    scale = alt.Scale(domain=[0, share_top], nice=False)
    title = t("chart_population_axis", lang)
    tips = [
        date_tip,
        alt.Tooltip("share:Q", title=t("chart_population", lang), format=".1%"),
        alt.Tooltip("high:Q", title=t("chart_population_high", lang), format=".1%"),
    ]
    band = (
        alt.Chart(shares)
        .mark_area(interpolate="step-after", opacity=0.1, color=COLOURS["population"])
        .encode(
            x=x,
            y=alt.Y("share:Q", title=title, scale=scale, axis=None),
            y2="high:Q",
            tooltip=tips,
        )
    )
    axis = alt.Axis(orient="right", format="%", values=[0, 0.25, 0.5, 0.75, 1], grid=False)
    line = (
        named(alt.Chart(shares), t("chart_population", lang))
        .mark_line(interpolate="step-after", strokeWidth=1.5, strokeDash=[6, 3])
        .encode(
            x=x,
            y=alt.Y("share:Q", title=title, scale=scale, axis=axis),
            color=series_colour(t("chart_population", lang), COLOURS["population"]),
            tooltip=tips,
        )
    )
    return [band, line]
