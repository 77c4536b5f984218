"""One user cannot take the server down: hostile uploads are answered quickly and cheaply.

Every case builds its file at test time (`tests/hostile_corpus.py`), expects a message naming
the file and the limit or the value, and must be answered within a time and memory budget.
"""

from __future__ import annotations

import math
import time
import tracemalloc
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from geo.errors import DataFileError
from geo.ingest.centre_geocoding import Outcome, geocode_centres
from geo.ingest.columns import guess_mapping
from geo.ingest.geocode_cache import GeocodeCache
from geo.ingest.nominatim import structured_query
from geo.ingest.sites import UploadResult, build_sites
from geo.ingest.upload_geocoding import geocode_missing
from geo.ingest.upload_limits import UploadLimits
from geo.ingest.upload_reader import read_table
from geo.sources.boundaries import Boundaries, load_boundaries
from geo.sources.fuzzydate import Precision
from tests import hostile_corpus as corpus
from tests.factories import make_centre

SECONDS = 5.0
TRACED_BYTES = 200_000_000
HEADER = "Name;Adresse;Breitengrad;Längengrad;Start;Nr"
KOELN = "50,94;6,96"
# In the NRW box but in no NRW Kreis: the sites a bounding box let through.
NEIGHBOURS = {
    "Osnabrück": (52.28, 8.05),
    "Venlo": (51.37, 6.17),
    "Koblenz": (50.36, 7.59),
    "Kassel": (51.31, 9.49),
    "Eupen": (50.63, 6.03),
}


