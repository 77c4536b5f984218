"""Tests for uploads in geo.ingest: reading, column mapping, cell values, sites, geocoding."""

from __future__ import annotations

import codecs
import io
import math
import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from geopy.exc import GeocoderRateLimited, GeocoderTimedOut, GeocoderUnavailable

from geo.errors import DataFileError, DataProblem
from geo.i18n import in_language
from geo.ingest.cellvalues import parse_upload_date
from geo.ingest.columns import FIELD_LABEL_KEYS, FIELDS, guess_mapping
from geo.ingest.rawtable import RawTable
from geo.ingest.sample_upload import sample_csv
from geo.ingest.sites import UploadResult, build_sites
from geo.ingest.upload_geocoding import geocode_missing
from geo.ingest.upload_limits import UploadLimits
from geo.ingest.upload_reader import read_table
from geo.ingest.upload_timeline import upload_timeline
from geo.model.timeline import CentreState
from geo.sources.boundaries import Boundaries, load_boundaries
from geo.sources.fuzzydate import Precision
from geo.sources.kreis_lookup import point_in_kreis

HEADER = "Name;Adresse;Breitengrad;Längengrad;Start;Quelle"
KOELN = "51,43;6,95"  # inside NRW (lat; lon) with decimal commas


@pytest.fixture(scope="module")
def boundaries(bkg_kreise_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Boundaries:
    return load_boundaries(
        env={"KI_BOUNDARIES_PATH": str(bkg_kreise_path)},
        cache_dir=tmp_path_factory.mktemp("cache"),
        outline_path=Path("/nonexistent/outline.json"),
    )


def raw(text: str, name: str = "sites.csv", *, encoding: str = "utf-8", **limits: int) -> RawTable:
    return read_table(text.encode(encoding), name, limits=UploadLimits(**limits))


def sites(
    text: str, name: str = "sites.csv", *, boundaries: Boundaries | None = None
) -> UploadResult:
    table = raw(text, name)
    return build_sites(table, guess_mapping(table.columns), boundaries=boundaries, filename=name)


def read_error(data: bytes, name: str, **limits: int) -> DataFileError:
    with pytest.raises(DataFileError) as info:
        read_table(data, name, limits=UploadLimits(**limits))
    assert name in str(info.value)
    return info.value


def only_problem(result: UploadResult) -> DataProblem:
    assert len(result.problems) == 1, result.problems
    return result.problems[0]


def assert_place(
    problem: DataProblem, *, file: str, line: int | None, column: str | None, value: str | None
) -> None:
    assert (problem.file, problem.line, problem.column, problem.value) == (
        file,
        line,
        column,
        value,
    )
    shown = str(problem)
    assert file in shown
    if line is not None:
        assert f"line {line}" in shown
    if column is not None:
        assert f"'{column}'" in shown
    if value is not None:
        assert repr(value) in shown


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- read_table: CSV


@pytest.mark.parametrize(
    ("separator", "text"),
    [
        pytest.param(";", "Name;Start;Lat;Lon\nA;2013;51,4;6,9\n", id="semicolon-decimal-comma"),
        pytest.param(",", 'Name,Start,Lat,Lon\nA,2013,"51,4","6,9"\n', id="comma-quoted"),
        pytest.param("\t", "Name\tStart\tLat\tLon\nA\t2013\t51,4\t6,9\n", id="tab"),
    ],
)
def test_separator_is_detected(separator: str, text: str) -> None:
    table = raw(text)
    assert table.separator == separator
    assert table.columns == ("Name", "Start", "Lat", "Lon")
    assert table.rows == (("A", "2013", "51,4", "6,9"),)
    assert table.kind == "csv"


def test_semicolon_with_many_decimal_commas_is_not_mistaken_for_comma() -> None:
    rows = "".join(f"Ort {i};{i}.01.2013;51,{i};6,{i}\n" for i in range(1, 9))
    table = raw("Name;Start;Lat;Lon\n" + rows)
    assert table.separator == ";"
    assert len(table.columns) == 4


def test_utf8_bom_is_read_and_reported() -> None:
    table = raw("Name;Start\nKöln-Kalk;2013\n", encoding="utf-8-sig")
    assert table.encoding == "utf-8-sig"
    assert table.columns[0] == "Name"  # no BOM left in the first header
    assert table.rows[0][0] == "Köln-Kalk"


def test_utf8_bom_with_windows_1252_bytes_is_refused_not_guessed() -> None:
    data = codecs.BOM_UTF8 + "Name;Start\nKöln;2013\n".encode("cp1252")
    error = read_error(data, "bom.csv")
    assert_place(error.problems[0], file="bom.csv", line=2, column=None, value="byte 0xf6")
    assert "not UTF-8" in str(error)


def test_plain_utf8_is_reported() -> None:
    assert raw("Name;Start\nMünster;2013\n").encoding == "utf-8"


def test_windows_1252_with_umlauts_and_euro_sign() -> None:
    table = raw("Name;Start;Notiz\nDüsseldorf Straße;2013;5 €\n", encoding="cp1252")
    assert table.encoding == "cp1252"
    assert table.rows[0] == ("Düsseldorf Straße", "2013", "5 €")


def test_latin1_text_reads_correctly() -> None:
    table = raw("Name;Start\nGrüße aus Köln;2013\n", encoding="latin-1")
    assert table.rows[0][0] == "Grüße aus Köln"
    assert table.encoding in ("cp1252", "latin-1")


def test_bytes_windows_1252_leaves_undefined_fall_back_to_latin1() -> None:
    data = "Name;Start\nKöln;2013\n".encode("latin-1").replace(b"K", b"K\x81", 1)
    table = read_table(data, "x.csv")
    assert table.encoding == "latin-1"
    assert table.rows[0][0] == "K\x81öln"


def test_utf16_with_bom_is_read() -> None:
    table = raw("Name\tStart\nBochum\t2014\n", encoding="utf-16")
    assert table.encoding == "utf-16"
    assert table.rows == (("Bochum", "2014"),)


def test_nul_bytes_are_binary_data() -> None:
    error = read_error(b"Name;Start\nA\x00B;2013\n", "nul.csv")
    assert_place(error.problems[0], file="nul.csv", line=2, column=None, value="byte 0x00")
    assert "binary" in str(error)


def test_png_renamed_csv_is_refused() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"
    assert "binary" in str(read_error(png, "photo.csv"))


def test_xlsx_renamed_csv_says_what_it_is() -> None:
    error = read_error(xlsx_bytes([["Name", "Start"], ["A", 2013]]), "table.csv")
    assert ".xlsx" in str(error)


def test_binary_garbage_without_nul_is_refused() -> None:
    rng = random.Random(4)
    garbage = bytes(rng.choice([b for b in range(1, 256) if b != 0]) for _ in range(2000))
    assert "binary" in str(read_error(garbage, "garbage.csv"))


@pytest.mark.parametrize("data", [b"", b"  \r\n\n\t "], ids=["zero-bytes", "whitespace-only"])
def test_empty_file(data: bytes) -> None:
    assert "empty" in str(read_error(data, "empty.csv"))


def test_header_only() -> None:
    error = read_error(b"Name;Start;Lat;Lon\n", "header.csv")
    assert "header but no rows" in str(error)


def test_header_with_only_blank_lines_after_it() -> None:
    assert "no rows" in str(read_error(b"Name;Start\n\n;\n", "blank.csv"))


def test_ragged_rows_name_every_line() -> None:
    text = "Name;Start;Lat;Lon\nA;2013;51;7\nB;2013\nC;2013;51;7;extra\nD;2013;51;7\n"
    error = read_error(text.encode(), "ragged.csv")
    lines = [(p.line, p.value) for p in error.problems]
    assert lines == [(3, None), (4, "extra")]
    assert "has 2 cells, the header has 4" in error.problems[0].message
    assert "line 3" in str(error)


def test_trailing_empty_cells_from_excel_export_are_ignored() -> None:
    table = raw("Name;Start;;\nA;2013;;\n")
    assert table.columns == ("Name", "Start")
    assert table.rows == (("A", "2013"),)


def test_duplicate_header_names() -> None:
    error = read_error(b"Name;Start;name\nA;2013;B\n", "dup.csv")
    assert_place(error.problems[0], file="dup.csv", line=1, column="name", value="name")
    assert "duplicate column name" in str(error)


def test_empty_header_name_in_the_middle() -> None:
    error = read_error(b"Name;;Start\nA;x;2013\n", "hole.csv")
    assert "column 2 has no name" in str(error)


def test_blank_first_line_is_not_a_header() -> None:
    assert "column names" in str(read_error(b"\nName;Start\nA;2013\n", "late.csv"))


def test_unclosed_quote_is_invalid_csv_with_its_line() -> None:
    error = read_error(b'Name;Start\nA;2013\n"B;2014\n', "quote.csv")
    assert error.problems[0].line == 3
    assert "not valid CSV" in str(error)


def test_multi_line_quoted_cell_keeps_later_line_numbers_right() -> None:
    table = raw('Name;Start\n"Zentrum\nam Markt";2013\nB;2014\n\nC;2015\n')
    assert table.rows[0][0] == "Zentrum\nam Markt"
    assert table.lines == (2, 4, 6)


def test_too_many_bytes_names_limit_and_size() -> None:
    error = read_error(b"Name;Start\n" + b"A;2013\n" * 100, "big.csv", max_bytes=500)
    assert "500 bytes" in str(error)
    assert error.problems[0].value == "711 bytes"


def test_too_many_rows_stops_early_naming_the_limit() -> None:
    text = "Name;Start\n" + "A;2013\n" * 50
    error = read_error(text.encode(), "rows.csv", max_rows=10)
    problem = error.problems[0]
    assert problem.line == 12  # the 11th data row
    assert "limit of 10 data rows" in problem.message
    assert "about 52 lines" in str(problem.value)


def test_too_many_columns() -> None:
    header = ";".join(f"c{i}" for i in range(30))
    error = read_error(f"{header}\n{';' * 29}x\n".encode(), "wide.csv", max_columns=20)
    assert "limit of 20 columns" in str(error)


def test_20000_rows_are_read() -> None:
    lines = [f"Ort {i};{1 + i % 28}.{1 + i % 12}.2014;51,{i:05d};7,{i:05d}" for i in range(20_000)]
    data = ("Name;Start;Lat;Lon\n" + "\n".join(lines) + "\n").encode()
    table = read_table(data, "big.csv", limits=UploadLimits())
    assert len(table.rows) == 20_000
    assert table.lines[-1] == 20_001
    result = build_sites(table, guess_mapping(table.columns), boundaries=None, filename="big.csv")
    assert len(result.centres) == 20_000
    assert result.problems == ()


# --------------------------------------------------------------------------- read_table: formats


@pytest.mark.parametrize(
    ("name", "words"),
    [
        pytest.param("old.xls", ".xls is not supported", id="xls"),
        pytest.param("calc.ods", ".ods", id="ods"),
        pytest.param("macro.xlsm", ".xlsm", id="xlsm"),
        pytest.param("report.pdf", "'.pdf' files are not supported", id="pdf"),
        pytest.param("noextension", "without an extension", id="no-extension"),
    ],
)
def test_unsupported_formats_are_named(name: str, words: str) -> None:
    error = read_error(b"Name;Start\nA;2013\n", name)
    assert words in str(error)
    assert error.problems[0].value == name


def test_xlsx_with_datetime_float_and_int_cells() -> None:
    data = xlsx_bytes(
        [
            ["Name", "Start", "Lat", "Lon", "Nr"],
            ["Kleve", datetime(2018, 3, 1), 51.78826, 6.13865, 7],
            [None, None, None, None, None],
            ["Köln", date(2013, 5, 1), 50.93838, 7.00513, 8],
            ["Bonn", "05/2014", 50.7, 7.1],  # trailing cell left out
        ]
    )
    table = read_table(data, "sites.xlsx")
    assert table.kind == "xlsx"
    assert table.columns == ("Name", "Start", "Lat", "Lon", "Nr")
    assert table.rows[0] == ("Kleve", "2018-03-01", "51.78826", "6.13865", "7")
    assert table.rows[2] == ("Bonn", "05/2014", "50.7", "7.1", "")
    assert table.lines == (2, 4, 5)
    result = build_sites(
        table, guess_mapping(table.columns), boundaries=None, filename="sites.xlsx"
    )
    assert result.problems == ()
    assert [c.start.text for c in result.centres] == ["2018-03-01", "2013-05-01", "2014-05"]
    assert result.centres[0].start.precision is Precision.DAY


def test_truncated_xlsx() -> None:
    data = xlsx_bytes([["Name", "Start"], ["A", 2013]])
    assert "damaged or truncated" in str(read_error(data[: len(data) // 2], "cut.xlsx"))


def test_csv_named_xlsx_is_not_a_zip() -> None:
    assert "not a zip" in str(read_error(b"Name;Start\nA;2013\n", "fake.xlsx"))


def test_zip_without_a_workbook() -> None:
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert "damaged" in str(read_error(buffer.getvalue(), "empty.xlsx"))


def test_xlsx_too_many_rows() -> None:
    data = xlsx_bytes([["Name", "Start"], *[[f"S{i}", 2013] for i in range(30)]])
    error = read_error(data, "rows.xlsx", max_rows=5)
    assert error.problems[0].line == 7
    assert "limit of 5 data rows" in str(error)


def test_xlsx_unpacking_to_too_much_is_refused() -> None:
    data = xlsx_bytes([["Name", "Start"], ["A", 2013]])
    assert "unpacks to more than" in str(read_error(data, "bomb.xlsx", max_unpacked_bytes=100))


def test_xlsx_header_only() -> None:
    assert "no rows" in str(read_error(xlsx_bytes([["Name", "Start"]]), "head.xlsx"))


def test_xlsx_formula_cell_without_cached_value_is_empty() -> None:
    table = read_table(xlsx_bytes([["Name", "Start"], ["=1+2", 2013]]), "f.xlsx")
    assert table.rows == (("", "2013"),)


# --------------------------------------------------------------------------- guess_mapping


def test_german_headers_are_recognised() -> None:
    columns = ("Bezeichnung", "Anschrift", "Breitengrad", "Längengrad", "Eröffnung",
               "Bewilligung", "Genauigkeit", "Quelle", "Nr")  # fmt: skip
    assert guess_mapping(columns) == {
        "name": "Bezeichnung",
        "address": "Anschrift",
        "postcode": None,
        "town": None,
        "lat": "Breitengrad",
        "lon": "Längengrad",
        "start": "Eröffnung",
        "approval": "Bewilligung",
        "precision": "Genauigkeit",
        "source": "Quelle",
        "id": "Nr",
    }


def test_english_headers_are_recognised() -> None:
    mapping = guess_mapping(("name", "address", "lat", "lng", "start", "approval", "URL", "id"))
    assert mapping["lon"] == "lng"
    assert mapping["source"] == "URL"
    assert mapping["approval"] == "approval"
    assert mapping["id"] == "id"


def test_mapping_ignores_case_umlauts_and_punctuation() -> None:
    mapping = guess_mapping(("STANDORT", "laengengrad", "Breite", "Start (Datum)", "X-Wert"))
    assert mapping["name"] == "STANDORT"
    assert mapping["lon"] == "laengengrad"
    assert mapping["lat"] == "Breite"
    assert mapping["start"] == "Start (Datum)"


def test_street_and_town_columns() -> None:
    mapping = guess_mapping(("Name", "Straße", "PLZ", "Ort", "Startdatum", "x", "y"))
    assert (mapping["address"], mapping["postcode"], mapping["town"]) == ("Straße", "PLZ", "Ort")
    assert (mapping["lat"], mapping["lon"]) == ("y", "x")


def test_unknown_columns_map_to_nothing_and_each_column_once() -> None:
    mapping = guess_mapping(("Name", "Kommentar", "Name des Trägers", "Start"))
    assert mapping["name"] == "Name"
    assert "Kommentar" not in mapping.values()
    assert list(mapping.values()).count("Name") == 1
    assert set(mapping) == set(FIELDS)


def test_every_field_has_a_label_key() -> None:
    assert set(FIELD_LABEL_KEYS) == set(FIELDS)


# --------------------------------------------------------------------------- build_sites: mapping


def test_missing_required_name_column() -> None:
    table = raw("Ort;Start;Lat;Lon\nKleve;2013;51,7;6,1\n")
    mapping = guess_mapping(table.columns)
    mapping["town"] = None
    with pytest.raises(DataFileError) as info:
        build_sites(table, mapping, boundaries=None, filename="noname.csv")
    assert "required column 'name' is missing" in str(info.value)
    assert "noname.csv" in str(info.value)


def test_missing_required_start_column() -> None:
    with pytest.raises(DataFileError, match="required column 'start' is missing"):
        sites("Name;Lat;Lon\nA;51,4;6,9\n")


def test_no_way_to_place_the_sites() -> None:
    with pytest.raises(DataFileError, match="cannot be placed"):
        sites("Name;Start;Notiz\nA;2013;x\n")


def test_lat_without_lon_column() -> None:
    with pytest.raises(DataFileError, match="'lon' is missing"):
        sites("Name;Start;Lat;Adresse\nA;2013;51,4;Markt 1, 50667 Köln\n")


def test_mapping_to_a_column_that_does_not_exist() -> None:
    table = raw("Name;Start;Lat;Lon\nA;2013;51,4;6,9\n")
    mapping = {**guess_mapping(table.columns), "source": "Links"}
    with pytest.raises(DataFileError) as info:
        build_sites(table, mapping, boundaries=None, filename="m.csv")
    assert_place(info.value.problems[0], file="m.csv", line=1, column="Links", value="Links")


def test_one_column_for_two_fields() -> None:
    table = raw("Name;Start;Lat;Lon\nA;2013;51,4;6,9\n")
    mapping = {**guess_mapping(table.columns), "approval": "Start"}
    with pytest.raises(DataFileError, match="both 'start' and 'approval'"):
        build_sites(table, mapping, boundaries=None, filename="m.csv")


def test_extra_columns_are_ignored() -> None:
    result = sites("Name;Start;Lat;Lon;Kommentar;Telefon\nA;2013;51,4;6,9;egal;0221 1\n")
    assert result.problems == ()
    assert result.centres[0].notes == ""


# --------------------------------------------------------------------------- build_sites: rows


def test_wrong_type_in_coordinate() -> None:
    result = sites(f"{HEADER}\nA;;abc;6,95;2013;\n", "types.csv")
    problem = only_problem(result)
    assert_place(problem, file="types.csv", line=2, column="Breitengrad", value="abc")
    assert "not a decimal number" in problem.message
    assert result.centres == ()


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        pytest.param("31.02.2015", "day 31 does not exist", id="31-february"),
        pytest.param("13/2015", "month 13 does not exist", id="month-13-slash"),
        pytest.param("00.2015", "month 0 does not exist", id="month-0-dot"),
        pytest.param("1850", "outside 1900..2100", id="year-1850"),
        pytest.param("15.06.2150", "outside 1900..2100", id="year-2150"),
        pytest.param("2015/03/01", "is not a date", id="slash-iso"),
        pytest.param("März 2015", "is not a date", id="words"),
        pytest.param("41275", "is not a date", id="excel-serial-number"),
    ],
)
def test_bad_dates_are_problems(cell: str, words: str) -> None:
    result = sites(f"{HEADER}\nA;;{KOELN};{cell};\n", "dates.csv")
    problem = only_problem(result)
    assert_place(problem, file="dates.csv", line=2, column="Start", value=cell)
    assert words in problem.message


@pytest.mark.parametrize(
    ("cell", "text", "precision"),
    [
        pytest.param("01.03.2013", "2013-03-01", Precision.DAY, id="dd.mm.yyyy"),
        pytest.param("1.3.2013", "2013-03-01", Precision.DAY, id="d.m.yyyy"),
        pytest.param("2013-03-01", "2013-03-01", Precision.DAY, id="yyyy-mm-dd"),
        pytest.param("2013-03-01T00:00:00", "2013-03-01", Precision.DAY, id="excel-iso-datetime"),
        pytest.param("2013-03-01 00:00:00", "2013-03-01", Precision.DAY, id="iso-datetime-space"),
        pytest.param("2013-03", "2013-03", Precision.MONTH, id="yyyy-mm"),
        pytest.param("03/2013", "2013-03", Precision.MONTH, id="mm/yyyy"),
        pytest.param("3.2013", "2013-03", Precision.MONTH, id="m.yyyy"),
        pytest.param("2013", "2013", Precision.YEAR, id="yyyy"),
    ],
)
def test_date_formats(cell: str, text: str, precision: Precision) -> None:
    parsed = parse_upload_date(cell)
    assert (parsed.text, parsed.precision) == (text, precision)
    centre = sites(f"{HEADER}\nA;;{KOELN};{cell};\n").centres[0]
    assert centre.start == parsed


@pytest.mark.parametrize(
    ("cell", "given", "text", "precision"),
    [
        pytest.param("15.03.2013", "Jahr", "2013", Precision.YEAR, id="coarser-year-wins"),
        pytest.param("15.03.2013", "month", "2013-03", Precision.MONTH, id="coarser-month-wins"),
        pytest.param("2013", "Tag", "2013", Precision.YEAR, id="finer-is-ignored"),
        pytest.param("03/2013", "etwa", "2013-03", Precision.APPROX, id="approx"),
        pytest.param("2013", "spätestens", "2013", Precision.BEFORE, id="before"),
        pytest.param("", "Jahr", "", Precision.UNKNOWN, id="no-date-stays-unknown"),
    ],
)
def test_precision_column(cell: str, given: str, text: str, precision: Precision) -> None:
    result = sites(f"Name;Start;Genauigkeit;Lat;Lon\nA;{cell};{given};{KOELN}\n")
    assert result.problems == ()
    start = result.centres[0].start
    assert (start.text, start.precision) == (text, precision)


@pytest.mark.parametrize(
    ("given", "words"),
    [
        pytest.param("unbekannt", "'unknown' but a start date", id="unknown-with-date"),
        pytest.param("ungefähr-ish", "is not a precision", id="nonsense"),
    ],
)
def test_bad_precision_cell(given: str, words: str) -> None:
    result = sites(f"Name;Start;Genauigkeit;Lat;Lon\nA;2013;{given};{KOELN}\n", "p.csv")
    problem = only_problem(result)
    assert_place(problem, file="p.csv", line=2, column="Genauigkeit", value=given)
    assert words in problem.message


def test_empty_start_is_kept_as_unknown() -> None:
    result = sites(f"{HEADER}\nA;;{KOELN};;\n")
    assert result.problems == ()
    assert not result.centres[0].start.is_known


def test_approval_date_is_parsed() -> None:
    result = sites(f"Name;Start;Bewilligung;Lat;Lon\nA;2014;12.2013;{KOELN}\n")
    assert result.centres[0].approval.text == "2013-12"


SPAN_HEADER = "Name;Start;Bewilligung;Lat;Lon"


def span_sites(text: str, *, lang: str = "en", **limits: int) -> UploadResult:
    table = raw(text, "span.csv")
    return build_sites(
        table,
        guess_mapping(table.columns),
        boundaries=None,
        filename="span.csv",
        limits=UploadLimits(**limits),
        lang=lang,
    )


@pytest.mark.parametrize(
    ("earliest", "latest"),
    [
        pytest.param("01.01.1990", "01.01.2020", id="days-exactly-30-years"),
        pytest.param("29.02.1992", "28.02.2022", id="leap-day"),
        pytest.param("1990", "2019", id="years-1990-to-2019"),
    ],
)
def test_dates_spanning_the_limit_are_accepted(earliest: str, latest: str) -> None:
    result = span_sites(f"{SPAN_HEADER}\nA;{earliest};;{KOELN}\nB;{latest};;51,9;7,6\n")
    assert (len(result.centres), result.problems) == (2, ())


@pytest.mark.parametrize(
    ("rows", "first", "last"),
    [
        pytest.param(
            f"A;01.01.1990;;{KOELN}\nB;02.01.2020;;51,9;7,6\n",
            "1 January 1990 (line 2, column 'Start')",
            "2 January 2020 (line 3, column 'Start')",
            id="one-day-too-many",
        ),
        pytest.param(
            f"A;2021;12.1990;{KOELN}\nB;1995;;51,9;7,6\nC;2000;;51,8;7,5\n",
            "December 1990 (line 2, column 'Bewilligung')",
            "2021 (line 2, column 'Start')",
            id="approval-counts",
        ),
        pytest.param(
            f"A;1900;;{KOELN}\nB;2100;;51,9;7,6\n",
            "1900 (line 2, column 'Start')",
            "2100 (line 3, column 'Start')",
            id="two-centuries",
        ),
    ],
)
def test_dates_spanning_more_than_the_limit_are_refused(rows: str, first: str, last: str) -> None:
    with pytest.raises(DataFileError) as caught:
        span_sites(f"{SPAN_HEADER}\n{rows}")
    (problem,) = caught.value.problems
    assert problem.file == "span.csv"
    assert "more than the limit of 30 years" in problem.message
    assert f"the earliest is {first}, the latest {last}" in problem.message
    assert str(caught.value).startswith("span.csv: the dates span")


def test_date_span_limit_is_configurable_and_refused_in_german() -> None:
    text = f"{SPAN_HEADER}\nA;03.2014;;{KOELN}\nB;2020;;51,9;7,6\n"
    assert len(span_sites(text, max_date_span_years=7).centres) == 2
    with pytest.raises(DataFileError) as caught:
        span_sites(text, lang="de", max_date_span_years=6)
    assert caught.value.problems[0].message.startswith(
        "die Datumsangaben umfassen mehr als die erlaubten 6 Jahre: die früheste ist März 2014 "
        "(Zeile 2, Spalte 'Start'), die späteste 2020 (Zeile 3, Spalte 'Start')"
    )


def test_rows_left_out_do_not_count_towards_the_date_span() -> None:
    result = span_sites(f"{SPAN_HEADER}\nA;2014;;{KOELN}\nB;1950;;48,1;11,5\n")
    assert [c.start.text for c in result.centres] == ["2014"]
    assert result.bad_lines == (3,)


def test_decimal_comma_and_point_coordinates() -> None:
    result = sites(f"{HEADER}\nA;;51,43;6,95;2013;\nB;;51.44;6.96;2013;\n")
    assert [(c.lat, c.lon) for c in result.centres] == [(51.43, 6.95), (51.44, 6.96)]


@pytest.mark.parametrize(
    "lat_lon",
    [
        pytest.param("48,14;11,58", id="munich"),
        pytest.param("0;0", id="null-island"),
        pytest.param("-51,43;-6,95", id="negative"),
        pytest.param("51,43;12,5", id="east-of-nrw"),
    ],
)
def test_coordinates_outside_nrw(lat_lon: str) -> None:
    result = sites(f"{HEADER}\nA;;{lat_lon};2013;\n", "far.csv")
    problem = only_problem(result)
    lat, lon = lat_lon.split(";")
    assert_place(
        problem, file="far.csv", line=2, column="Breitengrad", value=f"lat {lat}, lon {lon}"
    )
    assert "outside NRW" in problem.message


def test_nan_and_infinity_are_not_coordinates() -> None:
    result = sites(f"{HEADER}\nA;;nan;inf;2013;\n")
    assert {p.value for p in result.problems} == {"nan", "inf"}


def test_swapped_coordinates_are_reported_not_fixed() -> None:
    result = sites(f"{HEADER}\nA;;6,95;51,43;2013;\n", "swap.csv")
    problem = only_problem(result)
    assert_place(
        problem, file="swap.csv", line=2, column="Breitengrad", value="lat 6,95, lon 51,43"
    )
    assert "swapped?" in problem.message
    assert result.centres == ()


def test_duplicate_name_at_same_place_is_a_problem_on_the_second_row() -> None:
    rows = ["Zentrum A", "Zentrum B", " zentrum  a "]
    text = HEADER + "\n" + "".join(f"{name};;{KOELN};2013;\n" for name in rows)
    result = sites(text, "dup.csv")
    problem = only_problem(result)
    assert_place(problem, file="dup.csv", line=4, column="Name", value=" zentrum  a ")
    assert "duplicate of line 2" in problem.message
    assert [c.name for c in result.centres] == ["Zentrum A", "Zentrum B"]


def test_same_name_elsewhere_is_fine() -> None:
    result = sites(f"{HEADER}\nTreff;;51,43;6,95;2013;\nTreff;;51,96;7,62;2013;\n")
    assert result.problems == ()
    assert len(result.centres) == 2


def test_duplicate_own_ids() -> None:
    result = sites(f"Nr;Name;Start;Lat;Lon\n7;A;2013;{KOELN}\n7;B;2013;51,9;7,6\n", "ids.csv")
    assert_place(only_problem(result), file="ids.csv", line=3, column="Nr", value="7")
    assert result.row_ids == {"upload-2": "7"}


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("javascript:alert(1)", id="javascript"),
        pytest.param("JaVaScRiPt:alert(document.cookie)", id="javascript-mixed-case"),
        pytest.param("data:text/html,<script>alert(1)</script>", id="data-url"),
        pytest.param("ftp://example.org/file", id="ftp"),
        pytest.param("www.example.org", id="no-scheme"),
        pytest.param('https://example.org/"onmouseover="x', id="quote-in-url"),
    ],
)
def test_non_http_sources_are_rejected_by_value(url: str) -> None:
    result = sites(f"{HEADER}\nA;;{KOELN};2013;https://ok.example.org {url}\n", "src.csv")
    problem = only_problem(result)
    assert problem.column == "Quelle"
    assert repr(url) in problem.message
    assert result.centres == ()


