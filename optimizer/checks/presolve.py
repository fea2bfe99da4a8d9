"""Pre-solve checks: what in a valid scenario keeps people from being planned, and why.

A scenario can pass the reader and still plan little: a council with no site nearby, a VHS
without a partner council, a trainer who is never free. The solver would only report fewer
covered seats; these checks say why, before solving, in planners' language and with the
affected IDs. They are computed from :func:`~optimizer.domain.problem.build_problem`'s data, so they
use exactly the candidates, catchments and slots the model sees, and they import nothing from
the model.

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

Readings: a council's reachable module-2 seats are capped by R5(b) as in ``build_problem``; a
council's seats per module are capped by ``max_participants × max_events_per_council_module``.
The cheapest event is a lower bound (it may pair a tandem's trainers on different slots), so
the budget finding never fires when an event is in fact affordable.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from optimizer.domain.geography import Reference
from optimizer.domain.problem import ProblemData, build_problem, may_attend
from optimizer.domain.scenario import MODULES, Council, Scenario, Site, Trainer
from optimizer.report.numbers import eur_de, number_de

__all__ = ["Finding", "RegionDemand", "demand_by_region", "presolve_findings"]

Severity = Literal["error", "warning"]
ROLES: tuple[str, str] = ("educator", "council")
ROLE_DE = {"educator": "Erwachsenenbildung", "council": "Integrationsräte"}
_MONTHS_DE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
              "September", "Oktober", "November", "Dezember")

# Why a site cannot hold a module (see ``_site_reason``).
_NO_SLOT, _TOO_FEW, _NO_TRAINER = "no-slot", "too-few", "no-trainer"
_MAX_LISTED = 8  # councils named in one message
_REASON_DE = {
    _NO_SLOT: "kein freier Termin",
    _TOO_FEW: "zu wenige Interessierte",
    _NO_TRAINER: "keine Trainer*in frei",
}


@dataclass(frozen=True)
class Finding:
    """One pre-solve finding: how serious, a stable code, a German message, affected IDs.

    ``message`` is complete on its own (it names its subjects); ``ids`` lists the affected
    council, site or trainer IDs (months as ``JJJJ-MM`` for the role checks), for tools.
    """

    severity: Severity
    code: str
    message: str
    ids: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.message


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


def _date_de(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def _month_de(month: tuple[int, int]) -> str:
    return f"{_MONTHS_DE[month[1] - 1]} {month[0]}"


def _modules_de(modules: list[int]) -> str:
    return "Modul " + " und ".join(str(m) for m in modules)


def _catchment_de(scenario: Scenario) -> str:
    """The catchment rule (R7) as planners know it."""
    parts = ["eigene Gemeinde"]
    if scenario.catchment.neighbours:
        parts.append("Nachbargemeinden")
    if scenario.catchment.radius_km:
        parts.append(f"bis {number_de(scenario.catchment.radius_km)} km")
    return ", ".join(parts)


class _Checks:
    """The lookups every check needs, computed once from the problem data."""

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
        """Why a hosting site cannot hold a module (``None``: it can, or it cannot host)."""
        site = self.scenario.sites[s_idx]
        if not site.can_host or (s_idx, module) in self.candidate:
            return None
        if not self.site_slots(site):
            return _NO_SLOT
        if self.seats(s_idx, module) < self.scenario.rules.min_participants:
            return _TOO_FEW
        return _NO_TRAINER

    def council_label(self, council: Council) -> str:
        return f"{council.council_id} ({self.reference.municipalities[council.ags].name})"

    def site_label(self, site: Site) -> str:
        return f"{site.site_id} ({site.name})"

    # --- errors ---------------------------------------------------------------------------

    def no_slots(self) -> list[Finding]:
        if self.data.slots:
            return []
        period = self.scenario.period
        return [Finding(
            "error", "no-slots",
            f"Im Zeitraum {_date_de(period.start)}–{_date_de(period.end)} gibt es keinen "
            "zulässigen Termin: jedes mögliche Wochenende fällt auf einen Feiertag, in die "
            "Schulferien oder auf einen gesperrten Tag (R1, R2: slots.patterns, "
            "slots.avoid_school_holidays, slots.blocked_dates). Es kann keine Veranstaltung "
            "stattfinden.",
        )]

    def no_event_possible(self) -> list[Finding]:
        wanted = sum(c.interested_m1 + c.interested_m2 for c in self.scenario.councils)
        if self.data.events or not wanted:
            return []
        return [Finding(
            "error", "no-event-possible",
            f"Keine Veranstaltung ist möglich, obwohl {number_de(wanted)} Plätze gewünscht "
            "sind: kein Standort hat zugleich Interesse und Partner-Gremium, einen freien "
            f"Termin, eine Trainer*in und mindestens {self.scenario.rules.min_participants} "
            "Interessierte im Einzugsgebiet (Einzelheiten in den weiteren Hinweisen).",
        )]

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
        cheapest = self.cheapest_event()
        if cheapest is None or self.data.budget_cents >= cheapest[0]:
            return []
        cents, e_idx, trainers = cheapest
        event_id = self.data.events[e_idx].event_id(self.scenario.sites)
        who = "1 Trainer*in" if trainers == 1 else "2 Trainer*innen"
        return [Finding(
            "error", "budget-below-cheapest-event",
            f"Das Budget von {eur_de(self.scenario.budget_eur)} reicht für keine einzige "
            f"Veranstaltung: die günstigste mögliche ({event_id}, "
            f"{self.scenario.rules.min_participants} Teilnehmende, {who}) kostet mindestens "
            f"{eur_de(cents / 100)} (R13–R16).",
            (event_id,),
        )]

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
        label = self.council_label(council)
        interest = ", ".join(f"Modul {m}: {council.interested(m)}" for m in MODULES
                             if council.interested(m))
        near = [s_idx for s_idx, site in enumerate(scenario.sites)
                if may_attend(council, site, scenario, self.reference)]
        if not near:
            return [Finding(
                "warning", "council-no-site",
                f"Gremium {label} hat Interessierte ({interest}), aber keinen Standort im "
                f"Einzugsgebiet ({_catchment_de(scenario)}; R7).",
                (council.council_id,),
            )]
        hosting = [s_idx for s_idx in near if scenario.sites[s_idx].can_host]
        if not hosting:
            why = [
                f"{scenario.sites[s].site_id} ("
                + ("ohne Partner-Gremium" if scenario.sites[s].interested
                   else "VHS ohne Interesse") + ")"
                for s in near
            ]
            return [Finding(
                "warning", "council-only-ineligible-sites",
                f"Gremium {label} hat Interessierte ({interest}), aber im Einzugsgebiet nur "
                f"Standorte, die keine Veranstaltung ausrichten können (R9): {', '.join(why)}.",
                (council.council_id, *(scenario.sites[s].site_id for s in near)),
            )]
        if not self.data.events:
            return []  # reported once as an error; the site findings give the reasons
        # One finding per distinct list of reasons (usually one for both modules).
        by_reasons: dict[str, list[int]] = defaultdict(list)
        for module in modules:
            reasons = ", ".join(
                f"{scenario.sites[s].site_id} "
                f"({_REASON_DE[self.site_reason(s, module) or _NO_TRAINER]})"
                for s in hosting
            )
            by_reasons[reasons].append(module)
        return [
            Finding(
                "warning", "council-not-served",
                f"Gremium {label}: für {_modules_de(group)} kommt an keinem Standort im "
                f"Einzugsgebiet eine Veranstaltung zustande – {reasons}.",
                (council.council_id, *(scenario.sites[s].site_id for s in hosting)),
            )
            for reasons, group in by_reasons.items()
        ]

    def _council_m2_limited(self, council: Council) -> list[Finding]:
        limit = council.interested_m1 + council.trained_m1
        if council.interested_m2 <= limit:
            return []
        return [Finding(
            "warning", "council-m2-limited",
            f"Gremium {self.council_label(council)}: {council.interested_m2} Interessierte "
            f"für Modul 2, aber nur {council.interested_m1} für Modul 1 und "
            f"{council.trained_m1} bereits geschult – höchstens {limit} können Modul 2 "
            "besuchen (R5: das Aufbaumodul setzt das Basismodul voraus).",
            (council.council_id,),
        )]

    # --- sites -----------------------------------------------------------------------------

    def sites(self) -> list[Finding]:
        found: list[Finding] = []
        scenario = self.scenario
        without_trainer = {m: not self.module_trainers(m) for m in MODULES}
        blocked_by_module: dict[int, list[str]] = defaultdict(list)
        for s_idx, site in enumerate(scenario.sites):
            label = self.site_label(site)
            if site.interested and site.partner_council_id is None:
                found.append(Finding(
                    "warning", "site-without-partner",
                    f"Standort {label}: die VHS hat Interesse erklärt, aber kein "
                    "Partner-Gremium (partner_council_id) – ohne Partner-Gremium kann sie "
                    "keine Veranstaltung ausrichten (R9).",
                    (site.site_id,),
                ))
                continue
            reasons = {m: self.site_reason(s_idx, m) for m in MODULES}
            if _NO_SLOT in reasons.values():
                found.append(Finding(
                    "warning", "site-no-slot",
                    f"Standort {label}: kein Termin frei – die gesperrten Tage "
                    f"(blocked_dates) treffen alle {len(self.data.slots)} Termine des "
                    "Zeitraums (R2).",
                    (site.site_id,),
                ))
                continue
            # A module nobody wants anywhere is not a site's shortfall.
            too_few = [m for m in MODULES if reasons[m] == _TOO_FEW and any(self.reachable[m])]
            if too_few:
                found.append(self._site_too_few(s_idx, site, too_few))
            no_trainer = [m for m in MODULES if reasons[m] == _NO_TRAINER]
            for m in no_trainer:
                if without_trainer[m]:
                    blocked_by_module[m].append(site.site_id)
            local = [m for m in no_trainer if not without_trainer[m]]
            if local:
                found.append(Finding(
                    "warning", "site-no-trainer",
                    f"Standort {label}: für {_modules_de(local)} ist an keinem freien Termin "
                    "der VHS eine Trainer*in frei, die das Modul unterrichtet (R12: "
                    "unavailable_dates, blocked_dates).",
                    (site.site_id,),
                ))
        for m, site_ids in sorted(blocked_by_module.items()):
            found.append(Finding(
                "warning", "module-no-trainer",
                f"Keine einsetzbare Trainer*in unterrichtet Modul {m} (max_events 0 oder nie "
                f"verfügbar zählen nicht): Modul {m} kann an keinem Standort stattfinden; "
                "betroffen: "
                f"{', '.join(site_ids)} (R12).",
                tuple(site_ids),
            ))
        return found

    def _site_too_few(self, s_idx: int, site: Site, modules: list[int]) -> Finding:
        scenario = self.scenario
        seats = " und ".join(f"{self.seats(s_idx, m)} für Modul {m}" for m in modules)
        interested = [
            f"{scenario.councils[c].council_id} "
            f"({'/'.join(str(self.reachable[m][c]) for m in modules)})"
            for c in self.catchment(s_idx) if any(self.reachable[m][c] for m in modules)
        ]
        if len(interested) > _MAX_LISTED:
            interested[_MAX_LISTED:] = [f"… {len(interested) - _MAX_LISTED} weitere"]
        where = (f"Interessierte im Einzugsgebiet: {', '.join(interested)}" if interested
                 else "im Einzugsgebiet hat kein Gremium Interesse")
        return Finding(
            "warning", "site-too-few-participants",
            f"Standort {self.site_label(site)} erreicht nie die Mindestzahl: im Einzugsgebiet "
            f"höchstens {seats}, nötig sind {scenario.rules.min_participants} je "
            f"Veranstaltung (R6, R7). {where}.",
            (site.site_id,),
        )

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
        ident = (trainer.trainer_id,)
        label = f"Trainer*in {trainer.trainer_id} ({ROLE_DE[trainer.role]})"
        if trainer.max_events == 0:
            return Finding("warning", "trainer-max-events-zero",
                           f"{label}: max_events ist 0 – wird nie eingesetzt (R12).", ident)
        if not self.data.trainer_slot_ok[k]:
            return Finding(
                "warning", "trainer-never-available",
                f"{label}: an allen {len(self.data.slots)} Terminen des Zeitraums nicht "
                "verfügbar (unavailable_dates; R12).",
                ident,
            )
        if not self.data.events:
            return None  # nothing can be held at all: reported once, as an error
        if not offered.intersection(trainer.modules):
            return Finding(
                "warning", "trainer-modules-not-needed",
                f"{label}: unterrichtet nur {_modules_de(list(trainer.modules))}, und dafür "
                "ist an keinem Standort eine Veranstaltung möglich (R12).",
                ident,
            )
        return Finding(
            "warning", "trainer-no-common-date",
            f"{label}: an keinem der eigenen freien Termine hat ein Standort frei, der "
            f"{_modules_de(sorted(offered.intersection(trainer.modules)))} anbieten kann "
            "(unavailable_dates gegen blocked_dates; R12).",
            ident,
        )

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
        if rules.min_participants >= rules.two_trainer_min:
            consequence = "ist dann keine Veranstaltung möglich (jede braucht ein Tandem, R11)"
        else:
            consequence = (f"sind dann nur Veranstaltungen mit {rules.min_participants} bis "
                           f"{rules.two_trainer_min - 1} Teilnehmenden möglich (ab "
                           f"{rules.two_trainer_min} braucht es ein Tandem, R11)")
        found = []
        for role in ROLES:
            missing = sorted(with_events - free[role])
            if not missing:
                continue
            code = "no-educator-in-month" if role == "educator" else "no-council-trainer-in-month"
            who = f"Trainer*in aus dem Bereich {ROLE_DE[role]}"
            if not free[role]:
                text = (f"Keine {who} ist für eine mögliche Veranstaltung frei: im ganzen "
                        f"Zeitraum {consequence}.")
            else:
                months = ", ".join(_month_de(m) for m in missing)
                when = "in diesem Monat" if len(missing) == 1 else "in diesen Monaten"
                text = (f"In {months} ist keine {who} frei, obwohl Standorte Termine haben: "
                        f"{when} {consequence}.")
            found.append(Finding("warning", code, text,
                                 tuple(f"{y:04d}-{m:02d}" for y, m in missing)))
        return found


def presolve_findings(
    scenario: Scenario, reference: Reference, data: ProblemData | None = None
) -> list[Finding]:
    """All pre-solve findings of a scenario, errors first (see the module docstring).

    ``data`` is ``build_problem(scenario, reference)``; pass it when it is built already.
    """
    data = data if data is not None else build_problem(scenario, reference)
    checks = _Checks(data, reference)
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
    checks = _Checks(data, reference)
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
