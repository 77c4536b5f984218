"""Hostile and broken input: corrupted data files, press listings, query strings and command lines.

Every case must end in a clear message naming the file, line, column and value (where there is
one), never a traceback, and must leave every file on disk exactly as it was.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import os
import pathlib
import random
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from geo import paths
from geo.cli import MAX_PROBLEM_LINES
from geo.cli.commands import main
from geo.errors import DataFileError, PressFormatError
from geo.sources.centres import CENTRE_COLUMNS, load_centres
from geo.sources.csvfile import MAX_CSV_BYTES
from geo.sources.milestones import load_milestones
from geo.sources.press import PRESS_COLUMNS, load_press_releases
from geo.sources.press_listing import read_listing
from geo.views.urlstate import ViewState, parse_view

Mutation = Callable[[bytes], bytes]
Expected = tuple[int | None, str | None, str | None, str]  # line, column, value, words


# ------------------------------------------------------------------------------- helpers


def _digest(path: Path) -> str:
    with path.open("rb") as handle:  # not Path.read_bytes, which one test forbids
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (names and contents), to prove that nothing was written."""
    return {
        str(p.relative_to(folder)): _digest(p) if p.is_file() else "dir"
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture(autouse=True)
def committed_data_untouched() -> Iterator[None]:
    """No hostile case may change the repository's data files."""
    before = _snapshot(paths.DATA_DIR)
    yield
    assert _snapshot(paths.DATA_DIR) == before


def _rows(raw: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))


def _csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def set_cells(*edits: tuple[int, str, str]) -> Mutation:
    """Set (line, column, value) cells; data files have one physical line per row."""

    def mutate(raw: bytes) -> bytes:
        rows = _rows(raw)
        for line, column, value in edits:
            rows[line - 1][rows[0].index(column)] = value
        return _csv_bytes(rows)

    return mutate


def drop_column(column: str) -> Mutation:
    def mutate(raw: bytes) -> bytes:
        rows = _rows(raw)
        index = rows[0].index(column)
        return _csv_bytes([r[:index] + r[index + 1 :] for r in rows])

    return mutate


def add_column(column: str) -> Mutation:
    def mutate(raw: bytes) -> bytes:
        rows = _rows(raw)
        return _csv_bytes([rows[0] + [column]] + [[*r, "x"] for r in rows[1:]])

    return mutate


def swap_columns(first: str, second: str) -> Mutation:
    def mutate(raw: bytes) -> bytes:
        rows = _rows(raw)
        i, j = rows[0].index(first), rows[0].index(second)
        for row in rows:
            row[i], row[j] = row[j], row[i]
        return _csv_bytes(rows)

    return mutate


def swapped_header(columns: tuple[str, ...], first: str, second: str) -> str:
    """The header line `swap_columns(first, second)` produces."""
    names = list(columns)
    i, j = names.index(first), names.index(second)
    names[i], names[j] = names[j], names[i]
    return ",".join(names)


def add_cell(line: int) -> Mutation:
    def mutate(raw: bytes) -> bytes:
        rows = _rows(raw)
        rows[line - 1].append("one too many")
        return _csv_bytes(rows)

    return mutate


def header_only(raw: bytes) -> bytes:
    return raw.split(b"\n", 1)[0] + b"\n"


def garbage(raw: bytes) -> bytes:
    """A PNG saved as .csv: its first NUL byte is on line 3."""
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(6).randbytes(5000)


def nul_in_last_row(raw: bytes) -> bytes:
    # Far beyond the first few KB, inside a free-text cell where it would otherwise pass.
    cut = raw.rstrip(b"\n").rfind(b",") + 1
    return raw[:cut] + b"note\x00with a NUL" + raw[cut:]


def utf16(raw: bytes) -> bytes:
    return raw.decode("utf-8").encode("utf-16")


def cp1252(raw: bytes) -> bytes:
    return raw.decode("utf-8").encode("cp1252", errors="replace")


