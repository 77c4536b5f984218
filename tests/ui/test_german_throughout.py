"""The German page is German and the English page English: every tab, popup, table, notice and
the chart's text, scanned for words that give the other language away."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from geo import keys, paths
from geo.errors import DataFileError
from geo.i18n import Message, in_language, t
from geo.ingest.columns import guess_mapping
from geo.ingest.sites import build_sites
from geo.ingest.upload_reader import read_table
from geo.model.timeline import Timeline
from geo.paths import OUTLINE_GEOJSON, ROOT
from geo.sources.boundaries import load_boundaries
from geo.sources.centres import load_centres
from geo.views.popups import popup_html
from geo.views.presscards import centre_label
from geo.views.table import centres_table
from ui.state import TAB_NAMES

# Words of the UI's English that must not reach the German page (whole words, any case).
ENGLISH = (
    "unknown none early formerly about approx undated January February March May June July",
    "October December Monday Tuesday Sunday exist rows row columns were left mentioned centre",
    "centres boundaries unavailable showing Context Predecessor release the and with without",
    "not is of file found missing cancelled Search Sources Date Type Highlighted",
)
# Words of the UI's German that must not reach the English page.
GERMAN = (
    "unbekannt etwa spätestens Zeile Zeilen ausgelassen erwähnte erwähntes hervorgehoben",
    "Vorgänger früher Kontext englisch Genauigkeit Hintergrundkarte Sprache Ergebnisse",
    "Zeitraum Januar Februar März Juni Juli Oktober Dezember Montag Sonntag Kreisgrenzen",
    "nicht keine oder ohne Datei Quellen Zentren Geöffnet bewilligt Suche Datum gibt",
)
GIVEAWAYS = {"de": " ".join(ENGLISH).split(), "en": " ".join(GERMAN).split()}
_URL = re.compile(r"https?://\S+|www\.\S+|\b[\w.-]+\.(?:de|com|org|net)\S*")
# Strings of a widget's protobuf that are settings, not text (ids, formats, types).
_SETTING_KEYS = {"id", "formId", "type", "format", "mime", "url", "spec", "arrowData", "data"}
_SETTING_KEYS |= {"columns", "columnOrder", "editingMode", "selectionMode"}
_ENUM = re.compile(r"^[A-Z][A-Z_]*$")  # a protobuf enum's name ("NONE", "VISIBLE")


class _Text(HTMLParser):
    """The visible text of an HTML fragment (no tags, attributes, styles)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


def giveaways(texts: list[str], lang: str) -> list[tuple[str, str]]:
    """(word, text) for every giveaway word of the other language found in `texts`."""
    found = []
    for text in texts:
        plain = _URL.sub(" ", text)
        for word in GIVEAWAYS[lang]:
            if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", plain, re.IGNORECASE):
                found.append((word, text[:160]))
    return found


def _strings(value: object, key: str = "") -> list[str]:
    if key in _SETTING_KEYS:
        return []
    if isinstance(value, str):
        return [] if _ENUM.match(value) else [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(v, k)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v, key)]
    return []


def chart_texts(spec: dict, datasets: list[pd.DataFrame] = ()) -> list[str]:
    """What a Vega-Lite spec writes on screen: titles, label expressions, text, and the string
    values of its data. A time axis without its own labels gets the browser's (English) month
    names, and so does a `%b`/`%B` format without a locale: both count as "July October"."""
    found: list[str] = []
    has_locale = "locale" in spec.get("config", {})

    def walk(node: object, key: str = "") -> None:
        if isinstance(node, dict):
            if key in ("x", "y") and node.get("type") == "temporal":
                axis = node.get("axis") or {}
                if not (axis.get("labelExpr") or axis.get("format")):
                    found.append("July October (the browser's default month names)")
            for name, value in node.items():
                if name in ("title", "labelExpr", "text") and isinstance(value, str):
                    found.append(value)
                elif name == "format" and isinstance(value, str):
                    if re.search("%[bB]", value) and not has_locale:
                        found.append(f"July October (format {value})")
                elif name == "values" and isinstance(value, list):
                    found.extend(
                        str(v) for row in value if isinstance(row, dict) for v in row.values()
                    )
                else:
                    walk(value, name)
        elif isinstance(node, list):
            for item in node:
                walk(item, key)

    walk(spec)
    for frame in datasets:
        found.extend(v for c in frame.columns for v in frame[c] if isinstance(v, str))
    return found


def _arrow_frame(data: bytes) -> pd.DataFrame:
    return pa.ipc.open_stream(data).read_pandas()


def page_texts(at: AppTest, lang: str) -> list[str]:
    """Every text on the page: elements and widgets (labels, options, help, values), tables cell
    by cell, HTML as it reads, and the charts' text; not the map's frame (see the popup test)."""
    texts: list[str] = []

    def walk(node: object) -> None:
        kind = getattr(node, "type", "")
        proto = getattr(node, "proto", None)
        if kind == "dataframe":
            frame = node.value
            texts.extend(str(c) for c in frame.columns)
            texts.extend(str(v) for c in frame.columns for v in frame[c] if isinstance(v, str))
        elif kind == "html":
            if not (lang == "en" and "data-release=" in proto.body):  # German quotes, see below
                texts.append(visible_text(proto.body))
        elif kind == "vega_lite_chart":
            frames = [_arrow_frame(d.data.data) for d in proto.datasets]
            texts.extend(chart_texts(json.loads(proto.spec), frames))
        elif kind not in ("component_instance", "iframe") and proto is not None:
            texts.extend(_strings(MessageToDict(proto)))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return texts


