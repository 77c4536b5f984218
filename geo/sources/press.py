"""Press releases: parse ministry listings into records; find the centres, counts and dates in them.

The dashboard sets what the state said (a count, an opening, a visit) beside the centres' own
dates, so every release is tied to gazetteer keys, typed counts and ISO event dates here, once.
"""

from __future__ import annotations

__all__ = [
    "PRESS_COLUMNS",
    "SEED_SUMMARIES",
    "TIMELINE_MEANING_DE",
    "CountMention",
    "PlaceMention",
    "PressRelease",
    "extract_counts",
    "extract_event_dates",
    "extract_places",
    "extract_qualitative",
    "load_press_releases",
    "parse_listing",
    "press_release_to_row",
    "read_listing",
    "release_id",
    "run_parse_cli",
    "timeline_summary_de",
    "to_json_records",
    "write_press_releases",
]

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TextIO

from geo.errors import DataFileError, DataProblem, PressFormatError
from geo.sources.atomic import write_text_atomic
from geo.sources.cells import RowReader, duplicate_problems, source_urls
from geo.sources.csvfile import (
    CsvRow,
    decode_text,
    read_csv_rows,
    read_file_bytes,
    rows_to_csv_text,
)
from geo.sources.fuzzydate import FuzzyDate, Precision, parse_partial_date
from geo.sources.gazetteer import TERRITORIES, Territory, territory_by_ars


@dataclass(frozen=True)
class PlaceMention:
    """A territory named in a text: its key, official name and the words that named it."""

    ars: str
    name: str
    phrase: str


@dataclass(frozen=True)
class CountMention:
    """A number of centres (`kind` "count") or a centre's rank (`kind` "ordinal") in a text."""

    value: int
    kind: str
    phrase: str


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


# --------------------------------------------------------------------------- normalising text

_FOLD = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "\u2010": "-", "\u2011": "-"}


