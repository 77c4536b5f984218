"""The dashboard under cProfile: `run_bench.py --profile` steps it to see what a step costs.

AppTest runs scripts in their own thread, which a profiler enabled in the bench's thread does
not see; enabling it here, inside the script run, does.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench import PROFILER, run_app  # noqa: E402

PROFILER.enable()
try:
    run_app()
finally:
    PROFILER.disable()
