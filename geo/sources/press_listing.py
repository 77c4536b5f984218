"""The parser of a press-release search listing (the format of the seed page and the state's tag
pages): bullets, titles and texts become `PressRelease` records with places, counts and dates.
"""

from __future__ import annotations

__all__ = [
    "parse_listing",
    "read_listing",
]

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from geo.errors import DataProblem, PressFormatError
from geo.sources.csvfile import decode_text, read_file_bytes
from geo.sources.fuzzydate import FuzzyDate, Precision
from geo.sources.press import PressRelease, release_id
from geo.sources.press_counts import extract_counts, extract_qualitative
from geo.sources.press_dates import extract_event_dates
from geo.sources.press_places import extract_places
from geo.sources.textfold import fold

_FURNITURE = ("suche", "in zeitraum suchen", "anzahl der ergebnisse")
_BULLET = re.compile(r"^\s*[•·▪◦]\s*(.*?)\s*$")
_BULLET_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
# A sentence ends in . ! ? … or one of them followed by closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?…:][\"'“”„«»‘’)\]]*$")


@dataclass
class _Paragraph:
    line: int
    text: str
    lines: int


@dataclass
class _Bullets:
    line: int
    tags: list[str]
    date: FuzzyDate


def _is_furniture(line: str) -> bool:
    """Search-page furniture: "Suche", "In Zeitraum suchen", "Anzahl der Ergebnisse[: n]"."""
    folded = fold(line.strip())
    return folded in _FURNITURE[:2] or folded.startswith(_FURNITURE[2])


def _blocks(text: str, source: str) -> Iterator[_Paragraph | _Bullets | None]:
    """Paragraphs, bullet groups and (as None) blank separators, in order."""
    paragraph: _Paragraph | None = None
    bullets: _Bullets | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        bullet = _BULLET.match(raw)
        if bullet:
            if paragraph is not None:
                yield paragraph
                paragraph = None
            if bullets is None:
                bullets = _Bullets(number, [], FuzzyDate.unknown())
            _read_bullet(bullets, bullet.group(1), number, source)
            continue
        if not line or _is_furniture(line):
            if paragraph is not None:
                yield paragraph
                paragraph = None
            if not line:
                yield None
            continue
        if bullets is not None:
            yield bullets
            bullets = None
        if paragraph is None:
            paragraph = _Paragraph(number, line, 1)
        else:
            paragraph.text += " " + line
            paragraph.lines += 1
    if paragraph is not None:
        yield paragraph
    if bullets is not None:
        yield bullets


def _read_bullet(bullets: _Bullets, content: str, number: int, source: str) -> None:
    match = _BULLET_DATE.match(content)
    if not match:
        if content:
            bullets.tags.append(content)
        return
    day, month, year = (int(g) for g in match.groups())
    problem: str | None = None
    if bullets.date.is_known:
        problem = f"second date bullet in one group (first: {bullets.date.text})"
    else:
        try:
            bullets.date = FuzzyDate.parse(f"{year:04d}-{month:02d}-{day:02d}", "day")
        except ValueError as exc:
            problem = f"date bullet is not a real date: {exc}"
    if problem:
        raise PressFormatError([DataProblem(source, number, None, content, problem)])


def parse_listing(text: str, *, source: str = "") -> tuple[PressRelease, ...]:
    """The releases in a listing's text, in order, with places, counts and dates extracted.

    The format (that of the state's tag pages): page furniture ("Suche", "In Zeitraum suchen",
    "Anzahl der Ergebnisse") is ignored; a group of bullet lines ("  • Pressemitteilung",
    "  • 12.06.2013") belongs to the entry that FOLLOWS it; an entry is an optional title (one
    line that does not end like a sentence and is followed by another paragraph) and a text.
    Entries without bullets have an unknown date and no tags. `line` of a record is the first
    line of its bullets or, without bullets, of its title or text. Raises `PressFormatError` for
    a malformed date bullet or bullets followed by no entry. Pure: no I/O.
    """
    name = source or "<text>"
    items = list(_blocks(text, name))
    releases: list[PressRelease] = []
    pending: _Bullets | None = None
    index = 0
    while index < len(items):
        item = items[index]
        index += 1
        if item is None:
            continue
        if isinstance(item, _Bullets):
            if pending is not None:
                _dangling(pending, name)
            pending = item
            continue
        following = _next_block(items, index)
        title = ""
        body = item
        if (
            item.lines == 1
            and not _SENTENCE_END.search(item.text)
            and isinstance(following, _Paragraph)
        ):
            title, body = item.text, following
            index = items.index(following, index) + 1
        start = pending.line if pending else item.line
        releases.append(_release(pending, title, body.text, name, start))
        pending = None
    if pending is not None:
        _dangling(pending, name)
    return tuple(releases)


def _next_block(
    items: list[_Paragraph | _Bullets | None], start: int
) -> _Paragraph | _Bullets | None:
    return next((i for i in items[start:] if i is not None), None)


def _dangling(bullets: _Bullets, name: str) -> None:
    raise PressFormatError(
        [DataProblem(name, bullets.line, None, None, "bullets that are followed by no entry")]
    )


def _release(
    bullets: _Bullets | None, title: str, text: str, source: str, line: int
) -> PressRelease:
    when = bullets.date if bullets else FuzzyDate.unknown()
    both = f"{title}\n{text}" if title else text
    places, ambiguous = extract_places(both)
    reference = when.earliest if when.precision is Precision.DAY else None
    release = PressRelease(
        date=when,
        tags=tuple(bullets.tags) if bullets else (),
        title=title,
        text=text,
        places=places,
        counts=extract_counts(both),
        event_dates=extract_event_dates(both, reference=reference),
        ambiguous=ambiguous,
        qualitative=extract_qualitative(both),
        source=source,
        line=line,
    )
    return replace(release, id=release_id(release))


def read_listing(path: Path) -> tuple[PressRelease, ...]:
    """Read and parse a listing file; raises `PressFormatError` naming the file and line.

    Missing or unreadable files, paths that are not a regular file (a named pipe, a device),
    files over 20 MB, binary data, text that is not UTF-8 and files without a single entry are
    errors (see `read_file_bytes`).
    """
    path = Path(path)
    name = str(path)
    raw = read_file_bytes(path, name, error=PressFormatError)
    text, _ = decode_text(raw, name, error=PressFormatError)
    try:
        releases = parse_listing(text, source=path.name)
    except PressFormatError as exc:
        # Name the file as the user gave it, like the read errors above (records keep the name).
        raise PressFormatError([replace(p, file=name) for p in exc.problems]) from None
    if not releases:
        what = "the file is empty" if not text.strip() else "no press release entries found"
        raise PressFormatError([DataProblem(name, None, None, None, what)])
    return releases
