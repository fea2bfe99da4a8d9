"""Regional neighbourhood search: re-solve one region with the rest of the plan fixed.

Why: on the default scenario a 2-worker coverage search often settles a few seats below the
proven optimum (1,474 or 1,477 of 1,479) and does not leave that plan in the stage's time.
The missing seats sit in one region (in the runs measured, the Städteregion Aachen: its
councils share few sites, and the optimum packs them differently). CP-SAT's own large
neighbourhoods are random; freeing the events of one region and fixing the rest of the plan
is the neighbourhood a planner would try, and CP-SAT solves it to optimality in well under a
second (1,477 → 1,479 in 0.06 s with the Kreis free, 0.84 s with its Regierungsbezirk).

A region is given by the first digits of the AGS (``Tuning.region_digits``): the Kreise,
then (in NRW) the five Regierungsbezirke. An event is free if its site or a council of its
catchment lies in the region; every variable of the other events (held, trainer count,
participants, slot kind, seats, attendance, trainers) keeps its value. Everything not tied
to one event (the R4 bonus flags, the Benders cuts, the budget, trainer loads) stays in the
model, so each sub-solution is a solution of the whole master. Regions are tried by the
seats they leave uncovered that their councils could take, most first; a sub-solution must
improve the objective strictly.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict

from ortools.sat.python import cp_model

from optimizer.domain.options import CancelToken, Tuning
from optimizer.domain.problem import ProblemData
from optimizer.model.variables import Variables
from optimizer.solve.clock import Clock, solve_watched

log = logging.getLogger(__name__)


def objective_value(model: cp_model.CpModel, values: dict[int, int]) -> int:
    """The model's internal objective (always minimised, without offset or scaling) at a
    complete solution given as variable index -> value."""
    objective = model.proto.objective
    return sum(c * values[i] for i, c in zip(objective.vars, objective.coeffs, strict=True))


def solve_fixed(
    model: cp_model.CpModel, fixed: dict[int, int], hint: dict[int, int], incumbent: int,
    solver: cp_model.CpSolver, cancel: CancelToken | None = None,
) -> dict[int, int] | None:
    """Solve a copy of ``model`` with the variables ``fixed`` (index -> value, through their
    domains) and the objective strictly better than ``incumbent`` (internal, minimised form:
    :func:`objective_value`), from ``hint``, by ``solver`` (its status tells the outcome;
    ``cancel`` stops it). Returns the complete solution (variable index -> value), or
    ``None``."""
    sub = model.clone()
    sub.clear_hints()
    for index, value in fixed.items():
        domain = sub.proto.variables[index].domain
        domain.clear()
        domain.extend([value, value])
    objective = sub.proto.objective
    sub.add(sum(c * sub.get_int_var_from_proto_index(j)
                for j, c in zip(objective.vars, objective.coeffs, strict=True)) <= incumbent - 1)
    for index, value in hint.items():
        sub.add_hint(sub.get_int_var_from_proto_index(index), value)
    if solve_watched(solver, sub, cancel) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return {j: int(solver.value(sub.get_int_var_from_proto_index(j)))
            for j in range(len(sub.proto.variables))}


def regions_by_deficit(data: ProblemData, v: Variables, values: dict[int, int],
                       digits: int) -> list[str]:
    """Region keys (the first ``digits`` of the AGS) by the seats the solution leaves
    uncovered that a council could take (its interest per module, at most what its events
    can hold: ``max_participants`` per event it may attend, R6, R8); most first, ties by
    key; regions with none are left out."""
    rules = data.scenario.rules
    most = rules.max_participants * rules.max_events_per_council_module
    covered: dict[tuple[int, int], int] = defaultdict(int)
    for (c, e), var in v.seats.items():
        covered[c, data.events[e].module] += values[var.index]
    deficit: dict[str, int] = defaultdict(int)
    for c, council in enumerate(data.councils):
        for m in (1, 2):
            deficit[council.ags[:digits]] += max(
                min(data.interest[c][m - 1], most) - covered[c, m], 0)
    return sorted((r for r, d in deficit.items() if d > 0), key=lambda r: (-deficit[r], r))


def event_variables(data: ProblemData, v: Variables, e: int) -> list[cp_model.IntVar]:
    """Every variable that belongs to candidate event ``e`` alone."""
    event = data.events[e]
    out = [v.held[e], v.two[e], v.participants[e], v.consecutive[e]]
    out += [v.seats[c, e] for c in event.council_idcs]
    out += [v.attends[c, e] for c in event.council_idcs]
    out += [v.teaches[k, e] for k in event.trainer_idcs]
    out += [v.teaches_consec[k, e] for k in event.trainer_idcs if (k, e) in v.teaches_consec]
    return out


def free_events(data: ProblemData, region: str) -> set[int]:
    """Candidate events whose site or a catchment council lies in ``region``."""
    return {
        e for e, event in enumerate(data.events)
        if data.sites[event.site_idx].ags.startswith(region)
        or any(data.councils[c].ags.startswith(region) for c in event.council_idcs)
    }


def improve_by_region(
    model: cp_model.CpModel, data: ProblemData, v: Variables, values: dict[int, int],
    seconds: float, clock: Clock, tuning: Tuning, target: float | None = None,
) -> dict[int, int] | None:
    """Re-solve region after region of the model's current objective with the other events
    fixed at ``values``; the improved complete solution, or ``None`` if no region improved
    it within ``seconds``. Stops early when the objective (in the model's units) reaches
    ``target`` (the stage's proven bound), and when the clock's cancel token is cancelled.
    Its solvers run on the caller's ``clock``; regions by ``tuning.region_digits``."""
    deadline = time.perf_counter() + seconds
    best, improved, reached = dict(values), False, False
    while not reached:  # passes over the regions while one of them improves the plan
        regions = [r for digits in tuning.region_digits
                   for r in regions_by_deficit(data, v, best, digits)]
        found, reached = _one_pass(model, data, v, best, regions, deadline, clock, target)
        if found is None:
            break
        best, improved = found, True
    return best if improved else None


def _one_pass(
    model: cp_model.CpModel, data: ProblemData, v: Variables, values: dict[int, int],
    regions: list[str], deadline: float, clock: Clock, target: float | None,
) -> tuple[dict[int, int] | None, bool]:
    """One pass of :func:`improve_by_region`: (the improved solution or ``None``, whether it
    reached ``target``)."""
    best, improved = values, False
    for i, region in enumerate(regions):
        left = deadline - time.perf_counter()
        if left <= 0.05 or clock.cancelled:
            break
        free = free_events(data, region)
        if not free:
            continue
        fixed = {var.index: best[var.index] for e in range(data.num_events) if e not in free
                 for var in event_variables(data, v, e)}
        solver = clock.solver(left / (len(regions) - i))
        found = solve_fixed(model, fixed, best, objective_value(model, best), solver,
                            clock.cancel)
        clock.charge(solver)
        log.info("region %s (%d events free): %s in %.2fs", region, len(free),
                 solver.response_proto.status.name, solver.wall_time)
        if found is None:
            continue
        best = found
        improved = True
        if target is not None and solver.objective_value >= target - 1e-9:
            return best, True
    return (best if improved else None), False
