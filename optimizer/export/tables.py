"""The export tables, independent of the file format (xlsx sheets and CSV files share them).

Every figure comes from :func:`optimizer.insight.figures.analyse_plan`, the project's one source of
plan figures (coverage from the assignments, money from the validator's exact recomputation
in integer cents, R13–R16), so the workbook, the CSV files and the HTML report can never
disagree. The one figure the analysis only sums up, a trainer's travel to one event, comes
straight from that recomputation (:func:`optimizer.validate.recompute_costs`). Each table
is built once here and then written by :mod:`optimizer.export.xlsx` and
:mod:`optimizer.export.csv_de`. Money stays in integer cents until a writer formats it; dates
are ``datetime.date``.

People read names (:class:`optimizer.domain.names.Names`): trainers by name, councils by
municipality, sites by VHS name and address; the IDs follow in columns of their own, for
machines (the re-plan reads the event ID back). R18: trainers' names appear (they are the
contract partners), their home locations never do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from optimizer.domain import columns as col
from optimizer.domain.geography import Reference
from optimizer.domain.names import ROLE_DE, Names, hours_de
from optimizer.domain.plan import Plan
from optimizer.domain.scenario import MODULES, Scenario
from optimizer.insight.figures import EventRow, PlanAnalysis, Seats, analyse_plan
from optimizer.validate import EventCostCents, recompute_costs

#: How a writer formats a column: text, whole number, money (integer cents), date, share (0–1).
ColumnKind = Literal["text", "int", "money", "date", "percent"]
CellValue = str | int | float | dt.date | None



@dataclass(frozen=True)
class Column:
    """One column: its German header, how to format it, and values offered for input."""

    header: str
    kind: ColumnKind = "text"
    #: Values a planner may type (a drop-down list in the workbook); empty: no list.
    choices: tuple[str, ...] = ()
    #: Long text (names, lists): the workbook wraps it in a column of limited width.
    wide: bool = False


@dataclass
class Table:
    """A header row and data rows; ``rows[i][j]`` belongs to ``columns[j]``."""

    name: str
    columns: tuple[Column, ...]
    rows: list[tuple[CellValue, ...]] = field(default_factory=list)

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


@dataclass(frozen=True)
class ExportContext:
    """What the tables and calendars are built from: the plan, its scenario, its figures."""

    plan: Plan
    scenario: Scenario
    reference: Reference
    analysis: PlanAnalysis
    #: The validator's exact costs per event, for the one figure the analysis only sums up:
    #: each trainer's travel to each event (R14).
    costs: dict[str, EventCostCents]

    @classmethod
    def build(cls, plan: Plan, scenario: Scenario, reference: Reference) -> ExportContext:
        """Raises ``ValueError`` when the plan does not fit the scenario (unknown IDs)."""
        return cls(plan, scenario, reference, analyse_plan(scenario, plan, reference),
                   recompute_costs(scenario, plan, reference))

    @property
    def events(self) -> tuple[EventRow, ...]:
        """Events in calendar order (first day, then ID), the order planners read them."""
        return self.analysis.events

    @property
    def names(self) -> Names:
        return self.analysis.names

    def hours(self, site_id: str) -> str:
        """A seminar day's hours at the site (``10:00–16:00 Uhr``)."""
        site = next(s for s in self.scenario.sites if s.site_id == site_id)
        return hours_de(*self.scenario.seminar_hours(site))


def _day(row: EventRow, number: int) -> dt.date:
    return row.days[number - 1]


