"""XSS proof in headless Chromium: hostile text in the centres file, the press releases and an
uploaded file is shown as text on the map (tooltips, popups), in the table, in the press search
and in the downloaded HTML export, and never runs; a `javascript:` source URL is refused."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Frame, Page, expect

from geo.errors import DataFileError
from geo.i18n import t
from geo.paths import CENTRES_CSV, PRESS_CSV
from geo.sources.centres import load_centres
from tests.browser.conftest import (
    LOAD_TIMEOUT_MS,
    MAP_FRAME,
    STEP_TIMEOUT_MS,
    VIEWPORT,
    Dashboard,
    serve_app,
)

pytestmark = pytest.mark.browser

SCRIPT = "<script>window.__xss=1</script>"
IMG = '<img src=x onerror="window.__xss=2">'
JS_URL = "javascript:window.__xss=3"
SVG = '"><svg onload=window.__xss=4>'
HTML_PAYLOADS = (SCRIPT, IMG, SVG)
# Would run if any text were pasted into a JavaScript template literal (`...`).
TEMPLATE = "${window.__xss=5}"

# What the payloads would create if any of them were parsed as HTML (a payload's own <script>).
_INJECTED_JS = r"""() => ({
    xss: window.__xss === undefined ? null : String(window.__xss),
    img: document.querySelectorAll('img[src="x"]').length,
    svg: document.querySelectorAll("svg[onload]").length,
    onerror: document.querySelectorAll("[onerror]").length,
    onload: document.querySelectorAll("[onload]").length,
    scripts: [...document.querySelectorAll("script")]
        .filter((s) => /^\s*window\.__xss=\d\s*$/.test(s.textContent)).length,
    links: [...document.querySelectorAll("a[href]")]
        .filter((a) => a.getAttribute("href").trim().toLowerCase().startsWith("javascript:"))
        .length,
})"""
CLEAN = {"xss": None, "img": 0, "svg": 0, "onerror": 0, "onload": 0, "scripts": 0, "links": 0}

# Hover and click every centre marker like a user (events on the SVG path), collecting what each
# tooltip and popup shows as text (a popup's content arrives from the published popups file).
_OPEN_ALL_JS = """async () => {
    const texts = [];
    const paths = [...document.querySelectorAll("path.ki-marker")];
    const filled = async () => {
        for (let i = 0; i < 500; i++) {
            const popup = document.querySelector(".leaflet-popup-content");
            if (popup && popup.textContent !== "…") return;
            await new Promise((resolve) => setTimeout(resolve, 10));
        }
        throw new Error("a popup was not filled within 5 s");
    };
    for (const path of paths) {
        path.dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));
        document.querySelectorAll(".leaflet-tooltip").forEach((t) => texts.push(t.textContent));
        path.dispatchEvent(new MouseEvent("mouseout", {bubbles: true}));
        path.dispatchEvent(new MouseEvent("click", {bubbles: true}));
        await filled();
        document.querySelectorAll(".leaflet-popup-content")
            .forEach((p) => texts.push(p.textContent));
    }
    return {markers: paths.length, text: texts.join("\\n")};
}"""


def _hostile(text: str) -> str:
    return f"{text} {' '.join(HTML_PAYLOADS)}" if text else " ".join(HTML_PAYLOADS)


def _rewrite_csv(source: Path, target: Path, columns: tuple[str, ...]) -> None:
    """Copy a data file with every cell of `columns` extended by the payloads."""
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = reader.fieldnames
        rows = [{**row, **{c: _hostile(row[c]) for c in columns}} for row in reader]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    target.write_text(buffer.getvalue(), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_url(bkg_kreise_path: Path, tmp_path_factory) -> Iterator[str]:
    """The app serving a centres file and a press file full of payloads."""
    folder = tmp_path_factory.mktemp("hostile")
    centres, press = folder / "centres.csv", folder / "press_releases.csv"
    _rewrite_csv(CENTRES_CSV, centres, ("name", "street", "town", "predecessor", "notes"))
    _rewrite_csv(PRESS_CSV, press, ("title", "summary_de", "summary_en"))
    assert SCRIPT in load_centres(centres)[0].name
    with serve_app(
        bkg_kreise_path, env={"KI_CENTRES_PATH": str(centres), "KI_PRESS_PATH": str(press)}
    ) as url:
        yield url


class Watched:
    """A page with every dialog it tried to open recorded (and dismissed)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.dialogs: list[str] = []
        page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def assert_clean(self, *frames: Page | Frame) -> None:
        for frame in (self.page, *frames):
            assert frame.evaluate(_INJECTED_JS) == CLEAN, f"injected in {frame.url[:80]}"
        assert self.dialogs == []


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    # Nothing may leave the machine, even if a payload tried to load something.
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("http://127.0.0.1", "file://", "data:", "blob:"))
            else route.abort()
        ),
    )
    yield Watched(context.new_page())
    context.close()


