"""`python -m geo report`: bad arguments, bad data, the three kinds of file, help, the loader."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image
from report_pictures import svg_texts

from geo import paths
from geo.cli import MAX_PROBLEM_LINES
from geo.cli.report_command import load_report_data, run_report_cli
from geo.errors import DataFileError, DataProblem
from geo.i18n import t
from geo.model.timeline import Timeline
from geo.sources.atomic import write_bytes_atomic
from geo.sources.boundaries import Boundaries, load_boundaries
from geo.views.dataset import event_months


def test_write_bytes_atomic_replaces_whole_files(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "map.png"
    write_bytes_atomic(target, b"\x89PNG first")
    write_bytes_atomic(target, b"\x89PNG second")
    assert target.read_bytes() == b"\x89PNG second"
    assert sorted(p.name for p in target.parent.iterdir()) == ["map.png"]


# --------------------------------------------------------------------------- command line


class _Loader:
    def __init__(self, data: tuple[Timeline, Boundaries]) -> None:
        self.data = data
        self.calls = 0

    def __call__(self) -> tuple[Timeline, Boundaries]:
        self.calls += 1
        return self.data


def _run(argv: list[str], load) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_report_cli(argv, out=out, err=err, load=load)
    return code, out.getvalue(), err.getvalue()


BAD_CALLS = [
    (["--date", "2016-13-01", "--out", "{d}/a.png"], "not a date"),
    (["--date", "01.07.2016", "--out", "{d}/a.png"], "not a date"),
    (["--date", "2016-07-01", "--out", "{d}/a.jpg"], "unknown extension"),
    (["--date", "2016-07-01", "--out", "{d}/a"], "unknown extension"),
    (["--years", "2018-2012", "--out", "{d}/a.png"], "reversed"),
    (["--years", "2011-2018", "--out", "{d}/a.png"], "outside 2012-2030"),
    (["--years", "2012-2031", "--out", "{d}/a.pdf"], "outside 2012-2030"),
    (["--years", "twenty", "--out", "{d}/a.pdf"], "not a year range"),
    (["--animate", "--out", "{d}/a.gif", "--frame-ms", "0"], "between 20 and 60000 ms, not 0"),
    (["--animate", "--out", "{d}/a.gif", "--frame-ms", "-5"], "between 20 and 60000 ms, not -5"),
    (["--animate", "--out", "{d}/a.gif", "--frame-ms", "fast"], "invalid int"),
    (["--animate", "--out", "{d}/a.png"], "unknown extension"),
    (["--date", "2016-07-01", "--out", "{d}/a.png", "--frame-ms", "200"], "only applies"),
    (["--date", "2016-07-01", "--out", "{d}/missing/a.png"], "does not exist"),
    (["--date", "2016-07-01", "--out", "{d}/adir.png"], "is a directory"),
    (["--date", "2016-07-01", "--years", "2012-2018", "--out", "{d}/a.png"], "not allowed"),
    (["--out", "{d}/a.png"], "required"),
    (["--date", "2016-07-01", "--out", "{d}/a.png", "--lang", "fr"], "invalid choice"),
]


@pytest.mark.parametrize(("argv", "message"), BAD_CALLS)
def test_cli_bad_input_fails_with_one_line_and_no_file(
    tmp_path: Path, data: tuple[Timeline, Boundaries], argv: list[str], message: str
) -> None:
    (tmp_path / "adir.png").mkdir()
    loader = _Loader(data)
    code, out, err = _run([a.format(d=tmp_path) for a in argv], loader)
    assert code == 1
    assert err.startswith("error: ")
    assert message in err
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert out == ""
    assert loader.calls == 0  # refused before anything is loaded or drawn
    assert sorted(p.name for p in tmp_path.iterdir()) == ["adir.png"]


def test_cli_data_error_is_reported_without_a_file(tmp_path: Path) -> None:
    def broken() -> tuple[Timeline, Boundaries]:
        problem = DataProblem("centres.csv", 3, "lat", "x", "not a number")
        raise DataFileError([problem])

    code, _, err = _run(["--date", "2016-07-01", "--out", str(tmp_path / "a.png")], broken)
    assert code == 1
    assert err.startswith("error: ")
    assert "centres.csv" in err
    assert list(tmp_path.iterdir()) == []


def test_cli_caps_the_problems_of_a_broken_file(tmp_path: Path) -> None:
    extra = 5

    def broken() -> tuple[Timeline, Boundaries]:
        raise DataFileError(
            [
                DataProblem("centres.csv", line, "lat", "x", "not a number")
                for line in range(2, 2 + MAX_PROBLEM_LINES + extra)
            ]
        )

    code, _, err = _run(["--date", "2016-07-01", "--out", str(tmp_path / "a.png")], broken)
    lines = err.splitlines()
    assert code == 1
    assert len(lines) == MAX_PROBLEM_LINES + 1
    assert lines[-1] == f"error: ... and {extra} more problems"


def test_cli_writes_a_map_small_multiples_and_a_gif(
    tmp_path: Path, data: tuple[Timeline, Boundaries]
) -> None:
    loader = _Loader(data)
    png = tmp_path / "map.png"
    code, out, err = _run(["--date", "2016-07-01", "--out", str(png), "--dpi", "40"], loader)
    assert (code, err) == (0, "")
    assert str(png) in out
    assert Image.open(png).size == (round(297 / 25.4 * 40), round(210 / 25.4 * 40))

    svg = tmp_path / "years.SVG"
    code, _, err = _run(["--years", "2013-2015", "--out", str(svg), "--lang", "en"], loader)
    assert (code, err) == (0, "")
    texts = svg_texts(svg.read_bytes())
    assert [x for x in texts if x.startswith("31 December")] == [
        "31 December 2013",
        "31 December 2014",
        "31 December 2015",
    ]
    assert t("report_title", "en") in texts

    gif = tmp_path / "rollout.gif"
    code, _, err = _run(
        ["--animate", "--out", str(gif), "--frame-ms", "250", "--dpi", "20"], loader
    )
    assert (code, err) == (0, "")
    image = Image.open(gif)
    assert image.n_frames == len(event_months(data[0]))
    assert image.info["duration"] == 250
    assert loader.calls == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.png", "rollout.gif", "years.SVG"]


def test_cli_replaces_an_existing_file(tmp_path: Path, data: tuple[Timeline, Boundaries]) -> None:
    pdf = tmp_path / "map.pdf"
    pdf.write_bytes(b"old")
    code, _, _ = _run(["--date", "2013-01-01", "--out", str(pdf)], _Loader(data))
    assert code == 0
    assert pdf.read_bytes().startswith(b"%PDF")


def test_cli_help_goes_to_out() -> None:
    code, out, err = _run(["--help"], _Loader(None))  # type: ignore[arg-type]
    assert (code, err) == (0, "")
    assert "--animate" in out
    assert "--years" in out


def test_default_loader_reads_the_repository_data(bkg_kreise_path: Path) -> None:
    timeline, boundaries = load_report_data(
        env={**os.environ, "KI_BOUNDARIES_PATH": str(bkg_kreise_path)}
    )
    assert len(timeline.centres) == 54
    assert boundaries.has_kreise
    assert boundaries.source == "env"


def test_an_unusable_boundaries_path_is_a_warning_and_the_map_is_drawn_all_the_same(
    data: tuple[Timeline, Boundaries], tmp_path: Path
) -> None:
    timeline, _ = data
    missing = tmp_path / "grenzen.geojson"
    boundaries = load_boundaries(
        env={"KI_BOUNDARIES_PATH": str(missing)},
        cache_dir=tmp_path / "cache",
        outline_path=paths.OUTLINE_GEOJSON,
        bundled_path=paths.BOUNDARIES_GEOJSON,
    )
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "karte.png"
    argv = ["--date", "2016-07-01", "--out", str(target), "--dpi", "50"]
    code = run_report_cli(argv, out=out, err=err, load=lambda: (timeline, boundaries))
    assert code == 0
    assert err.getvalue() == (
        f"warning: KI_BOUNDARIES_PATH={missing}: file not found; "
        "drawing the committed VG5000 boundaries\n"
    )
    assert target.stat().st_size > 0
