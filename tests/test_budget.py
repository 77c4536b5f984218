"""geo.budget (with geo.budget_limits and geo.budget_worker): a function run in a worker process
under OS-enforced memory, CPU and wall limits."""

from __future__ import annotations

import multiprocessing
import multiprocessing.spawn
import pickle
import statistics
import sys
import threading
import time
import types
from pathlib import Path

import pytest

from geo import budget as budget_module
from geo.budget import run_within_budget
from geo.budget_limits import EXPORT_BUDGET, UPLOAD_BUDGET, Budget
from geo.errors import BudgetExceeded, DataFileError, KiAtlasError, UsageError
from geo.ingest.rawtable import RawTable
from geo.ingest.sample_upload import sample_csv
from geo.ingest.upload_reader import read_table
from tests import budget_targets as bt

GIB = 1 << 30
MIB = 1 << 20
# Small limits so each test ends quickly; 1 GiB leaves about 570 MiB above the worker's baseline.
FAST = Budget(memory_bytes=GIB, cpu_seconds=1, wall_seconds=10.0, task="upload")
# Touching 1 GiB of pages costs CPU time too (more on a busy machine): room for that.
ROOMY = Budget(memory_bytes=GIB, cpu_seconds=10, wall_seconds=20.0, task="upload")


@pytest.fixture(scope="module", autouse=True)
def _warm_forkserver() -> None:
    """Start the forkserver once, so no test's timing includes importing geo in it."""
    budget_module.start_worker_server()


def _gone(pid: int) -> bool:
    """The process no longer exists (not even as a zombie)."""
    status = Path(f"/proc/{pid}/status")
    try:
        return "\nState:\tZ" in "\n" + status.read_text()
    except FileNotFoundError:
        return True


def _no_children_left() -> bool:
    return not multiprocessing.active_children()


# --------------------------------------------------------------------------- results


def test_result_comes_back() -> None:
    assert run_within_budget(bt.add, 2, 3, times=4, budget=FAST) == 20
    assert run_within_budget(bt.echo, {"a": (1, 2.5, None)}, budget=FAST) == {"a": (1, 2.5, None)}
    assert _no_children_left()


def test_worker_runs_with_the_limits() -> None:
    limits = run_within_budget(bt.limits, budget=FAST)
    assert limits["as"] == (GIB, GIB)
    assert limits["cpu"] == (1, 2)
    assert limits["core"] == (0, 0)


def test_read_table_through_a_budget() -> None:
    table = run_within_budget(read_table, sample_csv(), "sites.csv", budget=UPLOAD_BUDGET)
    assert isinstance(table, RawTable)
    assert table == read_table(sample_csv(), "sites.csv")
    with pytest.raises(DataFileError) as caught:
        run_within_budget(read_table, b"", "sites.csv", budget=UPLOAD_BUDGET)
    with pytest.raises(DataFileError) as direct:
        read_table(b"", "sites.csv")
    assert str(caught.value) == str(direct.value)
    assert caught.value.problems == direct.value.problems


def test_overhead_per_call_is_small() -> None:
    times = []
    for _ in range(20):
        start = time.perf_counter()
        run_within_budget(bt.add, 1, 2, budget=FAST)
        times.append(time.perf_counter() - start)
    assert statistics.median(times) < 0.5


# --------------------------------------------------------------------------- limits


@pytest.mark.parametrize(
    "target",
    [bt.allocate_at_once, bt.allocate_gradually, bt.allocate_numpy],
    ids=lambda f: f.__name__,
)
def test_memory_limit(target: object) -> None:
    before = bt.rss_bytes()
    start = time.monotonic()
    with pytest.raises(BudgetExceeded) as caught:
        run_within_budget(target, 3 * GIB, budget=ROOMY)
    assert time.monotonic() - start < 10
    assert (
        str(caught.value)
        == "The upload needed more memory than its limit of 1 GiB and was stopped."
    )
    assert (caught.value.limit, caught.value.amount) == ("memory", GIB)
    assert isinstance(caught.value, RuntimeError)
    assert bt.rss_bytes() - before < 64 * MIB
    assert _no_children_left()


def test_cpu_limit() -> None:
    start = time.monotonic()
    with pytest.raises(BudgetExceeded) as caught:
        run_within_budget(bt.spin, 60.0, budget=FAST)
    assert time.monotonic() - start < 5
    assert (
        str(caught.value) == "The upload used more CPU time than its limit of 1 s and was stopped."
    )
    assert (caught.value.limit, caught.value.amount) == ("cpu", 1)


