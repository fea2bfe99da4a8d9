"""The one place where solver values become a :class:`Plan` (the plan.json schema).

Costs in the plan are recomputed from the chosen events and :class:`ProblemData` (not read
off the objective), so a plan always states what it really costs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from optimizer.domain.options import STAGE_COST, STAGE_COVERAGE
from optimizer.domain.plan import (
    Assignment,
    Bound,
    EventCost,
    Gap,
    Objective,
    Plan,
    PlannedEvent,
    RegionCoverage,
    StageReport,
    Totals,
)
from optimizer.domain.problem import ProblemData
from optimizer.domain.scenario import SolverSettings
from optimizer.model.requirements import region_minimums
from optimizer.model.variables import Variables
from optimizer.solve.stage import StageResult, solve_options

_STATUS: dict[int, str] = {
    int(cp_model.OPTIMAL): "OPTIMAL",
    int(cp_model.FEASIBLE): "FEASIBLE",
    int(cp_model.INFEASIBLE): "INFEASIBLE",
    int(cp_model.MODEL_INVALID): "UNKNOWN",
    int(cp_model.UNKNOWN): "UNKNOWN",
}


def _eur(cents: int) -> float:
    return round(cents / 100, 2)


def _stage(stages: list[StageResult], name: str) -> StageResult | None:
    return next((s for s in stages if s.name == name), None)


def _plan_status(stages: list[StageResult]) -> str:
    """OPTIMAL only when every stage ran to a proven optimum, the cost stage included;
    UNKNOWN when no stage ran (a solve cancelled before its first stage)."""
    if not stages:
        return "UNKNOWN"
    if (all(s.status == int(cp_model.OPTIMAL) for s in stages)
            and _stage(stages, STAGE_COST) is not None):
        return "OPTIMAL"
    if any(s.values is not None for s in stages):
        return "FEASIBLE"
    return _STATUS[stages[0].status]


@dataclass
class _Content:
    """The plan's events and assignments, and their costs in cents (R13–R15)."""

    events: list[PlannedEvent] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    fees: int = 0
    travel: int = 0
    catering: int = 0

    @property
    def total(self) -> int:
        return self.fees + self.travel + self.catering

    @property
    def covered(self) -> int:
        return sum(a.members for a in self.assignments)


def _content(data: ProblemData, v: Variables, final: StageResult) -> _Content:
    """Events (trainers educator first, R10), assignments and exact costs of the held events
    of ``final``, recomputed from the data (R13 fees, R14 travel by the slot's kind, R15
    catering)."""
    values = final.values or {}
    slots = final.slots or {}

    def val(var: cp_model.IntVar) -> int:
        return values.get(var.index, 0)

    trainers, sites, councils = data.trainers, data.sites, data.councils
    out = _Content()
    for e, cand in enumerate(data.events):
        if not val(v.held[e]):
            continue
        slot = data.slots[slots[e]]
        staff = sorted(
            (k for k in cand.trainer_idcs if val(v.teaches[k, e])),
            key=lambda k: (trainers[k].role != "educator", trainers[k].trainer_id),
        )
        table = data.travel_consec if slot.consecutive else data.travel_week
        travel_by_trainer = [table[k][e] for k in staff]
        participants = val(v.participants[e])
        e_fees = data.fee_per_event_trainer_cents * len(staff)
        e_catering = data.catering_per_person_cents * (participants + len(staff))
        e_travel = sum(travel_by_trainer)
        out.fees, out.travel, out.catering = (
            out.fees + e_fees, out.travel + e_travel, out.catering + e_catering)
        event_id = cand.event_id(sites)
        out.events.append(PlannedEvent(
            event_id=event_id,
            site_id=sites[cand.site_idx].site_id,
            module=cand.module,
            days=[slot.day1, slot.day2],
            participants=participants,
            trainer_ids=[trainers[k].trainer_id for k in staff],
            cost_eur=EventCost(fees=_eur(e_fees), travel=_eur(e_travel),
                               catering=_eur(e_catering),
                               total=_eur(e_fees + e_travel + e_catering)),
            travel_eur_by_trainer=[_eur(t) for t in travel_by_trainer],
        ))
        for c in cand.council_idcs:
            members = val(v.seats[c, e])
            if members:
                out.assignments.append(Assignment(
                    council_id=councils[c].council_id, event_id=event_id, members=members))
    out.events.sort(key=lambda ev: (ev.days[0], ev.event_id))
    out.assignments.sort(key=lambda a: (a.event_id, a.council_id))
    return out


