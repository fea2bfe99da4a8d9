"""Re-planning (issue 5): locks, site status, minimal change, conflict groups, regional minimums.

Every instance is a variation of ``tiny_scenario`` (conftest.py), solved with one worker and
seed 0, and every solved plan passes ``validate_plan`` (which checks LOCK, STATUS and REGION
too). Expected values are reasoned in comments; solver results are compared by objective
values, never by one exact assignment (except where a lock fixes it).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import optimizer
from optimizer.checks.locks import check_locks
from optimizer.domain.geography import Reference
from optimizer.domain.plan import Conflict, Plan
from optimizer.domain.problem import build_problem
from optimizer.domain.scenario import Council, Lock, ObjectiveSettings, Scenario, Trainer
from optimizer.insight.changes import count_by_kind, diff, locks_from_plan, seat_changes
from optimizer.io.changes_csv import changes_csv
from optimizer.model.requirements import add_group, requirement_groups
from optimizer.report.changes_de import summary_de as changes_summary_de
from optimizer.report.findings_de import lock_problem_de
from optimizer.solve.conflicts import explain_infeasible
from optimizer.validate import reachable_by_region, validate_plan

from testkit.strategies import scenarios
from testkit.tiny import (
    BIELEFELD,
    DUESSELDORF,
    DUISBURG,
    TINY_SOLVER,
    MakePlan,
    SolveValid,
    plan_of,
)

FEB_6_7 = (dt.date(2026, 2, 6), dt.date(2026, 2, 7))  # Fri + Sat
FEB_14_15 = (dt.date(2026, 2, 14), dt.date(2026, 2, 15))  # Sat + Sun
MAR_7_14 = (dt.date(2026, 3, 7), dt.date(2026, 3, 14))  # Sat + Sat
MAR_6_7 = (dt.date(2026, 3, 6), dt.date(2026, 3, 7))  # Fri + Sat


def _sites(scenario: Scenario, **status: str) -> Scenario:
    sites = tuple(s.model_copy(update={"status": status.get(s.site_id, s.status)})
                  for s in scenario.sites)
    return scenario.model_copy(update={"sites": sites})


def _valid(scenario: Scenario, plan: Plan, reference: Reference) -> Plan:
    violations = validate_plan(scenario, plan, reference)
    assert violations == [], "\n".join(map(str, violations))
    return plan


# --- locks ------------------------------------------------------------------------------------


def test_a_locked_event_is_kept_exactly(
    tiny_scenario: Scenario, solve_valid: SolveValid
) -> None:
    # lock_du_m1: DU-M1 on Fri 6 + Sat 7 Mar 2026 with T-CNC alone and C-DU's 8 members.
    # The free optimum never uses that slot (it spreads events from November), so only the
    # lock can put the event there; the plan must hold it exactly, and the validator's LOCK
    # check must accept it.
    lock = Lock(site_id="DU", module=1, days=MAR_6_7, trainer_ids=("T-CNC",),
                councils={"C-DU": 8})
    scenario = tiny_scenario.model_copy(update={"locks": (lock,)})
    plan = solve_valid(scenario)
    event = next(e for e in plan.events if e.event_id == "DU-M1")
    assert (event.site_id, event.module, tuple(event.days), event.trainer_ids) == (
        "DU", 1, MAR_6_7, ["T-CNC"])
    assert {(a.council_id, a.members) for a in plan.assignments if a.event_id == "DU-M1"} == {
        ("C-DU", 8)}


def test_a_council_locked_with_zero_members_does_not_attend(
    tiny_scenario: Scenario, solve_valid: SolveValid, nrw_reference: Reference
) -> None:
    # "C-BI:0" in a lock means C-BI does not come (Bielefeld is outside DUS's catchment,
    # which would break R7 for any member): the lock holds with C-DUS's 12 alone.
    lock = Lock(site_id="DUS", module=1, days=FEB_6_7, trainer_ids=("T-EDU", "T-CNC"),
                councils={"C-DUS": 12, "C-BI": 0})
    scenario = tiny_scenario.model_copy(update={"locks": (lock,)})
    assert check_locks(scenario, nrw_reference) == []
    plan = solve_valid(scenario)
    assert {(a.council_id, a.members) for a in plan.assignments if a.event_id == "DUS-M1"} == {
        ("C-DUS", 12)}


def test_the_monolithic_formulation_keeps_the_lock_too(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    # Same lock without councils: both formulations must hold it and agree on coverage.
    lock = Lock(site_id="BI", module=1, days=FEB_14_15, trainer_ids=("T-CNC",))
    scenario = tiny_scenario.model_copy(update={"locks": (lock,)})
    plans = [_valid(scenario, plan_of(scenario, TINY_SOLVER.model_copy(
        update={"formulation": f}), reference=nrw_reference), nrw_reference)
             for f in ("decomposed", "monolithic")]
    for plan in plans:
        event = next(e for e in plan.events if e.event_id == "BI-M1")
        assert (tuple(event.days), event.trainer_ids) == (FEB_14_15, ["T-CNC"])
    assert plans[0].objective.covered_seats == plans[1].objective.covered_seats


def test_validator_names_a_lock_the_plan_does_not_keep(
    tiny_scenario: Scenario, tiny_plan: Plan, nrw_reference: Reference
) -> None:
    # tiny_plan holds BI-M1 on 14/15 Feb with T-CNC; a lock on 21/22 Feb with T-EDU is
    # broken twice (days and trainers), and a lock on DU-M2 (not in the plan) once.
    locks = (Lock(site_id="BI", module=1, days=(dt.date(2026, 2, 21), dt.date(2026, 2, 22)),
                  trainer_ids=("T-EDU",)),
             Lock(site_id="DU", module=2, days=MAR_7_14, trainer_ids=("T-EDU",)))
    scenario = tiny_scenario.model_copy(update={"locks": locks})
    found = [(v.rule, v.subject) for v in validate_plan(scenario, tiny_plan, nrw_reference)]
    assert found == [("LOCK", "BI-M1"), ("LOCK", "BI-M1"), ("LOCK", "DU-M2")]


def test_lock_checks_name_each_broken_lock_and_rule(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    # bad_locks: T-EDU unavailable on 6 Feb (R12); DU excluded (R9); BI-M1 on Sat + Mon is no
    # slot pattern (R2); DUS-M2 with 21 members is above 20 (R6) and with 21 needs two
    # trainers, not one (R11).
    trainers = (tiny_scenario.trainers[0].model_copy(
        update={"unavailable_dates": (dt.date(2026, 2, 6),)}), tiny_scenario.trainers[1])
    scenario = _sites(tiny_scenario.model_copy(update={"trainers": trainers}), DU="excluded")
    locks = [
        Lock(site_id="DUS", module=1, days=FEB_6_7, trainer_ids=("T-EDU",)),
        Lock(site_id="DU", module=1, days=FEB_14_15, trainer_ids=("T-CNC",)),
        Lock(site_id="BI", module=1, days=(dt.date(2026, 2, 21), dt.date(2026, 2, 23)),
             trainer_ids=("T-CNC",)),
        Lock(site_id="DUS", module=2, days=MAR_7_14, trainer_ids=("T-EDU",),
             councils={"C-DUS": 12, "C-DU": 9}),
    ]
    found = [(p.event_id, p.rule) for p in check_locks(scenario, nrw_reference, locks)]
    assert found == [("DUS-M1", "R12"), ("DU-M1", "R9"), ("BI-M1", "R2"), ("DUS-M2", "R6"),
                     ("DUS-M2", "R11"), ("DUS-M2", "R8")]
    # C-DU's 9 members are one more than its interest of 8 (R8), also named above.
    assert all(lock_problem_de(p).startswith(f"Festlegung {p.event_id} verletzt ")
               for p in check_locks(scenario, nrw_reference, locks))


def test_lock_checks_find_a_removed_trainer_and_a_budget_the_locks_exceed(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    lock = Lock(site_id="BI", module=1, days=FEB_14_15, trainer_ids=("T-GONE",))
    assert [(p.event_id, p.rule) for p in check_locks(tiny_scenario, nrw_reference, [lock])] == [
        ("BI-M1", "R12")]
    # One event costs at least 900 € of fees: a budget of 500 € cannot hold it (R16).
    poor = tiny_scenario.model_copy(update={"budget_eur": 500})
    lock = Lock(site_id="DUS", module=1, days=FEB_6_7, trainer_ids=("T-EDU",))
    assert [p.rule for p in check_locks(poor, nrw_reference, [lock])] == ["R16"]


# --- site status --------------------------------------------------------------------------------


def test_an_excluded_site_holds_nothing_and_its_region_is_lost(
    tiny_scenario: Scenario, solve_valid: SolveValid
) -> None:
    # Free optimum: all 56 wanted seats. C-BI (8 + 8) can only reach Bielefeld (150 km from
    # the others, radius 25 km), so excluding BI loses exactly its 16 seats: 40.
    plan = solve_valid(_sites(tiny_scenario, BI="excluded"))
    assert all(e.site_id != "BI" for e in plan.events)
    assert plan.objective.covered_seats == 40


def test_a_required_site_holds_an_event_without_losing_coverage(
    tiny_scenario: Scenario, solve_valid: SolveValid
) -> None:
    # DUS and DU serve the same councils (Duisburg borders Düsseldorf), so requiring DUS
    # just moves the Düsseldorf-region events there: still all 56 seats.
    plan = solve_valid(_sites(tiny_scenario, DUS="required"))
    assert any(e.site_id == "DUS" for e in plan.events)
    assert plan.objective.covered_seats == 56


def test_validator_names_required_and_excluded_sites(
    tiny_scenario: Scenario, tiny_plan: Plan, nrw_reference: Reference
) -> None:
    # tiny_plan holds events at DUS and BI, none at DU.
    scenario = _sites(tiny_scenario, DU="required", BI="excluded")
    found = [(v.rule, v.subject) for v in validate_plan(scenario, tiny_plan, nrw_reference)]
    assert found == [("STATUS", "DU"), ("STATUS", "BI")]


# --- infeasibility explained ----------------------------------------------------------------


def _two_trainer_events(scenario: Scenario) -> Scenario:
    """Each trainer may work one event: at most two events in any plan."""
    trainers = tuple(t.model_copy(update={"max_events": 1}) for t in scenario.trainers)
    return scenario.model_copy(update={"trainers": trainers})


def test_three_required_sites_with_two_trainer_events_name_all_three(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    # three_required_two_events: every event needs a trainer and each trainer works one
    # event, so at most two events; three required sites cannot all hold one, while any
    # two can (C-DUS at DUS, C-DU at DU, C-BI at BI, 8+ members each). The only minimal
    # conflict is all three sites.
    scenario = _sites(_two_trainer_events(tiny_scenario),
                      DUS="required", DU="required", BI="required")
    plan = plan_of(scenario, TINY_SOLVER, reference=nrw_reference)
    assert plan.status == "INFEASIBLE"
    assert plan.conflicts == [Conflict(kind="required", key=site) for site in ("DUS", "DU", "BI")]
    # Any two of them have a plan.
    two = _sites(_two_trainer_events(tiny_scenario), DUS="required", BI="required")
    assert plan_of(two, TINY_SOLVER, reference=nrw_reference).status == "OPTIMAL"


def test_a_group_without_a_plan_on_its_own_is_named_alone(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    # required_without_partner: BI is required but names no partner council, so it cannot
    # host (R9); that alone has no plan, while the required DUS is harmless.
    sites = tuple(s.model_copy(update={"partner_council_id": None}) if s.site_id == "BI" else s
                  for s in tiny_scenario.sites)
    scenario = _sites(tiny_scenario.model_copy(update={"sites": sites}),
                      DUS="required", BI="required")
    plan = plan_of(scenario, TINY_SOLVER, reference=nrw_reference)
    assert plan.status == "INFEASIBLE"
    assert plan.conflicts == [Conflict(kind="required", key="BI")]
    assert plan.conflicts_proof == "alone"


def test_conflict_groups_are_a_minimal_infeasible_set(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    # lock_region_required: two trainer-events; the lock takes one at DUS, BI is required
    # and the regional minimum (half of the reachable seats: Düsseldorf 20 of 40, Detmold 8
    # of 16) needs more than the lock's 8–11 members in the Düsseldorf region: several
    # minimal conflicts exist. Whatever set is named must be infeasible together, and
    # dropping any one of its groups must leave a feasible set (minimality).
    lock = Lock(site_id="DUS", module=1, days=FEB_6_7, trainer_ids=("T-EDU",),
                councils={"C-DUS": 10})
    scenario = _sites(_two_trainer_events(tiny_scenario), BI="required").model_copy(
        update={"locks": (lock,), "objective": ObjectiveSettings(min_share_per_region=0.5)})
    data = build_problem(scenario, nrw_reference)
    explanation = explain_infeasible(data, seconds=10)
    assert explanation is not None and explanation.minimal
    core = explanation.groups
    assert len(core) >= 2
    assert set(core) <= set(requirement_groups(data))

    def feasible(groups: list) -> bool:
        from ortools.sat.python import cp_model

        from optimizer.model.constraints import add_master
        from optimizer.model.variables import create_variables

        model = cp_model.CpModel()
        v = create_variables(model, data)
        add_master(model, data, v)
        for group in groups:
            add_group(model, data, v, group)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        return solver.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)

    assert not feasible(core)
    for group in core:
        assert feasible([g for g in core if g != group]), group


# --- regional minimum and max-min ---------------------------------------------------------------


def _region(plan: Plan, name: str) -> tuple[int, int]:
    row = next(r for r in plan.regions if r.regierungsbezirk == name)
    return row.covered, row.reachable


def test_regional_minimum_holds_and_max_min_raises_the_worst_region(
    tiny_scenario: Scenario, solve_valid: SolveValid
) -> None:
    # budget_5000: two 20-member tandem events in the Düsseldorf region (C-DUS 12 + C-DU 8,
    # module 1 and 2) cost 4,728.64 € and cover all 40 seats there; no 8-member Bielefeld
    # event (over 1,100 €) fits beside them, so Detmold (16 reachable) gets nothing.
    poor = tiny_scenario.model_copy(update={"budget_eur": 5000})
    free = solve_valid(poor)
    assert free.objective.covered_seats == 40 and _region(free, "Detmold") == (0, 16)
    # min_share 0.5: Detmold needs 8 seats (one Bielefeld event), Düsseldorf 20; the plan
    # pays for it with coverage elsewhere, so it covers at most the free 40.
    half = solve_valid(poor.model_copy(
        update={"objective": ObjectiveSettings(min_share_per_region=0.5)}))
    assert _region(half, "Detmold")[0] >= 8 and _region(half, "Düsseldorf")[0] >= 20
    assert half.objective.covered_seats <= 40
    assert {r.regierungsbezirk: r.minimum for r in half.regions} == {
        "Detmold": 8, "Düsseldorf": 20}
    # max-min: the worst region's share first; it beats both plans above (free: 0 %,
    # half: Detmold 8/16 = 50 %), and the first stage's objective is that share in ‰.
    fair = solve_valid(poor.model_copy(
        update={"objective": ObjectiveSettings(max_min_regions=True)}))

    def worst(plan: Plan) -> float:
        return min(r.covered / r.reachable for r in plan.regions if r.reachable)

    assert worst(fair) > worst(half) >= 0.5 > worst(free)
    assert fair.stages[0].name == "regions"
    assert fair.stages[0].objective == min(
        1000 * r.covered // r.reachable for r in fair.regions if r.reachable)


def test_reachable_seats_agree_between_solver_data_and_validator(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    # The REGION check recomputes reachable seats without the solver; both must agree,
    # also with an excluded site (Detmold's only host: nothing reachable there).
    for scenario in (tiny_scenario, _sites(tiny_scenario, BI="excluded")):
        data = build_problem(scenario, nrw_reference)
        assert data.region_reachable == reachable_by_region(scenario, nrw_reference)
    assert build_problem(_sites(tiny_scenario, BI="excluded"),
                         nrw_reference).region_reachable["Detmold"] == 0


# --- minimal-change re-planning -----------------------------------------------------------------


@pytest.fixture
def replan_scenario(tiny_scenario: Scenario) -> Scenario:
    """tiny_scenario with interest exactly what ``previous_plan`` covers (38 seats: C-DUS
    12 + 10, C-DU 8, C-BI 8) and a second council-role trainer T-CNC2 (home Duisburg, like
    T-CNC, always available)."""
    councils = (
        Council(council_id="C-DUS", ags=DUESSELDORF, members=20, interested_m1=12,
                interested_m2=10),
        Council(council_id="C-DU", ags=DUISBURG, members=12, interested_m1=8, interested_m2=0),
        Council(council_id="C-BI", ags=BIELEFELD, members=10, interested_m1=8, interested_m2=0),
    )
    trainers = (*tiny_scenario.trainers,
                Trainer(trainer_id="T-CNC2", role="council", home_ags=DUISBURG, max_events=3))
    return tiny_scenario.model_copy(update={"councils": councils, "trainers": trainers})


@pytest.fixture
def previous_plan(replan_scenario: Scenario, make_plan: MakePlan) -> Plan:
    """tiny_plan's events: DUS-M1 (T-EDU + T-CNC), DUS-M2 (T-EDU), BI-M1 (T-CNC)."""
    return make_plan(
        replan_scenario,
        [("DUS", 1, FEB_6_7, ["T-EDU", "T-CNC"]), ("DUS", 2, MAR_7_14, ["T-EDU"]),
         ("BI", 1, FEB_14_15, ["T-CNC"])],
        [("C-DUS", "DUS-M1", 12), ("C-DU", "DUS-M1", 8), ("C-DUS", "DUS-M2", 10),
         ("C-BI", "BI-M1", 8)],
    )


