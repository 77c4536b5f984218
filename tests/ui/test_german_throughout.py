"""The German page is German and the English page English: every tab, popup, table, notice and
the chart's text, scanned for words that give the other language away."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
import streamlit as st
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
from geo.sources.bkg_download import CACHE_FILENAME
from geo.sources.boundaries import ENV_VAR, load_boundaries
from geo.sources.centres import load_centres
from geo.sources.csvfile import read_file_bytes
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


_KREIS = {
    "type": "Feature",
    "properties": {"ars": "05154", "gen": "Kleve"},
    "geometry": {
        "type": "Polygon",
        "coordinates": [[[6, 51.5], [6.5, 51.5], [6.5, 52], [6, 51.5]]],
    },
}
_BAD_GEOMETRY = {**_KREIS, "geometry": {"type": "Polygon", "coordinates": "x"}}
BROKEN_BOUNDARY_FILES = {
    "truncated": (b"{abgeschnitten", "kein gültiges JSON (Zeile 1, Spalte 2; beginnt mit"),
    "latin-1": ('{"name": "Düren"}'.encode("latin-1"), "kein gültiges JSON (kein UTF-8"),
    "list": (b"[1, 2]", "ein GeoJSON-Objekt wurde erwartet, gefunden wurde ein JSON-Wert"),
    "deep": (b"[" * 200_000, "kein gültiges JSON (zu tief verschachtelt)"),
    "feature": (json.dumps(_KREIS).encode(), "keine GeoJSON-FeatureCollection"),
    "feature-not-object": (
        json.dumps({"type": "FeatureCollection", "features": [1]}).encode(),
        "ein Feature ist kein JSON-Objekt",
    ),
    "empty": (
        json.dumps({"type": "FeatureCollection", "features": []}).encode(),
        "keine NRW-Gebiete gefunden (Features mit einem 5-stelligen Regionalschlüssel",
    ),
    "geometry": (
        json.dumps({"type": "FeatureCollection", "features": [_BAD_GEOMETRY]}).encode(),
        "eine Geometrie ist kein gültiges GeoJSON",
    ),
    "layer": (
        json.dumps(
            {"type": "FeatureCollection", "features": [_KREIS], "regierungsbezirke": {"a": 1}}
        ).encode(),
        "(Ebene „regierungsbezirke“): keine GeoJSON-FeatureCollection; stattdessen aus den "
        "Kreisen abgeleitet",
    ),
}


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("case", BROKEN_BOUNDARY_FILES)
def test_what_is_wrong_with_a_boundary_file_is_said_in_the_pages_language(
    tmp_path: Path, lang: str, case: str
) -> None:
    """A broken cached file is named in the notice, its fault in the page's language (the scan
    leaves out the file's path, whose temporary folder has English words, and the command)."""
    content, german = BROKEN_BOUNDARY_FILES[case]
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / CACHE_FILENAME).write_bytes(content)
    loaded = load_boundaries(env={}, cache_dir=cache, outline_path=OUTLINE_GEOJSON)
    notice = in_language(loaded.notice, lang)
    assert str(cache / CACHE_FILENAME) in notice
    if lang == "de":
        assert german in notice
    scanned = notice.replace(str(tmp_path), "").replace("python -m geo boundaries fetch", "")
    assert giveaways([scanned], lang) == []


@pytest.mark.parametrize("lang", ["de", "en"])
def test_an_unusable_boundaries_path_is_said_in_the_pages_language(
    tmp_path: Path, lang: str
) -> None:
    missing = tmp_path / "fehlt.geojson"
    loaded = load_boundaries(
        env={ENV_VAR: str(missing)},
        cache_dir=tmp_path,
        outline_path=OUTLINE_GEOJSON,
        bundled_path=paths.BOUNDARIES_GEOJSON,
    )
    assert loaded.source == "bundled"
    error = in_language(loaded.error, lang)
    said = {"de": "Datei nicht gefunden", "en": "file not found"}[lang]
    assert error == f"{ENV_VAR}={missing}: {said}"


def test_a_data_file_that_cannot_be_read_is_worded_for_the_page(tmp_path: Path) -> None:
    """The dashboard shows these problems in its language (the CLI reads the English)."""
    large = tmp_path / "centres.csv"
    large.write_bytes(b"x" * 250_000)
    with pytest.raises(DataFileError) as caught:
        read_file_bytes(large, "centres.csv", max_bytes=100_000)
    (too_large,) = caught.value.problems
    assert in_language(too_large.message, "de") == (
        "die Datei ist zu groß (0,2 MB; erlaubt sind 0,1 MB): ist es die richtige Datei?"
    )
    assert too_large.message == (
        "the file is too large (0.2 MB; the limit is 0.1 MB): is it the right file?"
    )
    with pytest.raises(DataFileError) as caught:
        read_file_bytes(tmp_path / "fehlt.csv", "fehlt.csv")
    (missing,) = caught.value.problems
    assert in_language(missing.message, "de") == (
        "kann nicht gelesen werden: Datei oder Ordner nicht gefunden"
    )


def _broken_centres(folder: Path, *, extra_cell: bool) -> Path:
    """The centres file with an empty name and an unknown territory type in its first row, or
    (`extra_cell`) a row one cell too long."""
    with paths.CENTRES_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if extra_cell:
        rows.append([*rows[2], "zu viel"])
    else:
        rows[1][rows[0].index("name")] = ""
        rows[1][rows[0].index("territory_type")] = "Dorf"
    broken = folder / "zentren.csv"
    with broken.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return broken


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("extra_cell", [False, True], ids=["bad-cells", "row-too-long"])
def test_a_broken_centres_file_is_listed_in_the_pages_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, extra_cell: bool
) -> None:
    """A centres file (`KI_CENTRES_PATH`) with bad rows: the page names each problem in a table,
    in its language, and shows no traceback."""
    monkeypatch.setenv("KI_CENTRES_PATH", str(_broken_centres(tmp_path, extra_cell=extra_cell)))
    monkeypatch.chdir(ROOT)
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.query_params["lang"] = lang
        at.run()
    finally:
        st.cache_resource.clear()
    assert not at.exception
    assert [e.value for e in at.error] == [t("error", lang)]
    problems = at.dataframe[0].value
    messages = list(problems[t("app_problem_message", lang)])
    if extra_cell:
        said = {
            "de": "hat 23 Zellen, die Kopfzeile hat 22",
            "en": "has 23 cells, the header has 22",
        }
        assert messages == [said[lang]]
    else:
        empty = {"de": "darf nicht leer sein", "en": "must not be empty"}[lang]
        one_of = {"de": "muss einer dieser Werte sein: ", "en": "must be one of "}[lang]
        assert len(messages) == 2
        assert empty in messages
        assert any(m.startswith(one_of + "kreisfreie Stadt, Kreis") for m in messages)
    assert giveaways([*messages, *problems.columns], lang) == []
