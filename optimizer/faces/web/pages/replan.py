"""Page "Bestätigen und neu planen": mark events confirmed (they stay as they are), take a
trainer or a site out, and re-plan with as few changes as possible; then the change list."""

from __future__ import annotations

from nicegui import ui

import optimizer
from optimizer.api.folders import SolveRequest
from optimizer.api.runner import Job, plan_target
from optimizer.domain.names import Names
from optimizer.faces.web import frame, progress, state
from optimizer.faces.web.pages.plan import events_grid, load
from optimizer.report.changes_de import kind_de

LEVELS = {"ja": "Termin, Ort und Trainer*innen fest", "Termin": "nur Termin und Ort fest"}


@ui.page("/neuplanen")
async def replan_page() -> None:
    with frame.page("Bestätigen und neu planen"):
        chosen = frame.needs_plan()
        if chosen is None:
            return
        scenario_name, label = chosen
        plan, scenario, analysis = await frame.in_thread(load, scenario_name, label)
        ui.label("Bestätigte Veranstaltungen in der Tabelle auswählen (bleiben unverändert).")
        grid = events_grid(plan, scenario, analysis, selectable=True)
        level = ui.radio(LEVELS, value="ja").props("inline").mark("confirm-level")
        with ui.row().classes("gap-4 items-end"):
            names = Names.of(scenario, optimizer.load_reference())
            trainers = ui.select({t.trainer_id: names.trainer(t.trainer_id)
                                  for t in scenario.trainers}, multiple=True,
                                 label="Trainer*innen fallen aus").classes("w-80")
            trainers.mark("remove-trainers")
            sites = ui.select({s.site_id: s.name for s in scenario.sites}, multiple=True,
                              label="Standorte fallen aus").classes("w-80")
            sites.mark("remove-sites")

        async def replan() -> None:
            rows = await grid.get_selected_rows()
            confirmed = {str(row["id"]): str(level.value) for row in rows}
            workspace = state.server().workspace
            version = workspace.without(scenario_name, tuple(trainers.value or ()),
                                        tuple(sites.value or ()))
            request = SolveRequest(
                workspace.scenario_path(version), workspace.new_plan_folder(version),
                previous_dir=workspace.plan_path(scenario_name, label), confirmed=confirmed)
            progress.follow(state.server().runner.submit(version, request))
            ui.notify(f"Neu planen als Szenario „{version}“ ({len(confirmed)} bestätigt, "
                      f"Stufe {level.value}).")

        ui.button("Neu planen (so wenige Änderungen wie möglich)",
                  on_click=replan).mark("replan")
        progress.watch(on_plan=_changes)


def _changes(job: Job) -> None:
    """The re-plan's change list (its changes.csv), one line per change."""
    target = plan_target(job)
    changes = optimizer.read_changes(target) if target is not None else None
    if changes is None:
        return
    ui.label(f"Änderungen gegenüber dem vorigen Plan: {len(changes)}").mark("changes")
    for change in changes:
        who = change.trainer_id or change.council_id
        ui.label(f"• {kind_de(change)}: {change.event_id}" + (f" ({who})" if who else "")
                 + (f", vorher {change.before}, nachher {change.after}"
                    if change.before or change.after else ""))