def test_replan_after_a_trainer_falls_ill_changes_only_what_must_change(
    replan_scenario: Scenario, previous_plan: Plan, nrw_reference: Reference
) -> None:
    # T-CNC falls ill. The previous plan covers all 38 wanted seats, so coverage stays 38
    # only if DUS-M1 (20 members: needs a council-role trainer, R10/R11) and BI-M1 (C-BI's
    # only reachable site) are held. Each lost T-CNC and needs someone new: removed + added
    # = 2 changes per event, 4 in all; T-CNC2 (same role and home, free on every day) takes
    # both without moving a date. Fewer is impossible, so the minimum is exactly 4.
    assert validate_plan(replan_scenario, previous_plan, nrw_reference) == []
    ill = replan_scenario.model_copy(update={"trainers": tuple(
        t for t in replan_scenario.trainers if t.trainer_id != "T-CNC")})
    plan = _valid(ill, plan_of(ill, TINY_SOLVER, reference=nrw_reference,
                                     previous=previous_plan), nrw_reference)
    changes = diff(previous_plan, plan)
    assert plan.objective.covered_seats == 38
    assert plan.changes == len(changes) == 4
    assert count_by_kind(changes) == {"trainer_removed": 2, "trainer_added": 2}
    assert [s.name for s in plan.stages] == ["coverage", "changes", "cost"]
    # The coverage stage breaks ties by changes; it still reports plain seats and bound.
    assert plan.stages[0].objective == plan.bound.covered_seats == 38
    assert plan.stages[1].objective == 4
    # A fresh solve, without --previous, is free to rebuild the plan: never fewer changes.
    fresh = plan_of(ill, TINY_SOLVER, reference=nrw_reference)
    assert len(diff(previous_plan, fresh)) >= 4


