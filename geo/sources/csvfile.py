"""Reading CSV data files with exact line numbers and clear errors, shared by every loader.

Loaders get header-checked rows with the physical line each row starts on; anything that stops
the file from being read at all (encoding, separator, empty file, columns) is a `DataFileError`.
"""

from __future__ import annotations

__all__ = [
    "MAX_CSV_BYTES",
    "CsvRow",
    "decode_text",
    "read_csv_rows",
    "read_file_bytes",
    "rows_to_csv_text",
]

import codecs
import contextlib
import csv
import errno
import io
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from geo.errors import DataFileError, DataProblem
from geo.i18n import Message

# The data files are tens of KB; anything this big is the wrong file, and is refused before it
# is read into memory (and before a flood of one problem per row).
MAX_CSV_BYTES = 20_000_000


@dataclass(frozen=True)
class CsvRow:
    """One data row: its cells by column name and the line of the file it starts on."""

    line: int
    cells: dict[str, str]


def read_csv_rows(
    path: Path,
    columns: Sequence[str],
    *,
    label: str | None = None,
    max_bytes: int = MAX_CSV_BYTES,
) -> list[CsvRow]:
    """Read `path`, require exactly `columns` in that order, and return the data rows.

    `label` is how the file is named in messages (defaults to the file name). A file larger
    than `max_bytes`, or that is not a regular file, is refused (see `read_file_bytes`).
    """
    path = Path(path)
    name = label or path.name
    return parse_csv_bytes(read_file_bytes(path, name, max_bytes=max_bytes), columns, name)


# What a path that is not a regular file is, for the message that refuses it.
_NOT_REGULAR = (
    (stat.S_ISFIFO, {"de": "eine benannte Pipe", "en": "a named pipe"}),
    (stat.S_ISCHR, {"de": "ein zeichenorientiertes Gerät", "en": "a character device"}),
    (stat.S_ISBLK, {"de": "ein blockorientiertes Gerät", "en": "a block device"}),
    (stat.S_ISSOCK, {"de": "ein Socket", "en": "a socket"}),
)
_NOT_A_FILE = {"de": "keine Datei", "en": "not a file"}
# The operating system's reasons for the common failures, in German (English: its own words).
_GERMAN_REASONS = {
    errno.ENOENT: "Datei oder Ordner nicht gefunden",
    errno.EACCES: "keine Leseberechtigung",
    errno.EPERM: "keine Berechtigung",
    errno.EISDIR: "ein Ordner, keine Datei",
    errno.ENOTDIR: "ein Teil des Pfads ist kein Ordner",
}


def read_file_bytes(
    path: Path,
    name: str,
    *,
    max_bytes: int = MAX_CSV_BYTES,
    error: type[DataFileError] = DataFileError,
) -> bytes:
    """The bytes of the regular file `path` (links followed), at most `max_bytes` of them.

    Raises `error` naming `name` for a path that is missing or unreadable, that is not a regular
    file (a directory, named pipe, device or socket: reading one could block forever or never
    end), or that holds more than `max_bytes`. The size is checked before reading, and the read
    stops one byte past the limit, so a file whose size is wrong or that grows is capped too.
    """
    try:
        _check_regular(os.stat(path))
        # Non-blocking, so a named pipe swapped in after the check cannot wait for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(fd)
            _check_regular(info)
            # Not read at all if the size is too large, else at most one byte past the limit.
            raw = None if info.st_size > max_bytes else handle.read(max_bytes + 1)
    except OSError as exc:
        raise error(
            [
                DataProblem(
                    name, None, None, None, Message("problem_cannot_read", reason=_reason(exc))
                )
            ]
        ) from None
    if raw is None or len(raw) > max_bytes:
        limit = _megabytes(f"{max_bytes / 1e6:g}")
        message = (
            Message("problem_too_large", size=_megabytes(f"{info.st_size / 1e6:.1f}"), limit=limit)
            if raw is None
            else Message("problem_too_large_growing", limit=limit)
        )
        raise error([DataProblem(name, None, None, None, message)])
    return raw


def _megabytes(figure: str) -> dict[str, str]:
    """A figure of megabytes as each language writes it (a decimal comma in German)."""
    return {"de": figure.replace(".", ","), "en": figure}


