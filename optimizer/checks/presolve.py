"""Pre-solve checks: what in a valid scenario keeps people from being planned, and why.

A scenario can pass the reader and still plan little: a council with no site nearby, a VHS
without a partner council, a trainer who is never free. The solver would only report fewer
covered seats; these checks say why, before solving, with the affected IDs. They are computed
from :func:`~optimizer.domain.problem.build_problem`'s data, so they use exactly the
candidates, catchments and slots the model sees, and they import nothing from the model.

A :class:`Finding` is a code with its facts (IDs, numbers, dates, months, reason codes), no
sentence: the planners' German text is :func:`optimizer.report.findings_de.finding_de`, so a
tool can read the numbers and the words are written in one place.

Each :class:`Finding` has a severity:

- ``"error"``: no event at all can be held (no slot in the period, no possible event, budget
  below the cheapest event). This is not an input error: the scenario still solves (holding
  no event is a feasible plan), but the plan will be empty. ``qualiplan check`` exits 1.
- ``"warning"``: some councils, sites or trainers cannot take part, or tandems are impossible
  in some months. The plan covers what remains.

The checks, in the order they are reported (``code``):

``no-slots``, ``budget-below-cheapest-event``, ``no-event-possible`` (errors);
``council-no-site`` (nothing in the catchment, R7), ``council-only-ineligible-sites`` (only
sites without VHS interest or partner council, R9), ``council-not-served`` (eligible sites,
but none of them can hold the module), ``council-m2-limited`` (R5(b): module-2 interest beyond
module-1 interest plus trained); ``site-without-partner`` (R9), ``site-no-slot`` (R2),
``site-too-few-participants`` (R6), ``module-no-trainer`` and ``site-no-trainer`` (R12);
``trainer-max-events-zero``, ``trainer-never-available``, ``trainer-modules-not-needed``,
``trainer-no-common-date`` (R12); ``no-educator-in-month`` and ``no-council-trainer-in-month``
(R10, R11: a month with possible events but no trainer of that role free).

:func:`demand_by_region` adds the table of demand and reachable seats per Regierungsbezirk.

Facts of each code (``Finding.facts``; a council is named by ``council_id`` and
``municipality``, a site by ``site_id`` and ``site_name``, a trainer by ``trainer_id`` and
``role``; ``interested`` maps each module to the council's interested members):

- ``no-slots``: ``start``, ``end`` (the period);
- ``budget-below-cheapest-event``: ``budget_eur``, ``event_id``, ``participants``,
  ``trainers`` (1 or 2), ``cost_cents`` (of that cheapest event);
- ``no-event-possible``: ``wanted`` (seats), ``min_participants``;
- ``council-no-site``: the council, ``interested``, the catchment rule (``neighbours``,
  ``radius_km``);
- ``council-only-ineligible-sites``: the council, ``interested``, ``sites``: pairs (site ID,
  :data:`NO_PARTNER` or :data:`NO_INTEREST`);
- ``council-not-served``: the council, ``modules``, ``sites``: pairs (site ID, site reason
  :data:`NO_SLOT`, :data:`TOO_FEW` or :data:`NO_TRAINER`);
- ``council-m2-limited``: the council, ``interested_m1``, ``interested_m2``, ``trained_m1``,
  ``limit``;
- ``site-without-partner``: the site; ``site-no-slot``: the site, ``slots`` (in the period);
- ``site-too-few-participants``: the site, ``modules``, ``seats`` (most per module),
  ``min_participants``, ``interested``: pairs (council ID, reachable seats per module of
  ``modules``) of the councils in the catchment with interest;
- ``site-no-trainer``: the site, ``modules``; ``module-no-trainer``: ``module``, ``site_ids``;
- ``trainer-max-events-zero``: the trainer; ``trainer-never-available``: the trainer,
  ``slots``; ``trainer-modules-not-needed`` and ``trainer-no-common-date``: the trainer,
  ``modules``;
- ``no-educator-in-month`` / ``no-council-trainer-in-month``: ``role``, ``months`` (pairs
  year, month), ``whole_period`` (no trainer of the role is free for any possible event),
  ``min_participants``, ``two_trainer_min``.

Readings: a council's reachable module-2 seats are capped by R5(b) as in ``build_problem``; a
council's seats per module are capped by ``max_participants × max_events_per_council_module``.
The cheapest event is a lower bound (it may pair a tandem's trainers on different slots), so
the budget finding never fires when an event is in fact affordable.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from optimizer.domain.geography import Reference
from optimizer.domain.problem import ProblemData, build_problem, may_attend
from optimizer.domain.scenario import MODULES, Council, Scenario, Site, Trainer

__all__ = ["CODES", "NO_INTEREST", "NO_PARTNER", "NO_SLOT", "NO_TRAINER", "ROLES", "TOO_FEW",
           "Finding", "PresolveChecks", "RegionDemand", "demand_by_region", "presolve_findings"]

Severity = Literal["error", "warning"]
ROLES: tuple[str, str] = ("educator", "council")

#: Every finding code, in the order the checks report them (module docstring).
CODES: tuple[str, ...] = (
    "no-slots", "budget-below-cheapest-event", "no-event-possible",
    "council-no-site", "council-only-ineligible-sites", "council-not-served",
    "council-m2-limited", "site-without-partner", "site-no-slot", "site-too-few-participants",
    "site-no-trainer", "module-no-trainer", "trainer-max-events-zero",
    "trainer-never-available", "trainer-modules-not-needed", "trainer-no-common-date",
    "no-educator-in-month", "no-council-trainer-in-month",
)

#: Why a hosting site cannot hold a module (:meth:`PresolveChecks.site_reason`): no slot
#: left after its blocked dates (R2), too few interested members in its catchment (R6, R7),
#: or no trainer of the module free on its dates (R12).
NO_SLOT, TOO_FEW, NO_TRAINER = "no-slot", "too-few", "no-trainer"
#: Why a site in a catchment cannot host at all (R9): an interested VHS without partner
#: council, or a VHS without interest.
NO_PARTNER, NO_INTEREST = "no-partner", "no-interest"


@dataclass(frozen=True)
class Finding:
    """One pre-solve finding: how serious, a stable code, the affected IDs and the facts.

    ``ids`` lists the affected council, site or trainer IDs (months as ``JJJJ-MM`` for the
    role checks), for tools; ``facts`` holds the finding's subjects and numbers by name (the
    module docstring lists them per code). The sentence for planners is
    :func:`optimizer.report.findings_de.finding_de`.
    """

    severity: Severity
    code: str
    ids: tuple[str, ...] = ()
    facts: Mapping[str, Any] = field(default_factory=dict, hash=False)  # hashed by the other fields


@dataclass(frozen=True)
class RegionDemand:
    """Demand and reachable seats in one Regierungsbezirk, per module (keys 1 and 2).

    ``wanted``: interested members of the councils there. ``reachable``: the part of it that
    some possible event (at a site anywhere) can take. ``capacity``: possible events at sites
    there × ``max_participants``. ``councils``: councils there with interest; ``sites``: sites
    there that may host (R9).
    """

    regierungsbezirk: str
    councils: int
    sites: int
    wanted: Mapping[int, int] = field(default_factory=dict)
    reachable: Mapping[int, int] = field(default_factory=dict)
    capacity: Mapping[int, int] = field(default_factory=dict)


class PresolveChecks:
    """The lookups every check needs, computed once from the problem data, and the checks.

    :mod:`optimizer.insight.explain` reuses the lookups (catchments, a site's free slots and
    why a site cannot hold a module) so that its reasons agree with these findings.
    """

    def __init__(self, data: ProblemData, reference: Reference):
        self.data = data
        self.reference = reference
        self.scenario = scenario = data.scenario
        rules = scenario.rules
        self.seat_cap = rules.max_participants * rules.max_events_per_council_module
        # R5(b), as in build_problem: module-2 seats never exceed module-1 interest + trained.
        self.reachable: dict[int, list[int]] = {
            1: [c.interested_m1 for c in scenario.councils],
            2: [min(c.interested_m2, c.interested_m1 + c.trained_m1) for c in scenario.councils],
        }
        self.served: dict[int, set[int]] = {m: set() for m in MODULES}
        self.candidate: dict[tuple[int, int], int] = {}
        for e_idx, event in enumerate(data.events):
            self.served[event.module].update(event.council_idcs)
            self.candidate[(event.site_idx, event.module)] = e_idx
        self.usable_trainers = {k for event in data.events for k in event.trainer_idcs}
        self._catchments: dict[int, list[int]] = {}

    # --- helpers ---------------------------------------------------------------------------

    def catchment(self, s_idx: int) -> list[int]:
        """Councils that may attend site ``s_idx`` (R7), computed on demand."""
        if s_idx not in self._catchments:
            site = self.scenario.sites[s_idx]
            self._catchments[s_idx] = [
                c_idx for c_idx, c in enumerate(self.scenario.councils)
                if may_attend(c, site, self.scenario, self.reference)
            ]
        return self._catchments[s_idx]

    def site_slots(self, site: Site) -> list[int]:
        """Slots of the period that none of the site's blocked dates touches (R2)."""
        blocked = set(site.blocked_dates)
        return [i for i, s in enumerate(self.data.slots)
                if s.day1 not in blocked and s.day2 not in blocked]

    def seats(self, s_idx: int, module: int) -> int:
        """Most members the catchment of a site can send to one event of a module (R6–R8)."""
        cap = self.scenario.rules.max_participants
        return sum(min(self.reachable[module][c], cap) for c in self.catchment(s_idx))

    def module_trainers(self, module: int) -> list[int]:
        """Trainers who teach a module and could work at all (R12)."""
        return [k for k, t in enumerate(self.scenario.trainers)
                if module in t.modules and t.max_events > 0 and self.data.trainer_slot_ok[k]]

    def site_reason(self, s_idx: int, module: int) -> str | None:
        """Why a hosting site cannot hold a module: :data:`NO_SLOT`, :data:`TOO_FEW` or
        :data:`NO_TRAINER` (``None``: it can, or it cannot host at all)."""
        site = self.scenario.sites[s_idx]
        if not site.can_host or (s_idx, module) in self.candidate:
            return None
        if not self.site_slots(site):
            return NO_SLOT
        if self.seats(s_idx, module) < self.scenario.rules.min_participants:
            return TOO_FEW
        return NO_TRAINER

    def council_facts(self, council: Council) -> dict[str, Any]:
        """A council as findings name it: its ID and municipality."""
        return {"council_id": council.council_id,
                "municipality": self.reference.municipalities[council.ags].name}

    @staticmethod
    def site_facts(site: Site) -> dict[str, Any]:
        """A site as findings name it: its ID and name."""
        return {"site_id": site.site_id, "site_name": site.name}

    # --- errors ---------------------------------------------------------------------------

    def no_slots(self) -> list[Finding]:
        """R1, R2: no allowed pair of days in the period."""
        if self.data.slots:
            return []
        period = self.scenario.period
        return [Finding("error", "no-slots", (), {"start": period.start, "end": period.end})]

    def no_event_possible(self) -> list[Finding]:
        wanted = sum(c.interested_m1 + c.interested_m2 for c in self.scenario.councils)
        if self.data.events or not wanted:
            return []
        return [Finding("error", "no-event-possible", (), {
            "wanted": wanted, "min_participants": self.scenario.rules.min_participants})]

    def cheapest_event(self) -> tuple[int, int, int] | None:
        """``(cents, event index, trainers)`` of the cheapest possible event (a lower bound).

        R13–R15 for ``min_participants`` people: one trainer when that is below
        ``two_trainer_min`` (R11), else a tandem of both roles. Each trainer's travel is the
        cheaper slot kind among the slots both they and the site have free.
        """
        data, rules = self.data, self.scenario.rules
        trainers_needed = 1 if rules.min_participants < rules.two_trainer_min else 2
        best: tuple[int, int, int] | None = None
        for e_idx, event in enumerate(data.events):
            site_slots = set(event.slot_idcs)
            travel: dict[str, int] = {}
            for k in event.trainer_idcs:
                kinds = {data.slots[i].consecutive for i in site_slots & data.trainer_slot_ok[k]}
                cents = min(data.travel_consec[k][e_idx] if consecutive
                            else data.travel_week[k][e_idx] for consecutive in kinds)
                role = data.trainers[k].role
                travel[role] = min(travel.get(role, cents), cents)
            if trainers_needed == 1:
                trips = min(travel.values())
            elif len(travel) == len(ROLES):
                trips = sum(travel.values())
            else:
                continue
            total = (trainers_needed * data.fee_per_event_trainer_cents + trips
                     + (rules.min_participants + trainers_needed)
                     * data.catering_per_person_cents)
            if best is None or total < best[0]:
                best = (total, e_idx, trainers_needed)
        return best

    def budget(self) -> list[Finding]:
        """R13–R16: the budget is below the cheapest possible event."""
        cheapest = self.cheapest_event()
        if cheapest is None or self.data.budget_cents >= cheapest[0]:
            return []
        cents, e_idx, trainers = cheapest
        event_id = self.data.events[e_idx].event_id(self.scenario.sites)
        return [Finding("error", "budget-below-cheapest-event", (event_id,), {
            "budget_eur": self.scenario.budget_eur, "event_id": event_id,
            "participants": self.scenario.rules.min_participants, "trainers": trainers,
            "cost_cents": cents,
        })]

    # --- councils --------------------------------------------------------------------------

    def councils(self) -> list[Finding]:
        found: list[Finding] = []
        for c_idx, council in enumerate(self.scenario.councils):
            wanted = [m for m in MODULES if self.reachable[m][c_idx] > 0]
            unserved = [m for m in wanted if c_idx not in self.served[m]]
            if unserved:
                found.extend(self._council_unserved(council, unserved))
            found.extend(self._council_m2_limited(council))
        return found

    def _council_unserved(self, council: Council, modules: list[int]) -> list[Finding]:
        """Why a council with interest gets no event for some modules (R7, R9, R6, R12)."""
        scenario = self.scenario
        facts = {**self.council_facts(council),
                 "interested": {m: council.interested(m) for m in MODULES}}
        near = [s_idx for s_idx, site in enumerate(scenario.sites)
                if may_attend(council, site, scenario, self.reference)]
        if not near:
            return [Finding("warning", "council-no-site", (council.council_id,), {
                **facts, "neighbours": scenario.catchment.neighbours,
                "radius_km": scenario.catchment.radius_km})]
        hosting = [s_idx for s_idx in near if scenario.sites[s_idx].can_host]
        if not hosting:
            sites = tuple(
                (scenario.sites[s].site_id,
                 NO_PARTNER if scenario.sites[s].interested else NO_INTEREST)
                for s in near
            )
            return [Finding(
                "warning", "council-only-ineligible-sites",
                (council.council_id, *(site_id for site_id, _ in sites)),
                {**facts, "sites": sites},
            )]
        if not self.data.events:
            return []  # reported once as an error; the site findings give the reasons
        # One finding per distinct list of reasons (usually one for both modules).
        by_reasons: dict[tuple[tuple[str, str], ...], list[int]] = defaultdict(list)
        for module in modules:
            reasons = tuple((scenario.sites[s].site_id, self.site_reason(s, module) or NO_TRAINER)
                            for s in hosting)
            by_reasons[reasons].append(module)
        return [
            Finding(
                "warning", "council-not-served",
                (council.council_id, *(scenario.sites[s].site_id for s in hosting)),
                {**self.council_facts(council), "modules": tuple(group), "sites": reasons},
            )
            for reasons, group in by_reasons.items()
        ]

    def _council_m2_limited(self, council: Council) -> list[Finding]:
        """R5(b): module-2 interest beyond module-1 interest plus the trained members."""
        limit = council.interested_m1 + council.trained_m1
        if council.interested_m2 <= limit:
            return []
        return [Finding("warning", "council-m2-limited", (council.council_id,), {
            **self.council_facts(council), "interested_m1": council.interested_m1,
            "interested_m2": council.interested_m2, "trained_m1": council.trained_m1,
            "limit": limit,
        })]

    # --- sites -----------------------------------------------------------------------------

    def sites(self) -> list[Finding]:
        found: list[Finding] = []
        without_trainer = {m: not self.module_trainers(m) for m in MODULES}
        blocked_by_module: dict[int, list[str]] = defaultdict(list)
        for s_idx, site in enumerate(self.scenario.sites):
            facts, ident = self.site_facts(site), (site.site_id,)
            if site.interested and site.partner_council_id is None:
                found.append(Finding("warning", "site-without-partner", ident, facts))
                continue
            reasons = {m: self.site_reason(s_idx, m) for m in MODULES}
            if NO_SLOT in reasons.values():
                found.append(Finding("warning", "site-no-slot", ident,
                                     {**facts, "slots": len(self.data.slots)}))
                continue
            # A module nobody wants anywhere is not a site's shortfall.
            too_few = [m for m in MODULES if reasons[m] == TOO_FEW and any(self.reachable[m])]
            if too_few:
                found.append(self._site_too_few(s_idx, site, too_few))
            no_trainer = [m for m in MODULES if reasons[m] == NO_TRAINER]
            for m in no_trainer:
                if without_trainer[m]:
                    blocked_by_module[m].append(site.site_id)
            local = [m for m in no_trainer if not without_trainer[m]]
            if local:
                found.append(Finding("warning", "site-no-trainer", ident,
                                     {**facts, "modules": tuple(local)}))
        for m, site_ids in sorted(blocked_by_module.items()):
            found.append(Finding("warning", "module-no-trainer", tuple(site_ids),
                                 {"module": m, "site_ids": tuple(site_ids)}))
        return found

    def _site_too_few(self, s_idx: int, site: Site, modules: list[int]) -> Finding:
        """R6, R7: the whole catchment never reaches the minimum for these modules."""
        interested = tuple(
            (self.scenario.councils[c].council_id,
             tuple(self.reachable[m][c] for m in modules))
            for c in self.catchment(s_idx) if any(self.reachable[m][c] for m in modules)
        )
        return Finding("warning", "site-too-few-participants", (site.site_id,), {
            **self.site_facts(site), "modules": tuple(modules),
            "seats": {m: self.seats(s_idx, m) for m in modules},
            "min_participants": self.scenario.rules.min_participants,
            "interested": interested,
        })

    # --- trainers --------------------------------------------------------------------------

    def trainers(self) -> list[Finding]:
        found: list[Finding] = []
        data = self.data
        offered = {event.module for event in data.events}
        for k, trainer in enumerate(self.scenario.trainers):
            if k in self.usable_trainers:
                continue
            finding = self._trainer_unusable(k, trainer, offered)
            if finding is not None:
                found.append(finding)
        return found

    def _trainer_unusable(self, k: int, trainer: Trainer, offered: set[int]) -> Finding | None:
        """R12: why a trainer works no possible event."""
        ident = (trainer.trainer_id,)
        facts = {"trainer_id": trainer.trainer_id, "role": trainer.role}
        if trainer.max_events == 0:
            return Finding("warning", "trainer-max-events-zero", ident, facts)
        if not self.data.trainer_slot_ok[k]:
            return Finding("warning", "trainer-never-available", ident,
                           {**facts, "slots": len(self.data.slots)})
        if not self.data.events:
            return None  # nothing can be held at all: reported once, as an error
        if not offered.intersection(trainer.modules):
            return Finding("warning", "trainer-modules-not-needed", ident,
                           {**facts, "modules": tuple(trainer.modules)})
        return Finding("warning", "trainer-no-common-date", ident,
                       {**facts, "modules": tuple(sorted(offered.intersection(trainer.modules)))})

    # --- roles per month -------------------------------------------------------------------

    def roles_by_month(self) -> list[Finding]:
        """R10, R11: months with possible events but no trainer of one role free."""
        data, rules = self.data, self.scenario.rules
        if rules.two_trainer_min > rules.max_participants:
            return []  # no event ever needs a tandem
        month = [(s.day1.year, s.day1.month) for s in data.slots]
        with_events = {month[i] for event in data.events for i in event.slot_idcs}
        free: dict[str, set[tuple[int, int]]] = {role: set() for role in ROLES}
        for event in data.events:
            for k in event.trainer_idcs:
                days = data.trainer_slot_ok[k].intersection(event.slot_idcs)
                free[data.trainers[k].role].update(month[i] for i in days)
        found = []
        for role in ROLES:
            missing = sorted(with_events - free[role])
            if not missing:
                continue
            code = "no-educator-in-month" if role == "educator" else "no-council-trainer-in-month"
            found.append(Finding("warning", code, tuple(f"{y:04d}-{m:02d}" for y, m in missing), {
                "role": role, "months": tuple(missing), "whole_period": not free[role],
                "min_participants": rules.min_participants,
                "two_trainer_min": rules.two_trainer_min,
            }))
        return found