@pytest.fixture
def page(bkg_kreise_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The app in `lang` with one tab open (by its key in TAB_NAMES)."""
    monkeypatch.setenv("KI_BOUNDARIES_PATH", str(bkg_kreise_path))
    monkeypatch.chdir(ROOT)

    def run(lang: str, tab: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.query_params["lang"] = lang
        at.run()
        at.session_state[keys.TABS] = t(tab, lang)
        at.run()
        assert not at.exception, at.exception
        return at

    return run


@pytest.mark.parametrize("tab", TAB_NAMES)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_tab_is_in_the_pages_language(page, lang: str, tab: str) -> None:
    at = page(lang, tab)
    texts = page_texts(at, lang)
    assert len(texts) > 20
    assert giveaways(texts, lang) == []


def test_the_scan_finds_a_word_of_the_other_language() -> None:
    assert [w for w, _ in giveaways(["1 Zeilen wurden ausgelassen"], "en")] == [
        "Zeilen",
        "ausgelassen",
    ]
    assert [w for w, _ in giveaways(["Vorgänger unknown", "early: kiz"], "de")] == [
        "unknown",
        "early",
    ]
    assert giveaways(["https://www.kreis-unna.de/the-release-of-july"], "de") == []


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_popup_and_the_centres_table_are_in_the_pages_language(lang: str) -> None:
    timeline = Timeline(load_centres(paths.CENTRES_CSV))
    assert len(timeline.centres) == 54
    texts = [
        visible_text(popup_html(c, timeline.windows[c.id], lang=lang)) for c in timeline.centres
    ]
    table = centres_table(timeline, timeline.snapshot(date(2020, 1, 1)), lang=lang)
    assert len(table) == 54
    texts += [str(c) for c in table.columns]
    texts += [v for column in table.columns for v in table[column] if isinstance(v, str)]
    assert giveaways(texts, lang) == []


@pytest.mark.parametrize("lang", ["de", "en"])
def test_earlier_names_are_in_the_pages_language(lang: str) -> None:
    name = "Kommunales Integrationszentrum Kreis Unna (early: kiz, KIKU)"
    expected = {"de": "früher: kiz, KIKU", "en": "formerly: kiz, KIKU"}[lang]
    assert centre_label(name, lang) == f"Kommunales Integrationszentrum Kreis Unna ({expected})"
    assert centre_label("KI Kreis Kleve", lang) == "KI Kreis Kleve"


BAD_UPLOADS = {
    "dates.csv": "name;start;lat;lon\nA;31.02.2016;51.4;7.0\nB;2016-02-31;51.5;7.1\n"
    "C;13/2015;51.6;7.2\nD;1850;51.4;7.3\nE;morgen;51.4;7.4\n",
    "cells.csv": "name;start;lat;lon;precision;source\n;2016;51.4;7.0;;\n"
    "F;2016;7,0;51,4;;\nG;2016;40;7;;\nH;2016;51.4;;;\nI;2016;51.4;7.0;weekly;\n"
    "J;2016;51.4;7.0;;ftp://x\nK;2016;٥١;7.0;;\nL;2016;51.4;7.0;unknown;\n"
    "M;;;;;\nF;2016;7,0;51,4;;\n",
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_upload_problem_is_in_the_pages_language(lang: str) -> None:
    texts = []
    for name, text in BAD_UPLOADS.items():
        table = read_table(text.encode(), name)
        result = build_sites(table, guess_mapping(table.columns), boundaries=None, filename=name)
        assert len(result.problems) >= 5
        for problem in result.problems:
            texts.append(in_language(problem.message, lang))
            if isinstance(problem.value, Message):  # else the user's own cell, as typed
                texts.append(in_language(problem.value, lang))
    for name, data in {"a.xls": b"x", "b": b"x", "c.csv": b"", "d.csv": b"a\x00b"}.items():
        with pytest.raises(DataFileError) as refused:
            read_table(data, name)
        texts += [in_language(p.message, lang) for p in refused.value.problems]
    assert any("Februar 2016" in text for text in texts) == (lang == "de")
    assert giveaways(texts, lang) == []


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_boundaries_notice_is_in_the_pages_language(tmp_path: Path, lang: str) -> None:
    outline = load_boundaries(env={}, cache_dir=tmp_path, outline_path=OUTLINE_GEOJSON)
    assert outline.source == "outline"
    notice = in_language(outline.notice, lang)
    assert notice.startswith(
        {"de": "Kreisgrenzen nicht verfügbar (noch nicht", "en": "Kreis "}[lang]
    )
    assert "python -m geo boundaries fetch" in notice
    assert giveaways([notice.replace("python -m geo boundaries fetch", "")], lang) == []
