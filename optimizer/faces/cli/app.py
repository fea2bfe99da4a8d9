"""The ``qualiplan`` command line (German messages for planners).

Exit codes: 0 a plan was found (optimal or feasible) or a check passed; 1 no feasible plan,
no plan in time, or a check found violations; 2 bad input. ``check`` without a plan runs the
pre-solve checks (:mod:`optimizer.checks.presolve`): 0 with at most warnings, 1 when no event at all
can be held.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.live import Live
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from optimizer.api.planning import wanted_seats
from optimizer.checks.locks import check_locks
from optimizer.checks.presolve import Finding, RegionDemand, demand_by_region, presolve_findings
from optimizer.domain import columns as export_columns
from optimizer.domain.errors import InputError, InputProblem
from optimizer.domain.geography import Reference
from optimizer.domain.options import Progress
from optimizer.domain.plan import Plan
from optimizer.domain.problem import ProblemData, build_problem
from optimizer.domain.scenario import Scenario, SolverSettings
from optimizer.export import FINGERPRINT as EXPORT_FINGERPRINT
from optimizer.export import export_files
from optimizer.insight.alternatives import DEFAULT_MIN_DIFF, DEFAULT_TOLERANCE, find_alternatives
from optimizer.insight.changes import CHANGES_FILE, Change, changes_csv, diff, locks_from_plan
from optimizer.insight.changes import summary_de as changes_summary_de
from optimizer.insight.explain import DEFAULT_JOBS, DEFAULT_MAX_SOLVES, ExplainReport, explain
from optimizer.insight.figures import plan_mismatches
from optimizer.io import geocoding
from optimizer.io.atomic import write_files, write_folder
from optimizer.io.confirmed import confirmed_event_ids, schedule_path
from optimizer.io.export_io import export_target_problem, read_calendar_state
from optimizer.io.plan_extras import EXPLANATIONS_FILE, write_alternatives
from optimizer.io.plan_io import read_changes, read_plan, read_plan_folder, write_plan
from optimizer.io.reference import load_reference
from optimizer.io.scenario_reader import WORKBOOK_SUFFIXES, expected_de, read_scenario
from optimizer.io.workbook import example_scenario, write_scenario_folder, write_workbook
from optimizer.report import alternatives_de as alternatives_text
from optimizer.report import explain_de as explain_text
from optimizer.report.conflicts_de import conflict_label_de, conflicts_head_de
from optimizer.report.numbers import eur_de, number_de, percent_de
from optimizer.solve.pipeline import STAGE_CHANGES, STAGE_COVERAGE, STAGE_REGIONS, solve
from optimizer.validate import Violation, validate_plan

app = typer.Typer(
    help="qualiplan – Planung der Qualifizierungsreihe für Integrationsräte in NRW.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# soft_wrap: long lines (file, line, column; rule messages) stay whole in logs and pipes.
console = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)

EXIT_OK, EXIT_NO_PLAN, EXIT_BAD_INPUT = 0, 1, 2
_OPTIONS = {"time_limit_s": "--time-limit", "workers": "--workers", "seed": "--seed"}
#: Pre-solve findings shown before a solve without ``--verbose``.
SHORT_FINDINGS = 3
log = logging.getLogger(__name__)


def _fail_input(error: InputError) -> typer.Exit:
    console.print(f"[bold red]Fehlerhafte Eingabe[/] ({len(error.problems)} Problem(e)):")
    for problem in error.problems:
        console.print(f"  • {problem}", markup=False, highlight=False)
    console.print("Es wurde nichts geschrieben.")
    return typer.Exit(EXIT_BAD_INPUT)


def _load(scenario_path: Path) -> Scenario:
    try:
        return read_scenario(scenario_path)
    except InputError as error:
        raise _fail_input(error) from None


_GeocodeOption = Annotated[
    bool, typer.Option("--geocode", help="Standort-Adressen ohne Koordinaten geokodieren "
                       "(Nominatim/OpenStreetMap, höchstens 1 Anfrage je Sekunde)")
]
_GeocodeCacheOption = Annotated[
    Path | None, typer.Option("--geocode-cache", help="Cache-Datei der Geokodierung "
                              "(Standard: ~/.cache/qualiplan/geocode.json)")
]


def _geocode(scenario: Scenario, enabled: bool, cache_path: Path | None) -> Scenario:
    """Sites with an address and no coordinates: geocoded with ``--geocode``, else the centre.

    Without ``--geocode`` such sites are listed once; with it, one line per site says what
    happened (:mod:`optimizer.io.geocoding`). Neither ever stops the command.
    """
    if not enabled:
        _, notes = geocoding.geocode_sites(scenario, None)
        if notes:
            console.print(
                "Adresse nicht geokodiert, Gemeindemitte verwendet: "
                f"{', '.join(n.site_id for n in notes)} (geokodieren mit --geocode)",
                markup=False, highlight=False,
            )
        return scenario
    cache = geocoding.GeocodeCache(cache_path or geocoding.default_cache_path())
    scenario, notes = geocoding.geocode_sites(scenario, geocoding.default_geocoder(), cache)
    if notes:
        centre = sum(n.uses_centre for n in notes)
        console.print(f"Geokodierung: {len(notes)} Standort(e) mit Adresse, davon {centre} "
                      "mit Gemeindemitte:", markup=False, highlight=False)
        for note in notes:
            console.print(f"  • {note.message_de()}", markup=False, highlight=False)
    return scenario


class _ProgressLine:
    """Shows the best coverage / cost and its bound as they improve."""

    def __init__(self, live: Live | None):
        self._live = live
        self._last_print = 0.0

    def __call__(self, event: Progress) -> None:
        stage, objective, seconds = event.stage, event.objective, event.seconds
        bound = event.bound if event.bound is not None else objective
        if stage == STAGE_COVERAGE:
            text = (f"Stufe 1 – Abdeckung: beste {number_de(objective)} Plätze, "
                    f"Schranke {number_de(bound)} ({number_de(seconds, 1)} s)")
        elif stage in STAGE_TEXT_DE:
            text = STAGE_TEXT_DE[stage].format(
                best=number_de(objective), bound=number_de(bound), s=number_de(seconds, 1))
        else:
            text = (f"Stufe 2 – Kosten: beste {eur_de(objective / 100)}, "
                    f"Schranke {eur_de(max(bound, 0) / 100)} ({number_de(seconds, 1)} s)")
        if self._live is not None:
            self._live.update(Text(text))
        elif seconds - self._last_print >= 2.0:
            self._last_print = seconds
            console.print(text, markup=False, highlight=False)


def summary_lines(scenario: Scenario, plan: Plan) -> list[str]:
    """Short German summary of a plan for the end of ``solve``."""
    wanted = wanted_seats(scenario)
    by_module = {1: 0, 2: 0}
    module_events = {1: 0, 2: 0}
    events = {e.event_id: e for e in plan.events}
    for a in plan.assignments:
        by_module[events[a.event_id].module] += a.members
    for e in plan.events:
        module_events[e.module] += 1
    total_wanted = sum(wanted.values())
    reached = len({a.council_id for a in plan.assignments})
    sites = len({e.site_id for e in plan.events})
    optimality = {
        "OPTIMAL": "bewiesen optimal (Abdeckung und Kosten)",
        "FEASIBLE": "zulässig, Optimalität nicht bewiesen",
    }.get(plan.status, plan.status)
    if plan.status == "FEASIBLE" and plan.gap.covered_seats == 0:
        optimality = "Abdeckung bewiesen optimal, Kosten nicht bewiesen minimal"
    t = plan.totals
    lines = [
        f"Plan „{plan.scenario}“: {plan.status} – {optimality}",
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
            f"(Lücke {number_de(100 * plan.gap.covered_seats, 2)} %)"
        )
    if plan.bound.total_cost_eur is not None and plan.gap.total_cost_eur is not None:
        lines.append(
            f"Kosten-Schranke: bei dieser Abdeckung mindestens {eur_de(plan.bound.total_cost_eur)} "
            f"(Lücke {number_de(100 * plan.gap.total_cost_eur, 2)} %)"
        )
    lines.append(
        f"Rechenzeit {number_de(plan.solve_seconds, 1)} s, {plan.workers} Worker, "
        f"Seed {plan.seed}"
    )
    return lines


def _presolve(
    scenario: Scenario, reference: Reference, data: ProblemData
) -> list[Finding] | None:
    """The pre-solve findings, or ``None`` (with a note) if the checks themselves failed.

    The checks only advise; a bug in them must neither stop a solve nor show a traceback.
    """
    try:
        return presolve_findings(scenario, reference, data)
    except Exception:  # advisory step: report, log for developers, carry on
        log.debug("pre-solve checks failed", exc_info=True)
        console.print("Die Vorab-Prüfung ist mit einem internen Fehler abgebrochen.",
                      markup=False, highlight=False)
        return None


def _finding_line(finding: Finding) -> str:
    mark = "schwerwiegend: " if finding.severity == "error" else ""
    return f"  • {mark}{finding.message}"


def _count_de(findings: list[Finding]) -> str:
    errors = sum(f.severity == "error" for f in findings)
    text = f"{len(findings)} Hinweis" + ("" if len(findings) == 1 else "e")
    return text + (f" (davon {errors} schwerwiegend)" if errors else "")


def _print_findings_short(findings: list[Finding], verbose: bool) -> None:
    """Before a solve: the count and the first few findings (all with ``--verbose``)."""
    if not findings:
        console.print("Vorab-Prüfung: keine Auffälligkeiten.", markup=False, highlight=False)
        return
    shown = findings if verbose else findings[:SHORT_FINDINGS]
    console.print(f"Vorab-Prüfung: {_count_de(findings)}:", markup=False, highlight=False)
    for finding in shown:
        console.print(_finding_line(finding), markup=False, highlight=False)
    if len(findings) > len(shown):
        console.print(
            f"  … und {len(findings) - len(shown)} weitere (alle mit --verbose oder "
            "„qualiplan check SZENARIO“).",
            markup=False, highlight=False,
        )


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
        per_module = [
            " / ".join(number_de(getattr(row, kind)[m])
                       for kind in ("wanted", "reachable", "capacity"))
            for m in (1, 2)
        ]
        return [row.regierungsbezirk, number_de(row.councils), number_de(row.sites),
                *per_module]

    for row in rows:
        table.add_row(*cells(row))
    total = RegionDemand(
        "NRW gesamt", sum(r.councils for r in rows), sum(r.sites for r in rows),
        *({m: sum(getattr(r, kind)[m] for r in rows) for m in (1, 2)}
          for kind in ("wanted", "reachable", "capacity")),
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


def _refuse_invalid(scenario: Scenario, plan: Plan, reference: Reference, heading: str) -> None:
    """Validate ``plan``; on any violation print ``heading`` (``{n}``: their number) and each
    violation, and exit with ``EXIT_NO_PLAN``."""
    violations = list(dict.fromkeys(validate_plan(scenario, plan, reference)))
    if violations:
        console.print(heading.format(n=len(violations)))
        _print_violations(violations)
        raise typer.Exit(EXIT_NO_PLAN)


def _print_violations(violations: list[Violation]) -> None:
    """Each violation once, as ``rule: message`` (the message already names its subject)."""
    for v in dict.fromkeys(violations):
        console.print(f"  • {v.rule}: {v.message}", markup=False, highlight=False)


@app.command("solve")
def solve_command(
    scenario_path: Annotated[
        Path, typer.Argument(help="Szenario-Ordner, scenario.yaml oder Arbeitsmappe (.xlsx)")
    ],
    out_dir: Annotated[Path | None, typer.Option("--out", help="Ausgabeordner")] = None,
    time_limit: Annotated[float | None, typer.Option("--time-limit", help="Sekunden")] = None,
    workers: Annotated[int | None, typer.Option("--workers", help="0 = alle Kerne")] = None,
    seed: Annotated[int | None, typer.Option("--seed")] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Solver-Protokoll, alle Vorab-Hinweise")
    ] = False,
    geocode: _GeocodeOption = False,
    geocode_cache: _GeocodeCacheOption = None,
    no_report: Annotated[
        bool, typer.Option("--no-report", help="keinen Bericht (bericht.html/.pdf) schreiben")
    ] = False,
    previous_dir: Annotated[
        Path | None, typer.Option("--previous", help="Voriger Plan-Ordner: so wenige "
                                  "Änderungen wie möglich; bestätigte Termine bleiben fest")
    ] = None,
    confirmed_path: Annotated[
        Path | None, typer.Option("--confirmed", help="Termin-Arbeitsmappe mit Spalte "
                                  "„Bestätigt“ (Standard: export/schedule.xlsx oder "
                                  "schedule.xlsx im vorigen Plan-Ordner)")
    ] = None,
    alternatives: _AlternativesOption = 0,
    alt_tolerance: _AltToleranceOption = DEFAULT_TOLERANCE,
    alt_min_diff: _AltMinDiffOption = DEFAULT_MIN_DIFF,
) -> None:
    """Plan berechnen: Standorte, Termine, Trainer*innen-Tandems und Zuordnung der Gremien.

    Mit --alternatives K zusätzlich bis zu K deutlich verschiedene Pläne gleicher Abdeckung
    und fast gleicher Kosten (alternativen/ im Plan-Ordner).
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING)
    scenario = _geocode(_load(scenario_path), geocode, geocode_cache)
    scenario, previous = replan_inputs(scenario, previous_dir, confirmed_path)
    overrides = {k: v for k, v in
                 {"time_limit_s": time_limit, "workers": workers, "seed": seed}.items()
                 if v is not None}
    try:
        settings = type(scenario.solver).model_validate(
            {**scenario.solver.model_dump(), **overrides}
        )
    except ValidationError as exc:
        for err in exc.errors():
            name = str(err["loc"][0]) if err["loc"] else ""
            console.print(
                f"[bold red]Ungültige Option[/] {_OPTIONS.get(name, name)}: "
                f"{escape(expected_de(err))} (gefunden: {escape(repr(err.get('input')))})",
                highlight=False,
            )
        raise typer.Exit(EXIT_BAD_INPUT) from None
    reference = load_reference()
    target = out_dir or Path("reports") / scenario.name
    started = time.perf_counter()
    data = build_problem(scenario, reference)
    console.print(
        f"Szenario „{scenario.name}“: {len(scenario.councils)} Gremien, "
        f"{len(scenario.sites)} Standorte, {len(scenario.trainers)} Trainer*innen, "
        f"{len(data.slots)} Termine (Slots), {data.num_events} mögliche Veranstaltungen; "
        f"Zeitlimit {number_de(settings.time_limit_s)} s",
        markup=False, highlight=False,
    )
    findings = _presolve(scenario, reference, data)
    if findings is not None:
        _print_findings_short(findings, verbose)
    interactive = console.is_terminal
    with Live(Text("Modell wird aufgebaut …"), console=console, transient=True,
              auto_refresh=interactive) if interactive else nullcontext() as live:
        plan = solve(data, settings, _ProgressLine(live if interactive else None),
                     previous=previous)
    if plan.status in ("INFEASIBLE", "UNKNOWN"):
        reason = ("Das Szenario hat keinen zulässigen Plan." if plan.status == "INFEASIBLE"
                  else "In der Zeit wurde kein Plan gefunden; Zeitlimit erhöhen (--time-limit).")
        console.print(f"[bold red]Kein Plan:[/] {reason}")
        print_conflicts(plan, scenario)
        raise typer.Exit(EXIT_NO_PLAN)
    _refuse_invalid(scenario, plan, reference,
                    "[bold red]Interner Fehler: der Plan verletzt Regeln[/] "
                    "(nichts geschrieben):")
    changes = diff(previous, plan) if previous is not None else None
    if changes is not None:
        plan = plan.model_copy(update={"changes": len(changes)})
    try:
        write_plan(plan, target, scenario=scenario,
                   extra=None if changes is None else {CHANGES_FILE: changes_csv(changes)})
    except OSError as exc:
        console.print(f"[bold red]Ausgabeordner nicht beschreibbar:[/] {escape(str(target))} "
                      f"({escape(str(exc))})", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    for line in summary_lines(scenario, plan) + replan_lines(plan, changes):
        out.print(line, markup=False, highlight=False)
    _print_short_explanations(_short_explanations(scenario, reference, data, plan), target)
    if alternatives:
        _solve_alternatives(data, plan, settings, target, alternatives, alt_tolerance,
                            alt_min_diff, reference)
    out.print(f"Geschrieben nach {target}/ ({number_de(time.perf_counter() - started, 1)} s)",
              markup=False, highlight=False)
    if not no_report:
        _report_after_solve(scenario, plan, target, reference, changes)


@app.command("check")
def check_command(
    scenario_path: Annotated[
        Path, typer.Argument(help="Szenario-Ordner, scenario.yaml oder Arbeitsmappe (.xlsx)")
    ],
    plan_dir: Annotated[
        Path | None, typer.Argument(help="Plan-Ordner (mit plan.json); ohne: Vorab-Prüfung")
    ] = None,
    geocode: _GeocodeOption = False,
    geocode_cache: _GeocodeCacheOption = None,
) -> None:
    """Szenario vorab prüfen (ohne Plan) oder einen Plan unabhängig vom Solver prüfen.

    Einen Plan mit denselben Geokodier-Optionen prüfen wie beim Lösen (gleiche Koordinaten).
    """
    scenario = _geocode(_load(scenario_path), geocode, geocode_cache)
    if plan_dir is None:
        _check_scenario(scenario)
        return
    try:
        plan = read_plan(plan_dir)
    except InputError as error:
        raise _fail_input(error) from None
    _refuse_invalid(scenario, plan, load_reference(),
                    "[bold red]{n} Regelverstöße gefunden:[/]")
    out.print(
        f"Plan in {plan_dir} erfüllt alle Regeln (R1–R16); {plan.totals.events} "
        f"Veranstaltungen, {number_de(plan.totals.covered_seats)} Plätze, Kosten "
        f"{eur_de(plan.totals.total_cost_eur)}.",
        markup=False, highlight=False,
    )


def _check_scenario(scenario: Scenario) -> None:
    """``check SCENARIO``: every pre-solve finding and the table per Regierungsbezirk.

    Exits 0 with at most warnings, 1 when no event at all can be held (or the checks failed).
    """
    reference = load_reference()
    data = build_problem(scenario, reference)
    out.print(
        f"Vorab-Prüfung von „{scenario.name}“: {len(scenario.councils)} Gremien, "
        f"{len(scenario.sites)} Standorte, {len(scenario.trainers)} Trainer*innen, "
        f"{len(data.slots)} Termine, {data.num_events} mögliche Veranstaltungen.",
        markup=False, highlight=False,
    )
    findings = _presolve(scenario, reference, data)
    if findings is None:
        raise typer.Exit(EXIT_NO_PLAN)
    errors = [f for f in findings if f.severity == "error"]
    warnings = [f for f in findings if f.severity != "error"]
    if errors:
        out.print(f"Schwerwiegend ({len(errors)}): so kann keine Veranstaltung stattfinden.",
                  markup=False, highlight=False)
        for finding in errors:
            out.print(f"  • {finding.message}", markup=False, highlight=False)
    if warnings:
        out.print(f"Warnungen ({len(warnings)}):", markup=False, highlight=False)
        for finding in warnings:
            out.print(f"  • {finding.message}", markup=False, highlight=False)
    if not findings:
        out.print("Keine Auffälligkeiten gefunden.", markup=False, highlight=False)
    out.print(region_table(demand_by_region(scenario, reference, data),
                           scenario.rules.max_participants))
    if errors:
        raise typer.Exit(EXIT_NO_PLAN)


@app.command("template")
def template_command(
    out_path: Annotated[Path, typer.Argument(help="Ziel-Arbeitsmappe (.xlsx)")],
    force: Annotated[bool, typer.Option("--force", help="vorhandene Datei ersetzen")] = False,
) -> None:
    """Excel-Vorlage mit Beispiel schreiben (Gremien, Standorte, Trainer_innen, Szenario)."""
    if out_path.suffix.lower() not in WORKBOOK_SUFFIXES:
        console.print(f"[bold red]Die Vorlage ist eine Excel-Datei:[/] {escape(str(out_path))} "
                      "muss auf .xlsx enden.", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT)
    if out_path.exists() and not force:
        console.print(f"[bold red]Datei gibt es schon:[/] {escape(str(out_path))} "
                      "(ersetzen mit --force).", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT)
    _write_or_fail(lambda: write_workbook(example_scenario(), out_path), out_path)
    out.print(f"Vorlage geschrieben: {out_path} (mit Beispiel; Erläuterungen als Kommentar an "
              "jeder Spaltenüberschrift).", markup=False, highlight=False)


@app.command("convert")
def convert_command(
    in_path: Annotated[Path, typer.Argument(help="Szenario-Ordner, scenario.yaml oder .xlsx")],
    out_path: Annotated[Path, typer.Argument(help="Ziel: .xlsx oder Ordner (FORMAT.md)")],
) -> None:
    """Szenario umwandeln: Arbeitsmappe → Ordner (scenario.yaml + CSV) und zurück."""
    scenario = _load(in_path)
    if out_path.suffix.lower() in WORKBOOK_SUFFIXES:
        _write_or_fail(lambda: write_workbook(scenario, out_path), out_path)
        what = "Arbeitsmappe"
    else:
        _write_or_fail(lambda: write_scenario_folder(scenario, out_path), out_path)
        what = "Szenario-Ordner"
    out.print(
        f"{what} geschrieben: {out_path} ({len(scenario.councils)} Gremien, "
        f"{len(scenario.sites)} Standorte, {len(scenario.trainers)} Trainer*innen).",
        markup=False, highlight=False,
    )


def _write_or_fail(write: Callable[[], object], target: Path) -> None:
    try:
        write()
    except OSError as exc:
        console.print(f"[bold red]Nicht beschreibbar:[/] {escape(str(target))} "
                      f"({escape(str(exc))})", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None


@app.command("export")
def export_command(
    plan_dir: Annotated[Path, typer.Argument(help="Plan-Ordner (mit plan.json)")],
    scenario_path: Annotated[
        Path | None, typer.Option("--scenario", help="Szenario (Standard: Kopie im Plan-Ordner)")
    ] = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Ausgabeordner (Standard: PLAN_DIR/export)")
    ] = None,
) -> None:
    """Exporte: schedule.xlsx, CSV-Dateien, Kalender je Trainer*in und Standort (.ics).

    Unveränderter Plan: dieselben Kalenderdateien. Verschobener Termin: gleiche UID.
    """
    folder = plan_dir.parent if plan_dir.is_file() else plan_dir  # PLAN_DIR may be plan.json
    plan, scenario = _read_plan_and_scenario(plan_dir, scenario_path)
    reference = load_reference()
    _refuse_invalid(scenario, plan, reference,
                    "[bold red]Der Plan verletzt {n} Regel(n)[/]; exportiert "
                    "werden nur gültige Pläne (nichts geschrieben):")
    target = out_dir or folder / export_columns.DEFAULT_EXPORT_DIR
    refusal = export_target_problem(target, folder, export_columns.WORKBOOK_FILE)
    if refusal:
        console.print(f"[bold red]Ausgabeordner ungeeignet:[/] {escape(str(target))} – "
                      f"{escape(refusal)}", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT)
    previous = read_calendar_state(target / export_columns.CALENDAR_DIR, EXPORT_FINGERPRINT)
    files = export_files(plan, scenario, reference, previous)
    _write_or_fail(lambda: write_folder(target, files), target)
    calendars = sorted(n for n in files if n.endswith(".ics"))
    trainers = sum(Path(n).name.startswith("trainer-") for n in calendars)
    out.print(
        f"Export geschrieben nach {target}/: {export_columns.WORKBOOK_FILE} (Blätter "
        f"{', '.join(export_columns.SHEETS)}), {sum(n.endswith('.csv') for n in files)} "
        f"CSV-Dateien, {len(calendars)} Kalender ({trainers} Trainer*innen, "
        f"{len(calendars) - trainers} Standorte) in {export_columns.CALENDAR_DIR}/.",
        markup=False, highlight=False,
    )

# --- re-planning: locks, --previous, conflicts, regions (README "Re-planning") -----------------

STAGE_TEXT_DE = {
    STAGE_REGIONS: "Stufe 0 – schwächster Bezirk: {best} ‰ der erreichbaren Plätze, "
                   "Schranke {bound} ‰ ({s} s)",
    STAGE_CHANGES: "Stufe 1b – Änderungen: {best}, Schranke {bound} ({s} s)",
}


def replan_inputs(
    scenario: Scenario, previous_dir: Path | None, confirmed_path: Path | None
) -> tuple[Scenario, Plan | None]:
    """The scenario with every lock, and the previous plan (``--previous``), or exit 2.

    Locks are the scenario's ``locks`` table plus the confirmed events of the previous plan
    (``confirmed`` in its plan.json, or "Bestätigt" in ``--confirmed`` / its
    ``schedule.xlsx``); a table lock wins over a confirmed event of the same ID. Every lock
    is checked before solving (:mod:`optimizer.checks.locks`); broken ones are listed by name
    and rule.
    """
    previous: Plan | None = None
    locks = list(scenario.locks)
    try:
        if previous_dir is not None:
            previous = read_plan(previous_dir)
            workbook = confirmed_path or schedule_path(previous_dir)
            confirmed = confirmed_event_ids(workbook) if workbook is not None else set()
            known = {lock.event_id for lock in locks}
            locks += [lk for lk in locks_from_plan(previous, confirmed)
                      if lk.event_id not in known]
        elif confirmed_path is not None:
            raise InputError([InputProblem("--confirmed", None, None, str(confirmed_path),
                                           "nur zusammen mit --previous")])
    except InputError as error:
        raise _fail_input(error) from None
    problems = check_locks(scenario, load_reference(), locks)
    if problems:
        console.print(f"[bold red]Festgelegte Termine verletzen Regeln[/] ({len(problems)}):")
        for problem in problems:
            console.print(f"  • {problem}", markup=False, highlight=False)
        console.print("Festlegung ändern oder entfernen. Es wurde nichts geschrieben.")
        raise typer.Exit(EXIT_BAD_INPUT)
    if len(locks) > len(scenario.locks):
        scenario = scenario.model_copy(update={"locks": tuple(locks)})
    if locks:
        console.print(f"Festgelegte Termine: {len(locks)} ("
                      f"{', '.join(lk.event_id for lk in locks)})", markup=False,
                      highlight=False)
    return scenario, previous


def print_conflicts(plan: Plan, scenario: Scenario) -> None:
    """The groups of requirements that conflict (an infeasible scenario), by name."""
    for line in conflicts_head_de(plan):
        console.print(line, markup=False, highlight=False)
    for conflict in plan.conflicts:
        console.print(f"  • {conflict_label_de(conflict, plan, scenario)}", markup=False,
                      highlight=False)


def replan_lines(plan: Plan, changes: list[Change] | None) -> list[str]:
    """Coverage per Regierungsbezirk and, in a re-plan, the changes (German)."""
    lines = []
    if plan.regions:
        parts = [
            f"{r.regierungsbezirk} {number_de(r.covered)}/{number_de(r.reachable)}"
            + (f" (mind. {number_de(r.minimum)})" if r.minimum else "")
            for r in plan.regions
        ]
        lines.append("Je Regierungsbezirk abgedeckt/erreichbar: " + ", ".join(parts))
    if changes is not None:
        lines.append(changes_summary_de(changes) + f" – Liste in {CHANGES_FILE}")
    return lines


# --- why-not explanations and alternatives (issue 5, items 3 and 6) --------------------------


_AlternativesOption = Annotated[
    int, typer.Option("--alternatives", min=0,
                      help="bis zu K deutlich verschiedene Pläne gleicher Abdeckung zusätzlich")
]
_AltToleranceOption = Annotated[
    float, typer.Option("--alt-tolerance", min=0.0, max=1.0,
                        help="Alternativen kosten höchstens (1 + Wert) × Hauptplan (0.05 = 5 %)")
]
_AltMinDiffOption = Annotated[
    int, typer.Option("--alt-min-diff", min=1,
                      help="mindestens so viele Veranstaltungen (Standort, Modul) anders")
]


def _short_explanations(
    scenario: Scenario, reference: Reference, data: ProblemData, plan: Plan
) -> ExplainReport | None:
    """The cheap reasons (no forced solve; ``explain`` runs those): advisory, so an internal
    error is reported and the solve goes on."""
    try:
        return explain(data, plan, reference, max_solves=0)
    except Exception:  # advisory step: report, log for developers, carry on
        log.debug("explanations failed", exc_info=True)
        console.print("Die Erklärungen sind mit einem internen Fehler abgebrochen.",
                      markup=False, highlight=False)
        return None


def _print_short_explanations(report: ExplainReport | None, target: Path) -> None:
    """After ``solve``: how many councils miss seats and why (reason categories only; no
    file, the plan folder stays as FORMAT.md describes it).

    Forced solves are left to ``qualiplan explain``: each takes up to its time limit, and on
    the NRW scenario a dozen shortfalls would add minutes to every solve.
    """
    if report is None or not report.explanations:
        return
    councils = len({ex.shortfall.council for ex in report.explanations})
    unmet = sum(ex.shortfall.unmet for ex in report.explanations)
    out.print(f"Offene Wünsche: {number_de(unmet)} Plätze bei {councils} "
              f"Gremi{'um' if councils == 1 else 'en'} – "
              f"{explain_text.reason_counts_de(report)}.", markup=False, highlight=False)
    out.print(f"Gründe je Gremium und Folgen (wer verlöre Plätze?): qualiplan explain {target}",
              markup=False, highlight=False)


def _solve_alternatives(
    data: ProblemData, plan: Plan, settings: SolverSettings, target: Path, count: int,
    tolerance: float, min_diff: int, reference: Reference,
) -> None:
    """``solve --alternatives K``: find, validate, write ``alternativen/`` and compare."""
    console.print(f"Suche bis zu {count} Alternative(n), je höchstens "
                  f"{number_de(settings.time_limit_s)} s (bei mehreren Regierungsbezirken "
                  "ändert jede nur einen) …", markup=False, highlight=False)

    def found(number: int, alternative: Plan) -> None:
        console.print(f"  Alternative {number}: {number_de(alternative.totals.covered_seats)} "
                      f"Plätze, {eur_de(alternative.totals.total_cost_eur)}", markup=False,
                      highlight=False)

    regions = {site.site_id: reference.municipalities[site.ags].regierungsbezirk
               for site in data.sites}
    result = find_alternatives(data, plan, count, settings, tolerance, min_diff, found,
                               site_groups=regions)
    for number, alternative in enumerate(result.plans, start=1):
        _refuse_invalid(data.scenario, alternative, reference,
                        f"[bold red]Interner Fehler: Alternative {number} verletzt Regeln[/] "
                        "(keine Alternativen geschrieben):")
    out.print(alternatives_text.summary_de(result, count), markup=False, highlight=False)
    if not result.plans:
        return
    try:
        folder = write_alternatives(target, result.plans, data.scenario,
                                    alternatives_text.comparison_csv(plan, result))
    except OSError as exc:
        console.print(f"[bold red]Ausgabeordner nicht beschreibbar:[/] {escape(str(target))} "
                      f"({escape(str(exc))})", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    table = Table(title="Hauptplan und Alternativen", title_justify="left")
    for header in alternatives_text.TABLE_HEADERS:
        table.add_column(header, justify="left" if header in ("Plan", "Unterschied")
                         else "right")
    for row in alternatives_text.comparison_rows(plan, result):
        table.add_row(*alternatives_text.table_cells(row, plan.totals.total_cost_eur))
    out.print(table)
    out.print(f"Alternativen geschrieben nach {folder}/", markup=False, highlight=False)


@app.command("explain")
def explain_command(
    plan_dir: Annotated[Path, typer.Argument(help="Plan-Ordner (von „qualiplan solve“)")],
    scenario_path: Annotated[
        Path | None, typer.Option("--scenario", help="Szenario (Standard: Kopie im Plan-Ordner)")
    ] = None,
    time_limit: Annotated[
        float, typer.Option("--time-limit", min=0.1, help="Sekunden je Diagnoselauf")
    ] = 10.0,
    max_solves: Annotated[
        int, typer.Option("--max", min=0, help="höchstens so viele Diagnoseläufe "
                          "(Gremien mit den meisten offenen Plätzen zuerst)")
    ] = DEFAULT_MAX_SOLVES,
    jobs: Annotated[int, typer.Option("--jobs", min=1, help="parallele Prozesse")] = DEFAULT_JOBS,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Solver-Protokoll")] = False,
) -> None:
    """Warum bekommt ein Gremium keine (oder zu wenige) Plätze – und was hieße es, es zu bedienen?

    Für jedes Gremium mit offenem Bedarf: der Grund und (für bis zu --max Gremien) der beste
    Plan, der es bedient – mit der Änderung von Plätzen und Kosten und den Gremien, die dafür
    Plätze verlören. Schreibt erklaerungen.csv in den Plan-Ordner.
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING)
    plan, scenario = _read_plan_and_scenario(plan_dir, scenario_path)
    reference = load_reference()
    _refuse_invalid(scenario, plan, reference,
                    "[bold red]Der Plan passt nicht zum Szenario[/] ({n} "
                    "Regelverstöße; mit dem Szenario erklären, für das er berechnet wurde):")
    data = build_problem(scenario, reference)
    console.print(f"Erkläre Plan „{plan.scenario}“: {number_de(plan.totals.covered_seats)} "
                  f"Plätze, {eur_de(plan.totals.total_cost_eur)}; Diagnoseläufe je höchstens "
                  f"{number_de(time_limit, 1)} s, {jobs} parallel …", markup=False,
                  highlight=False)
    regions = {site.site_id: reference.municipalities[site.ags].regierungsbezirk
               for site in scenario.sites}
    report = explain(data, plan, reference, time_limit, max_solves, jobs, site_groups=regions)
    _print_explanations(report, scenario, reference)
    try:
        [written] = write_files(plan_dir, {EXPLANATIONS_FILE: explain_text.explanations_csv(
            report, scenario, reference)})
    except OSError as exc:
        console.print(f"[bold red]Plan-Ordner nicht beschreibbar:[/] {escape(str(plan_dir))} "
                      f"({escape(str(exc))})", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    out.print(f"Geschrieben: {written}", markup=False, highlight=False)


def _print_explanations(report: ExplainReport, scenario: Scenario, reference: Reference) -> None:
    if not report.explanations:
        out.print("Jedes Gremium bekommt alle gewünschten Plätze – nichts zu erklären.",
                  markup=False, highlight=False)
        return
    table = Table(title="Offene Wünsche: Grund und Folge, wenn das Gremium bedient würde",
                  title_justify="left")
    for header, justify in (("Gremium", "left"), ("Modul", "right"),
                            ("Plätze\nim Plan /\ngewünscht", "right"), ("Grund", "left"),
                            ("Wenn bedient", "left")):
        table.add_column(header, justify=justify)  # type: ignore[arg-type]
    for ex in report.explanations:
        s = ex.shortfall
        table.add_row(explain_text.council_label(ex, scenario, reference), str(s.module),
                      f"{s.covered} / {s.wanted}", explain_text.REASON_LABEL_DE[ex.reason],
                      explain_text.consequence_text(ex) or "–")
    out.print(table)
    out.print("Begründungen:", markup=False, highlight=False)
    for ex in report.explanations:
        consequence = explain_text.consequence_text(ex)
        out.print(f"  • {explain_text.council_label(ex, scenario, reference)}, Modul "
                  f"{ex.shortfall.module}: "
                  f"{explain_text.reason_text(ex, scenario, report.time_limit_s)}"
                  + (f" Wenn bedient: {consequence}." if consequence else ""),
                  markup=False, highlight=False)
    note = (f"Diagnoseläufe: {report.solved} (je höchstens {number_de(report.time_limit_s, 1)}"
            f" s) in {number_de(report.seconds, 1)} s")
    if report.skipped:
        note += (f"; {report.skipped} weitere Gremien nicht untersucht (Grund „nicht "
                 "untersucht“; mehr mit --max)")
    out.print(note + ". Unter mehreren gleich guten Plänen wählt der Solver einen; die "
              "verlierenden Gremien sind eine mögliche Wahl.", markup=False, highlight=False)


def main() -> None:  # pragma: no cover - console entry for `python -m optimizer`
    app()


if __name__ == "__main__":  # pragma: no cover
    main()


# --- report and compare (issue 4) -------------------------------------------------------------


def _read_plan_and_scenario(plan_dir: Path, scenario_path: Path | None) -> tuple[Plan, Scenario]:
    """The plan and its scenario, or exit 2 naming what is missing or does not fit."""
    folder = plan_dir.parent if plan_dir.is_file() else plan_dir  # PLAN_DIR may be plan.json
    try:
        plan, scenario = read_plan_folder(folder, scenario_path)
    except InputError as error:
        raise _fail_input(error) from None
    mismatches = plan_mismatches(scenario, plan)
    if mismatches:
        where = str(scenario_path) if scenario_path else str(plan_dir / "scenario")
        raise _fail_input(InputError([
            InputProblem(str(folder / "plan.json"), None, None, None,
                         f"ein Plan zum Szenario {where}: {problem}")
            for problem in mismatches
        ]))
    return plan, scenario


def _write_report(scenario: Scenario, plan: Plan, target: Path,
                  reference: Reference | None = None,
                  changes: list[Change] | None = None) -> list[Path]:
    """Render and write bericht.html and bericht.pdf into ``target`` (both or neither);
    ``changes``: a re-plan's change list, a section of the report."""
    import matplotlib

    matplotlib.use("Agg")  # files only, no window (also on machines without a display)
    from optimizer.report import report_files

    return write_files(target, report_files(scenario, plan, reference, changes))


def _report_after_solve(scenario: Scenario, plan: Plan, target: Path,
                        reference: Reference, changes: list[Change] | None) -> None:
    """The report at the end of ``solve``: a failure is a warning, the plan stays written."""
    try:
        paths = _write_report(scenario, plan, target, reference, changes)
    except Exception as exc:  # the plan is written; a report problem must not change the exit
        log.debug("report after solve failed", exc_info=True)
        console.print(
            f"Warnung: Der Bericht konnte nicht geschrieben werden ({type(exc).__name__}: "
            f"{exc}). Der Plan ist vollständig gespeichert; den Bericht später mit "
            f"„qualiplan report {target}“ erstellen.",
            markup=False, highlight=False,
        )
        return
    out.print(f"Bericht: {', '.join(p.name for p in paths)}", markup=False, highlight=False)


@app.command("report")
def report_command(
    plan_dir: Annotated[Path, typer.Argument(help="Plan-Ordner (mit plan.json)")],
    scenario_path: Annotated[
        Path | None, typer.Option("--scenario", help="Szenario, falls nicht die Kopie im "
                                  "Plan-Ordner verwendet werden soll")
    ] = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Ordner für den Bericht (Standard: Plan-Ordner)")
    ] = None,
) -> None:
    """Bericht zum Plan: bericht.html (eigenständig, offline lesbar) und bericht.pdf."""
    plan, scenario = _read_plan_and_scenario(plan_dir, scenario_path)
    try:
        changes = read_changes(plan_dir)
    except InputError as error:
        raise _fail_input(error) from None
    target = out_dir or plan_dir
    try:
        paths = _write_report(scenario, plan, target, changes=changes)
    except OSError as exc:
        console.print(f"[bold red]Nicht beschreibbar:[/] {escape(str(target))} "
                      f"({escape(str(exc))})", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    out.print(f"Bericht geschrieben: {', '.join(str(p) for p in paths)}",
              markup=False, highlight=False)


#: Difference rows printed by ``compare`` (all of them are in unterschiede.csv).
SHOWN_DIFF_ROWS = 40


_SHORT_CHANGE = {"Termin verschoben": "Termin", "Trainer*innen gewechselt": "Trainer*innen",
                 "Teilnehmende geändert": "Teilnehmende"}


def _slot_short(days: tuple[dt.date, ...], trainers: tuple[str, ...]) -> str:
    """``04.10.25+05.10.25 T24/T20`` (``–`` for an event that is not in the plan)."""
    if not days:
        return "–"
    return "+".join(f"{d:%d.%m.%y}" for d in days) + " " + "/".join(trainers)


def _plan_labels(plan_dirs: list[Path]) -> list[str]:
    """Folder names as plan labels; a repeated name gets its position appended."""
    names = [p.resolve().name or str(p) for p in plan_dirs]
    return [name if names.count(name) == 1 else f"{name} ({i + 1})"
            for i, name in enumerate(names)]


@app.command("compare")
def compare_command(
    plan_dirs: Annotated[
        list[Path], typer.Argument(help="zwei oder mehr Plan-Ordner; der erste ist die Basis")
    ],
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Ausgabeordner (Standard: reports/vergleich)")
    ] = None,
) -> None:
    """Pläne vergleichen: Kennzahlen nebeneinander, Abdeckung je Regierungsbezirk, Kosten,
    Trainer*innen-Tage, und welche Veranstaltungen neu, entfallen oder verschoben sind."""
    if len(plan_dirs) < 2:
        console.print("[bold red]Zum Vergleichen mindestens zwei Plan-Ordner angeben.[/]")
        raise typer.Exit(EXIT_BAD_INPUT)
    plans = {label: _read_plan_and_scenario(path, None)[::-1]
             for label, path in zip(_plan_labels(plan_dirs), plan_dirs, strict=True)}
    import matplotlib

    matplotlib.use("Agg")
    from optimizer.insight.comparison import compare_metrics, diff_plans
    from optimizer.report.compare import analyse_plans, comparison_files, format_metric

    analyses = analyse_plans(plans, load_reference())
    table = Table(title="Vergleich der Pläne", title_justify="left")
    table.add_column("Kennzahl")
    for label in plans:
        table.add_column(label, justify="right")
    for metric in compare_metrics(analyses):
        table.add_row(metric.label, *(format_metric(metric, v) for v in metric.values))
    out.print(table)
    labels = list(plans)
    for label in labels[1:]:
        changes = diff_plans(plans[labels[0]][1], plans[label][1])
        out.print(f"Unterschiede „{label}“ gegenüber „{labels[0]}“: {len(changes)} "
                  "Veranstaltung(en)", markup=False, highlight=False)
        if not changes:
            continue
        diff = Table(show_header=True)
        diff.add_column("Veranstaltung", no_wrap=True)
        for column in ("Änderung", "vorher", "nachher"):
            diff.add_column(column)
        for c in changes[:SHOWN_DIFF_ROWS]:
            what = c.kind + (": " + ", ".join(_SHORT_CHANGE.get(x, x) for x in c.changes)
                             if c.changes else "")
            diff.add_row(c.event_id, what, _slot_short(c.days_before, c.trainers_before),
                         _slot_short(c.days_after, c.trainers_after))
        out.print(diff)
        if len(changes) > SHOWN_DIFF_ROWS:
            out.print(f"… und {len(changes) - SHOWN_DIFF_ROWS} weitere (alle in "
                      "unterschiede.csv).", markup=False, highlight=False)
    target = out_dir or Path("reports") / "vergleich"
    try:
        write_folder(target, comparison_files(
            analyses, {label: plan for label, (_, plan) in plans.items()}))
    except OSError as exc:
        console.print(f"[bold red]Nicht beschreibbar:[/] {escape(str(target))} "
                      f"({escape(str(exc))})", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    out.print(f"Vergleich geschrieben nach {target}/ (vergleich.html, vergleich.csv, "
              "unterschiede.csv)", markup=False, highlight=False)
