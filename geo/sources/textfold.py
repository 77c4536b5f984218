"""German text folded for matching and for ids: lower case, ä ö ü ß as ae oe ue ss, hyphens "-".

The press readers match their regexes on the folded text and map every match back to the
original characters; the data build makes the centres' and releases' ids with the same folding.
"""

from __future__ import annotations

__all__ = [
    "WORD_END",
    "WORD_START",
    "fold",
    "normalise",
    "slug",
]

# Word edges: a hyphen counts as part of a word, so "NRW-Kreisen" is no Kreis and
# "Köln-Mülheim" (a district of Köln) is not Mülheim an der Ruhr.
WORD_START = r"(?<![\w-])"
WORD_END = r"(?![\w-])"

_FOLD = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "\u2010": "-", "\u2011": "-"}


def normalise(text: str) -> tuple[str, list[int]]:
    """Lower-case, umlaut-free text plus, for each of its characters, the index it came from."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        lower = char.lower()
        folded = _FOLD.get(lower, " " if lower.isspace() else lower)
        chars.append(folded)
        origin.extend([index] * len(folded))
    return "".join(chars), origin


def fold(text: str) -> str:
    """`text` folded (see `normalise`) without the map back."""
    return normalise(text)[0]


def slug(text: str) -> str:
    """A lower-case ASCII slug: "Städteregion Aachen" -> "staedteregion-aachen"."""
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in fold(text)).split()
    return "-".join(words)
