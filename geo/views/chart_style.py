"""The rollout chart's colours and legend settings, and the one-entry legends its layers share.

Every layer has its own colour scale (`resolve_scale(color="independent")`), so each names itself
in a legend entry of its own; the band, line and population line get one without a title.
"""

from __future__ import annotations

__all__ = ["COLOURS", "LEGEND", "expression_literal", "named", "series_colour"]

import json

import altair as alt

COLOURS = {
    "open": "#1f4e79",
    "band": "#9ecae1",
    "stated": "#d95f02",
    "population": "#7b3294",
    "ok": "#1a9850",
    "off": "#d73027",
}
LEGEND = {"orient": "right", "labelLimit": 320, "titleLimit": 320}


def named(chart: alt.Chart, name: str) -> alt.Chart:
    """`chart` with a constant `series` field holding its legend name."""
    return chart.transform_calculate(series=expression_literal(name))


def series_colour(name: str, colour: str, symbol: str = "stroke") -> alt.Color:
    """A one-entry legend without title: the layer's name beside its colour and `symbol`."""
    return alt.Color(
        "series:N",
        scale=alt.Scale(domain=[name], range=[colour]),
        legend=alt.Legend(title=None, symbolType=symbol, **LEGEND),
    )


def expression_literal(text: str) -> str:
    """`text` as a Vega expression string literal (JSON quoting is valid there)."""
    return json.dumps(text, ensure_ascii=False)