def _open_markers(dashboard: Dashboard) -> str:
    """Hover and click every marker on the dashboard's map; the text they showed."""
    dashboard.map_element().scroll_into_view_if_needed()
    dashboard.wait_until_settled()
    first = dashboard.drawn_markers()[0]
    box = dashboard.map_element().bounding_box()
    dashboard.page.mouse.move(box["x"] + first["x"], box["y"] + first["y"])
    expect(dashboard.map_content().locator(".leaflet-tooltip")).to_have_count(1)
    opened = dashboard.frame().evaluate(_OPEN_ALL_JS)
    assert opened["markers"] > 0
    return opened["text"]


def _grid_text(page: Page, *, header: str | None = None) -> str:
    """The text of the page's first table (or the first with `header` among its columns), from
    the grid's accessible table; it waits for that table, not for whichever grid is drawn first."""
    grids = page.get_by_test_id("stDataFrame")
    grid = (grids.filter(has_text=header) if header else grids).first
    expect(grid.locator("table tbody tr").first).to_be_attached()
    return grid.locator("table").evaluate("(t) => t.textContent")


def test_hostile_data_files_are_shown_as_text_everywhere(
    hostile_url: str, watched: Watched, tmp_path: Path
) -> None:
    page = watched.page
    dashboard = Dashboard(page, hostile_url)
    dashboard.open()
    dashboard.wait_for_counts({"open": 54, "uncertain": 0, "approved": 0, "total": 54})
    shown = _open_markers(dashboard)
    for payload in HTML_PAYLOADS:
        assert payload in shown, f"{payload!r} not shown as text on the map"
    assert "RAA " + SCRIPT in shown  # predecessor
    watched.assert_clean(dashboard.frame())

    table = _grid_text(page)
    assert SCRIPT in table
    assert IMG in table

    page.get_by_role("tab", name="Pressemitteilungen").click()
    search = page.locator(".st-key-press_query input")
    search.fill("script onerror onload")
    search.press("Enter")
    hits = page.locator(".ki-press-hit")
    expect(hits.first).to_be_visible(timeout=STEP_TIMEOUT_MS)
    expect(hits.first.locator("mark").first).to_be_visible()
    titles = " ".join(page.locator(".ki-press-title").all_text_contents())
    for payload in HTML_PAYLOADS:
        assert payload in titles
    watched.assert_clean()

    page.get_by_role("tab", name="Export").click()
    with page.expect_download(timeout=LOAD_TIMEOUT_MS) as info:
        page.get_by_role("button", name="HTML", exact=True).click()
    exported = tmp_path / "export.html"
    info.value.save_as(exported)
    watched.assert_clean()

    export = watched.page.context.new_page()
    export.on("dialog", watched._dialog)
    export.goto(exported.as_uri())
    export.wait_for_selector('body[data-ready="true"]', timeout=STEP_TIMEOUT_MS)
    shown = export.evaluate(_OPEN_ALL_JS)
    assert shown["markers"] == 54
    for payload in HTML_PAYLOADS:
        assert payload in shown["text"]
    watched.assert_clean(export)


def _upload_csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _upload_and_show(dashboard: Dashboard, name: str, data: bytes, shown: int, rows: int) -> None:
    page = dashboard.page
    page.get_by_role("tab", name="Eigene Daten").click()
    page.locator(".st-key-upload input[type=file]").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": data}
    )
    page.get_by_role("button", name="Daten übernehmen").click()
    expect(page.get_by_text(t("app_own_shown", "de", shown=shown, n=rows))).to_be_visible(
        timeout=LOAD_TIMEOUT_MS
    )


HEADER = ["Name", "Adresse", "Ort", "Breitengrad", "Längengrad", "Start", "Quelle"]


