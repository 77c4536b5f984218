"""Dev-time: the milestones read from `data/sources/state_timeline.csv`, each count statement
classified by what it counts (`MEASURE_BY_MEANING`) and given its German summary from
`data/sources/summaries_de.csv` (our own German version of the research note); a new wording or
a statement without a German summary stops the build.
"""

from __future__ import annotations

__all__ = [
    "DERIVED_COUNTS",
    "GERMAN_COLUMNS",
    "MEASURE_BY_MEANING",
    "TIMELINE_COLUMNS",
    "build_milestones",
]

from pathlib import Path

from geo.errors import DataFileError, DataProblem
from geo.sources.cells import RowReader, required, sequence_no, source_urls
from geo.sources.csvfile import read_csv_rows
from geo.sources.milestones import MEASURES, Milestone

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
# The German summaries, one per statement, found by its date and source URL.
GERMAN_COLUMNS = ("date", "source_url", "summary_de")

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


def _german_summaries(
    path: Path, problems: list[DataProblem]
) -> dict[tuple[str, str], tuple[str, int]]:
    """The German summaries by (date, source URL), each with its line."""
    name = path.name
    summaries: dict[tuple[str, str], tuple[str, int]] = {}
    for row in read_csv_rows(path, GERMAN_COLUMNS, label=name):
        r = RowReader(row, name, problems)
        key = (r.get("date"), r.get("source_url"))
        if key in summaries:
            r.fail("source_url", "repeats the date and source URL of an earlier row")
        summaries[key] = (r.convert("summary_de", required, ""), row.line)
    return summaries


def _milestone(r: RowReader, german: dict[tuple[str, str], tuple[str, int]]) -> Milestone | None:
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
        summary_de=german.get((r.get("date"), r.get("source_url")), ("", 0))[0],
        sources=r.convert("source_url", source_urls, ()),
        line=r.row.line,
    )
    if not milestone.summary_de:
        r.fail("summary", "has no German summary; add one to summaries_de.csv")
    return milestone if len(r.problems) == before else None


def build_milestones(timeline_path: Path, german_path: Path) -> tuple[Milestone, ...]:
    """Every timeline row that states a count or says what one means, in the source's order,
    with its German summary from `german_path`.

    `line` of each milestone is its line in the timeline file. Raises `DataFileError` when a
    row cannot be converted, its meaning is not classified in `MEASURE_BY_MEANING` or it has no
    German summary.
    """
    name = Path(timeline_path).name
    rows = read_csv_rows(timeline_path, TIMELINE_COLUMNS, label=name)
    problems: list[DataProblem] = []
    german = _german_summaries(Path(german_path), problems)
    chosen = [r for r in rows if r.cells["count"].strip() or r.cells["count_meaning"].strip()]
    milestones = [
        m for row in chosen if (m := _milestone(RowReader(row, name, problems), german)) is not None
    ]
    used = {(r.cells["date"].strip(), r.cells["source_url"].strip()) for r in chosen}
    for key, (_summary, line) in german.items():
        if key not in used:
            message = f"matches no count statement of {name} (by date and source URL)"
            problems.append(DataProblem(Path(german_path).name, line, "date", key[0], message))
    if problems:
        raise DataFileError(problems)
    return tuple(milestones)
