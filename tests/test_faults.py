"""Faults from outside: a failing geocoder, a process killed while writing, a failing download.

The promise under test: a fault stops the work with a clear message, what was learned before it
is kept, and every file on disk is either the old complete version or a new complete one.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import random
import signal
import subprocess
import sys
import urllib.error
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from geopy.exc import (
    GeocoderAuthenticationFailure,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
)

from geo import paths
from geo.ingest.geocode_cache import GeocodeCache
from geo.ingest.geocode_cli import run_cli
from geo.sources.bkg_download import CACHE_FILENAME, urllib_fetch
from geo.sources.boundaries import load_boundaries
from geo.sources.boundaries_cli import run_fetch_cli
from geo.sources.centres import load_centres

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)

# ------------------------------------------------------------------------------ geocoder

# The first two centres of data/centres.csv with a street (both at town precision).
DUESSELDORF, DUISBURG = "Erkrather Straße 377", "Sonnenwall 73-75"


@dataclasses.dataclass(frozen=True)
class Place:
    latitude: float
    longitude: float
    address: str


class Scripted:
    """A fake geocode callable: one answer (or exception) per street; any other call fails."""

    def __init__(self, answers: Mapping[str, Any]) -> None:
        self.answers = dict(answers)
        self.calls: list[str] = []

    def __call__(self, query: Mapping[str, str]) -> Any:
        street = query["street"]
        self.calls.append(street)
        answer = self.answers[street]
        if isinstance(answer, BaseException):
            raise answer
        return answer


HIT = Place(51.2201234, 6.8091234, "Erkrather Straße 377, 40233 Düsseldorf, Deutschland")


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A copy of the real centres file in an otherwise empty folder."""
    (tmp_path / "centres.csv").write_bytes(paths.CENTRES_CSV.read_bytes())
    return tmp_path


def _geocode(work: Path, fake: Scripted) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_cli(
        centres_path=work / "centres.csv",
        cache_path=work / "geocode_cache.csv",
        only=None,
        geocode=fake,
        out=out,
        err=err,
        now=lambda: NOW,
    )
    return code, out.getvalue(), err.getvalue()


FAULTS = [
    pytest.param(GeocoderTimedOut("Service timed out"), "did not answer in time", id="timeout"),
    pytest.param(
        GeocoderRateLimited("Too Many Requests", retry_after=60),
        "rate-limiting us (HTTP 429, retry after 60 s)",
        id="429",
    ),
    pytest.param(
        GeocoderServiceError("HTTP Error 502: Bad Gateway"),
        "Nominatim failed (HTTP Error 502: Bad Gateway)",
        id="502",
    ),
    pytest.param(GeocoderUnavailable("Connection refused"), "not reachable (offline?)", id="503"),
    pytest.param(
        GeocoderAuthenticationFailure("HTTP Error 403: Forbidden"),
        "Nominatim failed (HTTP Error 403: Forbidden)",
        id="403",
    ),
]


@pytest.mark.parametrize(("fault", "reason"), FAULTS)
def test_fault_after_one_answer_keeps_it_and_rewrites_the_centres_file_whole(
    work: Path, fault: Exception, reason: str
) -> None:
    before = load_centres(work / "centres.csv")
    fake = Scripted({DUESSELDORF: HIT, DUISBURG: fault})
    code, out, err = _geocode(work, fake)
    assert code == 1
    assert fake.calls == [DUESSELDORF, DUISBURG]  # the fault stops every further query
    assert err.splitlines()[-1].startswith("Nominatim ")
    assert reason in err.splitlines()[-1]
    assert "existing coordinates kept" in err
    assert "Traceback" not in out + err
    # The cache holds exactly the answer learned before the fault (not the fault as "not found").
    (entry,) = GeocodeCache.load(work / "geocode_cache.csv").entries()
    assert (entry.lat, entry.lon, entry.fetched_at) == (HIT.latitude, HIT.longitude, NOW)
    # The centres file is complete: the one upgrade, every other centre exactly as before.
    after = load_centres(work / "centres.csv")
    assert after[0] == dataclasses.replace(
        before[0], lat=51.22012, lon=6.80912, coord_precision="address", coord_source="nominatim"
    )
    assert after[1:] == before[1:]
    assert sorted(p.name for p in work.iterdir()) == ["centres.csv", "geocode_cache.csv"]