@contextmanager
def within_budget() -> Iterator[None]:
    """Fail unless the block ends within `SECONDS` and allocates at most `TRACED_BYTES`."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        yield
    finally:
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert elapsed < SECONDS, f"took {elapsed:.2f} s"
    assert peak < TRACED_BYTES, f"peak {peak / 1e6:.0f} MB traced"


@pytest.fixture(scope="module")
def boundaries(bkg_kreise_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Boundaries:
    return load_boundaries(
        env={"KI_BOUNDARIES_PATH": str(bkg_kreise_path)},
        cache_dir=tmp_path_factory.mktemp("cache"),
        outline_path=Path("/nonexistent/outline.json"),
    )


def refused(path: Path, **limits: int) -> str:
    """The message `read_table` refuses `path` with, answered within the budget."""
    data = path.read_bytes()
    with within_budget(), pytest.raises(DataFileError) as info:
        read_table(data, path.name, limits=UploadLimits(**limits))
    message = str(info.value)
    assert path.name in message
    return message


def sites(text: str, name: str = "sites.csv", **kwargs: Any) -> UploadResult:
    """`text` read and built within the budget (Kreis polygons only when given)."""
    kwargs.setdefault("boundaries", None)
    with within_budget():
        table = read_table(text.encode(), name)
        return build_sites(table, guess_mapping(table.columns), filename=name, **kwargs)


def only_problem(result: UploadResult) -> str:
    assert len(result.problems) == 1, result.problems
    return str(result.problems[0])


# --------------------------------------------------------------------------- xlsx bombs

Builder = Callable[[Path], Path]
XLSX_BOMBS: list[Any] = [
    pytest.param(
        corpus.styles_bomb,
        ["xl/styles.xml", "more than 2,000,000 bytes", "77,500,487 bytes"],
        id="styles-bomb-230kb",
    ),
    pytest.param(
        lambda d: corpus.xfd_columns(d, rows=4_300),
        ["declares its size as A1:XFD4301", "25,000 rows and 200 columns"],
        id="xfd-column-per-row-64kb",
    ),
    pytest.param(
        lambda d: corpus.xfd_columns(d, rows=21_000),
        ["declares its size as A1:XFD21001"],
        id="xfd-column-per-row-297kb",
    ),
    pytest.param(
        lambda d: corpus.xfd_columns(d, rows=4_300, dimension=None),
        ["line 2", "'XFD2'", "beyond the limit of 200 columns"],
        id="xfd-column-no-dimension",
    ),
    pytest.param(
        lambda d: corpus.xfd_columns(d, rows=4_300, dimension="A1:B2"),
        ["line 2", "'XFD2'", "beyond the limit of 200 columns"],
        id="xfd-column-dimension-lies",
    ),
    pytest.param(
        corpus.shared_strings_bomb,
        ["xl/sharedStrings.xml", "more than 30,000,000 bytes"],
        id="shared-strings-7-million",
    ),
    pytest.param(
        lambda d: corpus.shared_strings_bomb(d, strings=2_000_000),
        ["xl/sharedStrings.xml", "times its size", "limit of 100 times"],
        id="shared-strings-compression-ratio",
    ),
    pytest.param(
        corpus.huge_dimension,
        ["'A1:XFD1048576'", "declares its size as A1:XFD1048576"],
        id="declared-a1-xfd1048576",
    ),
    pytest.param(
        lambda d: corpus.huge_dimension(d, "A1:D1048576"),
        ["declares its size as A1:D1048576", "limit of 25,000 rows"],
        id="declared-a-million-rows",
    ),
    pytest.param(
        corpus.far_row,
        ["line 1048576", "limit of 25,000 rows (blank ones included)"],
        id="row-1048576-without-dimension",
    ),
    pytest.param(
        corpus.padded_sheet,
        ["xl/worksheets/sheet1.xml", "times its size", "limit of 100 times"],
        id="sheet-compression-ratio",
    ),
    pytest.param(
        corpus.wide_row,
        ["line 2", "'C2'", "beyond the limit of 200 columns"],
        id="row-with-300000-cells",
    ),
    pytest.param(
        corpus.long_names_xlsx,
        ["xl/worksheets/sheet1.xml", "24,500,", "limit of 100 times"],
        id="five-names-of-4.9-million-characters",
    ),
    pytest.param(
        lambda d: corpus.long_names_xlsx(d, count=1, random_text=True),
        ["line 2, column 'Name'", "4,900,000 characters", "limit of 10,000"],
        id="random-name-of-4.9-million-characters",
    ),
]


@pytest.mark.parametrize(("build", "words"), XLSX_BOMBS)
def test_xlsx_bomb_is_refused_before_it_costs(
    tmp_path: Path, build: Builder, words: list[str]
) -> None:
    message = refused(build(tmp_path))
    for word in words:
        assert word in message


def test_xlsx_unpacking_to_more_than_the_total_limit(tmp_path: Path) -> None:
    path = corpus.xfd_columns(tmp_path, rows=3_000, dimension=None)
    assert "unpacks to more than 100,000 bytes" in refused(path, max_unpacked_bytes=100_000)


def test_xlsx_with_more_cells_than_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "cells.xlsx"
    path.write_bytes(corpus.xlsx([["Name", "Start"], *[[f"S{n}", 2013] for n in range(600)]]))
    message = refused(path, max_sheet_cells=1_000)
    assert "line 501" in message
    assert "more than the limit of 1,000 cells" in message


def test_xlsx_long_cell_names_line_column_start_and_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.xlsx"
    path.write_bytes(corpus.xlsx([["Name", "Start"], ["Kurz", 2013], ["Zentrum" * 3_000, 2014]]))
    message = refused(path)
    assert "line 3, column 'Name'" in message
    assert "21,000 characters, more than the limit of 10,000" in message
    assert repr("ZentrumZentrumZentrumZentrumZentrumZentr…") in message


def test_xlsx_at_the_limits_is_read(tmp_path: Path) -> None:
    """Empty rows and a column just inside the limit cost nothing and are read."""
    rows: list[list[Any]] = [["Name", "Start", *[f"c{i}" for i in range(3, 200)], "Letzte"]]
    rows += [[f"S{n}", 2013] for n in range(50)] + [[None]] * 100
    rows.append(["Z", 2014, *[None] * 197, "x"])
    path = tmp_path / "ok.xlsx"
    path.write_bytes(corpus.xlsx(rows))
    with within_budget():
        table = read_table(path.read_bytes(), path.name)
    assert len(table.columns) == 200
    assert len(table.rows) == 51
    assert table.rows[-1][-1] == "x"
    assert table.lines[-1] == 152


# --------------------------------------------------------------------------- long cells


@pytest.mark.parametrize(
    ("length", "words"),
    [
        pytest.param(20_000, ["line 3, column 'Name'", "20,000 characters"], id="20000"),
        pytest.param(200_000, ["line 3", "more than the limit of 10,000 characters"], id="200000"),
    ],
)
def test_csv_cell_longer_than_the_read_limit(tmp_path: Path, length: int, words: list[str]) -> None:
    path = tmp_path / "long.csv"
    path.write_text(f"Name;Start\nA;2013\n{'x' * length};2014\n", encoding="utf-8")
    message = refused(path)
    for word in [*words, "10,000"]:
        assert word in message


@pytest.mark.parametrize("field", ["Name", "Adresse"])
def test_name_or_address_longer_than_the_text_limit(field: str) -> None:
    cells = {"Name": "A", "Adresse": "Markt 1, 50667 Köln"}
    cells[field] = "Ü" * 2_500
    row = f"{cells['Name']};{cells['Adresse']};{KOELN};2013;1"
    message = only_problem(sites(f"{HEADER}\n{row}\n", "text.csv"))
    assert f"text.csv, line 2, column '{field}'" in message
    assert "2,500 characters, more than the limit of 2,000" in message
    assert repr("Ü" * 40 + "…") in message


def test_sources_may_be_longer_than_a_name() -> None:
    links = " ".join(f"https://example.org/{n:04d}" for n in range(120))  # 3,000 characters
    result = sites(f"Name;Start;Lat;Lon;Quelle\nA;2013;{KOELN};{links}\n")
    assert result.problems == ()
    assert len(result.centres[0].sources) == 120


# --------------------------------------------------------------------------- as a person means it


@pytest.mark.parametrize(
    "second",
    [
        pytest.param("Du\u0308ren", id="decomposed-umlaut"),
        pytest.param("Dü\u200bren", id="zero-width-space"),
        pytest.param("\ufeffDüren\u2060", id="bom-and-word-joiner"),
        pytest.param("Ｄüｒｅｎ", id="fullwidth-letters"),
    ],
)
def test_look_alike_names_are_duplicates(second: str) -> None:
    text = f"{HEADER}\nDüren;;{KOELN};2013;1\n{second};;{KOELN};2014;2\n"
    result = sites(text, "dup.csv")
    message = only_problem(result)
    assert "dup.csv, line 3, column 'Name'" in message
    assert "duplicate of line 2" in message
    assert repr(second) in message


def test_look_alike_addresses_and_ids_are_duplicates() -> None:
    text = (
        f"{HEADER}\nDüren;Markt 1, 52349 Düren;;;2013;7\n"
        "Du\u0308ren;Markt 1, 52349 Du\u0308ren;;;2014;\u200b7\n"
    )
    result = sites(text, "dup.csv")
    messages = [p.message for p in result.problems]
    assert messages == ["duplicate of line 2", "duplicate of line 2 (same name and place)"]


@pytest.mark.parametrize(
    ("start", "digit"),
    [
        pytest.param("٢٠١٦", "'٢'", id="arabic-indic-year"),
        pytest.param("١٥.٠٣.٢٠١٦", "'١'", id="arabic-indic-day"),
        pytest.param("２０１６-０１-０１", "'２'", id="fullwidth-iso"),
        pytest.param("2016-0１", "'１'", id="one-fullwidth-digit"),
        pytest.param("۲۰۱۶", "'۲'", id="persian-year"),
    ],
)
def test_non_ascii_digits_in_dates_are_named(start: str, digit: str) -> None:
    message = only_problem(sites(f"{HEADER}\nA;;{KOELN};{start};\n", "d.csv"))
    assert "d.csv, line 2, column 'Start'" in message
    assert f"contains the digit {digit}" in message
    assert "write the digits 0-9" in message


@pytest.mark.parametrize(
    ("lat_lon", "column"),
    [
        pytest.param("٥٠,٩٤;6,96", "Breitengrad", id="arabic-indic-lat"),
        pytest.param("50,94;６,９６", "Längengrad", id="fullwidth-lon"),
    ],
)
def test_non_ascii_digits_in_coordinates_are_named(lat_lon: str, column: str) -> None:
    message = only_problem(sites(f"{HEADER}\nA;;{lat_lon};2013;\n", "c.csv"))
    assert f"c.csv, line 2, column '{column}'" in message
    assert "write the digits 0-9" in message


@pytest.mark.parametrize(
    ("start", "words"),
    [
        pytest.param("2015-01-01T99:99", "impossible time of day ('99:99')", id="hour-99"),
        pytest.param("2015-01-01 24:00", "impossible time of day ('24:00')", id="hour-24"),
        pytest.param("2015-01-01T10:30:61", "impossible time of day", id="second-61"),
        pytest.param("2015-01-01Tfoo", "is not a date", id="garbage"),
        pytest.param("2015-01-01T10:30 Uhr", "is not a date", id="trailing-word"),
    ],
)
def test_date_with_trailing_garbage_is_an_error(start: str, words: str) -> None:
    message = only_problem(sites(f"{HEADER}\nA;;{KOELN};{start};\n", "t.csv"))
    assert "t.csv, line 2, column 'Start'" in message
    assert words in message


@pytest.mark.parametrize("start", ["2015-01-01T10:30", "2015-01-01 10:30:00", "2015-1-1T9:05"])
def test_date_with_a_valid_time_is_the_day(start: str) -> None:
    (centre,) = sites(f"{HEADER}\nA;;{KOELN};{start};\n").centres
    assert (centre.start.text, centre.start.precision) == ("2015-01-01", Precision.DAY)


# --------------------------------------------------------------------------- outside NRW


@pytest.mark.parametrize(("town", "position"), NEIGHBOURS.items(), ids=NEIGHBOURS)
def test_site_in_a_neighbouring_town_is_outside_nrw(
    boundaries: Boundaries, town: str, position: tuple[float, float]
) -> None:
    lat, lon = (f"{v:.2f}".replace(".", ",") for v in position)
    text = f"{HEADER}\nTreff Köln;;{KOELN};2013;1\nTreff {town};;{lat};{lon};2013;2\n"
    result = sites(text, "nachbarn.csv", boundaries=boundaries)
    message = only_problem(result)
    assert "nachbarn.csv, line 3, column 'Breitengrad'" in message
    assert "outside NRW" in message
    assert repr(f"lat {lat}, lon {lon}") in message
    assert [c.name for c in result.centres] == ["Treff Köln"]
    assert result.row_ids == {"upload-2": "1"}


def test_without_kreis_polygons_the_nrw_box_decides() -> None:
    text = f"{HEADER}\nVenlo;;51,37;6,17;2013;\nMünchen;;48,14;11,58;2013;\n"
    result = sites(text, "box.csv")
    assert [c.name for c in result.centres] == ["Venlo"]
    assert "outside NRW" in only_problem(result)


def test_a_row_outside_nrw_does_not_stretch_the_date_span(boundaries: Boundaries) -> None:
    text = f"{HEADER}\nA;;{KOELN};2013;\nKassel;;51,31;9,49;1901;\n"
    result = sites(text, boundaries=boundaries)
    assert [c.name for c in result.centres] == ["A"]


# --------------------------------------------------------------------------- geocoder answers


@dataclass(frozen=True)
class Answer:
    latitude: Any
    longitude: Any


class FakeGeocoder:
    """Answers per city from a table, as geopy's geocode does."""

    def __init__(self, answers: Mapping[str, Any]) -> None:
        self.answers = answers

    def __call__(self, query: Mapping[str, str]) -> Any:
        return self.answers[query.get("city", "")]


