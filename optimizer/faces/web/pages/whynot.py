"""Page "Warum nicht?": why councils miss seats (the cheap reasons at once), and for a chosen
council what serving it would take (a forced solve: the change in seats and cost, and who
would lose seats)."""

from __future__ import annotations

from nicegui import ui

import optimizer
from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Scenario
from optimizer.faces.web import frame, state
from optimizer.insight.explain import ExplainReport
from optimizer.report import explain_de


def _explain(scenario: str, label: str, councils: tuple[str, ...]
             ) -> tuple[Plan, Scenario, ExplainReport]:
    """Blocking (run in a thread): the plan's explanations; forced solves for ``councils``."""
    path = state.server().workspace.plan_path(scenario, label)
    plan, copy = optimizer.read_plan_and_scenario(path)
    options = optimizer.ExplainOptions(max_solves=len(councils) * 2, councils=councils,
                                       time_limit_s=10, jobs=1)
    return plan, copy, optimizer.explain(copy, plan, options)


@ui.page("/warum")
async def whynot_page() -> None:
    with frame.page("Warum nicht?"):
        chosen = frame.needs_plan()
        if chosen is None:
            return
        _, scenario, report = await frame.in_thread(_explain, *chosen, ())
        reference = optimizer.load_reference()
        if not report.explanations:
            ui.label("Jedes Gremium bekommt alle gewünschten Plätze – nichts zu erklären.")
            return
        labels = {ex.shortfall.council_id: explain_de.council_label(ex, scenario, reference)
                  for ex in report.explanations}
        rows = [{"key": f"{ex.shortfall.council_id}-{ex.shortfall.module}",
                 "gremium": labels[ex.shortfall.council_id], "modul": ex.shortfall.module,
                 "plaetze": f"{ex.shortfall.covered} / {ex.shortfall.wanted}",
                 "grund": explain_de.REASON_LABEL_DE[ex.reason]}
                for ex in report.explanations]
        frame.table([("gremium", "Gremium"), ("modul", "Modul"),
                     ("plaetze", "Plätze im Plan / gewünscht"), ("grund", "Grund")],
                    rows, pagination=10, row_key="key").mark("reasons")
        picker = ui.select({cid: name for cid, name in labels.items()},
                           label="Gremium").classes("w-80").mark("council-select")
        answer = ui.column()

        async def consequence() -> None:
            if not picker.value:
                return
            answer.clear()
            with answer:
                ui.spinner()
            _, copy, forced = await frame.in_thread(_explain, *chosen, (picker.value,))
            answer.clear()
            with answer:
                for ex in forced.explanations:
                    if ex.shortfall.council_id != picker.value:
                        continue
                    ui.label(f"Modul {ex.shortfall.module}: "
                             f"{explain_de.reason_text(ex, copy, forced.time_limit_s)}")
                    text = explain_de.consequence_text(ex)
                    if text:
                        ui.label(f"Wenn bedient: {text}.").mark("consequence")

        ui.button("Was hieße es, dieses Gremium zu bedienen?",
                  on_click=consequence).mark("explain-council")
