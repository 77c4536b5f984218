"""The bench's guard and table (`tests/bench/runner.py`), without servers or browsers: a part that
raises, times out or is interrupted is a row, the other rows are printed, the JSON is written."""

from __future__ import annotations

import io
import json
import math
import os
import signal
import time
from pathlib import Path

import pytest

from tests.bench.runner import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PROBLEM,
    Bench,
    Figure,
    is_timeout,
    print_table,
    row,
    run_parts,
    show,
)

LIMIT_MS = 30_000.0


def _run(parts, tmp_path: Path, progress: io.StringIO | None = None) -> tuple[int, str, dict]:
    out = io.StringIO()
    output = tmp_path / "artifacts" / "bench.json"
    code = run_parts(parts, output=output, out=out, progress=progress or io.StringIO())
    return code, out.getvalue(), json.loads(output.read_text(encoding="utf-8"))


def _line(text: str, label: str) -> str:
    lines = [line for line in text.splitlines() if line.startswith(label)]
    assert len(lines) == 1, f"{label!r} in\n{text}"
    return lines[0]


def _measured(bench: Bench) -> None:
    bench.figure("measured step", [120.0, 100.0, 140.0], target=250.0)


def _boom(bench: Bench) -> None:
    bench.figure("half measured", [5.0])
    raise ValueError("boom\nsecond line of the message")


def _slow_step(bench: Bench) -> None:
    figure = bench.figure("slow step", limit=LIMIT_MS, target=250.0)
    figure.values += [200.0] * 9 + [None]


def _mostly_slow(bench: Bench) -> None:
    bench.figure("mostly slow", [900.0, None, None], limit=LIMIT_MS)


def _times_out(bench: Bench) -> None:
    raise TimeoutError("the map did not show the expected markers in time")


class PlaywrightLikeTimeout(Exception):
    """Playwright's timeout is no `TimeoutError` subclass, only named so."""


PlaywrightLikeTimeout.__name__ = "TimeoutError"


def _playwright_times_out(bench: Bench) -> None:
    raise PlaywrightLikeTimeout("Timeout 30000ms exceeded.\n=== logs ===")


def test_a_part_that_raises_is_a_row_and_the_run_goes_on(tmp_path: Path) -> None:
    ran = []
    code, text, data = _run(
        [("first", _measured), ("broken", _boom), ("after", lambda b: ran.append(b))], tmp_path
    )
    assert code == EXIT_PROBLEM
    assert ran, "the part after the broken one did not run"
    assert "ok" in _line(text, "measured step")
    assert _line(text, "half measured").split()[2] == "1"
    failed = _line(text, "broken")
    assert "failed: ValueError: boom" in failed
    assert "second line" not in failed
    assert text.splitlines()[-1] == "1 of 3 parts failed or timed out: broken (failed)"
    assert "Traceback" not in text
    assert [f["label"] for f in data["figures"]] == ["measured step", "half measured", "broken"]
    assert data["problems"] == {"broken": ["failed"]}


def test_each_finished_part_is_a_progress_line_apart_from_the_table(tmp_path: Path) -> None:
    progress = io.StringIO()
    _code, text, _data = _run(
        [("first", _measured), ("broken", _boom), ("late", _times_out)], tmp_path, progress
    )
    lines = progress.getvalue().splitlines()
    assert [line.rsplit(" (", 1)[0] for line in lines] == [
        "[1/3] first: ok",
        "[2/3] broken: failed",
        "[3/3] late: timed out",
    ]
    assert all(line.endswith(" s)") for line in lines)
    assert "[1/3]" not in text, "progress stays out of the table"


def test_a_step_that_times_out_is_a_figure_above_its_limit(tmp_path: Path) -> None:
    code, text, data = _run([("steps", _slow_step), ("mostly", _mostly_slow)], tmp_path)
    assert code == EXIT_PROBLEM
    slow = _line(text, "slow step")
    # n, median, min, then the max "> 30 s", the target, the verdict and the count.
    assert slow.split()[2:7] == ["10", "200", "ms", "200", "ms"]
    assert slow.split("  ")[-1] == "ok (1 of 10 timed out)"
    assert "> 30 s" in slow
    assert "≤ 250 ms" in slow
    mostly = _line(text, "mostly slow")
    # The median and the max lie above the limit; the min is the one finished repeat.
    assert mostly.split()[2:8] == ["3", ">", "30", "s", "900", "ms"]
    assert mostly.count("> 30 s") == 2
    assert mostly.endswith("(2 of 3 timed out)")
    figures = {f["label"]: f for f in data["figures"]}
    assert figures["slow step"]["values"][-1] is None
    assert figures["slow step"]["timed_out"] == 1
    assert figures["slow step"]["max"] is None
    assert figures["mostly slow"]["median"] is None
    assert "steps (1 of 10 timed out)" in text.splitlines()[-1]


def test_a_part_that_times_out_says_so(tmp_path: Path) -> None:
    code, text, _ = _run(
        [("ok", _measured), ("map", _times_out), ("browser", _playwright_times_out)], tmp_path
    )
    assert code == EXIT_PROBLEM
    assert "timed out: TimeoutError: the map did not show" in _line(text, "map")
    assert "timed out: TimeoutError: Timeout 30000ms exceeded." in _line(text, "browser")
    assert "ok" in _line(text, "measured step")


