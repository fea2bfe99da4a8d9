"""The command line's German tables (rich), rendered from the API's results; lines of text
are in :mod:`.words`."""

from __future__ import annotations

import datetime as dt

from rich.table import Table

from optimizer.api.results import Comparison
from optimizer.checks.presolve import RegionDemand
from optimizer.domain.geography import Reference
from optimizer.domain.names import Names
from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Scenario
from optimizer.insight.alternatives import AlternativesResult
from optimizer.insight.comparison import EventChange
from optimizer.insight.explain import ExplainReport
from optimizer.report import alternatives_de, explain_de
from optimizer.report.compare import KIND_DE, format_metric, metric_label_de
from optimizer.report.numbers import number_de

#: Difference rows printed by ``compare`` (all of them are in unterschiede.csv).
SHOWN_DIFF_ROWS = 40
_SHORT_CHANGE = {"moved": "Termin", "trainers": "Trainer*innen", "participants": "Teilnehmende"}
_DEMAND_KINDS = ("wanted", "reachable", "capacity")


def region_table(rows: list[RegionDemand], max_participants: int) -> Table:
    """Demand vs reachable seats per Regierungsbezirk, with an NRW total row.

    Per module one cell "gewünscht / erreichbar / Plätze", so the table fits 80 columns.
    """
    table = Table(title="Nachfrage und erreichbare Plätze je Regierungsbezirk",
                  title_justify="left", caption_justify="left")
    table.add_column("Bezirk", no_wrap=True)
    table.add_column("Gremien", justify="right")
    table.add_column("Standorte", justify="right")
    for module in (1, 2):
        table.add_column(f"Modul {module}\ngewünscht /\nerreichbar /\nPlätze", justify="right",
                         no_wrap=True)

    def cells(row: RegionDemand) -> list[str]:
        per_module = [" / ".join(number_de(getattr(row, kind)[m]) for kind in _DEMAND_KINDS)
                      for m in (1, 2)]
        return [row.regierungsbezirk, number_de(row.councils), number_de(row.sites),
                *per_module]

    for row in rows:
        table.add_row(*cells(row))
    total = RegionDemand(
        "NRW gesamt", sum(r.councils for r in rows), sum(r.sites for r in rows),
        *({m: sum(getattr(r, kind)[m] for r in rows) for m in (1, 2)} for kind in _DEMAND_KINDS),
    )
    table.add_section()
    table.add_row(*cells(total))
    table.caption = (
        "Gremien: mit Interesse; Standorte: können Veranstaltungen ausrichten (R9); "
        "gewünscht: Interessierte der Gremien im Bezirk; erreichbar: davon in Reichweite "
        "einer möglichen Veranstaltung (auch außerhalb); Plätze: mögliche Veranstaltungen an "
        f"Standorten im Bezirk × {max_participants} Teilnehmende."
    )
    return table


def alternatives_table(plan: Plan, result: AlternativesResult) -> Table:
    table = Table(title="Hauptplan und Alternativen", title_justify="left")
    for header in alternatives_de.TABLE_HEADERS:
        table.add_column(header, justify="left" if header in ("Plan", "Unterschied")
                         else "right")
    for row in alternatives_de.comparison_rows(plan, result):
        table.add_row(*alternatives_de.table_cells(row, plan.totals.total_cost_eur))
    return table


def explanations_table(report: ExplainReport, scenario: Scenario, reference: Reference,
                       names: Names | None = None) -> Table:
    table = Table(title="Offene Wünsche: Grund und Folge, wenn das Gremium bedient würde",
                  title_justify="left")
    for header, justify in (("Gremium", "left"), ("Modul", "right"),
                            ("Plätze\nim Plan /\ngewünscht", "right"), ("Grund", "left"),
                            ("Wenn bedient", "left")):
        table.add_column(header, justify=justify)  # type: ignore[arg-type]
    for ex in report.explanations:
        s = ex.shortfall
        table.add_row(explain_de.council_label(ex, scenario, reference), str(s.module),
                      f"{s.covered} / {s.wanted}", explain_de.REASON_LABEL_DE[ex.reason],
                      explain_de.consequence_text(ex, names) or "–")
    return table


def metrics_table(comparison: Comparison) -> Table:
    table = Table(title="Vergleich der Pläne", title_justify="left")
    table.add_column("Kennzahl")
    for label in comparison.labels:
        table.add_column(label, justify="right")
    for metric in comparison.metrics:
        table.add_row(metric_label_de(metric), *(format_metric(metric, v) for v in metric.values))
    return table


def _slot_short(days: tuple[dt.date, ...], trainers: tuple[str, ...]) -> str:
    """``04.10.25+05.10.25 T24/T20`` (``–`` for an event that is not in the plan)."""
    if not days:
        return "–"
    return "+".join(f"{d:%d.%m.%y}" for d in days) + " " + "/".join(trainers)


def diff_table(changes: list[EventChange]) -> Table:
    """The first :data:`SHOWN_DIFF_ROWS` changed events of one plan against the base."""
    table = Table(show_header=True)
    table.add_column("Veranstaltung", no_wrap=True)
    for column in ("Änderung", "vorher", "nachher"):
        table.add_column(column)
    for c in changes[:SHOWN_DIFF_ROWS]:
        what = KIND_DE[c.kind] + (": " + ", ".join(_SHORT_CHANGE.get(x, x) for x in c.changes)
                         if c.changes else "")
        table.add_row(c.event_id, what, _slot_short(c.days_before, c.trainers_before),
                      _slot_short(c.days_after, c.trainers_after))
    return table
