"""`make test` stops at once with one line when no Chromium is installed (tests/browser/chromium.py)
and otherwise finds Debian's Chromium first, then Playwright's own build."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.browser import chromium


def test_debian_chromium_comes_first(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    debian = tmp_path / "chromium"
    debian.write_text("")
    monkeypatch.setattr(chromium, "DEBIAN_CHROMIUM", debian)
    assert chromium.chromium_executable(SimpleNamespace(executable_path="/elsewhere")) == debian


def test_playwrights_own_build_is_used_without_debians(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    own = tmp_path / "chrome"
    own.write_text("")
    monkeypatch.setattr(chromium, "DEBIAN_CHROMIUM", tmp_path / "missing")
    assert chromium.chromium_executable(SimpleNamespace(executable_path=str(own))) == own


def test_without_any_chromium_the_check_prints_one_line_and_fails(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(chromium, "chromium_executable", lambda browser_type=None: None)
    assert chromium.main() == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "apt-get install chromium" in err
    assert "playwright install chromium" in err