def test_ctrl_c_prints_what_was_measured_and_exits_130(tmp_path: Path) -> None:
    ran = []

    def interrupted(bench: Bench) -> None:
        bench.figure("before the key", [10.0])
        raise KeyboardInterrupt

    code, text, data = _run(
        [("first", _measured), ("second", interrupted), ("third", lambda b: ran.append(b))],
        tmp_path,
    )
    assert code == EXIT_INTERRUPTED
    assert not ran
    assert "measured step" in text
    assert "before the key" in text
    assert "interrupted: Ctrl-C" in _line(text, "second")
    assert text.splitlines()[-1].startswith("interrupted (Ctrl-C) after")
    assert data["interrupted"] is True
    assert data["parts"] == ["first", "second"]


def test_a_real_sigint_is_noticed_even_when_a_cleanup_hides_it(tmp_path: Path) -> None:
    def hidden(bench: Bench) -> None:
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)
        except KeyboardInterrupt:
            # As when a browser's context manager fails on its way out after Ctrl-C.
            raise RuntimeError("Connection closed") from None

    handler = signal.getsignal(signal.SIGINT)
    code, text, _ = _run([("first", _measured), ("hidden", hidden), ("never", _boom)], tmp_path)
    assert code == EXIT_INTERRUPTED
    assert "never" not in text
    assert "measured step" in text
    assert signal.getsignal(signal.SIGINT) is handler


def test_every_part_measured_exits_0_and_leaves_only_the_json(tmp_path: Path) -> None:
    code, text, data = _run([("one", _measured)], tmp_path)
    assert code == EXIT_OK
    assert text.splitlines()[-1].startswith("every part produced its figures (1 parts")
    assert sorted(p.name for p in (tmp_path / "artifacts").iterdir()) == ["bench.json"]
    assert data["figures"][0]["median"] == 120.0
    assert data["figures"][0]["verdict"] == "ok"


def test_an_unprintable_figure_does_not_hide_the_others(tmp_path: Path) -> None:
    def odd(bench: Bench) -> None:
        bench.figure("odd", ["not a number"])  # type: ignore[list-item]

    _, text, data = _run([("one", _measured), ("odd", odd)], tmp_path)
    assert "cannot show" in _line(text, "odd")
    assert "measured step" in text
    assert data["figures"][0]["median"] == 120.0
    assert data["figures"][1]["error"].startswith("cannot write")


def test_ratio_to_the_floor_min_max_and_verdict() -> None:
    floor = Figure("floor", [100.0, 90.0, 110.0])
    app = Figure("app", [300.0, 200.0, 250.0], floor=floor, target=240.0)
    cells = row(app)
    assert cells[1:] == ("3", "250 ms", "200 ms", "300 ms", "2.50×", "≤ 240 ms", "MISSED")
    assert row(Figure("one", [2350.0], target=3000.0))[1:] == (
        "1",
        "2.35 s",
        "",
        "",
        "",
        "≤ 3 s",
        "ok",
    )
    # A floor that timed out gives no ratio.
    assert row(Figure("x", [1.0], floor=Figure("f", [None], limit=LIMIT_MS)))[5] == ""


def test_median_counts_timeouts_as_longest() -> None:
    assert Figure("a", [1.0, None, 3.0]).median() == 3.0
    assert math.isinf(Figure("a", [1.0, None, None]).median())
    assert Figure("a").median() is None
    assert row(Figure("empty"))[2] == "no value"


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (139.4, "ms", "139 ms"),
        (6200.0, "ms", "6.20 s"),
        (math.inf, "ms", "> 30 s"),
        (131_000.0, "bytes", "131 KB"),
        (1_100_000.0, "bytes", "1.10 MB"),
        (7.4, "x", "7.40×"),
        (35.3, "x", "35.3×"),
    ],
)
def test_values_are_written_in_their_unit(value: float, unit: str, text: str) -> None:
    assert show(value, unit, LIMIT_MS) == text


def test_a_failed_row_spans_the_value_columns() -> None:
    out = io.StringIO()
    print_table([Figure("GIF end to end", unit="text", error="failed: " + "x" * 300)], out)
    line = out.getvalue().splitlines()[1]
    assert line.startswith("GIF end to end")
    assert "failed: xxx" in line
    assert line.endswith("…")
    assert len(line) < 200


def test_an_unknown_unit_is_refused() -> None:
    with pytest.raises(ValueError, match="unit"):
        Figure("x", unit="seconds")


@pytest.mark.parametrize(
    ("exc", "timeout"),
    [
        (TimeoutError("map"), True),
        (PlaywrightLikeTimeout("Timeout 30000ms exceeded."), True),
        (RuntimeError("AppTest script run timed out after 300(s)"), True),
        (RuntimeError("app_compiled_once.py failed: ModuleNotFoundError"), False),
        (ValueError("timed out"), False),
    ],
)
def test_which_errors_count_as_timeouts(exc: Exception, timeout: bool) -> None:
    assert is_timeout(exc) is timeout
