"""Why-not explanations: why a council's wanted seats are not (all) in a plan, and what serving
it would cost the others (issue 5, item 3).

A *shortfall* is one council and one module where the plan gives the council fewer seats than
its interested members (``interested_m1`` / ``interested_m2``). Each shortfall gets exactly one
reason, the first of this list that applies (the precedence order; codes are stable):

1. ``kein-standort`` (R7, R9, R2): no site in the council's catchment can hold any event – no
   site there at all, or only sites without VHS interest, without partner council, or with
   every date blocked.
2. ``modul1-fehlt`` / ``obergrenze`` (R5b, R6, R8): the plan already gives the council all it
   can ever get – its servable demand (below) is covered. ``modul1-fehlt`` when module 2 is
   capped by R5(b) (module-1 interest plus ``trained_m1``), ``obergrenze`` when capped by
   ``max_participants × max_events_per_council_module``.
3. ``zu-wenige`` / ``kein-trainer`` (R6, R12) – from the data alone: no candidate event of the
   module includes the council. ``kein-trainer`` if at some eligible site of its catchment
   the interested members could reach ``min_participants`` but no trainer teaching the module
   is ever free on the site's dates; else ``zu-wenige``: at every eligible site, all
   interested members of all councils allowed to attend it stay below ``min_participants``
   (the site reasons of the pre-solve finding ``council-not-served``, reused from
   :mod:`optimizer.checks.presolve`).
4. ``modul1-fehlt`` (R5b) – in the plan: module 2, and the council's module-2 seats already
   equal its module-1 seats in the plan plus ``trained_m1``.
5. ``kapazitaet`` (R3, R6) – in the plan: every candidate event of the module that the council
   may attend is held and full (``max_participants`` of other councils, or of others and
   the council's own part); one event per module and site, so there is no seat for it there.
6. ``kein-trainer`` (R10–R12) – in the plan: every candidate event the council may attend is
   full, or not held and no trainer teaching the module is free for it (every such trainer
   is at ``max_events``, unavailable or already teaching on both days of every free slot of
   the site), or held with a free seat that would make it need a second trainer
   (``two_trainer_min``) of the other role whom nobody can be on its days; at least one is
   blocked by trainers (else 5).

   Checks 4–6 hold the rest of the plan fixed; they say what stands in the way *in this
   plan*. When none applies, two solves decide (``explain`` with forced solves):
7. ``budget`` (R16): the cheapest plan that serves the council *in addition* – everybody
   else keeps exactly their seats, the budget is lifted – costs more than the budget; or no
   plan serves it within the budget while one does without a budget.
8. ``nicht-optimal``: that additional plan fits the budget, or the forced plan covers more
   seats than the plan (or as many for less money) – the plan was not optimal, and this
   overrides checks 4–7, which only say what blocks the council *in this plan* (only a plan
   not proven optimal can show this).
9. ``abwaegung``: no plan serves the council without others losing seats (even with any
   budget), and the best plan serving it covers fewer seats or costs more (R17 chose the
   others).
10. ``nicht-planbar``: no plan serves it, with or without the budget (dates, tandems, R5).
11. ``unbekannt``: a solve needed here ended without an answer within its time limit;
    ``offen``: no solve was run (beyond ``--max``, or the short form after ``solve``).

"Serving it" means: the council gets its *servable demand* of the module, i.e. all
interested members, capped at ``max_participants × max_events_per_council_module`` (R6, R8)
and, for module 2, at module-1 interest plus ``trained_m1`` (R5b). Not "at least one seat":
a council asking why it has no seminar asks for its members, and a partial answer would only
move the question; and it is the unit in which coverage is counted (R17).

The consequence (a *forced solve*): the best plan under all rules and the budget with the
requirement "serve this council" (the lexicographic optimum, R17), compared with the plan –
change of covered seats (and the best change its proven bound allows), change of cost, and the
councils that would get fewer seats. Among several equally good plans the solver picks one,
so the losing councils are one choice of several possible. Forced solves run outside the main
solve, each with one CP-SAT worker and its own time limit (deterministic), in parallel over
``jobs`` processes, for at most ``max_solves`` shortfalls (most unmet seats first), starting
from the plan (:func:`optimizer.model.diagnose.start_from`); the three values are the
:class:`~optimizer.domain.options.ExplainOptions`.

With ``site_groups`` (the CLI passes each site's Regierungsbezirk) and more than one region,
the forced solve first re-plans only the regions of the council's possible events and keeps
the rest of the plan (:func:`optimizer.model.diagnose.keep_outside`); only if that cannot
serve it (budget and trainers are shared state-wide) does it re-plan the whole state. A
statewide forced solve of 10 s on the NRW scenario ends far from optimal (the main plan
needed 60 s and a warm start), so its change of seats says more about the solver than about
the council; a regional one is solved in seconds and names the councils nearby who would
give up seats – the answer planners can discuss. :attr:`Consequence.regions` says which.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import multiprocessing
import time
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from typing import Literal

from optimizer.checks.presolve import NO_TRAINER, PresolveChecks  # the pre-solve site reasons
from optimizer.domain.geography import Reference
from optimizer.domain.options import CancelToken, ExplainOptions
from optimizer.domain.plan import Plan
from optimizer.domain.problem import ProblemData
from optimizer.domain.scenario import MODULES, SolverSettings
from optimizer.model.cpmodel import ExtraConstraint
from optimizer.model.diagnose import (
    UNLIMITED_BUDGET_CENTS,
    fix_council_seats,
    held_events,
    keep_outside,
    plan_council_seats,
    serve_council,
    start_from,
)
from optimizer.solve.pipeline import solve

log = logging.getLogger(__name__)

KEIN_STANDORT = "kein-standort"
OBERGRENZE = "obergrenze"
MODUL1_FEHLT = "modul1-fehlt"
ZU_WENIGE = "zu-wenige"
KAPAZITAET = "kapazitaet"
KEIN_TRAINER = "kein-trainer"
BUDGET = "budget"
NICHT_OPTIMAL = "nicht-optimal"
ABWAEGUNG = "abwaegung"
NICHT_PLANBAR = "nicht-planbar"
UNBEKANNT = "unbekannt"
OFFEN = "offen"
#: Every reason code, in the precedence order of the module docstring.
REASONS = (KEIN_STANDORT, OBERGRENZE, MODUL1_FEHLT, ZU_WENIGE, KAPAZITAET, KEIN_TRAINER,
           BUDGET, NICHT_OPTIMAL, ABWAEGUNG, NICHT_PLANBAR, UNBEKANNT, OFFEN)

TaskKind = Literal["forced-local", "forced", "addition", "forced-unlimited"]
_FULL, _TRAINER = "full", "trainer"


@dataclass(frozen=True)
class Shortfall:
    """One council and module with fewer seats in the plan than interested members.

    ``target`` is the servable demand ("serving it", module docstring); ``reason`` the
    cheap reason (checks 1–6) or ``None`` when only solves can tell; ``site_ids`` the sites
    the reason refers to (catchment sites, or the candidate events' sites); ``servable``:
    the target exceeds the plan's seats and some candidate event includes the council.
    """

    council: int
    council_id: str
    module: int
    wanted: int
    covered: int
    target: int
    reason: str | None
    site_ids: tuple[str, ...] = ()
    servable: bool = False  # some plan could serve it: a forced solve makes sense
    module1_seats: int = 0  # the council's module-1 seats in the plan (R5b texts)

    @property
    def unmet(self) -> int:
        return self.wanted - self.covered



@dataclass(frozen=True)
class Consequence:
    """The forced solve: the best plan that serves the council, compared with the plan.

    ``delta_seats`` / ``delta_cost_eur``: forced plan minus plan. ``delta_seats_best``: the
    best change the forced solve's proven coverage bound allows (equal to ``delta_seats``
    when the forced plan's coverage is proven optimal). ``losers``: councils with fewer seats
    (summed over both modules), with how many fewer; ``gainers``: councils with more seats
    (the served council among them), with how many more. So ``sum(gainers) − sum(losers)``
    is ``delta_seats`` exactly: the table of what it would take adds up.
    """

    status: str
    served: bool
    regions: tuple[str, ...] = ()  # only these regions changed; () = the whole state
    covered_seats: int | None = None
    cost_eur: float | None = None
    delta_seats: int | None = None
    delta_seats_best: int | None = None
    delta_cost_eur: float | None = None
    losers: tuple[tuple[str, int], ...] = ()
    plan: Plan | None = None
    gainers: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Addition:
    """The cheapest plan serving the council while all others keep their seats, with an
    unlimited budget: its cost and how far it exceeds the budget (``None``: no such plan)."""

    status: str
    cost_eur: float | None = None
    over_budget_eur: float | None = None


@dataclass(frozen=True)
class Explanation:
    """A shortfall with its final reason and, if solved, its consequence."""

    shortfall: Shortfall
    reason: str
    consequence: Consequence | None = None
    addition: Addition | None = None


@dataclass(frozen=True)
class ExplainReport:
    """All explanations of a plan (councils in scenario order, module 1 before 2)."""

    explanations: list[Explanation]
    solved: int  # shortfalls with forced solves
    skipped: int  # shortfalls that a forced solve could clarify but were beyond max_solves
    time_limit_s: float
    seconds: float


# --- cheap reasons (checks 1–6) ------------------------------------------------------------


class _PlanState:
    """Lookups of one plan in the indices of the problem data."""

    def __init__(self, data: ProblemData, plan: Plan):
        self.seats = plan_council_seats(data, plan)
        self.held = held_events(data, plan)
        index = {(data.sites[ev.site_idx].site_id, ev.module): e
                 for e, ev in enumerate(data.events)}
        trainer_idx = {t.trainer_id: k for k, t in enumerate(data.trainers)}
        self.participants: dict[int, int] = {}
        self.staff: dict[int, list[int]] = {}
        self.days: dict[int, list[dt.date]] = {}
        self.load: dict[int, int] = defaultdict(int)
        self.busy: dict[int, set[dt.date]] = defaultdict(set)
        for ev in plan.events:
            e = index.get((ev.site_id, ev.module))
            if e is None:
                continue
            staff = [trainer_idx[t] for t in ev.trainer_ids if t in trainer_idx]
            self.participants[e], self.staff[e], self.days[e] = ev.participants, staff, ev.days
            for k in staff:
                self.load[k] += 1
                self.busy[k].update(ev.days)


def _target(data: ProblemData, c: int, module: int) -> int:
    """Servable demand (R5b, R6, R8; see the module docstring)."""
    council, rules = data.councils[c], data.scenario.rules
    cap = rules.max_participants * rules.max_events_per_council_module
    target = min(council.interested(module), cap)
    if module == 2:
        target = min(target, council.interested_m1 + council.trained_m1)
    return target


def _trainer_free(
    data: ProblemData, state: _PlanState, k: int, days: Sequence[dt.date]
) -> bool:
    trainer = data.trainers[k]
    return (state.load[k] < trainer.max_events
            and not any(d in trainer.unavailable_dates or d in state.busy[k] for d in days))


def _blocked(data: ProblemData, state: _PlanState, e: int) -> str | None:
    """Why the plan (held fixed) has no further seat for a council at candidate ``e``."""
    rules, event = data.scenario.rules, data.events[e]
    if e in state.held:
        p, staff = state.participants[e], state.staff[e]
        if p >= rules.max_participants:
            return _FULL
        if len(staff) >= 2 or p + 1 < rules.two_trainer_min:
            return None
        roles = {data.trainers[k].role for k in staff}
        second = [k for k in event.trainer_idcs
                  if data.trainers[k].role not in roles and k not in staff]
        days = state.days[e]
        return None if any(_trainer_free(data, state, k, days) for k in second) else _TRAINER
    for k in event.trainer_idcs:
        for i in event.slot_idcs:
            slot = data.slots[i]
            if i in data.trainer_slot_ok[k] and _trainer_free(data, state, k,
                                                               (slot.day1, slot.day2)):
                return None
    return _TRAINER


def classify(data: ProblemData, plan: Plan, reference: Reference) -> list[Shortfall]:
    """Every shortfall of ``plan`` with its cheap reason (checks 1–6), without solving."""
    checks = PresolveChecks(data, reference)
    state = _PlanState(data, plan)
    near: dict[int, list[int]] = defaultdict(list)
    for s in range(len(data.sites)):
        for c in checks.catchment(s):
            near[c].append(s)
    found: list[Shortfall] = []
    for c, council in enumerate(data.councils):
        for module in MODULES:
            wanted, covered = council.interested(module), state.seats.get((c, module), 0)
            if covered >= wanted:
                continue
            reason, site_ids = _reason(data, checks, state, near[c], c, module, covered)
            target = _target(data, c, module)
            servable = target > covered and reason != KEIN_STANDORT and any(
                ev.module == module and c in ev.council_idcs for ev in data.events)
            found.append(Shortfall(c, council.council_id, module, wanted, covered, target,
                                   reason, site_ids, servable, state.seats.get((c, 1), 0)))
    return found


def _reason(
    data: ProblemData, checks: PresolveChecks, state: _PlanState, near: list[int], c: int,
    module: int, covered: int,
) -> tuple[str | None, tuple[str, ...]]:
    """Checks 1–6 of the module docstring, in order."""
    sites = data.sites
    hosting = [s for s in near if sites[s].can_host and checks.site_slots(sites[s])]
    if not hosting:
        return KEIN_STANDORT, tuple(sites[s].site_id for s in near)
    council = data.councils[c]
    target = _target(data, c, module)
    if target <= covered:
        r5b = module == 2 and council.interested_m1 + council.trained_m1 < min(
            council.interested_m2, data.scenario.rules.max_participants
            * data.scenario.rules.max_events_per_council_module)
        return (MODUL1_FEHLT if r5b else OBERGRENZE), ()
    candidates = [e for e, ev in enumerate(data.events)
                  if ev.module == module and c in ev.council_idcs]
    if not candidates:
        reasons = {s: checks.site_reason(s, module) for s in hosting}
        no_trainer = tuple(sites[s].site_id for s, r in reasons.items() if r == NO_TRAINER)
        if no_trainer:
            return KEIN_TRAINER, no_trainer
        return ZU_WENIGE, tuple(sites[s].site_id for s in hosting)
    if module == 2 and covered >= state.seats.get((c, 1), 0) + council.trained_m1:
        return MODUL1_FEHLT, ()
    blocked = [_blocked(data, state, e) for e in candidates]
    site_ids = tuple(sites[data.events[e].site_idx].site_id for e in candidates)
    if all(b == _FULL for b in blocked):
        return KAPAZITAET, site_ids
    if all(b is not None for b in blocked):
        return KEIN_TRAINER, site_ids
    return None, site_ids


# --- forced solves ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Task:
    kind: TaskKind
    index: int  # position in the shortfall list
    council: int
    module: int
    target: int
    keep: tuple[tuple[tuple[int, int], int], ...] = ()  # addition: seats per (council, module)
    free: tuple[int, ...] | None = None  # forced-local: the events that may change


_WORKER: tuple[ProblemData, Plan] | None = None


def _init_worker(data: ProblemData, plan: Plan, log_level: int) -> None:
    """Per worker process: the data and plan once, and quiet logs unless verbose (a
    diagnostic solve's own time-limit warnings mean nothing to a planner; its status does)."""
    global _WORKER
    _WORKER = (data, plan)
    logging.basicConfig(level=log_level if log_level < logging.WARNING else logging.ERROR)


def _run_task(task: _Task, settings: SolverSettings) -> tuple[_Task, Plan]:
    assert _WORKER is not None
    return task, _solve_task(*_WORKER, task, settings)


def _solve_task(data: ProblemData, plan: Plan, task: _Task, settings: SolverSettings,
                cancel: CancelToken | None = None) -> Plan:
    """One diagnostic solve, started from the plan (:func:`start_from`)."""
    extra: list[ExtraConstraint] = [start_from(plan)]
    if task.kind == "addition":
        extra.append(fix_council_seats(dict(task.keep)))
    else:
        extra.append(serve_council(task.council, task.module, task.target))
    if task.free is not None:
        extra.append(keep_outside(plan, task.free))
    if task.kind in ("addition", "forced-unlimited"):
        data = dataclasses.replace(data, budget_cents=UNLIMITED_BUDGET_CENTS)
    return solve(data, settings, extra=extra, cancel=cancel)


#: progress(forced solves done, forced solves planned so far)
ExplainProgressFn = Callable[[int, int], None]


@dataclass
class _Runner:
    """Runs the forced solves in batches, in ``jobs`` processes; counts them for
    ``progress``; after ``cancel`` every further solve ends at once as UNKNOWN."""

    data: ProblemData
    plan: Plan
    settings: SolverSettings
    jobs: int
    progress: ExplainProgressFn | None = None
    cancel: CancelToken | None = None
    done: int = 0
    planned: int = 0

    def _one_done(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.planned)

    def run(self, tasks: list[_Task]) -> dict[tuple[TaskKind, int], Plan]:
        """Every task's plan (UNKNOWN for the tasks a cancel left unsolved)."""
        self.planned += len(tasks)
        results: dict[tuple[TaskKind, int], Plan] = {}
        if self.jobs > 1 and len(tasks) > 1 and not self._cancelled():
            results = self._in_pool(tasks)
        for task in tasks:
            if (task.kind, task.index) not in results:
                results[task.kind, task.index] = _solve_task(
                    self.data, self.plan, task, self.settings, self.cancel)
                self._one_done()
        return results

    def _cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.cancelled

    def _in_pool(self, tasks: list[_Task]) -> dict[tuple[TaskKind, int], Plan]:
        """The tasks in spawned processes (a clean interpreter per worker on every
        platform: no fork of solver threads); on cancel the pending ones are dropped."""
        results: dict[tuple[TaskKind, int], Plan] = {}
        context = multiprocessing.get_context("spawn")
        level = logging.getLogger().getEffectiveLevel()
        pool = ProcessPoolExecutor(max_workers=min(self.jobs, len(tasks)), mp_context=context,
                                   initializer=_init_worker,
                                   initargs=(self.data, self.plan, level))
        try:
            pending: set[Future[tuple[_Task, Plan]]] = {
                pool.submit(_run_task, task, self.settings) for task in tasks}
            while pending and not self._cancelled():
                finished, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                for future in finished:
                    task, solved = future.result()
                    results[task.kind, task.index] = solved
                    self._one_done()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return results


def _addition_task(data: ProblemData, state_seats: dict[tuple[int, int], int], index: int,
                   short: Shortfall) -> _Task:
    """Everybody keeps their seats; the council gets its target, and for module 2 at least
    the module-1 seats R5(b) then needs."""
    keep = dict(state_seats)
    c, module = short.council, short.module
    keep[c, module] = short.target
    if module == 2:
        needed = short.target - data.councils[c].trained_m1
        keep[c, 1] = max(keep.get((c, 1), 0), needed)
    return _Task("addition", index, c, module, short.target, tuple(sorted(keep.items())))


def _seats_by_council(plan: Plan) -> dict[str, int]:
    seats: dict[str, int] = defaultdict(int)
    for a in plan.assignments:
        seats[a.council_id] += a.members
    return seats


def _consequence(
    short: Shortfall, plan: Plan, forced: Plan, regions: tuple[str, ...] = ()
) -> Consequence:
    if forced.status in ("INFEASIBLE", "UNKNOWN"):
        return Consequence(status=forced.status, served=False)
    before, after = _seats_by_council(plan), _seats_by_council(forced)
    losers = tuple(sorted(
        ((cid, before[cid] - after.get(cid, 0)) for cid in before
         if after.get(cid, 0) < before[cid]),
        key=lambda item: (-item[1], item[0]),
    ))
    gainers = tuple(sorted(
        ((cid, after[cid] - before.get(cid, 0)) for cid in after
         if after[cid] > before.get(cid, 0)),
        key=lambda item: (item[0] != short.council_id, -item[1], item[0]),
    ))
    bound = forced.bound.covered_seats
    return Consequence(
        status=forced.status, served=True, regions=regions,
        covered_seats=forced.totals.covered_seats, cost_eur=forced.totals.total_cost_eur,
        delta_seats=forced.totals.covered_seats - plan.totals.covered_seats,
        delta_seats_best=None if bound is None else bound - plan.totals.covered_seats,
        delta_cost_eur=round(forced.totals.total_cost_eur - plan.totals.total_cost_eur, 2),
        losers=losers, plan=forced, gainers=gainers,
    )


def _solved_reason(
    addition: Addition | None, consequence: Consequence, unlimited: Plan | None
) -> str:
    """Checks 7–11 from the solves' outcomes."""
    if addition is not None and addition.cost_eur is not None:
        return BUDGET if (addition.over_budget_eur or 0) > 0 else NICHT_OPTIMAL
    if unlimited is not None and unlimited.status not in ("INFEASIBLE", "UNKNOWN"):
        return BUDGET
    unknown = ((addition is not None and addition.status == "UNKNOWN")
               or consequence.status == "UNKNOWN"
               or (unlimited is not None and unlimited.status == "UNKNOWN"))
    if consequence.served and not unknown:
        return ABWAEGUNG
    if unknown:
        return UNBEKANNT
    return NICHT_PLANBAR


def _regions(data: ProblemData, site_groups: Mapping[str, str] | None) -> list[str] | None:
    """Region of each candidate event, or ``None`` when there are fewer than two regions."""
    if not site_groups:
        return None
    regions = [site_groups.get(data.sites[ev.site_idx].site_id, "") for ev in data.events]
    return regions if len(set(regions)) > 1 else None


def _local_events(
    data: ProblemData, regions: list[str], c: int
) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """Candidate events in the regions of the council's candidate events (any module), and
    those regions."""
    mine = {regions[e] for e, ev in enumerate(data.events) if c in ev.council_idcs}
    return tuple(e for e in range(data.num_events) if regions[e] in mine), tuple(sorted(mine))


def _chosen(shortfalls: list[Shortfall], max_solves: int, councils: tuple[str, ...] = ()
            ) -> tuple[list[int], list[int]]:
    """The shortfalls a forced solve can clarify (of ``councils`` if given), most unmet
    seats first (then council ID, module), and the first ``max_solves`` of them, which get
    solves."""
    candidates = sorted(
        (i for i, s in enumerate(shortfalls)
         if s.servable and (not councils or s.council_id in councils)),
        key=lambda i: (-shortfalls[i].unmet, shortfalls[i].council_id, shortfalls[i].module),
    )
    return candidates, candidates[:max(max_solves, 0)]


def _first_tasks(
    data: ProblemData, plan: Plan, shortfalls: list[Shortfall], order: list[int],
    site_groups: Mapping[str, str] | None,
) -> tuple[list[_Task], dict[int, tuple[str, ...]]]:
    """Per chosen shortfall: the forced solve (in its regions when there are several) and,
    without a cheap reason, the addition solve; and the regions each forced solve re-plans."""
    seats = plan_council_seats(data, plan)
    regions = _regions(data, site_groups)
    scope: dict[int, tuple[str, ...]] = {}
    tasks: list[_Task] = []
    for i in order:
        short = shortfalls[i]
        if regions is None:
            tasks.append(_Task("forced", i, short.council, short.module, short.target))
        else:
            free, scope[i] = _local_events(data, regions, short.council)
            tasks.append(_Task("forced-local", i, short.council, short.module, short.target,
                               free=free))
        if short.reason is None:
            tasks.append(_addition_task(data, seats, i, short))
    return tasks, scope


def _solve_all(
    runner: _Runner, shortfalls: list[Shortfall], order: list[int], tasks: list[_Task],
) -> tuple[dict[tuple[TaskKind, int], Plan], set[int]]:
    """Run the first tasks, then the statewide forced solves a region could not serve, then
    check 7's unlimited-budget solves; the results and the shortfalls widened to the state."""
    results = runner.run(tasks)
    # Not served by re-planning its region: the whole state (budget and trainers are shared).
    statewide = [
        _Task("forced", i, shortfalls[i].council, shortfalls[i].module, shortfalls[i].target)
        for i in order
        if ("forced-local", i) in results
        and results["forced-local", i].status in ("INFEASIBLE", "UNKNOWN")
    ]
    results.update(runner.run(statewide))
    for i in order:
        if ("forced", i) not in results:
            results["forced", i] = results["forced-local", i]
    # Check 7's second half: no plan within the budget; does one exist without it?
    second = [
        _Task("forced-unlimited", i, shortfalls[i].council, shortfalls[i].module,
              shortfalls[i].target)
        for i in order
        if shortfalls[i].reason is None and results["forced", i].status == "INFEASIBLE"
        and results["addition", i].status == "INFEASIBLE"
    ]
    results.update(runner.run(second))
    return results, {t.index for t in statewide}


def _addition(extra_plan: Plan | None, budget_eur: float) -> Addition | None:
    """The addition solve's outcome (``None``: none was run)."""
    if extra_plan is None:
        return None
    if extra_plan.status in ("INFEASIBLE", "UNKNOWN"):
        return Addition(status=extra_plan.status)
    cost = extra_plan.totals.total_cost_eur
    return Addition(status=extra_plan.status, cost_eur=cost,
                    over_budget_eur=round(max(cost - budget_eur, 0.0), 2))


def _solved_explanation(
    data: ProblemData, plan: Plan, short: Shortfall, i: int,
    results: dict[tuple[TaskKind, int], Plan], regions: tuple[str, ...],
) -> Explanation:
    """A shortfall with solves: the consequence, the addition and the final reason (checks
    7–11; ``nicht-optimal`` overrides a cheap reason when a better plan serves it)."""
    consequence = _consequence(short, plan, results["forced", i], regions)
    addition = _addition(results.get(("addition", i)), data.budget_cents / 100)
    reason = short.reason or _solved_reason(
        addition, consequence, results.get(("forced-unlimited", i)))
    if consequence.served and (
        (consequence.delta_seats or 0) > 0
        or (consequence.delta_seats == 0 and (consequence.delta_cost_eur or 0) < 0)
    ):
        reason = NICHT_OPTIMAL  # a better plan serves it: what blocked it was the plan
    return Explanation(short, reason, consequence, addition)


def explain(
    data: ProblemData,
    plan: Plan,
    reference: Reference,
    options: ExplainOptions | None = None,
    site_groups: Mapping[str, str] | None = None,
    *,
    progress: ExplainProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> ExplainReport:
    """Explain every shortfall of ``plan``; forced solves for at most
    ``options.max_solves`` of them (default :class:`ExplainOptions`).

    Shortfalls a forced solve can clarify are taken in order of most unmet seats (then
    council ID, module); ``max_solves = 0`` gives the cheap reasons only (checks 1–6,
    ``offen`` for the rest). Each solve: one CP-SAT worker, the scenario's seed,
    ``options.time_limit_s`` (deterministic time, see :mod:`optimizer.solve.pipeline`), in
    ``options.jobs`` processes. ``progress`` hears of each finished solve; after ``cancel``
    the remaining solves end at once and their shortfalls read ``unbekannt``.
    """
    options = options or ExplainOptions()
    started = time.perf_counter()
    shortfalls = classify(data, plan, reference)
    candidates, order = _chosen(shortfalls, options.max_solves, options.councils)
    settings = SolverSettings(time_limit_s=options.time_limit_s, workers=1,
                              seed=data.scenario.solver.seed)
    tasks, scope = _first_tasks(data, plan, shortfalls, order, site_groups)
    log.info("explain: %d shortfalls, %d forced solves (%d tasks)", len(shortfalls),
             len(order), len(tasks))
    runner = _Runner(data, plan, settings, options.jobs, progress, cancel)
    results, widened = _solve_all(runner, shortfalls, order, tasks)
    chosen = set(order)
    explanations = [
        _solved_explanation(data, plan, short, i, results,
                            scope[i] if i in scope and i not in widened else ())
        if i in chosen else Explanation(short, short.reason or OFFEN)
        for i, short in enumerate(shortfalls)
    ]
    return ExplainReport(
        explanations=explanations, solved=len(chosen),
        skipped=len(candidates) - len(chosen), time_limit_s=options.time_limit_s,
        seconds=time.perf_counter() - started,
    )
