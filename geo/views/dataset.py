"""What the dashboard replays: the KI centres with the state's statements, or a user's own sites.

Both go through the same map, slider, chart, reports and exports; a `Dataset` bundles what
those need to know beyond the timeline (its month steps, start years, chart series, title).
A slider month shows the state at its last day, never after the range's end (at most today).
"""

from __future__ import annotations

__all__ = ["KI_FIRST_MONTH", "Dataset", "event_months"]

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING

from geo.i18n import check_lang
from geo.model.coverage import Coverage, coverage_at, coverage_series
from geo.model.playback import clamp_day, month_day, month_end
from geo.model.timeline import MilestoneCheck, Snapshot, Timeline, month_starts
from geo.sources.milestones import Milestone
from geo.sources.population import KreisPopulation
from geo.views.chart_day import chart_days

if TYPE_CHECKING:
    import pandas as pd

# The KI slider starts in January 2012, the year the integration law was passed.
KI_FIRST_MONTH = date(2012, 1, 1)


def event_months(timeline: Timeline, first: date | None = None) -> list[date]:
    """Month starts from `first` (default: the first event's month) to the month after the last
    event, so a replay ends on a month without changes: the slider's steps and the GIF's
    frames. Empty for a timeline without events."""
    days = timeline.event_days()
    if not days:
        return []
    last = days[-1]
    after_last = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    return month_starts(first or days[0], after_last)


@dataclass(frozen=True)
class Dataset:
    """A timeline with its statements (none for own data) and, for own data, the file's name.

    `population` (residents per Kreis) gives the population coverage; the KI data has it, own
    data not (its sites need not serve a whole Kreis). `today`, the clock's day, ends the range
    at today's month and day (None: no clock, for data wholly in the past)."""

    timeline: Timeline
    milestones: tuple[Milestone, ...] = ()
    filename: str = ""
    first_month: date | None = None
    population: tuple[KreisPopulation, ...] = ()
    today: date | None = None

    @property
    def own(self) -> bool:
        """True for a user's upload, False for the KI data."""
        return bool(self.filename)

    @cached_property
    def has_geocoded_sites(self) -> bool:
        """True when some positions came from Nominatim (they owe OpenStreetMap a credit)."""
        return any(c.coord_source == "nominatim" for c in self.timeline.centres)

    @cached_property
    def months(self) -> list[date]:
        """Monthly slider steps (month starts): from the first month to the month after the last
        event, but not past today's month (today's month alone when every event is later)."""
        months = event_months(self.timeline, self.first_month)
        if self.today is None or not months:
            return months
        this_month = self.today.replace(day=1)
        return [m for m in months if m <= this_month] or [this_month]

    @property
    def first_day(self) -> date:
        """The first day the slider can show."""
        return self.months[0]

    @cached_property
    def last_day(self) -> date:
        """The last day the slider can show: the last month's end, or today when that is earlier."""
        end = month_end(self.months[-1])
        return end if self.today is None else min(end, self.today)

    def day_of(self, month: date) -> date:
        """The day the slider's `month` shows: its last day, today for the current month."""
        return month_day(month, self.last_day)

    @cached_property
    def shown_days(self) -> list[date]:
        """The day each slider month shows, in order: the GIF's frames, the HTML map's steps."""
        return [self.day_of(month) for month in self.months]

    def clamped(self, day: date) -> date:
        """`day` moved into the slider's range (a link or release outside it opens at its end)."""
        return clamp_day(day, self.first_day, self.last_day)

    @cached_property
    def start_years(self) -> list[int]:
        """Every year from the first event to the last one shown (the year filter's options, so
        a year in which nothing started is offered too, with 0)."""
        days = self.timeline.event_days()
        if not days:
            return []
        shown = [day for day in days if day <= self.last_day] or days[:1]
        return list(range(shown[0].year, shown[-1].year + 1))

    @cached_property
    def population_by_kreis(self) -> Mapping[str, KreisPopulation]:
        """The residents per Kreis key (empty without population figures)."""
        return MappingProxyType({figure.ars: figure for figure in self.population})

    def coverage(self, snapshot: Snapshot) -> Coverage | None:
        """The population coverage of `snapshot` (the one the page already computed for its day),
        or None without population figures."""
        if not self.population:
            return None
        return coverage_at(self.timeline, snapshot, self.population_by_kreis)

    @cached_property
    def series(self) -> pd.DataFrame:
        """Counts per state at every month start and event day, for the chart; with population
        figures also `population_share` and `population_share_high` (0 to 1)."""
        days = chart_days(self.first_day, self.last_day, self.timeline.event_days())
        counts = self.timeline.series(days)
        if not self.population:
            return counts
        shares = coverage_series(self.timeline, days, self.population_by_kreis)
        return counts.merge(shares, on="date", how="left")

    @cached_property
    def checks(self) -> list[MilestoneCheck]:
        """Every statement beside the dataset at its date (empty for own data)."""
        return self.timeline.check(self.milestones)

    @cached_property
    def _chart_specs(self) -> dict[str, dict]:
        return {}

    def chart_spec(self, lang: str) -> dict:
        """The rollout chart as a Vega-Lite spec in `lang`, with the fact-check marks of the
        statements; built once per language when first asked for (a step only moves its day
        with `geo.views.chart_day.with_selected_day`, which copies it)."""
        specs = self._chart_specs
        if lang not in specs:
            # altair (about 0.2 s to import) loads with the first chart, which the page draws
            # after its first map (see `ui.below_map`).
            from geo.views.chart import rollout_chart
            from geo.views.factcheck import chart_marks

            check_lang(lang)
            marks = chart_marks(self.checks, lang) if self.milestones else None
            chart = rollout_chart(
                self.series, self.milestones, self.last_day, lang=lang, emphasis=marks
            )
            specs[lang] = chart.to_dict()
        return specs[lang]

    @cached_property
    def year_ends(self) -> range:
        """The years from the first to the last month, for the year-end panels."""
        return range(self.months[0].year, self.months[-1].year + 1)
