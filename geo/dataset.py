"""What the dashboard replays: the KI centres with the state's statements, or a user's own sites.

Both go through the same map, slider, chart, reports and exports; a `Dataset` bundles what
those need to know beyond the timeline (its month steps, start years, chart series, title).
"""

from __future__ import annotations

__all__ = ["KI_FIRST_MONTH", "Dataset"]

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import pandas as pd

from geo.chart import chart_days, rollout_chart
from geo.factcheck import chart_marks
from geo.milestones import Milestone
from geo.timeline import MilestoneCheck, Timeline, month_starts

# The KI slider starts in January 2012, the year the integration law was passed.
KI_FIRST_MONTH = date(2012, 1, 1)


@dataclass(frozen=True)
class Dataset:
    """A timeline with its statements (none for own data) and, for own data, the file's name."""

    timeline: Timeline
    milestones: tuple[Milestone, ...] = ()
    filename: str = ""
    first_month: date | None = None
    _chart_specs: dict[str, dict] = field(default_factory=dict, compare=False, repr=False)

    @property
    def own(self) -> bool:
        """True for a user's upload, False for the KI data."""
        return bool(self.filename)

    @cached_property
    def months(self) -> list[date]:
        """Monthly slider steps: from the first month to the month after the last event."""
        days = self.timeline.event_days()
        last = max(days)
        first = self.first_month or min(days).replace(day=1)
        after_last = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
        return month_starts(first, after_last)

    @cached_property
    def start_years(self) -> list[int]:
        """The years some site certainly started in (the year filter's options)."""
        windows = self.timeline.windows.values()
        return sorted({w.certain_year for w in windows if w.certain_year})

    @cached_property
    def series(self) -> pd.DataFrame:
        """Counts per state at every month start and event day, for the chart."""
        days = chart_days(self.months[0], self.months[-1], self.timeline.event_days())
        return self.timeline.series(days)

    @cached_property
    def checks(self) -> list[MilestoneCheck]:
        """Every statement beside the dataset at its date (empty for own data)."""
        return self.timeline.check(self.milestones)

    def chart_spec(self, lang: str) -> dict:
        """The rollout chart as a Vega-Lite spec, with the fact-check marks of the statements;
        built once per language (move its day with `geo.chart.with_selected_day`)."""
        if lang not in self._chart_specs:
            marks = chart_marks(self.checks, lang) if self.milestones else None
            chart = rollout_chart(
                self.series, self.milestones, self.months[-1], lang=lang, emphasis=marks
            )
            self._chart_specs[lang] = chart.to_dict()
        return self._chart_specs[lang]

    @cached_property
    def year_ends(self) -> range:
        """The years from the first to the last month, for the year-end panels."""
        return range(self.months[0].year, self.months[-1].year + 1)
