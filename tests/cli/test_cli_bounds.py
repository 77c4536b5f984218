"""One user cannot take the machine down from the command line: inputs that are not regular
files, resolutions and frame durations out of range, GIFs with thousands of sites, `--out` onto
links and pipes, and a closed stdout. Each case ends with one `error:` line (or quietly) within a
time and memory bound; the hostile ones run as subprocesses under an address-space limit."""

from __future__ import annotations

import io
import os
import resource
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from bench.synthetic import synthetic_centres
from PIL import Image

from geo import paths
from geo.cli.commands import main
from geo.cli.report_command import run_report_cli
from geo.errors import DataFileError, UsageError
from geo.model.timeline import Timeline
from geo.outputs.animation import render_animation
from geo.outputs.map_figure import render_map
from geo.outputs.page_format import FRAME_MS_RANGE, MAX_GIF_PIXELS, MAX_PAGE_PIXELS
from geo.sources.atomic import write_bytes_atomic
from geo.sources.boundaries import Boundaries
from geo.sources.csvfile import read_file_bytes

# A subprocess that tried to read /dev/zero into memory died here before the fix; a working
# command stays far below it.
ADDRESS_LIMIT = 3 * 1024**3
TIMEOUT_S = 60
MAX_RSS_MB = 400


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_LIMIT, ADDRESS_LIMIT))


def _geo(argv: list[str], *, stdout: int = subprocess.PIPE) -> tuple[int, str, str, float, float]:
    """`python -m geo argv` under the limits: exit code, stdout, stderr, seconds, and the peak
    RSS in MB of this child alone (from wait4, not the maximum over every child of the run)."""
    start = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "-m", "geo", *argv],
        cwd=paths.ROOT,
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.PIPE,
        preexec_fn=_limit_memory,  # before any reader thread starts
        text=True,
    )
    streams: dict[str, str] = {}
    readers = [
        threading.Thread(target=lambda k=k, f=f: streams.__setitem__(k, f.read()))
        for k, f in (("out", child.stdout), ("err", child.stderr))
        if f is not None
    ]
    for reader in readers:
        reader.start()
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - start > TIMEOUT_S:
            child.kill()
            os.wait4(child.pid, 0)
            child.returncode = -9
            pytest.fail(f"python -m geo {' '.join(argv)} still ran after {TIMEOUT_S} s")
        time.sleep(0.02)
    seconds = time.monotonic() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join()
    return child.returncode, streams.get("out", ""), streams["err"], seconds, usage.ru_maxrss / 1024


@pytest.fixture
def zero_link(tmp_path: Path) -> Path:
    link = tmp_path / "zero.csv"
    link.symlink_to("/dev/zero")
    return link


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "in.fifo"
    os.mkfifo(path)
    return path


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "in.sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        yield path


PIPE = "not a regular file (a named pipe)"
DEVICE = "not a regular file (a character device)"
SOCKET = "not a regular file (a socket)"

# (argv with {fifo}, {zero}, {sock}; the name in the message; what it says)
INPUT_CASES = [
    pytest.param(["validate", "{fifo}"], "{fifo}", PIPE, id="validate-fifo"),
    pytest.param(["validate", "/dev/zero"], "/dev/zero", DEVICE, id="validate-dev-zero"),
    pytest.param(["validate", "{zero}"], "{zero}", DEVICE, id="validate-link-to-dev-zero"),
    pytest.param(["validate", "{sock}"], "{sock}", SOCKET, id="validate-socket"),
    pytest.param(["press", "parse", "{fifo}"], "{fifo}", PIPE, id="press-fifo"),
    pytest.param(["press", "parse", "/dev/zero"], "/dev/zero", DEVICE, id="press-dev-zero"),
    pytest.param(["press", "parse", "{zero}"], "{zero}", DEVICE, id="press-link-to-dev-zero"),
    pytest.param(
        ["--centres", "{fifo}", "timeline", "--at", "2016-07-01"],
        "in.fifo",
        PIPE,
        id="centres-fifo",
    ),
    pytest.param(["check", "--milestones", "/dev/zero"], "zero", DEVICE, id="milestones-dev-zero"),
    pytest.param(
        ["--centres", "{zero}", "report", "--date", "2016-07-01", "--out", "{tmp}/a.png"],
        "zero.csv",
        DEVICE,
        id="report-centres-link-to-dev-zero",
    ),
]