def _reason(exc: OSError) -> str | dict[str, str]:
    """Why the operating system refused a file: our own words, or its words (in German too for
    the common ones)."""
    if isinstance(exc.strerror, Message):
        return exc.strerror
    english = exc.strerror or str(exc)
    german = _GERMAN_REASONS.get(exc.errno) if exc.errno is not None else None
    return {"de": german, "en": english} if german else english


def _check_regular(info: os.stat_result) -> None:
    """Raise an OSError saying what the path is unless it is a regular file."""
    if stat.S_ISREG(info.st_mode):
        return
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
    kind = next((what for test, what in _NOT_REGULAR if test(info.st_mode)), _NOT_A_FILE)
    raise OSError(errno.EINVAL, Message("problem_not_regular", kind=kind))


def parse_csv_bytes(raw: bytes, columns: Sequence[str], name: str) -> list[CsvRow]:
    """Parse CSV bytes that must be UTF-8 (a BOM is accepted) with exactly `columns`."""
    text, _ = decode_text(raw, name)
    if not text.strip():
        raise DataFileError([DataProblem(name, None, None, None, Message("problem_file_empty"))])
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        message = Message("problem_not_csv", error=str(exc))
        raise DataFileError([DataProblem(name, 1, None, None, message)]) from None
    _check_header(header, columns, name)
    rows: list[CsvRow] = []
    problems: list[DataProblem] = []
    start = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            message = Message("problem_not_csv", error=str(exc))
            problems.append(DataProblem(name, start, None, None, message))
            break
        if cells and any(c.strip() for c in cells):
            if len(cells) != len(columns):
                problems.append(
                    DataProblem(
                        name,
                        start,
                        None,
                        None,
                        Message("problem_row_cells", cells=len(cells), columns=len(columns)),
                    )
                )
            else:
                rows.append(CsvRow(start, dict(zip(columns, cells, strict=True))))
        start = reader.line_num + 1
    if problems:
        raise DataFileError(problems)
    return rows


def rows_to_csv_text(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Serialise rows as CSV text with a header, `\\n` line ends and minimal quoting."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


def decode_text(
    raw: bytes,
    name: str,
    *,
    fallbacks: Sequence[str] = (),
    error: type[DataFileError] = DataFileError,
) -> tuple[str, str]:
    """The text of `raw` and the encoding that read it: UTF-8 (a BOM is accepted and dropped),
    else the first of `fallbacks` that decodes (none after a BOM, which says the file is UTF-8).

    Raises `error` naming `name`, the line and the byte for a NUL byte anywhere (binary data)
    or for bytes that no encoding tried can read.
    """
    nul = raw.find(b"\x00")
    if nul >= 0:
        # Anywhere, not only near the start: a NUL inside a cell would otherwise pass as text.
        line = raw[:nul].count(b"\n") + 1
        message = Message("problem_binary_text")
        raise error(
            [DataProblem(name, line, None, Message("problem_byte_value", byte="00"), message)]
        )
    # Decoded after the BOM rather than as "utf-8-sig", whose error positions leave it out.
    bom = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    try:
        return raw[bom:].decode("utf-8"), "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError as exc:
        bad_at = bom + exc.start  # the message names where UTF-8 breaks, whatever the fallbacks do
    for encoding in () if bom else fallbacks:
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode(encoding), encoding
    line = raw[:bad_at].count(b"\n") + 1
    bad = raw[bad_at : bad_at + 1].hex()
    raise error(
        [
            DataProblem(
                name,
                line,
                None,
                Message("problem_byte_value", byte=bad),
                Message("problem_not_unicode"),
            )
        ]
    )


def _check_header(header: list[str], columns: Sequence[str], name: str) -> None:
    header = [h.strip() for h in header]
    if header == list(columns):
        return
    if len(header) == 1 and ";" in header[0] and header[0].split(";")[0] == columns[0]:
        raise DataFileError([DataProblem(name, 1, None, None, Message("problem_semicolons"))])
    problems = [
        DataProblem(name, 1, col, None, Message("problem_column_missing"))
        for col in columns
        if col not in header
    ]
    problems += [
        DataProblem(name, 1, col, None, Message("problem_column_unexpected"))
        for col in header
        if col not in columns
    ]
    if not problems:
        problems.append(
            DataProblem(
                name,
                1,
                None,
                ",".join(header),
                Message("problem_columns_order", columns=",".join(columns)),
            )
        )
    raise DataFileError(problems)
