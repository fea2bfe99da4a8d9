"""A deterministic greedy planner: a warm start for CP-SAT and a baseline for benchmarks.

The planner's rule of thumb
---------------------------
A careful human planner with a spreadsheet would plan like this:

1. **Module 1 first, then module 2.** Module 2 builds on module 1 (R5), so the module-2
   round only starts once every module-1 event is fixed; a council's module-2 seats are then
   capped by its module-1 seats plus ``trained_m1`` (R5b).
2. **Best value first.** In each round, look at every unused candidate event (one per site
   and module, R3) and price it:

   - *fill* it with the largest still-unserved councils of its catchment (R7, R8), each
     council whole as long as it fits under ``max_participants`` (R6), largest first; a
     council larger than the event is capped at ``max_participants`` when it is the first
     one in, and a council is split only to reach ``min_participants`` (a split council
     loses the rest of its seats for that module when it may attend only one event);
   - *staff* it with the cheapest available trainers by travel (R10–R12): two trainers, one
     of each role, from ``two_trainer_min`` participants on (R11), else one trainer of
     either role, each teaching the module, below their ``max_events`` and free on some
     allowed slot of the event's pattern kind;
   - *kind*: the event is costed with the cheaper pattern kind (consecutive or a week apart,
     R14) among the kinds its slots offer and every one of its trainers is free on;
   - *trim*: if the fill lands just above the tandem threshold (``two_trainer_min`` up to
     ``two_trainer_min + Tuning.greedy_trim_slack``), also price the event trimmed to
     ``two_trainer_min - 1`` with a single trainer, taking seats from the smallest councils
     in it; the trimmed version is taken only if it has more seats per euro. It is also the
     only version when no tandem is available any more.

   Then hold the priced event with the most seats per euro among those that fit the
   remaining budget (R16), and repeat until none fits. Ties go to more seats, then to the
   lower candidate index, so the result depends only on the data.
3. **Date it.** The rules above are the date-free ones of the master model (plus its cheap
   necessary date conditions: the kind exists at the site, R5a/R5c gaps are possible at
   all). The dated rules (R1, R2, R5a, R5c, R12 days) are left to
   :func:`optimizer.solve.dating.schedule`; if it finds no calendar, the last-added
   events are dropped one by one until it does. Dropping from the end never breaks R5b,
   because every module-2 event was added after every module-1 event.

The greedy optimises plain seats (R17's default); module weights and the both-modules bonus
are not looked at.

Its tuning (:class:`optimizer.domain.options.Tuning`): ``greedy_trim_slack`` (on the default
scenario slack 0, 1, 2, 3 gave 1,264, 1,292, 1,284, 1,279 seats; larger slacks trim nearly
every tandem, since a trimmed event almost always has more seats per euro, and lose seats for
good, because a council attends one event per module); ``greedy_dating_s``, the limit of each
scheduling attempt (CP-SAT deterministic seconds, see ``schedule``); ``greedy_spread_s``, the
time for spreading the calendar over the period once found: none by default (the greedy plan
is the solver's first plan and hint, and the final plan's calendar is spread; a second solve
of the scheduling model would double the 0.4 s of dating on the default scenario).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from optimizer.domain.options import CancelToken, Tuning
from optimizer.domain.problem import ProblemData
from optimizer.domain.scenario import MODULES
from optimizer.solve.dating import ChosenEvent, schedule

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class GreedyEvent:
    """One event of the greedy plan (dates are left to :func:`schedule`)."""

    event: int  # index into data.events
    seats: dict[int, int]  # council index -> members
    trainers: tuple[int, ...]  # trainer indices (1 or 2; 2 = one educator + one council role)
    consecutive: bool  # pattern kind it is costed with

    def participants(self) -> int:
        return sum(self.seats.values())


def event_cost_cents(data: ProblemData, event: GreedyEvent) -> int:
    """R13 fees + R14 travel (by the event's kind) + R15 catering of one event, in cents."""
    travel = data.travel_consec if event.consecutive else data.travel_week
    trainers = len(event.trainers)
    return (
        data.fee_per_event_trainer_cents * trainers
        + data.catering_per_person_cents * (event.participants() + trainers)
        + sum(travel[k][event.event] for k in event.trainers)
    )


def plan_cost_cents(data: ProblemData, plan: Iterable[GreedyEvent]) -> int:
    """Total cost of a greedy plan in cents (R16 compares it with ``data.budget_cents``)."""
    return sum(event_cost_cents(data, ev) for ev in plan)


@dataclass(frozen=True)
class _Staff:
    """The cheapest trainers for an event and the kind they are costed with."""

    trainers: tuple[int, ...]
    consecutive: bool


class _Greedy:
    """State of one greedy run: what is still free after the events held so far."""

    def __init__(self, data: ProblemData, trim_slack: int):
        self.data = data
        self.trim_slack = trim_slack  # Tuning.greedy_trim_slack
        rules = data.scenario.rules
        (self.lo1, self.hi1), (self.lo2, self.hi2) = (
            rules.one_trainer_range, rules.two_trainer_range)
        n_councils = len(data.councils)
        self.seated = {m: [0] * n_councils for m in MODULES}  # seats per council and module
        self.attended: dict[int, list[list[int]]] = {  # events per council and module
            m: [[] for _ in range(n_councils)] for m in MODULES
        }
        self.load = [0] * len(data.trainers)
        self.used: set[int] = set()
        self.held_at_site: dict[tuple[int, int], int] = {}  # (site, module) -> event
        self.remaining_cents = data.budget_cents
        self.gap_days = rules.module_gap_days
        self.earliest_end = [min((data.slot_day2[i] for i in event.slot_idcs), default=0)
                             for event in data.events]
        self.latest_start = [max((data.slot_day1[i] for i in event.slot_idcs), default=0)
                             for event in data.events]
        self.plan: list[GreedyEvent] = []
        # kinds each trainer may work at each candidate: a free allowed slot of that kind
        self.kinds: dict[tuple[int, int], frozenset[bool]] = {
            (k, e): frozenset(
                data.slots[i].consecutive
                for i in data.trainer_slot_ok[k].intersection(event.slot_idcs)
            )
            for e, event in enumerate(data.events)
            for k in event.trainer_idcs
        }

    # --- the rule of thumb ------------------------------------------------------------------

    def run(self) -> list[GreedyEvent]:
        for module in MODULES:
            while (best := self._best(module)) is not None:
                self._hold(best)
        return self.plan

    def _best(self, module: int) -> GreedyEvent | None:
        """The affordable priced event with the most seats per euro (ties: seats, index)."""
        best: GreedyEvent | None = None
        best_key: tuple[Fraction | float, int, int] | None = None
        for e, event in enumerate(self.data.events):
            if event.module != module or e in self.used or not self._site_gap_ok(e):
                continue
            for option in self._options(e):
                cost = event_cost_cents(self.data, option)
                if cost > self.remaining_cents:
                    continue
                seats = option.participants()
                ratio: Fraction | float = Fraction(seats, cost) if cost else float("inf")
                key = (ratio, seats, -e)
                if best_key is None or key > best_key:
                    best, best_key = option, key
        return best

    def _hold(self, ev: GreedyEvent) -> None:
        event = self.data.events[ev.event]
        for c, n in ev.seats.items():
            self.seated[event.module][c] += n
            self.attended[event.module][c].append(ev.event)
        for k in ev.trainers:
            self.load[k] += 1
        self.used.add(ev.event)
        self.held_at_site[event.site_idx, event.module] = ev.event
        self.remaining_cents -= event_cost_cents(self.data, ev)
        self.plan.append(ev)

    # --- pricing one candidate --------------------------------------------------------------

    def _options(self, e: int) -> list[GreedyEvent]:
        """The full fill of candidate ``e`` and, where it applies, its trimmed version."""
        fill = self._fill(e)
        total = sum(fill.values())
        options: list[GreedyEvent] = []
        if total < self.lo1:
            return options
        if total <= self.hi1:
            staff = self._staff(e, two=False)
            if staff is not None:
                options.append(self._event(e, fill, staff))
            return options
        tandem = self._staff(e, two=True) if total >= self.lo2 else None
        if tandem is not None:
            options.append(self._event(e, fill, tandem))
        if self.lo1 <= self.hi1 and (tandem is None or total <= self.lo2 + self.trim_slack):
            single = self._staff(e, two=False)
            if single is not None:
                options.append(self._event(e, _trim(fill, self.hi1), single))
        return options

    def _event(self, e: int, seats: dict[int, int], staff: _Staff) -> GreedyEvent:
        return GreedyEvent(e, dict(seats), staff.trainers, staff.consecutive)

    def _available(self, c: int, e: int) -> int:
        """Seats council ``c`` could still send to candidate ``e`` (R5b, R5c, R8)."""
        data = self.data
        module = data.events[e].module
        limit = data.scenario.rules.max_events_per_council_module
        if len(self.attended[module][c]) >= limit:
            return 0
        free = data.interest[c][module - 1] - self.seated[module][c]
        if module == 2:
            free = min(free, self.seated[1][c] + data.councils[c].trained_m1 - self.seated[2][c])
            if not all(self._gap_possible(e1, e) for e1 in self.attended[1][c]):
                return 0
        return max(free, 0)

    def _fill(self, e: int) -> dict[int, int]:
        """Largest councils first, whole while they fit; split only to reach the minimum."""
        free = {c: self._available(c, e) for c in self.data.events[e].council_idcs}
        order = sorted((c for c in free if free[c] > 0), key=lambda c: (-free[c], c))
        seats: dict[int, int] = {}
        room = self.hi2
        for c in order:
            if free[c] <= room or not seats:
                seats[c] = min(free[c], room)
                room -= seats[c]
        short = self.lo1 - sum(seats.values())
        for c in order:
            if short <= 0:
                break
            if c not in seats:
                seats[c] = min(free[c], short, room)
                short -= seats[c]
                room -= seats[c]
        return {c: n for c, n in seats.items() if n > 0}

    def _staff(self, e: int, two: bool) -> _Staff | None:
        """Cheapest free trainers for ``e`` (one of each role if ``two``) and their kind."""
        data = self.data
        event = data.events[e]
        free = [k for k in event.trainer_idcs if self.load[k] < data.trainers[k].max_events]
        groups = (
            [[k for k in free if data.trainers[k].role == role] for role in ("educator", "council")]
            if two else [free]
        )
        best: dict[bool, tuple[int, tuple[int, ...]]] = {}
        for kind in sorted({data.slots[i].consecutive for i in event.slot_idcs}):
            travel = data.travel_consec if kind else data.travel_week
            picks: list[tuple[int, int]] = []
            for group in groups:
                able = [(travel[k][e], k) for k in group if kind in self.kinds[k, e]]
                if not able:
                    break
                picks.append(min(able))
            else:
                best[kind] = (sum(p[0] for p in picks), tuple(p[1] for p in picks))
        if not best:
            return None
        # cheaper kind; on equal travel a week apart (False sorts first), as in real events
        kind = min(best, key=lambda kd: (best[kd][0], kd))
        return _Staff(best[kind][1], kind)

    # --- necessary date conditions (as in the master's ``_date_necessities``) ---------------

    def _gap_possible(self, e1: int, e2: int) -> bool:
        """R5: some allowed slot of module-2 candidate ``e2`` starts a gap after ``e1`` ends."""
        return self.latest_start[e2] - self.earliest_end[e1] >= self.gap_days

    def _site_gap_ok(self, e: int) -> bool:
        """R5a: a module-2 event at a site that holds module 1 must fit after it."""
        event = self.data.events[e]
        if event.module != 2:
            return True
        e1 = self.held_at_site.get((event.site_idx, 1))
        return e1 is None or self._gap_possible(e1, e)


def _trim(seats: dict[int, int], target: int) -> dict[int, int]:
    """Cut ``seats`` down to ``target`` members, from the smallest councils (ties: higher index)."""
    trimmed = dict(seats)
    excess = sum(trimmed.values()) - target
    for c in sorted(trimmed, key=lambda c: (trimmed[c], -c)):
        if excess <= 0:
            break
        cut = min(trimmed[c], excess)
        trimmed[c] -= cut
        excess -= cut
    return {c: n for c, n in trimmed.items() if n > 0}


def _schedule_kind(data: ProblemData, ev: GreedyEvent) -> bool | None:
    """The kind to ask :func:`schedule` for: ``None`` when the other kind is possible for
    every trainer and costs the same travel (the calendar may then pick either)."""
    other = not ev.consecutive
    travel, other_travel = (
        (data.travel_consec, data.travel_week) if ev.consecutive
        else (data.travel_week, data.travel_consec)
    )
    slots = data.events[ev.event].slot_idcs
    free_other = all(
        any(data.slots[i].consecutive == other for i in data.trainer_slot_ok[k].intersection(slots))
        for k in ev.trainers
    )
    same = sum(travel[k][ev.event] for k in ev.trainers) == sum(
        other_travel[k][ev.event] for k in ev.trainers
    )
    return None if free_other and same else ev.consecutive


def chosen_events(data: ProblemData, plan: list[GreedyEvent]) -> list[ChosenEvent]:
    """The greedy events as the scheduling subproblem needs them."""
    return [
        ChosenEvent(ev.event, ev.trainers, tuple(sorted(ev.seats)), _schedule_kind(data, ev))
        for ev in plan
    ]


def greedy_plan(data: ProblemData, tuning: Tuning | None = None) -> list[GreedyEvent]:
    """The planner's rule of thumb (module docstring), cut back to events that have a calendar.

    Events come in the order they were chosen (module 1 first). Every date-free rule of the
    master model holds (R3, R5b, R6, R7, R8, R10–R13, R14 kind, R15, R16), and
    :func:`schedule` found dates for the returned events (the dates are not returned; a
    caller that needs them calls :func:`dated_greedy_plan`). ``tuning``: the defaults unless
    given (module docstring).
    """
    return dated_greedy_plan(data, tuning)[0]


def dated_greedy_plan(
    data: ProblemData, tuning: Tuning | None = None, cancel: CancelToken | None = None,
) -> tuple[list[GreedyEvent], dict[int, int]]:
    """:func:`greedy_plan` with the slot of each of its events (candidate event -> slot).
    ``cancel``: stops dating; a cancelled run has no plan (both empty)."""
    tuning = tuning or Tuning()
    plan = _Greedy(data, tuning.greedy_trim_slack).run()
    while plan:
        calendar = schedule(data, chosen_events(data, plan), seconds=tuning.greedy_dating_s,
                            spread_seconds=tuning.greedy_spread_s, tuning=tuning,
                            cancel=cancel)
        if calendar.slots is not None:
            return plan, calendar.slots
        if cancel is not None and cancel.cancelled:
            return [], {}
        log.debug("greedy: no calendar for %d events, dropping the last one", len(plan))
        plan = plan[:-1]
    return plan, {}
