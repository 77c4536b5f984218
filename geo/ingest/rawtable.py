"""The cells of an uploaded file as text (`RawTable`) and the checks every format shares: column
names, row widths, cell lengths and row counts, each failure naming file, line, column and value.
"""

from __future__ import annotations

__all__ = [
    "RawTable",
    "refuse",
    "start_of",
    "table_from_records",
    "too_long",
    "too_many_rows",
]

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NoReturn

from geo.errors import DataFileError, DataProblem
from geo.i18n import Message
from geo.ingest.upload_limits import UploadLimits


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


_SHOWN_CHARS = 40  # of a value too long to show whole


def refuse(
    file: str, line: int | None, column: str | None, value: str | None, message: Message
) -> NoReturn:
    """Raise `DataFileError` with this one problem: the upload cannot be read at all."""
    raise DataFileError([DataProblem(file, line, column, value, message)])


def table_from_records(
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
        refuse(filename, 1, None, None, Message("problem_no_header"))
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
            refuse(
                filename,
                line,
                None,
                None,
                Message("problem_total_chars", limit=limits.max_total_chars),
            )
        if not any(c.strip() for c in cells):
            continue
        if kind == "csv" and len(rows) + len(problems) >= limits.max_rows:
            too_many_rows(filename, line, limits, size)
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
                    Message("problem_row_width", cells=len(cells), width=width),
                )
            )
            continue
        rows.append(tuple(cells))
        lines.append(line)
    if problems:
        raise DataFileError(problems)
    if not rows:
        refuse(filename, None, None, None, Message("problem_no_rows"))
    return RawTable(columns, tuple(rows), encoding, separator, kind, tuple(lines))


def _check_lengths(
    cells: Sequence[str], columns: Sequence[str], filename: str, line: int, limit: int
) -> None:
    """Refuse the first cell longer than `limit` characters, naming its column (when it has
    one) and its first characters: one huge cell would otherwise end up on every page."""
    for position, cell in enumerate(cells):
        if len(cell) > limit:
            column = columns[position] if position < len(columns) else None
            refuse(filename, line, column, start_of(cell), too_long(cell, limit))


def _header(cells: list[str], filename: str, line: int, limits: UploadLimits) -> tuple[str, ...]:
    while cells and not cells[-1].strip():
        cells.pop()
    if len(cells) > limits.max_columns:
        refuse(
            filename,
            line,
            None,
            Message("problem_columns_value", columns=len(cells)),
            Message("problem_too_many_columns", limit=limits.max_columns),
        )
    names = [c.strip() for c in cells]
    problems: list[DataProblem] = []
    seen: dict[str, int] = {}
    for position, name in enumerate(names, start=1):
        if not name:
            problems.append(
                DataProblem(
                    filename, line, None, None, Message("problem_column_unnamed", position=position)
                )
            )
            continue
        key = name.casefold()
        if key in seen:
            problems.append(
                DataProblem(
                    filename,
                    line,
                    name,
                    name,
                    Message("problem_column_twice", position=seen[key]),
                )
            )
        else:
            seen[key] = position
    if problems:
        raise DataFileError(problems)
    return tuple(names)


def too_many_rows(filename: str, line: int, limits: UploadLimits, size: Message) -> NoReturn:
    """Refuse a file with more data rows than `limits.max_rows`, at the line reading stopped."""
    refuse(
        filename,
        line,
        None,
        size,
        Message("problem_too_many_rows", limit=limits.max_rows, line=line),
    )


def start_of(text: str) -> str:
    """The first characters of a value too long to show whole, with an ellipsis."""
    return text[:_SHOWN_CHARS] + "…" if len(text) > _SHOWN_CHARS else text


def too_long(text: str, limit: int) -> Message:
    """The message for a cell longer than `limit` characters."""
    return Message("problem_cell_too_long", chars=len(text), limit=limit)
