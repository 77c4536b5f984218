"""Running one function in a worker process under limits the operating system enforces.

`run_within_budget(func, *args, budget=..., **kwargs)` calls `func(*args, **kwargs)` in a fresh
child of a multiprocessing *forkserver* (never a fork of the threaded server itself). Before the
call the child caps its address space (`RLIMIT_AS`) and its CPU time (`RLIMIT_CPU`) to the
`Budget` (`geo.budget_limits`; the child's side is `geo.budget_worker`); the parent, this module,
kills it when the wall-clock time is up. The result is pickled back. Whatever happens in the
child -- a file that needs 10 GiB, a parser that loops, a crash -- the caller gets either the
result or a `KiAtlasError` whose message can be shown to the user:

* `BudgetExceeded` (with `limit` "memory", "cpu", "wall" or "result") when a limit stopped it;
* the very `KiAtlasError` subclass `func` raised, with the same message and attributes
  (e.g. a `DataFileError` and its `problems`);
* a plain `KiAtlasError` with a generic message for any other exception or a crash (the
  child's traceback goes to this module's logger, never into the message).

`func` and the classes it returns must be importable by the child: a module-level function in
a real module (not `__main__`, a lambda or a nested function). The forkserver preloads
`PRELOAD` once, so a call costs a fork plus pickling the arguments and the result.
"""

from __future__ import annotations

__all__ = ["PRELOAD", "run_within_budget", "start_worker_server"]

import logging
import multiprocessing
import multiprocessing.connection
import multiprocessing.forkserver
import multiprocessing.spawn
import pickle
import signal
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from geo.budget_limits import GIB, MIB, Budget
from geo.budget_worker import worker_main
from geo.errors import BudgetExceeded, KiAtlasError

_log = logging.getLogger(__name__)

T = TypeVar("T")

# Imported once by the forkserver, so that each worker starts with them loaded: the worker's own
# code and the modules of the functions the dashboard runs under a budget.
PRELOAD = (
    "geo.budget_worker",
    "geo.ingest.upload_reader",
    "geo.outputs.small_multiples",
    "geo.outputs.animation",
    "geo.outputs.table_csv",
    "geo.outputs.offline_map",
)

_WORKER_NAME = "ki-atlas-budget"
_WARM_UP = Budget(memory_bytes=GIB, cpu_seconds=30, wall_seconds=60.0, task="warm-up")
# How long to wait for a killed worker to be reaped before giving up on it.
_REAP_SECONDS = 5.0

_wait = multiprocessing.connection.wait
_context_lock = threading.Lock()
# Starting a process polls every other live child (multiprocessing's `_cleanup`), and a poll of a
# forkserver child reads its exit code from a pipe: two threads reading it at once could leave
# one with a made-up code. Every start, poll and join of a worker holds this lock.
_process_lock = threading.RLock()
_context: Any = None


def start_worker_server() -> None:
    """Start the forkserver and wait until it has imported `PRELOAD` (about a second), so the
    first real call is as quick as the others. Safe to call from any thread, more than once."""
    run_within_budget(_ready, budget=_WARM_UP)


def _ready() -> bool:
    return True


def run_within_budget(func: Callable[..., T], /, *args: Any, budget: Budget, **kwargs: Any) -> T:
    """Return `func(*args, **kwargs)` computed in a worker process held to `budget`.

    Raises `BudgetExceeded` when the worker ran out of memory, CPU time or wall time (or its
    result is larger than allowed), the `KiAtlasError` that `func` raised, or `KiAtlasError`
    with a generic message for any other failure. Blocks for at most `budget.wall_seconds`
    plus the time to kill and reap the worker; callable from any thread. Raises `TypeError`
    (a programming error, not a user's) when `func` cannot be imported by the worker, and
    pickle's own error when an argument cannot be pickled.
    """
    _check_importable(func)
    ctx = _get_context()
    reader, writer = ctx.Pipe(duplex=False)
    proc = ctx.Process(
        target=worker_main,
        args=(writer, func, args, kwargs, budget),
        name=f"{_WORKER_NAME}-{budget.task}",
        daemon=True,
    )
    payload: bytes | None = None
    timed_out = too_big = False
    exitcode: int | None = None
    try:
        with _process_lock:
            proc.start()
        writer.close()
        payload, timed_out, too_big = _collect(reader, proc, budget)
    finally:
        writer.close()
        reader.close()
        exitcode = _reap(proc)
    return _outcome(payload, timed_out, too_big, exitcode, budget)


def _get_context() -> Any:
    global _context
    with _context_lock:
        if _context is None:
            _install_preparation_filter()
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(list(PRELOAD))
            _context = ctx
        return _context


def _install_preparation_filter() -> None:
    """Keep workers from re-running the parent's `__main__`.

    Before unpickling its target, a spawn or forkserver child re-executes the parent's main
    script as `__mp_main__`. Under Streamlit, `sys.modules["__main__"]` is the app script
    itself, so every worker would run the whole dashboard. Our workers never need `__main__`
    (targets must live in real modules), so their preparation data leaves it out; other
    processes, told apart by name, are unaffected.
    """
    original = multiprocessing.spawn.get_preparation_data
    if getattr(original, "_ki_atlas_budget", False):
        return

    def get_preparation_data(name: str) -> dict[str, Any]:
        data = original(name)
        if name.startswith(_WORKER_NAME):
            data.pop("init_main_from_name", None)
            data.pop("init_main_from_path", None)
        return data

    get_preparation_data._ki_atlas_budget = True  # type: ignore[attr-defined]
    multiprocessing.spawn.get_preparation_data = get_preparation_data


