"""Geocoding an upload's addresses end to end: the app asks a fake Nominatim on this machine
(`KI_NOMINATIM_URL`, as for a self-hosted instance) and places what it finds; unreachable, the
user is told and the rows with coordinates still show."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    LOAD_TIMEOUT_MS,
    UNREACHABLE_NOMINATIM,
    VIEWPORT,
    Dashboard,
    serve_app,
)

pytestmark = pytest.mark.browser

UPLOAD = (
    "Name;Adresse;Breitengrad;Längengrad;Start\n"
    "Treff Kleve;Nassauerallee 15, 47533 Kleve;51,78826;6,13865;01.03.2018\n"
    "Treff Münster;Klemensstraße 10, 48143 Münster;51,96236;7,62571;15.09.2013\n"
    "Treff Düren;Markt 1, 52349 Düren;;;01.05.2016\n"
    "Treff Nirgendwo;Gibtsnichtweg 99, 12345 Nirgendwo;;;01.06.2016\n"
).encode()
NAME = "treffs.csv"
DUEREN = {"lat": "50.80434", "lon": "6.49299", "display_name": "Markt 1, Düren"}
GEOCODE_TIMEOUT_MS = 60_000


class _FakeNominatim(BaseHTTPRequestHandler):
    """Answers /search like Nominatim's JSON API: Düren is found, every other place is not."""

    queries: ClassVar[list[dict[str, list[str]]]] = []

    def do_GET(self) -> None:
        query = parse_qs(urlsplit(self.path).query)
        type(self).queries.append({**query, "agent": [self.headers.get("User-Agent", "")]})
        found = any("Düren" in value for values in query.values() for value in values)
        body = json.dumps([DUEREN] if found else []).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        """Quiet."""


@pytest.fixture
def fake_nominatim() -> Iterator[str]:
    _FakeNominatim.queries = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeNominatim)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def _geocoding_clicked(browser, boundaries: Path, nominatim: str) -> Iterator[Dashboard]:
    """A dashboard whose app asks `nominatim`, with the upload applied and "geocode" clicked."""
    with serve_app(boundaries, env={"KI_NOMINATIM_URL": nominatim}) as url:
        page = browser.new_page(viewport=VIEWPORT)
        page.set_default_timeout(LOAD_TIMEOUT_MS)
        dashboard = Dashboard(page, url)
        try:
            dashboard.open()
            page.get_by_role("tab", name="Eigene Daten").click()
            page.locator(".st-key-upload input[type=file]").set_input_files(
                {"name": NAME, "mimeType": "text/csv", "buffer": UPLOAD}
            )
            page.get_by_role("button", name="Daten übernehmen").click()
            expect(page.get_by_text("2 von 4 Zeilen werden gezeigt.")).to_be_visible()
            page.get_by_role("button", name="2 Adressen geocodieren").click()
            yield dashboard
        finally:
            page.close()


def _markers_on_the_map(dashboard: Dashboard) -> int:
    dashboard.page.get_by_role("tab", name="Karte").click()
    dashboard.map_content().locator("path.ki-marker").first.wait_for()
    return dashboard.marker_counts()["total"]


def test_found_addresses_join_the_map_and_the_others_are_named(
    browser, bkg_kreise_path, fake_nominatim
) -> None:
    with _geocoding_clicked(browser, bkg_kreise_path, fake_nominatim) as dashboard:
        page = dashboard.page
        expect(page.get_by_text("3 von 4 Zeilen werden gezeigt.")).to_be_visible(
            timeout=GEOCODE_TIMEOUT_MS
        )
        expect(page.get_by_text("1 von 2 Adressen gefunden")).to_be_visible()
        expect(page.get_by_text("(Treff Nirgendwo)")).to_be_visible()
        # Asked once each; the one not found is not offered again.
        assert len(_FakeNominatim.queries) == 2
        assert all(q["agent"][0].startswith("ki-atlas-nrw/") for q in _FakeNominatim.queries)
        expect(page.get_by_role("button", name="1 Adressen geocodieren")).to_have_count(0)
        assert _markers_on_the_map(dashboard) == 3


def test_an_unreachable_geocoder_is_reported_and_the_rows_with_coordinates_stay(
    browser, bkg_kreise_path
) -> None:
    with _geocoding_clicked(browser, bkg_kreise_path, UNREACHABLE_NOMINATIM) as dashboard:
        page = dashboard.page
        expect(page.get_by_text("Geocodierung nicht möglich")).to_be_visible(
            timeout=GEOCODE_TIMEOUT_MS
        )
        expect(page.get_by_text("2 von 4 Zeilen werden gezeigt.")).to_be_visible()
        expect(page.get_by_test_id("stException")).to_have_count(0)
        assert _markers_on_the_map(dashboard) == 2