def test_several_http_sources_are_kept() -> None:
    cell = "https://a.example.org/x http://b.example.org/y;https://c.example.org"
    result = sites(f'{HEADER}\nA;;{KOELN};2013;"{cell}"\n')
    assert result.centres[0].sources == (
        "https://a.example.org/x",
        "http://b.example.org/y",
        "https://c.example.org",
    )


def test_formula_like_cells_are_kept_as_text() -> None:
    result = sites(f'{HEADER}\n"=cmd|\' /C calc\'!A0";"=HYPERLINK(1)";{KOELN};2013;\n')
    centre = result.centres[0]
    assert centre.name == "=cmd|' /C calc'!A0"
    assert centre.address == "=HYPERLINK(1)"


def test_script_names_are_kept_as_text() -> None:
    name = "<script>alert('x')</script><b>Zentrum</b>"
    result = sites(f"{HEADER}\n{name};;{KOELN};2013;\n")
    assert result.centres[0].name == name


def test_empty_name_is_a_problem() -> None:
    result = sites(f"{HEADER}\n  ;;{KOELN};2013;\n", "n.csv")
    assert_place(only_problem(result), file="n.csv", line=2, column="Name", value="  ")


def test_one_coordinate_only() -> None:
    result = sites(f"{HEADER}\nA;;51,4;;2013;\n", "half.csv")
    assert_place(only_problem(result), file="half.csv", line=2, column="Längengrad", value="")


