"""`make bench`: timings of the dashboard against a trivial floor, a naive variant and 10,000 sites.

`PROFILER` lives here, in a module imported once, so `profiled_app.py` (re-executed on every
AppTest run, in Streamlit's script thread) and `run_bench.py` share it.
"""

import cProfile

PROFILER = cProfile.Profile()