def bom_then_cp1252(raw: bytes) -> bytes:
    return codecs.BOM_UTF8 + cp1252(raw)


def semicolons(raw: bytes) -> bytes:
    return raw.replace(b",", b";")


def huge(raw: bytes) -> bytes:
    header, body = raw.split(b"\n", 1)
    copies = MAX_CSV_BYTES // len(body) + 2  # just over the limit: about 20 MB
    return header + b"\n" + body * copies


def long_field(raw: bytes) -> bytes:
    return set_cells((3, "notes", "x" * 200_000))(raw)


def whitespace_only(raw: bytes) -> bytes:
    return b"\n \n\t\n"


def empty(raw: bytes) -> bytes:
    return b""


def truncated(raw: bytes) -> bytes:
    """Cut early in the last row, as a copy that stopped half way would be.

    (A cut inside the last cell leaves a well-formed row that no CSV check can tell apart.)
    """
    last = raw.rstrip(b"\n").rfind(b"\n") + 1
    return raw[: raw.index(b",", last) + 3]


def _refused(loader: Callable[[Path], object], path: Path) -> DataFileError:
    """Load `path`, expect a DataFileError, and check that nothing in its folder changed."""
    before = _snapshot(path.parent)
    with pytest.raises(DataFileError) as caught:
        loader(path)
    assert _snapshot(path.parent) == before
    return caught.value


def _check_problems(error: DataFileError, name: str, expected: list[Expected]) -> None:
    """The first problems are the expected ones, each named in the message with its place."""
    assert len(error.problems) >= len(expected)
    for problem, (line, column, value, words) in zip(error.problems, expected, strict=False):
        assert (problem.file, problem.line, problem.column, problem.value) == (
            name,
            line,
            column,
            value,
        )
        assert words in problem.message
        text = str(problem)
        assert text.startswith(name)
        if line is not None:
            assert f"line {line}" in text
        if column is not None:
            assert f"column '{column}'" in text
        if value is not None:
            assert repr(value) in text
    assert str(error).startswith(str(error.problems[0]))


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """`python -m geo argv` in process; nothing may reach the real stdout/stderr."""
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, out=out, err=err)
    leaked = capsys.readouterr()
    assert (leaked.out, leaked.err) == ("", "")
    assert "Traceback" not in out.getvalue() + err.getvalue()
    return code, out.getvalue(), err.getvalue()


# ------------------------------------------------------------------------ data/centres.csv

