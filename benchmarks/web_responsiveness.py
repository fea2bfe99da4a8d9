"""Benchmark: the web app stays responsive while a 60-s solve runs (issue 16).

Starts ``qualiplan serve`` on a fresh workspace, loads the default scenario, starts a 60-s
solve from the "Planen" page, and while it runs loads other pages in a second browser
session, timing each load from the request to its navigation being visible; prints the
median and the slowest load, and appends a row to ``reports/benchmarks/<date>/web.csv``.

    python benchmarks/web_responsiveness.py [--loads 10] [--time-limit 60]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, append_rows, commit, machine, print_row

sys.path.insert(0, str(ROOT / "tests"))
from testkit.browser import chromium_browser
from testkit.web import start_server, stop_server

PAGES = ("/", "/vergleichen", "/plan", "/export", "/planen")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=10)
    parser.add_argument("--time-limit", type=int, default=60)
    parser.add_argument("--no-write", action="store_true", help="only print")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workspace:
        server = start_server(Path(workspace))
        try:
            with chromium_browser() as browser:
                seconds, running = _measure(browser, server.url, args)
        finally:
            stop_server(server)
    row = {"started_s": round(server.started_s, 2), "loads": len(seconds),
           "loads_during_solve": running,
           "median_load_s": round(statistics.median(seconds), 3),
           "max_load_s": round(max(seconds), 3), "time_limit_s": args.time_limit,
           "load_1min": round(os.getloadavg()[0], 2), "machine": machine(),
           "commit": commit()}
    print_row(row)
    if not args.no_write:
        append_rows("web.csv", [row])
    return 0 if row["max_load_s"] < 1.0 else 1


def _measure(browser: object, url: str, args: argparse.Namespace) -> tuple[list[float], int]:
    """Start the solve in one session; load pages in another while it runs."""
    planner = browser.new_page()  # type: ignore[attr-defined]
    planner.set_default_timeout(60_000)
    planner.goto(url)
    planner.get_by_role("button", name="Standardszenario NRW 2025/26 laden").click()
    planner.get_by_text("113 Gremien").wait_for()
    planner.goto(url + "/planen")
    planner.get_by_label("Zeitlimit (Sekunden)").fill(str(args.time_limit))
    planner.get_by_role("button", name="Rechnen").click()
    planner.get_by_text("läuft").first.wait_for()
    other = browser.new_context().new_page()  # type: ignore[attr-defined]
    seconds, running = [], 0
    for n in range(args.loads):
        started = time.perf_counter()
        other.goto(url + PAGES[n % len(PAGES)])
        other.get_by_role("link", name="Export").wait_for()
        seconds.append(time.perf_counter() - started)
        running += "läuft" in planner.get_by_text("Rechnung").first.inner_text()
        time.sleep(0.5)
    planner.get_by_role("button", name="Abbrechen").click()
    return seconds, running


if __name__ == "__main__":
    sys.exit(main())
