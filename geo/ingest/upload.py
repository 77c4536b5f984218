"""Reading a user's own CSV or Excel file of sites into centres the dashboard can replay.

Uploaded bytes are parsed in memory only (nothing is written to `data/` or the repository);
every row that cannot be used is reported with its file, line, column and value, never guessed.
"""

from __future__ import annotations

__all__ = [
    "FIELDS",
    "FIELD_LABEL_KEYS",
    "REQUIRED_FIELDS",
    "GeocodeOutcome",
    "RawTable",
    "UploadLimits",
    "UploadResult",
    "build_sites",
    "geocode_missing",
    "guess_mapping",
    "parse_upload_date",
    "read_table",
    "sample_csv",
    "upload_timeline",
]

import csv
import dataclasses
import datetime as dt
import functools
import io
import math
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn
from urllib.parse import urlsplit
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

import shapely
from geopy.exc import (
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
    GeopyError,
)

from geo.errors import DataFileError, DataProblem
from geo.i18n import t
from geo.ingest.geocode import structured_query
from geo.model.startwindow import own_window
from geo.model.timeline import Timeline
from geo.sources.boundaries import Boundaries, build_kreis_index, point_in_kreis
from geo.sources.centres import NRW_BBOX, Centre
from geo.sources.csvfile import decode_text
from geo.sources.fuzzydate import FuzzyDate, Precision, parse_partial_date

# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class UploadLimits:
    """How much an upload may hold; checked before parsing (bytes), while reading (rows) and
    when building sites (the span of the dates)."""

    max_bytes: int = 5_000_000
    max_rows: int = 20_000
    max_columns: int = 200
    # An .xlsx is a zip archive whose XML parts openpyxl parses whole (styles, shared strings)
    # or cell by cell (the sheet): each part, and all together, must fit what 20,000 rows of
    # sites need (about 15 MB of sheet XML for 12 columns), and no part may unpack to more than
    # `max_compression_ratio` times its packed size (typical XML packs 5-30 times).
    max_unpacked_bytes: int = 60_000_000
    max_part_bytes: int = 30_000_000
    max_styles_bytes: int = 2_000_000
    max_compression_ratio: int = 100
    # Sheet rows declared by <dimension> or present, the header and blank rows included, and
    # cell elements (50 per row of 20,000 rows; openpyxl holds them all when the size is not
    # declared).
    max_sheet_rows: int = 25_000
    max_sheet_cells: int = 1_000_000
    # Any cell when read; name, address, town, postcode, id and precision once mapped (sources
    # may list several links and keep the longer limit).
    max_cell_chars: int = 10_000
    max_text_chars: int = 2_000
    # All cells together: what the 5 MB file limit allows as CSV text. An .xlsx could repeat
    # one shared string in every cell, so a small file would fill every page and map step.
    max_total_chars: int = 10_000_000
    # The replay has a frame per month and the report a panel per year from the earliest date
    # to the latest, so a span of decades would build thousands of frames.
    max_date_span_years: int = 30


@dataclass(frozen=True)
class RawTable:
    """The cells of an uploaded file as text: header, data rows and the line each row is on.

    `lines[i]` is the 1-based line (CSV) or sheet row (xlsx) of `rows[i]`, counting the header
    as line 1, so problems point at the place a user sees in an editor or in Excel.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"; "" for xlsx
    separator: str  # ";", ",", "\t"; "" for xlsx
    kind: str  # "csv" | "xlsx"
    lines: tuple[int, ...]


_CSV_EXTENSIONS = ("csv", "tsv", "txt")
_REFUSED_FORMATS = {
    "xls": "the old Excel format .xls is not supported; save it as .xlsx or as CSV",
    "xlsm": "macro-enabled Excel files (.xlsm) are not supported; save it as .xlsx or as CSV",
    "xlsb": "binary Excel files (.xlsb) are not supported; save it as .xlsx or as CSV",
    "ods": "OpenDocument spreadsheets (.ods) are not supported; save it as .xlsx or as CSV",
    "numbers": "Apple Numbers files are not supported; export it as .xlsx or as CSV",
}
_SEPARATORS = (";", ",", "\t")
_SNIFF_CHARS = 20_000
_SHOWN_CHARS = 40  # of a value too long to show whole
# C0 control characters never occur in a text file (tab, CR and LF aside). C1 (0x80-0x9f) are
# allowed: Latin-1, the last fallback, maps the bytes Windows-1252 leaves undefined there.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Parts smaller than this are never zip bombs, however well they pack.
_RATIO_FLOOR_BYTES = 1_000_000
_XLSX_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    EOFError,
    OSError,
    ParseError,
    expat.ExpatError,
)


def read_table(data: bytes, filename: str, *, limits: UploadLimits | None = None) -> RawTable:
    """Read an uploaded CSV (`;`, `,` or tab; UTF-8, Windows-1252 or Latin-1) or .xlsx file.

    Raises `DataFileError` naming `filename` (and line, column and value where there is one)
    for an unsupported format, a file over `limits`, an empty or header-only file, binary data,
    a cell longer than `limits.max_cell_chars`, an empty or duplicate column name, or rows with
    more or fewer cells than the header. An .xlsx is checked before it is parsed (the unpacked
    size and compression ratio of each part, the sheet's declared and actual rows, columns and
    cells), so a small file cannot make the server parse gigabytes.
    """
    limits = limits or UploadLimits()
    extension = filename.rsplit(".", 1)[-1].casefold() if "." in filename else ""
    if extension in _REFUSED_FORMATS:
        _fail(filename, None, None, filename, _REFUSED_FORMATS[extension])
    if extension not in (*_CSV_EXTENSIONS, "xlsx"):
        shown = f"'.{extension}' files are" if extension else "files without an extension are"
        _fail(filename, None, None, filename, f"{shown} not supported; upload a CSV or .xlsx file")
    if len(data) > limits.max_bytes:
        _fail(
            filename,
            None,
            None,
            f"{len(data):,} bytes",
            f"the file is larger than the limit of {limits.max_bytes:,} bytes",
        )
    if not data.strip():
        _fail(filename, None, None, None, "the file is empty")
    if extension == "xlsx":
        return _read_xlsx(data, filename, limits)
    return _read_csv(data, filename, limits)


def _fail(
    file: str, line: int | None, column: str | None, value: str | None, message: str
) -> NoReturn:
    raise DataFileError([DataProblem(file, line, column, value, message)])


def _decode(data: bytes, filename: str) -> tuple[str, str]:
    """The text and the encoding that read it: UTF-8 (BOM or not), UTF-16, cp1252, latin-1.

    Unlike the project's own data files, uploads come from Excel and older tools: UTF-16 (with
    its BOM) and the Windows-1252/Latin-1 fallbacks are read too.
    """
    if data.startswith(b"PK\x03\x04"):
        _fail(filename, None, None, None, "this is an Excel/zip file, not CSV; name it .xlsx")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            _fail(filename, None, None, None, "binary data, not a text (CSV) file")
    return decode_text(data, filename, fallbacks=("cp1252", "latin-1"))


def _read_csv(data: bytes, filename: str, limits: UploadLimits) -> RawTable:
    text, encoding = _decode(data, filename)
    control = _CONTROL.search(text)
    if control is not None:
        line = text[: control.start()].count("\n") + 1
        value = f"character U+{ord(control.group()):04X}"
        _fail(filename, line, None, value, "binary data (control characters), not a CSV file")
    if not text.strip():
        _fail(filename, None, None, None, "the file is empty")
    separator = _guess_separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    size = f"about {text.count(chr(10)) + 1:,} lines in the file"
    return _table(
        _csv_records(reader, filename, limits.max_cell_chars),
        filename,
        limits,
        encoding=encoding,
        separator=separator,
        kind="csv",
        size=size,
    )


def _csv_records(reader: Any, filename: str, limit: int) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) of every record, the header first, with the line each record starts on."""
    line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):  # csv's own limit, 131,072
                message = f"a cell has more than the limit of {limit:,} characters"
                _fail(filename, line, None, None, message)
            _fail(filename, line, None, None, f"not valid CSV: {exc}")
        yield line, cells
        line = reader.line_num + 1


