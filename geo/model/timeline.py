"""The rollout over time: each centre's state at a date, counts, series and the fact check.

At a date a centre is `open` (it has certainly started), `uncertain` (it may have started),
`approved` (approved, not started) or absent. `Timeline` computes every centre's start window
once, so a snapshot for the slider is a cheap comparison per centre.
"""

from __future__ import annotations

__all__ = [
    "CentreState",
    "MilestoneCheck",
    "Snapshot",
    "Timeline",
    "month_starts",
]

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from geo.model.startwindow import StartWindow, start_window
from geo.sources.centres import Centre
from geo.sources.milestones import Milestone

if TYPE_CHECKING:
    import pandas as pd


class CentreState(StrEnum):
    """What the map shows for a centre at a date."""

    OPEN = "open"
    UNCERTAIN = "uncertain"
    APPROVED = "approved"


@dataclass(frozen=True)
class Snapshot:
    """The state of every drawn centre at `day` (absent centres are left out)."""

    day: date
    states: dict[str, CentreState]

    def ids(self, state: CentreState) -> tuple[str, ...]:
        """Ids of the centres in `state`, in dataset order."""
        return tuple(cid for cid, s in self.states.items() if s is state)

    def count(self, state: CentreState) -> int:
        """How many centres are in `state`."""
        return sum(1 for s in self.states.values() if s is state)

    @property
    def counts(self) -> dict[str, int]:
        """Counts by state plus `total`, the number of centres drawn at this date."""
        counts = {state.value: self.count(state) for state in CentreState}
        counts["total"] = len(self.states)
        return counts


@dataclass(frozen=True)
class MilestoneCheck:
    """A stated count beside what the dataset gives at that date, with a verdict and its reason."""

    milestone: Milestone
    day: date | None
    open: int
    uncertain: int
    approved: int
    low: int | None
    high: int | None
    verdict: str
    reason: str

    @property
    def consistent(self) -> bool:
        """True when the stated count lies within the dataset's band."""
        return self.verdict == "consistent"


def month_starts(first: date, last: date) -> list[date]:
    """The first day of every month from `first`'s month to `last`'s month, inclusive."""
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


class Timeline:
    """Centres with their start windows; answers "what is the state at this date?"."""

    def __init__(
        self,
        centres: Sequence[Centre],
        *,
        window_of: Callable[[Centre], StartWindow] = start_window,
    ) -> None:
        """`window_of` turns a centre's dates into its start window: the KI policy by default,
        `own_window` for other data, where the KI statements say nothing."""
        self.centres = tuple(centres)
        self.windows: dict[str, StartWindow] = {c.id: window_of(c) for c in self.centres}

    def state_of(self, centre: Centre, day: date) -> CentreState | None:
        """The state of one centre at `day`, or None when it is not drawn yet."""
        window = self.windows[centre.id]
        if window.latest is not None and window.latest <= day:
            return CentreState.OPEN
        if window.earliest <= day:
            return CentreState.UNCERTAIN
        approved_by = centre.approval.latest
        if approved_by is not None and approved_by <= day:
            return CentreState.APPROVED
        return None

    def snapshot(self, day: date) -> Snapshot:
        """Every drawn centre's state at `day`."""
        states = {}
        for centre in self.centres:
            state = self.state_of(centre, day)
            if state is not None:
                states[centre.id] = state
        return Snapshot(day, states)

    def series(self, days: Iterable[date]) -> pd.DataFrame:
        """Counts per day: columns date, open, uncertain, approved, total."""
        # pandas (about 0.2 s to import) stays off the page above the map: the model does not
        # load it, the map's modules (folium) and the chart do.
        import pandas as pd

        rows = [{"date": day, **self.snapshot(day).counts} for day in days]
        return pd.DataFrame(rows, columns=["date", "open", "uncertain", "approved", "total"])

    def kreis_states(self, snapshot: Snapshot) -> dict[str, CentreState]:
        """Per Kreis key (5 digits), the most advanced state of the centres in it (sites in no
        known Kreis, e.g. uploads beyond the polygons, cover none)."""
        rank = {CentreState.APPROVED: 0, CentreState.UNCERTAIN: 1, CentreState.OPEN: 2}
        states: dict[str, CentreState] = {}
        for centre in self.centres:
            if not centre.kreis_ars:
                continue
            state = snapshot.states.get(centre.id)
            current = states.get(centre.kreis_ars)
            if state is not None and (current is None or rank[state] > rank[current]):
                states[centre.kreis_ars] = state
        return states

    def lit_kreise(
        self, snapshot: Snapshot, highlight: frozenset[str] | None
    ) -> frozenset[str] | None:
        """The Kreis keys a highlight keeps in full colour: those holding a highlighted centre
        drawn at the snapshot (None without a highlight: every Kreis)."""
        if highlight is None:
            return None
        return frozenset(
            c.kreis_ars
            for c in self.centres
            if c.kreis_ars and c.id in highlight and c.id in snapshot.states
        )

    def started_in(self, years: Iterable[int]) -> tuple[str, ...]:
        """Ids of the centres whose start certainly falls in one of `years`."""
        chosen = set(years)
        return tuple(c.id for c in self.centres if self.windows[c.id].certain_year in chosen)

    def without_certain_year(self) -> int:
        """How many centres have a start window spanning more than one year."""
        return sum(1 for w in self.windows.values() if w.certain_year is None)

    def event_days(self) -> list[date]:
        """Every day on which some centre's state can change, sorted."""
        days: set[date] = set()
        for centre in self.centres:
            window = self.windows[centre.id]
            days.add(window.earliest)
            if window.latest is not None:
                days.add(window.latest)
            if centre.approval.latest is not None:
                days.add(centre.approval.latest)
        return sorted(days)

    def check(self, milestones: Iterable[Milestone]) -> list[MilestoneCheck]:
        """Compare every dated count statement with the dataset at that date."""
        return [self._check_one(m) for m in milestones]

    def _check_one(self, milestone: Milestone) -> MilestoneCheck:
        day = milestone.date.latest
        if day is None or milestone.count is None:
            return MilestoneCheck(
                milestone, day, 0, 0, 0, None, None, "not comparable", "no date or no number"
            )
        snap = self.snapshot(day)
        n_open = snap.count(CentreState.OPEN)
        n_unc = snap.count(CentreState.UNCERTAIN)
        n_app = snap.count(CentreState.APPROVED)
        measure = milestone.measure
        if measure in ("started", "ordinal"):
            low, high = n_open, n_open + n_unc
            what = "open … open + uncertain"
        elif measure == "approved":
            low = n_open + n_app
            high = sum(1 for c in self.centres if self._may_be_approved(c, day))
            what = "open + approved … all that may be approved (approval dates are often unknown)"
        else:
            reason = "a plan or target, not a count" if measure == "target" else "counts no centres"
            return MilestoneCheck(
                milestone, day, n_open, n_unc, n_app, None, None, "not comparable", reason
            )
        stated = milestone.count
        if low <= stated <= high:
            verdict = "consistent"
        elif stated > high:
            verdict = f"off by +{stated - high}"
        else:
            verdict = f"off by -{low - stated}"
        reason = f"dataset band [{low}, {high}] ({what}) at {day.isoformat()}"
        return MilestoneCheck(milestone, day, n_open, n_unc, n_app, low, high, verdict, reason)

    def _may_be_approved(self, centre: Centre, day: date) -> bool:
        """False only where the facts show the centre was neither approved nor started by `day`."""
        if self.windows[centre.id].earliest <= day:
            return True
        earliest_approval = centre.approval.earliest
        return earliest_approval is None or earliest_approval <= day
