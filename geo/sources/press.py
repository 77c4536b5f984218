"""Press releases: the `PressRelease` record, its stable id and `data/press_releases.csv`.

The dashboard sets what the state said (a count, an opening, a visit) beside the centres' own
dates; the file holds every release with its gazetteer keys, typed counts and ISO event dates.
"""

from __future__ import annotations

__all__ = [
    "ORIGINS",
    "PRESS_COLUMNS",
    "PressRelease",
    "load_press_releases",
    "press_release_to_row",
    "release_id",
    "write_press_releases",
]

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from geo.errors import DataFileError, DataProblem
from geo.i18n import Message
from geo.sources.atomic import write_text_atomic
from geo.sources.cells import RowReader, duplicate_problems, source_urls
from geo.sources.csvfile import CsvRow, read_csv_rows, rows_to_csv_text
from geo.sources.fuzzydate import FuzzyDate, parse_partial_date
from geo.sources.gazetteer import territory_by_ars
from geo.sources.press_counts import MAX_CENTRES, CountMention
from geo.sources.press_places import PlaceMention
from geo.sources.textfold import slug


@dataclass(frozen=True)
class PressRelease:
    """One press release or dated statement, with what was extracted from its title and text.

    `date` is the release date (unknown when the listing gives none); `event_dates` are dates of
    events named in the text. `ambiguous` holds place phrases that could mean more than one
    territory (or only a town), `qualitative` count phrases without a number ("mehr als die
    Hälfte der Kommunen"). `source` and `line` say where the record was read; `origin` is
    `seed` (a parsed listing) or `state_timeline` (the research timeline).
    """

    date: FuzzyDate
    tags: tuple[str, ...]
    title: str
    text: str
    places: tuple[PlaceMention, ...]
    counts: tuple[CountMention, ...]
    event_dates: tuple[FuzzyDate, ...]
    ambiguous: tuple[str, ...] = ()
    qualitative: tuple[str, ...] = ()
    source: str = ""
    line: int = 0
    id: str = ""
    origin: str = "seed"
    summary_de: str = ""
    summary_en: str = ""
    source_urls: tuple[str, ...] = ()


def release_id(release: PressRelease) -> str:
    """A stable id: origin, date (or "undated") and the first words of the title or text."""
    words = slug(release.title or release.text or release.summary_en).split("-")[:4]
    return "-".join([release.origin.replace("_", "-"), release.date.text or "undated", *words])


# ------------------------------------------------------------------------ press_releases.csv

PRESS_COLUMNS = (
    "id",
    "origin",
    "date",
    "precision",
    "tags",
    "title",
    "summary_de",
    "summary_en",
    "places",
    "ambiguous",
    "counts",
    "qualitative",
    "event_dates",
    "source",
    "source_url",
)
ORIGINS = ("seed", "state_timeline")
_LIST_SEP = "; "
_COUNT_SEP = " | "
_COUNT_CELL = re.compile(r"^(count|ordinal) (\d{1,2})(?:/(\d{1,2}))?: (\S.*)$")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def press_release_to_row(release: PressRelease) -> list[str]:
    """The CSV cells of `release`, in `PRESS_COLUMNS` order (the full text is never written)."""
    return [
        release.id,
        release.origin,
        release.date.text,
        release.date.precision.value,
        _LIST_SEP.join(release.tags),
        release.title,
        release.summary_de,
        release.summary_en,
        " ".join(p.ars for p in release.places),
        _LIST_SEP.join(release.ambiguous),
        _COUNT_SEP.join(_count_item(c) for c in release.counts),
        _LIST_SEP.join(release.qualitative),
        " ".join(d.text for d in release.event_dates),
        release.source,
        " ".join(release.source_urls),
    ]


def write_press_releases(path: Path, releases: Iterable[PressRelease]) -> None:
    """Write `releases` to `path` atomically (a crash leaves the old file intact)."""
    text = rows_to_csv_text(PRESS_COLUMNS, (press_release_to_row(r) for r in releases))
    write_text_atomic(Path(path), text)


