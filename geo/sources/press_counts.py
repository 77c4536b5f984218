"""The numbers of centres a press text states ("54 Kommunale Integrationszentren", "alle 54",
"52 der 54 Kreise", "inzwischen sind es 47", "des 51. Zentrums") and the counts it gives in
words only ("fast alle Kreise").

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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from geo.sources.textfold import WORD_END, WORD_START, normalise


@dataclass(frozen=True)
class CountMention:
    """A number of centres (`kind` "count") or a centre's rank (`kind` "ordinal") in a text.

    `total` is the whole the number is part of ("52 der 54 Kreise": value 52, total 54), None
    when the text states none; the stated count is always `value`, never `total`.
    """

    value: int
    kind: str
    phrase: str
    total: int | None = None


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
# The same nouns in the plural only: a bare number ("inzwischen sind es 47") counts only when
# its sentence or the one before names centres or their territories like this.
_PLURAL_CENTRE_NOUN = re.compile(
    WORD_START + r"(?:(?:kommunale[n]?\s+)?integrationszentren|zentren|standorte[n]?|kreise[n]?"
    r"|kreisfreie[n]?\s+staedte[n]?|kommunen|einrichtungen|kis?)" + WORD_END
)
# Up to three attributes between number and noun: "13 weitere", "16 weiteren neuen",
# "38 in Frage kommenden".
_FILLER = (
    r"(?:(?:in\s+frage\s+kommende[nrs]?|(?!kommunale[nrs]?\s)[a-z-]+(?:e|en|er|es|em))\s+){0,3}"
)
_NUMBER = r"(\d{1,3}|" + "|".join(_NUMBER_WORDS) + ")"
# "x der y", "x von y", "x von den y", "x von allen y", "x der insgesamt y".
_OF = r"\s+(?:der|von(?:\s+(?:den|allen))?)\s+(?:insgesamt\s+)?"
_COUNT_RE = re.compile(
    WORD_START + r"(?:alle[nr]?\s+)?" + _NUMBER + r"\s+(" + _FILLER + ")" + _CENTRE_NOUN + WORD_END
)
_ALL_N_RE = re.compile(WORD_START + r"alle[nr]?\s+(\d{1,3})()" + WORD_END)
_ORDINAL_RE = re.compile(WORD_START + r"(\d{1,2})\.\s+(" + _FILLER + ")" + _CENTRE_NOUN + WORD_END)
# Groups: value, total, attributes.
_PART_RE = re.compile(
    WORD_START + _NUMBER + _OF + _NUMBER + r"\s+(" + _FILLER + ")" + _CENTRE_NOUN + WORD_END
)
_ORDINAL_PART_RE = re.compile(
    WORD_START + r"(\d{1,2})\." + _OF + _NUMBER + r"\s+(" + _FILLER + ")" + _CENTRE_NOUN + WORD_END
)
# A number without a noun: after "inzwischen", "mittlerweile" or "bereits" and up to four
# words that belong to a count ("sind es", "gibt es", "liegt die Zahl bei"), or as "x von y".
_LEAD_WORD = (
    r"(?:sind|ist|seien|gibt|gab|es|existieren|bestehen|arbeiten|haben|hat|zaehlt|zaehlen"
    r"|wir|man|sogar|schon|nun|jetzt|landesweit|nrw-weit|in|nrw|insgesamt|die|ihre|zahl"
    r"|liegt|bei|auf)"
)
# What may follow such a number: the end of a clause (a full stop, but not of a date such as
# "16. Juni") or a verb, preposition or article, never a noun ("inzwischen 10 Jahre").
_MONTH = r"(?:januar|februar|maerz|april|mai|juni|juli|august|september|oktober|november|dezember)"
_AFTER_BARE = (
    r"(?=\s*(?:\.(?!\s*(?:\d|" + _MONTH + r"))|[,;:!?)\"“”»«–]|$)"
    r"|\s+(?:sind|waren|haben|hatten|arbeiten|bestehen|existieren|gibt|gab|im|in|landesweit"
    r"|nrw-weit|davon|gestiegen|angewachsen|bewilligt|genehmigt|eroeffnet|gegruendet|gestartet"
    r"|und|ein|eine|einen|ihr|ihre|ihren|am\s+start|an\s+der\s+zahl)" + WORD_END + ")"
)
# Groups: adverb, value, total (the count needs one of adverb and total).
_BARE_RE = re.compile(
    WORD_START
    + r"(?:(inzwischen|mittlerweile|bereits)\s+(?:"
    + _LEAD_WORD
    + r"\s+){0,4})?"
    + _NUMBER
    + r"(?:"
    + _OF
    + _NUMBER
    + r")?"
    + _AFTER_BARE
)
_SENTENCE_END = re.compile(r"[.!?…][\"“”»]?\s+")
_NEARBY = 400  # characters: a long "sentence" (or a file without full stops) is cut here
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


def _number(raw: str) -> int:
    return int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]


def extract_counts(text: str) -> tuple[CountMention, ...]:
    """Numbers of centres ("16 Standorte", "alle 54", "52 der 54 Kreise") and ranks ("des 51.
    Zentrums", "das 51. von 54 Zentren"), in order.

    A number counts when a centre noun follows it (Standort, Kreis, kreisfreie Städte, Kommune,
    Zentrum, Kommunales Integrationszentrum, KI), possibly after up to three attributes, or when
    it follows "alle". "x der y …" and "x von (den|allen) (insgesamt) y …" give the count x with
    the `total` y, and y is then no count of its own; a total above 54 (or below x) means the
    phrase counts something else ("54 von 396 Kommunen") and neither number is kept from it.
    "einer von 54 …" names no count of its own: only "54 …" may count, without a total.

    A number without a noun counts only after "inzwischen", "mittlerweile" or "bereits" (with
    up to four words such as "sind es", "gibt es", "liegt die Zahl bei" between) or as "x von y",
    when the end of the clause, a verb, a preposition or an article follows it (never a noun:
    "inzwischen 10 Jahre", "mittlerweile 30 Mitarbeiter"), and when its sentence or the one
    before names centres or their territories in the plural ("… Zentren. Inzwischen sind es
    47."). Such a number may still count what else the sentence names (the staff of the
    centres); the rule only keeps numbers without any count context out.

    Numbers above 54, years, dates and "zwei Jahren" are no counts; phrases without a number
    ("mehr als die Hälfte") are in `extract_qualitative`.
    """
    folded, origin = normalise(text)
    found: list[tuple[int, CountMention]] = []
    starts: list[int] = []  # the kept matches' spans: disjoint, so both lists stay sorted
    ends: list[int] = []

    def overlaps(start: int, end: int) -> bool:
        before = bisect_left(starts, end)
        return before > 0 and ends[before - 1] > start

    def keep(
        m: re.Match[str], kind: str, *, value: int, total: int | None, attributes: int
    ) -> None:
        if attributes and not _attributes_lower_case(text, origin, m, group=attributes):
            return
        amount = _number(m.group(value))
        whole = None if total is None or m.group(total) is None else _number(m.group(total))
        if not 1 <= amount <= MAX_CENTRES or overlaps(*m.span()):
            return
        if whole is not None and not amount <= whole <= MAX_CENTRES:
            return
        at = bisect_left(starts, m.start())
        starts.insert(at, m.start())
        ends.insert(at, m.end())
        phrase = text[origin[m.start()] : origin[m.end() - 1] + 1]
        found.append((m.start(), CountMention(amount, kind, phrase, whole)))

    for m in _ORDINAL_PART_RE.finditer(folded):
        keep(m, "ordinal", value=1, total=2, attributes=3)
    for m in _PART_RE.finditer(folded):
        keep(m, "count", value=1, total=2, attributes=3)
    for m in _ORDINAL_RE.finditer(folded):
        keep(m, "ordinal", value=1, total=None, attributes=2)
    for m in _COUNT_RE.finditer(folded):
        keep(m, "count", value=1, total=None, attributes=2)
    for m in _ALL_N_RE.finditer(folded):
        keep(m, "count", value=1, total=None, attributes=0)
    sentence_ends: list[int] | None = None
    for m in _BARE_RE.finditer(folded):
        if not (m.group(1) or m.group(3)):
            continue
        if sentence_ends is None:
            sentence_ends = [e.end() for e in _SENTENCE_END.finditer(folded)]
        if _names_centres_nearby(folded, sentence_ends, m.start(), m.end()):
            keep(m, "count", value=2, total=3, attributes=0)
    return tuple(c for _, c in sorted(found, key=lambda f: f[0]))


def _names_centres_nearby(folded: str, sentence_ends: list[int], start: int, end: int) -> bool:
    """Whether the sentence of folded[start:end], or the sentence before it, names centres or
    their territories in the plural (looking at most `_NEARBY` characters either side)."""
    before = bisect_right(sentence_ends, start)
    window_start = sentence_ends[before - 2] if before > 1 else 0
    after = bisect_right(sentence_ends, end)
    window_end = sentence_ends[after] if after < len(sentence_ends) else len(folded)
    window_start = max(window_start, start - _NEARBY)
    window_end = min(window_end, end + _NEARBY)
    return _PLURAL_CENTRE_NOUN.search(folded, window_start, window_end) is not None


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
