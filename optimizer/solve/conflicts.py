"""Infeasibility explained: which groups of hard requirements leave no plan.

Called when a solve proved that the scenario's rules with all its requirement groups
(:func:`optimizer.model.requirements.requirement_groups`: locks, required sites, regional
minimums) have no plan. The answer is structured (:class:`optimizer.domain.plan.Conflict`:
kind and key of each group, and how far the set is proven); the German words for planners
are :mod:`optimizer.report.conflicts_de`'s.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from ortools.sat.python import cp_model

from optimizer.domain.options import CancelToken, Tuning
from optimizer.domain.plan import Conflict, ConflictsProof
from optimizer.domain.problem import ProblemData
from optimizer.model.constraints import add_master
from optimizer.model.requirements import Group, add_group, requirement_groups
from optimizer.model.variables import create_variables
from optimizer.solve.clock import solve_watched

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Explanation:
    """Groups that conflict. ``alone``: each group on its own has no plan (the groups are
    separate explanations). Otherwise the groups conflict together, and ``minimal`` says
    that dropping any one of them was proved to leave a plan (False when a test did not
    finish in time)."""

    groups: list[Group]
    minimal: bool
    alone: bool = False

    @property
    def conflicts(self) -> list[Conflict]:
        """The groups as the plan names them (``Plan.conflicts``)."""
        return [Conflict(kind=g.kind, key=g.key) for g in self.groups]

    @property
    def proof(self) -> ConflictsProof:
        """How far the set is proven (``Plan.conflicts_proof``)."""
        return "alone" if self.alone else "minimal" if self.minimal else "unproven"


def _solver(seconds: float, seed: int, tuning: Tuning) -> cp_model.CpSolver:
    """One worker (assumption cores need it; the answer depends only on the data), on
    deterministic time with the wall-clock safety net."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = max(seconds, 0.1)
    solver.parameters.max_time_in_seconds = tuning.wall_safety * max(seconds, 0.1)
    return solver


def _infeasible_under(
    model: cp_model.CpModel, literal: dict[Group, cp_model.IntVar], groups: list[Group],
    seconds: float, seed: int, tuning: Tuning, cancel: CancelToken | None,
) -> tuple[bool, list[Group]]:
    """Solve assuming ``groups``: (proved infeasible, CP-SAT's core among them)."""
    model.clear_assumptions()
    model.add_assumptions([literal[g] for g in groups])
    solver = _solver(seconds, seed, tuning)
    if solve_watched(solver, model, cancel) != cp_model.INFEASIBLE:
        return False, groups
    by_index = {literal[g].index: g for g in groups}
    core = [by_index[j] for j in solver.sufficient_assumptions_for_infeasibility()
            if j in by_index]
    return True, core or groups


def _status_with(
    data: ProblemData, groups: list[Group], seconds: float, seed: int, tuning: Tuning,
    cancel: CancelToken | None,
) -> int:
    """CP-SAT status of the date-free rules plus ``groups`` as plain requirements (no
    enforcement literals, so the LP relaxation is as strong as in the solve itself)."""
    model = cp_model.CpModel()
    v = create_variables(model, data)
    add_master(model, data, v)
    for group in groups:
        add_group(model, data, v, group)
    return int(solve_watched(_solver(seconds, seed, tuning), model, cancel))


def _assumption_core(
    data: ProblemData, groups: list[Group], seconds: float, seed: int, tuning: Tuning,
    cancel: CancelToken | None,
) -> list[Group]:
    """CP-SAT's assumption core among ``groups`` (one enforcement literal per group), or all
    of them if it was not proved in ``seconds``."""
    model = cp_model.CpModel()
    v = create_variables(model, data)
    add_master(model, data, v)
    literal = {g: model.new_bool_var(f"group[{i}]") for i, g in enumerate(groups)}
    for group, lit in literal.items():
        add_group(model, data, v, group, lit)
    infeasible, found = _infeasible_under(model, literal, groups, seconds, seed, tuning, cancel)
    return found if infeasible else groups


def explain_infeasible(
    data: ProblemData, seconds: float, seed: int = 0, *, tuning: Tuning | None = None,
    cancel: CancelToken | None = None,
) -> Explanation | None:
    """Name the requirement groups that leave no plan (called when the solve proved that
    all of them together have none).

    1. Each group alone (a plain model each): the groups that have no plan on their own are
       the answer (each a minimal conflict; the rules alone always have a plan, hold nothing).
    2. Otherwise CP-SAT's assumption core (one enforcement literal per group) narrows the set,
       and a deletion pass drops every group whose removal leaves the rest infeasible.
    Tests use plain models where possible: enforcement literals weaken the LP, which on the NRW
    scenario makes proofs slow. Within ``seconds`` (CP-SAT's deterministic clock) a group whose
    test does not finish is kept, so the set always conflicts; ``minimal`` then is False (as
    after ``cancel``). ``None`` when there are no groups.
    """
    tuning = tuning or Tuning()
    groups = requirement_groups(data)
    if not groups:
        return None
    if len(groups) > 1:
        step = max(tuning.conflicts_alone_share * seconds / len(groups),
                   tuning.conflicts_min_step_s)
        alone = [g for g in groups
                 if _status_with(data, [g], step, seed, tuning, cancel) == cp_model.INFEASIBLE]
        if alone:
            log.info("groups without a plan on their own: %s", [str(g) for g in alone])
            return Explanation(alone, minimal=True, alone=True)
    core = groups
    if len(groups) > 1:
        core = _assumption_core(data, groups, tuning.conflicts_core_share * seconds, seed,
                                tuning, cancel)
    budget = tuning.conflicts_deletion_share * seconds
    minimal = True
    for group in list(core):
        if len(core) == 1:
            break
        trial = [g for g in core if g != group]
        step = max(budget / len(core), tuning.conflicts_min_step_s)
        status = _status_with(data, trial, step, seed, tuning, cancel)
        if status == cp_model.INFEASIBLE:
            core = trial
        elif status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            minimal = False  # not decided in time: kept, so the set still conflicts
        budget -= step
    log.info("conflicting groups (%s): %s", "minimal" if minimal else "not proved minimal",
             [str(g) for g in core])
    return Explanation(core, minimal)
