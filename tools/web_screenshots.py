"""Screenshots of every page of the web app for the README (``reports/screenshots/``).

Starts ``qualiplan serve`` on a fresh workspace, plans the default scenario (and a variant
with a smaller budget to compare), and photographs each page as a planner sees it in a
1400-pixel-wide window.

    python tools/web_screenshots.py [--time-limit 20]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import optimizer  # noqa: E402
from optimizer.api.workspace import Workspace  # noqa: E402

from testkit.browser import chromium_browser  # noqa: E402
from testkit.web import start_server, stop_server  # noqa: E402

OUT = ROOT / "reports" / "screenshots"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=int, default=20)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        workspace = Workspace(folder)
        name = workspace.add_default()
        variant = workspace.save_version(name, {"budget_eur": 150_000})
        optimizer.solve_folder(optimizer.SolveRequest(
            workspace.scenario_path(variant), workspace.new_plan_folder(variant),
            time_limit_s=args.time_limit, report=False))
        server = start_server(Path(folder))
        try:
            with chromium_browser() as browser:
                _photograph(browser, server.url, name, args.time_limit)
        finally:
            stop_server(server)
    print(f"written to {OUT.relative_to(ROOT)}/")
    return 0


def _photograph(browser: object, url: str, name: str, seconds: int) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
    page.set_default_timeout(180_000)

    def shot(file: str) -> None:
        page.wait_for_timeout(1500)  # charts and the map draw after the page
        page.screenshot(path=str(OUT / f"{file}.png"))

    page.goto(url)
    page.get_by_label("Szenario im Arbeitsbereich").click()
    page.get_by_role("option", name=name, exact=True).click()
    page.get_by_role("button", name="Wählen").click()
    page.get_by_text("Vorab-Prüfung").wait_for()
    shot("1-szenario")
    page.goto(url + "/planen")
    page.get_by_label("Zeitlimit (Sekunden)").fill(str(seconds))
    page.get_by_role("button", name="Rechnen").click()
    page.get_by_text("Plan gespeichert").wait_for()
    shot("2-planen")
    page.goto(url + "/plan")
    page.locator(".ag-row").first.wait_for()
    shot("3-plan")
    page.goto(url + "/warum")
    page.get_by_label("Gremium").click()
    page.get_by_role("option").first.click()
    page.get_by_role("button", name="Was hieße es").click()
    page.locator(".q-spinner").first.wait_for(state="detached")
    shot("4-warum-nicht")
    page.goto(url + "/neuplanen")
    page.locator(".ag-row").first.wait_for()
    shot("5-neu-planen")
    page.goto(url + "/vergleichen")
    page.get_by_role("button", name="Vergleichen").click()
    page.get_by_text("Veranstaltungen anders").wait_for()
    shot("6-vergleichen")
    page.goto(url + "/export")
    page.get_by_role("button", name="Dokumente erzeugen").click()
    page.get_by_role("button", name="Alles als ZIP").wait_for()
    shot("7-export")


if __name__ == "__main__":
    sys.exit(main())
