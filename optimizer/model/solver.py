"""Lexicographic CP-SAT solve (R17): maximise covered seats, then minimise cost.

Model
-----
For every candidate event ``e`` (site ``s(e)``, module ``m(e)``), council ``c`` in its
catchment and trainer ``k`` teaching ``m(e)``::

    held_e, two_e, attends_ce, teaches_ke ∈ {0,1};  seats_ce ∈ [0, min(interest_cm, 20)]
    participants_e = Σ_c seats_ce
    lo1·(held_e − two_e) + lo2·two_e ≤ participants_e ≤ hi1·(held_e − two_e) + hi2·two_e  (R6, R11)
    Σ_k teaches_ke = held_e + two_e;  two_e ≤ Σ_{k∈role} teaches_ke ≤ held_e           (R10, R11)
    Σ_{e∈m} seats_ce ≤ interest_cm;  Σ_{e∈m} attends_ce ≤ max_events_per_council_module   (R8)
    Σ_{e∈M2} seats_ce ≤ Σ_{e∈M1} seats_ce + trained_c;  date gaps at sites and councils (R5)
    Σ_e teaches_ke ≤ max_events_k;  no-overlap of k's seminar days; slots k is free   (R12)
    slot_e ∈ allowed slots of s(e); (slot, day1, day2, consecutive) from the slot table (R1, R2)
    cost = Σ_e [fee·(held_e+two_e) + cater·(participants_e+held_e+two_e)] + Σ_ke travel_ke  (R13–R15)
    cost ≤ budget                                                                        (R16)

Stage 1 maximises ``Σ w_m(e)·seats_ce (+ bonus·both_s)``; stage 2 fixes that value, starts
from stage 1's plan as a complete hint and minimises ``cost``.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from optimizer.domain.plan import Plan
from optimizer.domain.scenario import SolverSettings
from optimizer.model.constraints import add_all, coverage_expr
from optimizer.model.extract import build_plan
from optimizer.model.variables import Variables, create_variables
from optimizer.problem import ProblemData

log = logging.getLogger(__name__)

#: progress(stage, objective, bound, seconds since the solve started)
ProgressFn = Callable[[str, float, float, float], None]

STAGE_COVERAGE = "coverage"
STAGE_COST = "cost"


@dataclass
class StageResult:
    name: str
    status: int
    objective: float | None
    bound: float | None
    seconds: float
    values: dict[int, int] | None  # variable index -> value of the best solution


class _Progress(cp_model.CpSolverSolutionCallback):
    """Forwards improving solutions and bounds of one stage to a progress function."""

    def __init__(self, stage: str, started: float, progress: ProgressFn | None):
        super().__init__()
        self._stage, self._started, self._progress = stage, started, progress
        self.last_bound: float | None = None
        self.last_objective: float | None = None

    def on_solution_callback(self) -> None:
        self.last_objective = self.objective_value
        self.last_bound = self.best_objective_bound
        self._emit()

    def on_bound(self, bound: float) -> None:
        self.last_bound = bound
        if self.last_objective is not None:
            self._emit()

    def _emit(self) -> None:
        if self._progress is not None and self.last_objective is not None:
            self._progress(
                self._stage, self.last_objective, self.last_bound or self.last_objective,
                time.perf_counter() - self._started,
            )


def _parameters(settings: SolverSettings, seconds: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.max_time_in_seconds = max(seconds, 0.1)
    params.num_workers = settings.workers or os.cpu_count() or 1
    params.random_seed = settings.seed
    # Deterministic single-worker runs need a deterministic search (same seed -> same plan).
    params.log_search_progress = False
    return solver


def _run_stage(
    model: cp_model.CpModel, name: str, settings: SolverSettings, seconds: float,
    started: float, progress: ProgressFn | None,
) -> StageResult:
    solver = _parameters(settings, seconds)
    callback = _Progress(name, started, progress)
    solver.best_bound_callback = callback.on_bound
    t0 = time.perf_counter()
    status = solver.solve(model, callback)
    seconds_used = time.perf_counter() - t0
    has_solution = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    values = None
    if has_solution:
        values = {i: int(solver.value(model.get_int_var_from_proto_index(i)))
                  for i in range(len(model.proto.variables))}
    log.info("stage %s: %s in %.2fs", name, solver.status_name(status), seconds_used)
    return StageResult(
        name=name,
        status=status,
        objective=solver.objective_value if has_solution else None,
        bound=solver.best_objective_bound if has_solution or status == cp_model.UNKNOWN else None,
        seconds=seconds_used,
        values=values,
    )


def build_model(data: ProblemData) -> tuple[cp_model.CpModel, Variables, cp_model.LinearExpr]:
    """The CP-SAT model with every rule (R1–R16); returns model, variables, cost in cents."""
    model = cp_model.CpModel()
    variables = create_variables(model, data)
    cost = add_all(model, data, variables)
    return model, variables, cost


def solve(
    data: ProblemData,
    settings: SolverSettings | None = None,
    progress: ProgressFn | None = None,
) -> Plan:
    """Solve lexicographically within ``settings.time_limit_s`` and return the plan."""
    settings = settings or data.scenario.solver
    started = time.perf_counter()
    model, v, cost = build_model(data)
    weighted, _plain = coverage_expr(data, v)
    build_seconds = time.perf_counter() - started
    log.info("model built in %.2fs: %s", build_seconds, _stats(model))

    limit = settings.time_limit_s
    model.maximize(weighted)
    stage1 = _run_stage(model, STAGE_COVERAGE, settings, 0.7 * limit - build_seconds,
                        started, progress)
    stages = [stage1]
    final = stage1
    if stage1.values is not None:
        best = round(stage1.objective or 0)
        model.add(weighted >= best)
        model.clear_hints()
        for i, value in stage1.values.items():
            model.add_hint(model.get_int_var_from_proto_index(i), value)
        model.minimize(cost)
        remaining = limit - (time.perf_counter() - started)
        stage2 = _run_stage(model, STAGE_COST, settings, max(remaining, 0.1 * limit),
                            started, progress)
        stages.append(stage2)
        if stage2.values is not None:
            final = stage2
    return build_plan(
        data, v, stages, final, settings, seconds=time.perf_counter() - started
    )


def _stats(model: cp_model.CpModel) -> str:
    proto = model.proto
    return f"{len(proto.variables)} variables, {len(proto.constraints)} constraints"