def _check_importable(func: Callable[..., Any]) -> None:
    module = getattr(func, "__module__", None)
    qualname = getattr(func, "__qualname__", "")
    if module in (None, "__main__", "__mp_main__") or "<" in qualname:
        raise TypeError(
            f"{func!r} cannot run under a budget: the worker imports it by name, so it must be "
            "a module-level function of an importable module"
        )


def _collect(reader: Any, proc: Any, budget: Budget) -> tuple[bytes | None, bool, bool]:
    """Wait for the worker's message or its end, never past the deadline: (payload or None,
    whether the wall time ran out, whether the result was too large)."""
    deadline = time.monotonic() + budget.wall_seconds
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None, True, False
        ready = _wait([reader, proc.sentinel], timeout=remaining)
        if reader in ready or (ready and reader.poll(0)):
            break
        if ready:  # the worker ended and left nothing to read
            return None, False, False
    # A message has begun; `recv_bytes` would block until it is complete, so a watchdog kills
    # the worker at the deadline (the read then ends with EOF).
    watchdog = threading.Timer(max(deadline - time.monotonic(), 0.0), _kill, (proc,))
    watchdog.daemon = True
    watchdog.start()
    try:
        return reader.recv_bytes(budget.result_bytes), False, False
    except EOFError:
        return None, time.monotonic() >= deadline, False
    except OSError:  # "bad message length": larger than budget.result_bytes
        return None, False, True
    finally:
        watchdog.cancel()
        watchdog.join()  # never two threads polling the worker at once


def _kill(proc: Any) -> None:
    with _process_lock:
        try:
            if proc.exitcode is None:
                proc.kill()
        except (OSError, ValueError):  # already gone, or already closed
            pass


def _reap(proc: Any) -> int | None:
    """Kill the worker if it still runs, wait until it is reaped (by the forkserver) and return
    its exit code (negative: the signal that ended it)."""
    if proc.pid is None:  # never started
        return None
    _kill(proc)
    # Wait for the end without reading its code (a select only), so the lock is never held
    # while waiting and other sessions' workers can start meanwhile.
    multiprocessing.connection.wait([proc.sentinel], timeout=_REAP_SECONDS)
    with _process_lock:
        exitcode = proc.exitcode
    if exitcode is None:
        _log.error("budget worker %s did not end after SIGKILL", proc.pid)
    else:
        proc.close()
    return exitcode


def _outcome(
    payload: bytes | None, timed_out: bool, too_big: bool, exitcode: int | None, budget: Budget
) -> Any:
    if timed_out:
        raise _exceeded("wall", budget)
    if too_big:
        raise _exceeded("result", budget)
    if payload is None:
        if exitcode == -signal.SIGXCPU:
            raise _exceeded("cpu", budget)
        if exitcode is not None and exitcode < 0:
            how = f"was killed by signal {signal.Signals(-exitcode).name}"
        else:
            how = f"ended with exit code {exitcode}"
        _log.warning("budget worker for %s %s without a result", budget.task, how)
        raise KiAtlasError(f"The {budget.task} stopped unexpectedly (the worker process {how}).")
    try:
        outcome = pickle.loads(payload)
    except Exception:  # noqa: BLE001 -- logged; the user gets the generic message
        _log.exception("budget worker for %s sent a result that cannot be read", budget.task)
        raise KiAtlasError(_generic(budget)) from None
    kind = outcome[0]
    if kind == "ok":
        return outcome[1]
    if kind == "memory":
        raise _exceeded("memory", budget)
    if kind == "known":
        raise _rebuild(*outcome[1:])
    _log.warning("budget worker for %s failed:\n%s", budget.task, outcome[2])
    raise KiAtlasError(_generic(budget))


def _generic(budget: Budget) -> str:
    return f"The {budget.task} failed because of an unexpected internal error."


def _exceeded(limit: str, budget: Budget) -> BudgetExceeded:
    the = f"The {budget.task}"
    if limit == "memory":
        amount: float = budget.memory_bytes
        message = f"{the} needed more memory than its limit of {_bytes(amount)} and was stopped."
    elif limit == "cpu":
        amount = budget.cpu_seconds
        message = f"{the} used more CPU time than its limit of {amount:g} s and was stopped."
    elif limit == "wall":
        amount = budget.wall_seconds
        message = f"{the} took longer than its time limit of {amount:g} s and was stopped."
    else:
        amount = budget.result_bytes
        message = f"{the} produced a result larger than its limit of {_bytes(amount)}."
    return BudgetExceeded(limit, amount, message)


def _bytes(amount: float) -> str:
    if amount >= GIB:
        return f"{round(amount / GIB, 2):g} GiB"
    if amount >= MIB:
        return f"{round(amount / MIB, 1):g} MiB"
    return f"{amount:g} bytes"


def _rebuild(how: str, data: bytes | None, message: str) -> KiAtlasError:
    """The `KiAtlasError` the worker raised (sent as `geo.budget_worker._known` packed it), or a
    plain one with its message."""
    try:
        if how == "pickle":
            exc = pickle.loads(data)  # type: ignore[arg-type]
        elif how == "rebuild":
            cls, args, state = pickle.loads(data)  # type: ignore[arg-type]
            exc = cls.__new__(cls, *args)
            exc.args = args
            exc.__dict__.update(state)
        else:
            exc = None
    except Exception:  # noqa: BLE001 -- falls back to the message, which is what users see
        _log.exception("cannot rebuild the worker's %s", how)
        exc = None
    return exc if isinstance(exc, KiAtlasError) else KiAtlasError(message)
