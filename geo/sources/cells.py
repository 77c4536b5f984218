"""Reading the cells of one CSV row into typed values, shared by every loader and the data build.

`RowReader` converts cell by cell and collects each problem with its file, line, column and
value instead of stopping at the first, so one run reports everything that is wrong.
"""

from __future__ import annotations

__all__ = [
    "RowReader",
    "alt_date",
    "duplicate_problems",
    "required",
    "sequence_no",
    "source_urls",
]

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from geo.errors import DataProblem, said
from geo.i18n import Message
from geo.sources.csvfile import CsvRow
from geo.sources.fuzzydate import FuzzyDate, Precision, parse_partial_date

T = TypeVar("T")

_URL = re.compile(r"^https?://\S+$")
_PARTS_PRECISION = {1: Precision.YEAR, 2: Precision.MONTH, 3: Precision.DAY}


class RowReader:
    """Converts the cells of one row; `ok` is False once any cell failed."""

    def __init__(self, row: CsvRow, file: str, problems: list[DataProblem]) -> None:
        self.row, self.file, self.problems = row, file, problems
        self.ok = True

    def fail(self, column: str, message: str | Message) -> None:
        """Record a problem with the cell in `column`."""
        self.ok = False
        value = self.row.cells[column]
        self.problems.append(DataProblem(self.file, self.row.line, column, value, message))

    def get(self, column: str) -> str:
        """The cell's text without surrounding white space."""
        return self.row.cells[column].strip()

    def text(self, column: str, *, required: bool = True) -> str:
        """The cell's text; an empty required cell is a problem."""
        value = self.get(column)
        if required and not value:
            self.fail(column, Message("problem_empty_name"))
        return value

    def matching(
        self, column: str, pattern: re.Pattern[str], what: str, *, required: bool = True
    ) -> str:
        """The cell's text, which must match `pattern` (described as `what`) when not empty."""
        value = self.text(column, required=required)
        if value and not pattern.match(value):
            self.fail(column, f"is not {what}")
        return value

    def choice(self, column: str, allowed: tuple[str, ...]) -> str:
        """The cell's text, which must be one of `allowed`."""
        value = self.text(column)
        if value and value not in allowed:
            self.fail(column, Message("problem_one_of", allowed=", ".join(allowed)))
        return value

    def convert(self, column: str, convert: Callable[[str], T], default: T) -> T:
        """`convert(cell)`; a ValueError becomes a problem and `default` is returned."""
        try:
            return convert(self.get(column))
        except ValueError as exc:
            self.fail(column, said(exc))
            return default

    def fuzzy(self, date_column: str, precision_column: str) -> FuzzyDate:
        """A date and its precision from two cells; the precision is checked first."""
        precision = self.get(precision_column)
        try:
            Precision(precision)
        except ValueError:
            allowed = ", ".join(p.value for p in Precision)
            self.fail(precision_column, Message("problem_precision_one_of", allowed=allowed))
            return FuzzyDate.unknown()
        return self.convert(
            date_column, lambda text: FuzzyDate.parse(text, precision), FuzzyDate.unknown()
        )


def duplicate_problems(
    rows: Sequence[CsvRow], column: str, file: str, *, wording: str | None = None
) -> list[DataProblem]:
    """One problem per row whose `column` repeats an earlier row's value, naming that line."""
    first_line: dict[str, int] = {}
    problems = []
    for row in rows:
        value = row.cells[column].strip()
        if value in first_line:
            line = first_line[value]
            message = (
                Message("problem_duplicate_id", line=str(line))
                if wording is None
                else f"{wording} {line}"
            )
            problems.append(DataProblem(file, row.line, column, value, message))
        else:
            first_line[value] = row.line
    return problems


def alt_date(text: str) -> FuzzyDate:
    """A conflicting second date; its precision follows from its form (year, month or day)."""
    if not text:
        return FuzzyDate.unknown()
    parts = parse_partial_date(text)[2]
    return FuzzyDate.parse(text, _PARTS_PRECISION[parts].value)


def sequence_no(text: str) -> int | None:
    """The ordinal a source gives a centre (1 to 54), or None when empty."""
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 54:
        raise ValueError("must be a whole number from 1 to 54")
    return int(text)


def source_urls(text: str) -> tuple[str, ...]:
    """Space-separated source URLs: at least one, each http(s)."""
    urls = tuple(text.split())
    if not urls:
        raise ValueError("needs at least one source URL")
    for url in urls:
        if not _URL.match(url):
            raise ValueError(f"{url!r} is not an http(s) URL")
    return urls


def required(text: str) -> str:
    """The text itself; empty text is an error."""
    if not text:
        raise ValueError("must not be empty")
    return text
