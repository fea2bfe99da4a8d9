"""Alternative plans (:mod:`optimizer.insight.alternatives`): optimal coverage, cost within the
tolerance, pairwise clearly different, each valid, reproducible."""

from __future__ import annotations

from itertools import combinations

import pytest
from ortools.sat.python import cp_model

from optimizer.domain.geography import Reference
from optimizer.domain.options import AlternativesOptions
from optimizer.domain.problem import build_problem
from optimizer.domain.scenario import Scenario, SolverSettings
from optimizer.insight.alternatives import (
    cost_limit_cents,
    event_keys,
    find_alternatives,
    hint_drop,
)
from optimizer.model.cpmodel import build_model
from optimizer.model.diagnose import differ_from, held_events, start_from
from optimizer.report.alternatives_de import comparison_rows, difference
from optimizer.solve.pipeline import solve
from optimizer.validate import validate_plan

from testkit.strategies import region_scenario
from testkit.tiny import (
    BIELEFELD,
    DUESSELDORF,
    DUISBURG,
    RATINGEN,
    TINY_SOLVER,
    council,
    scenario,
    site,
    trainer,
)


def three_sites_one_event() -> Scenario:
    """Two councils of 5 (Düsseldorf, Duisburg) must share one event to reach 8 (R6); each
    may attend the VHS in Düsseldorf, Duisburg or Ratingen (neighbours, R7). One trainer in
    Düsseldorf, one in Duisburg: an event at either city costs 900 + 11 × 24 = 1,164 € with
    the local trainer (no travel); Ratingen adds about 12 km of travel each way (< 5 %)."""
    return scenario(
        "three_sites_one_event",
        (council("C-DUS", DUESSELDORF, 5), council("C-DU", DUISBURG, 5)),
        (site("DUS", DUESSELDORF, "C-DUS"), site("DU", DUISBURG, "C-DU"),
         site("RAT", RATINGEN, "C-DUS")),
        (trainer("T-EDU", "educator", DUESSELDORF), trainer("T-CNC", "council", DUISBURG)),
    )


def test_three_sites_give_two_alternatives_then_none(nrw_reference: Reference) -> None:
    # Optimum: 10 seats in one event at 1,164 € (Düsseldorf or Duisburg). Clearly different
    # (2 events apart) are exactly the event at each other site: the other city at the same
    # 1,164 €, then Ratingen within 5 %; a third alternative cannot exist (any plan with 10
    # seats holds one of the three events), which the solver proves.
    sc = three_sites_one_event()
    data = build_problem(sc, nrw_reference)
    main = solve(data, TINY_SOLVER)
    assert (main.status, main.totals.covered_seats, main.totals.total_cost_eur) == (
        "OPTIMAL", 10, 1164.0)

    result = find_alternatives(data, main, AlternativesOptions(count=3), TINY_SOLVER)

    assert result.stopped == "none-left"
    assert result.coverage_proven
    assert len(result.plans) == 2
    plans = [main, *result.plans]
    for plan in result.plans:
        assert validate_plan(sc, plan, nrw_reference) == []
        assert plan.totals.covered_seats == main.totals.covered_seats
        assert plan.totals.total_cost_eur * 100 <= cost_limit_cents(main, 0.05)
    for a, b in combinations(plans, 2):
        assert len(event_keys(a) ^ event_keys(b)) >= 2
    assert {site_id for p in plans for site_id, _ in event_keys(p)} == {"DUS", "DU", "RAT"}
    assert result.plans[0].totals.total_cost_eur == 1164.0  # the other city, same cost
    assert result.plans[1].totals.total_cost_eur > 1164.0  # Ratingen, with travel

    rows = comparison_rows(main, result)
    assert [r.plan for r in rows] == ["Hauptplan", "alt-1", "alt-2"]
    dropped, added, changed = difference(main, result.plans[0])
    assert (len(dropped), len(added), changed) == (1, 1, 2)


def test_zero_tolerance_keeps_only_equally_cheap_plans(nrw_reference: Reference) -> None:
    # With tolerance 0 Ratingen (travel) is too expensive: one alternative, then none.
    sc = three_sites_one_event()
    data = build_problem(sc, nrw_reference)
    main = solve(data, TINY_SOLVER)

    result = find_alternatives(data, main, AlternativesOptions(count=3, tolerance=0.0),
                               TINY_SOLVER)

    assert [p.totals.total_cost_eur for p in result.plans] == [1164.0]
    assert result.stopped == "none-left"