# Line 3 is stadt-duisburg: start 2013-08-01 (day), lat 51.43247, lon 6.76516, ars 05112.
CENTRE_CASES: list[tuple[str, Mutation, list[Expected]]] = [
    ("missing-column", drop_column("lat"), [(1, "lat", None, "required column is missing")]),
    ("extra-column", add_column("comment"), [(1, "comment", None, "unexpected column")]),
    (
        "columns-out-of-order",
        swap_columns("lat", "lon"),
        [(1, None, swapped_header(CENTRE_COLUMNS, "lat", "lon"), "out of order")],
    ),
    ("extra-cell-in-a-row", add_cell(3), [(3, None, None, "has 23 cells, the header has 22")]),
    ("lat-not-a-number", set_cells((3, "lat", "abc")), [(3, "lat", "abc", "not a number")]),
    ("lat-decimal-comma", set_cells((3, "lat", "51,43")), [(3, "lat", "51,43", "not a number")]),
    ("lat-nan", set_cells((3, "lat", "nan")), [(3, "lat", "nan", "outside NRW")]),
    (
        "impossible-date",
        set_cells((3, "start_date", "2015-02-31")),
        [(3, "start_date", "2015-02-31", "day 31 does not exist in 2015-02")],
    ),
    (
        "precision-not-matching-date",
        set_cells((3, "start_date", "2015-02")),
        [(3, "start_date", "2015-02", "precision 'day' does not match")],
    ),
    (
        "unknown-precision",
        set_cells((3, "start_precision", "weekly")),
        [(3, "start_precision", "weekly", "precision must be one of")],
    ),
    (
        "outside-nrw",
        set_cells((3, "lat", "48.13743"), (3, "lon", "11.57549")),
        [(3, "lat", "48.13743", "outside NRW"), (3, "lon", "11.57549", "outside NRW")],
    ),
    (
        "lat-lon-swapped",
        set_cells((3, "lat", "6.76516"), (3, "lon", "51.43247")),
        [(3, "lat", "6.76516", "outside NRW"), (3, "lon", "51.43247", "outside NRW")],
    ),
    (
        "duplicate-id",
        set_cells((4, "id", "stadt-duisburg")),
        [(4, "id", "stadt-duisburg", "duplicate of line 3")],
    ),
    ("duplicate-ars", set_cells((4, "ars", "05112")), [(4, "ars", "05112", "duplicate of line 3")]),
    (
        "javascript-source-url",
        set_cells((3, "sources", "javascript:alert(document.cookie)")),
        [(3, "sources", "javascript:alert(document.cookie)", "not an http(s) URL")],
    ),
    (
        "javascript-behind-a-good-url",
        set_cells((3, "sources", "https://example.org/ki javascript:alert(1)")),
        [(3, "sources", "https://example.org/ki javascript:alert(1)", "'javascript:alert(1)'")],
    ),
    (
        "file-source-url",
        set_cells((3, "sources", "file:///etc/passwd")),
        [(3, "sources", "file:///etc/passwd", "not an http(s) URL")],
    ),
    ("empty-file", empty, [(None, None, None, "the file is empty")]),
    ("blank-lines-only", whitespace_only, [(None, None, None, "the file is empty")]),
    ("header-only", header_only, [(None, None, None, "header but no rows")]),
    ("binary-garbage", garbage, [(3, None, "byte 0x00", "binary data")]),
    ("nul-byte-late-in-the-file", nul_in_last_row, [(55, None, "byte 0x00", "binary data")]),
    ("utf-16", utf16, [(1, None, "byte 0x00", "binary data")]),
    ("cp1252", cp1252, [(2, None, "byte 0xfc", "not UTF-8")]),
    ("utf-8-bom-then-cp1252", bom_then_cp1252, [(2, None, "byte 0xfc", "not UTF-8")]),
    ("semicolons", semicolons, [(1, None, None, "separated by ';'")]),
    ("truncated-mid-row", truncated, [(55, None, None, "has 2 cells, the header has 22")]),
    ("field-over-the-csv-limit", long_field, [(3, None, None, "field larger than field limit")]),
    ("huge-file", huge, [(None, None, None, "the file is too large")]),
]


@pytest.mark.parametrize(
    ("mutate", "expected"), [pytest.param(m, e, id=i) for i, m, e in CENTRE_CASES]
)
def test_corrupt_centres_file_is_refused_with_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], mutate: Mutation, expected: list[Expected]
) -> None:
    path = tmp_path / "centres.csv"
    path.write_bytes(mutate(paths.CENTRES_CSV.read_bytes()))
    error = _refused(load_centres, path)
    _check_problems(error, "centres.csv", expected)
    # The same file through the CLI: exit 1, one "error:" line per problem, nothing written.
    before = _snapshot(tmp_path)
    code, out, err = _run(["validate", str(path)], capsys)
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert lines[0] == f"error: {str(error.problems[0]).replace('centres.csv', str(path), 1)}"
    assert all(line.startswith("error: ") for line in lines)
    assert _snapshot(tmp_path) == before


def test_huge_centres_file_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "centres.csv"
    path.write_bytes(huge(paths.CENTRES_CSV.read_bytes()))

    def no_reading(self: Path) -> bytes:
        raise AssertionError(f"{self} was read although it is too large")

    monkeypatch.setattr(pathlib.Path, "read_bytes", no_reading)
    error = _refused(load_centres, path)
    assert "MB; the limit is 20 MB" in str(error)


