"""Reading an uploaded CSV into a `RawTable`: its encoding (also UTF-16 and Windows-1252), binary
data, the separator (`;`, `,` or tab, decimal commas notwithstanding) and the line of each record.
"""

from __future__ import annotations

__all__ = ["read_csv"]

import csv
import io
import re
from collections.abc import Iterator
from typing import Any

from geo.i18n import Message
from geo.ingest.rawtable import RawTable, refuse, table_from_records
from geo.ingest.upload_limits import UploadLimits
from geo.sources.csvfile import decode_text

_SEPARATORS = (";", ",", "\t")
_SNIFF_CHARS = 20_000
# C0 control characters never occur in a text file (tab, CR and LF aside). C1 (0x80-0x9f) are
# allowed: Latin-1, the last fallback, maps the bytes Windows-1252 leaves undefined there.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_csv(data: bytes, filename: str, limits: UploadLimits) -> RawTable:
    """The table of a CSV upload (its extension already checked by `read_table`)."""
    text, encoding = _decode(data, filename)
    control = _CONTROL.search(text)
    if control is not None:
        line = text[: control.start()].count("\n") + 1
        value = Message("problem_character_value", code=f"U+{ord(control.group()):04X}")
        refuse(filename, line, None, value, Message("problem_control_characters"))
    if not text.strip():
        refuse(filename, None, None, None, Message("problem_file_empty"))
    separator = _guess_separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    size = Message("problem_lines_value", lines=text.count(chr(10)) + 1)
    return table_from_records(
        _csv_records(reader, filename, limits.max_cell_chars),
        filename,
        limits,
        encoding=encoding,
        separator=separator,
        kind="csv",
        size=size,
    )


def _decode(data: bytes, filename: str) -> tuple[str, str]:
    """The text and the encoding that read it: UTF-8 (BOM or not), UTF-16, cp1252, latin-1.

    Unlike the project's own data files, uploads come from Excel and older tools: UTF-16 (with
    its BOM) and the Windows-1252/Latin-1 fallbacks are read too.
    """
    if data.startswith(b"PK\x03\x04"):
        refuse(filename, None, None, None, Message("problem_zip_not_csv"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            refuse(filename, None, None, None, Message("problem_binary"))
    return decode_text(data, filename, fallbacks=("cp1252", "latin-1"))


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
                message = Message("problem_csv_cell_limit", limit=limit)
                refuse(filename, line, None, None, message)
            refuse(filename, line, None, None, Message("problem_not_csv", error=str(exc)))
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
