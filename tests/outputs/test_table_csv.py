"""The centres table as CSV: formula-safe cells, BOM, LF, the two separators, read back intact."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from geo.model.timeline import Timeline
from geo.outputs.table_csv import neutralise_cell, table_csv
from geo.views.table import centres_table


def _read_back(data: bytes, sep: str) -> pd.DataFrame:
    return pd.read_csv(
        io.BytesIO(data), sep=sep, encoding="utf-8-sig", dtype=str, keep_default_na=False
    )


def _expected(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as the CSV should give it back: lists joined, strings neutralised."""
    out = frame.map(lambda v: neutralise_cell(" ".join(v) if isinstance(v, list) else str(v)))
    out.columns = [neutralise_cell(c) for c in frame.columns]
    return out


# --------------------------------------------------------------------------- neutralise_cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(1)", "'=SUM(1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("KI Kreis Kleve", "KI Kreis Kleve"),
        ("", ""),
        ("a=b+c", "a=b+c"),
        ("Stadt Mülheim an der Ruhr - Süd", "Stadt Mülheim an der Ruhr - Süd"),
    ],
)
def test_neutralise_cell_prefixes_only_formula_starts(value: str, expected: str) -> None:
    assert neutralise_cell(value) == expected


# --------------------------------------------------------------------------- table_csv


def test_csv_starts_with_a_bom_and_uses_lf_only(timeline) -> None:
    frame = centres_table(timeline, timeline.snapshot(date(2018, 10, 1)))
    data = table_csv(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in data
    assert data.count(b"\n") == len(frame) + 1
    assert data[3:].decode("utf-8").splitlines()[0] == ",".join(frame.columns)


@pytest.mark.parametrize("sep", [",", ";"])
def test_csv_reads_back_as_the_same_table(timeline, sep: str) -> None:
    frame = centres_table(timeline, timeline.snapshot(date(2018, 10, 1)), lang="en")
    back = _read_back(table_csv(frame, sep=sep), sep)
    pd.testing.assert_frame_equal(back, _expected(frame))
    assert len(back) == 54
    first_sources = frame["Sources"].iloc[0]
    assert back["Sources"].iloc[0] == " ".join(first_sources)
    assert len(first_sources) >= 1


def test_csv_quotes_only_cells_that_need_it() -> None:
    frame = pd.DataFrame({"a": ["plain", "x;y", 'say "hi"', "two\nlines"], "b": [1, 2, 3, 4]})
    text = table_csv(frame, sep=";").decode("utf-8-sig")
    assert text.startswith("a;b\nplain;1\n")
    assert '"x;y";2' in text
    assert '"say ""hi""";3' in text
    assert '"two\nlines";4' in text
    assert table_csv(frame, sep=",").decode("utf-8-sig").count('"x;y"') == 0


@pytest.mark.parametrize("sep", ["\t", "|", ",,", "", " "])
def test_csv_rejects_other_separators(sep: str) -> None:
    with pytest.raises(ValueError, match="separator"):
        table_csv(pd.DataFrame({"a": ["1"]}), sep=sep)


def test_hostile_names_round_trip_neutralised(timeline) -> None:
    centres = list(timeline.centres)
    centres[0] = replace(centres[0], name='=HYPERLINK("http://evil","x")')
    centres[1] = replace(centres[1], name='@SUM(A1);"quoted"\nnext', territory="-2+3")
    hostile = Timeline(centres)
    frame = centres_table(hostile, hostile.snapshot(date(2018, 10, 1)), lang="de")
    data = table_csv(frame, sep=";")
    back = _read_back(data, ";")
    assert back["Zentrum"].iloc[0] == "'" + centres[0].name
    assert back["Zentrum"].iloc[1] == "'" + centres[1].name
    assert back["Gebiet"].iloc[1] == "'-2+3"
    for row in csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"):
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), row


def test_csv_keeps_booleans_and_neutralises_list_items(timeline) -> None:
    snapshot = timeline.snapshot(date(2018, 10, 1))
    frame = centres_table(timeline, snapshot, lang="en", highlight=frozenset({"kreis-kleve"}))
    frame.at[0, "Sources"] = ["-evil", "https://example.org"]
    back = _read_back(table_csv(frame), ",")
    assert back["Sources"].iloc[0] == "'-evil https://example.org"
    assert sorted(set(back["Highlighted"])) == ["False", "True"]
