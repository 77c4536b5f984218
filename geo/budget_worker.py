"""The worker process's side of `geo.budget.run_within_budget`: set the operating system's limits,
call the function, and send the parent one pickled message saying how it ended.

The message is `("ok", result)`, `("memory",)`, `("known", how, data, message)` for a
`KiAtlasError` (see `_known`) or `("error", type name, traceback)` for anything else.
"""

from __future__ import annotations

__all__ = ["worker_main"]

import os
import pickle
import resource
import signal
import traceback
from collections.abc import Callable
from typing import Any

from geo.budget_limits import Budget
from geo.errors import KiAtlasError


def worker_main(
    conn: Any,
    func: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    budget: Budget,
) -> None:
    """The worker: set the limits, call `func`, send one message describing the outcome."""
    try:
        _apply_limits(budget)
        result = func(*args, **kwargs)
    except MemoryError:
        outcome: tuple[Any, ...] = ("memory",)
    except KiAtlasError as exc:
        outcome = ("known", *_known(exc))
    except BaseException as exc:  # noqa: BLE001 -- reported to the parent, which logs it
        outcome = ("error", type(exc).__name__, traceback.format_exc())
    else:
        outcome = ("ok", result)
    del args, kwargs
    try:
        data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        data = pickle.dumps(("memory",))
    except Exception:  # noqa: BLE001 -- an unpicklable result; reported to the parent
        data = pickle.dumps(("error", "PicklingError", traceback.format_exc()))
    del outcome
    conn.send_bytes(data)
    conn.close()


def _apply_limits(budget: Budget) -> None:
    _limit(resource.RLIMIT_CORE, 0, 0)  # a worker killed by SIGXCPU must not dump core
    _limit(resource.RLIMIT_AS, budget.memory_bytes, budget.memory_bytes)
    # SIGXCPU at the soft limit ends the worker whatever code runs (its default action); the
    # hard limit's SIGKILL a second later is the backstop should SIGXCPU be caught or ignored.
    signal.signal(signal.SIGXCPU, signal.SIG_DFL)
    _limit(resource.RLIMIT_CPU, budget.cpu_seconds, budget.cpu_seconds + 1)
    if budget.nice:
        os.nice(budget.nice)


def _limit(which: int, soft: int, hard: int) -> None:
    """Set a limit, never above the hard limit the worker inherited."""
    _, current = resource.getrlimit(which)
    if current != resource.RLIM_INFINITY:
        soft, hard = min(soft, current), min(hard, current)
    resource.setrlimit(which, (soft, hard))


def _known(exc: KiAtlasError) -> tuple[str, bytes | None, str]:
    """How to carry `exc` to the parent: pickled as is when that gives back the same exception
    (type, message, attributes); else its class, args and picklable attributes, rebuilt without
    calling `__init__` (e.g. `DataFileError(problems)` does not survive a plain pickle); else
    only its message."""
    message = str(exc)
    try:
        data = pickle.dumps(exc, protocol=pickle.HIGHEST_PROTOCOL)
        copy = pickle.loads(data)
        if type(copy) is type(exc) and copy.args == exc.args and vars(copy) == vars(exc):
            return "pickle", data, message
    except Exception:  # noqa: BLE001 -- try the next way
        pass
    try:
        state = {k: v for k, v in vars(exc).items() if _picklable(v)}
        return "rebuild", pickle.dumps((type(exc), exc.args, state)), message
    except Exception:  # noqa: BLE001 -- fall back to the message alone
        return "message", None, message


def _picklable(value: object) -> bool:
    try:
        pickle.dumps(value)
    except Exception:  # noqa: BLE001 -- any failure means "leave this attribute out"
        return False
    return True
