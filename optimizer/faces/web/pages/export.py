"""Page "Export": the schedule workbook, the calendars, the report and everything as one
zip, as downloads (written into the plan folder first, as ``qualiplan export`` does)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from nicegui import ui

import optimizer
from optimizer.faces.web import frame, state


def _documents(scenario: str, label: str) -> tuple[Path, list[Path]]:
    """Blocking (run in a thread): export and report of the plan; the export folder and
    the report files."""
    path = state.server().workspace.plan_path(scenario, label)
    run_ = optimizer.export_folder(path)
    report = optimizer.report_folder(path)
    return run_.target, report


def _zip(files: list[tuple[str, Path]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, path in files:
            archive.write(path, name)
    return buffer.getvalue()


@ui.page("/export")
def export_page() -> None:
    with frame.page("Export"):
        chosen = frame.needs_plan()
        if chosen is None:
            return
        area = ui.column()

        async def make() -> None:
            area.clear()
            with area:
                ui.spinner()
            target, report = await frame.in_thread(_documents, *chosen)
            area.clear()
            with area:
                _downloads(target, report, chosen[1])

        ui.button("Dokumente erzeugen", on_click=make).mark("make-documents")


def _downloads(target: Path, report: list[Path], label: str) -> None:
    exported = sorted(p for p in target.rglob("*") if p.is_file())
    calendars = [p for p in exported if p.suffix == ".ics"]
    workbook = next((p for p in exported if p.suffix == ".xlsx"), None)
    with ui.row().classes("gap-4"):
        if workbook is not None:
            ui.button(f"Arbeitsmappe ({workbook.name})",
                      on_click=lambda: ui.download(workbook.read_bytes(), workbook.name)
                      ).mark("download-workbook")
        ui.button(f"Kalender ({len(calendars)} Dateien, ZIP)", on_click=lambda: ui.download(
            _zip([(str(p.relative_to(target)), p) for p in calendars]),
            f"kalender-{label}.zip")).mark("download-calendars")
        for path in report:
            ui.button(f"Bericht ({path.suffix[1:].upper()})",
                      on_click=lambda p=path: ui.download(p.read_bytes(), p.name)
                      ).mark(f"download-report-{path.suffix[1:]}")
        files = [(f"export/{p.relative_to(target)}", p) for p in exported]
        files += [(p.name, p) for p in report]
        ui.button("Alles als ZIP", on_click=lambda: ui.download(
            _zip(files), f"plan-{label}.zip")).mark("download-all")