def _guess_separator(text: str) -> str:
    """`;`, `,` or tab: csv.Sniffer's choice if the header agrees, else the most frequent one.

    Decimal commas make `,` look consistent in `;`-separated data, so the header line (where
    separators are rarely part of a name) has the last word.
    """
    sample = text[:_SNIFF_CHARS]
    if len(text) > _SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    header = _first_line(text)
    counts = {sep: _count_outside_quotes(header, sep) for sep in _SEPARATORS}
    try:
        sniffed: str | None = csv.Sniffer().sniff(sample, delimiters="".join(_SEPARATORS)).delimiter
    except csv.Error:
        sniffed = None
    best = max(counts.values())
    if sniffed in counts and counts[sniffed] == best:
        return sniffed
    if best > 0:
        return max(_SEPARATORS, key=lambda sep: counts[sep])
    return sniffed or ","


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line
    return ""


def _count_outside_quotes(line: str, sep: str) -> int:
    return sum(part.count(sep) for part in line.split('"')[::2])


def _read_xlsx(data: bytes, filename: str, limits: UploadLimits) -> RawTable:
    if not data.startswith(b"PK\x03\x04"):
        _fail(filename, None, None, None, "not a real .xlsx file (not a zip archive)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except _XLSX_ERRORS as exc:
        _fail(filename, None, None, None, f"the .xlsx file is damaged or truncated ({exc})")
    _check_parts(parts, filename, limits)
    # Imported here: only uploads of .xlsx need it.
    import openpyxl
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # The workbook part names the sheets; the first is scanned before openpyxl opens it
        # (without a <dimension> it reads the whole sheet just to find its size).
        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
        reader.read_manifest()
        reader.read_workbook()
        names = set(archive.namelist())
        part = next(
            (
                rel.target
                for _, rel in reader.parser.find_sheets()
                if rel.target in names and "chartsheet" not in rel.Type
            ),
            None,
        )
        if part is None:
            _fail(filename, None, None, None, "the .xlsx file has no worksheet")
        declared = _scan_sheet(archive, part, filename, limits)
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except DataFileError:
        raise
    except (*_XLSX_ERRORS, InvalidFileException) as exc:
        _fail(filename, None, None, None, f"the .xlsx file is damaged or truncated ({exc})")
    try:
        sheet = workbook.worksheets[0]
        size = f"the sheet declares {declared:,} rows" if declared else "size not declared"
        # A declared size that is too small must not cut rows off: read the rows as they are.
        sheet.reset_dimensions()
        records = enumerate(sheet.iter_rows(values_only=True, max_col=limits.max_columns), 1)
        texts = ((n, [_cell_text(v) for v in values]) for n, values in records)
        return _table(
            _limited(texts, filename, limits, size),
            filename,
            limits,
            encoding="",
            separator="",
            kind="xlsx",
            size=size,
        )
    except DataFileError:
        raise
    except _XLSX_ERRORS as exc:
        _fail(filename, None, None, None, f"the .xlsx file is damaged or truncated ({exc})")
    finally:
        workbook.close()


def _check_parts(parts: Sequence[zipfile.ZipInfo], filename: str, limits: UploadLimits) -> None:
    """Refuse an archive before anything is unpacked when a part, or all together, would unpack
    to more than `limits` allow or a part packs suspiciously well (a zip bomb)."""
    for part in parts:
        name = part.filename
        allowed = limits.max_styles_bytes if name.endswith("styles.xml") else limits.max_part_bytes
        if part.file_size > allowed:
            _fail(
                filename,
                None,
                None,
                f"{part.file_size:,} bytes unpacked",
                f"the part {name} of the .xlsx file unpacks to more than {allowed:,} bytes",
            )
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > _RATIO_FLOOR_BYTES and ratio > limits.max_compression_ratio:
            _fail(
                filename,
                None,
                None,
                f"{part.file_size:,} bytes from {part.compress_size:,}",
                f"the part {name} of the .xlsx file unpacks {ratio:,.0f} times its size, more "
                f"than the limit of {limits.max_compression_ratio} times",
            )
    unpacked = sum(part.file_size for part in parts)
    if unpacked > limits.max_unpacked_bytes:
        _fail(
            filename,
            None,
            None,
            f"{unpacked:,} bytes unpacked",
            f"the .xlsx file unpacks to more than {limits.max_unpacked_bytes:,} bytes",
        )


def _scan_sheet(
    archive: zipfile.ZipFile, part: str, filename: str, limits: UploadLimits
) -> int | None:
    """The number of rows the sheet declares, after one streaming pass over its XML that builds
    nothing and refuses a declared or actual size over `limits` (rows, columns, cells).

    openpyxl holds a whole row and pads it to its last column, so a single cell at column XFD
    costs 16,384 cells per row: this pass refuses such a sheet before openpyxl reads it.
    """
    from openpyxl.utils.cell import (
        column_index_from_string,
        coordinate_from_string,
        range_boundaries,
    )

    rows, columns = limits.max_sheet_rows, limits.max_columns
    declared: int | None = None
    row_number = cells = total = 0

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal declared, row_number, cells, total
        tag = name.rpartition("}")[2]
        if tag == "c":
            cells, total = cells + 1, total + 1
            if total > limits.max_sheet_cells:
                _sheet_too_big(
                    filename,
                    row_number,
                    f"{total:,} cells",
                    f"the sheet has more than the limit of {limits.max_sheet_cells:,} cells "
                    "(empty ones included)",
                )
            ref = attributes.get("r")
            column = column_index_from_string(coordinate_from_string(ref)[0]) if ref else 0
            if max(cells, column) > columns:
                _sheet_too_big(
                    filename,
                    row_number,
                    ref or f"cell {cells}",
                    f"the sheet has cells beyond the limit of {columns} columns",
                )
        elif tag == "row":
            row_number, cells = int(attributes.get("r") or row_number + 1), 0
            if row_number > rows:
                _sheet_too_big(
                    filename,
                    row_number,
                    f"row {row_number:,}",
                    f"the sheet has more than the limit of {rows:,} rows (blank ones included)",
                )
        elif tag == "dimension":
            ref = attributes.get("ref", "")
            _, _, last_column, declared = range_boundaries(ref)
            if (declared or 0) > rows or (last_column or 0) > columns:
                _sheet_too_big(
                    filename,
                    None,
                    ref,
                    f"the sheet declares its size as {ref}, more than the limit of {rows:,} rows "
                    f"and {columns} columns",
                )

    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = start
    with archive.open(part) as stream:
        parser.ParseFile(stream)
    return declared


def _sheet_too_big(filename: str, line: int | None, value: str, message: str) -> NoReturn:
    _fail(
        filename,
        line,
        None,
        value,
        f"{message}; delete the empty rows and columns or save it as CSV",
    )


def _limited(
    records: Iterable[tuple[int, Sequence[Any]]], filename: str, limits: UploadLimits, size: str
) -> Iterator[tuple[int, Sequence[Any]]]:
    """Pass records through, stopping early once there are more data rows than allowed."""
    data_rows = 0
    for number, values in records:
        if number > 1 and any(v is not None and str(v).strip() for v in values):
            data_rows += 1
            if data_rows > limits.max_rows:
                _too_many_rows(filename, number, limits, size)
        yield number, values


def _too_many_rows(filename: str, line: int, limits: UploadLimits, size: str) -> NoReturn:
    _fail(
        filename,
        line,
        None,
        size,
        f"the file has more than the limit of {limits.max_rows:,} data rows "
        f"(stopped reading at line {line:,})",
    )


def _cell_text(value: Any) -> str:
    """A spreadsheet cell as text: dates as ISO dates, floats with a decimal point."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ""
    return str(value)


def _table(
    records: Iterator[tuple[int, Sequence[str]]],
    filename: str,
    limits: UploadLimits,
    *,
    encoding: str,
    separator: str,
    kind: str,
    size: str,
) -> RawTable:
    """Check header and row widths; blank rows are skipped, trailing empty cells ignored."""
    header_record = next(records, None)
    if header_record is None or not any(c.strip() for c in header_record[1]):
        _fail(filename, 1, None, None, "the first line must hold the column names")
    header_line, header_cells = header_record
    _check_lengths(header_cells, (), filename, header_line, limits.max_cell_chars)
    columns = _header(list(header_cells), filename, header_line, limits)
    width = len(columns)
    rows: list[tuple[str, ...]] = []
    lines: list[int] = []
    problems: list[DataProblem] = []
    total_chars = 0
    for line, cells in records:
        cells = list(cells)
        _check_lengths(cells, columns, filename, line, limits.max_cell_chars)
        total_chars += sum(map(len, cells))
        if total_chars > limits.max_total_chars:
            _fail(
                filename,
                line,
                None,
                None,
                f"the cells hold more than the limit of {limits.max_total_chars:,} characters "
                "in all",
            )
        if not any(c.strip() for c in cells):
            continue
        if kind == "csv" and len(rows) + len(problems) >= limits.max_rows:
            _too_many_rows(filename, line, limits, size)
        while len(cells) > width and not cells[-1].strip():
            cells.pop()
        if kind == "xlsx" and len(cells) < width:
            cells += [""] * (width - len(cells))  # Excel leaves trailing empty cells out
        if len(cells) != width:
            extra = cells[width] if len(cells) > width else None
            problems.append(
                DataProblem(
                    filename,
                    line,
                    None,
                    extra,
                    f"has {len(cells)} cells, the header has {width}",
                )
            )
            continue
        rows.append(tuple(cells))
        lines.append(line)
    if problems:
        raise DataFileError(problems)
    if not rows:
        _fail(filename, None, None, None, "the file has a header but no rows")
    return RawTable(columns, tuple(rows), encoding, separator, kind, tuple(lines))


def _check_lengths(
    cells: Sequence[str], columns: Sequence[str], filename: str, line: int, limit: int
) -> None:
    """Refuse the first cell longer than `limit` characters, naming its column (when it has
    one) and its first characters: one huge cell would otherwise end up on every page."""
    for position, cell in enumerate(cells):
        if len(cell) > limit:
            column = columns[position] if position < len(columns) else None
            _fail(filename, line, column, _start_of(cell), _too_long(cell, limit))


def _start_of(text: str) -> str:
    return text[:_SHOWN_CHARS] + "…" if len(text) > _SHOWN_CHARS else text


def _too_long(text: str, limit: int) -> str:
    return f"the cell has {len(text):,} characters, more than the limit of {limit:,}"


def _header(cells: list[str], filename: str, line: int, limits: UploadLimits) -> tuple[str, ...]:
    while cells and not cells[-1].strip():
        cells.pop()
    if len(cells) > limits.max_columns:
        _fail(
            filename,
            line,
            None,
            f"{len(cells)} columns",
            f"the file has more than the limit of {limits.max_columns} columns",
        )
    names = [c.strip() for c in cells]
    problems: list[DataProblem] = []
    seen: dict[str, int] = {}
    for position, name in enumerate(names, start=1):
        if not name:
            problems.append(
                DataProblem(filename, line, None, None, f"column {position} has no name")
            )
            continue
        key = name.casefold()
        if key in seen:
            problems.append(
                DataProblem(
                    filename, line, name, name, f"duplicate column name (also column {seen[key]})"
                )
            )
        else:
            seen[key] = position
    if problems:
        raise DataFileError(problems)
    return tuple(names)


# --------------------------------------------------------------------------- column mapping

FIELDS = (
    "name",
    "address",
    "postcode",
    "town",
    "lat",
    "lon",
    "start",
    "approval",
    "precision",
    "source",
    "id",
)
REQUIRED_FIELDS = ("name", "start")
# The i18n key of each field's label, spelled out for the dashboard's mapping widgets.
FIELD_LABEL_KEYS = {
    "name": "upload_field_name",
    "address": "upload_field_address",
    "postcode": "upload_field_postcode",
    "town": "upload_field_town",
    "lat": "upload_field_lat",
    "lon": "upload_field_lon",
    "start": "upload_field_start",
    "approval": "upload_field_approval",
    "precision": "upload_field_precision",
    "source": "upload_field_source",
    "id": "upload_field_id",
}

# Normalised header words (lower case, umlauts as ae/oe/ue, ß as ss) that name each field.
_SYNONYMS = {
    "name": ("name", "bezeichnung", "standort", "standortname", "einrichtung", "titel", "title"),
    "address": ("adresse", "anschrift", "address", "strasse", "street", "strasseundhausnummer"),
    "postcode": ("plz", "postleitzahl", "postcode", "zip", "postalcode", "zipcode"),
    "town": ("ort", "stadt", "gemeinde", "town", "city", "kommune"),
    "lat": ("lat", "latitude", "breite", "breitengrad", "geobreite", "y"),
    "lon": ("lon", "lng", "long", "longitude", "laenge", "laengengrad", "geolaenge", "x"),
    "precision": ("genauigkeit", "praezision", "precision", "datumsgenauigkeit"),
    "start": (
        "start",
        "beginn",
        "eroeffnung",
        "startdatum",
        "eroeffnet",
        "eroeffnungsdatum",
        "startdate",
        "begin",
        "opening",
        "opened",
    ),
    "approval": (
        "bewilligung",
        "bewilligt",
        "bewilligungsdatum",
        "approval",
        "approved",
        "genehmigung",
    ),
    "source": ("quelle", "quellen", "source", "sources", "url", "link", "webseite", "website"),
    "id": ("id", "nr", "nummer", "kennung", "key"),
}
# Too short to be recognised inside a longer header ("x" in "Box", "y" in "Kreis y").
_EXACT_ONLY = {"x", "y", "nr", "id", "key", "ort", "long"}


def _normalise(header: str) -> list[str]:
    text = header.casefold()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, plain)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.findall(r"[a-z0-9]+", text)


def guess_mapping(columns: Sequence[str]) -> dict[str, str | None]:
    """Which column holds which field, from German and English header names.

    Case, umlauts and punctuation do not matter ("Längengrad", "laengengrad", "LNG" all mean
    `lon`). Whole-header matches win over a matching word inside a longer header; each column
    is used for at most one field. Unrecognised fields map to None.
    """
    mapping: dict[str, str | None] = dict.fromkeys(FIELDS)
    used: set[str] = set()
    words = {column: _normalise(column) for column in columns}

    def matches_whole(field: str, column: str) -> bool:
        return "".join(words[column]) in _SYNONYMS[field]

    def matches_word(field: str, column: str) -> bool:
        return bool((set(_SYNONYMS[field]) - _EXACT_ONLY) & set(words[column]))

    for matches in (matches_whole, matches_word):
        for field in _SYNONYMS:
            if mapping[field] is not None:
                continue
            column = next((c for c in columns if c not in used and matches(field, c)), None)
            if column is not None:
                mapping[field] = column
                used.add(column)
    return mapping


# --------------------------------------------------------------------------- cell values

# [0-9], not \d: \d and int() also accept Arabic-Indic, fullwidth and other digits.
_DAY_FIRST = re.compile(r"^([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})$")
_ISO_DAY = re.compile(
    r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
    r"(?:[T ](?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2})(?:\.[0-9]+)?)?)?$"
)
_ISO_MONTH = re.compile(r"^([0-9]{4})-([0-9]{1,2})$")
_MONTH_YEAR = re.compile(r"^([0-9]{1,2})[./]([0-9]{4})$")
_YEAR = re.compile(r"^([0-9]{4})$")
_COORDINATE = re.compile(r"^[+-]?[0-9]{1,3}(?:[.,][0-9]+)?$")
_POSTCODE_TOWN = re.compile(r"^(?:(?P<street>.*\S)\s+)?(?P<postcode>[0-9]{5})\s+(?P<town>\S.*)$")
_URL_SPLIT = re.compile(r"\s+|;\s*(?=https?://)")
_URL_BAD_CHARS = re.compile(r"[\s<>\"`\\\x00-\x1f\x7f]")
_RANK = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}
_PRECISION_WORDS = {
    Precision.DAY: ("day", "tag", "taggenau", "d"),
    Precision.MONTH: ("month", "monat", "monatsgenau", "m"),
    Precision.YEAR: ("year", "jahr", "jahresgenau", "j"),
    Precision.APPROX: ("approx", "etwa", "ca", "circa", "ungefaehr", "about"),
    Precision.BEFORE: ("before", "spaetestens", "bis", "by"),
    Precision.UNKNOWN: ("unknown", "unbekannt"),
}
MIN_YEAR, MAX_YEAR = 1900, 2100
_UNKNOWN = FuzzyDate.unknown()


def parse_upload_date(text: str) -> FuzzyDate:
    """A date as people write it: `dd.mm.yyyy`, `d.m.yyyy`, `yyyy-mm-dd` (also with a time, as
    Excel exports it), `yyyy-mm`, `mm/yyyy`, `mm.yyyy` or `yyyy`; empty means unknown.

    The precision follows the form (day, month or year). Raises ValueError for other forms,
    impossible dates (31.02.2015, 13/2015) and years outside 1900..2100.
    """
    text = text.strip()
    if not text:
        return FuzzyDate.unknown()
    _only_ascii_digits(text)
    if match := _DAY_FIRST.match(text):
        day, month, year = match.groups()
        parts: tuple[str, ...] = (year, month, day)
    elif match := _ISO_DAY.match(text):
        parts = match.groups()[:3]
        if match["hour"] is not None:
            try:
                dt.time(int(match["hour"]), int(match["minute"]), int(match["second"] or 0))
            except ValueError:
                time = text[match.start("hour") :]
                raise ValueError(f"has an impossible time of day ({time!r})") from None
    elif match := _ISO_MONTH.match(text):
        parts = match.groups()
    elif match := _MONTH_YEAR.match(text):
        month, year = match.groups()
        parts = (year, month)
    elif match := _YEAR.match(text):
        parts = match.groups()
    else:
        raise ValueError(
            "is not a date (use dd.mm.yyyy, yyyy-mm-dd, mm/yyyy, mm.yyyy or yyyy)"
        ) from None
    year_number = int(parts[0])
    if not MIN_YEAR <= year_number <= MAX_YEAR:
        raise ValueError(f"year {year_number} is outside {MIN_YEAR}..{MAX_YEAR}")
    iso = "-".join([parts[0], *(f"{int(p):02d}" for p in parts[1:])])
    first, last, count = parse_partial_date(iso)
    precision = {1: Precision.YEAR, 2: Precision.MONTH, 3: Precision.DAY}[count]
    return FuzzyDate(iso, precision, first, last)


def _precision(text: str) -> Precision | None:
    """The precision named in a cell (German or English), None when empty."""
    key = "".join(_normalise(text))
    if not key:
        return None
    for precision, words in _PRECISION_WORDS.items():
        if key in words:
            return precision
    allowed = "day/Tag, month/Monat, year/Jahr, approx/etwa, before/spätestens, unknown/unbekannt"
    raise ValueError(f"is not a precision ({allowed})")


def _with_precision(date: FuzzyDate, precision: Precision | None) -> FuzzyDate:
    """Apply a precision column: coarser precisions (and approx/before) override the date's
    own; a finer one is ignored, because a precision never adds detail the date lacks."""
    if precision is None or not date.is_known:
        return date
    if precision is Precision.UNKNOWN:
        raise ValueError("the precision is 'unknown' but a start date is given")
    if precision in (Precision.APPROX, Precision.BEFORE):
        return FuzzyDate.parse(date.text, precision.value)
    if _RANK[precision] > _RANK[date.precision]:
        keep = {Precision.MONTH: 7, Precision.YEAR: 4}[precision]
        return FuzzyDate.parse(date.text[:keep], precision.value)
    return date


def _only_ascii_digits(text: str) -> None:
    """Refuse digits other than 0-9 by name: "٢٠١٦" looks like a number but is none here."""
    other = next((c for c in text if c.isdigit() and not c.isascii()), None)
    if other is not None:
        name = unicodedata.name(other, f"U+{ord(other):04X}").lower()
        raise ValueError(f"contains the digit {other!r} ({name}); write the digits 0-9")


def _coordinate(text: str) -> float:
    """A decimal number with a point or a comma ("51,43"), in the digits 0-9."""
    _only_ascii_digits(text)
    if not _COORDINATE.match(text):
        raise ValueError("is not a decimal number (like 51.43 or 51,43)")
    return float(text.replace(",", "."))


def _sources(text: str) -> tuple[str, ...]:
    """http(s) URLs separated by spaces (or `;`); anything else is refused, naming it."""
    urls = tuple(u for u in _URL_SPLIT.split(text) if u)
    for url in urls:
        parts = urlsplit(url)
        if (
            parts.scheme.casefold() not in ("http", "https")
            or not parts.netloc
            or _URL_BAD_CHARS.search(url)
        ):
            raise ValueError(f"{url!r} is not an http(s) URL")
    return urls


def _split_address(address: str) -> tuple[str, str, str]:
    """(street, postcode, town) from "Street 1, 12345 Town" and similar forms."""
    parts = [p.strip() for p in address.split(",") if p.strip()]
    if not parts:
        return "", "", ""
    last = parts[-1]
    match = _POSTCODE_TOWN.match(last)
    if match:
        street = ", ".join([*parts[:-1], *([match["street"]] if match["street"] else [])])
        return street, match["postcode"], match["town"]
    if len(parts) == 1:
        # A lone part with a digit is a street ("Markt 1"), else a town ("Kleve").
        return (last, "", "") if re.search(r"[0-9]", last) else ("", "", last)
    return ", ".join(parts[:-1]), "", last


# --------------------------------------------------------------------------- building sites


@dataclass(frozen=True)
class UploadResult:
    """The usable sites of an upload, the rows that could not be used, and why.

    `centres` have coordinates; `missing_coordinates` have an address but no coordinates
    (lat/lon are NaN) and can be geocoded on demand; every other row is in `problems`.
    `row_ids` maps a centre's id to the file's own id where an id column is mapped.
    """

    filename: str
    rows: int
    centres: tuple[Centre, ...]
    missing_coordinates: tuple[Centre, ...]
    problems: tuple[DataProblem, ...]
    row_ids: dict[str, str]

    @property
    def bad_lines(self) -> tuple[int, ...]:
        """The lines that were left out because of a problem, sorted."""
        return tuple(sorted({p.line for p in self.problems if p.line is not None}))


def build_sites(
    table: RawTable,
    mapping: Mapping[str, str | None],
    *,
    boundaries: Boundaries | None,
    filename: str,
    limits: UploadLimits | None = None,
    lang: str = "en",
) -> UploadResult:
    """Turn a table into centres using `mapping` (field -> column or None).

    Raises `DataFileError` when the mapping itself is unusable (a required field or any way to
    place a site is missing, a column is used twice or does not exist), or when the dates of the
    usable rows span more than `limits` allow (the message in `lang`). Row by row, a row with
    any problem is left out and reported; nothing is guessed or silently fixed. An empty start
    is kept as unknown. Each centre's Kreis comes from `boundaries` (empty when none contains it,
    or when there are no Kreis polygons).
    """
    limits = limits or UploadLimits()
    columns = _check_mapping(table, mapping, filename)
    problems: list[DataProblem] = []
    usable: list[tuple[_Row, dict[str, Any]]] = []
    row_ids: dict[str, str] = {}
    seen_places: dict[tuple[Any, ...], int] = {}
    seen_ids: dict[str, int] = {}
    for line, cells in zip(table.lines, table.rows, strict=True):
        row = _Row(line, {f: cells[i] for f, i in columns.items()}, mapping, filename, limits)
        fields = row.fields()
        user_id = row.text("id")
        if user_id:
            key = _comparable(user_id)
            if key in seen_ids:
                row.fail("id", f"duplicate of line {seen_ids[key]}")
            else:
                seen_ids[key] = line
        if fields is not None:
            place = _place_key(fields)
            if place in seen_places:
                row.fail("name", f"duplicate of line {seen_places[place]} (same name and place)")
            else:
                seen_places[place] = line
        problems += row.problems
        if fields is None or row.problems:
            continue
        if user_id:
            row_ids[fields["id"]] = user_id
        usable.append((row, fields))
    located = [(row, fields) for row, fields in usable if not math.isnan(fields["lat"])]
    for row, fields in _outside_kreise(located, boundaries):
        row.fail(
            "lat",
            "lies outside NRW (in none of its Kreise and kreisfreie Städte)",
            f"lat {row.text('lat')}, lon {row.text('lon')}",
        )
        problems += row.problems
        row_ids.pop(fields["id"], None)
    usable = [(row, fields) for row, fields in usable if not row.problems]
    dates = [
        _DateCell(fields[field], row.line, mapping.get(field))
        for row, fields in usable
        for field in ("start", "approval")
        if fields[field].is_known
    ]
    _check_date_span(dates, filename, limits, lang)
    return UploadResult(
        filename,
        len(table.rows),
        tuple(Centre(**fields) for _, fields in usable if not math.isnan(fields["lat"])),
        tuple(Centre(**fields) for _, fields in usable if math.isnan(fields["lat"])),
        tuple(sorted(problems, key=lambda p: p.line or 0)),
        row_ids,
    )


@dataclass(frozen=True)
class _DateCell:
    """A known date of a usable row, with the line and column it was read from."""

    date: FuzzyDate
    line: int
    column: str | None

    @property
    def first_day(self) -> dt.date:
        """The earliest day the date can mean (its last day for a `before` bound)."""
        return self.date.earliest or self.last_day

    @property
    def last_day(self) -> dt.date:
        """The latest day the date can mean; every known date has one."""
        assert self.date.latest is not None
        return self.date.latest


def _check_date_span(
    dates: Sequence[_DateCell], filename: str, limits: UploadLimits, lang: str
) -> None:
    """Refuse dates reaching further than `limits.max_date_span_years` from the earliest to the
    latest day, naming both dates with their places and the limit."""
    if not dates:
        return
    first = min(dates, key=lambda cell: cell.first_day)
    last = max(dates, key=lambda cell: cell.last_day)
    years = limits.max_date_span_years
    start, end = first.first_day, last.last_day
    # Compared as (year, month, day): 29 February plus whole years needs no real date.
    if (end.year, end.month, end.day) <= (start.year + years, start.month, start.day):
        return
    message = t(
        "upload_date_span_too_long",
        lang,
        years=years,
        first=first.date.describe(lang),
        first_line=first.line,
        first_column=first.column,
        last=last.date.describe(lang),
        last_line=last.line,
        last_column=last.column,
    )
    _fail(filename, None, None, None, message)


def _check_mapping(
    table: RawTable, mapping: Mapping[str, str | None], filename: str
) -> dict[str, int]:
    """The column index of each mapped field; `DataFileError` listing what does not fit."""
    problems: list[DataProblem] = []
    index = {name: i for i, name in enumerate(table.columns)}
    chosen: dict[str, int] = {}
    used_by: dict[str, str] = {}
    for field, column in mapping.items():
        if field not in FIELDS:
            problems.append(DataProblem(filename, 1, None, field, "is not a known field"))
        elif column is None or column == "":
            continue
        elif column not in index:
            problems.append(
                DataProblem(filename, 1, column, column, f"no such column (mapped to '{field}')")
            )
        elif column in used_by:
            problems.append(
                DataProblem(
                    filename,
                    1,
                    column,
                    column,
                    f"column used for both '{used_by[column]}' and '{field}'",
                )
            )
        else:
            chosen[field], used_by[column] = index[column], field
    for field in REQUIRED_FIELDS:
        if field not in chosen and mapping.get(field) is None:
            problems.append(
                DataProblem(
                    filename,
                    1,
                    None,
                    None,
                    f"required column '{field}' is missing (recognised headers: "
                    + ", ".join(_SYNONYMS[field][:4])
                    + ")",
                )
            )
    has_lat, has_lon = "lat" in chosen, "lon" in chosen
    if has_lat != has_lon:
        lacking = "lon" if has_lat else "lat"
        problems.append(
            DataProblem(
                filename, 1, None, None, f"'lat' and 'lon' go together: '{lacking}' is missing"
            )
        )
    if not (has_lat and has_lon) and not ({"address", "town"} & set(chosen)):
        problems.append(
            DataProblem(
                filename,
                1,
                None,
                None,
                "sites cannot be placed: map either 'lat' and 'lon' or an 'address'/'town' column",
            )
        )
    if problems:
        raise DataFileError(problems)
    return chosen


class _Row:
    """One data row being converted; collects its problems with file, line, column and value."""

    def __init__(
        self,
        line: int,
        cells: dict[str, str],
        mapping: Mapping[str, str | None],
        file: str,
        limits: UploadLimits,
    ) -> None:
        self.line, self.cells, self.mapping, self.file = line, cells, mapping, file
        self.limits = limits
        self.problems: list[DataProblem] = []

    def text(self, field: str) -> str:
        return self.cells.get(field, "").strip()

    def fail(self, field: str, message: str, value: str | None = None) -> None:
        shown = self.cells.get(field, "") if value is None else value
        self.problems.append(
            DataProblem(self.file, self.line, self.mapping.get(field), shown, message)
        )

    def convert(self, field: str, convert: Callable[[str], Any], default: Any) -> Any:
        try:
            return convert(self.text(field))
        except ValueError as exc:
            self.fail(field, str(exc))
            return default

    def fields(self) -> dict[str, Any] | None:
        """The row as `Centre` fields (Kreis still empty), or None when a cell has a problem."""
        for field, cell in self.cells.items():
            limit = self.limits.max_cell_chars if field == "source" else self.limits.max_text_chars
            if len(cell) > limit:
                self.fail(field, _too_long(cell, limit), _start_of(cell))
        if self.problems:
            return None
        name = self.text("name")
        if not name:
            self.fail("name", "must not be empty")
        start = self.convert("start", parse_upload_date, _UNKNOWN)
        precision = self.convert("precision", _precision, None)
        try:
            start = _with_precision(start, precision)
        except ValueError as exc:
            self.fail("precision", str(exc))
        approval = self.convert("approval", parse_upload_date, _UNKNOWN)
        sources = self.convert("source", _sources, ()) if self.text("source") else ()
        street, postcode, town = _split_address(self.text("address"))
        postcode = self.text("postcode") or postcode
        town = self.text("town") or town
        lat, lon = self._coordinates(bool(street or postcode or town))
        if self.problems:
            return None
        return {
            "id": f"upload-{self.line}",
            "ars": "",
            "territory": "",
            "territory_type": "",
            "regierungsbezirk": "",
            "name": name,
            "street": street,
            "postcode": postcode,
            "town": town,
            "lat": lat,
            "lon": lon,
            "coord_precision": "" if math.isnan(lat) else "address",
            "coord_source": "" if math.isnan(lat) else "upload",
            "approval": approval,
            "start": start,
            "start_alt": _UNKNOWN,
            "sequence_no": None,
            "predecessor": "",
            "sources": sources,
            "notes": "",
        }

    def _coordinates(self, has_address: bool) -> tuple[float, float]:
        lat_text, lon_text = self.text("lat"), self.text("lon")
        if not lat_text and not lon_text:
            if not has_address:
                field = next((f for f in ("lat", "address", "town") if self.mapping.get(f)), "lat")
                self.fail(field, "has neither coordinates (lat/lon) nor an address")
            return math.nan, math.nan
        if not lat_text or not lon_text:
            self.fail("lon" if lat_text else "lat", "is empty while the other coordinate is given")
            return math.nan, math.nan
        lat = self.convert("lat", _coordinate, None)
        lon = self.convert("lon", _coordinate, None)
        if lat is None or lon is None:
            return math.nan, math.nan
        south, west, north, east = NRW_BBOX
        inside = south <= lat <= north and west <= lon <= east
        if not inside:
            pair = f"lat {lat_text}, lon {lon_text}"
            if south <= lon <= north and west <= lat <= east:
                self.fail(
                    "lat", "lat and lon swapped? they lie in NRW only the other way round", pair
                )
            else:
                self.fail(
                    "lat",
                    f"lies outside NRW (lat {south}–{north}, lon {west}–{east})",
                    pair,
                )
            return math.nan, math.nan
        return lat, lon


def _place_key(fields: Mapping[str, Any]) -> tuple[Any, ...]:
    name = _comparable(fields["name"])
    if math.isnan(fields["lat"]):
        address = (fields["street"], fields["postcode"], fields["town"])
        return (name, *(_comparable(part) for part in address))
    return (name, round(fields["lat"], 5), round(fields["lon"], 5))


_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def _comparable(text: str) -> str:
    """Text as a person reads it, for finding duplicates: NFKC (a decomposed "ü" and a
    precomposed one, fullwidth letters), without zero-width characters, spaces collapsed,
    case folded."""
    text = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH)
    return " ".join(text.split()).casefold()


def _kreis_names(boundaries: Boundaries | None) -> dict[str, str]:
    if boundaries is None:
        return {}
    return {
        str(f["properties"]["ars"]): str(f["properties"].get("name", ""))
        for f in boundaries.kreise["features"]
    }


def _outside_kreise(
    rows: Sequence[tuple[_Row, dict[str, Any]]], boundaries: Boundaries | None
) -> list[tuple[_Row, dict[str, Any]]]:
    """Set each located row's Kreis key and name from one bulk spatial query; return the rows
    in no Kreis. Without Kreis polygons nothing is set or returned (the NRW box was checked)."""
    if boundaries is None or not boundaries.has_kreise or not rows:
        return []
    index = build_kreis_index(boundaries)
    points = shapely.points([f["lon"] for _, f in rows], [f["lat"] for _, f in rows])
    hit_rows, hit_areas = index.tree.query(points, predicate="intersects")
    found: dict[int, str] = {}
    for row, area in zip(hit_rows.tolist(), hit_areas.tolist(), strict=True):
        ars = index.ars[area]
        found[row] = min(ars, found.get(row, ars))  # the same tie-break as point_in_kreis
    names = _kreis_names(boundaries)
    for i, ars in found.items():
        rows[i][1]["ars"], rows[i][1]["territory"] = ars, names.get(ars, "")
    return [pair for i, pair in enumerate(rows) if i not in found]


def _kreis_of(boundaries: Boundaries | None, lat: float, lon: float) -> str | None:
    """The Kreis key of a point in NRW, "" when there are no Kreis polygons to tell, None when
    the point is outside NRW (in no Kreis, or without polygons outside the NRW box)."""
    if boundaries is None or not boundaries.has_kreise:
        south, west, north, east = NRW_BBOX
        return "" if south <= lat <= north and west <= lon <= east else None
    return point_in_kreis(boundaries, lat, lon)


# --------------------------------------------------------------------------- timeline


def upload_timeline(centres: Sequence[Centre], *, label: str = "upload") -> Timeline:
    """A timeline of uploaded sites, each with the window of its own dates only.

    Unknown starts open at the earliest known start or approval date in the data, so they
    show as uncertain over the whole span. Raises `DataFileError` when no site has any known
    date (there is nothing to replay).
    """
    known = [
        day
        for c in centres
        for d in (c.start, c.approval)
        if d.is_known
        for day in (d.earliest or d.latest,)
        if day is not None
    ]
    if not known:
        _fail(
            label, None, None, None, "nothing to replay: no site has a known start or approval date"
        )
    return Timeline(centres, window_of=functools.partial(own_window, floor=min(known)))


# --------------------------------------------------------------------------- geocoding


@dataclass(frozen=True)
class GeocodeOutcome:
    """Where geocoding left the sites without coordinates, and why it stopped (if it did).

    `stopped` is None (every row was asked), "cancelled" or "offline" (a geopy service error
    ended the run; `error` says which). `not_asked` are the rows left when it stopped.
    """

    located: tuple[Centre, ...]
    not_found: tuple[Centre, ...]
    outside_nrw: tuple[Centre, ...]
    not_asked: tuple[Centre, ...]
    stopped: str | None = None
    error: str = ""

    @property
    def missing(self) -> int:
        """How many rows still have no coordinates (and are not shown)."""
        return len(self.not_found) + len(self.outside_nrw) + len(self.not_asked)

    def describe(self, lang: str = "de") -> str:
        """One sentence for the user: how many were found and how many are not shown."""
        total = len(self.located) + self.missing
        if self.stopped == "offline":
            return t("upload_geocode_offline", lang, missing=self.missing)
        if self.stopped == "cancelled":
            return t(
                "upload_geocode_cancelled", lang, found=len(self.located), missing=self.missing
            )
        return t(
            "upload_geocode_done", lang, found=len(self.located), total=total, missing=self.missing
        )

    @property
    def message(self) -> str:
        """`describe` in English, with the service's error appended."""
        text = self.describe("en")
        return f"{text} ({self.error})" if self.error else text


