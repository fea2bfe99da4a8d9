"""Requirements beyond RULES.md for diagnostic and alternative solves (CP-SAT only).

Each function returns an :data:`~optimizer.model.cpmodel.ExtraConstraint`, a callable that
:func:`~optimizer.solve.pipeline.solve` applies to the date-free master of every stage, so the
lexicographic solve (R17) and its calendar check stay exactly those of the main solve. The
callers (:mod:`optimizer.insight.explain`, :mod:`optimizer.insight.alternatives`) decide what
to require;
this module only states it in terms of the model's variables (:class:`Variables`).

Indices are those of :class:`~optimizer.domain.problem.ProblemData`: ``c`` a council, ``e`` a
candidate event, ``m`` a module.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from ortools.sat.python import cp_model

from optimizer.domain.plan import Plan
from optimizer.domain.problem import ProblemData
from optimizer.model.constraints import total_cost_cents
from optimizer.model.cpmodel import ExtraConstraint
from optimizer.model.variables import Variables

#: A budget no plan reaches (10 million euros, in cents): "unlimited" for diagnostic solves.
UNLIMITED_BUDGET_CENTS = 10**9


def council_seats_expr(
    data: ProblemData, v: Variables, c: int, module: int
) -> cp_model.LinearExpr:
    """Seats council ``c`` holds in events of ``module`` (R8 sums the same terms)."""
    return cp_model.LinearExpr.sum([
        v.seats[c, e] for e, event in enumerate(data.events)
        if event.module == module and (c, e) in v.seats
    ])


def serve_council(c: int, module: int, seats: int) -> ExtraConstraint:
    """Council ``c`` gets at least ``seats`` members into events of ``module``.

    With ``seats`` = the council's servable demand this is "serving it" in the why-not
    explanations (see :mod:`optimizer.insight.explain`). A council without a candidate event of the
    module makes the model infeasible, as it should.
    """

    def constraint(model: cp_model.CpModel, data: ProblemData, v: Variables) -> None:
        model.add(council_seats_expr(data, v, c, module) >= seats)

    return constraint


def fix_council_seats(seats: Mapping[tuple[int, int], int]) -> ExtraConstraint:
    """Every council keeps exactly ``seats[(c, m)]`` members per module (0 when missing).

    The councils may move between events; only their totals are fixed. Used to ask whether
    one council could be served *in addition* to everybody's seats in a plan.
    """

    def constraint(model: cp_model.CpModel, data: ProblemData, v: Variables) -> None:
        for c in range(len(data.councils)):
            for module in (1, 2):
                model.add(council_seats_expr(data, v, c, module) == seats.get((c, module), 0))

    return constraint


def cost_at_most(cents: int) -> ExtraConstraint:
    """Total cost (R13–R15) at most ``cents``, e.g. a tolerance above the best plan's cost."""

    def constraint(model: cp_model.CpModel, data: ProblemData, v: Variables) -> None:
        model.add(total_cost_cents(data, v) <= cents)

    return constraint


def differ_from(held: Collection[int], min_diff: int) -> ExtraConstraint:
    """The held events differ from ``held`` (candidate indices) in at least ``min_diff``
    events: a Hamming-distance no-good on the ``held`` literals, counting events dropped and
    events added."""

    def constraint(model: cp_model.CpModel, data: ProblemData, v: Variables) -> None:
        chosen = set(held)
        model.add(
            cp_model.LinearExpr.sum([
                (1 - v.held[e]) if e in chosen else v.held[e] for e in range(data.num_events)
            ]) >= min_diff
        )

    return constraint


def keep_outside(plan: Plan, free: Collection[int]) -> ExtraConstraint:
    """Every candidate event not in ``free`` stays as in ``plan``: held or not, its trainers,
    its slot kind and each council's seats there. Events in ``free`` may change (a
    large-neighbourhood step: only one region of a large scenario is re-planned)."""

    def constraint(model: cp_model.CpModel, data: ProblemData, v: Variables) -> None:
        index = {(data.sites[ev.site_idx].site_id, ev.module): e
                 for e, ev in enumerate(data.events)}
        trainer_idx = {t.trainer_id: k for k, t in enumerate(data.trainers)}
        council_idx = {c.council_id: i for i, c in enumerate(data.councils)}
        planned = {index[ev.site_id, ev.module]: ev for ev in plan.events
                   if (ev.site_id, ev.module) in index}
        event_of = {ev.event_id: e for e, ev in planned.items()}
        seats: dict[tuple[int, int], int] = {}
        for a in plan.assignments:
            e, c = event_of.get(a.event_id), council_idx.get(a.council_id)
            if e is not None and c is not None:
                seats[c, e] = a.members
        chosen = set(free)
        for e, event in enumerate(data.events):
            if e in chosen:
                continue
            ev = planned.get(e)
            model.add(v.held[e] == int(ev is not None))
            if ev is None:
                continue
            model.add(v.two[e] == int(len(ev.trainer_ids) >= 2))
            model.add(v.consecutive[e] == int((ev.days[1] - ev.days[0]).days == 1))
            staff = {trainer_idx.get(t) for t in ev.trainer_ids}
            for k in event.trainer_idcs:
                model.add(v.teaches[k, e] == int(k in staff))
            for c in event.council_idcs:
                model.add(v.seats[c, e] == seats.get((c, e), 0))

    return constraint


