"""Page "Vergleichen": two plans of the workspace side by side — the figures, the seats per
council, and the events added, dropped or changed."""

from __future__ import annotations

from nicegui import ui

import optimizer
from optimizer.api.results import Comparison
from optimizer.faces.web import frame, state
from optimizer.insight.figures import PlanAnalysis
from optimizer.report.compare import KIND_DE, format_metric, metric_label_de


def _compare(first: str, second: str) -> tuple[Comparison, dict[str, PlanAnalysis]]:
    """Blocking (run in a thread): the comparison of two plans named ``scenario/label``."""
    workspace = state.server().workspace
    plans = {}
    for name in (first, second):
        scenario, label = name.split("/", 1)
        plan, copy = optimizer.read_plan_and_scenario(workspace.plan_path(scenario, label))
        plans[name] = (copy, plan)
    return optimizer.compare(plans), optimizer.analyse(plans)


@ui.page("/vergleichen")
def compare_page() -> None:
    with frame.page("Vergleichen"):
        names = [f"{e.scenario}/{e.label}" for e in state.server().workspace.plans()]
        if len(names) < 2:
            ui.label("Zum Vergleichen braucht es mindestens zwei Pläne im Arbeitsbereich.")
            return
        with ui.row().classes("gap-4 items-end"):
            first = ui.select(names, value=names[-1], label="Plan A").classes("w-96")
            second = ui.select(names, value=names[0], label="Plan B").classes("w-96")
            first.mark("plan-a")
            second.mark("plan-b")
        result = ui.column().classes("w-full")

        async def show() -> None:
            if not first.value or not second.value or first.value == second.value:
                ui.notify("Zwei verschiedene Pläne wählen.", type="warning")
                return
            comparison, analyses = await frame.in_thread(_compare, first.value, second.value)
            result.clear()
            with result:
                _render(comparison, analyses)

        ui.button("Vergleichen", on_click=show).mark("compare")


def _render(comparison: Comparison, analyses: dict[str, PlanAnalysis]) -> None:
    a, b = comparison.labels
    frame.table([("kennzahl", "Kennzahl"), ("a", a), ("b", b)],
                [{"kennzahl": metric_label_de(m), "a": format_metric(m, m.values[0]),
                  "b": format_metric(m, m.values[1])} for m in comparison.metrics]
                ).mark("metrics")
    seats = {c.council_id: (c.municipality, sum(s.covered for s in c.seats.values()))
             for c in analyses[a].councils}
    other = {c.council_id: (c.municipality, sum(s.covered for s in c.seats.values()))
             for c in analyses[b].councils}
    changed = []
    for cid in dict.fromkeys([*seats, *other]):
        name = (seats.get(cid) or other[cid])[0]
        before, after = seats.get(cid, ("", 0))[1], other.get(cid, ("", 0))[1]
        if before != after:
            changed.append({"gremium": name, "a": before, "b": after, "diff": after - before})
    ui.label(f"Gremien mit anderen Plätzen: {len(changed)}").classes("font-bold")
    frame.table([("gremium", "Gremium"), ("a", f"Plätze {a}"), ("b", f"Plätze {b}"),
                 ("diff", "Unterschied")], changed, sortable=True)
    diffs = comparison.diffs[b]
    ui.label(f"Veranstaltungen anders: {len(diffs)}").classes("font-bold").mark("event-diffs")
    frame.table([("id", "Veranstaltung"), ("art", "Art")],
                [{"id": c.event_id, "art": KIND_DE[c.kind]} for c in diffs])
