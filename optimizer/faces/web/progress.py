"""The progress of the visitor's latest solve: its state (waiting, running, done …), a live
chart of the best seats, the proven bound and the cost, a cancel, and what came of it."""

from __future__ import annotations

from collections.abc import Callable

from nicegui import app, ui

from optimizer.api.runner import Job, plan_target
from optimizer.domain.options import STAGE_COST, STAGE_COVERAGE
from optimizer.faces.web import frame, state
from optimizer.report.numbers import eur_de, number_de

STATE_DE = {"queued": "wartet", "running": "läuft", "done": "fertig",
            "cancelled": "abgebrochen", "failed": "fehlgeschlagen"}


def follow(job: Job) -> None:
    """Show ``job`` from now on (the visitor's latest solve)."""
    app.storage.user["job"] = job.job_id


def watch(on_plan: Callable[[Job], None] | None = None) -> None:
    """The status line, the chart and the outcome, refreshed twice a second;
    ``on_plan`` adds to the outcome of a job that wrote a plan."""
    status = ui.label().mark("solve-status")
    chart = ui.echart(_chart_options()).classes("w-full h-64").mark("progress-chart")
    done = ui.column()
    shown: list[int] = []  # the job whose outcome ``done`` shows

    def refresh() -> None:
        job = _job()
        if job is not None and shown and shown[0] != job.job_id:
            done.clear()  # a new job: the last one's outcome goes
            shown.clear()
        if _refresh(status, chart, done, on_plan) and job is not None:
            shown[:] = [job.job_id]

    ui.timer(0.5, refresh)


def cancel() -> None:
    job = _job()
    if job is not None:
        state.server().runner.cancel(job)
        ui.notify("Abbruch angefordert: der beste Plan bis jetzt wird gespeichert.")


def _job() -> Job | None:
    job_id = app.storage.user.get("job")
    return None if job_id is None else state.server().runner.job(job_id)


def _chart_options() -> dict[str, object]:
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"data": ["Plätze (bester Plan)", "Schranke", "Kosten (€)"]},
        "xAxis": {"type": "value", "name": "s"},
        "yAxis": [{"type": "value", "name": "Plätze"}, {"type": "value", "name": "€"}],
        "series": [
            {"name": "Plätze (bester Plan)", "type": "line", "step": "end", "data": []},
            {"name": "Schranke", "type": "line", "step": "end", "data": []},
            {"name": "Kosten (€)", "type": "line", "step": "end", "yAxisIndex": 1, "data": []},
        ],
    }


def _refresh(status: ui.label, chart: ui.echart, done: ui.column,
             on_plan: Callable[[Job], None] | None) -> bool:
    """Update the status and the chart; True once the job's outcome is shown."""
    job = _job()
    if job is None:
        status.set_text("Noch keine Rechnung gestartet.")
        return False
    text = f"Rechnung {job.job_id} ({job.key}): {STATE_DE[job.state]}"
    if job.state == "queued":
        text += (f" – {state.server().runner.ahead_of(job)} Rechnung(en) vorher; sie "
                 "startet, sobald die laufende fertig ist")
    if job.points:
        seconds, stage, best, _bound = job.points[-1]
        shown = (f"{number_de(best)} Plätze" if stage == STAGE_COVERAGE
                 else eur_de(best / 100) if stage == STAGE_COST else number_de(best))
        text += f" – {number_de(seconds, 1)} s, beste: {shown}"
    status.set_text(text)
    series = chart.options["series"]
    series[0]["data"] = [[s, b] for s, st, b, _ in job.points if st == STAGE_COVERAGE]
    # A fresh CP-SAT run reports its own first bound, at times above all seats wanted:
    # shown only once it says something (at most the seats wanted).
    wanted = job.size.get("wanted", float("inf"))
    series[1]["data"] = [[s, bd] for s, st, _, bd in job.points
                         if st == STAGE_COVERAGE and bd is not None and bd <= wanted]
    series[2]["data"] = [[s, round(b / 100, 2)] for s, st, b, _ in job.points
                         if st == STAGE_COST]
    chart.update()
    if job.state not in ("done", "cancelled", "failed"):
        return False
    if not done.default_slot.children:
        _finished(job, done, on_plan)
    return True


def _finished(job: Job, done: ui.column, on_plan: Callable[[Job], None] | None) -> None:
    with done:
        if job.problems:
            ui.label("Nicht gerechnet:")
            frame.problem_list(job.problems)
        elif job.error:
            frame.problem_list([job.error])
        target = plan_target(job)
        if target is not None:
            state.choose_scenario(job.key)
            state.choose_plan(target.name)
            ui.label(f"Plan gespeichert: {number_de(job.outcome.get('seats', 0))} Plätze, "
                     f"{eur_de(job.outcome.get('cost_eur', 0.0))} "
                     f"({job.outcome.get('status', '')}).").mark("solve-done")
            ui.link("Zum Plan", "/plan").mark("to-plan")
            if on_plan is not None:
                on_plan(job)
        elif not job.problems and not job.error:
            ui.label("Kein Plan: " + ("das Szenario hat keinen zulässigen Plan."
                                      if job.outcome.get("status") == "INFEASIBLE"
                                      else "in der Zeit wurde keiner gefunden."))
