"""The one door (:mod:`optimizer.api`, re-exported by :mod:`optimizer`): typed results,
progress events, cancel tokens and refusals, on tiny instances with the reasoning in a
comment. What the solver finds is checked elsewhere (tests/solve); here, that every door
delivers what it promises and that nothing but the door is needed."""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import pytest

import optimizer
from optimizer.api.events import (
    Event,
    ExplainProgress,
    PlanWritten,
    ScenarioLoaded,
    SolveStarted,
)
from optimizer.api.results import LocksBroken, OptionsInvalid, PlanInvalid, TargetRefused
from optimizer.domain.geography import Reference
from optimizer.domain.options import STAGE_COST, STAGE_COVERAGE
from optimizer.domain.scenario import Lock, Scenario

from testkit.tiny import (
    BIELEFELD,
    DUESSELDORF,
    DUISBURG,
    RATINGEN,
    TINY_SOLVER,
    WriteScenarioDir,
    council,
    scenario,
    site,
    trainer,
)

DEFAULT = Path(__file__).resolve().parents[2] / "scenarios" / "nrw-2025-26"


def test_the_package_root_is_the_api() -> None:
    """Every name the API exports is reachable from ``optimizer`` itself."""
    for name in optimizer.api.__all__:
        assert getattr(optimizer, name) is getattr(optimizer.api, name), name


