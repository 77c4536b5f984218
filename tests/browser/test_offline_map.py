"""The dashboard in a real browser: the map renders with every non-local request blocked."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def test_map_renders_offline_with_all_54_markers_and_only_local_requests(app_url, browser) -> None:
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if urlparse(route.request.url).hostname in ("127.0.0.1", "localhost")
            else route.abort()
        ),
    )
    page.goto(app_url)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.ki-marker").first.wait_for(timeout=60_000)
    assert frame.locator("path.ki-marker").count() == 54
    assert frame.locator("path.leaflet-interactive").count() >= 54
    foreign = {urlparse(u).hostname for u in requested} - {"127.0.0.1", "localhost"}
    assert not foreign, f"requests to third parties: {sorted(foreign)}"
    page.close()