@pytest.mark.parametrize(("fault", "reason"), FAULTS)
def test_fault_on_the_first_query_leaves_every_file_as_it_was(
    work: Path, fault: Exception, reason: str
) -> None:
    before = (work / "centres.csv").read_bytes()
    code, _, err = _geocode(work, Scripted({DUESSELDORF: fault}))
    assert code == 1
    assert reason in err
    assert (work / "centres.csv").read_bytes() == before
    assert sorted(p.name for p in work.iterdir()) == ["centres.csv"]  # no cache, no temp file


def test_rerun_after_a_fault_uses_the_cache_and_asks_only_what_is_new(work: Path) -> None:
    _geocode(work, Scripted({DUESSELDORF: HIT, DUISBURG: GeocoderTimedOut("slow")}))
    second = Scripted({DUISBURG: GeocoderUnavailable("still offline")})
    code, _, err = _geocode(work, second)
    assert code == 1
    assert second.calls == [DUISBURG]  # Düsseldorf came from the cache
    assert load_centres(work / "centres.csv")[0].coord_precision == "address"
    assert "not reachable" in err


def test_cache_write_failure_stops_with_a_message_and_keeps_earlier_answers(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (work / "centres.csv").read_bytes()
    real_replace = os.replace
    writes: list[str] = []

    def disk_full_on_second_cache_write(src: str, dst: str) -> None:
        if Path(dst).name == "geocode_cache.csv":
            writes.append(dst)
            if len(writes) == 2:
                raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", disk_full_on_second_cache_write)
    third = Place(51.43, 6.76, "Sonnenwall 73-75, 47051 Duisburg, Deutschland")
    code, out, err = _geocode(work, Scripted({DUESSELDORF: HIT, DUISBURG: third}))
    monkeypatch.undo()
    assert code == 1
    assert err.startswith("error: geocode_cache.csv: cannot write: [Errno 28] No space left")
    assert "Traceback" not in out + err
    assert len(GeocodeCache.load(work / "geocode_cache.csv")) == 1
    assert (work / "centres.csv").read_bytes() == before  # not half-updated
    assert sorted(p.name for p in work.iterdir()) == ["centres.csv", "geocode_cache.csv"]


def test_centres_write_failure_keeps_the_old_file_and_the_learned_answers(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (work / "centres.csv").read_bytes()
    real_replace = os.replace

    def read_only_centres(src: str, dst: str) -> None:
        if Path(dst).name == "centres.csv":
            raise PermissionError(13, "Permission denied")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", read_only_centres)
    code, _, err = _geocode(work, Scripted({DUESSELDORF: HIT, DUISBURG: GeocoderTimedOut("x")}))
    monkeypatch.undo()
    assert code == 1
    assert err == "error: cannot write centres.csv: [Errno 13] Permission denied\n"
    assert (work / "centres.csv").read_bytes() == before
    assert len(GeocodeCache.load(work / "geocode_cache.csv")) == 1
    assert sorted(p.name for p in work.iterdir()) == ["centres.csv", "geocode_cache.csv"]


# ------------------------------------------------------------------- killed while writing

# Shared by this module and the child process: version `k` of a large cache file or of the
# centres file. Every version is complete and valid, and no two versions are equal.
VERSIONS = r"""
from geo import paths

CACHE_HEADER = "query,lat,lon,display_name,fetched_at\n"
CACHE_TEMPLATE = CACHE_HEADER + "".join(
    f"street=weg {i} | city=ort @K@,51.{i:07d},7.1234567,Weg {i} (version @K@),"
    "2024-05-01T12:00:00+00:00\n"
    for i in range(25_000)
)
CENTRES_TEMPLATE = paths.CENTRES_CSV.read_text(encoding="utf-8").replace(
    "KI office not confirmed.", "KI office not confirmed (version @K@).", 1
)


def version_text(kind, k):
    template = CACHE_TEMPLATE if kind == "cache" else CENTRES_TEMPLATE
    return template.replace("@K@", str(k))
"""

CHILD = r'''
import os, signal, sys
from pathlib import Path
from geo.sources.atomic import write_text_atomic

kind, path, hook = sys.argv[1], Path(sys.argv[2]), sys.argv[3]


def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)


class HalfWriter:
    """Writes half of what it is given, then the process is killed."""

    def __init__(self, handle):
        self.handle = handle

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def write(self, data):
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        die()


real_fdopen, real_replace = os.fdopen, os.replace
for k in range(1, 100_000):
    if k == 2 and hook != "none":  # version 1 is on disk; now die during version 2
        if hook == "after-mkstemp":
            os.chmod = die
        elif hook == "mid-write":
            os.fdopen = lambda *a, **kw: HalfWriter(real_fdopen(*a, **kw))
        elif hook == "before-fsync":
            os.fsync = die
        elif hook == "before-replace":
            os.replace = die
        elif hook == "after-replace":
            os.replace = lambda src, dst: (real_replace(src, dst), die())
    write_text_atomic(path, version_text(kind, k))
    print(k, flush=True)
'''


def _namespace() -> dict[str, Any]:
    namespace: dict[str, Any] = {}
    exec(VERSIONS, namespace)  # the same code the child runs, so both agree on every version
    return namespace


version_text = _namespace()["version_text"]


def _child(kind: str, path: Path, hook: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", VERSIONS + CHILD, kind, str(path), hook],
        cwd=paths.ROOT,
        env={**os.environ, "PYTHONPATH": str(paths.ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def children() -> Iterator[list[subprocess.Popen[str]]]:
    """Started children; any still running at the end is killed (by its own pid)."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for child in started:
        if child.poll() is None:
            child.kill()
        child.communicate()


def _complete_version(kind: str, path: Path) -> int:
    """Load `path` with the project's loader and return which complete version it is."""
    if kind == "cache":
        entries = GeocodeCache.load(path).entries()
        assert len(entries) == 25_000
        k = int(entries[0].query.rsplit(" ", 1)[1])
    else:
        centres = load_centres(path)
        assert len(centres) == 54
        note = next(c.notes for c in centres if "(version " in c.notes)
        k = int(note.rsplit("(version ", 1)[1].split(")")[0])
    assert path.read_text(encoding="utf-8") == version_text(kind, k)
    return k


def _leftovers(path: Path) -> list[Path]:
    return sorted(p for p in path.parent.iterdir() if p != path)


@pytest.mark.parametrize(
    ("hook", "survivor"),
    [
        ("after-mkstemp", 1),
        ("mid-write", 1),
        ("before-fsync", 1),
        ("before-replace", 1),
        ("after-replace", 2),
    ],
)
@pytest.mark.parametrize("kind", ["cache", "centres"])
def test_kill_at_each_step_of_a_write_leaves_a_complete_file(
    tmp_path: Path, children: list[subprocess.Popen[str]], kind: str, hook: str, survivor: int
) -> None:
    path = tmp_path / ("geocode_cache.csv" if kind == "cache" else "centres.csv")
    child = _child(kind, path, hook)
    children.append(child)
    out, err = child.communicate(timeout=120)
    assert child.returncode == -signal.SIGKILL, err
    assert out.split() == ["1"]  # killed while writing version 2 (after the rename for one hook)
    assert _complete_version(kind, path) == survivor
    # A kill before the rename leaves the hidden temp file behind; it is never the data file.
    leftovers = _leftovers(path)
    assert len(leftovers) == (0 if survivor == 2 else 1)
    for temp in leftovers:
        assert temp.name.startswith(f".{path.name}.")
        assert temp.name.endswith(".tmp")


@pytest.mark.parametrize("kind", ["cache", "centres"])
def test_kill_at_random_moments_leaves_a_complete_file(
    tmp_path: Path, children: list[subprocess.Popen[str]], kind: str
) -> None:
    rng = random.Random(f"kill-{kind}")
    path = tmp_path / ("geocode_cache.csv" if kind == "cache" else "centres.csv")
    for _ in range(12):
        child = _child(kind, path, "none")
        children.append(child)
        assert child.stdout is not None
        first = child.stdout.readline()  # the file exists and is complete from here on
        assert first, child.communicate()[1]
        written = int(first)
        for _ in range(rng.randrange(4)):  # let it write 0-3 more versions first
            written = int(child.stdout.readline())
        child.send_signal(signal.SIGKILL)
        child.communicate()
        assert _complete_version(kind, path) >= written
        for temp in _leftovers(path):
            assert temp.name.startswith(f".{path.name}.")
            assert temp.name.endswith(".tmp")


# ------------------------------------------------------------------------ boundary download


def _deep_json(depth: int = 100_000) -> bytes:
    return b"[" * depth


def _answers(raw: bytes):
    def fetch(url: str, timeout: float) -> bytes:
        return raw

    return fetch


def _raises(exc: BaseException):
    def fetch(url: str, timeout: float) -> bytes:
        raise exc

    return fetch


def _http_error(code: int, reason: str):
    def urlopen(request: Any, *, timeout: float) -> Any:
        raise urllib.error.HTTPError(request.full_url, code, reason, {}, None)

    return lambda url, timeout: urllib_fetch(url, timeout, urlopen=urlopen)


@pytest.mark.parametrize(
    ("fetch", "words"),
    [
        pytest.param(_http_error(500, "Internal Server Error"), "HTTP 500", id="http-500"),
        pytest.param(_http_error(404, "Not Found"), "HTTP 404 Not Found", id="http-404"),
        pytest.param(_raises(ConnectionResetError(104, "reset")), "reset", id="connection-reset"),
        pytest.param(_answers(b"<html>Wartungsarbeiten</html>"), "not valid JSON", id="html"),
        pytest.param(_answers(b""), "not valid JSON", id="empty-body"),
        pytest.param(_answers(b"[1, 2, 3]"), "expected a GeoJSON object", id="json-list"),
        pytest.param(_answers(_deep_json()), "not valid JSON", id="absurdly-deep-json"),
        pytest.param(
            _answers(json.dumps({"type": "FeatureCollection", "features": "x"}).encode()),
            "not a GeoJSON FeatureCollection",
            id="features-not-a-list",
        ),
    ],
)
def test_failing_download_falls_back_to_the_outline_with_the_reason(
    tmp_path: Path, fetch: Any, words: str
) -> None:
    boundaries = load_boundaries(
        env={},
        cache_dir=tmp_path / "cache",
        outline_path=paths.OUTLINE_GEOJSON,
        fetch=fetch,
        allow_download=True,
    )
    assert boundaries.source == "outline"
    assert not boundaries.has_kreise
    assert words in boundaries.notice
    assert "showing the state outline only" in boundaries.notice
    assert len(boundaries.notice) < 400
    assert not (tmp_path / "cache" / CACHE_FILENAME).exists()


def test_fetch_command_reports_a_hostile_answer_in_one_message(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = run_fetch_cli(cache_dir=tmp_path, fetch=_answers(_deep_json()), out=out, err=err)
    assert code == 1
    lines = err.getvalue().splitlines()
    assert lines[0] == "error: the BKG response: not valid JSON (nested too deeply)"
    assert lines[1] == "The existing cache (if any) was left unchanged."
    assert list(tmp_path.iterdir()) == []
