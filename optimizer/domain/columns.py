"""Sheet, file and header names of the exports, in one place so other code can import them.

The re-planning step reads the ``Termine`` sheet back: it looks for exactly the headers
:data:`EVENT` ("Veranstaltung") and :data:`CONFIRMED` ("Bestätigt") and takes an event as
confirmed when its cell holds one of :data:`CONFIRMED_VALUES` (case and spaces ignored).
Changing these names breaks that round trip, so they are constants, not literals in the
writer.
"""

from __future__ import annotations

from typing import Final

# --- where ------------------------------------------------------------------------------------
#: ``qualiplan export PLAN_DIR`` writes to ``PLAN_DIR/export/`` unless ``--out`` says otherwise;
#: so an exported schedule of a plan is ``PLAN_DIR / DEFAULT_EXPORT_DIR / WORKBOOK_FILE``.
DEFAULT_EXPORT_DIR: Final = "export"

# --- workbook ---------------------------------------------------------------------------------
WORKBOOK_FILE: Final = "schedule.xlsx"

SHEET_EVENTS: Final = "Termine"
SHEET_ASSIGNMENTS: Final = "Zuordnung"
#: The issue asks for "Trainer*innen", but Excel forbids ``*`` in sheet names; like the scenario
#: template (:mod:`optimizer.io.workbook`) the sheet is called "Trainer_innen".
SHEET_TRAINERS: Final = "Trainer_innen"
SHEET_BUDGET: Final = "Budget"
SHEET_COVERAGE: Final = "Abdeckung"
SHEETS: Final = (SHEET_EVENTS, SHEET_ASSIGNMENTS, SHEET_TRAINERS, SHEET_BUDGET, SHEET_COVERAGE)

# --- headers shared by several tables -------------------------------------------------------
EVENT: Final = "Veranstaltung"
SITE: Final = "Standort"
SITE_NAME: Final = "Standort-Name"
MUNICIPALITY: Final = "Gemeinde"
KREIS: Final = "Kreis"
REGION: Final = "Regierungsbezirk"
MODULE: Final = "Modul"
DAY1: Final = "Tag 1"
DAY2: Final = "Tag 2"
PARTICIPANTS: Final = "Teilnehmende"
COUNCILS: Final = "Gremien"
TRAINERS: Final = "Trainer*innen"
FEES: Final = "Honorare"
TRAVEL: Final = "Reisekosten"
CATERING: Final = "Verpflegung"
TOTAL: Final = "Gesamt"
#: Last column of ``Termine``, left empty: a planner writes "ja" or "x" to confirm an event.
CONFIRMED: Final = "Bestätigt"
CONFIRMED_VALUES: Final = ("ja", "x")

COUNCIL: Final = "Gremium"
MEMBERS: Final = "Mitglieder"
TRAINER: Final = "Trainer*in"
ROLE: Final = "Rolle"
SEMINAR_DAYS: Final = "Seminartage"
FEE: Final = "Honorar"

# --- CSV and calendar files -------------------------------------------------------------------
CSV_EVENTS: Final = "termine.csv"
CSV_ASSIGNMENTS: Final = "zuordnung.csv"
CSV_TRAINERS: Final = "trainerinnen.csv"
CSV_TRAINER_WORK: Final = "trainer_einsaetze.csv"
CSV_BUDGET: Final = "budget.csv"
CSV_COVERAGE_COUNCILS: Final = "abdeckung_gremien.csv"
CSV_COVERAGE_REGIONS: Final = "abdeckung_bezirke.csv"
CALENDAR_DIR: Final = "kalender"