@pytest.mark.parametrize(
    "mutate",
    [
        pytest.param(lambda raw: b"\xef\xbb\xbf" + raw, id="bom"),
        pytest.param(lambda raw: raw.replace(b"\n", b"\r\n"), id="crlf"),
        pytest.param(lambda raw: b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n"), id="bom-crlf"),
        pytest.param(lambda raw: raw.rstrip(b"\n"), id="no-final-newline"),
    ],
)
def test_harmless_variants_of_the_centres_file_load(tmp_path: Path, mutate: Mutation) -> None:
    path = tmp_path / "centres.csv"
    path.write_bytes(mutate(paths.CENTRES_CSV.read_bytes()))
    before = _snapshot(tmp_path)
    assert load_centres(path) == load_centres(paths.CENTRES_CSV)
    assert _snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("kind", "words"),
    [("directory", "Is a directory"), ("missing", "No such file or directory")],
)
def test_centres_path_that_is_no_file_is_refused(tmp_path: Path, kind: str, words: str) -> None:
    path = tmp_path / "centres.csv"
    if kind == "directory":
        path.mkdir()
    error = _refused(load_centres, path)
    (problem,) = error.problems
    assert (problem.file, problem.line, problem.column) == ("centres.csv", None, None)
    assert str(problem) == f"centres.csv: cannot read: {words}"


# ---------------------------------------------------------- milestones and press releases

# milestones.csv line 3: 2012-10-30,day,54,target,planned by mid-2013,Kreis Unna,...
MILESTONE_CASES: list[tuple[str, Mutation, list[Expected]]] = [
    (
        "count-in-words",
        set_cells((3, "count", "about 50")),
        [(3, "count", "about 50", "whole number")],
    ),
    (
        "impossible-date",
        set_cells((3, "date", "2012-02-30")),
        [(3, "date", "2012-02-30", "day 30 does not exist")],
    ),
    (
        "javascript-source-url",
        set_cells((3, "source_url", "javascript:alert(1)")),
        [(3, "source_url", "javascript:alert(1)", "not an http(s) URL")],
    ),
    ("unknown-measure", set_cells((3, "measure", "opened")), [(3, "measure", "opened", "one of")]),
    ("missing-column", drop_column("summary"), [(1, "summary", None, "required column")]),
    ("nul-byte", nul_in_last_row, [(29, None, "byte 0x00", "binary data")]),
    ("truncated-mid-row", truncated, [(29, None, None, "has 2 cells, the header has 9")]),
    ("header-only", header_only, [(None, None, None, "header but no rows")]),
]


@pytest.mark.parametrize(
    ("mutate", "expected"), [pytest.param(m, e, id=i) for i, m, e in MILESTONE_CASES]
)
def test_corrupt_milestones_file_is_refused_with_its_place(
    tmp_path: Path, mutate: Mutation, expected: list[Expected]
) -> None:
    path = tmp_path / "milestones.csv"
    path.write_bytes(mutate(paths.MILESTONES_CSV.read_bytes()))
    _check_problems(_refused(load_milestones, path), "milestones.csv", expected)


