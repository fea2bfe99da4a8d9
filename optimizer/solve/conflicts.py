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
from optimizer.solve.clock import infeasible_under, single_worker, solve_watched

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
    return int(solve_watched(single_worker(seconds, seed, tuning), model, cancel))


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
    infeasible, found = infeasible_under(model, literal, groups,
                                         single_worker(seconds, seed, tuning), cancel)
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