def _bounds(
    data: ProblemData, stages: list[StageResult], total: int, cost_floor: int | None,
) -> tuple[Bound, Gap, int | None]:
    """The proven bounds and gaps (coverage: the coverage stage's bound; cost: the cost
    stage's bound, raised to ``cost_floor`` but never above the plan's cost) and the weighted
    coverage of the coverage stage."""
    plain = data.scenario.objective.is_plain
    coverage = _stage(stages, STAGE_COVERAGE) or (stages[0] if stages else None)
    weighted = (round(coverage.objective)
                if coverage is not None and coverage.objective is not None else None)
    cov_bound = (math.floor(coverage.bound + 1e-6)
                 if coverage is not None and coverage.bound is not None else None)
    cost_stage = _stage(stages, STAGE_COST)
    cost_bound = (
        math.ceil(cost_stage.bound - 1e-6)
        if cost_stage is not None and cost_stage.bound is not None else None
    )
    if cost_bound is not None and cost_floor is not None:
        cost_bound = min(max(cost_bound, cost_floor), total)
    if cost_bound is not None and cost_stage is not None and cost_stage.status == cp_model.OPTIMAL:
        cost_bound = total
    gap = Gap(
        covered_seats=(
            None if cov_bound is None or weighted is None
            else round((cov_bound - weighted) / max(cov_bound, 1), 6)
        ),
        total_cost_eur=(
            None if cost_bound is None else round((total - cost_bound) / max(total, 1), 6)
        ),
    )
    bound = Bound(
        covered_seats=cov_bound if plain else None,
        weighted_coverage=None if plain else cov_bound,
        total_cost_eur=None if cost_bound is None else _eur(cost_bound),
    )
    return bound, gap, weighted


def build_plan(
    data: ProblemData,
    v: Variables,
    stages: list[StageResult],
    final: StageResult,
    options: SolverSettings,
    seconds: float,
    cost_floor: int | None = None,
) -> Plan:
    """Turn the best stage's values into events, assignments, totals, bounds and gaps.

    ``options``: what the plan was made with (seed, workers, time limit and the tuning are
    recorded; a plain ``SolverSettings`` records the default tuning)."""
    options = solve_options(options)
    content = _content(data, v, final)
    covered, total = content.covered, content.total
    bound, gap, weighted = _bounds(data, stages, total, cost_floor)
    return Plan(
        scenario=data.scenario.name,
        status=_plan_status(stages),  # type: ignore[arg-type]
        objective=Objective(covered_seats=covered, total_cost_eur=_eur(total),
                            weighted_coverage=None if data.scenario.objective.is_plain
                            else weighted),
        bound=bound,
        gap=gap,
        solve_seconds=round(seconds, 3),
        seed=options.seed,
        workers=options.workers,
        time_limit_s=options.time_limit_s,
        solver=f"CP-SAT {_ortools_version()}",
        tuning=options.tuning.model_dump(mode="json"),
        stages=[StageReport(name=s.name, status=_STATUS[s.status], objective=s.objective,
                            bound=s.bound, seconds=round(s.seconds, 3), cuts=s.cuts)
                for s in stages],
        events=content.events,
        assignments=content.assignments,
        totals=Totals(events=len(content.events), covered_seats=covered,
                      fees_eur=_eur(content.fees), travel_eur=_eur(content.travel),
                      catering_eur=_eur(content.catering), total_cost_eur=_eur(total),
                      budget_eur=data.scenario.budget_eur),
        regions=_regions(data, content.assignments),
    )


def _regions(data: ProblemData, assignments: list[Assignment]) -> list[RegionCoverage]:
    """Coverage per Regierungsbezirk of the councils (wanted, reachable, covered, minimum)."""
    if not data.council_region:
        return []
    region_of = {c.council_id: data.council_region[i] for i, c in enumerate(data.councils)}
    wanted: dict[str, int] = dict.fromkeys(data.region_reachable, 0)
    covered: dict[str, int] = dict.fromkeys(data.region_reachable, 0)
    for i, council in enumerate(data.councils):
        wanted[data.council_region[i]] += council.interested_m1 + council.interested_m2
    for a in assignments:
        covered[region_of[a.council_id]] += a.members
    minimums = region_minimums(data)
    return [
        RegionCoverage(regierungsbezirk=region, wanted=wanted[region],
                       reachable=data.region_reachable[region], covered=covered[region],
                       minimum=minimums.get(region, 0))
        for region in data.region_reachable
    ]


def _ortools_version() -> str:
    import ortools

    return str(getattr(ortools, "__version__", "unknown"))
