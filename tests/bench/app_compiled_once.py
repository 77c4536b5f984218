"""The dashboard as the benchmark steps it: `app.py` compiled once, like `streamlit run` does."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench import run_app

run_app()
