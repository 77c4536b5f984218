"""The bench's guard and table: each part runs so that a failure or a timeout becomes a row.

`make bench` once crashed in its tenth minute on one slow step and printed nothing it had
measured. Here every part runs under `Bench.run`: an exception is a row ("failed: <one line>"),
a repeat that timed out is a value above its limit ("> 30 s, 1 of 10 timed out"), Ctrl-C stops
the run; the table of what was measured is printed and the JSON written in every case.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import math
import signal
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from geo.sources.atomic import write_text_atomic

# Exit codes: every part produced figures; a part failed or timed out; interrupted by Ctrl-C.
EXIT_OK, EXIT_PROBLEM, EXIT_INTERRUPTED = 0, 1, 130
# Error messages are cut to this many characters in the table (the JSON keeps them whole).
MESSAGE_CHARS = 110
UNITS = ("ms", "bytes", "x", "text")

Part = Callable[["Bench"], Any]


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (`share` in 0..1) of `values`."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(share * len(ordered))) - 1]


@dataclass(eq=False)
class Figure:
    """One row: the repeats of one measure (`None` where a repeat timed out) and its target.

    `unit` is how `values` are held: "ms", "bytes", "x" (a ratio) or "text" (then `text` holds
    the figure). `limit` is what a timed-out repeat exceeded; `target` bounds the median;
    `floor` is the figure the ratio column divides by.
    """

    label: str
    values: list[float | None] = field(default_factory=list)
    unit: str = "ms"
    limit: float | None = None
    target: float | None = None
    floor: Figure | None = None
    text: str = ""
    note: str = ""
    error: str = ""
    part: str = ""

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unit {self.unit!r} is not one of {UNITS}")

    @property
    def timed_out(self) -> int:
        return sum(value is None for value in self.values)

    @property
    def finished(self) -> list[float]:
        return [value for value in self.values if value is not None]

    def median(self) -> float | None:
        """Median with timed-out repeats counted as longer than any other: `inf` when they
        reach the middle, None without values."""
        if not self.values:
            return None
        return statistics.median(math.inf if v is None else v for v in self.values)

    def ratio(self) -> float | None:
        """Median over the floor's median, when both are finite."""
        if self.floor is None:
            return None
        mine, floor = self.median(), self.floor.median()
        if mine is None or floor is None or not math.isfinite(mine) or not math.isfinite(floor):
            return None
        return mine / floor if floor > 0 else None

    def verdict(self) -> str:
        median = self.median()
        if self.target is None or median is None:
            return ""
        return "ok" if median <= self.target else "MISSED"

    def problem(self) -> str:
        """Empty, or why this row does not count as measured (for the summary line)."""
        if self.error:
            return self.error.split(":", 1)[0]
        if self.timed_out:
            return f"{self.timed_out} of {len(self.values)} timed out"
        return ""

    def as_json(self) -> dict[str, Any]:
        median = self.median()
        return {
            "label": self.label,
            "part": self.part,
            "unit": self.unit,
            "values": self.values,
            "n": len(self.values),
            "timed_out": self.timed_out,
            "limit": self.limit,
            "median": median if median is not None and math.isfinite(median) else None,
            "min": min(self.finished, default=None),
            "max": None if self.timed_out else max(self.finished, default=None),
            "p95": percentile(self.finished, 0.95) if self.finished else None,
            "ratio_to_floor": self.ratio(),
            "floor": self.floor.label if self.floor else None,
            "target": self.target,
            "verdict": self.verdict(),
            "text": self.text,
            "note": self.note,
            "error": self.error,
        }


def one_line(exc: BaseException) -> str:
    """`Type: first line of the message`, the way a row shows an exception."""
    message = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {message[0]}" if message else type(exc).__name__


def is_timeout(exc: BaseException) -> bool:
    """Python's, Playwright's and subprocess's timeouts (Playwright's is no `TimeoutError`),
    and AppTest's, a `RuntimeError` saying "timed out"."""
    if isinstance(exc, TimeoutError) or type(exc).__name__ in {"TimeoutError", "TimeoutExpired"}:
        return True
    return type(exc) is RuntimeError and "timed out" in str(exc)