# press_releases.csv line 2 is a seed record (source_url empty), line 3 another one.
PRESS_CASES: list[tuple[str, Mutation, list[Expected]]] = [
    (
        "javascript-source-url",
        set_cells((2, "source_url", "javascript:alert(1)")),
        [(2, "source_url", "javascript:alert(1)", "not an http(s) URL")],
    ),
    (
        "unknown-place-key",
        set_cells((2, "places", "05154 99999")),
        [(2, "places", "05154 99999", "'99999' is not a key")],
    ),
    (
        "impossible-event-date",
        set_cells((3, "event_dates", "2016-02-30")),
        [(3, "event_dates", "2016-02-30", "day 30 does not exist")],
    ),
    (
        "duplicate-id",
        set_cells((3, "id", "seed-undated-staatssekretaerin-serap-gueler-beendet")),
        [(3, "id", "seed-undated-staatssekretaerin-serap-gueler-beendet", "repeats line 2")],
    ),
    (
        "columns-out-of-order",
        swap_columns("title", "tags"),
        [(1, None, swapped_header(PRESS_COLUMNS, "title", "tags"), "out of order")],
    ),
    ("cp1252", cp1252, [(2, None, "byte 0xe4", "not UTF-8")]),
    ("truncated-mid-row", truncated, [(39, None, None, "has 2 cells, the header has 15")]),
]


@pytest.mark.parametrize(
    ("mutate", "expected"), [pytest.param(m, e, id=i) for i, m, e in PRESS_CASES]
)
def test_corrupt_press_releases_file_is_refused_with_its_place(
    tmp_path: Path, mutate: Mutation, expected: list[Expected]
) -> None:
    path = tmp_path / "press_releases.csv"
    path.write_bytes(mutate(paths.PRESS_CSV.read_bytes()))
    _check_problems(_refused(load_press_releases, path), "press_releases.csv", expected)


# ------------------------------------------------------------------------ press listings

LISTING_CASES: list[tuple[str, bytes | None, int | None, str | None, str]] = [
    ("empty", b"", None, None, "the file is empty"),
    ("furniture-only", b"Suche\n\nIn Zeitraum suchen\n\n", None, None, "no press release"),
    ("binary-garbage", b"PK\x03\x04\x14\x00\x06\x00garbage", 1, "byte 0x00", "binary data"),
    ("pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", 2, "byte 0xe2", "not UTF-8"),
    ("cp1252", "Text.\n\nStra\xdfe.\n".encode("cp1252"), 3, "byte 0xdf", "not UTF-8"),
    ("bullets-only", "  • Pressemitteilung\n  • 01.02.2014\n".encode(), 1, None, "no entry"),
    (
        "impossible-bullet-date",
        "Text.\n\n  • 31.02.2016\nMehr.\n".encode(),
        3,
        "31.02.2016",
        "real",
    ),
    ("directory", None, None, None, "cannot read: Is a directory"),
    ("missing", None, None, None, "cannot read: No such file or directory"),
]


@pytest.mark.parametrize(
    ("content", "line", "value", "words"),
    [pytest.param(c, ln, v, w, id=i) for i, c, ln, v, w in LISTING_CASES],
)
def test_bad_press_listing_is_refused_naming_the_file_and_line(
    tmp_path: Path,
    request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
    content: bytes | None,
    line: int | None,
    value: str | None,
    words: str,
) -> None:
    path = tmp_path / "listing.txt"
    if content is not None:
        path.write_bytes(content)
    elif request.node.callspec.id == "directory":
        path.mkdir()
    before = _snapshot(tmp_path)
    with pytest.raises(PressFormatError) as caught:
        read_listing(path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.value) == (str(path), line, value)
    assert words in problem.message
    code, out, err = _run(["press", "parse", str(path)], capsys)
    assert (code, out) == (1, "")
    assert err == f"error: {problem}\n"
    assert _snapshot(tmp_path) == before


def test_press_listing_without_dates_gives_undated_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "listing.txt"
    path.write_text("Ein Titel\n\nEin Text ohne Datum im Kreis Kleve.\n", encoding="utf-8")
    (release,) = read_listing(path)
    assert (release.date.is_known, release.title, release.line) == (False, "Ein Titel", 1)
    code, out, err = _run(["press", "parse", str(path)], capsys)
    assert (code, err) == (0, "")
    assert out.startswith("undated (line 1): Ein Titel")


# --------------------------------------------------------------------- query parameters