def _normalise(text: str) -> tuple[str, list[int]]:
    """Lower-case, umlaut-free text plus, for each of its characters, the index it came from."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        lower = char.lower()
        folded = _FOLD.get(lower, " " if lower.isspace() else lower)
        chars.append(folded)
        origin.extend([index] * len(folded))
    return "".join(chars), origin


def _fold(text: str) -> str:
    return _normalise(text)[0]


def _slug(text: str) -> str:
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in _fold(text)).split()
    return "-".join(words)


# --------------------------------------------------------------------------------- places

# Word edges: a hyphen counts as part of a word, so "NRW-Kreisen" is no Kreis and
# "Köln-Mülheim" (a district of Köln) is not Mülheim an der Ruhr.
_L = r"(?<![\w-])"
_R = r"(?![\w-])"
# Kreise whose name is not also the name of a town: named alone they can only mean the Kreis.
_NOT_TOWNS = frozenset({"05766", "05770", "05970"})  # Lippe, Minden-Lübbecke, Siegen-Wittgenstein
# A town inside a Kreis that is not itself a KI territory, named like its Kreis.
_EXTRA_TOWNS = {"Neuss": "05162"}
_AACHEN_CITY, _AACHEN_REGION = "05334002", "05334"
_STADT_WORD = r"(?:landeshauptstadt|bundesstadt|klingenstadt|kreisstadt|hansestadt|stadt|staedte)"
_LIST_GLUE = r"\s*(?:,|und|sowie|oder|&)\s*"


def _name_pattern(name: str) -> str:
    """A regex for a folded name that also accepts its German inflected forms."""
    pattern = re.escape(_fold(name)).replace(r"\ ", r"\s+")
    # "Märkischer Kreis" / "Märkischen Kreises": adjective endings before "Kreis".
    pattern = re.sub(r"(?:er|en)(\\s\+kreis)", r"e[nmrs]?\1", pattern)
    # "Rhein-Kreis Neuss" / "Rhein-Kreises Neuss", "Hochsauerlandkreises".
    return re.sub(r"kreis(?![a-z])", "kreis(?:es)?", pattern)


def _alternation(names: Iterable[str]) -> str:
    patterns = sorted({_name_pattern(n) for n in names}, key=len, reverse=True)
    return "(?:" + "|".join(patterns) + ")"


def _place_tables() -> tuple[
    list[tuple[str, str]], dict[str, str], dict[str, str | None], dict[str, tuple[str, ...]]
]:
    """Split every gazetteer name into the four ways a text can use it (see `extract_places`)."""
    explicit: list[tuple[str, str]] = []  # (name, ars): unambiguous on its own
    kreis_context: dict[str, str] = {}  # folded X of "Kreis X" -> ars
    stadt_context: dict[str, str | None] = {}  # folded X of "Stadt X" -> ars, None = a town only
    bare: dict[str, tuple[str, ...]] = {}  # folded bare name -> candidates (1 = resolved)
    for t in TERRITORIES:
        for name in t.names:
            folded = _fold(name)
            if folded.startswith("kreis "):
                kreis_context[folded[6:]] = t.ars
            elif folded.startswith("stadt "):
                stadt_context[folded[6:]] = t.ars
            elif t.ars == _AACHEN_CITY:
                bare[folded] = (_AACHEN_REGION, _AACHEN_CITY)
                stadt_context[folded] = t.ars
            elif _is_bare_town(t, name):
                bare[folded] = (t.ars,)
                if t.territory_type == "kreisfreie Stadt":
                    stadt_context[folded] = t.ars
                elif t.ars not in _NOT_TOWNS:
                    stadt_context.setdefault(folded, None)
            else:
                explicit.append((name, t.ars))
    for town, ars in _EXTRA_TOWNS.items():
        bare[_fold(town)] = (ars,)
        stadt_context[_fold(town)] = None
    return explicit, kreis_context, stadt_context, bare


def _is_bare_town(t: Territory, name: str) -> bool:
    """True for plain town-like names: "Dortmund", "Mülheim", "Kleve" (of Kreis Kleve)."""
    if t.territory_type == "kreisfreie Stadt":
        return not _fold(name).split()[0].endswith("stadt")
    return t.territory_type == "Kreis" and t.official_name == f"Kreis {name}"


_EXPLICIT, _KREIS_NAMES, _STADT_NAMES, _BARE = _place_tables()
_EXPLICIT_RES = [(re.compile(_L + _name_pattern(n) + _R), ars) for n, ars in _EXPLICIT]
_KREIS_NAME = _alternation(_KREIS_NAMES)
_KREIS_LIST = re.compile(
    _L + r"kreis(?:es|en|e)?\s+" + _KREIS_NAME + "(?:" + _LIST_GLUE + _KREIS_NAME + ")*" + _R
)
_KREIS_ONE = re.compile(_L + "(" + _KREIS_NAME + ")" + _R)
_STADT_NAME = _alternation(_STADT_NAMES)
_STADT_LIST = re.compile(
    _L + _STADT_WORD + r"\s+" + _STADT_NAME + "(?:" + _LIST_GLUE + _STADT_NAME + ")*" + _R
)
_STADT_ONE = re.compile(_L + "(" + _STADT_NAME + ")" + _R)
# Bare names; kreisfreie Städte also in the genitive ("Dortmunds").
_BARE_RE = re.compile(_L + "(" + _alternation(_BARE) + ")s?" + _R)


def _lookup(table: dict[str, str | None], folded: str) -> str | None:
    return table.get(re.sub(r"\s+", " ", folded))


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    candidates: tuple[str, ...]  # one key: resolved; several or a town: needs the entry's help
    explicit: bool


def extract_places(text: str) -> tuple[tuple[PlaceMention, ...], tuple[str, ...]]:
    """The territories `text` names, in order of first mention, and the ambiguous phrases.

    Rules, decided once here:
    - Names that say what they are resolve directly, in any German case: "Kreis Kleve",
      "im Kreis Düren", "des Kreises Steinfurt", "in den Kreisen Borken und Steinfurt",
      "Rhein-Kreis Neuss", "Märkischen Kreises", "Städteregion Aachen", "Stadt Aachen",
      "der Stadt Solingen".
    - Kreisfreie Städte resolve by their name or an alias ("Dortmund", "Mülheim", "Dortmunds").
    - A bare name that is also a town inside a Kreis ("Düren", "Borken", "Neuss") and the bare
      "Aachen" (Stadt or Städteregion) resolve only when exactly one of their candidate
      territories is named explicitly elsewhere in the same text; otherwise they are returned
      as ambiguous, never guessed. "Stadt Düren" or "Kreisstadt Borken" name the town only and
      map to nothing.
    - Bare names need a capital initial ("Essen", not the verb "essen"); matching is otherwise
      case- and umlaut-insensitive (ä = ae, ß = ss). Adjectives ("Dortmunder") are not places.
    """
    folded, origin = _normalise(text)
    hits: list[_Hit] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    def add(start: int, end: int, candidates: tuple[str, ...], explicit: bool) -> None:
        hits.append(_Hit(start, end, candidates, explicit))

    for regex, ars in _EXPLICIT_RES:
        for m in regex.finditer(folded):
            if free(*m.span()):
                taken.append(m.span())
                add(*m.span(), (ars,), True)
    for regex, one, table in (
        (_KREIS_LIST, _KREIS_ONE, _KREIS_NAMES),
        (_STADT_LIST, _STADT_ONE, _STADT_NAMES),
    ):
        for m in regex.finditer(folded):
            if not free(*m.span()):
                continue
            taken.append(m.span())
            # Skip the leading "Kreis"/"Stadt" word, then read each listed name.
            head = len(m.group(0).split()[0])
            for name in one.finditer(folded, m.start() + head, m.end()):
                ars = _lookup(table, name.group(1))
                if ars is not None:
                    add(m.start(), m.end(), (ars,), True)
    for m in _BARE_RE.finditer(folded):
        if not free(*m.span()) or not text[origin[m.start()]].isupper():
            continue
        candidates = _BARE[re.sub(r"\s+", " ", m.group(1))]
        resolved = len(candidates) == 1 and _is_city_or_region(candidates[0])
        add(*m.span(), candidates, resolved)

    named = {h.candidates[0] for h in hits if h.explicit}
    places: dict[str, PlaceMention] = {}
    ambiguous: dict[str, None] = {}
    for hit in sorted(hits, key=lambda h: h.start):
        phrase = text[origin[hit.start] : origin[hit.end - 1] + 1]
        if hit.explicit:
            chosen = hit.candidates[0]
        else:
            fitting = [ars for ars in hit.candidates if ars in named]
            if len(fitting) != 1:
                ambiguous.setdefault(phrase)
                continue
            chosen = fitting[0]
        if chosen not in places:
            places[chosen] = PlaceMention(chosen, territory_by_ars(chosen).official_name, phrase)
    return tuple(places.values()), tuple(ambiguous)


def _is_city_or_region(ars: str) -> bool:
    """Kreisfreie Städte and Kreise that are not town names resolve from their bare name."""
    return territory_by_ars(ars).territory_type == "kreisfreie Stadt" or ars in _NOT_TOWNS


# --------------------------------------------------------------------------------- counts

_NUMBER_WORDS = {
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fuenf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "elf": 11,
    "zwoelf": 12,
}
# Nouns that count centres or the territories that host them.
_CENTRE_NOUN = (
    r"(?:(?:kommunale[nrs]?\s+)?integrationszentr(?:um|ums|en)|zentr(?:um|ums|en)"
    r"|standort(?:e|en|s)?|kreis(?:e|en|es)?|kreisfreie[n]?\s+staedte[n]?|staedte[n]?"
    r"|kommune[n]?|einrichtung(?:en)?|kis?)"
)
# Up to three attributes between number and noun: "13 weitere", "16 weiteren neuen",
# "38 in Frage kommenden".
_FILLER = (
    r"(?:(?:in\s+frage\s+kommende[nrs]?|(?!kommunale[nrs]?\s)[a-z-]+(?:e|en|er|es|em))\s+){0,3}"
)
_NUMBER = r"(\d{1,3}|" + "|".join(_NUMBER_WORDS) + ")"
_COUNT_RE = re.compile(
    _L + r"(?:alle[nr]?\s+)?" + _NUMBER + r"\s+(" + _FILLER + ")" + _CENTRE_NOUN + _R
)
_ALL_N_RE = re.compile(_L + r"alle[nr]?\s+(\d{1,3})()" + _R)
_ORDINAL_RE = re.compile(_L + r"(\d{1,2})\.\s+(" + _FILLER + ")" + _CENTRE_NOUN + _R)
# Territories, not centres: "alle Kommunalen Integrationszentren, die ..." is no count.
_TERRITORY_NOUN = r"(?:kreis(?:e|en)|kreisfreie[n]?\s+staedte[n]?|staedte[n]?|kommune[n]?)"
_QUALITATIVE_RE = re.compile(
    _L
    + r"(?:(?:mehr|weniger)\s+als\s+|fast\s+|nahezu\s+|rund\s+|knapp\s+)?"
    + r"(?:die\s+haelfte|ein\s+drittel|zwei\s+drittel|ein\s+viertel|alle[n]?)"
    + r"\s+(?:der\s+)?("
    + _FILLER
    + ")"
    + _TERRITORY_NOUN
    + _R
)
_MAX_CENTRES = 54  # NRW has 54 centres in 53 territories: a larger number counts something else


def extract_counts(text: str) -> tuple[CountMention, ...]:
    """Numbers of centres ("16 Standorte", "alle 54") and ranks ("des 51. Zentrums"), in order.

    A number counts only when a centre noun follows it (Standort, Kreis, kreisfreie Städte,
    Kommune, Zentrum, Kommunales Integrationszentrum, KI), possibly after up to three attributes,
    or when it follows "alle". Numbers above 54, years, dates and "zwei Jahren" are no counts;
    phrases without a number ("mehr als die Hälfte") are in `extract_qualitative`.
    """
    folded, origin = _normalise(text)
    found: list[tuple[int, int, CountMention]] = []
    taken: list[tuple[int, int]] = []

    def keep(m: re.Match[str], kind: str) -> None:
        if not _attributes_lower_case(text, origin, m):
            return
        raw = m.group(1)
        value = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        if not 1 <= value <= _MAX_CENTRES or any(m.start() < b and m.end() > a for a, b in taken):
            return
        taken.append(m.span())
        phrase = text[origin[m.start()] : origin[m.end() - 1] + 1]
        found.append((m.start(), m.end(), CountMention(value, kind, phrase)))

    for m in _ORDINAL_RE.finditer(folded):
        keep(m, "ordinal")
    for m in _COUNT_RE.finditer(folded):
        keep(m, "count")
    for m in _ALL_N_RE.finditer(folded):
        keep(m, "count")
    return tuple(c for _, _, c in sorted(found, key=lambda f: f[0]))


def extract_qualitative(text: str) -> tuple[str, ...]:
    """Counts in words without a number: "mehr als die Hälfte der Kommunen", "fast alle Kreise".

    They are kept as phrases, never turned into numbers.
    """
    folded, origin = _normalise(text)
    return tuple(
        text[origin[m.start()] : origin[m.end() - 1] + 1]
        for m in _QUALITATIVE_RE.finditer(folded)
        if _attributes_lower_case(text, origin, m, group=1)
    )


def _attributes_lower_case(text: str, origin: list[int], m: re.Match[str], group: int = 2) -> bool:
    """Attributes between number and noun are adjectives, so lower-case in German: this keeps
    "Vier Jahre Kommunale Integrationszentren" from counting four centres."""
    start, end = m.span(group)
    if start == end:
        return True
    words = text[origin[start] : origin[end - 1] + 1].replace("in Frage", "").split()
    return all(not w[0].isupper() for w in words)


# ---------------------------------------------------------------------------- event dates

_MONTHS = (
    "januar",
    "februar",
    "maerz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
)
_MONTH = "(" + "|".join(_MONTHS) + ")"
_DAYS_MONTH_RE = re.compile(
    _L
    + r"(\d{1,2}\.(?:\s*(?:,|und|bis|sowie|–|-|/)\s*\d{1,2}\.)*)\s*"
    + _MONTH
    + r"(?:\s+(\d{4}))?"
    + _R
)
_NUMERIC_RE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})?(?![\d])")
_MONTH_RE = re.compile(
    _L + r"(?:(anfang|mitte|ende|im|seit|bis)\s+)?" + _MONTH + r"(?:\s+(\d{4}))?" + _R
)


def extract_event_dates(text: str, *, reference: date | None = None) -> tuple[FuzzyDate, ...]:
    """Dates of events named in `text`, in order, without repeats.

    "am 28. und 29. Juni 2016" gives two days; "28.06.2016" one; "Ende Oktober 2015" and
    "Oktober 2015" the month (precision month). A day or month without a year is resolved only
    with a `reference` (the release date): to the latest such day or month not after it
    ("Ende Oktober" in a release of 2015-11-06 is 2015-10). Without a reference it gives nothing:
    a year is never invented. A month without a year also needs a word before it ("Ende", "im").
    """
    folded, _ = _normalise(text)
    found: list[tuple[int, FuzzyDate]] = []
    taken: list[tuple[int, int]] = []
    for m in _DAYS_MONTH_RE.finditer(folded):
        taken.append(m.span())
        month = _MONTHS.index(m.group(2)) + 1
        for day in re.findall(r"\d{1,2}", m.group(1)):
            _add_day(found, m.start(), int(day), month, m.group(3), reference)
    for m in _NUMERIC_RE.finditer(folded):
        if any(m.start() < b and m.end() > a for a, b in taken):
            continue
        taken.append(m.span())
        _add_day(found, m.start(), int(m.group(1)), int(m.group(2)), m.group(3), reference)
    for m in _MONTH_RE.finditer(folded):
        if any(m.start() < b and m.end() > a for a, b in taken):
            continue
        month = _MONTHS.index(m.group(2)) + 1
        year_text = m.group(3)
        if year_text is None and (m.group(1) is None or reference is None):
            continue
        year = int(year_text) if year_text else _year_not_after(reference, month, 1)
        if year is not None:
            found.append((m.start(), FuzzyDate.parse(f"{year:04d}-{month:02d}", "month")))
    result: dict[str, FuzzyDate] = {}
    for _, fuzzy in sorted(found, key=lambda f: f[0]):
        result.setdefault(fuzzy.text, fuzzy)
    return tuple(result.values())


def _year_not_after(reference: date | None, month: int, day: int) -> int | None:
    if reference is None:
        return None
    try:
        candidate = date(reference.year, month, day)
    except ValueError:
        return None
    return reference.year if candidate <= reference else reference.year - 1


def _add_day(
    found: list[tuple[int, FuzzyDate]],
    position: int,
    day: int,
    month: int,
    year_text: str | None,
    reference: date | None,
) -> None:
    year = int(year_text) if year_text else _year_not_after(reference, month, day)
    if year is None:
        return
    try:
        fuzzy = FuzzyDate.parse(f"{year:04d}-{month:02d}-{day:02d}", "day")
    except ValueError:
        return  # "31. Juni" or "45.13.": not a date
    found.append((position, fuzzy))


# -------------------------------------------------------------------------- listing parser

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
    folded = _fold(line.strip())
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


def release_id(release: PressRelease) -> str:
    """A stable id: origin, date (or "undated") and the first words of the title or text."""
    words = _slug(release.title or release.text or release.summary_en).split("-")[:4]
    return "-".join([release.origin.replace("_", "-"), release.date.text or "undated", *words])


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


# ------------------------------------------------------------------------------ JSON, CLI


def to_json_records(releases: Iterable[PressRelease]) -> list[dict[str, object]]:
    """Plain dicts with exactly the CLI's keys: date (ISO or None), tags, title, text, places
    ([{ars, name}]), counts ([{value, kind, phrase}]) and event_dates (ISO texts)."""
    return [
        {
            "date": r.date.text or None,
            "tags": list(r.tags),
            "title": r.title,
            "text": r.text,
            "places": [{"ars": p.ars, "name": p.name} for p in r.places],
            "counts": [{"value": c.value, "kind": c.kind, "phrase": c.phrase} for c in r.counts],
            "event_dates": [d.text for d in r.event_dates],
        }
        for r in releases
    ]


def run_parse_cli(path: Path, *, as_json: bool, out: TextIO, err: TextIO) -> int:
    """`python -m geo press parse FILE [--json]`: print the records; 1 with a message on error."""
    try:
        releases = read_listing(path)
    except PressFormatError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=err)
        return 1
    if as_json:
        json.dump(to_json_records(releases), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    for r in releases:
        head = r.date.text or "undated"
        tags = f" [{', '.join(r.tags)}]" if r.tags else ""
        print(f"{head}{tags} (line {r.line}): {r.title or _shorten(r.text)}", file=out)
        if r.places:
            print("  places: " + ", ".join(f"{p.name} ({p.ars})" for p in r.places), file=out)
        if r.ambiguous:
            print("  ambiguous: " + ", ".join(r.ambiguous), file=out)
        if r.counts:
            print("  counts: " + ", ".join(_count_text(c) for c in r.counts), file=out)
        if r.event_dates:
            print("  event dates: " + ", ".join(d.text for d in r.event_dates), file=out)
    return 0


def _shorten(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _count_text(count: CountMention) -> str:
    return f"{count.value}{'.' if count.kind == 'ordinal' else ''} ({count.phrase})"


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
_COUNT_CELL = re.compile(r"^(count|ordinal) (\d{1,2}): (\S.*)$")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Short summaries of the seed listing's entries, in our own words (never copies of the text),
# keyed by `release_id`. A new entry stops the data build until it is summarised here.
SEED_SUMMARIES: dict[str, tuple[str, str]] = {
    "seed-undated-staatssekretaerin-serap-gueler-beendet": (
        "Staatssekretärin Güler schließt ihre Besuchsreihe bei allen 54 KI im Kreis Kleve ab.",
        "State Secretary Güler ends her tour of all 54 KIs with a visit to Kreis Kleve.",
    ),
    "seed-undated-besuch-des-kommunalen-integrationszentrums": (
        "Ministerin Löhrmann besucht nach Mülheim das KI Kreis Düren.",
        "Minister Löhrmann visits the KI Kreis Düren, after Mülheim at the end of October.",
    ),
    "seed-2013-06-12-die-vorbereitungen-zur-einrichtung": (
        "13 weitere Kreise und kreisfreie Städte grundsätzlich genehmigt; 16 Standorte bewilligt.",
        "13 more Kreise and kreisfreie Städte have basic approval; 16 sites are fully approved.",
    ),
    "seed-2013-02-21-ein-jahr-nach-verabschiedung": (
        "Ein Jahr nach dem Gesetz: KI für 16 Standorte bewilligt, die übrigen 38 in Vorbereitung.",
        "One year after the law: KIs approved for 16 sites, the other 38 are preparing.",
    ),
    "seed-2013-12-02-integrationsminister-guntram-schneider-und": (
        "Minister Schneider und Ministerin Löhrmann eröffnen die LaKI in Dortmund.",
        "Ministers Schneider and Löhrmann open the state coordination office (LaKI) in Dortmund.",
    ),
    "seed-2013-12-03-integrationsminister-guntram-schneider-und": (
        "Eröffnung der LaKI in Dortmund; längere Fassung mit Zitat zu ihren Aufgaben.",
        "Opening of the LaKI in Dortmund; longer version with a quote on its tasks.",
    ),
    "seed-undated-vier-jahre-kommunale-integrationszentren": (
        "Vier Jahre KI: Minister Schmeltzer legt den Abschlussbericht der Begleitforschung vor.",
        "Four years of KIs: Minister Schmeltzer presents the evaluation's final report.",
    ),
    "seed-2014-04-25-in-den-nrw-kreisen": (
        "49 KI arbeiten oder starten bald; alle kreisfreien Städte, fast alle Kreise haben eins.",
        "49 KIs work or are about to start; all kreisfreie Städte, almost all Kreise have one.",
    ),
    "seed-2013-02-22-schulministerin-sylvia-loehrmann-hat": (
        "Ministerin Löhrmann besucht das neue KI Solingen, eines von 16 neuen Zentren.",
        "Minister Löhrmann visits the new KI Solingen, one of 16 new centres.",
    ),
    "seed-2016-07-01-staatssekretaere-hecke-und-klute": (
        "Eröffnung der KI in den Kreisen Borken (51.) und Steinfurt am 28. und 29. Juni 2016.",
        "KIs open in Kreis Borken (the 51st) and Kreis Steinfurt on 28 and 29 June 2016.",
    ),
}

# German wording of each `count_meaning` of the research timeline; "{n}" is the count.
TIMELINE_MEANING_DE: dict[str, str] = {
    "total target": "Ziel: {n} KI",
    "planned by mid-2013": "{n} KI bis Mitte 2013 geplant",
    "planned total": "{n} KI insgesamt geplant",
    "approved (38 more in preparation; 54 in total)": "{n} KI bewilligt, 38 in Vorbereitung",
    "first 16 approved sites (Düren among them)": "unter den ersten {n} bewilligten Standorten",
    "approved or basically approved (16 + 13)": "{n} KI bewilligt oder grundsätzlich genehmigt",
    "KIs in total once the 13 are approved": "{n} KI, sobald die 13 bewilligt sind",
    "set up (of 53 Kreise and kreisfreie Städte)": "{n} KI eingerichtet (von 53 Gebieten)",
    "working or about to start": "{n} KI arbeiten oder starten in Kürze",
    "have a KI (WAZ: of 53 in total)": "{n} Gebiete haben ein KI (WAZ: von 53)",
    "ordinal (50th); only three Kreise left without a KI": "{n}. KI; nur noch drei Kreise ohne",
    "current centres (SPD Landtag members)": "{n} Zentren (laut SPD-Landtagsabgeordneten)",
    "ordinal (51st)": "{n}. KI",
    "ordinal (52nd)": "{n}. KI",
    "have a KI (of 54)": "{n} von 54 Gebieten haben ein KI",
    "existing KIs (local Greens, via RP)": "{n} KI (laut Grünen vor Ort, RP)",
    "have a KI since 2012 (RP)": "{n} Gebiete haben seit 2012 ein KI (RP)",
    "all except Kreis Kleve": "KI überall außer im Kreis Kleve",
    "total KIs": "{n} KI insgesamt",
    "ordinal (53rd)": "{n}. KI",
    "last Kreis without a KI": "letzter Kreis ohne KI",
    "KIs visited by StS Güler in 2017 (7 more in this round)": "{n} KI 2017 von StS Güler besucht",
    "ordinal (inferred; no source calls it the 54th)": "{n}. KI (erschlossen, nicht belegt)",
    "all Kreise and kreisfreie Städte have a KI": "alle Kreise und kreisfreien Städte haben ein KI",
    "exist NRW-wide": "{n} KI landesweit",
    "all have a KI": "alle {n} Gebiete haben ein KI",
    "institutions statewide": "{n} Einrichtungen landesweit",
    "all KIs visited (tour complete)": "alle {n} KI besucht (Besuchsreihe beendet)",
}


def timeline_summary_de(meaning: str, count: int | None, places: Iterable[str]) -> str:
    """A short German summary of a timeline count statement; KeyError for a new wording."""
    text = TIMELINE_MEANING_DE[meaning].replace("{n}", "" if count is None else str(count))
    named = ", ".join(places)
    return f"{text.strip()} ({named})" if named else text.strip()


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
        _COUNT_SEP.join(f"{c.kind} {c.value}: {c.phrase}" for c in release.counts),
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
        problems.append(DataProblem(name, None, None, None, "the file has a header but no rows"))
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


def _counts_cell(text: str) -> tuple[CountMention, ...]:
    counts = []
    for item in _split(text, _COUNT_SEP):
        match = _COUNT_CELL.match(item)
        if not match or not 1 <= int(match.group(2)) <= _MAX_CENTRES:
            raise ValueError(f"{item!r} is not 'count|ordinal N: phrase' with N from 1 to 54")
        counts.append(CountMention(int(match.group(2)), match.group(1), match.group(3)))
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
