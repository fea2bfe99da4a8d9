"""Page "Planen": start a solve with a time limit, watch its progress as a chart, cancel it;
choose one of the scenario's plans. The solve runs in its own process (the page and every
other page stay responsive); one solve runs at a time, a second one waits and says so."""

from __future__ import annotations

from nicegui import ui

from optimizer.api.folders import SolveRequest
from optimizer.faces.web import frame, progress, state
from optimizer.report.numbers import eur_de, number_de


@ui.page("/planen")
def planning_page() -> None:
    with frame.page("Planen"):
        scenario = frame.needs_scenario()
        if scenario is None:
            return
        server = state.server()
        default_limit = server.workspace.scenario(scenario).solver.time_limit_s
        with ui.row().classes("items-end gap-4"):
            limit = ui.number("Zeitlimit (Sekunden)", value=default_limit, min=1, max=3600)
            limit.mark("time-limit")
            ui.button("Rechnen", on_click=lambda: _start(scenario, limit.value)).mark("solve")
            ui.button("Abbrechen", color="negative", on_click=progress.cancel).mark("cancel")
        progress.watch()
        _plan_list(scenario)


def _start(scenario: str, limit: float | None) -> None:
    server = state.server()
    request = SolveRequest(server.workspace.scenario_path(scenario),
                           server.workspace.new_plan_folder(scenario),
                           time_limit_s=float(limit) if limit else None)
    progress.follow(server.runner.submit(scenario, request))


def _plan_list(scenario: str) -> None:
    entries = state.server().workspace.plans(scenario)
    if not entries:
        return
    ui.label("Pläne dieses Szenarios").classes("font-bold")
    for entry in entries:
        totals = entry.plan.totals
        with ui.row().classes("items-center gap-4"):
            ui.label(f"{entry.label}: {entry.plan.status}, {number_de(totals.covered_seats)} "
                     f"Plätze, {eur_de(totals.total_cost_eur)}")
            ui.button("Ansehen", on_click=lambda label=entry.label: _open(label)).props(
                "flat dense").mark(f"open-{entry.label}")


def _open(label: str) -> None:
    state.choose_plan(label)
    ui.navigate.to("/plan")
