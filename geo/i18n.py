"""Every user-facing string of the dashboard and the map, in German (default) and English: `t`
looks a key up in the tables of geo/texts/, and `escape_markdown` makes a value literal text."""

from __future__ import annotations

__all__ = ["LANGUAGES", "escape_markdown", "t"]

import re
from types import ModuleType

from geo.texts import (
    budget,
    chart,
    credits,
    export,
    factcheck,
    kpis,
    mapview,
    page,
    playback,
    press,
    table,
    upload,
)

LANGUAGES = ("de", "en")

# Every part of the UI whose strings `t` knows (see geo/texts/).
_AREAS: tuple[ModuleType, ...] = (
    page,
    mapview,
    playback,
    kpis,
    table,
    chart,
    press,
    factcheck,
    export,
    credits,
    upload,
    budget,
)


def _merge(areas: tuple[ModuleType, ...]) -> dict[str, dict[str, str]]:
    """One table of every area's `STRINGS`; a key defined in two areas is an error (one of
    them would silently win)."""
    merged: dict[str, dict[str, str]] = {}
    where: dict[str, str] = {}
    for area in areas:
        for key, entry in area.STRINGS.items():
            if key in merged:
                raise ValueError(
                    f"UI string {key!r} is defined in both {where[key]} and {area.__name__}"
                )
            merged[key] = entry
            where[key] = area.__name__
    return merged


_STRINGS = _merge(_AREAS)


def t(key: str, lang: str = "de", **values: object) -> str:
    """The string `key` in `lang` (falls back to German), with `{name}` fields filled in."""
    entry = _STRINGS[key]
    text = entry.get(lang, entry["de"])
    return text.format(**values) if values else text


# Every ASCII punctuation character may be backslash-escaped in CommonMark; this covers links,
# images, emphasis and `$` (Streamlit's maths); `:` is escaped for its colour directives.
_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")
# GFM autolinks bare `http(s)://`, `www.` and e-mail addresses in the text that escaping leaves,
# so an invisible WORD JOINER goes before every `.`, `:` and `@`: no domain, scheme or address
# is left for remark-gfm to find.
_AUTOLINK_SPECIAL = re.compile(r"([.:@])")
_WORD_JOINER = "\u2060"


def escape_markdown(text: object) -> str:
    """`text` as literal characters in Streamlit's Markdown: a value from a link, a file name or
    a data file must not become a link (also no bare URL, `www.` host or e-mail address), an
    image (a request to another host), maths or emphasis.
    """
    joined = _AUTOLINK_SPECIAL.sub(_WORD_JOINER + r"\1", str(text))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", joined)