def geocode_missing(
    centres: Sequence[Centre],
    geocode: Callable[[Mapping[str, str]], Any],
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    boundaries: Boundaries | None,
) -> GeocodeOutcome:
    """Find coordinates for sites with an address but none, one geocode call per site.

    `geocode` takes a structured query (`geo.ingest.geocode.structured_query`) and returns
    None or an object with `latitude`/`longitude` (geopy style); rate limiting is the caller's. Hits
    outside NRW are rejected. `cancelled()` is asked before each call; a geopy service error
    (timeout, 429, unavailable, ...) stops the run. Either way, what was found is kept.
    `progress(done, total)` is called after each site.
    """
    todo = [c for c in centres if math.isnan(c.lat) or math.isnan(c.lon)]
    kreis_names = _kreis_names(boundaries)
    located: list[Centre] = []
    not_found: list[Centre] = []
    outside: list[Centre] = []
    for done, centre in enumerate(todo):
        if cancelled():
            return GeocodeOutcome(
                tuple(located), tuple(not_found), tuple(outside), tuple(todo[done:]), "cancelled"
            )
        try:
            answer = geocode(structured_query(centre))
        except GeopyError as exc:
            return GeocodeOutcome(
                tuple(located),
                tuple(not_found),
                tuple(outside),
                tuple(todo[done:]),
                "offline",
                _failure(exc),
            )
        position = _answer_position(answer)
        if position is None:
            not_found.append(centre)
        else:
            lat, lon = position
            ars = _kreis_of(boundaries, lat, lon)
            if ars is not None:
                located.append(
                    dataclasses.replace(
                        centre,
                        lat=round(lat, 5),
                        lon=round(lon, 5),
                        ars=ars,
                        territory=kreis_names.get(ars, ""),
                        coord_precision="address" if centre.street else "town",
                        coord_source="nominatim",
                    )
                )
            else:
                outside.append(centre)
        if progress is not None:
            progress(done + 1, len(todo))
    return GeocodeOutcome(tuple(located), tuple(not_found), tuple(outside), ())


