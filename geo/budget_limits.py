"""What one call in a worker process may use (`Budget`), and the dashboard's budgets for an upload
and an export: every number of those limits in one place."""

from __future__ import annotations

__all__ = ["EXPORT_BUDGET", "GIB", "MIB", "UPLOAD_BUDGET", "Budget"]

from dataclasses import dataclass

MIB = 1 << 20
GIB = 1 << 30


@dataclass(frozen=True)
class Budget:
    """What one call may use: address space (bytes), CPU time (whole seconds, as the kernel
    counts it), wall-clock time (seconds) and the size of the pickled result (bytes). `task`
    names the work in messages ("The upload needed ..."); `nice` lowers the worker's priority
    so the server's own threads stay responsive."""

    memory_bytes: int = GIB
    cpu_seconds: int = 20
    wall_seconds: float = 30.0
    result_bytes: int = 256 * MIB
    task: str = "task"
    nice: int = 5

    def __post_init__(self) -> None:
        if self.memory_bytes <= 0 or self.result_bytes <= 0:
            raise ValueError("memory_bytes and result_bytes must be positive")
        if not isinstance(self.cpu_seconds, int) or self.cpu_seconds < 1:
            raise ValueError("cpu_seconds must be a whole number of seconds, at least 1")
        if not self.wall_seconds > 0:
            raise ValueError("wall_seconds must be positive")


# Every number the dashboard's budgets use, in one place. The memory limits include the worker's
# baseline: a forkserver child with the modules of `geo.budget.PRELOAD` imported already maps
# about 450 MiB of address space (about 130 MiB resident).
UPLOAD_BUDGET = Budget(memory_bytes=GIB, cpu_seconds=20, wall_seconds=30.0, task="upload")
EXPORT_BUDGET = Budget(memory_bytes=3 * GIB // 2, cpu_seconds=60, wall_seconds=90.0, task="export")