def load_press_releases(path: Path, *, label: str | None = None) -> tuple[PressRelease, ...]:
    """Read and validate `press_releases.csv`; raise `DataFileError` listing every problem.

    Records come back without their full text (the file holds summaries only) and with an empty
    `phrase` in their place mentions.
    """
    name = label or Path(path).name
    rows = read_csv_rows(path, PRESS_COLUMNS, label=name)
    problems: list[DataProblem] = []
    releases = [r for row in rows if (r := _parse_row(row, name, problems)) is not None]
    problems += duplicate_problems(rows, "id", name, wording="repeats line")
    if not rows:
        problems.append(DataProblem(name, None, None, None, Message("problem_header_only")))
    if problems:
        raise DataFileError(problems)
    return tuple(releases)


def _split(text: str, sep: str) -> tuple[str, ...]:
    if not text:
        return ()
    parts = tuple(p.strip() for p in text.split(sep.strip()))
    if not all(parts):
        raise ValueError(f"has an empty item (separate items with {sep!r})")
    return parts


def _places_cell(text: str) -> tuple[PlaceMention, ...]:
    places = []
    for ars in text.split():
        try:
            territory = territory_by_ars(ars)
        except KeyError:
            raise ValueError(f"{ars!r} is not a key in geo/sources/gazetteer.py") from None
        places.append(PlaceMention(ars, territory.official_name, ""))
    if len({p.ars for p in places}) != len(places):
        raise ValueError("names a territory twice")
    return tuple(places)


def _count_item(count: CountMention) -> str:
    """One item of the `counts` cell: "count 16: phrase", "count 52/54: phrase" with a total."""
    total = "" if count.total is None else f"/{count.total}"
    return f"{count.kind} {count.value}{total}: {count.phrase}"


def _counts_cell(text: str) -> tuple[CountMention, ...]:
    counts = []
    for item in _split(text, _COUNT_SEP):
        match = _COUNT_CELL.match(item)
        if not match or not 1 <= int(match.group(2)) <= MAX_CENTRES:
            raise ValueError(
                f"{item!r} is not 'count|ordinal N: phrase' or 'count|ordinal N/TOTAL: phrase'"
                " with N from 1 to 54"
            )
        value = int(match.group(2))
        total = None if match.group(3) is None else int(match.group(3))
        if total is not None and not value <= total <= MAX_CENTRES:
            raise ValueError(
                f"{item!r} has the total {total}, which must be from the count {value} to 54"
            )
        counts.append(CountMention(value, match.group(1), match.group(4), total))
    return tuple(counts)


def _event_dates_cell(text: str) -> tuple[FuzzyDate, ...]:
    dates = []
    for item in text.split():
        parts = parse_partial_date(item)[2]
        precision = {1: "year", 2: "month", 3: "day"}[parts]
        dates.append(FuzzyDate.parse(item, precision))
    return tuple(dates)


def _id_cell(text: str) -> str:
    if not _ID.match(text):
        raise ValueError("must be a lower-case slug (a-z, 0-9, '-')")
    return text


def _origin_cell(text: str) -> str:
    if text not in ORIGINS:
        raise ValueError("must be one of " + ", ".join(ORIGINS))
    return text


def _parse_row(row: CsvRow, file: str, problems: list[DataProblem]) -> PressRelease | None:
    r = RowReader(row, file, problems)
    origin = r.convert("origin", _origin_cell, "")
    url_text = r.get("source_url")
    urls: tuple[str, ...] = ()
    if url_text or origin == "state_timeline":
        urls = r.convert("source_url", source_urls, ())
    release = PressRelease(
        date=r.fuzzy("date", "precision"),
        tags=r.convert("tags", lambda t: _split(t, _LIST_SEP), ()),
        title=r.get("title"),
        text="",
        places=r.convert("places", _places_cell, ()),
        counts=r.convert("counts", _counts_cell, ()),
        event_dates=r.convert("event_dates", _event_dates_cell, ()),
        ambiguous=r.convert("ambiguous", lambda t: _split(t, _LIST_SEP), ()),
        qualitative=r.convert("qualitative", lambda t: _split(t, _LIST_SEP), ()),
        source=r.text("source"),
        line=row.line,
        id=r.convert("id", _id_cell, ""),
        origin=origin,
        summary_de=r.text("summary_de"),
        summary_en=r.text("summary_en"),
        source_urls=urls,
    )
    return release if r.ok else None
