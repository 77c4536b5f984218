"""Which Chromium the browser tests drive: Debian's `/usr/bin/chromium`, else Playwright's own.

Run as a script (`make test` does, before pytest) it exits 1 with one line saying how to install
a browser when there is none, so a machine without Chromium does not fail forty tests one by one.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
INSTALL_HINT = (
    "error: the browser tests need Chromium: run `apt-get install chromium` "
    "(or `.venv/bin/playwright install chromium`)"
)


def chromium_executable(browser_type: Any | None = None) -> Path | None:
    """Debian's Chromium if present, else Playwright's own build, else None.

    `browser_type` is a running Playwright's `chromium` (sync or async); without it a
    Playwright is started just to ask, which must not happen inside a running one.
    """
    if DEBIAN_CHROMIUM.is_file():
        return DEBIAN_CHROMIUM
    if browser_type is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            path = Path(playwright.chromium.executable_path)
    else:
        path = Path(browser_type.executable_path)
    return path if path.is_file() else None


def main() -> int:
    """Exit 0 when a Chromium is there, else print the install hint and exit 1."""
    if chromium_executable() is None:
        print(INSTALL_HINT, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
