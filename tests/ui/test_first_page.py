"""The page's first elements go out before the map's heavy modules load: on a fresh server the
browser draws the sidebar, the controls and the KPIs while folium, shapely, pandas and
streamlit-folium are still being imported for the map (see `ui.map_tab`)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from geo.paths import ROOT

HEAVY = ("altair", "folium", "matplotlib", "pandas", "shapely", "streamlit_folium")

# Imports what `app.py` imports at its top, then computes what the page shows above the map;
# prints the heavy modules that got loaded.
_ABOVE_THE_MAP = textwrap.dedent(
    """
    import ast, importlib, json, sys
    for node in ast.parse(open("app.py", encoding="utf-8").read()).body:
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            importlib.import_module(node.module)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                importlib.import_module(alias.name)
    from ui import loaders
    from ui.timecontrols import jump_targets_of
    data = loaders.ki_dataset()
    snapshot = data.timeline.snapshot(data.last_day)
    data.timeline.kreis_states(snapshot)
    data.coverage(snapshot)
    data.timeline.started_in(data.start_years)
    jump_targets_of(data, "de")
    loaders.press_releases()
    print(json.dumps(sorted(m for m in HEAVY if m in sys.modules)))
    """
)


def test_the_page_above_the_map_loads_no_heavy_module() -> None:
    done = subprocess.run(
        [sys.executable, "-c", f"HEAVY = {HEAVY!r}\n{_ABOVE_THE_MAP}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_the_map_loads_them() -> None:
    """The check above can fail: importing the map's module loads what it needs."""
    done = subprocess.run(
        [sys.executable, "-c", "import sys, ui.map_frame; print('folium' in sys.modules)"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert done.stdout.strip().splitlines()[-1] == "True"
