"""The numbers of centres a press text states ("54 Kommunale Integrationszentren", "alle 54",
"des 51. Zentrums") and the counts it gives in words only ("fast alle Kreise").

Count reading lives here alone, so a new wording of a count is added in one place.
"""

from __future__ import annotations

__all__ = [
    "MAX_CENTRES",
    "CountMention",
    "extract_counts",
    "extract_qualitative",
]

import re
from dataclasses import dataclass

from geo.sources.textfold import WORD_END, WORD_START, normalise


@dataclass(frozen=True)
class CountMention:
    """A number of centres (`kind` "count") or a centre's rank (`kind` "ordinal") in a text."""

    value: int
    kind: str
    phrase: str


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
    WORD_START + r"(?:alle[nr]?\s+)?" + _NUMBER + r"\s+(" + _FILLER + ")" + _CENTRE_NOUN + WORD_END
)
_ALL_N_RE = re.compile(WORD_START + r"alle[nr]?\s+(\d{1,3})()" + WORD_END)
_ORDINAL_RE = re.compile(WORD_START + r"(\d{1,2})\.\s+(" + _FILLER + ")" + _CENTRE_NOUN + WORD_END)
# Territories, not centres: "alle Kommunalen Integrationszentren, die ..." is no count.
_TERRITORY_NOUN = r"(?:kreis(?:e|en)|kreisfreie[n]?\s+staedte[n]?|staedte[n]?|kommune[n]?)"
_QUALITATIVE_RE = re.compile(
    WORD_START
    + r"(?:(?:mehr|weniger)\s+als\s+|fast\s+|nahezu\s+|rund\s+|knapp\s+)?"
    + r"(?:die\s+haelfte|ein\s+drittel|zwei\s+drittel|ein\s+viertel|alle[n]?)"
    + r"\s+(?:der\s+)?("
    + _FILLER
    + ")"
    + _TERRITORY_NOUN
    + WORD_END
)
MAX_CENTRES = 54  # NRW has 54 centres in 53 territories: a larger number counts something else


def extract_counts(text: str) -> tuple[CountMention, ...]:
    """Numbers of centres ("16 Standorte", "alle 54") and ranks ("des 51. Zentrums"), in order.

    A number counts only when a centre noun follows it (Standort, Kreis, kreisfreie Städte,
    Kommune, Zentrum, Kommunales Integrationszentrum, KI), possibly after up to three attributes,
    or when it follows "alle". Numbers above 54, years, dates and "zwei Jahren" are no counts;
    phrases without a number ("mehr als die Hälfte") are in `extract_qualitative`.
    """
    folded, origin = normalise(text)
    found: list[tuple[int, int, CountMention]] = []
    taken: list[tuple[int, int]] = []

    def keep(m: re.Match[str], kind: str) -> None:
        if not _attributes_lower_case(text, origin, m):
            return
        raw = m.group(1)
        value = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        if not 1 <= value <= MAX_CENTRES or any(m.start() < b and m.end() > a for a, b in taken):
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
    folded, origin = normalise(text)
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
