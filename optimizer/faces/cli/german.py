"""The command line's frame in German: help, usage lines, usage errors, type labels, defaults.

typer draws the frame around our own (German) texts: the usage line, the panel titles, the
help option, ``[default: …]``, the type of each option and the messages of usage errors. This
module translates that frame rather than parsing the command line itself (typer still
parses); planners read German only.

How, and why so: typer ≥ 0.2x vendors a trimmed click whose messages are plain English
strings (no gettext), while typer's rich help has its own translatable constants
(``typer.rich_utils``). So

* the rich help's constants (panel titles, ``[default: …]``, ``[required]``, the help hint,
  the error panel's title) are set to their German form from :data:`FRAME_DE` when the CLI is
  imported (:func:`install`);
* :class:`GermanCommand` and :class:`GermanGroup` (the classes every command and the app use)
  write the usage line as "Aufruf: qualiplan solve [OPTIONEN] SZENARIO", name the help option
  in German, show each option's kind as a German word (:data:`KIND_DE`: ``ZAHL``,
  ``GANZZAHL``, ``PFAD``; a flag shows none) and turn every usage error (missing argument,
  unknown option, a value that is no number, a number out of range, an unknown command) into
  a German message (:func:`usage_error_de`) before typer prints it.

``tests/faces/cli/test_german_frame.py`` scans every command's ``--help`` and the usage
errors for English frame words.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Any, NoReturn

import typer
from typer import rich_utils
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

#: typer's rich help constants (their English text) -> German.
FRAME_DE: dict[str, str] = {
    "Arguments": "Argumente",
    "Options": "Optionen",
    "Commands": "Befehle",
    "Error": "Fehler",
    "Aborted.": "Abgebrochen.",
    "[default: {}]": "[Standard: {}]",
    "[env var: {}]": "[Umgebungsvariable: {}]",
    "[required]": "[Pflicht]",
    "(deprecated) ": "(veraltet) ",
    "Try [blue]'{command_path} {help_option}'[/] for help.":
        "Hilfe: [blue]{command_path} {help_option}[/]",
}
_CONSTANTS = ("ARGUMENTS_PANEL_TITLE", "OPTIONS_PANEL_TITLE", "COMMANDS_PANEL_TITLE",
              "ERRORS_PANEL_TITLE", "ABORTED_TEXT", "DEFAULT_STRING", "ENVVAR_STRING",
              "REQUIRED_LONG_STRING", "DEPRECATED_STRING", "RICH_HELP")
HELP_DE = "Diese Hilfe anzeigen und beenden."
USAGE_PREFIX = "Aufruf: "
OPTIONS_METAVAR = "[OPTIONEN]"
SUBCOMMAND_METAVAR = "BEFEHL [ARGUMENTE]..."
#: An option's kind as the help shows it (by the Python type of its value).
KIND_DE: dict[type, str] = {float: "ZAHL", int: "GANZZAHL", str: "TEXT"}
PATH_DE = "PFAD"
#: What a value of each kind must be, for error messages.
EXPECTED_DE: dict[type, str] = {float: "eine Zahl (Dezimalpunkt, z. B. 0.05)",
                                 int: "eine ganze Zahl", str: "einen Text"}

_USAGE_ERROR: type[Exception] = next(c for c in typer.BadParameter.__mro__
                                     if c.__name__ == "UsageError")


def install() -> None:
    """Set typer's rich help constants to German (idempotent)."""
    for name in _CONSTANTS:
        value = getattr(rich_utils, name, None)
        if isinstance(value, str) and value in FRAME_DE:
            setattr(rich_utils, name, FRAME_DE[value])


class GermanUsageError(_USAGE_ERROR):  # type: ignore[misc, valid-type]
    """A usage error whose message is German already (exit code 2, as click's)."""

    def format_message(self) -> str:
        return str(self.message)


def _annotation(param: Any) -> Any:
    descriptor = getattr(param, "type_descriptor", None)
    return getattr(descriptor, "annotation", None)


def _is_path(param: Any) -> bool:
    return bool(getattr(getattr(param, "type_descriptor", None), "is_path", False))


def _kind_de(param: Any) -> str | None:
    """The German label of an option's value kind; ``""`` for a flag (it takes no value)."""
    if getattr(param, "is_flag", False):
        return ""
    if _is_path(param):
        return PATH_DE
    if getattr(getattr(param, "type_descriptor", None), "is_list", False):
        return f"{PATH_DE} …"
    return KIND_DE.get(_annotation(param))


def _range_de(param: Any) -> str:
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        return f" von {low} bis {high}"
    if low is not None:
        return f" ≥ {low}"
    if high is not None:
        return f" ≤ {high}"
    return ""


