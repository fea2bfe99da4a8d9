"""Driving Debian's chromium with Playwright outside pytest (benchmarks, screenshots)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from testkit.web import CHROMIUM_ARGS


@contextmanager
def chromium_browser() -> Iterator[Any]:
    """A headless chromium (Debian's, ``apt-get install chromium``)."""
    from playwright.sync_api import sync_playwright

    path = shutil.which("chromium")
    if path is None:
        raise SystemExit("chromium fehlt: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
