"""Builders of hostile upload files, written to a folder at test time (nothing binary committed).

Each builder returns the path of the file it wrote. The xlsx bombs are valid workbooks made with
openpyxl whose parts are then replaced, streamed into the zip so that building one costs little
memory however far it unpacks.
"""

from __future__ import annotations

import io
import random
import string
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import openpyxl

_SHEET = "xl/worksheets/sheet1.xml"
_STYLES = "xl/styles.xml"
_STRINGS = "xl/sharedStrings.xml"
_MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_CHUNK = 1 << 20


def xlsx(rows: Iterable[Iterable[object]]) -> bytes:
    """A plain workbook with `rows` on its first sheet."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_SITES = [["Name", "Start", "Lat", "Lon"], ["Treff Köln", "2013", 50.94, 6.96]]


def patched_xlsx(
    path: Path,
    parts: Mapping[str, Iterable[bytes]],
    *,
    base: bytes | None = None,
    shared_strings: bool = False,
) -> Path:
    """Write `base` (a small valid workbook) to `path` with `parts` replaced or added, each part
    streamed from its chunks; `shared_strings` registers an added sharedStrings.xml."""
    source = zipfile.ZipFile(io.BytesIO(base or xlsx(_SITES)))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            if info.filename in parts:
                continue
            data = source.read(info.filename)
            if shared_strings and info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            if shared_strings and info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" '
                    b'Target="sharedStrings.xml"/></Relationships>',
                )
            target.writestr(info.filename, data)
        for name, chunks in parts.items():
            with target.open(name, "w", force_zip64=True) as handle:
                for chunk in chunks:
                    handle.write(chunk)
    return path


def _repeat(head: str, item: str, count: int, tail: str) -> Iterator[bytes]:
    yield head.encode()
    per_chunk = max(1, _CHUNK // len(item))
    block = (item * per_chunk).encode()
    for _ in range(count // per_chunk):
        yield block
    yield (item * (count % per_chunk)).encode()
    yield tail.encode()


def _sheet(rows: Iterable[str], dimension: str | None) -> Iterator[bytes]:
    head = f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_MAIN}>'
    if dimension:
        head += f'<dimension ref="{dimension}"/>'
    yield (head + "<sheetData>").encode()
    batch: list[str] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= 10_000:
            yield "".join(batch).encode()
            batch.clear()
    yield ("".join(batch) + "</sheetData></worksheet>").encode()


def _row(number: int, cells: str) -> str:
    return f'<row r="{number}">{cells}</row>'


def _site_cells(number: int) -> str:
    return (
        f'<c r="A{number}" t="inlineStr"><is><t>Site {number}</t></is></c>'
        f'<c r="B{number}"><v>2013</v></c>'
    )


def _header() -> str:
    return _row(
        1,
        '<c r="A1" t="inlineStr"><is><t>Name</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>Start</t></is></c>',
    )


def styles_bomb(folder: Path, *, formats: int = 1_250_000) -> Path:
    """A styles.xml with millions of cell formats (the 229 KB / 188 s CPU / 4 GB case)."""
    xf = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    head = (
        f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {_MAIN}>'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        f'</cellStyleXfs><cellXfs count="{formats}">'
    )
    parts = {_STYLES: _repeat(head, xf, formats, "</cellXfs></styleSheet>")}
    return patched_xlsx(folder / "styles-bomb.xlsx", parts)


def xfd_columns(folder: Path, *, rows: int, dimension: str | None = "truthful") -> Path:
    """Sites whose every row also holds one empty cell at column XFD (16,384), the last one.

    `dimension` is "truthful" (A1:XFD<rows>), None (no dimension element) or a literal ref (a
    lie such as "A1:B2").
    """
    ref = f"A1:XFD{rows + 1}" if dimension == "truthful" else dimension
    body = (_row(n, _site_cells(n) + f'<c r="XFD{n}"/>') for n in range(2, rows + 2))
    sheet = _sheet([_header(), *body], ref)
    return patched_xlsx(folder / f"xfd-{rows}.xlsx", {_SHEET: sheet})


def shared_strings_bomb(folder: Path, *, strings: int = 7_000_000) -> Path:
    """Millions of empty shared strings (the 179 KB / 88 s case), the sheet using the first."""
    head = (
        f'<?xml version="1.0" encoding="UTF-8"?><sst {_MAIN} count="{strings}" '
        f'uniqueCount="{strings}">'
    )
    rows = [
        _row(1, '<c r="A1" t="inlineStr"><is><t>Name</t></is></c><c r="B1" t="s"><v>0</v></c>'),
        _row(2, '<c r="A2" t="s"><v>0</v></c><c r="B2"><v>2013</v></c>'),
    ]
    parts = {
        _STRINGS: _repeat(head, "<si><t/></si>", strings, "</sst>"),
        _SHEET: _sheet(rows, "A1:B2"),
    }
    return patched_xlsx(folder / "strings-bomb.xlsx", parts, shared_strings=True)


def huge_dimension(folder: Path, ref: str = "A1:XFD1048576") -> Path:
    """Two real rows in a sheet that declares `ref` as its size."""
    sheet = _sheet([_header(), _row(2, _site_cells(2))], ref)
    return patched_xlsx(folder / "dimension.xlsx", {_SHEET: sheet})


def far_row(folder: Path, number: int = 1_048_576) -> Path:
    """A header, one site, and one more site at sheet row `number`, with no dimension."""
    sheet = _sheet([_header(), _row(2, _site_cells(2)), _row(number, _site_cells(number))], None)
    return patched_xlsx(folder / "far-row.xlsx", {_SHEET: sheet})


def padded_sheet(folder: Path, *, pad_bytes: int = 8_000_000) -> Path:
    """A small sheet padded with whitespace that compresses about a thousandfold."""
    rows = [_header(), _row(2, _site_cells(2)), " " * pad_bytes]
    return patched_xlsx(folder / "padded.xlsx", {_SHEET: _sheet(rows, "A1:B2")})


def wide_row(folder: Path, *, cells: int = 300_000) -> Path:
    """One row with far more cell elements than any sheet has columns (all at the same place)."""
    body = _site_cells(2) + "".join(f'<c r="C2"><v>{n}</v></c>' for n in range(cells))
    sheet = _sheet([_header(), _row(2, body)], None)
    return patched_xlsx(folder / "wide-row.xlsx", {_SHEET: sheet})


def long_names_xlsx(
    folder: Path, *, length: int = 4_900_000, count: int = 5, random_text: bool = False
) -> Path:
    """Sites whose names are millions of characters long, as inline strings (Excel itself stops
    at 32,767): five repeated letters (the 26 KB / 392 MB page case), or random letters that
    pack no better than text does."""
    generator = random.Random(7)
    rows = [_header()]
    for n in range(2, count + 2):
        name = (
            "".join(generator.choices(string.ascii_letters, k=length))
            if random_text
            else "N" * length
        )
        cells = f'<c r="A{n}" t="inlineStr"><is><t>{name}</t></is></c><c r="B{n}"><v>2013</v></c>'
        rows.append(_row(n, cells))
    return patched_xlsx(folder / "long-names.xlsx", {_SHEET: _sheet(rows, f"A1:B{count + 1}")})