class Bench:
    """The figures of one run, recorded as they are measured, and the parts that ran."""

    def __init__(self) -> None:
        self.figures: list[Figure] = []
        self.parts: list[str] = []
        self.seconds: dict[str, float] = {}
        self.data: dict[str, Any] = {}
        self.interrupted = False
        self.current = ""
        self.began = time.perf_counter()

    def figure(self, label: str, values: Iterable[float | None] = (), **fields: Any) -> Figure:
        """Add a row (of the running part) and return it. A list given as `values` is kept, not
        copied, so a measurement may fill it as it goes and a failure keeps what it measured."""
        kept = values if isinstance(values, list) else list(values)
        figure = Figure(label, kept, part=self.current, **fields)
        self.figures.append(figure)
        return figure

    def find(self, label: str) -> Figure | None:
        return next((f for f in self.figures if f.label == label and not f.error), None)

    def run(self, name: str, part: Part) -> Any:
        """Run `part(self)`; an exception becomes a row `name: failed/timed out: ...` and None is
        returned. Ctrl-C is recorded and passed on (also when it surfaced as another error)."""
        self.parts.append(name)
        self.current = name
        started = time.perf_counter()
        try:
            return part(self)
        except KeyboardInterrupt:
            self.interrupted = True
            self.figure(name, unit="text", error="interrupted: Ctrl-C")
            raise
        except Exception as exc:
            if self.interrupted:
                self.figure(name, unit="text", error="interrupted: Ctrl-C")
                raise KeyboardInterrupt from exc
            kind = "timed out" if is_timeout(exc) else "failed"
            self.figure(name, unit="text", error=f"{kind}: {one_line(exc)}")
            return None
        finally:
            self.current = ""
            self.seconds[name] = round(time.perf_counter() - started, 1)

    def problems(self) -> dict[str, list[str]]:
        """Per part with a failed, timed-out or interrupted row: what went wrong."""
        out: dict[str, list[str]] = {}
        for figure in self.figures:
            if figure.problem():
                out.setdefault(figure.part or figure.label, []).append(figure.problem())
        return out

    def exit_code(self) -> int:
        if self.interrupted:
            return EXIT_INTERRUPTED
        return EXIT_PROBLEM if self.problems() else EXIT_OK

    def summary(self) -> str:
        """The run's outcome in one line."""
        seconds = time.perf_counter() - self.began
        if self.interrupted:
            return f"interrupted (Ctrl-C) after {seconds:.0f} s: the table shows what was measured"
        problems = self.problems()
        if not problems:
            return f"every part produced its figures ({len(self.parts)} parts, {seconds:.0f} s)"
        listed = "; ".join(f"{part} ({', '.join(sorted(set(p)))})" for part, p in problems.items())
        return f"{len(problems)} of {len(self.parts)} parts failed or timed out: {listed}"

    def as_json(self) -> dict[str, Any]:
        return {
            "seconds": time.perf_counter() - self.began,
            "interrupted": self.interrupted,
            "parts": self.parts,
            "part_seconds": self.seconds,
            "problems": self.problems(),
            "figures": [_safe_json(figure) for figure in self.figures],
            "table": [list(cells) for cells in _safe_rows(self.figures)],
            **self.data,
        }


# ---------------------------------------------------------------- text of the table


def show(value: float | None, unit: str, limit: float | None = None) -> str:
    """A value as the table writes it; `inf` (timed out) as "> limit"."""
    if value is None:
        return ""
    if math.isinf(value):
        return f"> {_bound(limit, unit)[2:]}" if limit is not None else "timed out"
    if unit == "ms":
        return f"{value:.0f} ms" if value < 1000 else f"{value / 1000:.2f} s"
    if unit == "bytes":
        return f"{value / 1e6:.2f} MB" if value >= 1e6 else f"{value / 1e3:.0f} KB"
    if unit == "x":
        return f"{value:.2f}×" if value < 10 else f"{value:.1f}×"
    return str(value)


def _bound(value: float, unit: str) -> str:
    """A target as text: "≤ 3 s", "≤ 250 ms", "≤ 2×", "≤ 2 MB"."""
    if unit == "ms":
        return f"≤ {value / 1000:g} s" if value >= 1000 else f"≤ {value:g} ms"
    if unit == "bytes":
        return f"≤ {value / 1e6:g} MB" if value >= 1e6 else f"≤ {value / 1e3:g} KB"
    if unit == "x":
        return f"≤ {value:g}×"
    return f"≤ {value:g}"


COLUMNS = ("measure", "n", "median", "min", "max", "× floor", "target", "verdict")


def row(figure: Figure) -> tuple[str, ...]:
    """A figure's cells, in the order of `COLUMNS`; the verdict cell carries notes and errors."""
    if figure.error:
        return (figure.label, "", figure.error, "", "", "", "", "")
    notes = [figure.note] if figure.note else []
    if figure.timed_out:
        notes.insert(0, f"{figure.timed_out} of {len(figure.values)} timed out")
    verdict = " ".join([figure.verdict(), *(f"({n})" for n in notes)]).strip()
    if figure.unit == "text":
        return (figure.label, "", figure.text, "", "", "", "", verdict)
    n = len(figure.values)
    if not n:
        return (figure.label, "0", "no value", "", "", "", "", verdict)
    finished = figure.finished
    low = min(finished) if finished else math.inf
    high = math.inf if figure.timed_out else max(finished)
    ratio = figure.ratio()
    return (
        figure.label,
        str(n),
        show(figure.median(), figure.unit, figure.limit) if n else "no value",
        show(low, figure.unit, figure.limit) if n > 1 else "",
        show(high, figure.unit, figure.limit) if n > 1 else "",
        show(ratio, "x") if ratio is not None else "",
        _bound(figure.target, figure.unit) if figure.target is not None else "",
        verdict,
    )


