"""The command line's German lines, rendered from the API's codes and numbers (the one
place of the CLI face where words are made; the words shared with the report come from
:mod:`optimizer.report`). Tables are in :mod:`.tables`."""

from __future__ import annotations

from optimizer.api.results import (
    OutputKind,
    PlanInvalid,
    ScenarioSize,
    SolveResult,
    TargetRefused,
)
from optimizer.checks.presolve import Finding
from optimizer.domain.options import (
    STAGE_CHANGES,
    STAGE_COVERAGE,
    STAGE_REGIONS,
    Progress,
)
from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Scenario
from optimizer.insight.explain import ExplainReport
from optimizer.io.changes_csv import CHANGES_FILE
from optimizer.io.geocoding import GeocodeNote
from optimizer.report import explain_de, geocoding_de
from optimizer.report.changes_de import summary_de as changes_summary_de
from optimizer.report.conflicts_de import conflict_label_de, conflicts_head_de
from optimizer.report.findings_de import finding_de
from optimizer.report.numbers import eur_de, number_de, percent_de
from optimizer.validate import Violation

#: Pre-solve findings shown before a solve without ``--verbose``.
SHORT_FINDINGS = 3
#: The CLI's flag for each solver option.
_FLAGS = {"time_limit_s": "--time-limit", "workers": "--workers", "seed": "--seed"}
UNWRITABLE: dict[OutputKind, str] = {
    "out": "Ausgabeordner nicht beschreibbar",
    "plan": "Plan-Ordner nicht beschreibbar",
    "file": "Nicht beschreibbar",
}
_VIOLATIONS_HEADING = {
    "solved": "[bold red]Interner Fehler: der Plan verletzt Regeln[/] (nichts geschrieben):",
    "check": "[bold red]{n} Regelverstöße gefunden:[/]",
    "export": "[bold red]Der Plan verletzt {n} Regel(n)[/]; exportiert werden nur gültige "
              "Pläne (nichts geschrieben):",
    "explain": "[bold red]Der Plan passt nicht zum Szenario[/] ({n} Regelverstöße; mit dem "
               "Szenario erklären, für das er berechnet wurde):",
    "alternative": "[bold red]Interner Fehler: Alternative {number} verletzt Regeln[/] "
                   "(keine Alternativen geschrieben):",
}
_STAGE_TEXT = {
    STAGE_REGIONS: "Stufe 0 – schwächster Bezirk: {best} ‰ der erreichbaren Plätze, "
                   "Schranke {bound} ‰ ({s} s)",
    STAGE_COVERAGE: "Stufe 1 – Abdeckung: beste {best} Plätze, Schranke {bound} ({s} s)",
    STAGE_CHANGES: "Stufe 1b – Änderungen: {best}, Schranke {bound} ({s} s)",
}


#: The library's warnings (their log message template) in planners' words; others are
#: shown as internal notes.
_WARNINGS_DE = {
    "warm start skipped: %s": "Hinweis: Der Warmstart wurde übersprungen ({}); der Solver "
                               "beginnt ohne Startlösung.",
    "configuration cost bound skipped: %s": "Hinweis: Die Kostenschranke aus den "
                                            "Konfigurationen wurde übersprungen ({}).",
    "cost start skipped: %s": "Hinweis: Der Kostenstart wurde übersprungen ({}).",
    "%s bound: time limit after %d iterations (bound stays valid)":
        "Hinweis: Die Schranke ({}) endete nach {} Schritten im Zeitlimit; sie bleibt gültig.",
    "stage %s: no calendar for the master solution":
        "Hinweis: Stufe {}: Für die gefundene Auswahl gibt es keinen Kalender; es wird weiter "
        "gesucht.",
    "geocode cache %s unreadable, starting empty: %s":
        "Warnung: Der Geokodier-Cache {} ist nicht lesbar ({}); er beginnt leer.",
    "geocode cache %s has an unknown format, starting empty":
        "Warnung: Der Geokodier-Cache {} hat ein unbekanntes Format; er beginnt leer.",
    "geocode cache %s not written: %s":
        "Warnung: Der Geokodier-Cache {} wurde nicht geschrieben ({}).",
    "geocoding site %s failed (%s); no further requests":
        "Warnung: Geokodierung von Standort {} fehlgeschlagen ({}); keine weiteren Anfragen.",
    "geocoding site %s failed: %s": "Warnung: Geokodierung von Standort {} fehlgeschlagen ({}).",
    "earlier calendar %s not readable; its sequences restart":
        "Warnung: Der frühere Kalender {} ist nicht lesbar; seine Einträge beginnen wieder bei "
        "Version 0.",
}


def warning_de(template: object, args: object) -> str:
    """A log record of the library as a German line (module :mod:`.app` shows it)."""
    values = args if isinstance(args, tuple) else () if args is None else (args,)
    german = _WARNINGS_DE.get(str(template))
    if german is not None and german.count("{}") == len(values):
        return german.format(*values)
    try:
        text = str(template) % values if values else str(template)
    except (TypeError, ValueError):
        text = str(template)
    return f"Hinweis (intern): {text}"