DEFAULT_VIEW = ViewState(day=date(2018, 10, 1))
FIRST, LAST = date(2012, 1, 1), date(2018, 10, 1)
YEARS = (2012, 2013, 2014, 2016, 2017, 2018)


def _view(params: dict[str, str | list[str]]) -> tuple[ViewState, list[str]]:
    return parse_view(params, default=DEFAULT_VIEW, first_day=FIRST, last_day=LAST, years=YEARS)


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        pytest.param({"date": "garbage"}, "day", "„garbage“", id="date-garbage"),
        pytest.param({"date": "2016-02-30"}, "day", "„2016-02-30“", id="date-feb-30"),
        pytest.param({"date": "2030-01-01"}, "day", "2030-01-01", id="date-after-range"),
        pytest.param({"date": "0001-01-01"}, "day", "0001-01-01", id="date-before-range"),
        pytest.param({"lang": "xx"}, "lang", "„xx“", id="lang-unknown"),
        pytest.param({"lang": "{value}"}, "lang", "„{value}“", id="lang-format-braces"),
        pytest.param({"tiles": "google"}, "tiles", "„google“", id="tiles-unknown"),
        pytest.param({"year": "garbage"}, "years", "„garbage“", id="years-garbage"),
        pytest.param({"year": "2015"}, "years", "„2015“", id="year-without-centres"),
        pytest.param({"year": "99999999999999999999"}, "years", "99999", id="year-huge"),
        pytest.param({"year": "-2013"}, "years", "„-2013“", id="year-negative"),
    ],
)
def test_bad_query_parameter_falls_back_with_one_notice(
    params: dict[str, str], field: str, words: str
) -> None:
    view, notices = _view(params)
    assert getattr(view, field) == getattr(DEFAULT_VIEW, field)
    assert view == DEFAULT_VIEW
    assert len(notices) == 1
    assert words in notices[0]


def test_repeated_parameters_use_one_value_without_error() -> None:
    view, notices = _view({"lang": ["en", "de"], "date": ["2016-07-01", "garbage"]})
    assert (view.lang, view.day, notices) == ("en", date(2016, 7, 1), [])


def test_empty_or_repeated_empty_parameter_is_ignored() -> None:
    assert _view({"date": [], "tiles": []}) == (DEFAULT_VIEW, [])
    assert _view({"date": "", "lang": "", "release": ""}) == (DEFAULT_VIEW, [])


def test_year_with_a_non_ascii_digit_falls_back_instead_of_raising() -> None:
    # "²".isdigit() is True but int("²") raises ValueError: the link must still open.
    view, notices = _view({"year": "²"})
    assert view == DEFAULT_VIEW
    assert len(notices) == 1


def test_very_long_value_gives_the_default_and_one_short_notice() -> None:
    view, notices = _view({"date": "9" * 100_000})
    assert view == DEFAULT_VIEW
    assert len(notices) == 1
    assert len(notices[0]) < 300  # the value is shortened, not echoed 100,000 times


def test_many_bad_years_give_a_bounded_number_of_notices() -> None:
    view, notices = _view({"year": ",".join(["1999"] * 10_000)})
    assert view.years == ()
    assert 1 <= len(notices) <= 3


def test_trailing_comma_in_years_is_harmless() -> None:
    view, notices = _view({"year": "2013,2014,"})
    assert (view.years, notices) == ((2013, 2014), [])


# --------------------------------------------------------------------------- command line


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        pytest.param(["frobnicate"], "invalid choice: 'frobnicate'", id="unknown-command"),
        pytest.param([], "the following arguments are required: command", id="no-command"),
        pytest.param(["timeline"], "required: --at", id="timeline-without-at"),
        pytest.param(["validate"], "required: file", id="validate-without-file"),
        pytest.param(["press", "parse"], "required: file", id="press-without-file"),
        pytest.param(["press", "print", "x"], "invalid choice: 'print'", id="press-bad-action"),
        pytest.param(["check", "--json", "extra"], "unrecognized arguments: extra", id="extra"),
    ],
)
def test_bad_command_line_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    code, out, err = _run(argv, capsys)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith("error: python -m geo")
    assert words in err
    assert "--help" in err