@pytest.mark.parametrize(("argv", "name", "words"), INPUT_CASES)
def test_an_input_that_is_not_a_regular_file_is_refused_at_once(
    tmp_path: Path,
    fifo: Path,
    zero_link: Path,
    unix_socket: Path,
    argv: list[str],
    name: str,
    words: str,
) -> None:
    """Before: a FIFO blocked forever, /dev/zero filled the memory (MemoryError traceback)."""
    places = {"fifo": fifo, "zero": zero_link, "sock": unix_socket, "tmp": tmp_path}
    before = sorted(p.name for p in tmp_path.iterdir())
    code, out, err, seconds, peak_mb = _geo([a.format(**places) for a in argv])
    assert (code, out) == (1, "")
    assert err == f"error: {name.format(**places)}: cannot read: {words}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert seconds < 20
    assert peak_mb < MAX_RSS_MB


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["timeline", "--at", "2016-07-01"], id="timeline"),
        pytest.param(["timeline", "--at", "2016-07-01", "--json"], id="timeline-json"),
        pytest.param(["check", "--json"], id="check"),
        pytest.param(["press", "parse", str(paths.SEED_LISTING), "--json"], id="press-parse"),
        pytest.param(["validate", str(paths.CENTRES_CSV)], id="validate"),
        pytest.param(["report", "--help"], id="report-help"),
    ],
)
def test_a_closed_stdout_ends_quietly_with_0(argv: list[str]) -> None:
    """`python -m geo ... | head -1`: before, a BrokenPipeError traceback and exit 1."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written
    try:
        code, _, err, seconds, _ = _geo(argv, stdout=write_end)
    finally:
        os.close(write_end)
    assert (code, err) == (0, "")
    assert seconds < 20


def test_main_survives_a_broken_pipe_in_process() -> None:
    class Closed(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    err = io.StringIO()
    assert main(["timeline", "--at", "2016-07-01"], out=Closed(), err=err) == 0
    assert err.getvalue() == ""


# --------------------------------------------------------------------------- reading


def test_a_file_whose_size_lies_is_still_capped() -> None:
    """/proc files are regular but report size 0: the read stops one byte past the limit."""
    maps = Path("/proc/self/maps")
    assert maps.stat().st_size == 0
    with pytest.raises(DataFileError) as caught:
        read_file_bytes(maps, "maps", max_bytes=100)
    assert str(caught.value) == (
        "maps: the file is too large (more than 0.0001 MB): is it the right file?"
    )
    assert read_file_bytes(maps, "maps", max_bytes=10_000_000)  # under the limit it is read


def test_a_named_pipe_swapped_in_after_the_check_does_not_block(
    fifo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The path is opened without blocking and checked again on the open descriptor."""
    regular = os.stat(paths.CENTRES_CSV)
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: regular if p == fifo else real_stat(p))

    def blocked(signum: int, frame: object) -> None:
        raise TimeoutError("read_file_bytes blocked on a named pipe")

    # A regression would block in open(): fail after 10 s instead of hanging the run.
    previous = signal.signal(signal.SIGALRM, blocked)
    signal.alarm(10)
    try:
        with pytest.raises(DataFileError, match=r"in.fifo: cannot read: not a regular file"):
            read_file_bytes(fifo, "in.fifo")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_an_unreadable_file_names_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root may open a mode-0 file, so the refusal of open() is simulated where it happens."""
    path = tmp_path / "centres.csv"
    path.write_bytes(paths.CENTRES_CSV.read_bytes())
    real_open = os.open

    def denied(name: object, flags: int, *args: object) -> int:
        if Path(str(name)) == path:
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, flags, *args)

    monkeypatch.setattr(os, "open", denied)
    out, err = io.StringIO(), io.StringIO()
    assert main(["validate", str(path)], out=out, err=err) == 1
    assert (out.getvalue(), err.getvalue()) == (
        "",
        f"error: {path}: cannot read: Permission denied\n",
    )


# --------------------------------------------------------------------------- report limits


class _Loader:
    def __init__(self, data: tuple[Timeline, Boundaries] | None) -> None:
        self.data = data
        self.calls = 0

    def __call__(self) -> tuple[Timeline, Boundaries]:
        self.calls += 1
        assert self.data is not None
        return self.data


def _report(argv: list[str], load: Callable[[], tuple[Timeline, Boundaries]]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_report_cli(argv, out=out, err=err, load=load)
    return code, err.getvalue()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--animate", "--frame-ms", "655360", "--out", "{d}/a.gif"],
            "--frame-ms must be between 20 and 60000 ms, not 655360",
        ),
        (
            ["--animate", "--frame-ms", "19", "--out", "{d}/a.gif"],
            "--frame-ms must be between 20 and 60000 ms, not 19",
        ),
        (
            ["--animate", "--frame-ms", "60001", "--out", "{d}/a.gif"],
            "--frame-ms must be between 20 and 60000 ms, not 60001",
        ),
        (
            ["--date", "2016-07-01", "--dpi", "1200", "--out", "{d}/a.png"],
            "--dpi for a map must be between 10 and 600, not 1200",
        ),
        (
            ["--years", "2012-2018", "--dpi", "601", "--out", "{d}/a.pdf"],
            "--dpi for a map must be between 10 and 600, not 601",
        ),
        (
            ["--animate", "--dpi", "201", "--out", "{d}/a.gif"],
            "--dpi for a GIF must be between 10 and 200, not 201",
        ),
        (
            ["--date", "2016-07-01", "--dpi", "9", "--out", "{d}/a.svg"],
            "--dpi for a map must be between 10 and 600, not 9",
        ),
    ],
)
def test_out_of_range_durations_and_resolutions_are_one_line(
    tmp_path: Path, argv: list[str], message: str
) -> None:
    """Before: 655360 ms gave an OverflowError traceback from PIL, --dpi 1200 a GIF that needed
    gigabytes (MemoryError)."""
    loader = _Loader(None)
    code, err = _report([a.format(d=tmp_path) for a in argv], loader)
    assert (code, err) == (1, f"error: {message}\n")
    assert loader.calls == 0
    assert list(tmp_path.iterdir()) == []


def test_the_longest_frame_duration_is_written(data: tuple[Timeline, Boundaries]) -> None:
    months = [date(2013, 1, 1), date(2019, 1, 1)]  # frames that differ (PIL merges equal ones)
    low, high = FRAME_MS_RANGE
    gif = render_animation(*data, days=months, frame_ms=high, last_frame_ms=low, dpi=20)
    image = Image.open(io.BytesIO(gif))
    assert image.info["duration"] == high
    image.seek(1)
    assert image.info["duration"] == low
    with pytest.raises(ValueError, match="between 20 and 60000 ms"):
        render_animation(*data, days=months, frame_ms=high + 1)


def _bounded(call: Callable[[], object], seconds: float, megabytes: float) -> object:
    """Run `call` and require it to end within `seconds` and `megabytes` of Python allocations."""
    tracemalloc.start()
    start = time.monotonic()
    try:
        result = call()
    finally:
        elapsed = time.monotonic() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert elapsed < seconds, f"took {elapsed:.1f} s"
    assert peak / 1e6 < megabytes, f"peak {peak / 1e6:.0f} MB"
    return result


def test_the_pixel_budget_refuses_before_drawing(data: tuple[Timeline, Boundaries]) -> None:
    """Python callers have no --dpi range: the pixel count is checked before a figure exists."""

    def huge_page() -> None:
        with pytest.raises(UsageError) as caught:
            render_map(*data, date(2016, 7, 1), fmt="png", dpi=1200)
        assert str(caught.value) == (
            "14031 x 9921 px at 1200 dpi is more than the limit of "
            f"{MAX_PAGE_PIXELS / 1e6:g} million pixels; use a lower dpi"
        )

    def long_gif() -> None:
        months = [date(1980 + i // 12, i % 12 + 1, 1) for i in range(500)]
        with pytest.raises(UsageError) as caught:
            render_animation(*data, days=months, dpi=100)
        assert str(caught.value) == (
            "500 frames of 1000 x 707 px at 100 dpi is more than the limit of "
            f"{MAX_GIF_PIXELS / 1e6:g} million pixels; use a lower dpi"
        )

    _bounded(huge_page, seconds=2, megabytes=20)
    _bounded(long_gif, seconds=2, megabytes=20)


def test_a_gif_of_thousands_of_sites_stays_small(data: tuple[Timeline, Boundaries]) -> None:
    """Before: matplotlib broadcast last frame's styles against this frame's widths (their
    least common multiple: millions of entries); 20,000 sites needed 5.4 GB."""
    timeline, boundaries = data
    sites = Timeline(tuple(synthetic_centres(timeline.centres, n=4000, seed=3)))
    months = [date(2013, 1, 1), date(2014, 1, 1), date(2015, 2, 1), date(2016, 3, 1)]
    counts = [timeline_count(sites, m) for m in months]
    assert len(set(counts)) == len(counts)  # every frame changes the length of the lists
    assert min(counts) > 1000
    gif = _bounded(
        lambda: render_animation(sites, boundaries, days=months, dpi=30),
        seconds=10,
        megabytes=150,
    )
    assert Image.open(io.BytesIO(gif)).n_frames == len(months)  # type: ignore[arg-type]


def timeline_count(timeline: Timeline, day: date) -> int:
    return len(timeline.snapshot(day).states)


# --------------------------------------------------------------------------- --out


def test_out_onto_a_symbolic_link_is_refused_and_the_link_kept(
    tmp_path: Path, data: tuple[Timeline, Boundaries]
) -> None:
    """Before: the link was replaced by a file with the target's mode (0666 for /dev/null)."""
    for target in ("/dev/null", str(tmp_path / "elsewhere.png")):
        link = tmp_path / "out.png"
        link.symlink_to(target)
        code, err = _report(
            ["--date", "2016-07-01", "--dpi", "10", "--out", str(link)], _Loader(data)
        )
        assert (code, err) == (
            1,
            f"error: --out {str(link)!r} is a symbolic link (left alone): name a file\n",
        )
        assert os.readlink(link) == target
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out.png"]
        link.unlink()


