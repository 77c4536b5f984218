"""The command line: timeline, validate and check, with exit codes and no tracebacks."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from geo.cli.commands import main
from geo.paths import CENTRES_CSV, SEED_LISTING


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_timeline_json_gives_counts_and_ids() -> None:
    code, out, err = run("timeline", "--at", "2016-07-01", "--json")
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert result["date"] == "2016-07-01"
    assert result["counts"] == {"open": 52, "uncertain": 0, "approved": 0, "total": 52}
    assert "kreis-kleve" not in result["ids"]["open"]
    assert len(result["ids"]["open"]) == 52


def test_timeline_json_gives_the_population_share_with_its_band() -> None:
    _, before, _ = run("timeline", "--at", "2014-04-25", "--json")
    _, after, _ = run("timeline", "--at", "2016-07-01", "--json")
    early, late = json.loads(before), json.loads(after)
    assert 0 < early["population_share"] < late["population_share"] < 1
    band = early["population_band"]
    assert band["covered"] == early["population_covered"] < band["possible"]
    assert band["share"] <= band["share_high"]
    assert late["population_total"] == 17_932_651
    assert late["population_reference_date"] == "2018-12-31"
    # Kleve and Viersen are the two Kreise without a centre on 01.07.2016.
    assert late["population_covered"] == 17_932_651 - 310_974 - 298_935


def test_timeline_text_lists_each_state() -> None:
    code, out, _ = run("timeline", "--at", "2017-03-01")
    assert code == 0
    assert out.startswith("2017-03-01: open 52, uncertain 1, approved 0, total 53")
    assert "uncertain (1): kreis-viersen" in out
    assert "population: 96.6% (up to 98.3%) of 17,932,651 residents on 2018-12-31" in out


@pytest.mark.parametrize("value", ["2016-13-01", "yesterday", "01.07.2016"])
def test_timeline_refuses_a_bad_date(value: str) -> None:
    code, out, err = run("timeline", "--at", value)
    assert (code, out) == (1, "")
    assert f"--at {value!r} is not a date" in err


def test_validate_accepts_the_committed_file() -> None:
    code, out, _ = run("validate", str(CENTRES_CSV))
    assert code == 0
    assert "valid, 54 centres" in out


def test_validate_prints_one_line_per_problem(fixtures: Path, tmp_path: Path) -> None:
    text = (fixtures / "valid_centres.csv").read_text(encoding="utf-8")
    broken = tmp_path / "broken.csv"
    broken.write_text(text.replace("2018-09-06,day", "2018-13-06,day").replace(",42655,", ",4,"))
    code, out, err = run("validate", str(broken))
    assert (code, out) == (1, "")
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"error: {broken}, line 2, column 'postcode'")
    assert lines[1].startswith(f"error: {broken}, line 3, column 'start_date'")
    assert "Traceback" not in err


@pytest.mark.parametrize("name", ["empty.csv", "latin1.csv", "semicolon.csv", "missing.csv"])
def test_validate_never_shows_a_traceback(fixtures: Path, name: str) -> None:
    code, _, err = run("validate", str(fixtures / "bad_centres" / name))
    assert code == 1
    assert err.startswith("error: ")
    assert "Traceback" not in err


def test_check_reports_a_verdict_for_every_milestone() -> None:
    code, out, _ = run("check", "--json")
    assert code == 0
    rows = json.loads(out)
    by_date = {row["date"]: row for row in rows}
    assert by_date["2016-07-14"]["verdict"] == "consistent"
    assert by_date["2016-07-14"]["band"] == [52, 52]
    assert by_date["2014-04-25"]["verdict"] == "off by +4"
    assert by_date["2012"]["verdict"] == "not comparable"


def test_press_parse_prints_the_seed_as_json() -> None:
    code, out, _ = run("press", "parse", str(SEED_LISTING), "--json")
    assert code == 0
    records = json.loads(out)
    assert len(records) == 10
    assert set(records[0]) == {"date", "tags", "title", "text", "places", "counts", "event_dates"}


def test_press_parse_refuses_a_missing_file(tmp_path: Path) -> None:
    code, out, err = run("press", "parse", str(tmp_path / "nope.txt"))
    assert (code, out) == (1, "")
    assert "nope.txt" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("argv", [["--help"], ["timeline", "--help"]])
def test_help_goes_to_out_with_exit_0(argv: list[str]) -> None:
    code, out, err = run(*argv)
    assert (code, err) == (0, "")
    assert out.startswith("usage: python -m geo")


def test_a_bad_line_exits_2_but_a_bad_report_line_exits_1(tmp_path: Path) -> None:
    """argparse's refusals are usage errors (2); the report command answers 1 for any bad
    argument, as its issue asks, with the same one-line message."""
    code, _, err = run("timeline", "--at")
    assert code == 2
    assert err.startswith("error: python -m geo timeline: argument --at: expected one argument")
    code, _, err = run(
        "report", "--date", "2016-07-01", "--lang", "fr", "--out", f"{tmp_path}/a.png"
    )
    assert code == 1
    assert err.startswith("error: python -m geo report: argument --lang: invalid choice: 'fr'")
    assert err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []
