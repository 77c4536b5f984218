"""Every user-facing string of the dashboard and the map, in German (default) and English: `t`
looks a key up in the tables of geo/texts/ (with plural forms), `Message` carries a key and its
values so a message from geo/ can be shown in any language, and `escape_markdown` makes a value
literal text."""

from __future__ import annotations

__all__ = ["LANGUAGES", "Message", "check_lang", "escape_markdown", "in_language", "number", "t"]

import re
from types import ModuleType

from geo.texts import (
    boundaries,
    budget,
    chart,
    credits,
    dates,
    export,
    factcheck,
    kpis,
    mapview,
    page,
    playback,
    press,
    problems,
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
    problems,
    dates,
    budget,
    boundaries,
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


def check_lang(lang: str) -> None:
    """Refuse a language the texts do not exist in."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {lang!r}")


def t(key: str, lang: str = "de", **values: object) -> str:
    """The string `key` in `lang` (falls back to German), with `{name}` fields filled in; a count
    `n` of exactly 1 picks the singular form (`de_one`/`en_one`) where the key has one."""
    entry = _STRINGS[key]
    text = entry.get(lang, entry["de"])
    if values.get("n") == 1:
        text = entry.get(f"{lang}_one", text)
    return text.format(**values) if values else text


def number(value: int, lang: str = "de") -> str:
    """A whole number grouped the way `lang` writes it: "1.000.000" / "1,000,000"; German leaves
    four digits ungrouped (DIN 5008: "4500"). Years and other codes are passed as text."""
    if lang == "de":
        return f"{value:,}".replace(",", ".") if abs(value) >= 10_000 else str(value)
    return f"{value:,}"


class Message(str):
    """A user-facing message made in geo/ (an upload problem, a notice): it reads as its English
    text (logs, the CLI, `str()`), and `in_language` renders its key and values in any language."""

    key: str
    values: dict[str, object]

    def __new__(cls, key: str, **values: object) -> Message:
        self = super().__new__(cls, _render(key, "en", values))
        self.key = key
        self.values = values
        return self

    def __reduce__(self) -> tuple[object, tuple[str, dict[str, object]]]:
        return _rebuild, (self.key, self.values)


def _rebuild(key: str, values: dict[str, object]) -> Message:
    """A `Message` again after pickling (the budget worker returns them from its process)."""
    return Message(key, **values)


def _render(key: str, lang: str, values: dict[str, object]) -> str:
    """`t` with every value in `lang` too: nested messages rendered, a `{lang: text}` value
    picked, whole numbers grouped (the count `n` stays a number, as it picks the plural form)."""
    shown: dict[str, object] = {}
    for name, value in values.items():
        if isinstance(value, Message):
            shown[name] = in_language(value, lang)
        elif isinstance(value, dict):  # a value written differently per language
            shown[name] = value.get(lang, value["de"])
        elif isinstance(value, int) and not isinstance(value, bool) and name != "n":
            shown[name] = number(value, lang)
        else:
            shown[name] = value
    return t(key, lang, **shown)


def in_language(text: object, lang: str = "de") -> str:
    """`text` in `lang` when it is a `Message`, else as it is (a file name, a cell's value)."""
    if isinstance(text, Message):
        return _render(text.key, lang, text.values)
    return "" if text is None else str(text)


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
