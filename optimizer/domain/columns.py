"""Sheet, file and header names of the exports, in one place so other code can import them.

The re-planning step reads the ``Termine`` sheet back: it looks for exactly the headers
:data:`EVENT` ("Veranstaltung") and :data:`CONFIRMED` ("Bestätigt") and takes an event as
confirmed when its cell holds one of :data:`CONFIRMED_VALUES` (case and spaces ignored):
"ja" (or "x") fixes the event with its trainers, "Termin" its date and venue only.
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
#: One table per sheet (a printout shows one table): the sums per trainer and the coverage
#: per Regierungsbezirk have sheets of their own.
SHEET_TRAINER_SUMS: Final = "Trainer_Summen"
SHEET_BUDGET: Final = "Budget"
SHEET_COVERAGE: Final = "Abdeckung"
SHEET_COVERAGE_REGIONS: Final = "Abdeckung_Bezirke"
SHEETS: Final = (SHEET_EVENTS, SHEET_ASSIGNMENTS, SHEET_TRAINERS, SHEET_TRAINER_SUMS,
                 SHEET_BUDGET, SHEET_COVERAGE, SHEET_COVERAGE_REGIONS)

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
#: Councils by municipality name; their IDs, for machines, in :data:`COUNCIL_IDS`.
COUNCILS: Final = "Gremien"
COUNCIL_IDS: Final = "Gremien-IDs"
#: Trainers by name; their IDs in :data:`TRAINER_IDS`.
TRAINERS: Final = "Trainer*innen"
TRAINER_IDS: Final = "Trainer*innen-IDs"
ADDRESS: Final = "Adresse"
HOURS: Final = "Uhrzeit"
FEES: Final = "Honorare"
TRAVEL: Final = "Reisekosten"
CATERING: Final = "Verpflegung"
TOTAL: Final = "Gesamt"
#: Column of ``Termine``, left empty: a planner writes "ja" (or "x") to confirm an event with
#: its trainers, "Termin" to confirm date and venue only (trainers may change in a re-plan).
CONFIRMED: Final = "Bestätigt"
CONFIRMED_FULL: Final = "ja"
CONFIRMED_DATE: Final = "Termin"
CONFIRMED_VALUES: Final = (CONFIRMED_FULL, CONFIRMED_DATE, "x")

COUNCIL: Final = "Gremium"
COUNCIL_ID: Final = "Gremium-ID"
TRAINER_ID: Final = "Trainer*in-ID"
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
#: Cancellations (``METHOD:CANCEL``) of entries a re-plan dropped, per person, below it.
CANCEL_DIR: Final = "absagen"
#: Letters (PDF) per council and VHS; the trainers' assignment sheets (internal) below it.
LETTERS_DIR: Final = "briefe"
INTERNAL_DIR: Final = "intern"
