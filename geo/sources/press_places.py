"""The territories a press text names ("im Kreis Düren", "Dortmunds", "Städteregion Aachen").

Each is resolved to its gazetteer key once, here; a name that could mean more than one place
(or only a town) is returned as ambiguous, never guessed.
"""

from __future__ import annotations

__all__ = [
    "PlaceMention",
    "extract_places",
]

import re
from collections.abc import Iterable
from dataclasses import dataclass

from geo.sources.gazetteer import TERRITORIES, Territory, territory_by_ars
from geo.sources.textfold import WORD_END, WORD_START, fold, normalise


@dataclass(frozen=True)
class PlaceMention:
    """A territory named in a text: its key, official name and the words that named it."""

    ars: str
    name: str
    phrase: str


# Kreise whose name is not also the name of a town: named alone they can only mean the Kreis.
_NOT_TOWNS = frozenset({"05766", "05770", "05970"})  # Lippe, Minden-Lübbecke, Siegen-Wittgenstein
# A town inside a Kreis that is not itself a KI territory, named like its Kreis.
_EXTRA_TOWNS = {"Neuss": "05162"}
_AACHEN_CITY, _AACHEN_REGION = "05334002", "05334"
_STADT_WORD = r"(?:landeshauptstadt|bundesstadt|klingenstadt|kreisstadt|hansestadt|stadt|staedte)"
_LIST_GLUE = r"\s*(?:,|und|sowie|oder|&)\s*"


def _name_pattern(name: str) -> str:
    """A regex for a folded name that also accepts its German inflected forms."""
    pattern = re.escape(fold(name)).replace(r"\ ", r"\s+")
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
            folded = fold(name)
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
        bare[fold(town)] = (ars,)
        stadt_context[fold(town)] = None
    return explicit, kreis_context, stadt_context, bare


def _is_bare_town(t: Territory, name: str) -> bool:
    """True for plain town-like names: "Dortmund", "Mülheim", "Kleve" (of Kreis Kleve)."""
    if t.territory_type == "kreisfreie Stadt":
        return not fold(name).split()[0].endswith("stadt")
    return t.territory_type == "Kreis" and t.official_name == f"Kreis {name}"


_EXPLICIT, _KREIS_NAMES, _STADT_NAMES, _BARE = _place_tables()
_EXPLICIT_RES = [
    (re.compile(WORD_START + _name_pattern(n) + WORD_END), ars) for n, ars in _EXPLICIT
]
_KREIS_NAME = _alternation(_KREIS_NAMES)
_KREIS_LIST = re.compile(
    WORD_START
    + r"kreis(?:es|en|e)?\s+"
    + _KREIS_NAME
    + "(?:"
    + _LIST_GLUE
    + _KREIS_NAME
    + ")*"
    + WORD_END
)
_KREIS_ONE = re.compile(WORD_START + "(" + _KREIS_NAME + ")" + WORD_END)
_STADT_NAME = _alternation(_STADT_NAMES)
_STADT_LIST = re.compile(
    WORD_START
    + _STADT_WORD
    + r"\s+"
    + _STADT_NAME
    + "(?:"
    + _LIST_GLUE
    + _STADT_NAME
    + ")*"
    + WORD_END
)
_STADT_ONE = re.compile(WORD_START + "(" + _STADT_NAME + ")" + WORD_END)
# Bare names; kreisfreie Städte also in the genitive ("Dortmunds").
_BARE_RE = re.compile(WORD_START + "(" + _alternation(_BARE) + ")s?" + WORD_END)


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
    folded, origin = normalise(text)
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