def test_neither_coordinates_nor_address() -> None:
    result = sites(f"{HEADER}\nA;;;;2013;\n", "none.csv")
    problem = only_problem(result)
    assert problem.line == 2
    assert "neither coordinates" in problem.message


def test_address_without_coordinates_waits_for_geocoding() -> None:
    result = sites(f"{HEADER}\nA;Markt 1, 50667 Köln;;;2013;\nB;Hamm;;;2014;\n")
    assert result.centres == ()
    first, second = result.missing_coordinates
    assert (first.street, first.postcode, first.town) == ("Markt 1", "50667", "Köln")
    assert math.isnan(first.lat)
    assert first.coord_source == ""
    assert (second.street, second.town) == ("", "Hamm")


def test_street_postcode_and_town_columns_make_the_address() -> None:
    text = f"Name;Straße;PLZ;Ort;Start;Lat;Lon\nA;Markt 1;50667;Köln;2013;{KOELN}\n"
    centre = sites(text).centres[0]
    assert centre.address == "Markt 1, 50667 Köln"


def test_centre_fields_and_kreis_from_boundaries(boundaries: Boundaries) -> None:
    text = (
        f"{HEADER}\nA;Kalker Hauptstraße 247, 51103 Köln;50,93838;7,00513;05/2015;https://x.org\n"
    )
    centre = sites(text, boundaries=boundaries).centres[0]
    assert centre.id == "upload-2"
    assert (centre.ars, centre.territory) == ("05315", "Köln")
    assert (centre.territory_type, centre.regierungsbezirk, centre.notes) == ("", "", "")
    assert (centre.coord_precision, centre.coord_source) == ("address", "upload")
    assert (centre.street, centre.postcode, centre.town) == (
        "Kalker Hauptstraße 247",
        "51103",
        "Köln",
    )
    assert centre.sources == ("https://x.org",)
    assert centre.sequence_no is None
    assert not centre.start_alt.is_known


