"""Tests for geocoding the centres: Nominatim set-up, cache, upgrade policy and CLI, offline."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from geopy.exc import GeocoderRateLimited, GeocoderTimedOut, GeocoderUnavailable

from geo.errors import DataFileError, KiAtlasError, UsageError
from geo.ingest.centre_geocoding import Outcome, geocode_centres
from geo.ingest.geocode_cache import CacheEntry, GeocodeCache, query_key
from geo.ingest.geocode_cli import run_cli
from geo.ingest.nominatim import DEFAULT_USER_AGENT, make_nominatim_geocode, structured_query
from geo.sources.centres import CENTRE_COLUMNS, load_centres
from geo.sources.csvfile import rows_to_csv_text

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)

# (id, ars, territory, type, bezirk, street, postcode, town, lat, lon, precision, source)
ROWS = [
    ("kreis-kleve", "05154", "Kreis Kleve", "Kreis", "Düsseldorf",
     "Nassauerallee 15-23", "47533", "Kleve", "51.78826", "6.13865", "town", "geonames:2887835"),
    ("stadt-hamm", "05915", "Hamm", "kreisfreie Stadt", "Arnsberg",
     "Theodor-Heuss-Platz 16", "59065", "Hamm", "51.68033", "7.81700", "town", "geonames:2911271"),
    ("stadt-bonn", "05314", "Bonn", "kreisfreie Stadt", "Köln",
     "", "", "Bonn", "50.73438", "7.09549", "town", "geonames:2946447"),
]  # fmt: skip


def centre_row(values: tuple[str, ...]) -> list[str]:
    cid, ars, territory, ttype, bezirk, street, postcode, town, lat, lon, prec, source = values
    cells = {
        "id": cid,
        "ars": ars,
        "territory": territory,
        "territory_type": ttype,
        "regierungsbezirk": bezirk,
        "name": f"Kommunales Integrationszentrum {territory}",
        "street": street,
        "postcode": postcode,
        "town": town,
        "lat": lat,
        "lon": lon,
        "coord_precision": prec,
        "coord_source": source,
        "approval_date": "2012",
        "approval_precision": "year",
        "start_date": "2013-02",
        "start_precision": "month",
        "start_date_alt": "",
        "sequence_no": "",
        "predecessor": "",
        "sources": "https://example.org/ki",
        "notes": "",
    }
    return [cells[c] for c in CENTRE_COLUMNS]


@pytest.fixture
def centres_path(tmp_path: Path) -> Path:
    path = tmp_path / "centres.csv"
    path.write_text(rows_to_csv_text(CENTRE_COLUMNS, map(centre_row, ROWS)), encoding="utf-8")
    return path


@pytest.fixture
def cache_path(tmp_path: Path) -> Path:
    return tmp_path / "geocode_cache.csv"


@dataclass(frozen=True)
class FakeLocation:
    latitude: float
    longitude: float
    address: str


KLEVE = FakeLocation(51.7890123, 6.1401234, "Nassauerallee 15, 47533 Kleve, Deutschland")
HAMM = FakeLocation(51.6812345, 7.8198765, "Theodor-Heuss-Platz 16, 59065 Hamm, Deutschland")
HAMM_BAVARIA = FakeLocation(48.2, 11.3, "Hamm, Bayern, Deutschland")


class ScriptedGeocode:
    """A fake geocode callable: answers (or raises) per street, records every query."""

    def __init__(self, answers: Mapping[str, Any]) -> None:
        self.answers = dict(answers)
        self.calls: list[dict[str, str]] = []

    def __call__(self, query: Mapping[str, str]) -> Any:
        self.calls.append(dict(query))
        answer = self.answers[query["street"]]
        if isinstance(answer, BaseException):
            raise answer
        return answer


def no_network(query: Mapping[str, str]) -> Any:
    raise AssertionError(f"unexpected geocode call: {query}")


def clock() -> datetime:
    return NOW


# --- make_nominatim_geocode -------------------------------------------------------------------


def test_make_nominatim_geocode_is_polite_and_does_not_swallow_failures() -> None:
    geocode = make_nominatim_geocode(timeout=7)
    nominatim = geocode.func.func.__self__
    assert geocode.min_delay_seconds >= 1
    assert geocode.swallow_exceptions is False
    assert geocode.max_retries == 2
    assert nominatim.headers["User-Agent"] == DEFAULT_USER_AGENT
    assert nominatim.timeout == 7
    assert geocode.func.keywords["country_codes"] == "de"
    assert geocode.func.keywords["bounded"] is True


def test_make_nominatim_geocode_refuses_more_than_one_request_per_second() -> None:
    with pytest.raises(ValueError, match="one request per second"):
        make_nominatim_geocode(min_delay_seconds=0.5)


def test_nominatim_request_is_structured_and_bounded_to_nrw() -> None:
    geocode = make_nominatim_geocode(timeout=9)
    nominatim = geocode.func.func.__self__
    seen: list[tuple[str, Any]] = []

    def fake_call(url: str, callback: Callable[[Any], Any], *, timeout: Any) -> Any:
        seen.append((url, timeout))
        return callback([])  # Nominatim's JSON answer for "nothing found"

    nominatim._call_geocoder = fake_call
    geocode._sleep = lambda seconds: None
    query = {"street": "Theodor-Heuss-Platz 16", "postalcode": "59065", "city": "Hamm"}
    assert geocode({**query, "country": "Deutschland"}) is None
    url = seen[0][0]
    assert "street=Theodor-Heuss-Platz+16" in url
    assert "postalcode=59065" in url
    assert "city=Hamm" in url
    assert "country=Deutschland" in url
    assert "countrycodes=de" in url
    assert "viewbox=5.8%2C50.3%2C9.5%2C52.6" in url
    assert "bounded=1" in url


def test_a_self_hosted_nominatim_is_asked_instead_of_the_public_one() -> None:
    geocode = make_nominatim_geocode(url="http://nominatim.intern.example:8080/osm/")
    nominatim = geocode.func.func.__self__
    seen: list[str] = []
    nominatim._call_geocoder = lambda url, callback, *, timeout: seen.append(url) or callback([])
    geocode._sleep = lambda seconds: None
    assert geocode({"city": "Hamm"}) is None
    assert seen[0].startswith("http://nominatim.intern.example:8080/osm/search?")


@pytest.mark.parametrize("url", ["ftp://nominatim.example", "nominatim.example", "http://"])
def test_a_nominatim_address_that_is_not_an_http_url_is_refused(url: str) -> None:
    with pytest.raises(UsageError, match="http"):
        make_nominatim_geocode(url=url)


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def flaky(failures: list[BaseException], answer: Any) -> Callable[..., Any]:
    calls = iter(failures)

    def search(query: Mapping[str, str]) -> Any:
        failure = next(calls, None)
        if failure is not None:
            raise failure
        return answer

    return search


def test_rate_limiter_retries_service_errors_then_succeeds_without_real_sleep() -> None:
    geocode = make_nominatim_geocode()
    time = FakeTime()
    geocode._clock, geocode._sleep = time.clock, time.sleep
    geocode.func = flaky([GeocoderTimedOut("slow"), GeocoderRateLimited("429")], KLEVE)
    assert geocode({"street": "x"}) is KLEVE
    assert geocode({"street": "y"}) is KLEVE
    assert time.sleeps.count(5.0) == 2  # one error wait per retry
    assert all(s >= 0 for s in time.sleeps)


def test_rate_limiter_raises_after_last_retry_instead_of_returning_none() -> None:
    geocode = make_nominatim_geocode(max_retries=1)
    time = FakeTime()
    geocode._clock, geocode._sleep = time.clock, time.sleep
    geocode.func = flaky([GeocoderUnavailable("refused")] * 2, KLEVE)
    with pytest.raises(GeocoderUnavailable):
        geocode({"street": "x"})


def test_rate_limiter_keeps_one_second_between_requests() -> None:
    geocode = make_nominatim_geocode()
    time = FakeTime()
    geocode._clock, geocode._sleep = time.clock, time.sleep
    geocode.func = flaky([], None)
    geocode({"street": "a"})
    geocode({"street": "b"})
    assert time.sleeps == [1.0]


# --- query and cache --------------------------------------------------------------------------


def test_structured_query_and_key(centres: tuple) -> None:
    kleve, _, bonn = centres
    assert structured_query(kleve) == {
        "street": "Nassauerallee 15-23",
        "postalcode": "47533",
        "city": "Kleve",
        "country": "Deutschland",
    }
    assert "street" not in structured_query(bonn)
    assert query_key({"street": "  Haupt   Straße 1 ", "city": "Köln"}) == query_key(
        {"street": "haupt straße 1", "city": "KÖLN"}
    )


def test_cache_round_trip_keeps_hits_and_not_found(cache_path: Path) -> None:
    cache = GeocodeCache.load(cache_path)
    assert len(cache) == 0
    hit = CacheEntry("street=a | city=b", 51.1234567, 7.1234567, "A, B", NOW)
    miss = CacheEntry("street=c | city=d", None, None, "", NOW)
    cache.add(hit)
    cache.add(miss)
    again = GeocodeCache.load(cache_path)
    assert again.entries() == (hit, miss)
    assert again.get({"street": "C", "city": "D"}) == miss
    assert not again.get({"street": "c", "city": "d"}).found


def test_cache_write_crash_leaves_previous_file_intact(
    cache_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = GeocodeCache.load(cache_path)
    cache.add(CacheEntry("street=a | city=b", 51.0, 7.0, "A", NOW))
    before = cache_path.read_bytes()

    def crash(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(DataFileError, match="cannot write"):
        cache.add(CacheEntry("street=c | city=d", 51.5, 7.5, "C", NOW))
    monkeypatch.undo()
    assert cache_path.read_bytes() == before
    assert [p.name for p in cache_path.parent.iterdir()] == [cache_path.name]  # no temp left
    assert len(GeocodeCache.load(cache_path)) == 1
    assert cache.get({"street": "c", "city": "d"}) is None  # memory matches disk


def test_cache_hard_crash_during_write_leaves_previous_file_intact(
    cache_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = GeocodeCache.load(cache_path)
    cache.add(CacheEntry("street=a | city=b", 51.0, 7.0, "A", NOW))
    before = cache_path.read_bytes()

    class Killed(BaseException):
        pass

    def killed(src: str, dst: str) -> None:
        raise Killed

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(Killed):
        cache.add(CacheEntry("street=c | city=d", 51.5, 7.5, "C", NOW))
    assert cache_path.read_bytes() == before


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ("street=a,51.x,7.0,A,2024-05-01T12:00:00+00:00", "lat", "not a number"),
        ("street=a,51.0,,A,2024-05-01T12:00:00+00:00", "lon", "both be set"),
        ("street=a,51.0,7.0,A,yesterday", "fetched_at", "ISO 8601"),
        (",51.0,7.0,A,2024-05-01T12:00:00+00:00", "query", "must not be empty"),
        ("street=a,51.0,700,A,2024-05-01T12:00:00+00:00", "lon", "between"),
    ],
)
def test_cache_load_names_line_column_and_value(
    cache_path: Path, row: str, column: str, message: str
) -> None:
    good = "street=z,51.0,7.0,Z,2024-05-01T12:00:00+00:00"
    cache_path.write_text(f"query,lat,lon,display_name,fetched_at\n{good}\n{row}\n")
    with pytest.raises(DataFileError) as info:
        GeocodeCache.load(cache_path)
    (problem,) = info.value.problems
    assert (problem.line, problem.column) == (3, column)
    assert message in problem.message
    assert problem.value is not None


def test_cache_load_rejects_duplicate_queries(cache_path: Path) -> None:
    stamp = "2024-05-01T12:00:00+00:00"
    cache_path.write_text(
        f"query,lat,lon,display_name,fetched_at\nstreet=a,51,7,A,{stamp}\nSTREET=A,,,,{stamp}\n"
    )
    with pytest.raises(DataFileError, match="duplicate of line 2"):
        GeocodeCache.load(cache_path)


# --- geocode_centres --------------------------------------------------------------------------


@pytest.fixture
def centres(centres_path: Path) -> tuple[Any, ...]:
    return load_centres(centres_path)


def test_hit_inside_nrw_upgrades_and_is_cached(centres: tuple, cache_path: Path) -> None:
    fake = ScriptedGeocode({"Nassauerallee 15-23": KLEVE, "Theodor-Heuss-Platz 16": HAMM})
    cache = GeocodeCache.load(cache_path)
    report = geocode_centres(centres, geocode=fake, cache=cache, now=clock)
    kleve, hamm, bonn = report.centres
    assert (kleve.lat, kleve.lon) == (51.78901, 6.14012)
    assert (kleve.coord_precision, kleve.coord_source) == ("address", "nominatim")
    assert hamm.coord_precision == "address"
    assert bonn == centres[2]  # no street: never asked, unchanged
    assert len(fake.calls) == 2
    assert fake.calls[0]["country"] == "Deutschland"
    assert report.ok
    assert report.queries == 2
    assert report.still_town == 1
    assert [o.outcome for o in report.outcomes] == [
        Outcome.UPGRADED,
        Outcome.UPGRADED,
        Outcome.NO_STREET,
    ]
    assert {e.fetched_at for e in GeocodeCache.load(cache_path).entries()} == {NOW}


def test_cached_queries_are_not_asked_again(centres: tuple, cache_path: Path) -> None:
    first = ScriptedGeocode({"Nassauerallee 15-23": KLEVE, "Theodor-Heuss-Platz 16": None})
    geocode_centres(centres, geocode=first, cache=GeocodeCache.load(cache_path), now=clock)
    report = geocode_centres(
        centres, geocode=no_network, cache=GeocodeCache.load(cache_path), now=clock
    )
    assert report.queries == 0
    assert report.centres[0].coord_precision == "address"
    assert all(o.cached for o in report.outcomes if o.outcome is not Outcome.NO_STREET)
    assert report.outcomes[1].outcome is Outcome.NOT_FOUND  # "not found" is cached too


def test_result_outside_nrw_is_rejected(centres: tuple, cache_path: Path) -> None:
    fake = ScriptedGeocode({"Nassauerallee 15-23": None, "Theodor-Heuss-Platz 16": HAMM_BAVARIA})
    report = geocode_centres(centres, geocode=fake, cache=GeocodeCache.load(cache_path))
    assert report.centres == centres
    assert [o.outcome for o in report.outcomes[:2]] == [Outcome.NOT_FOUND, Outcome.OUTSIDE_NRW]
    assert "48.20000" in report.outcomes[1].detail
    assert report.ok


def test_already_address_rows_are_skipped(centres: tuple, cache_path: Path) -> None:
    import dataclasses

    done = dataclasses.replace(centres[0], coord_precision="address", coord_source="nominatim")
    fake = ScriptedGeocode({"Theodor-Heuss-Platz 16": HAMM})
    report = geocode_centres((done, centres[1]), geocode=fake, cache=GeocodeCache.load(cache_path))
    assert report.outcomes[0].outcome is Outcome.ALREADY_ADDRESS
    assert [c["street"] for c in fake.calls] == ["Theodor-Heuss-Platz 16"]


@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        (GeocoderTimedOut("Service timed out"), "timed out"),
        (GeocoderRateLimited("Too Many Requests", retry_after=30), "HTTP 429, retry after 30 s"),
        (GeocoderUnavailable("Connection refused"), "Nominatim not reachable (offline?)"),
    ],
)
def test_service_failure_stops_and_keeps_what_was_learned(
    centres: tuple, cache_path: Path, failure: Exception, reason: str
) -> None:
    fake = ScriptedGeocode({"Nassauerallee 15-23": KLEVE, "Theodor-Heuss-Platz 16": failure})
    seen: list[tuple[int, int, str]] = []
    report = geocode_centres(
        centres,
        geocode=fake,
        cache=GeocodeCache.load(cache_path),
        progress=lambda *args: seen.append(args),
    )
    assert report.centres[0].coord_precision == "address"  # learned before the failure
    assert report.centres[1] == centres[1]
    assert report.outcomes[1].outcome is Outcome.NOT_ASKED
    assert reason in report.stopped
    assert "existing coordinates kept; 2 of 3 centres still at town precision" in report.stopped
    assert len(GeocodeCache.load(cache_path)) == 1  # the failure is not cached as "not found"
    assert seen == [(0, 2, ""), (1, 2, "kreis-kleve"), (2, 2, "stadt-hamm")]


def test_first_failure_stops_all_further_queries(centres: tuple, cache_path: Path) -> None:
    fake = ScriptedGeocode(
        {"Nassauerallee 15-23": GeocoderTimedOut("slow"), "Theodor-Heuss-Platz 16": HAMM}
    )
    report = geocode_centres(centres, geocode=fake, cache=GeocodeCache.load(cache_path))
    assert [c["street"] for c in fake.calls] == ["Nassauerallee 15-23"]
    assert [o.outcome for o in report.outcomes[:2]] == [Outcome.NOT_ASKED, Outcome.NOT_ASKED]
    assert report.centres == centres


def test_after_failure_the_cache_still_serves(centres: tuple, cache_path: Path) -> None:
    cache = GeocodeCache.load(cache_path)
    hamm_query = structured_query(centres[1])
    cache.add(CacheEntry(query_key(hamm_query), HAMM.latitude, HAMM.longitude, "Hamm", NOW))
    fake = ScriptedGeocode({"Nassauerallee 15-23": GeocoderUnavailable("offline")})
    report = geocode_centres(centres, geocode=fake, cache=cache)
    assert len(fake.calls) == 1
    assert report.centres[1].coord_precision == "address"
    assert report.stopped is not None


def test_only_restricts_to_one_centre(centres: tuple, cache_path: Path) -> None:
    fake = ScriptedGeocode({"Theodor-Heuss-Platz 16": HAMM})
    report = geocode_centres(
        centres, geocode=fake, cache=GeocodeCache.load(cache_path), only="stadt-hamm"
    )
    assert [o.centre_id for o in report.outcomes] == ["stadt-hamm"]
    assert len(report.centres) == 3
    assert report.centres[0] == centres[0]


def test_only_unknown_id_is_a_clear_error(centres: tuple, cache_path: Path) -> None:
    with pytest.raises(KiAtlasError, match=r"no centre with id 'stadt-ham'.*'stadt-hamm'"):
        geocode_centres(
            centres, geocode=no_network, cache=GeocodeCache.load(cache_path), only="stadt-ham"
        )


# --- run_cli ----------------------------------------------------------------------------------


@pytest.fixture
def streams() -> tuple[io.StringIO, io.StringIO]:
    return io.StringIO(), io.StringIO()


def test_cli_writes_upgraded_centres(centres_path: Path, cache_path: Path, streams) -> None:
    out, err = streams
    fake = ScriptedGeocode({"Nassauerallee 15-23": KLEVE, "Theodor-Heuss-Platz 16": None})
    code = run_cli(
        centres_path=centres_path, cache_path=cache_path, only=None, geocode=fake, out=out, err=err
    )
    assert code == 0, err.getvalue()
    kleve, hamm, _ = load_centres(centres_path)
    assert kleve.coord_precision == "address"
    assert hamm.coord_precision == "town"
    assert "stadt-hamm: not found" in out.getvalue()
    assert "2 of 3 centres still at town precision" in out.getvalue()


def test_cli_offline_exits_1_and_leaves_centres_file_unchanged(
    centres_path: Path, cache_path: Path, streams
) -> None:
    out, err = streams
    before = centres_path.read_bytes()
    offline = ScriptedGeocode(
        {s: GeocoderUnavailable("[Errno 111] Connection refused") for s in (r[5] for r in ROWS)}
    )
    code = run_cli(
        centres_path=centres_path,
        cache_path=cache_path,
        only=None,
        geocode=offline,
        out=out,
        err=err,
    )
    assert code == 1
    assert centres_path.read_bytes() == before
    assert not cache_path.exists()
    assert "Nominatim not reachable (offline?) — existing coordinates kept; 3 of 3" in (
        err.getvalue()
    )
    assert "Traceback" not in err.getvalue() + out.getvalue()


def test_cli_only_unknown_id(centres_path: Path, cache_path: Path, streams) -> None:
    out, err = streams
    before = centres_path.read_bytes()
    code = run_cli(
        centres_path=centres_path,
        cache_path=cache_path,
        only="nowhere",
        geocode=no_network,
        out=out,
        err=err,
    )
    assert code == 1
    assert "no centre with id 'nowhere'" in err.getvalue()
    assert centres_path.read_bytes() == before


def test_cli_invalid_cache_file_is_a_message(centres_path: Path, cache_path: Path, streams) -> None:
    out, err = streams
    cache_path.write_text("query;lat;lon;display_name;fetched_at\n")
    code = run_cli(
        centres_path=centres_path,
        cache_path=cache_path,
        only=None,
        geocode=no_network,
        out=out,
        err=err,
    )
    assert code == 1
    assert "geocode_cache.csv, line 1: columns are separated by ';'" in err.getvalue()


def test_cli_missing_centres_file_is_a_message(tmp_path: Path, cache_path: Path, streams) -> None:
    out, err = streams
    code = run_cli(
        centres_path=tmp_path / "missing.csv",
        cache_path=cache_path,
        only=None,
        geocode=no_network,
        out=out,
        err=err,
    )
    assert code == 1
    assert "missing.csv: cannot read" in err.getvalue()


class TerminalStream(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_cli_shows_a_progress_bar_on_a_terminal(centres_path: Path, cache_path: Path) -> None:
    out, err = io.StringIO(), TerminalStream()
    fake = ScriptedGeocode({"Nassauerallee 15-23": KLEVE, "Theodor-Heuss-Platz 16": HAMM})
    code = run_cli(
        centres_path=centres_path, cache_path=cache_path, only=None, geocode=fake, out=out, err=err
    )
    assert code == 0
    assert "2/2" in err.getvalue()
    assert "1 of 3 centres still at town precision" in out.getvalue()
