"""German sentences of the pre-solve findings and the lock problems, for planners.

:mod:`optimizer.checks.presolve` and :mod:`optimizer.checks.locks` find what keeps a scenario
or a lock from being planned and describe it by a code and its facts; this module words it,
one function per code, so the checks stay free of German and every message is written in
one place. Each sentence is complete on its own: it names its subjects (IDs, municipality or
site name) and the rule of RULES.md (R1–R18) it is about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from optimizer.checks.locks import LockProblem
from optimizer.checks.presolve import (
    NO_INTEREST,
    NO_PARTNER,
    NO_SLOT,
    NO_TRAINER,
    TOO_FEW,
    Finding,
)
from optimizer.report.numbers import eur_de, number_de

__all__ = ["FINDINGS_DE", "LOCK_PROBLEMS_DE", "MONTHS_DE", "ROLE_DE", "finding_de",
           "lock_problem_de"]

ROLE_DE = {"educator": "Erwachsenenbildung", "council": "Integrationsräte"}
MONTHS_DE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
             "September", "Oktober", "November", "Dezember")
#: Why a hosting site cannot hold a module (``council-not-served``).
SITE_REASON_DE = {
    NO_SLOT: "kein freier Termin",
    TOO_FEW: "zu wenige Interessierte",
    NO_TRAINER: "keine Trainer*in frei",
}
#: Why a site in a catchment cannot host at all (``council-only-ineligible-sites``, R9).
INELIGIBLE_DE = {NO_PARTNER: "ohne Partner-Gremium", NO_INTEREST: "VHS ohne Interesse"}
MAX_LISTED = 8  # councils named in one sentence

Facts = Mapping[str, Any]


def _date_de(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def _dates_de(days: Iterable[dt.date]) -> str:
    return ", ".join(map(_date_de, days))


def _month_de(month: tuple[int, int]) -> str:
    return f"{MONTHS_DE[month[1] - 1]} {month[0]}"


def _modules_de(modules: Iterable[int]) -> str:
    return "Modul " + " und ".join(str(m) for m in modules)


def _council(f: Facts) -> str:
    return f"{f['council_id']} ({f['municipality']})"


def _site(f: Facts) -> str:
    return f"{f['site_id']} ({f['site_name']})"


def _trainer(f: Facts) -> str:
    return f"Trainer*in {f['trainer_id']} ({ROLE_DE[f['role']]})"


def _interest(f: Facts) -> str:
    return ", ".join(f"Modul {m}: {n}" for m, n in sorted(f["interested"].items()) if n)


def _catchment_de(f: Facts) -> str:
    """The catchment rule (R7) as planners know it."""
    parts = ["eigene Gemeinde"]
    if f["neighbours"]:
        parts.append("Nachbargemeinden")
    if f["radius_km"]:
        parts.append(f"bis {number_de(f['radius_km'])} km")
    return ", ".join(parts)


# --- pre-solve findings, one function per code ------------------------------------------------


def _no_slots(f: Facts) -> str:
    return (f"Im Zeitraum {_date_de(f['start'])}–{_date_de(f['end'])} gibt es keinen "
            "zulässigen Termin: jedes mögliche Wochenende fällt auf einen Feiertag, in die "
            "Schulferien oder auf einen gesperrten Tag (R1, R2: slots.patterns, "
            "slots.avoid_school_holidays, slots.blocked_dates). Es kann keine Veranstaltung "
            "stattfinden.")


def _budget(f: Facts) -> str:
    who = "1 Trainer*in" if f["trainers"] == 1 else "2 Trainer*innen"
    return (f"Das Budget von {eur_de(f['budget_eur'])} reicht für keine einzige "
            f"Veranstaltung: die günstigste mögliche ({f['event_id']}, "
            f"{f['participants']} Teilnehmende, {who}) kostet mindestens "
            f"{eur_de(f['cost_cents'] / 100)} (R13–R16).")


def _no_event(f: Facts) -> str:
    return (f"Keine Veranstaltung ist möglich, obwohl {number_de(f['wanted'])} Plätze gewünscht "
            "sind: kein Standort hat zugleich Interesse und Partner-Gremium, einen freien "
            f"Termin, eine Trainer*in und mindestens {f['min_participants']} "
            "Interessierte im Einzugsgebiet (Einzelheiten in den weiteren Hinweisen).")


def _council_no_site(f: Facts) -> str:
    return (f"Gremium {_council(f)} hat Interessierte ({_interest(f)}), aber keinen Standort im "
            f"Einzugsgebiet ({_catchment_de(f)}; R7).")


def _council_ineligible(f: Facts) -> str:
    why = ", ".join(f"{site_id} ({INELIGIBLE_DE[reason]})" for site_id, reason in f["sites"])
    return (f"Gremium {_council(f)} hat Interessierte ({_interest(f)}), aber im Einzugsgebiet nur "
            f"Standorte, die keine Veranstaltung ausrichten können (R9): {why}.")


def _council_not_served(f: Facts) -> str:
    reasons = ", ".join(f"{site_id} ({SITE_REASON_DE[reason]})" for site_id, reason in f["sites"])
    return (f"Gremium {_council(f)}: für {_modules_de(f['modules'])} kommt an keinem Standort im "
            f"Einzugsgebiet eine Veranstaltung zustande – {reasons}.")


def _council_m2(f: Facts) -> str:
    return (f"Gremium {_council(f)}: {f['interested_m2']} Interessierte "
            f"für Modul 2, aber nur {f['interested_m1']} für Modul 1 und "
            f"{f['trained_m1']} bereits geschult – höchstens {f['limit']} können Modul 2 "
            "besuchen (R5: das Aufbaumodul setzt das Basismodul voraus).")


def _site_without_partner(f: Facts) -> str:
    return (f"Standort {_site(f)}: die VHS hat Interesse erklärt, aber kein "
            "Partner-Gremium (partner_council_id) – ohne Partner-Gremium kann sie "
            "keine Veranstaltung ausrichten (R9).")


def _site_no_slot(f: Facts) -> str:
    return (f"Standort {_site(f)}: kein Termin frei – die gesperrten Tage "
            f"(blocked_dates) treffen alle {f['slots']} Termine des Zeitraums (R2).")


def _site_too_few(f: Facts) -> str:
    seats = " und ".join(f"{f['seats'][m]} für Modul {m}" for m in f["modules"])
    interested = [f"{council_id} ({'/'.join(str(n) for n in reachable)})"
                  for council_id, reachable in f["interested"]]
    if len(interested) > MAX_LISTED:
        interested[MAX_LISTED:] = [f"… {len(interested) - MAX_LISTED} weitere"]
    where = (f"Interessierte im Einzugsgebiet: {', '.join(interested)}" if interested
             else "im Einzugsgebiet hat kein Gremium Interesse")
    return (f"Standort {_site(f)} erreicht nie die Mindestzahl: im Einzugsgebiet "
            f"höchstens {seats}, nötig sind {f['min_participants']} je "
            f"Veranstaltung (R6, R7). {where}.")


def _site_no_trainer(f: Facts) -> str:
    return (f"Standort {_site(f)}: für {_modules_de(f['modules'])} ist an keinem freien Termin "
            "der VHS eine Trainer*in frei, die das Modul unterrichtet (R12: "
            "unavailable_dates, blocked_dates).")


def _module_no_trainer(f: Facts) -> str:
    m = f["module"]
    return (f"Keine einsetzbare Trainer*in unterrichtet Modul {m} (max_events 0 oder nie "
            f"verfügbar zählen nicht): Modul {m} kann an keinem Standort stattfinden; "
            f"betroffen: {', '.join(f['site_ids'])} (R12).")


def _trainer_max_zero(f: Facts) -> str:
    return f"{_trainer(f)}: max_events ist 0 – wird nie eingesetzt (R12)."


def _trainer_never(f: Facts) -> str:
    return (f"{_trainer(f)}: an allen {f['slots']} Terminen des Zeitraums nicht "
            "verfügbar (unavailable_dates; R12).")


def _trainer_not_needed(f: Facts) -> str:
    return (f"{_trainer(f)}: unterrichtet nur {_modules_de(f['modules'])}, und dafür "
            "ist an keinem Standort eine Veranstaltung möglich (R12).")


def _trainer_no_date(f: Facts) -> str:
    return (f"{_trainer(f)}: an keinem der eigenen freien Termine hat ein Standort frei, der "
            f"{_modules_de(f['modules'])} anbieten kann "
            "(unavailable_dates gegen blocked_dates; R12).")


def _role_in_month(f: Facts) -> str:
    """R10, R11: months without a free trainer of one role."""
    minimum, tandem = f["min_participants"], f["two_trainer_min"]
    if minimum >= tandem:
        consequence = "ist dann keine Veranstaltung möglich (jede braucht ein Tandem, R11)"
    else:
        consequence = (f"sind dann nur Veranstaltungen mit {minimum} bis {tandem - 1} "
                       f"Teilnehmenden möglich (ab {tandem} braucht es ein Tandem, R11)")
    who = f"Trainer*in aus dem Bereich {ROLE_DE[f['role']]}"
    if f["whole_period"]:
        return (f"Keine {who} ist für eine mögliche Veranstaltung frei: im ganzen "
                f"Zeitraum {consequence}.")
    months = ", ".join(_month_de(m) for m in f["months"])
    when = "in diesem Monat" if len(f["months"]) == 1 else "in diesen Monaten"
    return (f"In {months} ist keine {who} frei, obwohl Standorte Termine haben: "
            f"{when} {consequence}.")


#: The sentence of each finding code (:data:`optimizer.checks.presolve.CODES`).
FINDINGS_DE: dict[str, Callable[[Facts], str]] = {
    "no-slots": _no_slots,
    "budget-below-cheapest-event": _budget,
    "no-event-possible": _no_event,
    "council-no-site": _council_no_site,
    "council-only-ineligible-sites": _council_ineligible,
    "council-not-served": _council_not_served,
    "council-m2-limited": _council_m2,
    "site-without-partner": _site_without_partner,
    "site-no-slot": _site_no_slot,
    "site-too-few-participants": _site_too_few,
    "site-no-trainer": _site_no_trainer,
    "module-no-trainer": _module_no_trainer,
    "trainer-max-events-zero": _trainer_max_zero,
    "trainer-never-available": _trainer_never,
    "trainer-modules-not-needed": _trainer_not_needed,
    "trainer-no-common-date": _trainer_no_date,
    "no-educator-in-month": _role_in_month,
    "no-council-trainer-in-month": _role_in_month,
}


def finding_de(finding: Finding) -> str:
    """The German sentence of a pre-solve finding (complete on its own)."""
    return FINDINGS_DE[finding.code](finding.facts)


# --- lock problems, one function per code -----------------------------------------------------


def _days_blocked(f: Facts) -> str:
    days = f["days"]
    return (f"{_date_de(days[0])} + {_date_de(days[1])} ist kein erlaubter Termin (gesperrt "
            f"(Feiertag, Ferien oder gesperrter Tag): {_dates_de(f['blocked'])})")


def _days_no_pattern(f: Facts) -> str:
    days = f["days"]
    return (f"{_date_de(days[0])} + {_date_de(days[1])} ist kein erlaubter Termin (kein erlaubtes "
            f"Terminmuster {', '.join(f['patterns'])})")


def _over_budget(f: Facts) -> str:
    return (f"die Festlegungen kosten zusammen mindestens {eur_de(f['cost_cents'] / 100)}, das "
            f"Budget ist {eur_de(f['budget_eur'])}")


#: The sentence of each lock problem code (:data:`optimizer.checks.locks.CODES`), without
#: the lead ``Festlegung … verletzt …:`` of :func:`lock_problem_de`.
LOCK_PROBLEMS_DE: dict[str, Callable[[Facts], str]] = {
    "day-outside-period": lambda f: (f"Tag außerhalb des Zeitraums {_date_de(f['start'])}–"
                                     f"{_date_de(f['end'])}: {_dates_de(f['days'])}"),
    "days-blocked": _days_blocked,
    "days-no-pattern": _days_no_pattern,
    "site-blocked-day": lambda f: (f"Standort {f['site_id']} ist am {_dates_de(f['days'])} "
                                   "gesperrt"),
    "unknown-site": lambda f: f"Standort {f['site_id']} gibt es im Szenario nicht (mehr)",
    "unknown-trainer": lambda f: f"Trainer*in {f['trainer_id']} gibt es im Szenario nicht (mehr)",
    "unknown-council": lambda f: f"Gremium {f['council_id']} gibt es im Szenario nicht (mehr)",
    "site-excluded": lambda f: f"Standort {f['site_id']} ist ausgeschlossen (Status excluded)",
    "site-not-interested": lambda f: f"die VHS {f['site_id']} hat kein Interesse (mehr) erklärt",
    "site-no-partner": lambda f: f"Standort {f['site_id']} hat kein Partnergremium",
    "same-role": lambda f: f"zwei Trainer*innen derselben Rolle ({f['role']})",
    "trainer-lacks-module": lambda f: (f"Trainer*in {f['trainer_id']} unterrichtet Modul "
                                       f"{f['module']} nicht"),
    "trainer-unavailable": lambda f: (f"Trainer*in {f['trainer_id']} ist am "
                                      f"{_dates_de(f['days'])} nicht verfügbar"),
    "participants-out-of-range": lambda f: (f"{f['participants']} Teilnehmende, erlaubt sind "
                                            f"{f['min_participants']}–{f['max_participants']}"),
    "trainer-count": lambda f: (f"{f['participants']} Teilnehmende brauchen {f['needed']} "
                                f"Trainer*in(nen), festgelegt sind {f['given']}"),
    "council-outside-catchment": lambda f: (f"Gremium {f['council_id']} darf Standort "
                                            f"{f['site_id']} nicht besuchen (Einzugsbereich)"),
    "council-over-interest": lambda f: (f"Gremium {f['council_id']} schickt in Modul "
                                        f"{f['module']} zusammen {f['members']} Mitglieder "
                                        f"({', '.join(f['event_ids'])}), Interesse nur "
                                        f"{f['interest']}"),
    "trainer-over-max-events": lambda f: (f"Trainer*in {f['trainer_id']} hat {f['locks']} "
                                          f"Festlegungen, höchstens {f['max_events']} "
                                          "Veranstaltungen"),
    "trainer-double-booked": lambda f: (f"Trainer*in {f['trainer_id']} ist am "
                                        f"{_dates_de(f['days'])} schon bei "
                                        f"{f['other_event_id']}"),
    "module-gap": lambda f: (f"Modul 2 beginnt {f['gap_days']} Tage nach Modul 1 "
                             f"({f['module1_event_id']}), mindestens {f['min_gap_days']}"),
    "over-budget": _over_budget,
}


def lock_problem_de(problem: LockProblem) -> str:
    """``Festlegung DUS-M1 verletzt R12: …``: one broken lock, in German."""
    text = LOCK_PROBLEMS_DE[problem.code](problem.facts)
    return f"Festlegung {problem.event_id} verletzt {problem.rule}: {text}"
