"""Page "Szenario": choose a scenario of the workspace, the shipped NRW default or an
uploaded Excel workbook; see the pre-solve findings; edit the main settings and save them as
a new version."""

from __future__ import annotations

import datetime as dt

from nicegui import events, ui

import optimizer
from optimizer.api.workspace import MAX_UPLOAD_BYTES
from optimizer.domain.errors import InputError
from optimizer.domain.scenario import Scenario
from optimizer.faces.web import frame, state
from optimizer.report.findings_de import finding_de
from optimizer.report.numbers import eur_de, number_de

PATTERNS = ("fri+sat", "sat+sun", "sat+sat7", "fri+fri7")


@ui.page("/")
async def scenario_page() -> None:
    workspace = state.server().workspace
    with frame.page("Szenario"):
        with ui.row().classes("items-end gap-4"):
            names = workspace.scenario_names()
            picker = ui.select(names, value=state.chosen_scenario(),
                               label="Szenario im Arbeitsbereich").classes("w-72")
            picker.mark("scenario-select")
            ui.button("Wählen", on_click=lambda: _choose(picker.value)).mark("choose")
            ui.button("Standardszenario NRW 2025/26 laden",
                      on_click=lambda: _choose(workspace.add_default())).mark("load-default")
        errors = ui.column()

        async def uploaded(event: events.UploadEventArguments) -> None:
            errors.clear()
            content = await event.file.read()
            try:
                name = await frame.in_thread(workspace.import_workbook, event.file.name, content)
            except InputError as error:
                with errors:
                    ui.label(f"Die Arbeitsmappe „{event.file.name}“ enthält "
                             f"{len(error.problems)} Fehler; nichts wurde übernommen:")
                    frame.problem_list([str(p) for p in error.problems])
                return
            _choose(name)

        ui.upload(label="Excel-Vorlage hochladen (.xlsx)", auto_upload=True,
                  max_file_size=MAX_UPLOAD_BYTES, on_upload=uploaded,
                  on_rejected=lambda: ui.notify("Datei zu groß oder nicht erlaubt.",
                                                type="negative")).mark("upload")
        chosen = state.chosen_scenario()
        if chosen is not None:
            await _show(chosen)


def _choose(name: str | None) -> None:
    if name:
        state.choose_scenario(name)
        ui.navigate.to("/")


async def _show(name: str) -> None:
    workspace = state.server().workspace
    try:
        scenario = await frame.in_thread(workspace.scenario, name)
    except InputError as error:
        ui.label(f"Szenario „{name}“ ist fehlerhaft:")
        frame.problem_list([str(p) for p in error.problems])
        return
    check = await frame.in_thread(optimizer.check_scenario, scenario)
    ui.label(f"„{name}“: {check.size.councils} Gremien, {check.size.sites} Standorte, "
             f"{check.size.trainers} Trainer*innen, {check.size.slots} Termine, "
             f"{check.size.events} mögliche Veranstaltungen, Budget "
             f"{eur_de(scenario.budget_eur)}").mark("scenario-size")
    with ui.expansion("Vorab-Prüfung", value=True).classes("w-full"):
        if check.findings is None:
            ui.label("Die Vorab-Prüfung ist mit einem internen Fehler abgebrochen.")
        elif not check.findings:
            ui.label("Keine Auffälligkeiten gefunden.")
        else:
            for finding in check.findings:
                mark = "schwerwiegend: " if finding.severity == "error" else ""
                ui.label(f"• {mark}{finding_de(finding)}")
        _region_table(check)
    _settings_form(name, scenario)


def _region_table(check: optimizer.ScenarioCheck) -> None:
    rows = [{"bezirk": r.regierungsbezirk, "gremien": r.councils, "standorte": r.sites,
             **{f"m{m}": f"{number_de(r.wanted[m])} / {number_de(r.reachable[m])}"
                for m in (1, 2)}} for r in check.regions]
    frame.table([("bezirk", "Regierungsbezirk"), ("gremien", "Gremien"),
                 ("standorte", "Standorte"), ("m1", "Modul 1 gewünscht / erreichbar"),
                 ("m2", "Modul 2 gewünscht / erreichbar")], rows)


def _settings_form(name: str, scenario: Scenario) -> None:
    """The main settings, saved as a new scenario version (the original stays)."""
    with ui.card().classes("w-full"):
        ui.label("Einstellungen ändern (als neue Version speichern)").classes("font-bold")
        with ui.row().classes("gap-4 items-end"):
            budget = ui.number("Budget (€)", value=scenario.budget_eur, min=0, step=1000)
            start = ui.input("Zeitraum von", value=scenario.period.start.isoformat())
            end = ui.input("Zeitraum bis", value=scenario.period.end.isoformat())
            patterns = ui.select(list(PATTERNS), multiple=True, label="Terminmuster",
                                 value=list(scenario.slots.patterns)).classes("w-64")
            radius = ui.number("Einzugsradius (km)", value=scenario.catchment.radius_km or 0,
                               min=0)
            share = ui.number("Mindestanteil je Regierungsbezirk (0–1)", min=0, max=1,
                              step=0.05, value=scenario.objective.min_share_per_region
                              ).classes("w-72")
        problems = ui.column()

        def save() -> None:
            problems.clear()
            try:
                changes = {"budget_eur": budget.value,
                           "period.start": dt.date.fromisoformat(str(start.value)),
                           "period.end": dt.date.fromisoformat(str(end.value)),
                           "slots.patterns": tuple(patterns.value or ()),
                           "catchment.radius_km": radius.value or None,
                           "objective.min_share_per_region": share.value}
                new = state.server().workspace.save_version(name, changes)
            except ValueError:
                with problems:
                    frame.problem_list(["Datum als JJJJ-MM-TT angeben."])
                return
            except InputError as error:
                with problems:
                    frame.problem_list([str(p) for p in error.problems])
                return
            ui.notify(f"Gespeichert als „{new}“.", type="positive")
            _choose(new)

        ui.button("Als neue Version speichern", on_click=save).mark("save-version")
