"""The project's exception tree: one root, one subclass per kind of failure.

Each class also inherits the matching built-in so callers may catch either. `app.py` and the
CLI catch `KiAtlasError` once and show its message; nothing below them prints a traceback.
"""

from __future__ import annotations

__all__ = [
    "BoundaryError",
    "BudgetExceeded",
    "DataFileError",
    "DataProblem",
    "KiAtlasError",
    "PressFormatError",
    "UsageError",
    "said",
]

from dataclasses import dataclass


def said(exc: BaseException) -> str:
    """What an error says: its one text as given (a `geo.i18n.Message` keeps its key, so the page
    shows it in its language), else its English `str()`."""
    only = exc.args[0] if len(exc.args) == 1 else None
    return only if isinstance(only, str) else str(exc)


class KiAtlasError(Exception):
    """Root of every error this project raises on purpose."""

    @property
    def message(self) -> str:
        """What went wrong, as `said` gives it."""
        return said(self)


@dataclass(frozen=True)
class DataProblem:
    """One problem in a data file: where it is and what is wrong with which value."""

    file: str
    line: int | None
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column is not None:
            where += f", column '{self.column}'"
        shown = "" if self.value is None else f" (value: {self.value!r})"
        return f"{where}: {self.message}{shown}"


class DataFileError(KiAtlasError, ValueError):
    """A data file is unreadable or invalid; carries every problem found, each with its place."""

    def __init__(self, problems: list[DataProblem]) -> None:
        self.problems = tuple(problems)
        first = str(problems[0]) if problems else "invalid data file"
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(first + more)


class UsageError(KiAtlasError, ValueError):
    """A command or function was asked for something that does not exist (e.g. an unknown id)."""


class BoundaryError(KiAtlasError, OSError):
    """Boundary polygons could not be read or downloaded; `message` says why (a
    `geo.i18n.Message` when a boundary file is invalid)."""


class BudgetExceeded(KiAtlasError, RuntimeError):
    """A task run under a budget (`geo.budget`) was stopped by the operating system's limit on
    memory, CPU time or wall time (or its result was too large); `limit` names which ("memory",
    "cpu", "wall" or "result") and `amount` its value in bytes or seconds, so a caller may word
    the message itself."""

    def __init__(self, limit: str, amount: float, message: str) -> None:
        self.limit = limit
        self.amount = amount
        super().__init__(message)

    def __reduce__(self) -> tuple[type[BudgetExceeded], tuple[str, float, str]]:
        return type(self), (self.limit, self.amount, str(self))


class PressFormatError(DataFileError):
    """A press-release listing cannot be read or parsed (missing, binary, not UTF-8, no entries,
    a malformed date bullet); each problem names the file and, where known, the line."""
