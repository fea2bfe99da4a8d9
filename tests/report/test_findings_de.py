"""Tests of ``optimizer/report/findings_de.py``: the German sentences of the pre-solve
findings and the lock problems, word for word.

The checks (``tests/checks/test_presolve.py``, ``tests/api/test_replan.py``) test the codes
and facts; here each sentence is built from facts as the checks give them, and two cases run
end to end from ``tiny_scenario`` (``conftest.py``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from optimizer.checks import locks, presolve
from optimizer.checks.locks import LockProblem, check_locks
from optimizer.checks.presolve import NO_SLOT, TOO_FEW, Finding, presolve_findings
from optimizer.domain.geography import Reference
from optimizer.domain.scenario import Lock, Scenario
from optimizer.report.findings_de import (
    FINDINGS_DE,
    LOCK_PROBLEMS_DE,
    finding_de,
    lock_problem_de,
)

AACHEN = {"council_id": "C-AC", "municipality": "Aachen"}
BIELEFELD = {"site_id": "BI", "site_name": "VHS Bielefeld"}


def _finding(code: str, **facts: Any) -> str:
    return finding_de(Finding("warning", code, (), facts))


def test_every_code_has_a_sentence() -> None:
    assert set(FINDINGS_DE) == set(presolve.CODES)
    assert set(LOCK_PROBLEMS_DE) == set(locks.CODES)


def test_a_budget_below_the_cheapest_event_end_to_end(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    poor = tiny_scenario.model_copy(update={"budget_eur": 1_115.99})

    (finding,) = presolve_findings(poor, nrw_reference)

    assert finding_de(finding) == (
        "Das Budget von 1.115,99 € reicht für keine einzige Veranstaltung: die günstigste "
        "mögliche (DU-M1, 8 Teilnehmende, 1 Trainer*in) kostet mindestens 1.116,00 € (R13–R16)."
    )


def test_a_council_without_a_site_nearby() -> None:
    text = _finding("council-no-site", **AACHEN, interested={1: 5, 2: 0}, neighbours=True,
                    radius_km=25.0)

    assert text == ("Gremium C-AC (Aachen) hat Interessierte (Modul 1: 5), aber keinen Standort "
                    "im Einzugsgebiet (eigene Gemeinde, Nachbargemeinden, bis 25 km; R7).")


def test_a_council_not_served_names_each_site_and_its_reason() -> None:
    text = _finding("council-not-served", **AACHEN, modules=(1, 2),
                    sites=(("AC", TOO_FEW), ("BI", NO_SLOT)))

    assert text == ("Gremium C-AC (Aachen): für Modul 1 und 2 kommt an keinem Standort im "
                    "Einzugsgebiet eine Veranstaltung zustande – AC (zu wenige Interessierte), "
                    "BI (kein freier Termin).")


def test_a_site_too_few_lists_at_most_eight_councils() -> None:
    interested = tuple((f"C{i}", (1, 0)) for i in range(10))

    text = _finding("site-too-few-participants", **BIELEFELD, modules=(1, 2),
                    seats={1: 10, 2: 0}, min_participants=12, interested=interested)

    assert text == (
        "Standort BI (VHS Bielefeld) erreicht nie die Mindestzahl: im Einzugsgebiet höchstens "
        "10 für Modul 1 und 0 für Modul 2, nötig sind 12 je Veranstaltung (R6, R7). "
        "Interessierte im Einzugsgebiet: C0 (1/0), C1 (1/0), C2 (1/0), C3 (1/0), C4 (1/0), "
        "C5 (1/0), C6 (1/0), C7 (1/0), … 2 weitere."
    )


@pytest.mark.parametrize(
    ("months", "whole", "minimum", "expected"),
    [
        (((2026, 10),), False, 8,
         "In Oktober 2026 ist keine Trainer*in aus dem Bereich Integrationsräte frei, obwohl "
         "Standorte Termine haben: in diesem Monat sind dann nur Veranstaltungen mit 8 bis 11 "
         "Teilnehmenden möglich (ab 12 braucht es ein Tandem, R11)."),
        (((2026, 9), (2026, 10)), True, 12,
         "Keine Trainer*in aus dem Bereich Integrationsräte ist für eine mögliche Veranstaltung "
         "frei: im ganzen Zeitraum ist dann keine Veranstaltung möglich (jede braucht ein "
         "Tandem, R11)."),
    ],
)
def test_a_month_without_a_trainer_of_one_role(
    months: tuple[tuple[int, int], ...], whole: bool, minimum: int, expected: str
) -> None:
    text = _finding("no-council-trainer-in-month", role="council", months=months,
                    whole_period=whole, min_participants=minimum, two_trainer_min=12)

    assert text == expected


def test_a_trainer_is_named_with_the_role() -> None:
    text = _finding("trainer-never-available", trainer_id="T-X", role="educator", slots=2)

    assert text == ("Trainer*in T-X (Erwachsenenbildung): an allen 2 Terminen des Zeitraums "
                    "nicht verfügbar (unavailable_dates; R12).")


# --- lock problems ------------------------------------------------------------------------------


def test_lock_problems_end_to_end(tiny_scenario: Scenario, nrw_reference: Reference) -> None:
    # 1 Feb 2026 is a Sunday: with Monday it is no allowed pair of days; T-CNC is away then.
    days = (dt.date(2026, 2, 1), dt.date(2026, 2, 2))
    trainers = tuple(t.model_copy(update={"unavailable_dates": days})
                     if t.trainer_id == "T-CNC" else t for t in tiny_scenario.trainers)
    scenario = tiny_scenario.model_copy(update={"trainers": trainers})
    lock = Lock(site_id="DU", module=1, days=days, trainer_ids=("T-CNC",))

    texts = [lock_problem_de(p) for p in check_locks(scenario, nrw_reference, [lock])]

    assert texts == [
        "Festlegung DU-M1 verletzt R2: 01.02.2026 + 02.02.2026 ist kein erlaubter Termin "
        "(kein erlaubtes Terminmuster fri+sat, sat+sun, sat+sat7)",
        "Festlegung DU-M1 verletzt R12: Trainer*in T-CNC ist am 01.02.2026, 02.02.2026 nicht "
        "verfügbar",
    ]


@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        (LockProblem("BI-M1", "R2", "days-blocked",
                     {"days": (dt.date(2026, 4, 3), dt.date(2026, 4, 4)),
                      "blocked": (dt.date(2026, 4, 3),)}),
         "Festlegung BI-M1 verletzt R2: 03.04.2026 + 04.04.2026 ist kein erlaubter Termin "
         "(gesperrt (Feiertag, Ferien oder gesperrter Tag): 03.04.2026)"),
        (LockProblem("DUS-M2", "R8", "council-over-interest",
                     {"council_id": "C-DU", "module": 2, "members": 9,
                      "event_ids": ("DUS-M2",), "interest": 8}),
         "Festlegung DUS-M2 verletzt R8: Gremium C-DU schickt in Modul 2 zusammen 9 Mitglieder "
         "(DUS-M2), Interesse nur 8"),
        (LockProblem("DUS-M1, DU-M1", "R16", "over-budget",
                     {"cost_cents": 123_456, "budget_eur": 500.0}),
         "Festlegung DUS-M1, DU-M1 verletzt R16: die Festlegungen kosten zusammen mindestens "
         "1.234,56 €, das Budget ist 500,00 €"),
        (LockProblem("DUS-M2", "R5", "module-gap",
                     {"gap_days": 3, "module1_event_id": "DUS-M1", "min_gap_days": 14}),
         "Festlegung DUS-M2 verletzt R5: Modul 2 beginnt 3 Tage nach Modul 1 (DUS-M1), "
         "mindestens 14"),
    ],
    ids=["blocked-days", "over-interest", "over-budget", "module-gap"],
)
def test_lock_problem_sentences(problem: LockProblem, expected: str) -> None:
    assert lock_problem_de(problem) == expected