def test_alternatives_are_reproducible(nrw_reference: Reference) -> None:
    # One worker and a fixed seed: the same alternatives in the same order.
    sc = three_sites_one_event()
    data = build_problem(sc, nrw_reference)
    main = solve(data, TINY_SOLVER)

    first = find_alternatives(data, main, AlternativesOptions(count=2), TINY_SOLVER)
    second = find_alternatives(data, main, AlternativesOptions(count=2), TINY_SOLVER)

    assert [event_keys(p) for p in first.plans] == [event_keys(p) for p in second.plans]
    assert [p.assignments for p in first.plans] == [p.assignments for p in second.plans]


def test_the_hint_of_an_alternative_is_itself_an_alternative(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    # tiny_scenario's optimum holds module 2 in two places (C-DUS/C-DU and C-BI); leaving
    # both module-2 events out of the main plan gives a plan 2 events away from it that
    # breaks no rule: every variable fixed to that hint, the master with the no-good is
    # feasible.
    data = build_problem(tiny_scenario, nrw_reference)
    main = solve(data, TINY_SOLVER)
    held = held_events(data, main)
    drop = hint_drop(data, main, [held], 2, range(data.num_events))
    assert len(drop) == 2 and all(event_id.endswith("-M2") for event_id in drop)

    model, _, _ = build_model(data, extra=[start_from(main, drop), differ_from(held, 2)])
    solver = cp_model.CpSolver()
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.num_workers = 1
    assert solver.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def test_alternatives_change_one_region_at_a_time(nrw_reference: Reference) -> None:
    # three_sites_one_event (Regierungsbezirk Düsseldorf) plus two councils of 5 in
    # Bielefeld (Detmold) with two VHS sites there, equally far from both trainers. The main
    # plan holds one event in each region. Grouped by region (Detmold first), alternative 1
    # moves the Bielefeld event to the other Bielefeld site and keeps Düsseldorf as it is;
    # alternative 2 starts with the next region and moves the Düsseldorf-region event,
    # keeping Bielefeld as in the main plan (2 events away from the main plan, 4 from
    # alternative 1).
    base = three_sites_one_event()
    sc = base.model_copy(update={
        "councils": (*base.councils, council("C-BI1", BIELEFELD, 5),
                     council("C-BI2", BIELEFELD, 5)),
        "sites": (*base.sites, site("BI-A", BIELEFELD, "C-BI1"),
                  site("BI-B", BIELEFELD, "C-BI2")),
    })
    data = build_problem(sc, nrw_reference)
    main = solve(data, TINY_SOLVER)
    assert main.totals.covered_seats == 20
    region = {s.site_id: nrw_reference.municipalities[s.ags].regierungsbezirk
              for s in sc.sites}

    result = find_alternatives(data, main, AlternativesOptions(count=2), TINY_SOLVER,
                               site_groups=region)

    assert len(result.plans) == 2
    changed = []
    for plan in result.plans:
        assert validate_plan(sc, plan, nrw_reference) == []
        assert plan.totals.covered_seats == 20
        assert plan.totals.total_cost_eur * 100 <= cost_limit_cents(main, 0.05)
        changed.append({region[s] for s, _ in event_keys(plan) ^ event_keys(main)})
    assert changed == [{"Detmold"}, {"Düsseldorf"}]
    assert len(event_keys(result.plans[0]) ^ event_keys(result.plans[1])) == 4


@pytest.mark.parametrize(("num_councils", "seed"), [(10, 7), (8, 1)])
def test_region_scenario_alternatives_meet_the_definition(
    num_councils: int, seed: int, nrw_reference: Reference
) -> None:
    # The fixed region scenarios (tests/strategies.py: 8-10 councils, 8-9 candidate events,
    # proven optimal main plans) have clearly different plans of equal coverage within 5 %:
    # both alternatives are found, valid, cover the proven optimum, stay within the cost
    # limit and are 2 held events away from every earlier plan.
    sc = region_scenario(num_councils, seed)
    data = build_problem(sc, nrw_reference)
    settings = SolverSettings(time_limit_s=5, workers=1, seed=0)
    main = solve(data, settings)
    assert main.status == "OPTIMAL"

    result = find_alternatives(data, main, AlternativesOptions(count=2), settings)

    assert result.coverage_proven
    assert len(result.plans) == 2
    for plan in result.plans:
        assert validate_plan(sc, plan, nrw_reference) == []
        assert plan.totals.covered_seats == main.totals.covered_seats
        assert round(plan.totals.total_cost_eur * 100) <= cost_limit_cents(main, 0.05)
        assert plan.totals.total_cost_eur >= main.totals.total_cost_eur  # main is cheapest
    for a, b in combinations([main, *result.plans], 2):
        assert len(event_keys(a) ^ event_keys(b)) >= 2
