"""The entry point for an uploaded file's bytes: refuse unsupported formats, empty files and
files over the size limit, then read a CSV or an .xlsx into a `RawTable`."""

from __future__ import annotations

__all__ = ["read_table"]

from geo.i18n import Message
from geo.ingest.csvtable import read_csv
from geo.ingest.rawtable import RawTable, refuse
from geo.ingest.upload_limits import UploadLimits
from geo.ingest.xlsx import read_xlsx

_CSV_EXTENSIONS = ("csv", "tsv", "txt")
_REFUSED_FORMATS = {
    "xls": "problem_format_xls",
    "xlsm": "problem_format_xlsm",
    "xlsb": "problem_format_xlsb",
    "ods": "problem_format_ods",
    "numbers": "problem_format_numbers",
}


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
        refuse(filename, None, None, filename, Message(_REFUSED_FORMATS[extension]))
    if extension not in (*_CSV_EXTENSIONS, "xlsx"):
        message = (
            Message("problem_extension", extension=extension)
            if extension
            else Message("problem_no_extension")
        )
        refuse(filename, None, None, filename, message)
    if len(data) > limits.max_bytes:
        refuse(
            filename,
            None,
            None,
            Message("problem_bytes_value", bytes=len(data)),
            Message("problem_file_too_big", limit=limits.max_bytes),
        )
    if not data.strip():
        refuse(filename, None, None, None, Message("problem_file_empty"))
    if extension == "xlsx":
        return read_xlsx(data, filename, limits)
    return read_csv(data, filename, limits)
