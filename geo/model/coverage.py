"""How many of NRW's residents live where a centre is open: the population coverage at a date.

A Kreis counts as covered when every centre in it is open (the Stadt Aachen and the Städteregion
Aachen share Kreis 05334, so its residents are counted once, and only when both are open) and as
possibly covered when some centre in it is open or may have started; the two give the band.
"""

from __future__ import annotations

__all__ = ["Coverage", "coverage_at", "coverage_series"]

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from geo.model.timeline import CentreState, Snapshot, Timeline
from geo.sources.population import KreisPopulation

if TYPE_CHECKING:
    import pandas as pd

_STARTED = (CentreState.OPEN, CentreState.UNCERTAIN)


@dataclass(frozen=True)
class Coverage:
    """Residents covered at `day` (`covered` certainly, up to `possible` with the uncertain
    starts) out of `total`, by figures of `reference_date`."""

    day: date
    covered: int
    possible: int
    total: int
    reference_date: date

    @property
    def share(self) -> float:
        """The certainly covered share of NRW's residents, from 0 to 1."""
        return self.covered / self.total

    @property
    def share_high(self) -> float:
        """The share if every uncertain start had already happened, from 0 to 1."""
        return self.possible / self.total


def coverage_at(
    timeline: Timeline, snapshot: Snapshot, population: Mapping[str, KreisPopulation]
) -> Coverage:
    """The population coverage of `snapshot`; sites in no NRW Kreis cover nobody."""
    states_by_kreis: dict[str, list[CentreState | None]] = defaultdict(list)
    for centre in timeline.centres:
        if centre.kreis_ars in population:
            states_by_kreis[centre.kreis_ars].append(snapshot.states.get(centre.id))
    covered = possible = 0
    for ars, states in states_by_kreis.items():
        residents = population[ars].residents
        if all(state is CentreState.OPEN for state in states):
            covered += residents
        if any(state in _STARTED for state in states):
            possible += residents
    return Coverage(
        day=snapshot.day,
        covered=covered,
        possible=possible,
        total=sum(p.residents for p in population.values()),
        reference_date=max(p.reference_date for p in population.values()),
    )


def coverage_series(
    timeline: Timeline, days: Iterable[date], population: Mapping[str, KreisPopulation]
) -> pd.DataFrame:
    """Per day the covered share and its upper bound: columns date, population_share,
    population_share_high (for the chart and the table exports)."""
    import pandas as pd  # not with the model, as in `Timeline.series`

    rows = []
    for day in days:
        cov = coverage_at(timeline, timeline.snapshot(day), population)
        rows.append(
            {"date": day, "population_share": cov.share, "population_share_high": cov.share_high}
        )
    return pd.DataFrame(rows, columns=["date", "population_share", "population_share_high"])