def option_flag(name: str) -> str:
    return _FLAGS.get(name, name)


def violations_heading(error: PlanInvalid) -> str:
    return _VIOLATIONS_HEADING[error.situation].format(n=len(error.violations),
                                                       number=error.number)


def violation_lines(violations: list[Violation]) -> list[str]:
    """Each violation once, as ``rule: message`` (the message already names its subject)."""
    return [f"  • {v.rule}: {v.message}" for v in dict.fromkeys(violations)]


def target_refused(error: TargetRefused) -> str:
    path = str(error.path)
    if error.reason == "not-xlsx":
        return f"[bold red]Die Vorlage ist eine Excel-Datei:[/] {path} muss auf .xlsx enden."
    if error.reason == "exists":
        return f"[bold red]Datei gibt es schon:[/] {path} (ersetzen mit --force)."
    if error.reason == "not-guide":
        return (f"[bold red]Die Anleitung wird als .html, .pdf oder .md geschrieben:[/] "
                f"{path}")
    if error.reason == "too-few-plans":
        return "[bold red]Zum Vergleichen mindestens zwei Plan-Ordner angeben.[/]"
    return f"[bold red]Ausgabeordner ungeeignet:[/] {path} – {error.detail}"


# --- before the solve ----------------------------------------------------------------------


def geocode_lines(notes: list[GeocodeNote], geocoded: bool) -> list[str]:
    """Sites with an address: listed once without ``--geocode``, one line each with it."""
    if not notes:
        return []
    if not geocoded:
        return ["Adresse nicht geokodiert, Gemeindemitte verwendet: "
                f"{', '.join(n.site_id for n in notes)} (geokodieren mit --geocode)"]
    centre = sum(n.uses_centre for n in notes)
    return [f"Geokodierung: {len(notes)} Standort(e) mit Adresse, davon {centre} "
            "mit Gemeindemitte:", *(f"  • {geocoding_de.note_de(note)}" for note in notes)]


def size_line(scenario: Scenario, size: ScenarioSize, time_limit_s: float) -> str:
    return (f"Szenario „{scenario.name}“: {size.councils} Gremien, {size.sites} Standorte, "
            f"{size.trainers} Trainer*innen, {size.slots} Termine (Slots), {size.events} "
            f"mögliche Veranstaltungen; Zeitlimit {number_de(time_limit_s)} s")


def finding_line(finding: Finding) -> str:
    mark = "schwerwiegend: " if finding.severity == "error" else ""
    return f"  • {mark}{finding_de(finding)}"


def findings_count(findings: list[Finding]) -> str:
    errors = sum(f.severity == "error" for f in findings)
    text = f"{len(findings)} Hinweis" + ("" if len(findings) == 1 else "e")
    return text + (f" (davon {errors} schwerwiegend)" if errors else "")


def findings_short(findings: list[Finding] | None, verbose: bool) -> list[str]:
    """Before a solve: the count and the first few findings (all with ``--verbose``)."""
    if findings is None:
        return ["Die Vorab-Prüfung ist mit einem internen Fehler abgebrochen."]
    if not findings:
        return ["Vorab-Prüfung: keine Auffälligkeiten."]
    shown = findings if verbose else findings[:SHORT_FINDINGS]
    lines = [f"Vorab-Prüfung: {findings_count(findings)}:", *map(finding_line, shown)]
    if len(findings) > len(shown):
        lines.append(f"  … und {len(findings) - len(shown)} weitere (alle mit --verbose oder "
                     "„qualiplan check SZENARIO“).")
    return lines


def progress_text(event: Progress, wanted_seats: int | None = None) -> str:
    """One line of the live progress: the stage's best value and, once it means something,
    its bound. A coverage bound above the seats wanted (a fresh CP-SAT run's first bound,
    e.g. 4.736 of 1.533) and a cost bound of 0 € (none proven yet) say nothing and are left
    out; costs appear only once the cost stage runs."""
    seconds = number_de(event.seconds, 1)
    bound = event.bound
    if event.stage == STAGE_COVERAGE and bound is not None and wanted_seats is not None \
            and bound > wanted_seats:
        bound = None
    if event.stage in _STAGE_TEXT:
        text = _STAGE_TEXT[event.stage].format(best=number_de(event.objective),
                                               bound=number_de(bound or 0), s=seconds)
        return text if bound is not None else _drop_bound(text, seconds)
    text = f"Stufe 2 – Kosten: beste {eur_de(event.objective / 100)}"
    if bound is not None and 0 < bound <= event.objective:
        text += f", Schranke {eur_de(bound / 100)}"
    return f"{text} ({seconds} s)"


def _drop_bound(text: str, seconds: str) -> str:
    """The stage's line without its bound (``…, Schranke N (s)`` -> ``… (s)``)."""
    head = text.rsplit(", Schranke", 1)[0]
    return f"{head} ({seconds} s)"


# --- after the solve -----------------------------------------------------------------------