def waiting(*towns: str) -> tuple[Any, ...]:
    rows = "".join(f"Site {town};Markt 1, {town};;;2013;\n" for town in towns)
    result = sites(f"{HEADER}\n{rows}")
    assert result.problems == ()
    return result.missing_coordinates


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(Answer(math.nan, 7.0), id="nan-lat"),
        pytest.param(Answer(51.0, math.inf), id="inf-lon"),
        pytest.param(Answer("nan", "nan"), id="nan-text"),
        pytest.param(Answer("-inf", "7.0"), id="minus-inf-text"),
        pytest.param(Answer("51,0", "7,0"), id="not-a-number"),
    ],
)
def test_non_finite_geocoder_answer_is_not_found(answer: Answer, boundaries: Boundaries) -> None:
    with within_budget():
        outcome = geocode_missing(
            waiting("Köln"), FakeGeocoder({"Köln": answer}), boundaries=boundaries
        )
    assert [c.town for c in outcome.not_found] == ["Köln"]
    assert outcome.located == ()


def test_geocoded_neighbours_are_outside_nrw(boundaries: Boundaries) -> None:
    answers = {town: Answer(*position) for town, position in NEIGHBOURS.items()}
    answers["Köln"] = Answer(50.94, 6.96)
    with within_budget():
        outcome = geocode_missing(waiting(*answers), FakeGeocoder(answers), boundaries=boundaries)
    assert [c.town for c in outcome.outside_nrw] == list(NEIGHBOURS)
    assert [(c.town, c.ars, c.coord_source) for c in outcome.located] == [
        ("Köln", "05315", "nominatim")
    ]


