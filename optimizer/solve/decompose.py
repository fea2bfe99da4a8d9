"""Decomposition by Land: a start for scenarios that span several Länder (issue 6, scale).

Why
---
One CP-SAT model of four NRW-sized Länder (the 4× benchmark instance: 99,000 variables)
needs about a minute before its first own solution, and the configuration warm start's
column generation does not converge in the time (it needs about 290 s there). A national
programme is planned Land by Land anyway: councils attend seminars near home, and trainers
work mostly in their own Land.

How
---
:func:`land_parts` splits the scenario by the Land key (the first two digits of the AGS):

* a council belongs to the Land of its municipality;
* a site to the Land of its partner council (so the partner is always in the part; R9),
  else of its own municipality;
* a trainer to the Land of their home (one part each: the parts' plans never share a
  trainer, so their calendars never collide, R12);
* the budget is split in proportion to the parts' wanted seats (interest in both modules),
  rounded down to whole cents, so the parts together never exceed it (R16).

Each part is solved as a scenario of its own by the same lexicographic planner, coverage
stage only (:func:`optimizer.solve.pipeline.solve`, with the whole solve's options and
cancel token), with a share of the time in proportion to its councils. The union of the part
plans is a plan of the whole scenario: every rule is local to a part (R3–R9 and R11 by site
and council, R10/R12 by trainer, the calendar by site, council and trainer) except the
budget, which the split keeps. It is dated (each part's calendar) and is handed to the whole
model as a complete hint; the whole model then moves what the split forbade (a council
across a Land border, a trainer in a neighbouring Land, budget between Länder) and minimises
the cost.

Only in a plain run (no locks, required sites, regional minimums, previous plan or extra
requirements: none of them is split here) and only with at least two parts.
"""

from __future__ import annotations

import functools
import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from optimizer.domain.options import CancelToken, Progress, ProgressFn, SolveOptions
from optimizer.domain.plan import Plan
from optimizer.domain.problem import ProblemData, build_problem
from optimizer.domain.scenario import Scenario, SolverSettings
from optimizer.model.requirements import Baseline, baseline, previous_hint
from optimizer.model.variables import Variables

log = logging.getLogger(__name__)

#: solve_part(part data, options, progress) -> the part's plan (coverage stage only)
PartSolver = Callable[[ProblemData, SolveOptions, ProgressFn], Plan]
#: progress(weighted coverage of the parts planned so far, the part solve's progress event)
UnionProgress = Callable[[float, Progress], None]


@dataclass(frozen=True)
class Part:
    """The councils, sites and trainers of one Land, and its share of the budget."""

    land: str  # the first two digits of the AGS
    council_ids: frozenset[str]
    site_ids: frozenset[str]
    trainer_ids: frozenset[str]
    budget_cents: int


def _land(ags: str) -> str:
    return ags[:2]


def _silent(event: Progress) -> None:
    """No progress display for a part."""


def land_parts(scenario: Scenario, budget_cents: int) -> list[Part]:
    """The scenario's parts by Land (module docstring), in order of the Land key."""
    council_land = {c.council_id: _land(c.ags) for c in scenario.councils}
    site_land = {
        s.site_id: council_land.get(s.partner_council_id or "", _land(s.ags))
        for s in scenario.sites
    }
    trainer_land = {t.trainer_id: _land(t.home_ags) for t in scenario.trainers}
    wanted: Counter[str] = Counter()
    for c in scenario.councils:
        wanted[council_land[c.council_id]] += c.interested_m1 + c.interested_m2
    lands = sorted(set(council_land.values()))
    total = sum(wanted.values())
    parts = []
    for land in lands:
        share = wanted[land] / total if total else 1 / len(lands)
        parts.append(Part(
            land=land,
            council_ids=frozenset(k for k, v in council_land.items() if v == land),
            site_ids=frozenset(k for k, v in site_land.items() if v == land),
            trainer_ids=frozenset(k for k, v in trainer_land.items() if v == land),
            budget_cents=int(share * budget_cents),
        ))
    return parts


def part_scenario(scenario: Scenario, part: Part, settings: SolverSettings) -> Scenario:
    """The scenario of one part: its councils, sites, trainers and budget share (and the
    scenario's solver section of ``settings``: time limit, workers, seed)."""
    settings = SolverSettings.model_validate(
        {name: getattr(settings, name) for name in SolverSettings.model_fields})
    return scenario.model_copy(update={
        "name": f"{scenario.name} [Land {part.land}]",
        "budget_eur": part.budget_cents / 100,
        "councils": tuple(c for c in scenario.councils if c.council_id in part.council_ids),
        "sites": tuple(s for s in scenario.sites if s.site_id in part.site_ids),
        "trainers": tuple(t for t in scenario.trainers if t.trainer_id in part.trainer_ids),
        "solver": settings,
    })


@dataclass
class UnionPlan:
    """The part plans together, in the whole scenario's variables."""

    hint: dict[cp_model.IntVar, int]
    slots: dict[int, int]  # candidate event -> slot index
    seats: int
    parts: int  # parts with a plan


def solve_by_land(
    data: ProblemData, v: Variables, parts: list[Part], options: SolveOptions,
    seconds: float, solve_part: PartSolver, progress: UnionProgress | None = None,
    cancel: CancelToken | None = None,
) -> UnionPlan | None:
    """Solve every part within ``seconds`` in all and join their plans (``None`` if no part
    has a plan). Each part is solved with ``options`` and its share of the time; no part
    starts once ``cancel`` is cancelled."""
    deadline = time.perf_counter() + seconds
    size = {p.land: len(p.council_ids) for p in parts}
    joined = Baseline()
    seats = solved = weighted = 0
    for i, part in enumerate(parts):
        left = deadline - time.perf_counter()
        share = size[part.land] / max(sum(size[p.land] for p in parts[i:]), 1)
        if cancel is not None and cancel.cancelled:
            break
        if not part.council_ids or left <= 0:
            continue
        part_options = options.model_copy(update={"time_limit_s": max(left * share, 1.0)})
        sub = part_scenario(data.scenario, part, part_options)
        assert data.reference is not None  # built by build_problem
        done = float(weighted)
        plan = solve_part(build_problem(sub, data.reference), part_options,
                          functools.partial(progress, done) if progress else _silent)
        log.info("Land %s: %d councils, %d seats, %s", part.land, len(part.council_ids),
                 plan.objective.covered_seats, plan.status)
        if not plan.events:
            continue
        base = baseline(data, v, plan)
        if base.constant:  # cannot happen: every part decision exists in the whole
            raise RuntimeError(f"Land {part.land}: the part plan does not map onto the whole")
        joined.held |= base.held
        joined.teaches |= base.teaches
        joined.attends.update(base.attends)
        joined.slot.update(base.slot)
        seats += plan.objective.covered_seats
        weighted += plan.objective.weighted_coverage or plan.objective.covered_seats
        solved += 1
    if not solved:
        return None
    hint = previous_hint(data, v, joined)
    slots = {e: t for e, t in joined.slot.items() if t is not None}
    return UnionPlan(hint=hint, slots=slots, seats=seats, parts=solved)
