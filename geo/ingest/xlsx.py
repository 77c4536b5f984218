"""Reading an uploaded .xlsx into a `RawTable`, after checking the zip archive (unpacked sizes,
compression ratio) and streaming once over the sheet's XML, so a small file cannot unpack to
gigabytes or make openpyxl pad millions of cells."""

from __future__ import annotations

__all__ = ["read_xlsx"]

import datetime as dt
import io
import math
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NoReturn
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

from geo.errors import DataFileError
from geo.i18n import Message
from geo.ingest.rawtable import RawTable, refuse, table_from_records, too_many_rows
from geo.ingest.upload_limits import UploadLimits

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


def read_xlsx(data: bytes, filename: str, limits: UploadLimits) -> RawTable:
    """The table of the first worksheet of an .xlsx upload, values as text (dates as ISO)."""
    if not data.startswith(b"PK\x03\x04"):
        refuse(filename, None, None, None, Message("problem_not_zip"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except _XLSX_ERRORS as exc:
        refuse(filename, None, None, None, Message("problem_xlsx_damaged", error=str(exc)))
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
            refuse(filename, None, None, None, Message("problem_no_worksheet"))
        declared = _scan_sheet(archive, part, filename, limits)
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except DataFileError:
        raise
    except (*_XLSX_ERRORS, InvalidFileException) as exc:
        refuse(filename, None, None, None, Message("problem_xlsx_damaged", error=str(exc)))
    try:
        sheet = workbook.worksheets[0]
        size = (
            Message("problem_declared_rows_value", rows=declared)
            if declared
            else Message("problem_size_not_declared")
        )
        # A declared size that is too small must not cut rows off: read the rows as they are.
        sheet.reset_dimensions()
        records = enumerate(sheet.iter_rows(values_only=True, max_col=limits.max_columns), 1)
        texts = ((n, [_cell_text(v) for v in values]) for n, values in records)
        return table_from_records(
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
        refuse(filename, None, None, None, Message("problem_xlsx_damaged", error=str(exc)))
    finally:
        workbook.close()


def _check_parts(parts: Sequence[zipfile.ZipInfo], filename: str, limits: UploadLimits) -> None:
    """Refuse an archive before anything is unpacked when a part, or all together, would unpack
    to more than `limits` allow or a part packs suspiciously well (a zip bomb)."""
    for part in parts:
        name = part.filename
        allowed = limits.max_styles_bytes if name.endswith("styles.xml") else limits.max_part_bytes
        if part.file_size > allowed:
            refuse(
                filename,
                None,
                None,
                Message("problem_unpacked_value", bytes=part.file_size),
                Message("problem_part_too_big", part=name, limit=allowed),
            )
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > _RATIO_FLOOR_BYTES and ratio > limits.max_compression_ratio:
            refuse(
                filename,
                None,
                None,
                Message("problem_packed_value", bytes=part.file_size, packed=part.compress_size),
                Message(
                    "problem_part_ratio",
                    part=name,
                    ratio=round(ratio),
                    limit=limits.max_compression_ratio,
                ),
            )
    unpacked = sum(part.file_size for part in parts)
    if unpacked > limits.max_unpacked_bytes:
        refuse(
            filename,
            None,
            None,
            Message("problem_unpacked_value", bytes=unpacked),
            Message("problem_unpacked_too_big", limit=limits.max_unpacked_bytes),
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
                    Message("problem_cells_value", cells=total),
                    Message("problem_sheet_cells", limit=limits.max_sheet_cells),
                )
            ref = attributes.get("r")
            column = column_index_from_string(coordinate_from_string(ref)[0]) if ref else 0
            if max(cells, column) > columns:
                _sheet_too_big(
                    filename,
                    row_number,
                    ref or Message("problem_cell_value", cell=str(cells)),
                    Message("problem_sheet_columns", limit=columns),
                )
        elif tag == "row":
            row_number, cells = int(attributes.get("r") or row_number + 1), 0
            if row_number > rows:
                _sheet_too_big(
                    filename,
                    row_number,
                    Message("problem_row_value", row=row_number),
                    Message("problem_sheet_rows", limit=rows),
                )
        elif tag == "dimension":
            ref = attributes.get("ref", "")
            _, _, last_column, declared = range_boundaries(ref)
            if (declared or 0) > rows or (last_column or 0) > columns:
                _sheet_too_big(
                    filename,
                    None,
                    ref,
                    Message("problem_sheet_declared", ref=ref, rows=rows, columns=columns),
                )

    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = start
    with archive.open(part) as stream:
        parser.ParseFile(stream)
    return declared


def _sheet_too_big(
    filename: str, line: int | None, value: str | Message, message: Message
) -> NoReturn:
    refuse(filename, line, None, value, Message("problem_sheet_too_big", problem=message))


def _limited(
    records: Iterable[tuple[int, Sequence[Any]]], filename: str, limits: UploadLimits, size: str
) -> Iterator[tuple[int, Sequence[Any]]]:
    """Pass records through, stopping early once there are more data rows than allowed."""
    data_rows = 0
    for number, values in records:
        if number > 1 and any(v is not None and str(v).strip() for v in values):
            data_rows += 1
            if data_rows > limits.max_rows:
                too_many_rows(filename, number, limits, size)
        yield number, values


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
