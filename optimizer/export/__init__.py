"""Exports for each party from a solved plan (``qualiplan export PLAN_DIR``).

* ``schedule.xlsx`` (:mod:`.xlsx`): sheets ``Termine`` (VHS dates, with a column to mark an
  event confirmed), ``Zuordnung`` (councils → events), ``Trainer_innen`` (each trainer's
  events with fee and travel, beside it the sums per trainer), ``Budget`` (lines against the
  budget), ``Abdeckung`` (per council, beside it per Regierungsbezirk);
* CSV files with the same tables for Excel-DE (:mod:`.csv_de`);
* iCalendar files per trainer, per site and per council, with the cancellations a re-plan
  needs (:mod:`.ics`).

The tables come from :mod:`optimizer.insight.figures` (:mod:`.tables`); header names are
constants in
:mod:`.columns`. Everything is built in memory as ``{relative path: bytes}``; the CLI writes
it with :func:`optimizer.io.report_files.write_folder` (atomically) and reads the previous
export's calendar state with :mod:`optimizer.io.export_io`, so this package touches no files.
"""

from __future__ import annotations

from optimizer.domain import columns as col
from optimizer.domain.geography import Reference
from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Scenario
from optimizer.export.csv_de import csv_bytes
from optimizer.export.ics import (
    FINGERPRINT,
    CalendarState,
    calendar_files,
    dtstamp,
    known_entries,
)
from optimizer.export.tables import (
    ExportContext,
    assignments_table,
    budget_table,
    coverage_councils_table,
    coverage_regions_table,
    events_table,
    trainer_work_table,
    trainers_table,
)
from optimizer.export.xlsx import workbook_bytes

__all__ = ["FINGERPRINT", "CalendarState", "ExportContext", "export_files", "known_entries"]


def export_files(
    plan: Plan, scenario: Scenario, reference: Reference,
    previous_calendars: CalendarState | None = None,
) -> dict[str, bytes]:
    """Every file of the export folder: relative path -> content.

    ``previous_calendars`` (UID -> entry of the last export, see
    :func:`optimizer.io.export_io.read_calendar_entries`, or of a re-plan's previous plan,
    :func:`known_entries`) lets changed calendar entries carry a higher SEQUENCE and gone
    ones be cancelled. Raises ``ValueError`` when the plan does not fit the scenario.
    """
    ctx = ExportContext.build(plan, scenario, reference)
    events, assignments = events_table(ctx), assignments_table(ctx)
    work, trainers = trainer_work_table(ctx), trainers_table(ctx)
    budget = budget_table(ctx)
    by_council, by_region = coverage_councils_table(ctx), coverage_regions_table(ctx)
    files = {
        col.WORKBOOK_FILE: workbook_bytes(
            [events, assignments, work, trainers, budget, by_council, by_region], dtstamp(ctx),
        ),
        col.CSV_EVENTS: csv_bytes(events),
        col.CSV_ASSIGNMENTS: csv_bytes(assignments),
        col.CSV_TRAINERS: csv_bytes(trainers),
        col.CSV_TRAINER_WORK: csv_bytes(work),
        col.CSV_BUDGET: csv_bytes(budget),
        col.CSV_COVERAGE_COUNCILS: csv_bytes(by_council),
        col.CSV_COVERAGE_REGIONS: csv_bytes(by_region),
    }
    files.update(calendar_files(ctx, previous_calendars))
    return files
