"""The ``qualiplan`` command line: the typer app, its consoles, its exit codes, and the one
place where the API's refusals become German messages and exit codes.

Exit codes: 0 a plan was found (optimal or feasible) or a check passed; 1 no feasible plan,
no plan in time, or a plan breaks rules; 2 bad input or an unusable output. The frame (help,
usage errors) is German (:mod:`.german`); warnings of the library arrive as German lines
(:class:`GermanWarnings`), never as log records; ``qualiplan --version`` prints the version.
Every command
lives in a module of its group (:mod:`.planning`, :mod:`.checking`, :mod:`.explaining`,
:mod:`.documents`, :mod:`.scenarios`) and only parses its arguments, calls one function of
the API (:mod:`optimizer.api`) and renders the result (:mod:`.words`).
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from optimizer.api.results import (
    LocksBroken,
    OptionsInvalid,
    OutputUnwritable,
    PlanInvalid,
    TargetRefused,
)
from optimizer.domain.errors import InputError
from optimizer.faces.cli import german, words
from optimizer.report.findings_de import lock_problem_de

german.install()
app = typer.Typer(
    cls=german.GermanGroup,
    help="qualiplan – Planung der Qualifizierungsreihe für Integrationsräte in NRW.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# soft_wrap: long lines (file, line, column; rule messages) stay whole in logs and pipes.
console = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)

EXIT_OK, EXIT_NO_PLAN, EXIT_BAD_INPUT = 0, 1, 2

GeocodeOption = Annotated[
    bool, typer.Option("--geocode", help="Standort-Adressen ohne Koordinaten geokodieren "
                       "(Nominatim/OpenStreetMap, höchstens 1 Anfrage je Sekunde)")
]
GeocodeCacheOption = Annotated[
    Path | None, typer.Option("--geocode-cache", help="Cache-Datei der Geokodierung "
                              "(Standard: ~/.cache/qualiplan/geocode.json)")
]
ScenarioArgument = Annotated[
    Path, typer.Argument(metavar="SZENARIO",
                         help="Szenario-Ordner, scenario.yaml oder Arbeitsmappe (.xlsx)")
]
PlanScenarioOption = Annotated[
    Path | None, typer.Option("--scenario", help="Szenario (Standard: Kopie im Plan-Ordner)")
]
PlanDirArgument = Annotated[
    Path, typer.Argument(metavar="PLAN_ORDNER", help="Plan-Ordner (mit plan.json)")
]


def version_text() -> str:
    """``qualiplan 0.1.0`` (the installed package's version)."""
    try:
        return f"qualiplan {metadata.version('qualiplan')}"
    except metadata.PackageNotFoundError:  # run from a source tree without installing
        return "qualiplan (nicht installiert)"


def _show_version(value: bool) -> None:
    if value:
        out.print(version_text(), markup=False, highlight=False)
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option(
        "--version", help="Version anzeigen und beenden", is_eager=True,
        callback=_show_version)] = False,
) -> None:
    """qualiplan – Planung der Qualifizierungsreihe für Integrationsräte in NRW."""
    verbose_logging(False)  # a command with --verbose turns the protocol on


def say(line: str, *, err: bool = False) -> None:
    """Print one line as it is (no rich markup, no highlighting): names are data."""
    (console if err else out).print(line, markup=False, highlight=False)


class GermanWarnings(logging.Handler):
    """The library's log records as German lines on stderr: warnings always (in planners'
    words, :func:`~optimizer.faces.cli.words.warning_de`), the solver protocol (INFO) with
    ``--verbose`` only. No ``WARNING:optimizer…`` record reaches a planner."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if record.levelno >= logging.WARNING:
                say(words.warning_de(record.msg, record.args), err=True)
            else:
                say(f"  · {record.getMessage()}", err=True)
        except Exception:  # a logging handler must never raise
            self.handleError(record)


def _library_warning(message: Any, category: type[Warning], filename: str, lineno: int,
                     file: Any = None, line: str | None = None) -> None:
    """Python warnings of libraries as one German line (not a traceback-like block)."""
    say(f"Hinweis (Bibliothek, {category.__name__}): {message}", err=True)


def verbose_logging(verbose: bool) -> None:
    """Route the library's log records and warnings to German lines (:class:`GermanWarnings`);
    ``verbose`` adds the solver protocol."""
    root = logging.getLogger("optimizer")
    for handler in [h for h in root.handlers if isinstance(h, GermanWarnings)]:
        root.removeHandler(handler)
    root.addHandler(GermanWarnings())
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    warnings.showwarning = _library_warning


@contextmanager
def refusals() -> Iterator[None]:
    """Turn the API's refusals into German messages and exit codes (the one place)."""
    try:
        yield
    except InputError as error:
        console.print(f"[bold red]Fehlerhafte Eingabe[/] ({len(error.problems)} Problem(e)):")
        for problem in error.problems:
            say(f"  • {problem}", err=True)
        console.print("Es wurde nichts geschrieben.")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except OptionsInvalid as error:
        for option in error.problems:
            console.print(f"[bold red]Ungültige Option[/] {words.option_flag(option.name)}: "
                          f"{escape(option.expected)} (gefunden: {escape(repr(option.found))})",
                          highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except LocksBroken as error:
        console.print(f"[bold red]Festgelegte Termine verletzen Regeln[/] "
                      f"({len(error.problems)}):")
        for lock_problem in error.problems:
            say(f"  • {lock_problem_de(lock_problem)}", err=True)
        console.print("Festlegung ändern oder entfernen. Es wurde nichts geschrieben.")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except PlanInvalid as error:
        console.print(words.violations_heading(error))
        for line in words.violation_lines(error.violations):
            say(line, err=True)
        raise typer.Exit(EXIT_NO_PLAN) from None
    except OutputUnwritable as error:
        console.print(f"[bold red]{words.UNWRITABLE[error.kind]}:[/] {escape(str(error.path))} "
                      f"({escape(error.reason)})", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except TargetRefused as error:
        console.print(words.target_refused(error), highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None


def main() -> None:  # pragma: no cover - console entry
    app()