def test_cpu_hard_limit_when_the_worker_ignores_sigxcpu() -> None:
    start = time.monotonic()
    with pytest.raises(KiAtlasError, match=r"stopped unexpectedly.*SIGKILL"):
        run_within_budget(bt.spin_ignoring_sigxcpu, 60.0, budget=FAST)
    assert time.monotonic() - start < 5  # the hard limit, one second after the soft one


def test_wall_time_limit(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    budget = Budget(memory_bytes=GIB, cpu_seconds=5, wall_seconds=0.5, task="export")
    start = time.monotonic()
    with pytest.raises(BudgetExceeded) as caught:
        run_within_budget(bt.sleep, 30.0, str(pid_file), budget=budget)
    assert time.monotonic() - start < 3
    assert (
        str(caught.value) == "The export took longer than its time limit of 0.5 s and was stopped."
    )
    assert (caught.value.limit, caught.value.amount) == ("wall", 0.5)
    assert _gone(int(pid_file.read_text()))
    assert _no_children_left()


def test_result_size_limit() -> None:
    budget = Budget(memory_bytes=GIB, cpu_seconds=5, wall_seconds=10.0, result_bytes=MIB)
    assert run_within_budget(bt.echo, b"x" * 1000, budget=budget) == b"x" * 1000
    with pytest.raises(BudgetExceeded, match=r"result larger than its limit of 1 MiB") as caught:
        run_within_budget(bt.echo, b"x" * (2 * MIB), budget=budget)
    assert caught.value.limit == "result"


# --------------------------------------------------------------------------- errors


def test_data_file_error_arrives_unchanged() -> None:
    with pytest.raises(DataFileError) as direct:
        bt.raise_data_file_error()
    with pytest.raises(DataFileError) as caught:
        run_within_budget(bt.raise_data_file_error, budget=FAST)
    assert type(caught.value) is DataFileError
    assert str(caught.value) == str(direct.value)
    assert caught.value.problems == direct.value.problems
    assert len(caught.value.problems) == 2


def test_other_project_errors_arrive_unchanged() -> None:
    with pytest.raises(UsageError, match=r"^no centre with id 'x'$") as caught:
        run_within_budget(bt.raise_usage_error, budget=FAST)
    assert isinstance(caught.value, ValueError)
    # A constructor pickle cannot replay and an unpicklable attribute: same type and message,
    # the picklable attributes kept.
    with pytest.raises(bt.OddError, match=r"^odd \(42\)$") as odd:
        run_within_budget(bt.raise_odd_error, budget=FAST)
    assert odd.value.code == 42
    assert not hasattr(odd.value, "handle")


@pytest.mark.parametrize("target", [bt.raise_generic, bt.return_unpicklable])
def test_other_failures_give_a_generic_message(target: object) -> None:
    with pytest.raises(KiAtlasError) as caught:
        run_within_budget(target, budget=FAST)
    assert type(caught.value) is KiAtlasError
    assert str(caught.value) == "The upload failed because of an unexpected internal error."


@pytest.mark.parametrize(
    ("target", "how"),
    [(bt.exit_hard, "ended with exit code 3"), (bt.kill_self, "was killed by signal SIGKILL")],
)
def test_a_crash_gives_a_clear_message(target: object, how: str) -> None:
    with pytest.raises(KiAtlasError) as caught:
        run_within_budget(target, budget=FAST)
    assert str(caught.value) == f"The upload stopped unexpectedly (the worker process {how})."
    assert _no_children_left()


def test_budget_exceeded_pickles() -> None:
    exc = BudgetExceeded("cpu", 20, "The upload used more CPU time than its limit of 20 s.")
    copy = pickle.loads(pickle.dumps(exc))
    assert (type(copy), copy.limit, copy.amount, str(copy)) == (
        BudgetExceeded,
        "cpu",
        20,
        str(exc),
    )


def _nested() -> int:
    return 1


def test_targets_must_be_importable(monkeypatch: pytest.MonkeyPatch) -> None:
    def local() -> int:
        return 1

    with pytest.raises(TypeError, match="module-level function"):
        run_within_budget(lambda: 1, budget=FAST)
    with pytest.raises(TypeError, match="module-level function"):
        run_within_budget(local, budget=FAST)
    monkeypatch.setattr(_nested, "__module__", "__main__")
    with pytest.raises(TypeError, match="module-level function"):
        run_within_budget(_nested, budget=FAST)


def test_an_unpicklable_argument_is_a_programming_error() -> None:
    with pytest.raises(TypeError, match="pickle"):
        run_within_budget(bt.echo, threading.Lock(), budget=FAST)
    assert _no_children_left()


# --------------------------------------------------------------------------- budgets


def test_budgets() -> None:
    assert Budget(GIB, 20, 30.0, task="upload") == UPLOAD_BUDGET
    assert EXPORT_BUDGET.memory_bytes == 3 * GIB // 2
    assert (EXPORT_BUDGET.cpu_seconds, EXPORT_BUDGET.wall_seconds) == (60, 90.0)
    for budget in (UPLOAD_BUDGET, EXPORT_BUDGET):
        assert budget.cpu_seconds < budget.wall_seconds
    with pytest.raises(ValueError, match="cpu_seconds"):
        Budget(cpu_seconds=0)
    with pytest.raises(ValueError, match="wall_seconds"):
        Budget(wall_seconds=0)
    with pytest.raises(ValueError, match="memory_bytes"):
        Budget(memory_bytes=0)


# --------------------------------------------------------------------------- the server


def test_works_from_other_threads() -> None:
    results: dict[int, object] = {}

    def call(index: int) -> None:
        try:
            results[index] = run_within_budget(bt.add, index, 1, budget=FAST)
        except KiAtlasError as exc:
            results[index] = exc

    def call_failing() -> None:
        try:
            run_within_budget(bt.allocate_at_once, budget=FAST)
        except BudgetExceeded as exc:
            results[-1] = exc.limit

    threads = [threading.Thread(target=call, args=(i,)) for i in range(4)]
    threads.append(threading.Thread(target=call_failing))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert results == {0: 1, 1: 2, 2: 3, 3: 4, -1: "memory"}
    assert _no_children_left()


def test_other_sessions_never_notice() -> None:
    """While budgeted calls spin and allocate, the server's own threads stay responsive."""
    spinning = Budget(memory_bytes=GIB, cpu_seconds=3, wall_seconds=10.0)
    outcomes: list[str] = []

    def hog(target: object, budget: Budget, *args: object) -> None:
        try:
            run_within_budget(target, *args, budget=budget)
        except BudgetExceeded as exc:
            outcomes.append(exc.limit)

    hogs = [
        threading.Thread(target=hog, args=(bt.spin, spinning, 60.0)),
        threading.Thread(target=hog, args=(bt.allocate_gradually, ROOMY, 3 * GIB, MIB)),
    ]
    for thread in hogs:
        thread.start()
    time.sleep(0.2)
    latencies = []
    for _ in range(20):
        start = time.perf_counter()
        assert sum(i * i for i in range(20_000)) > 0
        latencies.append(time.perf_counter() - start)
        time.sleep(0.05)
    assert max(latencies) < 0.1
    for thread in hogs:
        thread.join(15)
    assert sorted(outcomes) == ["cpu", "memory"]


def test_keyboard_interrupt_kills_and_reaps_the_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid_file = tmp_path / "pid"
    real_wait = budget_module._wait

    def interrupted_wait(objects: list[object], timeout: float | None = None) -> list[object]:
        deadline = time.monotonic() + 5
        while not pid_file.exists() and time.monotonic() < deadline:
            real_wait(objects, 0.01)
        raise KeyboardInterrupt

    monkeypatch.setattr(budget_module, "_wait", interrupted_wait)
    with pytest.raises(KeyboardInterrupt):
        run_within_budget(bt.sleep, 30.0, str(pid_file), budget=FAST)
    assert _gone(int(pid_file.read_text()))
    assert _no_children_left()


def test_the_parent_main_script_is_not_rerun(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Streamlit installs the app script as `__main__`; a worker must not execute it."""
    marker = tmp_path / "ran"
    script = tmp_path / "fake_app.py"
    script.write_text(f"from pathlib import Path\nPath({str(marker)!r}).write_text('ran')\n")
    fake_main = types.ModuleType("__main__")
    fake_main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", fake_main)
    # Without the filter a child would run it: other processes still get the path.
    assert "init_main_from_path" in multiprocessing.spawn.get_preparation_data("other")
    assert run_within_budget(bt.add, 1, 2, budget=FAST) == 3
    assert run_within_budget(bt.main_module_name, budget=FAST) == "<no file>"
    assert not marker.exists()