def _safe_row(figure: Figure) -> tuple[str, ...]:
    """`row`, or the label and why it cannot be shown (one odd figure must not hide the rest)."""
    try:
        return row(figure)
    except Exception as exc:  # noqa: BLE001 - see above
        return (figure.label, "", f"(cannot show: {one_line(exc)})", "", "", "", "", "")


def _safe_json(figure: Figure) -> dict[str, Any]:
    try:
        return figure.as_json()
    except Exception as exc:  # noqa: BLE001 - as for `_safe_row`
        return {"label": figure.label, "error": f"cannot write: {one_line(exc)}"}


def _safe_rows(figures: Iterable[Figure]) -> list[tuple[str, ...]]:
    return [_safe_row(figure) for figure in figures]


def print_table(figures: Iterable[Figure], out: TextIO | None = None) -> None:
    """The table, one figure a line; a failed part's message runs across the value columns."""
    out = out or sys.stdout
    widths = (46, 4, 11, 10, 10, 9, 10)
    head = f"{COLUMNS[0]:<{widths[0]}}" + "".join(
        f"{name:>{w}}" for name, w in zip(COLUMNS[1:7], widths[1:], strict=True)
    )
    print(f"{head}  {COLUMNS[7]}", file=out)
    for figure in figures:
        cells = _safe_row(figure)
        label = cells[0] if len(cells[0]) < widths[0] else cells[0][: widths[0] - 2] + "…"
        if figure.error:
            text = figure.error
            if len(text) > MESSAGE_CHARS:
                text = text[: MESSAGE_CHARS - 1] + "…"
            print(f"{label:<{widths[0]}}{'':>{widths[1]}}  {text}", file=out)
            continue
        line = f"{label:<{widths[0]}}" + "".join(
            f"{cell:>{w}}" for cell, w in zip(cells[1:7], widths[1:], strict=True)
        )
        print(f"{line}  {cells[7]}".rstrip(), file=out)


# ---------------------------------------------------------------- one run


def run_parts(
    parts: Iterable[tuple[str, Part]],
    *,
    output: Path,
    bench: Bench | None = None,
    after_table: Callable[[Bench], None] | None = None,
    out: TextIO | None = None,
    progress: TextIO | None = None,
) -> int:
    """Run `parts` in order under the guard; whatever happens, print the table and the summary
    line and write `output` atomically. Returns the exit code (0, 1, or 130 after Ctrl-C).
    Each finished part is a line on `progress` (stderr), so a long run shows where it is."""
    out = out or sys.stdout
    progress = progress or sys.stderr
    bench = bench or Bench()
    parts = list(parts)
    installed = _catch_sigint(bench)
    try:
        for number, (name, part) in enumerate(parts, start=1):
            bench.run(name, part)
            problem = bench.problems().get(name)
            outcome = ", ".join(sorted(set(problem))) if problem else "ok"
            print(
                f"[{number}/{len(parts)}] {name}: {outcome} ({bench.seconds[name]:.0f} s)",
                file=progress,
                flush=True,
            )
    except KeyboardInterrupt:
        bench.interrupted = True
    finally:
        _ignore_sigint()
    try:
        print(file=out)
        print_table(bench.figures, out)
        if after_table is not None:
            try:
                after_table(bench)
            except Exception as exc:  # noqa: BLE001 - an extra printout never costs the JSON
                print(f"(could not print the extras: {one_line(exc)})", file=out)
        written = _write_json(bench, output, out)
        print(bench.summary(), file=out)
    finally:
        _restore_sigint(installed)
    code = bench.exit_code()
    return EXIT_PROBLEM if code == EXIT_OK and not written else code


def _write_json(bench: Bench, output: Path, out: TextIO) -> bool:
    """Write the run to `output` atomically (a reader never sees half a file); say where."""
    try:
        text = json.dumps(bench.as_json(), indent=2, default=_plain) + "\n"
        output.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(output, text)
    except Exception as exc:  # noqa: BLE001 - the table is out; a write error is one line
        print(f"could not write {output}: {one_line(exc)}", file=out)
        return False
    print(f"written: {output}", file=out)
    return True


def _plain(value: Any) -> Any:
    """What `json` cannot write itself: dataclasses as dicts, the rest as text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return str(value)


def _catch_sigint(bench: Bench) -> tuple[bool, Any]:
    """Note Ctrl-C on `bench` before raising it, so a part whose cleanup turns it into another
    error is still known to be interrupted. Only the main thread may set handlers: elsewhere
    (False, None) and nothing changes."""

    def handler(signum: int, frame: Any) -> None:
        bench.interrupted = True
        raise KeyboardInterrupt

    try:
        return True, signal.signal(signal.SIGINT, handler)
    except ValueError:
        return False, None


def _ignore_sigint() -> None:
    """While the table is printed and the JSON written a second Ctrl-C must not cut them off."""
    with contextlib.suppress(ValueError):
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _restore_sigint(installed: tuple[bool, Any]) -> None:
    done, previous = installed
    if done:
        signal.signal(
            signal.SIGINT, previous if previous is not None else signal.default_int_handler
        )