def _hint(error: Any) -> str:
    param = getattr(error, "param", None)
    if param is None:
        return str(getattr(error, "param_hint", "") or "")
    if isinstance(param, TyperArgument):
        return str(param.metavar or param.name or "").upper()
    return " / ".join(getattr(param, "opts", ())) or str(param.name)


def usage_error_de(error: Exception) -> str:
    """A usage error of typer's click as a German sentence (module docstring)."""
    kind = type(error).__name__
    message = str(getattr(error, "message", "") or "")
    param = getattr(error, "param", None)
    if kind == "MissingParameter":
        what = "Angabe" if isinstance(param, TyperArgument) else "Option"
        helptext = f" ({getattr(param, 'help', '')})" if getattr(param, "help", None) else ""
        return f"Es fehlt die {what} {_hint(error)}{helptext}."
    if kind == "BadParameter" or (param is not None and kind not in ("NoSuchOption",)):
        annotation = _annotation(param)
        expected = ("einen vorhandenen Pfad" if _is_path(param) and "exist" in message else
                    EXPECTED_DE.get(annotation, "einen anderen Wert") + _range_de(param))
        return f"Ungültiger Wert für {_hint(error)}: erwartet {expected}."
    if kind == "NoSuchOption":
        option = str(getattr(error, "option_name", ""))
        possible = sorted(getattr(error, "possibilities", None) or ())
        return f"Unbekannte Option {option}" + (
            f" (gemeint: {', '.join(possible)}?)" if possible else "") + "."
    for pattern, german in _MESSAGES_DE:
        match = re.fullmatch(pattern, message)
        if match:
            return german.format(*match.groups())
    return f"Ungültiger Aufruf ({message})."


_MESSAGES_DE: tuple[tuple[str, str], ...] = (
    (r"Option '?(.+?)'? requires an argument\.", "Die Option {} braucht einen Wert."),
    (r"Option '?(.+?)'? requires (\d+) arguments\.", "Die Option {} braucht {} Werte."),
    (r"Option '?(.+?)'? does not take a value\.", "Die Option {} nimmt keinen Wert."),
    (r"Got unexpected extra argument(?:\(s\)|s)? \((.*)\)", "Zu viele Angaben: {}."),
    (r"No such command '?(.+?)'?\..*", "Unbekannter Befehl „{}“."),
    (r"Missing command\.", "Es fehlt der Befehl."),
)


def _german(error: Exception, ctx: Any) -> NoReturn:
    raise GermanUsageError(usage_error_de(error), ctx=getattr(error, "ctx", None) or ctx) \
        from None


def _germanise(params: Sequence[Any]) -> None:
    """German value labels: an option's (unless a metavar says it already) and the type
    column of an argument (typer would show ``<path>``)."""
    for param in params:
        label = _kind_de(param)
        if isinstance(param, TyperOption) and param.metavar is None and label is not None:
            param.metavar = label
        elif isinstance(param, TyperArgument) and label is not None:
            setattr(param, "display_type_rich", lambda ctx, label=label: label)  # noqa: B010


def _usage(command: Any, ctx: Any, formatter: Any) -> None:
    formatter.write_usage(ctx.command_path, " ".join(command.collect_usage_pieces(ctx)),
                          prefix=USAGE_PREFIX)


def _help_option(option: Any | None) -> Any | None:
    if option is not None:
        option.help = HELP_DE
        option.metavar = ""
    return option


class GermanCommand(TyperCommand):
    """A typer command whose frame is German (module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["options_metavar"] = OPTIONS_METAVAR
        super().__init__(*args, **kwargs)
        _germanise(self.params)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _usage(self, ctx, formatter)

    def get_help_option(self, ctx: Any) -> Any:
        return _help_option(super().get_help_option(ctx))

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except GermanUsageError:
            raise
        except _USAGE_ERROR as error:
            if type(error).__name__ == "NoArgsIsHelpError":
                raise
            _german(error, ctx)


class GermanGroup(TyperGroup):
    """The ``qualiplan`` group: German frame, German errors for unknown commands."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["options_metavar"] = OPTIONS_METAVAR
        kwargs["subcommand_metavar"] = SUBCOMMAND_METAVAR
        super().__init__(*args, **kwargs)
        _germanise(self.params)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _usage(self, ctx, formatter)

    def get_help_option(self, ctx: Any) -> Any:
        return _help_option(super().get_help_option(ctx))

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except GermanUsageError:
            raise
        except _USAGE_ERROR as error:
            if type(error).__name__ == "NoArgsIsHelpError":
                raise
            _german(error, ctx)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except _USAGE_ERROR as error:
            close = difflib.get_close_matches(args[0], list(self.commands)) if args else []
            text = usage_error_de(error).rstrip(".")
            hint = f" (gemeint: {', '.join(close)}?)" if close else ""
            raise GermanUsageError(f"{text}{hint}. Befehle: {', '.join(self.commands)}.",
                                   ctx=ctx) from None
