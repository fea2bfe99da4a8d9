"""German text of the why-not explanations (:mod:`optimizer.insight.explain`): one sentence per
reason, the consequence of serving a council, and the rows of ``erklaerungen.csv``.

Reports never solve: everything here reads an :class:`~optimizer.insight.explain.ExplainReport`.
People read names: councils by municipality, sites by VHS name; ``erklaerungen.csv`` keeps the
IDs beside them (for machines) and is written for German Excel (BOM, ``;``, decimal comma).
What serving a council would take lists the councils that would gain seats (``gewinner``, the
served council first) beside those that would lose (``verlierer``), so the seats add up to
the stated change.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from optimizer.domain.geography import Reference
from optimizer.domain.names import Names
from optimizer.domain.scenario import Scenario
from optimizer.insight.explain import (
    ABWAEGUNG,
    BUDGET,
    KAPAZITAET,
    KEIN_STANDORT,
    KEIN_TRAINER,
    MODUL1_FEHLT,
    NICHT_OPTIMAL,
    NICHT_PLANBAR,
    OBERGRENZE,
    OFFEN,
    REASONS,
    UNBEKANNT,
    ZU_WENIGE,
    ExplainReport,
    Explanation,
)
from optimizer.io.csv_de import csv_text_de
from optimizer.report.numbers import eur_de, number_de

#: Short German label per reason code (table column "Grund").
REASON_LABEL_DE = {
    KEIN_STANDORT: "kein Standort im Einzugsgebiet",
    OBERGRENZE: "Obergrenze erreicht",
    MODUL1_FEHLT: "Modul 2 setzt Modul 1 voraus",
    ZU_WENIGE: "Einzugsgebiet erreicht nicht die Mindestzahl",
    KAPAZITAET: "Plätze von anderen belegt",
    KEIN_TRAINER: "keine Trainer*in frei",
    BUDGET: "Budget reicht nicht",
    NICHT_OPTIMAL: "Plan nicht optimal",
    ABWAEGUNG: "Abwägung zugunsten anderer",
    NICHT_PLANBAR: "nicht planbar",
    UNBEKANNT: "im Zeitlimit ungeklärt",
    OFFEN: "nicht untersucht",
}

CSV_COLUMNS = [
    "gremium_id", "gemeinde", "modul", "gewuenscht", "im_plan", "offen", "ziel", "grund",
    "grund_text", "standorte", "erzwungen_status", "erzwungen_plaetze_delta",
    "erzwungen_plaetze_delta_bestenfalls", "erzwungen_kosten_delta_eur", "erzwungen_bereich",
    "gewinner", "verlierer",
    "zusaetzlich_kosten_eur", "ueber_budget_eur",
]


def _sites_de(site_ids: tuple[str, ...], scenario: Scenario | None = None) -> str:
    names = {s.site_id: s.name for s in scenario.sites} if scenario is not None else {}
    return ", ".join(names.get(s, s) for s in site_ids)


def _seats_de(n: int) -> str:
    return f"{n} Platz" if n == 1 else f"{n} Plätze"


def reason_text(ex: Explanation, scenario: Scenario, time_limit_s: float | None = None) -> str:
    """One German sentence: why the council has fewer seats than wanted in this module."""
    s, rules = ex.shortfall, scenario.rules
    council = scenario.councils[s.council]
    m = s.module
    sites = _sites_de(s.site_ids, scenario)
    if ex.reason == KEIN_STANDORT:
        where = (f"nur {sites}, ohne VHS-Interesse, Partner-Gremium oder freien Termin"
                 if sites else "dort liegt kein Standort")
        return ("Kein Standort im Einzugsgebiet kann eine Veranstaltung ausrichten "
                f"({where}; R7, R9).")
    if ex.reason == OBERGRENZE:
        return (f"Mehr als {s.target} Plätze in Modul {m} sind nicht möglich (R6, R8: höchstens "
                f"{rules.max_participants} je Veranstaltung, "
                f"{rules.max_events_per_council_module} Veranstaltung(en) je Modul).")
    if ex.reason == MODUL1_FEHLT:
        if s.target <= s.covered:
            return ("Modul 2 setzt Modul 1 voraus (R5b): höchstens "
                    f"{council.interested_m1} Interessierte für Modul 1 + "
                    f"{council.trained_m1} bereits geschult = {s.target} Plätze.")
        return ("Modul 2 setzt Modul 1 voraus (R5b): im Plan hat das Gremium "
                f"{_seats_de(s.module1_seats)} in Modul 1 und {council.trained_m1} bereits "
                f"Geschulte, also höchstens {s.module1_seats + council.trained_m1} in Modul 2; "
                "mehr Modul-2-Plätze brauchen zuerst mehr Modul-1-Plätze.")
    if ex.reason == ZU_WENIGE:
        return (f"An keinem Standort des Einzugsgebiets ({sites}) erreichen alle "
                f"Interessierten der dort zugelassenen Gremien zusammen die Mindestzahl von "
                f"{rules.min_participants} für Modul {m} (R6, R7).")
    if ex.reason == KEIN_TRAINER:
        if not s.servable:
            return (f"An den Standorten des Einzugsgebiets ({sites}) ist an keinem freien "
                    f"Termin eine Trainer*in verfügbar, die Modul {m} unterrichtet (R12).")
        return (f"Keine Trainer*in frei (R10–R12): alle, die Modul {m} unterrichten, sind an "
                f"jedem freien Termin von {sites} schon eingesetzt, nicht verfügbar oder "
                "haben ihre Höchstzahl (max_events) erreicht – oder der freie Platz bräuchte "
                "eine zweite Trainer*in, die niemand sein kann.")
    if ex.reason == KAPAZITAET:
        return (f"Die Veranstaltungen für Modul {m} im Einzugsgebiet ({sites}) sind voll "
                f"({rules.max_participants} Teilnehmende; je Standort und Modul nur eine "
                "Veranstaltung, R3, R6).")
    if ex.reason == BUDGET:
        add = ex.addition
        if add is not None and add.cost_eur is not None:
            return ("Das Budget reicht nicht (R16): mit diesem Gremium und allen bisherigen "
                    f"Plätzen kostete der günstigste Plan {eur_de(add.cost_eur)}, "
                    f"{eur_de(add.over_budget_eur or 0)} über dem Budget von "
                    f"{eur_de(scenario.budget_eur)}.")
        return ("Das Budget reicht nicht (R16): innerhalb des Budgets bedient kein Plan "
                "dieses Gremium, ohne Budgetgrenze schon.")
    if ex.reason == NICHT_OPTIMAL:
        if s.reason is not None and s.reason != NICHT_OPTIMAL:
            # what blocks it in this plan, then why that is not the last word
            blocked = reason_text(Explanation(s, s.reason), scenario, time_limit_s)
            plain = Explanation(replace(s, reason=None), NICHT_OPTIMAL, ex.consequence,
                                ex.addition)
            return f"Im Plan: {blocked} {reason_text(plain, scenario, time_limit_s)}"
        if ex.addition is not None and ex.addition.cost_eur is not None:
            return ("Der Plan ist nicht optimal: ein Plan mit diesem Gremium und allen "
                    f"bisherigen Plätzen kostet {eur_de(ex.addition.cost_eur)} und passt ins "
                    "Budget (längere Rechenzeit, --time-limit).")
        return ("Der Plan ist nicht optimal: ein Plan, der dieses Gremium bedient, deckt mehr "
                "Plätze ab oder kostet bei gleich vielen weniger (siehe Folge; längere "
                "Rechenzeit, --time-limit).")
    if ex.reason == ABWAEGUNG:
        return ("Nur möglich, wenn andere Gremien Plätze abgeben (Plätze, Trainer*innen oder "
                "Budget werden dort gebraucht); ohne dieses Gremium deckt der Plan mehr Plätze "
                "oder gleich viele günstiger ab (R17).")
    if ex.reason == NICHT_PLANBAR:
        return ("Kein zulässiger Plan bedient dieses Gremium, auch ohne Budgetgrenze "
                "(Termine, Tandems, Modulabstand; R2, R5, R11, R12).")
    if ex.reason == UNBEKANNT:
        limit = f" von {number_de(time_limit_s, 1)} s" if time_limit_s else ""
        return f"Im Zeitlimit{limit} nicht geklärt (mehr Zeit mit --time-limit)."
    return ("Nicht untersucht: der Grund (Budget oder Abwägung gegen andere Gremien) braucht "
            "einen Diagnoselauf („qualiplan explain PLAN_ORDNER“, Anzahl mit --max).")


def _councils_de(items: tuple[tuple[str, int], ...], sign: str, limit: int | None,
                 names: Names | None) -> str:
    shown = [f"{names.council(cid) if names else cid} ({sign}{n})" for cid, n in items]
    if limit is not None and len(shown) > limit:
        shown[limit:] = [f"… {len(shown) - limit} weitere"]
    return ", ".join(shown)


def losers_de(ex: Explanation, limit: int | None = None, names: Names | None = None) -> str:
    """Councils that would get fewer seats, e.g. ``Düsseldorf (−10), Duisburg (−2)`` (IDs
    without ``names``)."""
    if ex.consequence is None:
        return ""
    return _councils_de(ex.consequence.losers, "−", limit, names)


def gainers_de(ex: Explanation, limit: int | None = None, names: Names | None = None) -> str:
    """Councils that would get more seats, the served one first: ``Bielefeld (+8)``."""
    if ex.consequence is None:
        return ""
    return _councils_de(ex.consequence.gainers, "+", limit, names)


def _signed(value: float, decimals: int = 0) -> str:
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return sign + number_de(abs(value), decimals)


def consequence_text(ex: Explanation, names: Names | None = None) -> str:
    """What serving the council would change (the forced solve), in German: the seats and
    cost, who would gain and who would lose seats (their sum is the change of seats)."""
    c = ex.consequence
    if c is None:
        return ""
    if not c.served:
        return ("nicht möglich (kein zulässiger Plan im Budget)" if c.status == "INFEASIBLE"
                else "im Zeitlimit kein Plan gefunden")
    seats = f"{_signed(c.delta_seats or 0)} Plätze"
    if c.delta_seats_best is not None and c.delta_seats_best != c.delta_seats:
        seats += f" (bestenfalls {_signed(c.delta_seats_best)})"
    text = f"{seats}, Kosten {_signed(c.delta_cost_eur or 0.0, 2)} €"
    if c.regions:
        text += f" (nur {', '.join(c.regions)} neu geplant)"
    gainers, losers = gainers_de(ex, 5, names), losers_de(ex, 5, names)
    text += f"; mehr Plätze für {gainers}" if gainers else ""
    return text + (f"; weniger Plätze für {losers}" if losers else "; niemand verliert Plätze")


def council_label(ex: Explanation, scenario: Scenario, reference: Reference) -> str:
    """The council as people name it: ``Düsseldorf (C-DUS)``."""
    council = scenario.councils[ex.shortfall.council]
    return f"{reference.municipalities[council.ags].name} ({council.council_id})"


def reason_counts_de(report: ExplainReport) -> str:
    """``3 × Plätze von anderen belegt, 1 × Budget reicht nicht`` (precedence order)."""
    counts = Counter(ex.reason for ex in report.explanations)
    return ", ".join(f"{counts[r]} × {REASON_LABEL_DE[r]}" for r in REASONS if counts[r])


def explanations_csv(report: ExplainReport, scenario: Scenario, reference: Reference) -> str:
    """``erklaerungen.csv``: one row per council and module with unmet demand."""
    rows = []
    for ex in report.explanations:
        s, c, add = ex.shortfall, ex.consequence, ex.addition
        council = scenario.councils[s.council]
        served = c is not None and c.served
        rows.append({
            "gremium_id": s.council_id,
            "gemeinde": reference.municipalities[council.ags].name,
            "modul": s.module, "gewuenscht": s.wanted, "im_plan": s.covered,
            "offen": s.unmet, "ziel": s.target, "grund": ex.reason,
            "grund_text": reason_text(ex, scenario, report.time_limit_s),
            "standorte": ";".join(s.site_ids),
            "erzwungen_status": "" if c is None else c.status,
            "erzwungen_plaetze_delta": c.delta_seats if served and c else None,
            "erzwungen_plaetze_delta_bestenfalls": c.delta_seats_best if served and c else None,
            "erzwungen_kosten_delta_eur": c.delta_cost_eur if served and c else None,
            "erzwungen_bereich": (";".join(c.regions) or "NRW") if served and c else "",
            "gewinner": ";".join(f"{cid}:{n}" for cid, n in c.gainers) if c else "",
            "verlierer": ";".join(f"{cid}:{n}" for cid, n in c.losers) if c else "",
            "zusaetzlich_kosten_eur": None if add is None else add.cost_eur,
            "ueber_budget_eur": None if add is None else add.over_budget_eur,
        })
    return csv_text_de(CSV_COLUMNS, ([row[c] for c in CSV_COLUMNS] for row in rows))
