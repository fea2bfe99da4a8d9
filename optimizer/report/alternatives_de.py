"""German comparison of the main plan and its alternatives (:mod:`optimizer.insight.alternatives`):
rows for the CLI table and ``alternativen/vergleich.csv``. Reports never solve."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from optimizer.domain.plan import Plan
from optimizer.insight.alternatives import AlternativesResult, event_keys
from optimizer.io.csv_de import csv_text_de
from optimizer.io.plan_extras import alternative_name
from optimizer.report.numbers import eur_de, number_de, percent_de

CSV_COLUMNS = ["plan", "plaetze", "kosten_eur", "kosten_delta_eur", "veranstaltungen",
               "entfallen", "hinzu", "gremien_anders"]


def difference(main: Plan, other: Plan) -> tuple[list[str], list[str], int]:
    """Events dropped and added (``SITE-Mm``, sorted) and the number of councils whose
    events or seats differ."""
    mine, theirs = event_keys(main), event_keys(other)
    dropped = sorted(f"{s}-M{m}" for s, m in mine - theirs)
    added = sorted(f"{s}-M{m}" for s, m in theirs - mine)
    seats = {(a.council_id, a.event_id): a.members for a in main.assignments}
    other_seats = {(a.council_id, a.event_id): a.members for a in other.assignments}
    changed = {key[0] for key, _ in set(seats.items()) ^ set(other_seats.items())}
    return dropped, added, len(changed)


@dataclass(frozen=True)
class ComparisonRow:
    """One plan in the comparison: ``plan`` is ``Hauptplan`` or ``alt-N``."""

    plan: str
    plaetze: int
    kosten_eur: float
    kosten_delta_eur: float
    veranstaltungen: int
    entfallen: tuple[str, ...]
    hinzu: tuple[str, ...]
    gremien_anders: int


def comparison_rows(main: Plan, result: AlternativesResult) -> list[ComparisonRow]:
    """One row for the main plan, one per alternative."""
    rows = [ComparisonRow("Hauptplan", main.totals.covered_seats, main.totals.total_cost_eur,
                          0.0, main.totals.events, (), (), 0)]
    for number, plan in enumerate(result.plans, start=1):
        dropped, added, changed = difference(main, plan)
        rows.append(ComparisonRow(
            alternative_name(number), plan.totals.covered_seats, plan.totals.total_cost_eur,
            round(plan.totals.total_cost_eur - main.totals.total_cost_eur, 2),
            plan.totals.events, tuple(dropped), tuple(added), changed,
        ))
    return rows


def comparison_csv(main: Plan, result: AlternativesResult) -> str:
    """``alternativen/vergleich.csv`` for German Excel (BOM, ``;``, decimal comma; event
    lists ``, ``-separated)."""
    records = [
        {**asdict(row), "entfallen": ", ".join(row.entfallen), "hinzu": ", ".join(row.hinzu)}
        for row in comparison_rows(main, result)
    ]
    return csv_text_de(CSV_COLUMNS, ([r[c] for c in CSV_COLUMNS] for r in records))


def table_cells(row: ComparisonRow, main_cost: float) -> list[str]:
    """Cells of one comparison row for the terminal, German formatting."""
    sign = "+" if row.kosten_delta_eur > 0 else ""
    change = "–" if row.plan == "Hauptplan" else (
        f"{sign}{eur_de(row.kosten_delta_eur)} ({sign}"
        f"{percent_de(row.kosten_delta_eur, main_cost)})"
        if main_cost else eur_de(row.kosten_delta_eur))
    diff = " ".join([*(f"−{e}" for e in row.entfallen), *(f"+{e}" for e in row.hinzu)])
    return [row.plan, number_de(row.plaetze), eur_de(row.kosten_eur), change,
            str(row.veranstaltungen), diff or "–", str(row.gremien_anders)]


TABLE_HEADERS = ["Plan", "Plätze", "Kosten", "Mehrkosten", "Veranst.", "Unterschied",
                 "Gremien anders"]


def summary_de(result: AlternativesResult, asked: int) -> str:
    """One sentence: what "clearly different" meant and why the search stopped."""
    coverage = ("der bewiesen optimalen Abdeckung" if result.coverage_proven
                else "mindestens der Abdeckung des Hauptplans (nicht bewiesen optimal)")
    text = (f"Alternativen: {len(result.plans)} von {asked} – jede mit {coverage}, Kosten "
            f"höchstens {eur_de(result.cost_limit_eur)} (+{number_de(100 * result.tolerance, 1)}"
            f" %), mindestens {result.min_diff} Veranstaltungen (Standort, Modul) anders als "
            "der Hauptplan und jede frühere Alternative.")
    if result.stopped == "none-left":
        text += " Weitere gibt es nicht (bewiesen)."
    elif result.stopped == "none-local":
        text += " Weitere, die nur einen Regierungsbezirk ändern, gibt es nicht (bewiesen)."
    elif result.stopped == "time":
        text += " Im Zeitlimit keine weitere gefunden."
    elif result.stopped == "cancelled":
        text += " Die Suche wurde abgebrochen."
    return text
