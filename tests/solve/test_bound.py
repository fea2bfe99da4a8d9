"""Tests of the configuration-LP bounds (:mod:`optimizer.solve.bound`).

* Validity: on hypothesis-generated small scenarios (:func:`strategies.scenarios`) and on
  ``tiny_scenario``, whenever ``plan_of`` (the public API) proves its plan OPTIMAL, the coverage
  bound is
  at least the optimal (weighted) coverage and the cost bound at the optimal seats is at most
  the optimal cost. The cost check needs no optimality: any plan with ``n`` seats costs at
  least the least cost at ``n`` seats.
* Strength: on ``one_site_two_sixes`` (reasoned below) the bounds are strictly tighter than
  the master's plain LP and equal the integer optimum; they stay valid when column generation
  is stopped after one iteration (the Lagrangian bound).
* Scope: ``None`` unless ``max_events_per_council_module == 1``.

Hand arithmetic (RULES.md R13–R15, travel 0: trainers live at the site's municipality centre):
an event with ``p`` participants and ``t`` trainers costs ``900·t + 24·(p + t)`` euros, so
11 + 1 trainer: 1,188 €; 12 + 2 trainers: 2,136 €.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import HealthCheck, assume, given, settings

from optimizer.domain.geography import Reference
from optimizer.domain.plan import Plan
from optimizer.domain.problem import ProblemData, build_problem, euros_to_cents
from optimizer.domain.scenario import (
    Council,
    ObjectiveSettings,
    Period,
    RuleSettings,
    Scenario,
    Site,
    SolverSettings,
    Trainer,
)
from optimizer.solve.bound import (
    ConfigurationLP,
    cost_lower_bound,
    coverage_upper_bound,
    plain_lp_bound,
)

from testkit.strategies import micro_scenarios, region_scenario, scenarios
from testkit.tiny import plan_of

#: As the brief asks: 10 s and one worker (deterministic; CP-SAT proves tiny optima far sooner).
BOUND_SOLVER = SolverSettings(time_limit_s=10, workers=1, seed=0)

PROPERTIES = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

DUESSELDORF, DUISBURG = "05111000", "05112000"


def _solve(scenario: Scenario, reference: Reference) -> tuple[ProblemData, Plan]:
    return build_problem(scenario, reference), plan_of(scenario, BOUND_SOLVER,
                                                             reference=reference)


def _assert_bounds_hold(data: ProblemData, plan: Plan) -> None:
    """The configuration-LP bounds against a plan proven OPTIMAL by CP-SAT."""
    assert plan.status == "OPTIMAL", plan.stages
    seats = plan.objective.covered_seats
    stage1 = plan.objective.weighted_coverage
    stage1 = seats if stage1 is None else stage1
    cost_cents = euros_to_cents(plan.objective.total_cost_eur)

    coverage = coverage_upper_bound(data)
    cost = cost_lower_bound(data, seats)
    assert coverage is not None and cost is not None
    assert coverage >= stage1
    assert cost <= cost_cents
    if data.num_events:  # the brief's variant with aggregated trainer rows
        aggregate = ConfigurationLP(data, trainers="aggregate")
        assert aggregate.coverage().bound >= stage1
        assert aggregate.cost(seats).bound <= cost_cents


@PROPERTIES
@given(scenario=scenarios())
def test_bounds_hold_on_generated_scenarios(scenario: Scenario, nrw_reference: Reference):
    data, plan = _solve(scenario, nrw_reference)
    assume(plan.status == "OPTIMAL")
    _assert_bounds_hold(data, plan)


@PROPERTIES
@given(scenario=micro_scenarios())
def test_bounds_hold_on_one_site_scenarios(scenario: Scenario, nrw_reference: Reference):
    """One site, little interest: most instances hold an event, budgets often bind."""
    data, plan = _solve(scenario, nrw_reference)
    assume(plan.status == "OPTIMAL")
    _assert_bounds_hold(data, plan)


@pytest.mark.parametrize(("num_councils", "seed"), [(10, 7), (12, 3), (10, 1)])
def test_bounds_hold_on_region_scenarios(num_councils: int, seed: int,
                                         nrw_reference: Reference):
    """Ten to twelve councils, five or six sites, four trainers (``region_scenario``)."""
    _assert_bounds_hold(*_solve(region_scenario(num_councils, seed), nrw_reference))


def test_bounds_hold_on_tiny_scenario(tiny_scenario: Scenario, nrw_reference: Reference):
    _assert_bounds_hold(*_solve(tiny_scenario, nrw_reference))


def test_weighted_coverage_and_bonus_bound(tiny_scenario: Scenario, nrw_reference: Reference):
    """Module weights and the both-modules bonus (R4, R17) enter the coverage bound."""
    weighted = tiny_scenario.model_copy(update={
        "objective": ObjectiveSettings(module_weights={1: 3, 2: 1}, both_modules_bonus=7),
    })
    data, plan = _solve(weighted, nrw_reference)
    assert plan.objective.weighted_coverage is not None
    _assert_bounds_hold(data, plan)


def test_none_unless_one_event_per_council_module(tiny_scenario: Scenario,
                                                  nrw_reference: Reference):
    relaxed = tiny_scenario.model_copy(update={
        "rules": RuleSettings(max_events_per_council_module=2),
    })
    data = build_problem(relaxed, nrw_reference)
    assert coverage_upper_bound(data) is None
    assert cost_lower_bound(data, 10) is None
    with pytest.raises(ValueError):
        ConfigurationLP(data)


# --- one_site_two_sixes: strictly tighter than the plain LP -----------------------------------


def one_site_two_sixes(budget_eur: float) -> Scenario:
    """One site in Düsseldorf; councils C-A (Düsseldorf) and C-B (Duisburg, a neighbour) with
    6 members interested in module 1 each; a tandem living in Düsseldorf; Feb–Mar 2026.

    12 seats need two trainers (R11), and the only 12-seat configuration is both councils
    whole: 2,136 €. With one trainer at most 11 seats (e.g. 6 + 5): 1,188 €.

    * Budget 1,488 €: the optimum is 11 seats at 1,188 €. The plain LP takes the event once
      with ``two = 1/9`` (``p ≤ 11·(held − two) + 20·two`` uses the 20-seat cap, not the
      catchment's 12 seats): 12 seats for 1,000 + 24·(12 + 10/9) = 1,314.67 €. The
      configuration LP mixes 11 seats/1,188 € with 12 seats/2,136 € at weight 300/948 for
      11.32 seats, i.e. bound 11.
    * Least cost at 12 seats (any budget ≥ 2,136 €): 2,136 € exactly; plain LP 1,314.67 €.
      Within 1,488 € there is no 12-seat plan: the cost bound is ``inf``.
    """
    return Scenario(
        name="one-site-two-sixes",
        budget_eur=budget_eur,
        period=Period(start=dt.date(2026, 2, 1), end=dt.date(2026, 3, 15)),
        councils=(
            Council(council_id="C-A", ags=DUESSELDORF, members=6, interested_m1=6,
                    interested_m2=0),
            Council(council_id="C-B", ags=DUISBURG, members=6, interested_m1=6,
                    interested_m2=0),
        ),
        sites=(Site(site_id="DUS", name="VHS Düsseldorf", ags=DUESSELDORF,
                    partner_council_id="C-A", interested=True),),
        trainers=(
            Trainer(trainer_id="T-EDU", role="educator", home_ags=DUESSELDORF, max_events=3),
            Trainer(trainer_id="T-CNC", role="council", home_ags=DUESSELDORF, max_events=3),
        ),
    )


def test_coverage_bound_is_tighter_than_plain_lp(nrw_reference: Reference):
    data, plan = _solve(one_site_two_sixes(1_488), nrw_reference)
    assert plan.status == "OPTIMAL"
    assert (plan.objective.covered_seats, plan.objective.total_cost_eur) == (11, 1_188.0)

    report = ConfigurationLP(data).coverage(stop_when_rounded=False)
    plain = plain_lp_bound(data)
    assert report.converged
    assert report.lagrangian == pytest.approx(11 + 300 / 948)
    assert report.bound == 11.0
    assert plain == pytest.approx(12.0)
    assert report.bound < math.floor(plain + 1e-6)


def test_cost_bound_is_tighter_than_plain_lp(nrw_reference: Reference):
    data, plan = _solve(one_site_two_sixes(10_000), nrw_reference)
    assert plan.status == "OPTIMAL"
    assert (plan.objective.covered_seats, plan.objective.total_cost_eur) == (12, 2_136.0)

    bound = cost_lower_bound(data, 12)
    plain = plain_lp_bound(data, 12)
    assert bound == 213_600
    assert plain == pytest.approx(100_000 + 2_400 * (12 + 10 / 9))
    assert bound > math.ceil(plain - 1e-6)


def one_site_two_tens() -> Scenario:
    """``one_site_two_sixes`` with 10 members of each council interested: configurations of
    8–11 seats with one trainer and 12–20 seats with two (11: 1,188 €; 12: 2,136 €; 20: 2,328 €).

    At 12 seats the configuration LP mixes 11 seats/1 trainer with 20 seats/2 trainers at
    weight 1/9: 12 seats with 10/9 trainers for (8·1,188 + 2,328)/9 = 1,314.67 €. Every plan
    has a whole number of trainers, so at least 2 (the rounding cut): then only two-trainer
    configurations fit the one event, the cheapest with 12 seats is 2,136 €, the optimum.
    """
    base = one_site_two_sixes(10_000)
    councils = tuple(c.model_copy(update={"members": 10, "interested_m1": 10})
                     for c in base.councils)
    return base.model_copy(update={"name": "one-site-two-tens", "councils": councils})


def test_trainer_rounding_cut_closes_the_cost_gap(nrw_reference: Reference):
    data = build_problem(one_site_two_tens(), nrw_reference)
    assert ConfigurationLP(data).least_trainers(12, 10)[0] == 2

    without = ConfigurationLP(data).cost(12, stop_when_rounded=False, trainer_cut=False)
    assert without.lagrangian == pytest.approx((8 * 118_800 + 232_800) / 9)
    with_cut = ConfigurationLP(data).cost(12)
    assert (with_cut.bound, with_cut.trainer_floor) == (213_600, 2)

    plan = plan_of(data.scenario, BOUND_SOLVER, reference=nrw_reference)
    assert plan.status == "OPTIMAL"  # 20 seats first (R17), then least cost 2,328 €
    assert (plan.objective.covered_seats, plan.objective.total_cost_eur) == (20, 2_328.0)
    assert cost_lower_bound(data, 20) == 232_800


def test_no_plan_reaches_the_seats_within_the_budget(nrw_reference: Reference):
    data = build_problem(one_site_two_sixes(1_488), nrw_reference)
    assert cost_lower_bound(data, 12) == math.inf
    assert cost_lower_bound(data, 11) == 118_800


def test_bound_stays_valid_when_stopped_after_one_iteration(nrw_reference: Reference):
    """The Lagrangian bound of the first (empty) restricted master is weak but valid."""
    data = build_problem(one_site_two_sixes(1_488), nrw_reference)
    coverage = ConfigurationLP(data).coverage(time_limit_s=0)
    assert coverage.iterations == 1 and not coverage.converged
    assert coverage.bound >= 11

    rich = build_problem(one_site_two_sixes(10_000), nrw_reference)
    cost = ConfigurationLP(rich).cost(12, time_limit_s=0)
    assert cost.bound <= 213_600


def test_columns_are_configurations(nrw_reference: Reference):
    """Every column found keeps caps and participant ranges and prices its event exactly."""
    data = build_problem(one_site_two_sixes(10_000), nrw_reference)
    lp = ConfigurationLP(data)
    lp.cost(12)
    assert lp.pool
    for col in lp.pool:
        assert lp.make_column(col.event, col.trainers, dict(col.seats)) == col
        expected = 90_000 * col.trainers + 2_400 * (col.participants + col.trainers)
        assert col.cost_cents == expected  # travel 0: the tandem lives at the site
    with pytest.raises(ValueError):
        lp.make_column(0, 1, {0: 6, 1: 6})  # 12 seats need two trainers (R11)