def test_a_replan_with_one_worker_and_a_seed_is_reproducible(
    replan_scenario: Scenario, previous_plan: Plan, nrw_reference: Reference
) -> None:
    # One worker and a fixed seed: the same plan twice (the repaired hint included).
    ill = replan_scenario.model_copy(update={"trainers": tuple(
        t for t in replan_scenario.trainers if t.trainer_id != "T-CNC")})
    first, second = (plan_of(ill, TINY_SOLVER, reference=nrw_reference,
                                   previous=previous_plan) for _ in range(2))
    assert first.model_dump(exclude={"solve_seconds", "stages"}) == second.model_dump(
        exclude={"solve_seconds", "stages"})


def test_the_monolithic_formulation_finds_the_same_minimal_replan(
    replan_scenario: Scenario, previous_plan: Plan, nrw_reference: Reference
) -> None:
    # Its changes stage counts moved dates exactly (slot variables); same minimum of 4.
    ill = replan_scenario.model_copy(update={"trainers": tuple(
        t for t in replan_scenario.trainers if t.trainer_id != "T-CNC")})
    monolithic = TINY_SOLVER.model_copy(update={"formulation": "monolithic"})
    plan = _valid(ill, plan_of(ill, monolithic, reference=nrw_reference,
                               previous=previous_plan), nrw_reference)
    assert plan.objective.covered_seats == 38
    assert len(diff(previous_plan, plan)) == plan.stages[1].objective == 4


