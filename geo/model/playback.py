"""Stepping, playing and jumping through the rollout (pure; the app keeps the state)."""

from __future__ import annotations

__all__ = [
    "DEFAULT_SPEED",
    "SPEEDS",
    "JumpTarget",
    "clamp_day",
    "interval_seconds",
    "jump_targets",
    "month_day",
    "month_end",
    "next_frame",
    "step_month",
]

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from geo.i18n import t
from geo.sources.fuzzydate import Precision, day_words
from geo.sources.milestones import Milestone

SPEEDS = (0.5, 1.0, 2.0, 4.0)
DEFAULT_SPEED = 1.0
# Seconds one month stays on screen at 1× speed.
SECONDS_PER_MONTH = 1.0


def interval_seconds(speed: float) -> float:
    """How long each month is shown at `speed` (0.5× → 2 s, 4× → 0.25 s)."""
    if speed not in SPEEDS:
        raise ValueError(f"speed must be one of {SPEEDS}")
    return SECONDS_PER_MONTH / speed


def month_end(month: date) -> date:
    """The last day of the month containing `month`."""
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def month_day(month: date, last_day: date) -> date:
    """The day a slider month shows: its last day ("April 2014" reads as "by the end of April"),
    or `last_day`, the range's end (at most today), when that comes first."""
    return min(month_end(month), last_day)


def clamp_day(day: date, first_day: date, last_day: date) -> date:
    """`day`, moved into the range from `first_day` to `last_day` when it lies outside."""
    return min(max(day, first_day), last_day)


def _month_index(months: Sequence[date], day: date) -> int:
    """Index of the month containing `day` (clamped to the ends of `months`)."""
    first_of_month = day.replace(day=1)
    if first_of_month <= months[0]:
        return 0
    for index, month in enumerate(months):
        if month >= first_of_month:
            return index if month == first_of_month else index - 1
    return len(months) - 1


def step_month(months: Sequence[date], current: date, delta: int) -> date:
    """The month `delta` steps from the one containing `current`, stopping at both ends."""
    index = min(max(_month_index(months, current) + delta, 0), len(months) - 1)
    return months[index]


def next_frame(months: Sequence[date], current: date, *, loop: bool) -> tuple[date, bool]:
    """The next month while playing, and whether playing goes on after it.

    At the last month playback starts again from the first when `loop` is on, else it stops.
    """
    index = _month_index(months, current)
    if index + 1 < len(months):
        return months[index + 1], True
    if loop:
        return months[0], True
    return months[-1], False


@dataclass(frozen=True)
class JumpTarget:
    """A day worth jumping to, with its label in the chosen language."""

    day: date
    label: str


def jump_targets(
    first_start: date, milestones: Sequence[Milestone], *, last_day: date, lang: str = "de"
) -> list[JumpTarget]:
    """The first start and every day-precise count statement up to `last_day`, in date order."""
    targets = [JumpTarget(first_start, t("jump_first", lang, date=day_words(first_start, lang)))]
    for milestone in milestones:
        fuzzy = milestone.date
        if fuzzy.precision is not Precision.DAY or milestone.count is None:
            continue
        if fuzzy.earliest > last_day:
            continue
        if milestone.measure not in ("started", "ordinal", "approved"):
            continue
        places = ", ".join(milestone.places)
        label = t(
            f"jump_{milestone.measure}",
            lang,
            date=fuzzy.describe(lang),
            n=milestone.count,
            places=places,
        )
        targets.append(JumpTarget(fuzzy.earliest, label))
    return sorted(set(targets), key=lambda target: (target.day, target.label))
