"""Search the press releases by words, dates and types: the query, the matching and the order.

Matching ignores case and umlaut spelling ("Dueren" = "Düren") and keeps a map back to the
original characters, so the words found can be marked in the text exactly where they stand.
"""

from __future__ import annotations

__all__ = [
    "SearchHit",
    "SearchQuery",
    "all_tags",
    "date_span",
    "fold",
    "fold_with_origin",
    "parse_terms",
    "release_centres",
    "releases_by_centre",
    "search",
    "tag_label",
]

import re
import unicodedata
from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date

from geo.i18n import LANGUAGES, t
from geo.sources.centres import Centre
from geo.sources.gazetteer import territory_by_ars
from geo.sources.press import PressRelease

_UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}
_DASHES = {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-"}
_DROP = {"\u00ad", "\u200b"}  # soft hyphen, zero-width space: invisible, never matched
_COMBINING_DIAERESIS = "\u0308"
# A quoted phrase ("…", „…“, “…”) or a bare word.
_TERM = re.compile(r"[\"„“”]([^\"„“”]*)[\"“”]?|(\S+)")
_QUOTES = '"„“”'
# Release types as they appear in the data; their labels live in geo.i18n.
_TAG_KEYS = {
    "Pressemitteilung": "press_tag_release",
    "Schule": "press_tag_school",
    "count_statement": "press_tag_count_statement",
    "opening": "press_tag_opening",
    "approval": "press_tag_approval",
    "visit": "press_tag_visit",
    "other": "press_tag_other",
}


# ------------------------------------------------------------------------------ folding


def fold_with_origin(text: str) -> tuple[str, list[int]]:
    """`text` folded for matching, and for each folded character the index it came from.

    Folding: casefold, ä→ae ö→oe ü→ue ß→ss (also written with a combining diaeresis), other
    accents dropped (é→e), dashes made "-", runs of white space made one space, soft hyphens
    removed. The index list lets a match in the folded text be marked in the original.
    """
    chars: list[str] = []
    origin: list[int] = []
    previous_space = False
    for index, char in enumerate(text):
        if char in _DROP:
            continue
        if char.isspace():
            if not previous_space:
                chars.append(" ")
                origin.append(index)
            previous_space = True
            continue
        previous_space = False
        if char == _COMBINING_DIAERESIS and chars and chars[-1] in ("a", "o", "u"):
            folded = "e"  # "u" + U+0308 is a decomposed "ü"
        else:
            folded = "".join(_fold_char(c) for c in char.casefold())
        chars.append(folded)
        origin.extend([index] * len(folded))
    return "".join(chars), origin


def _fold_char(char: str) -> str:
    if char in _UMLAUTS:
        return _UMLAUTS[char]
    if char in _DASHES:
        return _DASHES[char]
    if char.isascii():
        return char
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(text: str) -> str:
    """`text` folded for matching: "Düren", "DÜREN" and "Dueren" all give "dueren"."""
    return fold_with_origin(text)[0]


def parse_terms(text: str) -> tuple[str, ...]:
    """The search terms of a query: white-space separated words, a quoted phrase as one term.

    Empty phrases are dropped and repeats (after folding) kept once, in the order typed.
    """
    terms: dict[str, str] = {}
    for match in _TERM.finditer(text):
        phrase, word = match.groups()
        term = " ".join(phrase.split()) if phrase is not None else word.strip(_QUOTES)
        if term and fold(term).strip():
            terms.setdefault(fold(term).strip(), term)
    return tuple(terms.values())


# ------------------------------------------------------------------------------- search


@dataclass(frozen=True)
class SearchQuery:
    """What the user asks for: words (AND), a date range, release types and undated ones.

    `start`/`end` of None leave that side open; empty `tags` means every type.
    """

    text: str = ""
    start: date | None = None
    end: date | None = None
    tags: frozenset[str] = frozenset()
    include_undated: bool = True


@dataclass(frozen=True)
class SearchHit:
    """A release that matched, the query terms it matched and the centres it mentions."""

    release: PressRelease
    terms: tuple[str, ...]
    centre_ids: tuple[str, ...]


def tag_label(tag: str, lang: str = "de") -> str:
    """A readable label for a release type ("opening" → "Eröffnung"); unknown tags as they are."""
    key = _TAG_KEYS.get(tag)
    return t(key, lang) if key else tag


def _haystacks(release: PressRelease) -> tuple[str, ...]:
    """Every folded field a term may occur in: title, texts, types, place names."""
    fields = [release.title, release.text, release.summary_de, release.summary_en]
    for tag in release.tags:
        fields.append(tag)
        fields.extend(tag_label(tag, lang) for lang in LANGUAGES)
    for place in release.places:
        fields.extend((place.name, place.phrase))
        # A key outside the gazetteer: its own name is all we have.
        with suppress(KeyError):
            fields.extend(territory_by_ars(place.ars).names)
    fields.extend(release.ambiguous)
    return tuple(fold(f) for f in fields if f)


def _in_range(release: PressRelease, query: SearchQuery) -> bool:
    """True when the release's date window overlaps [start, end] (undated: `include_undated`)."""
    when = release.date
    if when.earliest is None and when.latest is None:
        return query.include_undated
    earliest = when.earliest or date.min
    latest = when.latest or date.max
    return (query.start is None or latest >= query.start) and (
        query.end is None or earliest <= query.end
    )


def _newest_first(releases: Iterable[PressRelease]) -> list[PressRelease]:
    """Releases by date window, latest end first (ties: later start first); undated last.

    Stable: releases with the same window keep their order.
    """
    items = list(releases)
    dated = [r for r in items if r.date.latest is not None or r.date.earliest is not None]
    undated = [r for r in items if r.date.latest is None and r.date.earliest is None]
    dated.sort(key=lambda r: (r.date.latest or date.max, r.date.earliest or date.min), reverse=True)
    return dated + undated


def search(
    releases: Iterable[PressRelease],
    query: SearchQuery,
    *,
    centres: Sequence[Centre] = (),
) -> tuple[SearchHit, ...]:
    """The releases matching `query`, newest first and undated last.

    Every term must occur (folded, as a substring) in the title, text, summaries, types or
    place names; no terms match everything. A release is in the date range when its date window
    overlaps [start, end]. With `tags`, a release needs at least one of them. `centres` fills
    each hit's `centre_ids` (see `release_centres`).
    """
    terms = parse_terms(query.text)
    folded_terms = [fold(term) for term in terms]
    hits = []
    for release in _newest_first(releases):
        if query.tags and not query.tags.intersection(release.tags):
            continue
        if not _in_range(release, query):
            continue
        fields = _haystacks(release)
        if all(any(term in f for f in fields) for term in folded_terms):
            hits.append(SearchHit(release, terms, release_centres(release, centres)))
    return tuple(hits)


def release_centres(release: PressRelease, centres: Sequence[Centre]) -> tuple[str, ...]:
    """Ids of the centres a release mentions, in order of mention.

    A place matches the centre with exactly its key: "Städteregion Aachen" (05334) is the
    Städteregion's centre only, "Stadt Aachen" (05334002) the city's only; a Kreis key never
    pulls in a centre of a town inside it.
    """
    by_ars: dict[str, list[str]] = {}
    for centre in centres:
        by_ars.setdefault(centre.ars, []).append(centre.id)
    ids: dict[str, None] = {}
    for place in release.places:
        for cid in by_ars.get(place.ars, ()):
            ids.setdefault(cid)
    return tuple(ids)


def releases_by_centre(
    releases: Iterable[PressRelease], centres: Sequence[Centre]
) -> dict[str, tuple[str, ...]]:
    """For every centre id, the ids of the releases that mention it, newest first (may be empty)."""
    found: dict[str, list[str]] = {c.id: [] for c in centres}
    for release in _newest_first(releases):
        for cid in release_centres(release, centres):
            found[cid].append(release.id)
    return {cid: tuple(ids) for cid, ids in found.items()}


def all_tags(releases: Iterable[PressRelease]) -> tuple[str, ...]:
    """Every release type used, once each, sorted without regard to case."""
    tags = {tag for release in releases for tag in release.tags}
    return tuple(sorted(tags, key=lambda tag: (fold(tag), tag)))


def date_span(
    releases: Iterable[PressRelease], *, default: tuple[date, date] | None = None
) -> tuple[date, date]:
    """The first and last day any dated release can stand for (the date widgets' bounds).

    Without a dated release, `default` is returned; without a default that is a ValueError.
    """
    days = [
        day
        for release in releases
        for day in (release.date.earliest, release.date.latest)
        if day is not None
    ]
    if days:
        return min(days), max(days)
    if default is None:
        raise ValueError("no release has a date")
    return default
