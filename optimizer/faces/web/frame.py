"""The frame every page shares: the header with the app's name, the pages in the order a
planner works, and what is chosen (scenario, plan)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from nicegui import run, ui

from optimizer.faces.web import state

R = TypeVar("R")

#: The pages, in the order a planner meets them: (path, German label).
PAGES = (
    ("/", "Szenario"),
    ("/planen", "Planen"),
    ("/plan", "Plan"),
    ("/warum", "Warum nicht?"),
    ("/neuplanen", "Bestätigen und neu planen"),
    ("/vergleichen", "Vergleichen"),
    ("/export", "Export"),
)


@contextmanager
def page(title: str) -> Iterator[None]:
    """Header, navigation and a content column; the page's own elements go inside."""
    ui.page_title(f"{title} – qualiplan")
    with ui.header().classes("items-center gap-4 bg-primary"):
        ui.label("qualiplan").classes("text-lg font-bold")
        for path, label in PAGES:
            ui.link(label, path).classes("text-white no-underline").mark(f"nav-{path}")
        ui.space()
        scenario, plan = state.chosen_scenario(), state.chosen_plan()
        ui.label(f"Szenario: {scenario or '–'} · Plan: {plan or '–'}").classes("text-sm")
    with ui.column().classes("w-full p-4 gap-4"):
        ui.label(title).classes("text-2xl font-bold")
        yield


def needs_scenario() -> str | None:
    """The chosen scenario, or a hint to choose one first (``None``)."""
    scenario = state.chosen_scenario()
    if scenario is None:
        ui.label("Bitte zuerst auf der Seite „Szenario“ ein Szenario wählen.")
        ui.link("Zur Seite „Szenario“", "/")
    return scenario


def needs_plan() -> tuple[str, str] | None:
    """The chosen scenario and plan, or a hint to solve or choose one first."""
    scenario = needs_scenario()
    if scenario is None:
        return None
    plan = state.chosen_plan()
    if plan is None:
        ui.label("Noch kein Plan gewählt: auf der Seite „Planen“ rechnen oder einen Plan "
                 "wählen.")
        ui.link("Zur Seite „Planen“", "/planen")
        return None
    return scenario, plan


def problem_list(lines: list[str]) -> None:
    """Problems (input errors, refusals) as a German list, each line as text (escaped)."""
    with ui.column().classes("gap-1").mark("problems"):
        for line in lines:
            ui.label(f"• {line}").classes("text-negative")


async def in_thread(work: Callable[..., R], *args: Any) -> R:
    """``work(*args)`` off the event loop (blocking reads and solves), so every page stays
    responsive; NiceGUI gives ``None`` only when the server shuts down meanwhile."""
    result = await run.io_bound(work, *args)
    if result is None:
        raise RuntimeError("server is shutting down")
    return result


def table(columns: list[tuple[str, str]], rows: list[dict[str, Any]], *,
          pagination: int | None = None, sortable: bool = False,
          row_key: str | None = None) -> ui.table:
    """A compact table: ``columns`` as (field, German header), text read from the left;
    ``row_key`` (default: the first column) must be unique per row."""
    return ui.table(
        columns=[{"name": key, "label": header, "field": key, "align": "left",
                  "sortable": sortable} for key, header in columns],
        rows=rows, row_key=row_key or columns[0][0], pagination=pagination
    ).props("dense flat")