def no_plan_heading(plan: Plan) -> str:
    """Why there is no plan (rich markup); :func:`conflict_lines` name what conflicts."""
    reason = ("Das Szenario hat keinen zulässigen Plan." if plan.status == "INFEASIBLE"
              else "In der Zeit wurde kein Plan gefunden; Zeitlimit erhöhen (--time-limit).")
    return f"[bold red]Kein Plan:[/] {reason}"


def conflict_lines(plan: Plan, scenario: Scenario) -> list[str]:
    """The requirements that conflict in an infeasible scenario, by name."""
    if not plan.conflicts:
        return []
    return [*conflicts_head_de(plan),
            *(f"  • {conflict_label_de(conflict, plan, scenario)}" for conflict in plan.conflicts)]


def _wanted_seats(scenario: Scenario) -> dict[int, int]:
    return {1: sum(c.interested_m1 for c in scenario.councils),
            2: sum(c.interested_m2 for c in scenario.councils)}


def _optimality(plan: Plan) -> str:
    if plan.status == "FEASIBLE" and plan.gap.covered_seats == 0:
        return "Abdeckung bewiesen optimal, Kosten nicht bewiesen minimal"
    return {"OPTIMAL": "bewiesen optimal (Abdeckung und Kosten)",
            "FEASIBLE": "zulässig, Optimalität nicht bewiesen"}.get(plan.status, plan.status)


def summary_lines(scenario: Scenario, plan: Plan) -> list[str]:
    """Short German summary of a plan for the end of ``solve``."""
    wanted = _wanted_seats(scenario)
    events = {e.event_id: e for e in plan.events}
    by_module = {m: sum(a.members for a in plan.assignments if events[a.event_id].module == m)
                 for m in (1, 2)}
    module_events = {m: sum(e.module == m for e in plan.events) for m in (1, 2)}
    total_wanted = sum(wanted.values())
    reached = len({a.council_id for a in plan.assignments})
    sites = len({e.site_id for e in plan.events})
    t = plan.totals
    lines = [
        f"Plan „{plan.scenario}“: {plan.status} – {_optimality(plan)}",
        f"Abgedeckte Plätze: {number_de(t.covered_seats)} von {number_de(total_wanted)} "
        f"gewünschten ({percent_de(t.covered_seats, total_wanted)}); "
        f"Modul 1: {number_de(by_module[1])} von {number_de(wanted[1])}, "
        f"Modul 2: {number_de(by_module[2])} von {number_de(wanted[2])}",
        f"Veranstaltungen: {t.events} (Modul 1: {module_events[1]}, Modul 2: "
        f"{module_events[2]}) an {sites} Standorten; Gremien erreicht: {reached} von "
        f"{len(scenario.councils)}",
        f"Kosten: {eur_de(t.total_cost_eur)} von {eur_de(t.budget_eur)} Budget "
        f"(Honorare {eur_de(t.fees_eur)}, Reisekosten {eur_de(t.travel_eur)}, "
        f"Verpflegung {eur_de(t.catering_eur)})",
    ]
    if plan.bound.covered_seats is not None and plan.gap.covered_seats is not None:
        lines.append(
            f"Schranke: höchstens {number_de(plan.bound.covered_seats)} Plätze erreichbar "
            f"(Lücke {number_de(100 * plan.gap.covered_seats, 2)} %)")
    if plan.bound.total_cost_eur is not None and plan.gap.total_cost_eur is not None:
        lines.append(
            f"Kosten-Schranke: bei dieser Abdeckung mindestens "
            f"{eur_de(plan.bound.total_cost_eur)} "
            f"(Lücke {number_de(100 * plan.gap.total_cost_eur, 2)} %)")
    lines.append(f"Rechenzeit {number_de(plan.solve_seconds, 1)} s, {plan.workers} Worker, "
                 f"Seed {plan.seed}")
    return lines


def replan_lines(result: SolveResult) -> list[str]:
    """Coverage per Regierungsbezirk and, in a re-plan, the changes."""
    lines = []
    if result.plan.regions:
        parts = [
            f"{r.regierungsbezirk} {number_de(r.covered)}/{number_de(r.reachable)}"
            + (f" (mind. {number_de(r.minimum)})" if r.minimum else "")
            for r in result.plan.regions
        ]
        lines.append("Je Regierungsbezirk abgedeckt/erreichbar: " + ", ".join(parts))
    if result.changes is not None:
        lines.append(changes_summary_de(result.changes) + f" – Liste in {CHANGES_FILE}")
    return lines


def explanation_lines(report: ExplainReport | None, target: object) -> list[str]:
    """After ``solve``: how many councils miss seats and why (reason categories only)."""
    if report is None:
        return ["Die Erklärungen sind mit einem internen Fehler abgebrochen."]
    if not report.explanations:
        return []
    councils = len({ex.shortfall.council for ex in report.explanations})
    unmet = sum(ex.shortfall.unmet for ex in report.explanations)
    return [f"Offene Wünsche: {number_de(unmet)} Plätze bei {councils} "
            f"Gremi{'um' if councils == 1 else 'en'} – "
            f"{explain_de.reason_counts_de(report)}.",
            f"Gründe je Gremium und Folgen (wer verlöre Plätze?): qualiplan explain {target}"]