def events_table(ctx: ExportContext) -> Table:
    """``Termine``: one row per event, costs per line (R13–R15), an empty confirmation column.

    The VHS reads its dates here; the planner marks confirmed events in
    :data:`optimizer.domain.columns.CONFIRMED` ("ja" or "Termin"), which re-planning reads
    back with the event ID (:data:`~optimizer.domain.columns.EVENT`).
    """
    table = Table(col.SHEET_EVENTS, (
        Column(col.EVENT), Column(col.MODULE, "int"), Column(col.SITE_NAME, wide=True),
        Column(col.ADDRESS, wide=True), Column(col.REGION), Column(col.DAY1, "date"),
        Column(col.DAY2, "date"), Column(col.HOURS), Column(col.PARTICIPANTS, "int"),
        Column(col.COUNCILS, wide=True), Column(col.TRAINERS, wide=True),
        Column(col.FEES, "money"), Column(col.TRAVEL, "money"), Column(col.CATERING, "money"),
        Column(col.TOTAL, "money"), Column(col.CONFIRMED, choices=col.CONFIRMED_VALUES[:2]),
        Column(col.SITE), Column(col.COUNCIL_IDS, wide=True), Column(col.TRAINER_IDS, wide=True),
    ))
    names = ctx.names
    for row in ctx.events:
        councils = sorted(row.council_ids)
        table.rows.append((
            row.event_id, row.module, row.site_name, names.address(row.site_id),
            row.regierungsbezirk, _day(row, 1), _day(row, 2), ctx.hours(row.site_id),
            row.participants, names.council_list(councils), names.trainer_list(row.trainer_ids),
            row.fees_cents, row.travel_cents, row.catering_cents, row.total_cents, None,
            row.site_id, ";".join(councils), ";".join(row.trainer_ids),
        ))
    return table


def assignments_table(ctx: ExportContext) -> Table:
    """``Zuordnung``: which council sends how many members to which event (R8).

    Sorted by council, then module: each council's contact sees its rows together.
    """
    table = Table(col.SHEET_ASSIGNMENTS, (
        Column(col.COUNCIL, wide=True), Column(col.KREIS), Column(col.REGION),
        Column(col.EVENT), Column(col.MODULE, "int"), Column(col.SITE_NAME, wide=True),
        Column(col.DAY1, "date"), Column(col.DAY2, "date"), Column(col.MEMBERS, "int"),
        Column(col.COUNCIL_ID), Column(col.SITE),
    ))
    events = {row.event_id: row for row in ctx.events}
    councils = {c.council_id: c for c in ctx.analysis.councils}
    ordered = sorted(ctx.plan.assignments,
                     key=lambda a: (a.council_id, events[a.event_id].module, a.event_id))
    for a in ordered:
        event, council = events[a.event_id], councils[a.council_id]
        table.rows.append((
            ctx.names.council(a.council_id), council.kreis, council.regierungsbezirk,
            a.event_id, event.module, event.site_name, _day(event, 1), _day(event, 2),
            a.members, a.council_id, event.site_id,
        ))
    return table


def _fee_shares(event_fees_cents: int, num_trainers: int) -> list[int]:
    """R13: an event's fees shared by its trainers, as :mod:`optimizer.insight.figures` shares them
    (evenly; an odd cent of a sub-cent rate to the first trainers), so the rows of
    :func:`trainer_work_table` add up to the sums of :func:`trainers_table` (tested)."""
    share, rest = divmod(event_fees_cents, num_trainers)
    return [share + (1 if i < rest else 0) for i in range(num_trainers)]


def trainer_work_table(ctx: ExportContext) -> Table:
    """``Trainer_innen``, left part: one row per trainer and event ("Einsatz") with its days,
    the trainer's fee (R13) and travel (R14, rounded per trainer and event), what a contract
    or a travel claim for one event needs."""
    table = Table(col.SHEET_TRAINERS, (
        Column(col.TRAINER, wide=True), Column(col.ROLE), Column(col.EVENT),
        Column(col.MODULE, "int"), Column(col.SITE_NAME, wide=True), Column(col.MUNICIPALITY),
        Column(col.DAY1, "date"), Column(col.DAY2, "date"), Column(col.FEE, "money"),
        Column(col.TRAVEL, "money"), Column(col.TRAINER_ID), Column(col.SITE),
    ))
    roles = {t.trainer_id: ROLE_DE.get(t.role, t.role) for t in ctx.scenario.trainers}
    rows = []
    for event in ctx.events:
        cost = ctx.costs[event.event_id]
        for trainer_id, fee, travel in zip(
            event.trainer_ids, _fee_shares(cost.fees, len(event.trainer_ids)),
            cost.travel_by_trainer, strict=True,
        ):
            rows.append((
                ctx.names.trainer(trainer_id), roles[trainer_id], event.event_id, event.module,
                event.site_name, event.municipality, _day(event, 1), _day(event, 2), fee, travel,
                trainer_id, event.site_id,
            ))
    table.rows = sorted(rows, key=lambda r: str(r[10]))  # stable: by trainer, then by date
    return table


