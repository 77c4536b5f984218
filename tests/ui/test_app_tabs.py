"""The dashboard's press-release, fact-check and export tabs, driven without a browser."""

from __future__ import annotations

import tomllib
import uuid
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import budget, keys
from geo.i18n import escape_markdown
from geo.ingest.columns import guess_mapping
from geo.ingest.sample_upload import sample_csv
from geo.ingest.sites import build_sites
from geo.ingest.upload_reader import read_table
from geo.ingest.upload_timeline import upload_timeline
from geo.model.startwindow import start_window
from geo.paths import OUTLINE_GEOJSON, ROOT
from geo.sources.boundaries import load_boundaries
from geo.views.dataset import Dataset
from geo.views.popups import popup_html
from tests.factories import make_centre

RELEASE_2014 = "seed-2014-04-25-in-den-nrw-kreisen"
RELEASE_BORKEN = "seed-2016-07-01-staatssekretaere-hecke-und-klute"


@pytest.fixture
def start(bkg_kreise_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Run the app with query parameters, open a tab by its German label, return the AppTest."""
    monkeypatch.setenv("KI_BOUNDARIES_PATH", str(bkg_kreise_path))
    monkeypatch.chdir(ROOT)

    def run(tab: str | None = None, **query: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for name, value in query.items():
            at.query_params[name] = value
        at.run()
        if tab is not None:
            at.session_state[keys.TABS] = tab
            at.run()
        assert not at.exception, at.exception
        return at

    return run


def kpis(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def month(at: AppTest) -> date:
    return at.select_slider(key=keys.DATE_SLIDER).value


def result_count(at: AppTest) -> int:
    counts = [m.value for m in at.markdown if "Anzahl der Ergebnisse" in m.value]
    assert len(counts) == 1, counts
    return int(counts[0].strip("*").rsplit(":", 1)[1])


def cards(at: AppTest) -> list[str]:
    return [
        element.proto.body for element in at.get("html") if "data-release=" in element.proto.body
    ]


def shown_releases(at: AppTest) -> list[str]:
    prefix = keys.SHOW_RELEASE_PREFIX
    return [b.key.removeprefix(prefix) for b in at.button if (b.key or "").startswith(prefix)]


def test_the_press_tab_lists_every_release_like_the_seed_page(start) -> None:
    at = start("Pressemitteilungen")
    total = sum(1 for _ in (ROOT / "data" / "press_releases.csv").open(encoding="utf-8")) - 1
    assert result_count(at) == total
    assert len(cards(at)) == total
    assert at.text_input(key=keys.PRESS_QUERY).label == "Suche"
    assert at.select_slider(key=keys.PRESS_RANGE).label == "In Zeitraum suchen"


def test_search_ignores_case_and_umlaut_spelling_and_marks_the_match(start) -> None:
    at = start("Pressemitteilungen")
    at.text_input(key=keys.PRESS_QUERY).set_value("dueren").run()
    assert result_count(at) == 2
    assert all("<mark>Dür" in card or "<mark>dür" in card for card in cards(at))


def test_a_date_range_keeps_only_releases_in_it(start) -> None:
    at = start("Pressemitteilungen")
    at.checkbox(key=keys.PRESS_UNDATED).uncheck().run()
    at.select_slider(key=keys.PRESS_RANGE).set_value((date(2016, 6, 1), date(2016, 7, 1))).run()
    ids = shown_releases(at)
    assert result_count(at) == len(ids) == 5
    assert all("2016-0" in release_id for release_id in ids)


def test_query_and_range_combine(start) -> None:
    at = start("Pressemitteilungen")
    at.text_input(key=keys.PRESS_QUERY).set_value("Kleve").run()
    with_undated = result_count(at)
    at.select_slider(key=keys.PRESS_RANGE).set_value((date(2018, 1, 1), date(2018, 12, 1))).run()
    at.checkbox(key=keys.PRESS_UNDATED).uncheck().run()
    assert 0 < result_count(at) < with_undated


def test_type_filter_narrows_the_results(start) -> None:
    at = start("Pressemitteilungen")
    everything = result_count(at)
    tags = at.multiselect(key=keys.PRESS_TAGS)
    tags.select("Pressemitteilung").run()
    assert 0 < result_count(at) < everything


def test_showing_a_release_moves_the_map_to_its_date_and_highlights_its_centres(start) -> None:
    at = start("Pressemitteilungen")
    at.button(key=keys.SHOW_RELEASE_PREFIX + RELEASE_BORKEN).click().run()
    assert at.session_state[keys.TABS] == "Karte"
    assert at.session_state[keys.SELECTED_DAY] == date(2016, 7, 1)
    assert at.query_params["release"] == RELEASE_BORKEN
    assert any("2 erwähnte Zentren hervorgehoben" in info.value for info in at.info)
    table = at.dataframe[0].value
    assert set(table.loc[table["Hervorgehoben"], "Zentrum"]) == {
        "Kommunales Integrationszentrum Kreis Borken",
        "Kommunales Integrationszentrum Kreis Steinfurt",
    }
    at.button(key=keys.CLEAR_RELEASE).click().run()
    assert "release" not in at.query_params
    assert "Hervorgehoben" not in at.dataframe[0].value.columns
    assert not at.info


def test_a_release_link_opens_the_dashboard_with_it_selected(start) -> None:
    at = start(release=RELEASE_2014, lang="en")
    assert at.session_state[keys.SELECTED_DAY] == date(2014, 4, 25)
    assert any(info.value.startswith("Press release 25 April 2014") for info in at.info)
    assert not at.warning


def test_an_unknown_release_in_a_link_is_a_notice(start) -> None:
    at = start(release="no-such-release")
    assert any("Unbekannte Pressemitteilung" in w.value for w in at.warning)
    assert at.session_state[keys.RELEASE] == ""


def test_the_fact_check_tab_gives_a_verdict_per_statement(start) -> None:
    at = start("Faktencheck")
    table = at.dataframe[0].value
    verdicts = dict(zip(table["Datum"], table["Ergebnis"], strict=True))
    assert verdicts["02.12.2013"] == "weicht um +3 ab"
    assert verdicts["25.04.2014"] == "weicht um +4 ab"
    assert verdicts["09.04.2015"] == "stimmig"


def test_the_export_tab_offers_every_download_at_the_shown_date(start) -> None:
    at = start("Export", date="2016-07-01")
    labels = [element.proto.label for element in at.get("download_button")]
    assert labels.count("PNG") == 2
    assert {"SVG", "PDF", "CSV", "HTML"} <= set(labels)
    assert any("01.07.2016" in m.value for m in at.markdown)


def test_the_gif_is_made_on_click_with_a_progress_bar(start) -> None:
    at = start("Export")
    assert keys.GIF not in at.session_state
    at.slider(key=keys.GIF_FRAME_MS).set_value(200)
    at.button(key=keys.MAKE_GIF).click().run()
    data, lang, frame_ms, gif = at.session_state[keys.GIF]
    assert (data.own, lang, frame_ms) == (False, "de", 200)
    assert gif.startswith(b"GIF8")
    assert any("GIF herunterladen" in b.proto.label for b in at.get("download_button"))
    # Another frame duration: the GIF made before is no longer offered as this one.
    at.slider(key=keys.GIF_FRAME_MS).set_value(600).run()
    assert not any("GIF" in b.proto.label for b in at.get("download_button"))


def test_switching_language_keeps_the_open_tab(start) -> None:
    at = start("Faktencheck")
    at.radio(key=keys.LANG).set_value("en").run()
    assert at.session_state[keys.TABS] == "Fact check"


def _sample_dataset(boundaries_path: Path) -> Dataset:
    boundaries = load_boundaries(
        env={"KI_BOUNDARIES_PATH": str(boundaries_path)},
        cache_dir=ROOT / ".cache",
        outline_path=OUTLINE_GEOJSON,
    )
    table = read_table(sample_csv(), "beispiel.csv")
    result = build_sites(
        table, guess_mapping(table.columns), boundaries=boundaries, filename="beispiel.csv"
    )
    assert not result.problems
    return Dataset(upload_timeline(result.centres), filename="beispiel.csv")


def test_own_data_replays_like_the_ki_data_and_switches_back(start, bkg_kreise_path) -> None:
    at = start()
    own = _sample_dataset(bkg_kreise_path)
    at.session_state[keys.OWN_DATASET] = own
    at.run()
    at.radio(key=keys.DATASET_CHOICE).set_value(True).run()
    assert not at.exception
    # Markdown-escaped: a file name is shown as written, never as a link or emphasis.
    assert escape_markdown("beispiel.csv") + " (5 Standorte)" in at.caption[0].value
    assert month(at) == own.months[-1]
    values = kpis(at)
    assert values["Geöffnet"] == "5"
    assert values["Kreise/Städte mit Standort"] == "5 von 53"
    assert len(at.dataframe[0].value) == 5
    at.select_slider(key=keys.DATE_SLIDER).set_value(own.months[0]).run()
    assert kpis(at)["Geöffnet"] == "0"
    at.radio(key=keys.DATASET_CHOICE).set_value(False).run()
    assert kpis(at)["Geöffnet"] == "54"
    assert month(at) == date(2018, 10, 1)


def test_a_hostile_file_name_is_shown_as_text_not_as_markdown(start, bkg_kreise_path) -> None:
    hostile = "![x](http://evil.example/a.png) [y](http://evil.example) $x$ **z**.csv"
    at = start()
    own = _sample_dataset(bkg_kreise_path)
    at.session_state[keys.OWN_DATASET] = Dataset(own.timeline, filename=hostile)
    at.run()
    at.radio(key=keys.DATASET_CHOICE).set_value(True).run()
    shown = [at.caption[0].value, *at.radio(key=keys.DATASET_CHOICE).options]
    escaped = escape_markdown(hostile)
    assert escaped in shown[0]
    assert any(escaped in option for option in shown[1:])
    for text in shown:
        assert "![x](" not in text
        assert "](http" not in text
        assert "**z**" not in text
    # The dataset is the upload, so the sidebar choice shows it (not the KI data).
    assert at.radio(key=keys.DATASET_CHOICE).value is True


def test_the_own_data_tab_explains_the_format_and_offers_an_example(start) -> None:
    at = start("Eigene Daten")
    assert any("5 MB" in m.value and "20.000 Zeilen" in m.value for m in at.markdown)
    labels = [element.proto.label for element in at.get("download_button")]
    assert "Beispieldatei herunterladen" in labels
    uploader = at.file_uploader(key=keys.UPLOAD)
    assert "5 MB" in uploader.help
    assert uploader.proto.max_upload_size_mb == 5


def test_the_server_refuses_uploads_far_above_the_apps_limit() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == 6  # MB; the app itself refuses above 5 MB


def test_an_upload_is_parsed_once_however_often_the_page_reruns(
    start, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    real = budget.run_within_budget

    def counting(func, *args, **options):
        if func is read_table:
            calls.append(args[1])
        return real(func, *args, **options)

    # The app reads uploads in a worker process (geo.budget); count what it sends there.
    monkeypatch.setattr(budget, "run_within_budget", counting)
    at = start("Eigene Daten")
    # Content no other test uploads, so the process-wide cache cannot already hold it.
    data = sample_csv() + f"Einmal {uuid.uuid4().hex};Markt 1;51,9;7,6;2015;;\r\n".encode()
    at.file_uploader(key=keys.UPLOAD).set_value(("einmal.csv", data, "text/csv")).run()
    assert calls == ["einmal.csv"]
    at.run()
    at.radio(key=keys.LANG).set_value("en").run()
    assert not at.exception, at.exception
    assert calls == ["einmal.csv"]
    assert any("rows" in c.value for c in at.caption)


@pytest.mark.parametrize(
    ("coord_source", "credit"),
    [
        ("upload", "Position: aus der hochgeladenen Datei"),
        ("file", "Position: aus der hochgeladenen Datei"),
        ("", "Position: aus der hochgeladenen Datei"),
        ("nominatim", "Position: Adresse (Nominatim)"),
        ("geonames:2887835", "Position: Ortsmitte von Kleve (GeoNames)"),
    ],
)
def test_the_popup_credits_where_the_position_comes_from(coord_source: str, credit: str) -> None:
    centre = make_centre(coord_source=coord_source, coord_precision="address")
    assert credit in popup_html(centre, start_window(centre), lang="de")


def test_the_file_credit_is_translated() -> None:
    centre = make_centre(coord_source="upload", coord_precision="address")
    assert "Position: from the uploaded file" in popup_html(centre, start_window(centre), lang="en")


def test_a_link_with_a_release_keeps_its_start_years(start) -> None:
    at = start(release=RELEASE_2014, year="2013")
    assert at.session_state[keys.SELECTED_DAY] == date(2014, 4, 25)
    assert at.session_state[keys.YEARS] == [2013]
