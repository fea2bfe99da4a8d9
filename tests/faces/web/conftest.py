"""A real server (``qualiplan serve`` as a process) and a real browser (Debian's chromium,
driven by Playwright for Python with ``executable_path``; Playwright's own browser download
cannot work here).

A missing chromium is installed with apt-get (as root), so the README's test command runs the
browser tests on a fresh machine; where that is impossible they are skipped with the command
to install it, except under ``QUALIPLAN_REQUIRE_BROWSER=1`` (set by ``.ci/run``), where a
missing browser fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator

import pytest

from testkit.web import CHROMIUM_ARGS, Server, start_server, stop_server


def _install_chromium() -> None:
    """Debian's chromium, as the README's test command needs it on a fresh machine (root
    and the Debian registry; nothing happens elsewhere)."""
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        return
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        subprocess.run(command, check=False, capture_output=True, timeout=900)


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium, installed when missing; without it the browser tests are skipped
    (or fail where ``QUALIPLAN_REQUIRE_BROWSER`` is set, as in ``.ci/run``)."""
    if shutil.which("chromium") is None:
        _install_chromium()
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("QUALIPLAN_REQUIRE_BROWSER"):
            pytest.fail("chromium fehlt (apt-get install chromium)")
        pytest.skip("Debian-Paket chromium fehlt: apt-get install chromium")
    return path


@pytest.fixture(scope="session")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the browser tests, on a fresh workspace."""
    server = start_server(tmp_path_factory.mktemp("web") / "arbeitsbereich")
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS,
                                              headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh browser session (its own login and choices)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900},  # type: ignore[attr-defined]
                                  accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()