def test_point_in_the_box_but_outside_every_kreis(boundaries: Boundaries) -> None:
    # Venlo (Netherlands) lies inside NRW_BBOX but in no NRW Kreis: a problem row, left out.
    result = sites(f"{HEADER}\nVenlo;;51,37;6,17;2013;\n", "nl.csv", boundaries=boundaries)
    problem = only_problem(result)
    assert_place(problem, file="nl.csv", line=2, column="Breitengrad", value="lat 51,37, lon 6,17")
    assert "outside NRW" in problem.message
    assert result.centres == ()


def test_outline_only_boundaries_give_no_kreis() -> None:
    empty: dict[str, Any] = {"type": "FeatureCollection", "features": []}
    outline = Boundaries(empty, empty, empty, "outline", "", "", "no Kreise")
    centre = sites(f"{HEADER}\nA;;{KOELN};2013;\n", boundaries=outline).centres[0]
    assert centre.ars == ""


def test_ids_are_unique_and_follow_the_lines() -> None:
    result = sites(
        f"{HEADER}\nA;;{KOELN};2013;\n\nB;;51,9;7,6;2013;\nC;;x;7,6;2013;\nD;;51,8;7,5;;\n"
    )
    assert [c.id for c in result.centres] == ["upload-2", "upload-4", "upload-6"]
    assert result.bad_lines == (5,)
    assert result.rows == 4