def test_solve_returns_a_valid_optimal_plan_with_its_tuning(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    # tiny_scenario: all 56 wanted seats fit (tests/faces/cli/test_cli.py explains why).
    events: list[optimizer.Progress] = []
    result = optimizer.solve(tiny_scenario, TINY_SOLVER, progress=events.append,
                             reference=nrw_reference)
    assert result.has_plan and result.plan.status == "OPTIMAL"
    assert result.plan.objective.covered_seats == 56
    assert optimizer.validate(tiny_scenario, result.plan, nrw_reference) == []
    assert result.findings == []  # nothing keeps anybody from being planned
    assert result.changes is None
    assert result.plan.tuning == optimizer.Tuning().model_dump(mode="json")
    assert (result.plan.seed, result.plan.workers) == (0, 1)
    assert {e.stage for e in events} <= {STAGE_COVERAGE, STAGE_COST}
    assert any(e.stage == STAGE_COVERAGE for e in events)


def test_options_out_of_range_are_refused_by_name(tiny_scenario: Scenario) -> None:
    with pytest.raises(OptionsInvalid) as refused:
        optimizer.solve_options(tiny_scenario, time_limit_s=-1, workers=2)
    assert [p.name for p in refused.value.problems] == ["time_limit_s"]
    options = optimizer.solve_options(tiny_scenario, workers=None, seed=7)
    assert (options.seed, options.workers) == (7, tiny_scenario.solver.workers)


def test_a_cancelled_solve_returns_at_once(nrw_reference: Reference) -> None:
    """The default scenario takes a minute; cancelled before the start it ends within
    seconds (building the model), with whatever it has: no plan or a valid one."""
    default = optimizer.load_scenario(DEFAULT).scenario
    token = optimizer.CancelToken()
    token.cancel()
    started = time.perf_counter()
    result = optimizer.solve(default, optimizer.SolveOptions.of(default, time_limit_s=60),
                             cancel=token, reference=nrw_reference)
    assert time.perf_counter() - started < 20
    if result.has_plan:
        assert optimizer.validate(default, result.plan, nrw_reference) == []
    else:
        assert result.plan.status == "UNKNOWN"


def test_replan_keeps_confirmed_events_and_lists_changes(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    first = optimizer.solve(tiny_scenario, TINY_SOLVER, reference=nrw_reference).plan
    confirmed = {first.events[0].event_id}
    # The same scenario again: nothing needs to change, and the confirmed event is a lock.
    again = optimizer.replan(tiny_scenario, first, TINY_SOLVER, confirmed=confirmed,
                             reference=nrw_reference)
    assert again.has_plan and again.changes == []
    assert {lock.event_id for lock in again.locks} == confirmed
    kept = next(e for e in again.plan.events if e.event_id in confirmed)
    assert kept.days == first.events[0].days
    assert kept.trainer_ids == first.events[0].trainer_ids


def test_a_broken_lock_is_refused_before_solving(
    tiny_scenario: Scenario, tiny_plan: optimizer.Plan, nrw_reference: Reference
) -> None:
    # A lock on days before the planning period breaks R1: the re-plan names it and does
    # not solve.
    lock = Lock(site_id="DUS", module=1, days=(dt.date(2020, 1, 3), dt.date(2020, 1, 4)),
                trainer_ids=("T-EDU",))
    locked = tiny_scenario.model_copy(update={"locks": (lock,)})
    with pytest.raises(LocksBroken) as refused:
        optimizer.replan(locked, tiny_plan, TINY_SOLVER, reference=nrw_reference)
    assert {p.event_id for p in refused.value.problems} == {"DUS-M1"}
    assert {p.rule for p in refused.value.problems} >= {"R1"}


def budget_for_one_event() -> Scenario:
    """tests/insight/test_explain.py's case: the budget holds Düsseldorf's event (10 seats,
    1,164 €) but not Bielefeld's as well (2,280 € > 1,200 €), so C-BI is unserved."""
    return scenario(
        "budget_for_one_event",
        (council("C-DUS", DUESSELDORF, 10), council("C-BI", BIELEFELD, 8)),
        (site("DUS", DUESSELDORF, "C-DUS"), site("BI", BIELEFELD, "C-BI")),
        (trainer("T-EDU", "educator", DUESSELDORF), trainer("T-CNC", "council", BIELEFELD)),
        budget_eur=1200,
    )


def test_explain_reports_progress_and_a_cancel_leaves_reasons_unknown(
    nrw_reference: Reference,
) -> None:
    sc = budget_for_one_event()
    plan = optimizer.solve(sc, TINY_SOLVER, reference=nrw_reference).plan
    options = optimizer.ExplainOptions(time_limit_s=5, jobs=1)
    heard: list[Event] = []
    report = optimizer.explain(sc, plan, options, nrw_reference, progress=heard.append)
    [ex] = report.explanations
    assert ex.reason == "budget"
    steps = [e for e in heard if isinstance(e, ExplainProgress)]
    assert steps and steps[-1].done == steps[-1].planned == len(steps)

    token = optimizer.CancelToken()
    token.cancel()
    [cut] = optimizer.explain(sc, plan, options, nrw_reference, cancel=token).explanations
    assert cut.reason == "unbekannt"  # every forced solve ended at once, UNKNOWN


def test_alternatives_stop_when_cancelled(nrw_reference: Reference) -> None:
    # tests/insight/test_alternatives.py's three sites: two alternatives exist; a search
    # cancelled once the first is found stops there and says why.
    sc = scenario(
        "three_sites_one_event",
        (council("C-DUS", DUESSELDORF, 5), council("C-DU", DUISBURG, 5)),
        (site("DUS", DUESSELDORF, "C-DUS"), site("DU", DUISBURG, "C-DU"),
         site("RAT", RATINGEN, "C-DUS")),
        (trainer("T-EDU", "educator", DUESSELDORF), trainer("T-CNC", "council", DUISBURG)),
    )
    main = optimizer.solve(sc, TINY_SOLVER, reference=nrw_reference).plan
    token = optimizer.CancelToken()
    result = optimizer.alternatives(sc, main, optimizer.AlternativesOptions(count=3),
                                    TINY_SOLVER, on_found=lambda *_: token.cancel(),
                                    cancel=token, reference=nrw_reference)
    assert (len(result.plans), result.stopped) == (1, "cancelled")
    assert optimizer.validate(sc, result.plans[0], nrw_reference) == []


def test_compare_names_the_changed_events(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    plan = optimizer.solve(tiny_scenario, TINY_SOLVER, reference=nrw_reference).plan
    fewer = tiny_scenario.model_copy(update={"councils": tiny_scenario.councils[:2]})
    other = optimizer.solve(fewer, TINY_SOLVER, reference=nrw_reference).plan
    comparison = optimizer.compare({"alle": (tiny_scenario, plan), "ohne BI": (fewer, other)})
    assert comparison.labels == ["alle", "ohne BI"]
    seats = next(m for m in comparison.metrics if m.key == "covered_seats")
    assert seats.values == (56, 40)  # C-BI's 8 + 8 seats are gone
    assert {c.event_id for c in comparison.diffs["ohne BI"] if c.kind == "dropped"} >= {
        "BI-M1"}


def test_solve_folder_reports_each_step_in_order(
    write_scenario_dir: WriteScenarioDir, tmp_path: Path
) -> None:
    folder = write_scenario_dir()
    heard: list[Event] = []
    run = optimizer.solve_folder(
        optimizer.SolveRequest(folder, tmp_path / "plan", time_limit_s=20, workers=1,
                               report=False), heard.append)
    kinds = [type(e) for e in heard if not isinstance(e, optimizer.Progress)]
    assert kinds == [ScenarioLoaded, SolveStarted, PlanWritten]
    assert run.target == tmp_path / "plan" and (run.target / "plan.json").is_file()
    written = optimizer.read_plan(run.target)
    assert written == run.result.plan
    assert run.report is None and run.alternatives is None


def test_solve_folder_can_be_cancelled_from_another_thread(tmp_path: Path) -> None:
    """The default scenario with a 60-s limit, cancelled after 3 s from another thread (as
    the web app's cancel button will): the run ends within seconds with its best plan so
    far, valid and written, or with none."""
    token = optimizer.CancelToken()
    timer = threading.Timer(3.0, token.cancel)
    started = time.perf_counter()
    timer.start()
    try:
        run = optimizer.solve_folder(optimizer.SolveRequest(
            DEFAULT, tmp_path / "plan", time_limit_s=60, workers=2, report=False),
            cancel=token)
    finally:
        timer.cancel()
    assert time.perf_counter() - started < 25
    if run.target is not None:
        assert run.result.plan.status == "FEASIBLE"
        assert optimizer.read_plan(run.target) == run.result.plan
    else:
        assert run.result.plan.status == "UNKNOWN"


def test_documents_refuse_what_they_cannot_do(tmp_path: Path) -> None:
    with pytest.raises(TargetRefused) as refused:
        optimizer.write_template(tmp_path / "vorlage.txt")
    assert refused.value.reason == "not-xlsx"
    with pytest.raises(TargetRefused) as too_few:
        optimizer.compare_folders([tmp_path])
    assert too_few.value.reason == "too-few-plans"


def test_a_plan_that_breaks_rules_is_refused_by_check(
    write_scenario_dir: WriteScenarioDir, tmp_path: Path, tiny_scenario: Scenario,
    nrw_reference: Reference,
) -> None:
    plan = optimizer.solve(tiny_scenario, TINY_SOLVER, reference=nrw_reference).plan
    broken = plan.model_copy(update={"totals": plan.totals.model_copy(
        update={"total_cost_eur": plan.totals.total_cost_eur + 1})})
    optimizer.write_plan(broken, tmp_path / "broken")
    with pytest.raises(PlanInvalid) as refused:
        optimizer.check_folder(write_scenario_dir(), tmp_path / "broken")
    assert refused.value.situation == "check"
    assert {v.rule for v in refused.value.violations} == {"PLAN"}
