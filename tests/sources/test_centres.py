"""The centres loader: the committed data is valid, and every malformed file names its fault."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo.errors import DataFileError
from geo.paths import CENTRES_CSV
from geo.sources.centres import CENTRE_COLUMNS, load_centres, write_centres
from geo.sources.fuzzydate import Precision


def test_valid_fixture_loads_with_every_field(fixtures: Path) -> None:
    solingen, kleve, aachen = load_centres(fixtures / "valid_centres.csv")
    assert solingen.start.precision is Precision.DAY
    assert solingen.approval.text == "2012-12"
    assert solingen.sources == ("https://www.solingen.de/a", "https://www.solingen.de/b")
    assert solingen.notes == 'One of the first, with "quotes" and a comma'
    assert solingen.address == "Friedrichstraße 46, 42655 Solingen"
    assert kleve.sequence_no == 54
    assert kleve.approval.precision is Precision.BEFORE
    assert aachen.start.precision is Precision.UNKNOWN
    assert aachen.start_alt.precision is Precision.YEAR
    assert aachen.kreis_ars == "05334"


def test_committed_dataset_is_valid_and_complete() -> None:
    centres = load_centres(CENTRES_CSV)
    assert len(centres) == 54
    assert len({c.kreis_ars for c in centres}) == 53
    assert all(c.sources for c in centres)


def test_write_then_load_round_trips(fixtures: Path, tmp_path: Path) -> None:
    centres = load_centres(fixtures / "valid_centres.csv")
    target = tmp_path / "centres.csv"
    write_centres(target, centres)
    assert load_centres(target) == centres
    assert target.read_text(encoding="utf-8").splitlines()[0] == ",".join(CENTRE_COLUMNS)


# file -> (line, column, value, words in the message); None where the problem has no such place.
BAD_FILES = {
    "missing_column.csv": (1, "postcode", None, "required column is missing"),
    "bad_date.csv": (3, "start_date", "2018-02-30", "day 30 does not exist"),
    "bad_precision.csv": (3, "start_precision", "exact", "precision must be one of"),
    "precision_mismatch.csv": (2, "start_date", "2012-12", "does not match"),
    "outside_nrw.csv": (3, "lat", "48.13743", "outside NRW"),
    "swapped_coordinates.csv": (4, "lat", "6.08342", "outside NRW"),
    "duplicate_ars.csv": (4, "ars", "05154", "duplicate of line 3"),
    "duplicate_id.csv": (4, "id", "kreis-kleve", "duplicate of line 3"),
    "empty.csv": (None, None, None, "empty"),
    "header_only.csv": (None, None, None, "no rows"),
    "semicolon.csv": (1, None, None, "separated by ';'"),
    "latin1.csv": (2, None, "byte 0xfc", "not UTF-8"),
    "decimal_comma.csv": (3, "lat", "51,78826", "not a number"),
    "bad_url.csv": (3, "sources", "javascript:alert(1)", "not an http(s) URL"),
    "no_sources.csv": (3, "sources", "", "at least one source"),
    "bad_sequence.csv": (3, "sequence_no", "55", "1 to 54"),
    "short_row.csv": (3, None, None, "has 10 cells"),
    "bad_ars.csv": (3, "ars", "08111", "NRW regional key"),
    "unknown_with_date.csv": (4, "start_date", "2013", "precision is 'unknown'"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_malformed_file_is_refused_with_its_place(fixtures: Path, name: str) -> None:
    line, column, value, words = BAD_FILES[name]
    with pytest.raises(DataFileError) as caught:
        load_centres(fixtures / "bad_centres" / name)
    problem = caught.value.problems[0]
    assert (problem.file, problem.line, problem.column, problem.value) == (
        name,
        line,
        column,
        value,
    )
    assert words in problem.message
    message = str(caught.value)
    assert name in message
    if line is not None:
        assert f"line {line}" in message
    if column is not None:
        assert f"column '{column}'" in message


def test_every_problem_is_reported_not_only_the_first(fixtures: Path, tmp_path: Path) -> None:
    text = (fixtures / "valid_centres.csv").read_text(encoding="utf-8")
    broken = text.replace("2018-09-06,day", "2018-13-06,day").replace(",42655,", ",4265,")
    path = tmp_path / "two_faults.csv"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_centres(path)
    places = {(p.line, p.column) for p in caught.value.problems}
    assert places == {(2, "postcode"), (3, "start_date")}


def test_bom_and_crlf_are_accepted(fixtures: Path, tmp_path: Path) -> None:
    text = (fixtures / "valid_centres.csv").read_text(encoding="utf-8")
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert len(load_centres(path)) == 3


def test_loading_never_changes_the_file(fixtures: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    shutil.copyfile(fixtures / "bad_centres" / "bad_date.csv", path)
    before = path.read_bytes()
    with pytest.raises(DataFileError):
        load_centres(path)
    assert path.read_bytes() == before