def test_sample_file_round_trips_without_problems(boundaries: Boundaries) -> None:
    data = sample_csv()
    assert data.startswith(b"\xef\xbb\xbf")
    table = read_table(data, "beispiel.csv")
    assert table.separator == ";"
    mapping = guess_mapping(table.columns)
    result = build_sites(table, mapping, boundaries=boundaries, filename="beispiel.csv")
    assert result.problems == ()
    assert len(result.centres) == 5
    assert all(c.ars.startswith("05") for c in result.centres)
    assert all(c.start.precision is Precision.DAY for c in result.centres)
    assert "," in table.rows[0][2]  # decimal commas


# --------------------------------------------------------------------------- upload_timeline


def test_timeline_opens_unknown_starts_at_the_earliest_known_date() -> None:
    text = (
        "Name;Start;Bewilligung;Lat;Lon\n"
        f"A;03/2014;;{KOELN}\nB;;;51,9;7,6\nC;2016;15.11.2013;51,8;7,5\n"
    )
    timeline = upload_timeline(sites(text).centres)
    assert timeline.windows["upload-3"].earliest == date(2013, 11, 15)
    snap = timeline.snapshot(date(2014, 4, 1))
    assert snap.states == {
        "upload-2": CentreState.OPEN,
        "upload-3": CentreState.UNCERTAIN,
        "upload-4": CentreState.APPROVED,
    }
    assert timeline.snapshot(date(2013, 11, 1)).states == {}


