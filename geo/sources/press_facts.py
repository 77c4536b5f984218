"""Dev-time: the records of `data/press_releases.csv`, from the seed listing (with our summaries)
and from every dated count statement of `data/sources/state_timeline.csv`.
"""

from __future__ import annotations

__all__ = [
    "build_press_releases",
]

from dataclasses import replace
from pathlib import Path

from geo.errors import DataFileError, DataProblem
from geo.sources.cells import RowReader, required, sequence_no, source_urls
from geo.sources.csvfile import read_csv_rows
from geo.sources.milestones import MEASURES
from geo.sources.press import PressRelease, release_id
from geo.sources.press_counts import CountMention
from geo.sources.press_listing import read_listing
from geo.sources.press_places import extract_places
from geo.sources.press_summaries import SEED_SUMMARIES, timeline_summary_de
from geo.sources.timeline_facts import MEASURE_BY_MEANING, TIMELINE_COLUMNS


def build_press_releases(seed_path: Path, timeline_csv: Path) -> tuple[PressRelease, ...]:
    """The seed listing's releases, then every dated count statement of the state timeline.

    Seed records get their summaries from `SEED_SUMMARIES` (geo/sources/press_summaries.py) and
    keep no full text; timeline rows (those with a `count` or `count_meaning` and a known date)
    get the timeline's English summary, a German one from `TIMELINE_MEANING_DE`, their URLs and
    the centres their `places` cell names, each of which must resolve to exactly one territory.
    Raises `DataFileError` (a `PressFormatError` for the listing) naming every problem.
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
                    "has no summary; add one to SEED_SUMMARIES in geo/sources/press_summaries.py",
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