def _answer_position(answer: Any) -> tuple[float, float] | None:
    """(lat, lon) of a geocoder's answer; None for no answer or one that is not a finite number
    ("nan", "inf", garbage), which counts as not found rather than crashing the map."""
    if answer is None:
        return None
    try:
        lat, lon = float(answer.latitude), float(answer.longitude)
    except (TypeError, ValueError, AttributeError):
        return None
    return (lat, lon) if math.isfinite(lat) and math.isfinite(lon) else None


def _failure(exc: GeopyError) -> str:
    if isinstance(exc, GeocoderTimedOut):
        return "the geocoding service did not answer in time"
    if isinstance(exc, GeocoderRateLimited):
        return "the geocoding service is rate-limiting us (HTTP 429)"
    if isinstance(exc, GeocoderUnavailable):
        return "the geocoding service is not reachable (offline?)"
    if isinstance(exc, GeocoderServiceError):
        return f"the geocoding service failed: {exc}"
    return f"geocoder error: {exc}"


# --------------------------------------------------------------------------- example file

_SAMPLE_ROWS = (
    ("Name", "Adresse", "Breitengrad", "Längengrad", "Start", "Bewilligung", "Quelle"),
    ("Beispieltreff Kleve", "Nassauerallee 15, 47533 Kleve", "51,78826", "6,13865",
     "01.03.2018", "15.12.2017", "https://www.example.org/kleve"),
    ("Nachbarschaftszentrum Münster", "Klemensstraße 10, 48143 Münster", "51,96236", "7,62571",
     "15.09.2013", "01.06.2013", "https://www.example.org/muenster"),
    ("Begegnungsstätte Bielefeld", "Niederwall 23, 33602 Bielefeld", "52,02113", "8,53543",
     "01.02.2014", "", "https://www.example.org/bielefeld"),
    ("Stadtteilbüro Köln-Kalk", "Kalker Hauptstraße 247, 51103 Köln", "50,93838", "7,00513",
     "12.05.2015", "20.01.2015", "https://www.example.org/koeln"),
    ("Integrationspunkt Dortmund", "Friedensplatz 1, 44135 Dortmund", "51,51223", "7,46613",
     "02.11.2016", "01.07.2016", "https://www.example.org/dortmund"),
)  # fmt: skip


def sample_csv() -> bytes:
    """A small German example upload (5 sites, `;`, dd.mm.yyyy, decimal commas), UTF-8 with a
    BOM so Excel opens the umlauts correctly."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(_SAMPLE_ROWS)
    return buffer.getvalue().encode("utf-8-sig")
