"""Every UI string exists in both languages, and every key the code asks for exists."""

from __future__ import annotations

import ast
import pickle
import re
import string
import types
from pathlib import Path

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
TEXTS = ROOT / "geo" / "texts"
TEXT_FILES = sorted(path for path in TEXTS.glob("*.py") if path.name != "__init__.py")


def _defines_strings(path: Path) -> bool:
    """i18n.py and the tables in geo/texts/: where keys are defined, not used."""
    return path.name == "i18n.py" or path.parent == TEXTS


def _literal_keys() -> set[str]:
    """Keys passed to t() as a string literal."""
    found = set()
    for path in SOURCES:
        found |= set(re.findall(r"\bt\(\s*[\"']([a-z_]+)[\"']", path.read_text(encoding="utf-8")))
    return found


def _quoted_words() -> set[str]:
    """Every quoted lower-case word outside i18n.py and geo/texts/ (keys may be chosen in
    expressions)."""
    found = set()
    for path in SOURCES:
        if not _defines_strings(path):
            found |= set(re.findall(r"[\"']([a-z_]+)[\"']", path.read_text(encoding="utf-8")))
    return found


def _dynamic_keys() -> set[str]:
    keys = {f"kreis_{s.value}" for s in CentreState} | {"kreis_none"}
    keys |= {s.value for s in CentreState}
    keys |= {f"tiles_{name}" for name in TILES}
    keys |= {f"jump_{m}" for m in ("started", "ordinal", "approved")}
    keys |= {f"chart_measure_{m}" for m in ("started", "ordinal", "approved")}
    keys |= {"bad_lang", "bad_tiles", "bad_release", "bad_view", "bad_aspect"}
    keys |= {f"month_{m}" for m in range(1, 13)}
    keys |= {f"weekday_{d}" for d in range(1, 8)}
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
        if "de_one" in entry or "en_one" in entry:
            assert fields["de_one"] == fields["en_one"] <= fields["de"], key
            assert "n" in fields["de"], key


def test_every_entry_has_only_languages_and_their_singulars() -> None:
    allowed = {*LANGUAGES, *(f"{lang}_one" for lang in LANGUAGES)}
    for key, entry in i18n._STRINGS.items():
        assert set(LANGUAGES) <= set(entry) <= allowed, key
        assert ("de_one" in entry) == ("en_one" in entry), key


def test_a_count_of_one_picks_the_singular_and_any_other_the_plural() -> None:
    assert t("app_own_left_out", "de", n=1).startswith("1 Zeile wurde ausgelassen")
    assert t("app_own_left_out", "de", n=2).startswith("2 Zeilen wurden ausgelassen")
    assert t("app_own_left_out", "de", n=0).startswith("0 Zeilen wurden ausgelassen")
    assert t("app_own_left_out", "en", n=1).startswith("1 row was left out")
    assert t("app_own_left_out", "en", n=3).startswith("3 rows were left out")


def test_counts_shown_on_the_page_have_singular_forms() -> None:
    """A count before a (German, capitalised) noun needs a singular: not "1 Zeilen"."""
    assert "de_one" in i18n._STRINGS["app_press_selected"]
    for key, entry in i18n._STRINGS.items():
        if re.search(r"\{n\} (\w+ )?[A-ZÄÖÜ]", entry["de"]):
            assert "de_one" in entry, key


def test_a_message_reads_as_english_and_renders_in_either_language() -> None:
    message = i18n.Message(
        "problem_no_such_day", day="31", month={"de": "Februar 2016", "en": "2016-02"}
    )
    assert message == "day 31 does not exist in 2016-02"
    assert i18n.in_language(message, "de") == "einen Tag 31 gibt es im Februar 2016 nicht"
    assert i18n.in_language(message, "en") == str(message)
    assert i18n.in_language("Kleve.csv", "de") == "Kleve.csv"
    assert i18n.in_language(None, "de") == ""


def test_a_message_groups_numbers_the_way_each_language_does() -> None:
    message = i18n.Message("problem_file_too_big", limit=5_000_000)
    assert message == "the file is larger than the limit of 5,000,000 bytes"
    assert (
        i18n.in_language(message, "de") == "die Datei ist größer als die erlaubten 5.000.000 Bytes"
    )
    assert i18n.number(4500, "de") == "4500"
    assert i18n.number(4500, "en") == "4,500"


def test_a_nested_message_renders_in_the_outer_ones_language() -> None:
    inner = i18n.Message("problem_sheet_rows", limit=20_000)
    outer = i18n.Message("problem_sheet_too_big", problem=inner)
    assert outer.startswith("the sheet has more than the limit of 20,000 rows")
    assert i18n.in_language(outer, "de").startswith(
        "das Blatt hat mehr als die erlaubten 20.000 Zeilen"
    )


def test_a_message_survives_pickling() -> None:
    message = i18n.Message("problem_duplicate_id", line="4")
    again = pickle.loads(pickle.dumps(message))
    assert isinstance(again, i18n.Message)
    assert (again, again.key, again.values) == (message, message.key, message.values)
    assert i18n.in_language(again, "de") == "doppelt (wie Zeile 4)"


def test_unused_strings_are_not_kept() -> None:
    used = _quoted_words() | _dynamic_keys()
    assert set(i18n._STRINGS) - used == set()


def test_the_scans_leave_out_the_tables() -> None:
    """The tables quote every key, so the "used" scan leaves geo/texts/ out (else no string could
    ever be unused); and i18n merges every table there."""
    in_tables = set()
    for path in TEXT_FILES:
        in_tables |= set(re.findall(r"[\"']([a-z_0-9]+)[\"']", path.read_text(encoding="utf-8")))
    assert set(i18n._STRINGS) <= in_tables
    assert len(TEXT_FILES) > 5
    assert all(_defines_strings(path) for path in TEXT_FILES)
    assert {area.__name__ for area in i18n._AREAS} == {
        f"geo.texts.{path.stem}" for path in TEXT_FILES
    }


def test_no_key_is_written_twice() -> None:
    """A repeated key in a dict literal silently replaces the first; so does one in two areas."""
    seen: dict[str, str] = {}
    for path in TEXT_FILES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        tables = [node for node in ast.walk(tree) if isinstance(node, ast.AnnAssign)]
        assert len(tables) == 1, path
        for node in tables[0].value.keys:
            assert isinstance(node, ast.Constant), path
            assert node.value not in seen, f"{node.value!r} in {seen.get(node.value)} and {path}"
            seen[node.value] = path.name
    assert set(seen) == set(i18n._STRINGS)


def test_a_key_in_two_areas_is_an_error() -> None:
    first = types.SimpleNamespace(__name__="geo.texts.first", STRINGS={"a": {"de": "A"}})
    second = types.SimpleNamespace(
        __name__="geo.texts.second", STRINGS={"b": {"de": "B"}, "a": {"de": "A2"}}
    )
    assert i18n._merge((first,)) == {"a": {"de": "A"}}
    with pytest.raises(ValueError, match=r"'a' is defined in both geo.texts.first and "):
        i18n._merge((first, second))