def test_changes_are_listed_per_trainer_site_and_council(
    tiny_scenario: Scenario, tiny_plan: Plan, make_plan: MakePlan
) -> None:
    # From tiny_plan: DUS-M2 moves one week (1), BI-M1 is dropped (1 + T-CNC + C-BI = 3),
    # DU-M1 is added with T-CNC and C-DU (1 + 1 + 1 = 3), and C-DU leaves DUS-M1 (1): 8.
    after = make_plan(
        tiny_scenario,
        [("DUS", 1, FEB_6_7, ["T-EDU", "T-CNC"]),
         ("DUS", 2, (dt.date(2026, 3, 14), dt.date(2026, 3, 21)), ["T-EDU"]),
         ("DU", 1, FEB_14_15, ["T-CNC"])],
        [("C-DUS", "DUS-M1", 12), ("C-DUS", "DUS-M2", 10), ("C-DU", "DU-M1", 8)],
    )
    changes = diff(tiny_plan, after)
    assert count_by_kind(changes) == {"dropped": 1, "added": 1, "moved": 1,
                                      "trainer_removed": 1, "trainer_added": 1,
                                      "council_removed": 2, "council_added": 1}
    rows = changes_csv(changes).splitlines()  # for German Excel: BOM, ";"
    assert rows[0] == "\ufeffArt;Veranstaltung;Standort;Modul;Trainer*in;Gremium;vorher;nachher"
    assert len(rows) == 1 + 8
    moved = "Termin verschoben;DUS-M2;DUS;2;;;07.03.2026 + 14.03.2026;14.03.2026 + 21.03.2026"
    assert moved in rows
    assert diff(tiny_plan, tiny_plan) == []


