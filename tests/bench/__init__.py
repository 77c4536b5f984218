"""`make bench`: timings of the dashboard against a trivial floor, a naive variant and 10,000 sites.

This module is imported once and shared by `run_bench.py` and the wrapper scripts that AppTest
re-executes on every run (in Streamlit's script thread): `PROFILER`, and `run_app`, which runs
`app.py` from bytecode compiled once.
"""

import cProfile
from pathlib import Path

PROFILER = cProfile.Profile()
APP = Path(__file__).resolve().parents[2] / "app.py"
_BYTECODE: dict[Path, object] = {}


def run_app() -> None:
    """Run `app.py` as Streamlit's server does: compiled once, executed on every rerun.

    AppTest builds a new script cache for every run, so a script it runs directly is read and
    compiled again each time (about 18 ms for app.py), which `streamlit run` does only once.
    """
    if APP not in _BYTECODE:
        _BYTECODE[APP] = compile(APP.read_text(encoding="utf-8"), str(APP), "exec")
    exec(_BYTECODE[APP], {"__name__": "__main__", "__file__": str(APP)})
