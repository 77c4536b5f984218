"""Module-level functions for tests/test_budget.py: a budget worker imports its target by name."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from geo.errors import DataFileError, DataProblem, KiAtlasError, UsageError

GIB = 1 << 30


def add(a: int, b: int, *, times: int = 1) -> int:
    return (a + b) * times


def echo(value: object) -> object:
    return value


def allocate_at_once(size: int = 3 * GIB) -> int:
    return len(bytearray(size))


def allocate_gradually(total: int = 3 * GIB, chunk: int = 16 << 20) -> int:
    chunks = [bytearray(chunk) for _ in range(total // chunk)]
    return len(chunks)


def allocate_numpy(total: int = 3 * GIB) -> int:
    import numpy as np

    return int(np.ones(total // 8).sum())


def spin(seconds: float = 60.0) -> int:
    end = time.monotonic() + seconds
    n = 0
    while time.monotonic() < end:
        n += 1
    return n


def spin_ignoring_sigxcpu(seconds: float = 60.0) -> int:
    signal.signal(signal.SIGXCPU, signal.SIG_IGN)
    return spin(seconds)


def sleep(seconds: float, pid_file: str | None = None) -> str:
    if pid_file is not None:
        Path(pid_file).write_text(str(os.getpid()))
    time.sleep(seconds)
    return "slept"


def raise_data_file_error() -> None:
    raise DataFileError(
        [
            DataProblem("sites.csv", 3, "lat", "91", "latitude out of range"),
            DataProblem("sites.csv", 7, None, None, "too many cells"),
        ]
    )


def raise_usage_error() -> None:
    raise UsageError("no centre with id 'x'")


class _Unpicklable:
    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("not picklable")


class OddError(KiAtlasError):
    """A project error whose constructor takes two arguments and keeps an unpicklable attribute."""

    def __init__(self, code: int, text: str) -> None:
        self.code = code
        self.handle = _Unpicklable()
        super().__init__(f"{text} ({code})")


def raise_odd_error() -> None:
    raise OddError(42, "odd")


def raise_generic(text: str = "secret internal detail /etc/passwd") -> None:
    raise RuntimeError(text)


def return_unpicklable() -> object:
    return _Unpicklable()


def exit_hard(code: int = 3) -> None:
    os._exit(code)


def kill_self() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def rss_bytes() -> int:
    """This process's resident memory."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS in /proc/self/status")


def vm_status() -> dict[str, str]:
    """VmSize, VmRSS and Threads of this process, for measuring a worker's baseline."""
    keys = ("VmSize", "VmRSS", "VmPeak", "Threads")
    return {
        k: v.strip()
        for k, _, v in (
            line.partition(":") for line in Path("/proc/self/status").read_text().splitlines()
        )
        if k in keys
    }


def limits() -> dict[str, tuple[int, int]]:
    import resource

    return {
        "as": resource.getrlimit(resource.RLIMIT_AS),
        "cpu": resource.getrlimit(resource.RLIMIT_CPU),
        "core": resource.getrlimit(resource.RLIMIT_CORE),
    }


def main_module_name() -> str:
    import sys

    return getattr(sys.modules["__main__"], "__file__", None) or "<no file>"