def held_events(data: ProblemData, plan: Plan) -> frozenset[int]:
    """Candidate indices of a plan's events (an event the data has no candidate for is
    skipped; the validator reports such plans)."""
    index = {(data.sites[ev.site_idx].site_id, ev.module): e for e, ev in enumerate(data.events)}
    return frozenset(
        index[ev.site_id, ev.module] for ev in plan.events if (ev.site_id, ev.module) in index
    )


def plan_council_seats(data: ProblemData, plan: Plan) -> dict[tuple[int, int], int]:
    """A plan's seats per (council index, module); unknown IDs are skipped."""
    council_idx = {council.council_id: c for c, council in enumerate(data.councils)}
    module_of = {ev.event_id: ev.module for ev in plan.events}
    seats: dict[tuple[int, int], int] = {}
    for a in plan.assignments:
        c, module = council_idx.get(a.council_id), module_of.get(a.event_id)
        if c is not None and module is not None:
            seats[c, module] = seats.get((c, module), 0) + a.members
    return seats


def start_from(plan: Plan, drop: Collection[str] = ()) -> ExtraConstraint:
    """Hint CP-SAT with ``plan`` (every date-free variable; no requirement), without the
    events whose IDs are in ``drop`` (for a hint that keeps a distance from the plan).

    Diagnostic and alternative solves differ from the plan in a few events; starting from it,
    CP-SAT repairs it locally instead of searching the whole model again (on the NRW
    scenario, a forced solve of 10 s reaches about 1,460 instead of 1,315 seats). A hint
    replaces the configuration warm start (see :data:`ExtraConstraint`). Events of the plan
    without a candidate, unknown trainers and councils are left out of the hint.
    """

    def constraint(model: cp_model.CpModel, data: ProblemData, v: Variables) -> None:
        index = {(data.sites[ev.site_idx].site_id, ev.module): e
                 for e, ev in enumerate(data.events)}
        trainer_idx = {t.trainer_id: k for k, t in enumerate(data.trainers)}
        council_idx = {c.council_id: i for i, c in enumerate(data.councils)}
        values: dict[int, tuple[cp_model.IntVar, int]] = {}
        for var in (*v.held, *v.two, *v.participants, *v.consecutive, *v.seats.values(),
                    *v.attends.values(), *v.teaches.values(), *v.teaches_consec.values(),
                    *v.both.values()):
            values[var.index] = (var, 0)

        def put(var: cp_model.IntVar, value: int) -> None:
            values[var.index] = (var, value)

        event_of: dict[str, int] = {}
        for ev in plan.events:
            e = index.get((ev.site_id, ev.module))
            if e is None or ev.event_id in drop:
                continue
            event_of[ev.event_id] = e
            consecutive = int((ev.days[1] - ev.days[0]).days == 1)
            put(v.held[e], 1)
            put(v.two[e], int(len(ev.trainer_ids) >= 2))
            put(v.participants[e], ev.participants)
            put(v.consecutive[e], consecutive)
            for trainer_id in ev.trainer_ids:
                k = trainer_idx.get(trainer_id)
                if k is not None and (k, e) in v.teaches:
                    put(v.teaches[k, e], 1)
                    if (k, e) in v.teaches_consec:
                        put(v.teaches_consec[k, e], consecutive)
        for a in plan.assignments:
            e, c = event_of.get(a.event_id), council_idx.get(a.council_id)
            if e is not None and c is not None and (c, e) in v.seats:
                put(v.seats[c, e], a.members)
                put(v.attends[c, e], 1)
        held = {e for e in event_of.values()}
        by_site: dict[int, set[int]] = {}
        for e in held:
            by_site.setdefault(data.events[e].site_idx, set()).add(data.events[e].module)
        for s, var in v.both.items():
            put(var, int(len(by_site.get(s, ())) == 2))
        for var, value in values.values():
            model.add_hint(var, value)

    return constraint
