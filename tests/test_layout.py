"""The code's shape: geo/ in stages that import only earlier ones, small files, no cycles."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from geo.paths import ROOT

MAX_LINES = 400
MAX_APP_LINES = 150
# Rank of each top-level part of geo: a module may import a lower rank or its own subpackage.
FOUNDATION = (
    "errors",
    "i18n",
    "texts",
    "keys",
    "paths",
    "budget",
    "budget_limits",
    "budget_worker",
)
STAGES = ("sources", "model", "views", "outputs", "ingest")
ENTRY_POINTS = ("cli", "__main__")  # __main__ runs cli


def _rank(module: str) -> int:
    part = module.split(".")[1] if "." in module else ""
    if part in FOUNDATION or part in ("", "__init__"):
        return 0
    if part in STAGES:
        return 1 + STAGES.index(part)
    if part in ENTRY_POINTS:
        return 1 + len(STAGES) + ENTRY_POINTS.index(part)
    raise AssertionError(f"{module} belongs to no stage: add it to tests/test_layout.py")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Top-level names of every module `path` imports (`geo.x.y` kept whole)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "geo":
                found |= {f"geo.{alias.name}" for alias in node.names}
            else:
                found.add(node.module)
    return found


GEO_FILES = sorted((ROOT / "geo").rglob("*.py"))
UI_FILES = sorted((ROOT / "ui").rglob("*.py"))
GRAPH = {
    _module_name(path): {name for name in _imports(path) if name.startswith("geo.")}
    for path in GEO_FILES
}


def _resolve(name: str) -> str:
    """`geo.sources` (a package) or `geo.sources.press` (a module) as a key of GRAPH."""
    return name if name in GRAPH else name.rsplit(".", 1)[0]


@pytest.mark.parametrize("path", [ROOT / "app.py", *GEO_FILES, *UI_FILES], ids=str)
def test_no_file_is_over_400_lines(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_app_py_only_routes() -> None:
    assert len((ROOT / "app.py").read_text(encoding="utf-8").splitlines()) < MAX_APP_LINES


@pytest.mark.parametrize("path", GEO_FILES, ids=str)
def test_geo_never_imports_streamlit_or_ui(path: Path) -> None:
    roots = {name.split(".")[0] for name in _imports(path)}
    assert not roots & {"streamlit", "streamlit_folium", "ui"}


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_each_stage_imports_only_earlier_stages(module: str) -> None:
    for name in GRAPH[module]:
        target = _resolve(name)
        same_stage = target.split(".")[:2] == module.split(".")[:2] and "." in module[4:]
        assert same_stage or _rank(target) < _rank(module) or _rank(module) == 0 == _rank(target), (
            f"{module} imports {target}"
        )


def test_there_is_no_import_cycle() -> None:
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join((*path, module))
        if module in done:
            return
        for name in GRAPH.get(module, ()):
            visit(_resolve(name), (*path, module))
        done.add(module)

    for module in GRAPH:
        visit(module, ())


def test_the_checks_see_the_stages() -> None:
    assert {m.split(".")[1] for m in GRAPH if m.count(".") >= 1} >= set(STAGES)
    assert GRAPH["geo.cli"]


def test_the_readme_architecture_lists_every_module() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    architecture = readme.split("## Architecture", 1)[1]
    listed = {line.split()[0] for line in architecture.splitlines() if line.strip()}
    modules = [ROOT / "app.py", *GEO_FILES, *UI_FILES]
    names = {str(path.relative_to(ROOT)) for path in modules} - {"geo/__init__.py"}
    assert sorted(names - listed) == []