def test_file_coordinates_are_credited_to_the_file() -> None:
    result = sites(f"{HEADER}\nA;Markt 1, 50667 Köln;{KOELN};2013;\n")
    (centre,) = result.centres
    assert (centre.coord_source, centre.coord_precision) == ("upload", "address")


@pytest.mark.parametrize("value", [math.nan, math.inf, "nan"])
def test_cli_geocoder_answer_that_is_not_finite_is_cached_as_not_found(
    tmp_path: Path, value: Any
) -> None:
    centre = make_centre(street="Markt 1", postcode="47533")
    cache_path = tmp_path / "cache.csv"
    cache = GeocodeCache.load(cache_path)
    report = geocode_centres(
        [centre],
        geocode=lambda query: Answer(value, value),
        cache=cache,
        now=lambda: datetime(2024, 5, 1, tzinfo=UTC),
    )
    assert [o.outcome for o in report.outcomes] == [Outcome.NOT_FOUND]
    assert report.centres == (centre,)
    entry = GeocodeCache.load(cache_path).get(structured_query(centre))
    assert entry is not None
    assert (entry.lat, entry.lon) == (None, None)


def test_one_shared_string_repeated_in_every_row_is_refused_by_the_total_text_limit(
    tmp_path: Path,
) -> None:
    long_name = "Integrationszentrum " * 60  # 1,200 characters: under the per-cell limits
    rows = [["Name", "Start", "Lat", "Lon"]]
    rows += [[long_name, "2013", 50.94, 6.96] for _ in range(9_000)]
    path = tmp_path / "repeated.xlsx"
    path.write_bytes(corpus.xlsx(rows))
    assert path.stat().st_size < 500_000
    message = refused(path)
    assert "more than the limit of 10,000,000 characters in all" in message
