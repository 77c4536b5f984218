"""The centres table as CSV bytes that open safely in a spreadsheet: no formula injection
(OWASP "CSV injection"), a BOM so Excel reads UTF-8, and "," or ";" as the separator.
"""

from __future__ import annotations

__all__ = ["CSV_SEPARATORS", "neutralise_cell", "table_csv"]

import csv
import io

import pandas as pd

CSV_SEPARATORS = (",", ";")
# OWASP "CSV injection": spreadsheets treat cells starting with these as formulas.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: str) -> str:
    """Prefix `'` to a cell a spreadsheet would read as a formula (=, +, -, @, tab, CR)."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _cell(value: object) -> object:
    """One CSV cell: lists joined with spaces, strings neutralised, anything else as is."""
    if isinstance(value, list | tuple):
        value = " ".join(str(v) for v in value)
    if isinstance(value, str):
        return neutralise_cell(value)
    return value


def table_csv(frame: pd.DataFrame, *, sep: str = ",") -> bytes:
    """The table as CSV bytes for spreadsheets: UTF-8 with BOM, `sep` "," or ";", LF line ends.

    List cells (the sources) are joined with a space, every string cell and header goes through
    `neutralise_cell`, and fields are quoted only where needed (separator, quote, line break).
    LF is used throughout, including inside quoted cells; Excel, LibreOffice and pandas read it.
    """
    if sep not in CSV_SEPARATORS:
        raise ValueError(f"CSV separator must be one of {CSV_SEPARATORS!r}, not {sep!r}")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([_cell(str(column)) for column in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")
