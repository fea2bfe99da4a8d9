"""Page "Plan": the key figures, the map, the events as a sortable, filterable table with
names, and the coverage by Regierungsbezirk and Kreis."""

from __future__ import annotations

from nicegui import ui

import optimizer
from optimizer.domain.names import Names
from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Scenario
from optimizer.faces.web import frame, mapview, state
from optimizer.insight.figures import PlanAnalysis, RegionCoverage
from optimizer.report.numbers import eur_de, number_de, percent_de


def load(scenario: str, label: str) -> tuple[Plan, Scenario, PlanAnalysis]:
    """The chosen plan, its scenario copy and its figures (blocking: run in a thread)."""
    path = state.server().workspace.plan_path(scenario, label)
    plan, copy = optimizer.read_plan_and_scenario(path)
    return plan, copy, optimizer.analyse({label: (copy, plan)})[label]


@ui.page("/plan")
async def plan_page() -> None:
    with frame.page("Plan"):
        chosen = frame.needs_plan()
        if chosen is None:
            return
        plan, scenario, analysis = await frame.in_thread(load, *chosen)
        _figures(plan, analysis)
        online = ui.switch("Online-Karte (OpenStreetMap) einblenden").mark("online-tiles")
        holder = ui.column().classes("w-full")

        async def draw() -> None:
            holder.clear()
            with holder:
                await mapview.plan_map(analysis, online=bool(online.value))
                mapview.legend()

        online.on_value_change(draw)
        await draw()
        ui.label("Veranstaltungen").classes("text-lg font-bold")
        events_grid(plan, scenario, analysis)
        ui.label("Abdeckung je Regierungsbezirk").classes("text-lg font-bold")
        _coverage_table(analysis.by_regierungsbezirk, kreis=False)
        ui.label("Abdeckung je Kreis").classes("text-lg font-bold")
        _coverage_table(analysis.by_kreis, kreis=True)


def _figures(plan: Plan, analysis: PlanAnalysis) -> None:
    head, t = analysis.headline, plan.totals
    wanted = sum(s.wanted for s in head.seats.values())
    figures = [
        ("Plätze", f"{number_de(t.covered_seats)} von {number_de(wanted)} "
                   f"({percent_de(t.covered_seats, wanted)})"),
        ("Veranstaltungen", f"{t.events} an {head.sites} Standorten"),
        ("Kosten", f"{eur_de(t.total_cost_eur)} von {eur_de(t.budget_eur)}"),
        ("Status", plan.status),
    ]
    if plan.gap.covered_seats is not None:
        figures.append(("Lücke Abdeckung", f"{number_de(100 * plan.gap.covered_seats, 2)} %"))
    if plan.gap.total_cost_eur is not None:
        figures.append(("Lücke Kosten", f"{number_de(100 * plan.gap.total_cost_eur, 2)} %"))
    with ui.row().classes("gap-4").mark("figures"):
        for label, value in figures:
            with ui.card().classes("p-3"):
                ui.label(label).classes("text-sm text-grey-8")
                ui.label(value).classes("text-lg font-bold")


def events_grid(plan: Plan, scenario: Scenario, analysis: PlanAnalysis,
                selectable: bool = False) -> ui.aggrid:
    """The events of a plan with names (sortable and filterable)."""
    names = Names.of(scenario, optimizer.load_reference())
    rows = [{
        "id": e.event_id,
        "termin": " + ".join(d.strftime("%d.%m.%Y") for d in e.days),
        "modul": e.module, "standort": e.site_name, "ort": e.municipality,
        "bezirk": e.regierungsbezirk,
        "trainer": names.trainer_list(e.trainer_ids),
        "gremien": names.council_list(e.council_ids),
        "teilnehmende": e.participants,
        "kosten": eur_de((e.fees_cents + e.travel_cents + e.catering_cents) / 100),
    } for e in analysis.events]
    columns = [("termin", "Termin"), ("modul", "Modul"), ("standort", "Standort"),
               ("ort", "Ort"), ("bezirk", "Regierungsbezirk"), ("trainer", "Trainer*innen"),
               ("gremien", "Gremien"), ("teilnehmende", "Teilnehmende"), ("kosten", "Kosten")]
    options: dict[str, object] = {
        "columnDefs": [{"field": field, "headerName": header} for field, header in columns],
        "rowData": rows,
        "defaultColDef": {"sortable": True, "filter": True, "resizable": True},
        ":getRowId": "params => params.data.id",
    }
    if selectable:
        options["rowSelection"] = {"mode": "multiRow"}
    return ui.aggrid(options).classes("w-full h-96").mark("events-grid")


def _coverage_table(rows: tuple[RegionCoverage, ...], kreis: bool) -> None:
    data = [{"name": r.name, "bezirk": r.regierungsbezirk,
             "gremien": f"{r.councils_reached} / {r.councils}",
             **{f"m{m}": f"{number_de(r.seats[m].covered)} / {number_de(r.seats[m].wanted)}"
                for m in (1, 2)}} for r in rows]
    columns = [("name", "Kreis" if kreis else "Regierungsbezirk")]
    if kreis:
        columns.append(("bezirk", "Regierungsbezirk"))
    columns += [("gremien", "Gremien erreicht"), ("m1", "Modul 1 abgedeckt / gewünscht"),
                ("m2", "Modul 2 abgedeckt / gewünscht")]
    frame.table(columns, data, pagination=15 if kreis else None, sortable=True)
