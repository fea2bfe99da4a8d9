"""The command line speaks German (issue 15): help, usage errors, defaults, type labels,
``--version``, warnings as German lines, and the live progress without meaningless bounds.

The frame is typer's (German command classes in ``optimizer/faces/cli/german.py``); these
tests scan what a planner sees for English frame words.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from optimizer.domain.options import STAGE_COST, STAGE_COVERAGE, Progress
from optimizer.faces.cli import app
from optimizer.faces.cli.app import verbose_logging
from optimizer.faces.cli.words import progress_text, warning_de

from testkit.cli import run_cli

#: Words of typer's and click's English frame that must never reach a planner.
ENGLISH = ("Usage", "Options", "OPTIONS", "Arguments", "Commands", "COMMAND", "ARGS",
           "Show this message", "Missing", "Error", "Try", "default", "required", "Invalid",
           "value", "path", "PATH", "float", "FLOAT", "int", "INTEGER", "bool", "TEXT", "range",
           "No such", "Possible", "Aborted", "help\\.")
_FLAG = re.compile(r"--?[a-z][a-z0-9-]*")


def _english(text: str) -> list[str]:
    """English frame words in ``text`` (option flags such as --time-limit are names)."""
    plain = _FLAG.sub(" ", text)
    return [word for word in ENGLISH if re.search(rf"\b{word}\b", plain)]


def _commands() -> list[str]:
    from typer.main import get_command

    return sorted(get_command(app).commands)  # type: ignore[attr-defined]


def test_every_help_is_german() -> None:
    pages = {"qualiplan --help": run_cli("--help")}
    pages |= {f"qualiplan {c} --help": run_cli(c, "--help") for c in _commands()}
    assert "qualiplan anleitung --help" in pages and len(pages) == 1 + len(_commands())
    for page, result in pages.items():
        assert result.exit_code == 0, page
        assert "Aufruf: qualiplan" in result.output, page
        assert _english(result.output) == [], (page, result.output)
    assert "Diese Hilfe anzeigen und beenden." in pages["qualiplan --help"].output
    assert "[Standard: 10]" in pages["qualiplan explain --help"].output


@pytest.mark.parametrize("args, message", [
    (("solve",), "Es fehlt die Angabe SZENARIO"),
    (("solve", "x", "--time-limit", "abc"), "Ungültiger Wert für --time-limit"),
    (("solve", "x", "--alternatives", "-1"), "erwartet eine ganze Zahl ≥ 0"),
    (("solve", "x", "--bogus"), "Unbekannte Option --bogus"),
    (("solve", "x", "y"), "Zu viele Angaben"),
    (("solve", "x", "--out"), "Die Option --out braucht einen Wert"),
    (("solv",), "Unbekannter Befehl „solv“ (gemeint: solve?)"),
    (("compare",), "Es fehlt die Angabe PLAN_ORDNER"),
])
def test_usage_errors_are_german(args: tuple[str, ...], message: str) -> None:
    result = run_cli(*args)
    assert result.exit_code == 2
    output = " ".join(result.output.replace("│", " ").split())
    assert message in output, output
    assert "Fehler" in output and "Hilfe: qualiplan" in output
    assert _english(output) == [], output


def test_version() -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert re.fullmatch(r"qualiplan \d+\.\d+\.\d+\S*\n", result.output)


def test_warnings_arrive_as_german_lines(capsys: pytest.CaptureFixture[str]) -> None:
    verbose_logging(False)
    logging.getLogger("optimizer.solve.pipeline").warning("warm start skipped: %s", "Zeit")
    logging.getLogger("optimizer.solve.pipeline").info("not shown without --verbose")
    logging.getLogger("optimizer.x").warning("something new: %d", 3)
    err = capsys.readouterr().err
    assert "Hinweis: Der Warmstart wurde übersprungen (Zeit)" in err
    assert "Hinweis (intern): something new: 3" in err
    assert "WARNING" not in err and "not shown" not in err
    assert warning_de("geocoding site %s failed: %s", ("S05", "Timeout")) == (
        "Warnung: Geokodierung von Standort S05 fehlgeschlagen (Timeout).")


def test_progress_shows_bounds_only_when_they_say_something() -> None:
    # A fresh CP-SAT run's first bound above the 1.533 seats wanted says nothing.
    early = progress_text(Progress(STAGE_COVERAGE, 1200, 4736, 3.0), wanted_seats=1533)
    assert "4.736" not in early and "Schranke" not in early and "1.200" in early
    later = progress_text(Progress(STAGE_COVERAGE, 1470, 1480, 9.0), wanted_seats=1533)
    assert "Schranke 1.480" in later
    # The cost stage: no "0 €" bound before one is proven.
    cost = progress_text(Progress(STAGE_COST, 19_021_850, 0, 20.0))
    assert "0,00 €" not in cost and "Schranke" not in cost and "190.218,50 €" in cost
    proven = progress_text(Progress(STAGE_COST, 19_021_850, 18_900_000, 25.0))
    assert "Schranke 189.000,00 €" in proven


def test_anleitung_writes_every_chapter_in_order(tmp_path: Path) -> None:
    from optimizer.io.guide import guide_chapters

    chapters = guide_chapters()
    names = [name for name, _ in chapters]
    assert names == sorted(names) and len(names) >= 5
    result = run_cli("anleitung", tmp_path / "anleitung.html")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "anleitung.html").read_text(encoding="utf-8")
    titles = [next(line[2:] for line in text.splitlines() if line.startswith("# "))
              for _, text in chapters]
    positions = [page.index(f">{title}</h1>") for title in titles]
    assert positions == sorted(positions)  # in file-name order
    for needed in ("Bestätigt", "Termin", "R17", "kalender/absagen", "Erwachsenenbildung"):
        assert needed in page, needed
    assert "<script" not in page and "http" not in page
    assert run_cli("anleitung", tmp_path / "anleitung.md").exit_code == 0
    assert run_cli("anleitung", tmp_path / "anleitung.txt").exit_code == 2
    assert run_cli("anleitung", tmp_path / "anleitung.pdf").exit_code == 0
    pymupdf = pytest.importorskip("pymupdf")
    with pymupdf.open(tmp_path / "anleitung.pdf") as document:
        text = "\n".join(page.get_text() for page in document)
    assert all(title in text for title in titles)


def test_the_guide_takes_whatever_chapters_the_folder_holds() -> None:
    from optimizer.report.guide import guide_html

    chapters = [("10-a.md", "# Erstes\n\nText"), ("60-budgetkurve.md", "# Budgetkurve\n"),
                ("20-b.md", "# Zweites\n")]
    page = guide_html(sorted(chapters))
    assert page.index("Erstes") < page.index("Zweites") < page.index("Budgetkurve")