def test_timeline_without_any_known_date_has_nothing_to_replay() -> None:
    centres = sites(f"{HEADER}\nA;;{KOELN};;\n").centres
    with pytest.raises(DataFileError, match="nothing to replay"):
        upload_timeline(centres)


# --------------------------------------------------------------------------- geocode_missing


@dataclass(frozen=True)
class FakeLocation:
    latitude: float
    longitude: float


class FakeGeocode:
    """Answers (or raises) per city, records every query."""

    def __init__(self, answers: Mapping[str, Any]) -> None:
        self.answers = dict(answers)
        self.calls: list[dict[str, str]] = []

    def __call__(self, query: Mapping[str, str]) -> Any:
        self.calls.append(dict(query))
        answer = self.answers[query["city"]]
        if isinstance(answer, BaseException):
            raise answer
        return answer


def missing(*towns: str) -> tuple[Any, ...]:
    rows = "".join(f"Site {t};Markt {i}, 4400{i} {t};;;2013;\n" for i, t in enumerate(towns))
    result = sites(f"{HEADER}\n{rows}")
    assert result.problems == ()
    return result.missing_coordinates


def test_geocode_found_sets_coordinates_and_kreis(boundaries: Boundaries) -> None:
    geocode = FakeGeocode({"Köln": FakeLocation(50.938383, 7.005131)})
    outcome = geocode_missing(missing("Köln"), geocode, boundaries=boundaries)
    (centre,) = outcome.located
    assert (centre.lat, centre.lon) == (50.93838, 7.00513)
    assert (centre.ars, centre.territory) == ("05315", "Köln")
    assert (centre.coord_precision, centre.coord_source) == ("address", "nominatim")
    assert geocode.calls == [
        {"street": "Markt 0", "postalcode": "44000", "city": "Köln", "country": "Deutschland"}
    ]
    assert outcome.stopped is None
    assert outcome.missing == 0
    assert outcome.message == "1 of 1 address found; 0 rows without coordinates are not shown."