def trainers_table(ctx: ExportContext) -> Table:
    """``Trainer_innen``, right part: one row per trainer: events, seminar days, fees, travel
    (R12–R14).

    Every trainer of the scenario is listed (also without an event), so finance sees every
    contract; fees and travel are the analysis's exact per-trainer sums.
    """
    table = Table(col.SHEET_TRAINER_SUMS, (
        Column(col.TRAINER, wide=True), Column(col.ROLE),
        Column("Höchstens Veranstaltungen", "int"), Column("Veranstaltungen", "int"),
        Column("Modul 1", "int"), Column("Modul 2", "int"), Column(col.SEMINAR_DAYS, "int"),
        Column(col.FEES, "money"), Column(col.TRAVEL, "money"), Column(col.TOTAL, "money"),
        Column(col.TRAINER_ID),
    ))
    for load in sorted(ctx.analysis.trainers, key=lambda t: t.trainer_id):
        table.rows.append((
            ctx.names.trainer(load.trainer_id), ROLE_DE.get(load.role, load.role),
            load.max_events, load.events, load.events_by_module[1], load.events_by_module[2],
            load.seminar_days, load.fees_cents, load.travel_cents,
            load.fees_cents + load.travel_cents, load.trainer_id,
        ))
    return table


def budget_table(ctx: ExportContext) -> Table:
    """``Budget``: fees, travel, catering, total against the budget (R13–R16), for finance."""
    costs = ctx.analysis.costs
    table = Table(col.SHEET_BUDGET, (
        Column("Posten"), Column("Betrag", "money"), Column("Anteil am Budget", "percent"),
    ))

    def share(cents: int) -> float | None:
        return cents / costs.budget_cents if costs.budget_cents else None

    for label, cents in costs.lines():
        table.rows.append((label, cents, share(cents)))
    table.rows.append(("Gesamt", costs.total_cents, share(costs.total_cents)))
    table.rows.append(("Budget", costs.budget_cents, share(costs.budget_cents)))
    table.rows.append(("Verbleibend", costs.remaining_cents, share(costs.remaining_cents)))
    return table


def _seat_columns() -> tuple[Column, ...]:
    per_module = tuple(
        Column(f"{what} M{m}", "int") for m in MODULES for what in ("Gewünscht", "Abgedeckt")
    )
    return (*per_module, Column("Gewünscht gesamt", "int"), Column("Abgedeckt gesamt", "int"),
            Column("Offen gesamt", "int"), Column("Abdeckung", "percent"))


def _seat_cells(seats: Mapping[int, Seats], total: Seats) -> tuple[CellValue, ...]:
    per_module = tuple(v for m in MODULES for v in (seats[m].wanted, seats[m].covered))
    return (*per_module, total.wanted, total.covered, total.unmet, total.share)


def coverage_councils_table(ctx: ExportContext) -> Table:
    """``Abdeckung``, left part: wanted (R8 survey) and covered seats per council and module."""
    table = Table(col.SHEET_COVERAGE, (
        Column(col.COUNCIL, wide=True), Column(col.KREIS), Column(col.REGION),
        *_seat_columns(), Column(col.COUNCIL_ID),
    ))
    for c in sorted(ctx.analysis.councils, key=lambda c: c.council_id):
        table.rows.append((ctx.names.council(c.council_id), c.kreis, c.regierungsbezirk,
                           *_seat_cells(c.seats, c.total), c.council_id))
    return table


def coverage_regions_table(ctx: ExportContext) -> Table:
    """``Abdeckung``, right part: the same per Regierungsbezirk, with a row for all of NRW."""
    table = Table(col.SHEET_COVERAGE_REGIONS, (
        Column(col.REGION), Column("Gremien", "int"), Column("Gremien erreicht", "int"),
        *_seat_columns(),
    ))
    regions = ctx.analysis.by_regierungsbezirk
    for r in regions:
        table.rows.append((r.name, r.councils, r.councils_reached,
                           *_seat_cells(r.seats, r.total)))
    headline = ctx.analysis.headline
    table.rows.append(("NRW gesamt", headline.councils, headline.councils_reached,
                       *_seat_cells(headline.seats, headline.total)))
    return table
