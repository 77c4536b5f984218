"""The stated counts in the rollout chart: one point per dated count of the state (one shape
per kind of statement), its label where `geo.views.chart_labels` finds room, and leader lines.
"""

from __future__ import annotations

__all__ = [
    "LABELS_LAYER",
    "MEASURE_SHAPES",
    "STATED_MEASURES",
    "stated_frame",
    "stated_layers",
    "stated_milestones",
]

from collections.abc import Iterable, Sequence

import altair as alt
import pandas as pd

from geo.i18n import t
from geo.sources.milestones import Milestone
from geo.views.chart_labels import LABEL_DX, LABEL_FONT_SIZE, Curve, Plot, place_labels
from geo.views.chart_style import COLOURS, LEGEND
from geo.views.factcheck import milestone_words

# Measures whose count can be drawn against the open-centre line (targets and "other" cannot).
STATED_MEASURES = ("started", "ordinal", "approved")
# One shape per measure, so the points read without colour.
MEASURE_SHAPES = {"started": "circle", "ordinal": "diamond", "approved": "triangle-up"}
# The name of the stated counts' text layer (its marks are `stated_labels_marks` in the SVG);
# labels left of their point, at the plot's right edge, are in `stated_labels_left`.
LABELS_LAYER = "stated_labels"


def stated_milestones(milestones: Iterable[Milestone]) -> list[Milestone]:
    """The milestones drawn as points: a count, a countable measure and a known date."""
    return [
        m
        for m in milestones
        if m.count is not None and m.measure in STATED_MEASURES and m.date.latest is not None
    ]


def stated_frame(milestones: Sequence[Milestone], lang: str) -> pd.DataFrame:
    """One row per drawn milestone, only the columns the points and tooltips use."""
    rows = [
        {
            "date": pd.Timestamp(m.date.latest),
            "count": m.count,
            "measure": t(f"chart_measure_{m.measure}", lang),
            "when": m.date.describe(lang),
            "meaning": milestone_words(m, lang),
        }
        for m in stated_milestones(milestones)
    ]
    frame = pd.DataFrame(rows, columns=["date", "count", "measure", "when", "meaning"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def stated_layers(
    stated: pd.DataFrame,
    plot: Plot,
    curves: Sequence[Curve],
    reserved_top: float,
    x: alt.X,
    y_scale: alt.Scale,
    y_title: str,
    lang: str,
) -> list[alt.Chart]:
    """The stated counts: leader lines, points (one shape per measure) and their labels."""
    shown = [m for m in STATED_MEASURES if t(f"chart_measure_{m}", lang) in set(stated["measure"])]
    shape = alt.Shape(
        "measure:N",
        title=t("chart_stated", lang),
        scale=alt.Scale(
            domain=[t(f"chart_measure_{m}", lang) for m in shown],
            range=[MEASURE_SHAPES[m] for m in shown],
        ),
        legend=alt.Legend(**LEGEND),
    )
    tips = [
        alt.Tooltip("when:N", title=t("chart_date", lang)),
        alt.Tooltip("count:Q", title=t("chart_centres", lang)),
        alt.Tooltip("measure:N", title=t("chart_measure", lang)),
        alt.Tooltip("meaning:N", title=t("chart_meaning", lang)),
    ]
    y_count = alt.Y("count:Q", title=y_title, scale=y_scale, axis=None)
    points = (
        alt.Chart(stated)
        .mark_point(filled=True, size=70, clip=True, color=COLOURS["stated"], opacity=1)
        .encode(x=x, y=y_count, shape=shape, tooltip=tips)
    )
    spots = place_labels(
        list(zip(stated["date"].dt.date, stated["count"], strict=True)),
        plot,
        curves,
        reserved_top,
    )
    placed = pd.DataFrame(
        {
            "date": pd.to_datetime([spot.day for spot in spots]),
            "count": [spot.count for spot in spots],
            "text": [spot.text for spot in spots],
            "at": [spot.value for spot in spots],
            "leader": [spot.leader for spot in spots],
            "left": [spot.left for spot in spots],
        }
    )
    leaders = (
        alt.Chart(placed[placed["leader"]])
        .mark_rule(strokeWidth=1, color=COLOURS["stated"], opacity=0.7, clip=True)
        .encode(x=x, y=y_count, y2="at:Q")
    )
    y_label = alt.Y("at:Q", title=y_title, scale=y_scale, axis=None)
    labels = [
        alt.Chart(placed[placed["left"] == left])
        .mark_text(
            align="right" if left else "left",
            baseline="middle",
            dx=-LABEL_DX if left else LABEL_DX,
            fontSize=LABEL_FONT_SIZE,
            color=COLOURS["stated"],
            clip=True,
        )
        .encode(x=x, y=y_label, text="text:N")
        .properties(name=f"{LABELS_LAYER}_left" if left else LABELS_LAYER)
        for left in (False, True)
    ]
    return [leaders, points, *labels]
