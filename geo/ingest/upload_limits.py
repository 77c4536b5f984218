"""How much one upload may hold: bytes, rows, columns, cells, the parts of an .xlsx archive and
the span of its dates, so one user's file can never take the server down."""

from __future__ import annotations

__all__ = ["UploadLimits"]

from dataclasses import dataclass


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