def test_geocode_not_found() -> None:
    outcome = geocode_missing(
        missing("Nirgendwo"), FakeGeocode({"Nirgendwo": None}), boundaries=None
    )
    assert outcome.located == ()
    assert [c.town for c in outcome.not_found] == ["Nirgendwo"]
    assert outcome.missing == 1
    assert (
        outcome.describe("de")
        == "0 von 1 Adresse gefunden; 1 Zeile ohne Koordinaten wird nicht gezeigt."
    )


def test_geocode_hit_outside_nrw_is_rejected() -> None:
    geocode = FakeGeocode({"Hamm": FakeLocation(48.2, 11.3)})  # a Hamm in Bavaria
    outcome = geocode_missing(missing("Hamm"), geocode, boundaries=None)
    assert outcome.located == ()
    assert [c.town for c in outcome.outside_nrw] == ["Hamm"]


@pytest.mark.parametrize(
    "failure",
    [
        pytest.param(GeocoderTimedOut("slow"), id="timeout"),
        pytest.param(GeocoderUnavailable("offline"), id="unavailable"),
        pytest.param(GeocoderRateLimited("429"), id="rate-limited"),
    ],
)
def test_service_failure_mid_way_keeps_earlier_results(failure: Exception) -> None:
    geocode = FakeGeocode(
        {"Köln": FakeLocation(50.94, 6.96), "Bonn": failure, "Essen": FakeLocation(51.45, 7.01)}
    )
    outcome = geocode_missing(missing("Köln", "Bonn", "Essen"), geocode, boundaries=None)
    assert [c.town for c in outcome.located] == ["Köln"]
    assert [c.town for c in outcome.not_asked] == ["Bonn", "Essen"]
    assert len(geocode.calls) == 2  # nothing asked after the failure
    assert outcome.stopped == "offline"
    assert outcome.message.startswith(
        "Offline or service unavailable: 2 rows without coordinates are not shown."
    )
    assert outcome.error in outcome.message


