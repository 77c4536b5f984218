"""Every UI string exists in both languages, and every key the code asks for exists."""

from __future__ import annotations

import re
import string

import pytest

from geo import i18n
from geo.i18n import LANGUAGES, t
from geo.model.playback import SPEEDS
from geo.model.timeline import CentreState
from geo.paths import ROOT
from geo.views.urlstate import TILES

SOURCES = [
    ROOT / "app.py",
    *sorted((ROOT / "geo").rglob("*.py")),
    *sorted((ROOT / "ui").rglob("*.py")),
]


def _literal_keys() -> set[str]:
    """Keys passed to t() as a string literal."""
    found = set()
    for path in SOURCES:
        found |= set(re.findall(r"\bt\(\s*[\"']([a-z_]+)[\"']", path.read_text(encoding="utf-8")))
    return found


def _quoted_words() -> set[str]:
    """Every quoted lower-case word outside i18n.py (keys may be chosen in expressions)."""
    found = set()
    for path in SOURCES:
        if path.name != "i18n.py":
            found |= set(re.findall(r"[\"']([a-z_]+)[\"']", path.read_text(encoding="utf-8")))
    return found


def _dynamic_keys() -> set[str]:
    keys = {f"kreis_{s.value}" for s in CentreState} | {"kreis_none"}
    keys |= {s.value for s in CentreState}
    keys |= {f"tiles_{name}" for name in TILES}
    keys |= {f"jump_{m}" for m in ("started", "ordinal", "approved")}
    keys |= {f"chart_measure_{m}" for m in ("started", "ordinal", "approved")}
    keys |= {"bad_lang", "bad_tiles", "bad_release"}
    return keys


def test_the_code_asks_for_many_keys() -> None:
    assert len(_literal_keys()) > 40
    assert SPEEDS


@pytest.mark.parametrize("key", sorted(_literal_keys() | _dynamic_keys()))
def test_every_key_used_exists_in_every_language(key: str) -> None:
    for lang in LANGUAGES:
        assert t(key, lang)
        assert key in i18n._STRINGS
        assert lang in i18n._STRINGS[key]


def test_both_languages_have_the_same_placeholders() -> None:
    for key, entry in i18n._STRINGS.items():
        fields = {
            lang: {f for _, f, _, _ in string.Formatter().parse(text) if f}
            for lang, text in entry.items()
        }
        assert fields["de"] == fields["en"], key


def test_unused_strings_are_not_kept() -> None:
    used = _quoted_words() | _dynamic_keys()
    assert set(i18n._STRINGS) - used == set()