def presolve_findings(
    scenario: Scenario, reference: Reference, data: ProblemData | None = None
) -> list[Finding]:
    """All pre-solve findings of a scenario, errors first (see the module docstring).

    ``data`` is ``build_problem(scenario, reference)``; pass it when it is built already.
    """
    data = data if data is not None else build_problem(scenario, reference)
    checks = PresolveChecks(data, reference)
    if not data.slots:
        return checks.no_slots()  # every other finding would only repeat it
    found = [
        *checks.budget(),
        *checks.no_event_possible(),
        *checks.councils(),
        *checks.sites(),
        *checks.trainers(),
        *checks.roles_by_month(),
    ]
    return sorted(found, key=lambda f: f.severity != "error")  # stable: check order kept


def demand_by_region(
    scenario: Scenario, reference: Reference, data: ProblemData | None = None
) -> list[RegionDemand]:
    """Demand vs reachable seats per Regierungsbezirk, in the order of their keys (AGS)."""
    data = data if data is not None else build_problem(scenario, reference)
    checks = PresolveChecks(data, reference)
    municipalities = reference.municipalities
    order: dict[str, str] = {}
    for ags, municipality in sorted(municipalities.items()):
        order.setdefault(municipality.regierungsbezirk, ags)

    def region(ags: str) -> str:
        return municipalities[ags].regierungsbezirk

    names = {region(c.ags) for c in scenario.councils} | {region(s.ags) for s in scenario.sites}
    zero = dict.fromkeys(MODULES, 0)
    wanted = {name: dict(zero) for name in names}
    reachable = {name: dict(zero) for name in names}
    capacity = {name: dict(zero) for name in names}
    councils = dict.fromkeys(names, 0)
    sites = dict.fromkeys(names, 0)
    for c_idx, council in enumerate(scenario.councils):
        name = region(council.ags)
        councils[name] += int(council.interested_m1 + council.interested_m2 > 0)
        for m in MODULES:
            wanted[name][m] += council.interested(m)
            if c_idx in checks.served[m]:
                reachable[name][m] += min(checks.reachable[m][c_idx], checks.seat_cap)
    for site in scenario.sites:
        sites[region(site.ags)] += int(site.can_host)
    for event in data.events:
        name = region(scenario.sites[event.site_idx].ags)
        capacity[name][event.module] += scenario.rules.max_participants
    return [
        RegionDemand(name, councils[name], sites[name], wanted[name], reachable[name],
                     capacity[name])
        for name in sorted(names, key=lambda n: order.get(n, n))
    ]