def test_cancel_after_two() -> None:
    geocode = FakeGeocode({t: FakeLocation(51.5, 7.0) for t in ("A", "B", "C", "D")})
    outcome = geocode_missing(
        missing("A", "B", "C", "D"),
        geocode,
        cancelled=lambda: len(geocode.calls) >= 2,
        boundaries=None,
    )
    assert [c.town for c in outcome.located] == ["A", "B"]
    assert [c.town for c in outcome.not_asked] == ["C", "D"]
    assert outcome.stopped == "cancelled"
    assert "Abgebrochen" in outcome.describe("de")


def test_geocode_progress_and_skips_centres_with_coordinates() -> None:
    text = f"{HEADER}\nA;Markt 1, 44000 Köln;;;2013;\nB;;{KOELN};2013;\nC;Essen;;;2013;\n"
    result = sites(text)
    seen: list[tuple[int, int]] = []
    geocode = FakeGeocode({"Köln": FakeLocation(50.94, 6.96), "Essen": None})
    outcome = geocode_missing(
        (*result.centres, *result.missing_coordinates),
        geocode,
        progress=lambda done, total: seen.append((done, total)),
        boundaries=None,
    )
    assert seen == [(1, 2), (2, 2)]
    assert outcome.located[0].coord_precision == "address"
    assert [c.town for c in outcome.not_found] == ["Essen"]


def test_bulk_kreis_lookup_agrees_with_point_in_kreis(boundaries: Boundaries) -> None:
    rows = [
        f"P{i}-{j};2013;{50.3 + i * 0.115:.3f};{5.8 + j * 0.185:.3f}"
        for i in range(20)
        for j in range(20)
    ]
    table = raw("Name;Start;Lat;Lon\n" + "\n".join(rows) + "\n")
    result = build_sites(table, guess_mapping(table.columns), boundaries=boundaries, filename="g")
    expected = [point_in_kreis(boundaries, c.lat, c.lon) for c in result.centres]
    assert [c.ars for c in result.centres] == expected
    assert len(set(expected)) > 40  # the grid covers most Kreise
    # Places in the box but outside NRW are problem rows, each checked one by one.
    assert result.problems
    assert len(result.centres) + len(result.problems) == 400
    for problem in result.problems:
        lat, lon = (float(part.split()[1]) for part in str(problem.value).split(", "))
        assert point_in_kreis(boundaries, lat, lon) is None


@pytest.mark.parametrize(
    ("text", "german"),
    [
        (
            "name;start;lat;lon\nA;31.02.2016;51.4;7.0\n",
            "einen Tag 31 gibt es im Februar 2016 nicht",
        ),
        ("name;start;lat;lon\nA;2016;7.0;51.4\n", "Breite und Länge vertauscht?"),
        ("name;start;lat;lon\n;2016;51.4;7.0\n", "darf nicht leer sein"),
    ],
)
def test_a_rows_problem_is_shown_in_german_and_read_in_english(text: str, german: str) -> None:
    table = read_table(text.encode(), "orte.csv")
    result = build_sites(table, guess_mapping(table.columns), boundaries=None, filename="orte.csv")
    (problem,) = result.problems
    assert in_language(problem.message, "de").startswith(german)
    assert in_language(problem.message, "en") == str(problem.message)
    assert not str(problem.message).startswith(german)


def test_a_refused_file_is_explained_in_german() -> None:
    with pytest.raises(DataFileError) as refused:
        read_table(b"x" * 20, "alt.xls")
    (problem,) = refused.value.problems
    assert in_language(problem.message, "de") == (
        "das alte Excel-Format .xls wird nicht unterstützt; bitte als .xlsx oder CSV speichern"
    )
    assert (
        problem.message == "the old Excel format .xls is not supported; save it as .xlsx or as CSV"
    )