@pytest.mark.parametrize("value", ["2016-02-30", "garbage", "2016-7-1", "", "99999-01-01"])
def test_bad_date_on_the_command_line(capsys: pytest.CaptureFixture[str], value: str) -> None:
    code, out, err = _run(["timeline", "--at", value], capsys)
    assert (code, out) == (1, "")
    assert err == f"error: --at {value!r} is not a date (YYYY-MM-DD)\n"


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        pytest.param(["validate", "{tmp}/missing.csv"], "No such file", id="validate-missing"),
        pytest.param(["validate", "{tmp}"], "Is a directory", id="validate-directory"),
        pytest.param(["press", "parse", "{tmp}/missing.txt"], "No such file", id="press-missing"),
        pytest.param(
            ["--centres", "{tmp}/missing.csv", "timeline", "--at", "2016-01-01"],
            "missing.csv: cannot read: No such file",
            id="centres-option-missing",
        ),
        pytest.param(
            ["check", "--milestones", "{tmp}/missing.csv"],
            "missing.csv: cannot read: No such file",
            id="milestones-option-missing",
        ),
    ],
)
def test_missing_file_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    code, out, err = _run([a.replace("{tmp}", str(tmp_path)) for a in argv], capsys)
    assert (code, out) == (1, "")
    assert err.count("\n") == 1
    assert err.startswith("error: ")
    assert words in err


def test_unreadable_file_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "centres.csv"
    path.write_bytes(paths.CENTRES_CSV.read_bytes())
    path.chmod(0)
    real = os.open

    def denied(name: str | os.PathLike, flags: int, *args: int) -> int:
        if Path(name) == path:  # root may read a mode-0 file: refuse like the OS would
            raise PermissionError(13, "Permission denied", str(name))
        return real(name, flags, *args)

    monkeypatch.setattr(os, "open", denied)
    code, out, err = _run(["validate", str(path)], capsys)
    assert (code, out, err) == (1, "", f"error: {path}: cannot read: Permission denied\n")


def test_corrupt_milestones_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "milestones.csv"
    path.write_bytes(set_cells((3, "count", "viele"))(paths.MILESTONES_CSV.read_bytes()))
    code, out, err = _run(["check", "--milestones", str(path)], capsys)
    assert (code, out) == (1, "")
    assert err == (
        "error: milestones.csv, line 3, column 'count': must be a whole number of centres "
        "(0 or more) or empty (value: 'viele')\n"
    )


def test_thousands_of_problems_print_a_bounded_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = paths.CENTRES_CSV.read_bytes()
    header, body = raw.split(b"\n", 1)
    path = tmp_path / "centres.csv"
    path.write_bytes(header + b"\n" + body * 50)  # 2,646 duplicate ids and as many ars
    code, out, err = _run(["validate", str(path)], capsys)
    lines = err.splitlines()
    assert (code, out) == (1, "")
    assert len(lines) == MAX_PROBLEM_LINES + 1
    assert lines[0] == f"error: {path}, line 56, column 'id': duplicate of line 2 (value: " + (
        "'stadt-duesseldorf')"
    )
    assert lines[-1] == f"error: ... and {2 * 54 * 49 - MAX_PROBLEM_LINES} more problems"


def test_real_process_prints_one_line_and_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "centres.csv"
    path.write_bytes(nul_in_last_row(paths.CENTRES_CSV.read_bytes()))
    before = _snapshot(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "geo", "validate", str(path)],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == f"error: {path}, line 55: binary data, not a text file (value: " + (
        "'byte 0x00')\n"
    )
    assert _snapshot(tmp_path) == before