def test_hostile_upload_is_shown_as_text_and_a_javascript_url_is_refused(
    app_url: str, watched: Watched
) -> None:
    rows = [HEADER]
    for i, payload in enumerate(HTML_PAYLOADS):
        rows.append(
            [
                f"Treff {i} {payload}",
                f"Markt {i} {payload}, 48143 Münster",
                f"Münster {payload}",
                f"51,9{i}",
                "7,62",
                f"0{i + 1}.03.2015",
                f"https://www.example.org/{i}",
            ]
        )
    rows.append(["Link", "Markt 9", "Münster", "51,95", "7,6", "01.05.2015", JS_URL])
    page = watched.page
    dashboard = Dashboard(page, app_url)
    dashboard.open()
    _upload_and_show(dashboard, "boese.csv", _upload_csv(rows), 3, 4)
    problems = _grid_text(page, header=t("app_problem_message", "de"))
    assert "5" in problems  # the line of the javascript: row
    assert "Quelle" in problems
    assert JS_URL in problems
    watched.assert_clean()

    page.get_by_role("tab", name="Karte").click()
    dashboard.map_content().locator("path.ki-marker").first.wait_for(timeout=LOAD_TIMEOUT_MS)
    dashboard.wait_for_counts({"open": 3, "uncertain": 0, "approved": 0, "total": 3})
    shown = _open_markers(dashboard)
    for payload in HTML_PAYLOADS:
        assert f"Treff {HTML_PAYLOADS.index(payload)} {payload}" in shown
        assert f"Münster {payload}" in shown
    assert "Link" not in shown.split()
    assert "javascript:" not in shown
    watched.assert_clean(dashboard.frame())
    table = _grid_text(page)
    assert SCRIPT in table


def test_template_literal_text_in_a_name_does_not_run_in_the_map(
    app_url: str, watched: Watched
) -> None:
    rows = [
        HEADER,
        [f"Treff {TEMPLATE}", f"Markt 1 {TEMPLATE}", "Münster", "51,9", "7,62", "2015", ""],
    ]
    page = watched.page
    dashboard = Dashboard(page, app_url)
    dashboard.open()
    _upload_and_show(dashboard, "vorlage.csv", _upload_csv(rows), 1, 1)
    page.get_by_role("tab", name="Karte").click()
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.ki-marker").first.wait_for(timeout=LOAD_TIMEOUT_MS)
    dashboard.wait_for_counts({"open": 1, "uncertain": 0, "approved": 0, "total": 1})
    shown = _open_markers(dashboard)
    watched.assert_clean(dashboard.frame())
    assert f"Treff {TEMPLATE}" in shown


def test_a_javascript_source_url_in_the_centres_file_is_refused(tmp_path: Path) -> None:
    with CENTRES_CSV.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    rows[3]["sources"] = JS_URL
    target = tmp_path / "centres.csv"
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(DataFileError) as caught:
        load_centres(target)
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (5, "sources")
    assert JS_URL in (problem.value or "")


# Every link and image in the page (not in the map's iframe) that leads off the app's host.
_OFF_HOST_JS = """() => {
    const off = (url) => new URL(url, location.href).host !== location.host;
    return {
        links: [...document.querySelectorAll("a[href]")].filter((a) => off(a.href))
            .map((a) => a.href),
        images: [...document.querySelectorAll("img[src]")].filter((i) => off(i.src))
            .map((i) => i.src),
    };
}"""
PHISHING = {
    "tiles": "https://evil.example/login",
    "lang": "www.evil.example",
    "date": "[x](https://evil.example)",
    "year": "phish@evil.example",
    "release": "![x](https://evil.example/x.png)",
}
_SITE = ["Treff", "Markt 1", "Münster", "51,95", "7,62", "01.03.2015", ""]


def test_a_phishing_link_and_file_name_make_no_links_or_images(
    app_url: str, watched: Watched
) -> None:
    page = watched.page
    dashboard = Dashboard(page, app_url)
    dashboard.open("?" + urlencode(PHISHING))
    alerts = page.get_by_test_id("stAlert")
    expect(alerts).to_have_count(len(PHISHING), timeout=STEP_TIMEOUT_MS)
    shown = " ".join(alerts.all_text_contents()).replace("\u2060", "")
    for value in PHISHING.values():
        assert value in shown
    assert page.evaluate(_OFF_HOST_JS) == {"links": [], "images": []}

    name = "www.evil.example a@evil.example.csv"
    _upload_and_show(dashboard, name, _upload_csv([HEADER, _SITE]), 1, 1)
    caption = page.get_by_test_id("stCaptionContainer").first
    expect(caption).to_contain_text("www\u2060.evil")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Eigene Daten (www", exact=False)).to_be_visible()
    assert page.evaluate(_OFF_HOST_JS) == {"links": [], "images": []}
    watched.assert_clean()