def test_out_onto_a_named_pipe_is_refused_and_the_pipe_kept(
    tmp_path: Path, data: tuple[Timeline, Boundaries]
) -> None:
    pipe = tmp_path / "out.gif"
    os.mkfifo(pipe)
    code, err = _report(["--animate", "--dpi", "10", "--out", str(pipe)], _Loader(data))
    assert (code, err) == (
        1,
        f"error: --out {str(pipe)!r} is not a regular file (left alone): name a file\n",
    )
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.gif"]


@pytest.fixture
def umask_027() -> Iterator[None]:
    old = os.umask(0o027)
    yield
    os.umask(old)


def test_out_gets_the_mode_of_a_normal_new_file(
    tmp_path: Path, data: tuple[Timeline, Boundaries], umask_027: None
) -> None:
    new = tmp_path / "new.png"
    code, err = _report(["--date", "2016-07-01", "--dpi", "10", "--out", str(new)], _Loader(data))
    assert (code, err) == (0, "")
    assert stat.S_IMODE(os.lstat(new).st_mode) == 0o640  # 0666 minus the umask, not mkstemp's 0600
    kept = tmp_path / "kept.png"
    kept.write_bytes(b"old")
    kept.chmod(0o600)
    code, _ = _report(["--date", "2016-07-01", "--dpi", "10", "--out", str(kept)], _Loader(data))
    assert code == 0
    assert stat.S_IMODE(os.lstat(kept).st_mode) == 0o600  # a replaced file keeps its mode


def test_atomic_write_replaces_a_link_itself_and_leaves_other_files_alone(
    tmp_path: Path, umask_027: None
) -> None:
    """For the library: a link is replaced (its target neither written nor asked for its mode);
    a pipe, device or socket in the way is an OSError and stays."""
    target = tmp_path / "target.txt"
    target.write_bytes(b"target")
    target.chmod(0o666)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_bytes_atomic(link, b"new")
    assert not link.is_symlink()
    assert (link.read_bytes(), stat.S_IMODE(link.stat().st_mode)) == (b"new", 0o640)
    assert target.read_bytes() == b"target"

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(OSError, match="not a regular file"):
        write_bytes_atomic(pipe, b"new")
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "pipe", "target.txt"]
