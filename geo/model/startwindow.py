"""The one policy for uncertain start dates: each centre's window of possible start days.

A centre's own dates (the main start date and a conflicting second date, if any) give a window
from the earliest to the latest day either could mean. Where that window is open or wider than
the facts allow, sourced statements of the state narrow it:

* Lower bound for every centre: the first centres started in December 2012 (Solingen on
  01.12.2012 "as one of the first", Hagen in December 2012); the earliest approval is of December
  2012 as well.
* Upper bound for every kreisfreie Stadt: the state release of 25.04.2014 says all kreisfreie
  Städte have a centre.
* Upper bound for every centre except the late ones (those with an ordinal, the 50th to 54th):
  on 09.04.2015 the state gave 49 centres, which is 54 minus the five late ones, so all others
  existed by then.

A derived bound is kept with its reason and source and never shown as a known date. A bound that
contradicts the centre's own dates is not applied (the source's own date wins).
"""

from __future__ import annotations

__all__ = [
    "ALL_BUT_LATE_BY",
    "FIRST_STARTS",
    "KREISFREIE_STAEDTE_BY",
    "Bound",
    "StartWindow",
    "own_window",
    "start_window",
]

from dataclasses import dataclass
from datetime import date

from geo.sources.centres import Centre
from geo.sources.fuzzydate import FuzzyDate


@dataclass(frozen=True)
class Bound:
    """A date derived from a sourced statement, with why it applies and where it comes from."""

    day: date
    reason_de: str
    reason_en: str
    source: str

    def reason(self, lang: str) -> str:
        """Why the bound applies, in German or English."""
        return self.reason_de if lang == "de" else self.reason_en


FIRST_STARTS = Bound(
    date(2012, 12, 1),
    "frühestens Dezember 2012: die ersten Zentren starteten im Dezember 2012",
    "not before December 2012, when the first centres started",
    "https://www.solingen.de/de/aktuelles/ministerin-besucht-kommunales-integrationszentrum-3876395/",
)
KREISFREIE_STAEDTE_BY = Bound(
    date(2014, 4, 25),
    "spätestens 25.04.2014: laut Landesregierung hatten alle kreisfreien Städte ein Zentrum",
    "by 25 April 2014: the state said every kreisfreie Stadt had a centre",
    "https://www.land.nrw/de/pressemitteilung/minister-schneider-nur-zwei-jahren-eine-vorbildliche-infrastruktur-fuer-die",
)
ALL_BUT_LATE_BY = Bound(
    date(2015, 4, 9),
    "spätestens 09.04.2015: laut Landesregierung gab es 49 Zentren, alle außer den fünf späten",
    "by 9 April 2015: the state counted 49 centres, all but the five late ones",
    "https://muelheim-ruhr.de/cms/hoher_besuch_in_muelheim.html",
)


@dataclass(frozen=True)
class StartWindow:
    """First and last day a centre can have started; `*_bound` is set where the policy decided."""

    earliest: date
    latest: date | None
    earliest_bound: Bound | None = None
    latest_bound: Bound | None = None

    @property
    def certain_year(self) -> int | None:
        """The start year when the whole window lies in one year, else None."""
        if self.latest is None or self.latest.year != self.earliest.year:
            return None
        return self.earliest.year


def _own_window(start: FuzzyDate, alt: FuzzyDate) -> tuple[date | None, date | None]:
    """The hull of the start date and a conflicting date; an unknown start leaves both sides open.

    A conflicting date beside an unknown start is too weak to bound it (Stadt Aachen: "2012" on
    an English page against a council decision of 2013), so the policy decides there.
    """
    dates = [start, alt] if alt.is_known else [start]
    earliests = [d.earliest for d in dates]
    latests = [d.latest for d in dates]
    earliest = None if None in earliests else min(e for e in earliests if e is not None)
    latest = None if None in latests else max(x for x in latests if x is not None)
    return earliest, latest


def own_window(centre: Centre, *, floor: date) -> StartWindow:
    """A centre's window from its own dates only, for data the KI statements say nothing about.

    An open lower end becomes `floor` (the first day of the data), so an unknown start is shown
    as uncertain over the whole span, never as an invented date.
    """
    earliest, latest = _own_window(centre.start, centre.start_alt)
    return StartWindow(earliest or floor, latest)


def start_window(centre: Centre) -> StartWindow:
    """Apply the policy above to one centre."""
    own_earliest, own_latest = _own_window(centre.start, centre.start_alt)

    earliest, earliest_bound = own_earliest, None
    fits_first = own_latest is None or FIRST_STARTS.day <= own_latest
    if fits_first and (earliest is None or earliest < FIRST_STARTS.day):
        earliest, earliest_bound = FIRST_STARTS.day, FIRST_STARTS
    elif earliest is None:
        earliest = own_latest

    latest, latest_bound = own_latest, None
    if centre.sequence_no is None:
        candidates = [ALL_BUT_LATE_BY]
        if centre.territory_type == "kreisfreie Stadt":
            candidates.append(KREISFREIE_STAEDTE_BY)
        for bound in candidates:
            fits = bound.day >= earliest
            if fits and (latest is None or bound.day < latest):
                latest, latest_bound = bound.day, bound
    return StartWindow(earliest, latest, earliest_bound, latest_bound)