def test_confirmed_events_of_a_plan_become_locks(tiny_plan: Plan) -> None:
    marked = tiny_plan.model_copy(update={"events": [
        e.model_copy(update={"confirmed": e.event_id == "DUS-M2"}) for e in tiny_plan.events]})
    locks = locks_from_plan(marked, {"BI-M1"})
    assert [(lk.event_id, lk.days, lk.trainer_ids, lk.councils) for lk in locks] == [
        ("DUS-M2", MAR_7_14, ("T-EDU",), {"C-DUS": 10}),
        ("BI-M1", FEB_14_15, ("T-CNC",), {"C-BI": 8}),
    ]


# --- properties over generated scenarios ------------------------------------------------------

REPLAN_PROPERTIES = settings(
    max_examples=15, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@REPLAN_PROPERTIES
@given(scenario=scenarios())
def test_replanning_an_unchanged_scenario_against_its_optimum_changes_nothing(
    scenario: Scenario, nrw_reference: Reference
) -> None:
    # The previous plan is itself optimal and feasible: coverage cannot rise, and keeping
    # every decision (0 changes) is possible, including every date (its calendar is valid).
    previous = _valid(scenario, plan_of(scenario, TINY_SOLVER, reference=nrw_reference),
                      nrw_reference)
    assert previous.status == "OPTIMAL"
    plan = _valid(scenario, plan_of(scenario, TINY_SOLVER, reference=nrw_reference,
                                          previous=previous), nrw_reference)
    assert plan.objective.covered_seats == previous.objective.covered_seats
    assert diff(previous, plan) == [] and plan.changes == 0


@REPLAN_PROPERTIES
@given(scenario=scenarios())
def test_locking_every_event_of_an_optimal_plan_keeps_it_and_its_objective(
    scenario: Scenario, nrw_reference: Reference
) -> None:
    # The optimal plan meets its own locks, so the locked optimum has the same coverage and
    # cost (nothing can beat an optimum, and the locks allow it); the validator's LOCK
    # check holds the new plan to every locked event.
    free = _valid(scenario, plan_of(scenario, TINY_SOLVER, reference=nrw_reference),
                  nrw_reference)
    confirmed = free.model_copy(update={"events": [
        e.model_copy(update={"confirmed": True}) for e in free.events]})
    locked = scenario.model_copy(update={"locks": tuple(locks_from_plan(confirmed))})
    assert check_locks(locked, nrw_reference) == []
    plan = _valid(locked, plan_of(locked, TINY_SOLVER, reference=nrw_reference),
                  nrw_reference)
    assert (plan.objective.covered_seats, plan.objective.total_cost_eur) == (
        free.objective.covered_seats, free.objective.total_cost_eur)


@REPLAN_PROPERTIES
@given(scenario=scenarios(), data=st.data())
def test_site_status_is_honoured_or_the_conflict_is_named(
    scenario: Scenario, data: st.DataObject, nrw_reference: Reference
) -> None:
    # Any site may be marked required or excluded: the plan keeps every status (the
    # validator's STATUS check), or, when no plan can, names required sites as conflicts.
    statuses = data.draw(st.lists(st.sampled_from(["required", "candidate", "excluded"]),
                                  min_size=len(scenario.sites), max_size=len(scenario.sites)))
    marked = _sites(scenario, **{s.site_id: status
                                 for s, status in zip(scenario.sites, statuses, strict=True)})
    plan = plan_of(marked, TINY_SOLVER, reference=nrw_reference)
    if plan.status == "INFEASIBLE":
        required = {s.site_id for s in marked.sites if s.status == "required"}
        assert plan.conflicts and {c.key for c in plan.conflicts} <= required
        assert {c.kind for c in plan.conflicts} == {"required"}
    else:
        _valid(marked, plan, nrw_reference)


# --- confirmation levels and councils whose seats changed (issue 15) ------------------------


def test_an_event_confirmed_as_termin_keeps_date_and_venue_with_a_new_trainer(
    replan_scenario: Scenario, previous_plan: Plan, nrw_reference: Reference
) -> None:
    # BI-M1 was confirmed with the VHS for Sat 14 + Sun 15 Feb only ("Termin"); its trainer
    # T-CNC falls ill. The lock keeps site, module and days and leaves the trainer open, so
    # T-CNC2 (council role, free every day) takes it: same days, same site, a new trainer.
    # Confirmed as "ja" (trainers too), the lock would name a trainer the scenario no longer
    # has, which the lock check refuses before solving.
    ill = replan_scenario.model_copy(update={"trainers": tuple(
        t for t in replan_scenario.trainers if t.trainer_id != "T-CNC")})
    result = optimizer.replan(ill, previous_plan, TINY_SOLVER, confirmed={"BI-M1": "Termin"},
                              reference=nrw_reference)
    plan = _valid(result.scenario, result.plan, nrw_reference)
    [lock] = result.scenario.locks
    assert (lock.event_id, lock.days, lock.trainer_ids, lock.councils) == (
        "BI-M1", FEB_14_15, (), None)
    bi = next(e for e in plan.events if e.event_id == "BI-M1")
    assert tuple(bi.days) == FEB_14_15 and bi.site_id == "BI"
    assert bi.trainer_ids == ["T-CNC2"]
    with pytest.raises(optimizer.api.results.LocksBroken):
        optimizer.replan(ill, previous_plan, TINY_SOLVER, confirmed={"BI-M1": "ja"},
                         reference=nrw_reference)


def test_locks_from_plan_by_level() -> None:
    plan = Plan.model_validate({
        "scenario": "s", "status": "OPTIMAL",
        "objective": {"covered_seats": 8, "total_cost_eur": 1.0},
        "bound": {"covered_seats": 8}, "solve_seconds": 0.0,
        "events": [{"event_id": "BI-M1", "site_id": "BI", "module": 1,
                    "days": ["2026-02-14", "2026-02-15"], "participants": 8,
                    "trainer_ids": ["T-CNC"],
                    "cost_eur": {"fees": 0, "travel": 0, "catering": 0, "total": 0}}],
        "assignments": [{"council_id": "C-BI", "event_id": "BI-M1", "members": 8}],
        "totals": {"events": 1, "covered_seats": 8, "fees_eur": 0, "travel_eur": 0,
                   "catering_eur": 0, "total_cost_eur": 0, "budget_eur": 1}})
    [full] = locks_from_plan(plan, {"BI-M1"})
    [date_only] = locks_from_plan(plan, {"BI-M1": "Termin"})
    assert (full.trainer_ids, full.councils) == (("T-CNC",), {"C-BI": 8})
    assert (date_only.trainer_ids, date_only.councils, date_only.days) == ((), None, FEB_14_15)


def test_the_change_list_names_every_council_whose_seats_changed(
    replan_scenario: Scenario, previous_plan: Plan, nrw_reference: Reference
) -> None:
    # C-DUS sends 10 instead of 12 members to DUS-M1: no (council, event) pair changes, so no
    # counted change, but C-DUS's seats in module 1 fell from 12 to 10; the list must say so
    # and the summary count it among the councils concerned.
    fewer = previous_plan.model_copy(update={"assignments": [
        a.model_copy(update={"members": 10}) if (a.council_id, a.event_id) == ("C-DUS", "DUS-M1")
        else a for a in previous_plan.assignments]})
    assert diff(previous_plan, fewer) == []
    rows = seat_changes(previous_plan, fewer)
    assert [(r.kind, r.council_id, r.module, r.before, r.after) for r in rows] == [
        ("council_seats", "C-DUS", 1, "12", "10")]
    assert changes_summary_de(rows).endswith("betroffen: 0 Standorte, 0 Trainer*innen, "
                                             "1 Gremien")
    assert changes_summary_de(rows).startswith("Änderungen gegenüber dem vorigen Plan: 0")
