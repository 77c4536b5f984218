"""The rollout chart's days: the days its series is sampled at, and the selected-day rule that a
slider step moves in the finished spec. Plain data, no altair, so a step (and the app's first
page, before any chart is built) does not load it.
"""

from __future__ import annotations

__all__ = ["SELECTED_LAYER", "chart_days", "selected_rows", "with_selected_day"]

from collections.abc import Iterable
from datetime import date

from geo.model.timeline import month_starts
from geo.sources.fuzzydate import day_words

# The name of the selected-day rule layer, which `with_selected_day` finds and moves.
SELECTED_LAYER = "selected_day"


def chart_days(first: date, last: date, event_days: Iterable[date]) -> list[date]:
    """Days to sample the series at: `first`, `last`, every month start and every event day.

    Sorted, without duplicates, all within [first, last], so each step of the line lands on the
    exact day a centre's state changes.
    """
    if last < first:
        raise ValueError(f"last day {last} is before first day {first}")
    days = {first, last, *month_starts(first, last), *event_days}
    return sorted(d for d in days if first <= d <= last)


def selected_rows(day: date, lang: str) -> list[dict[str, str]]:
    """The one data row of the selected-day rule, as Vega-Lite receives it."""
    words = day_words(day, lang)
    return [{"date": f"{day.isoformat()}T00:00:00", "when": words}]


def with_selected_day(spec: dict, day: date, lang: str) -> dict:
    """`spec` (a `rollout_chart(...).to_dict()`) with its rule moved to `day`.

    Building and validating the whole chart costs far more than a slider step may; so the app
    builds the spec once per dataset and language and only swaps the rule's one data row.
    """
    layer = next(layer for layer in spec["layer"] if layer.get("name") == SELECTED_LAYER)
    datasets = {**spec["datasets"], layer["data"]["name"]: selected_rows(day, lang)}
    return {**spec, "datasets": datasets}
