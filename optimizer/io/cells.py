"""One cell of an input table as text, parsed into a value.

A CSV cell and a workbook cell (:func:`optimizer.io.workbook.cell_text`) both arrive here as
text, so both input forms accept exactly the same values. Every parser returns the value or
raises ``ValueError`` whose message says, in German, what was expected; the reader turns it
into an :class:`~optimizer.domain.errors.InputProblem` naming file, line and column.

Cells are read as planners' tools write them: numbers may use a decimal comma (``51,2203``,
German Excel) and dates may be written ``TT.MM.JJJJ`` besides FORMAT.md's ISO form. Where a
number arrives as German text (a cell of a ``;``-separated CSV, a text cell of a workbook, a
quoted YAML string), :func:`german_number_text` reads it as a German planner means it:
``15.000,50`` is fifteen thousand euros and fifty cents, ``0,30`` thirty cents. FORMAT.md's
comma-separated CSV and unquoted YAML numbers keep their dot decimals.
"""

from __future__ import annotations

import datetime as dt
import math
import re

_TRUE = {"true", "1", "yes", "ja", "wahr", "x", "y", "j"}
_FALSE = {"false", "0", "no", "nein", "falsch", ""}
_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
#: A site's status (README "Re-planning"), German words accepted too.
_STATUS = {"required": "required", "candidate": "candidate", "excluded": "excluded",
           "pflicht": "required", "kandidat": "candidate", "ausgeschlossen": "excluded"}


def number_text(text: str) -> str:
    """A number as German Excel writes it (``51,2203``) in Python's form (``51.2203``).

    Only a single comma without any point is read as a decimal comma; anything else is left
    as it is (and fails to parse if it is no number), so ``1.234,5`` is never guessed.
    """
    if text.count(",") == 1 and "." not in text:
        return text.replace(",", ".")
    return text


_GROUPED_DE = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_COMMA_DE = re.compile(r"[+-]?\d*,\d+")
_EURO = re.compile(r"\s*(?:€|EUR|Euro)\s*$", re.IGNORECASE)
_TIME = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?(?:\s*Uhr)?", re.IGNORECASE)


def german_number_text(text: str, grouped: bool = True) -> str:
    """A number written the German way (``15.000,50``, ``0,30``, ``1.500``, ``12 €``) in
    Python's form (``15000.50``); any other text unchanged (and so still an error if no number).

    ``grouped``: points between groups of three digits are thousands separators; off for
    coordinates, which have no thousands but may have three decimals (``7.123``). A text that
    is no German number but a plain one (``0.30``, with a group of two) stays as it is.
    """
    stripped = _EURO.sub("", text.strip().replace("\u00a0", " "))
    if grouped and _GROUPED_DE.fullmatch(stripped):
        return stripped.replace(".", "").replace(",", ".")
    if _COMMA_DE.fullmatch(stripped):
        return stripped.replace(",", ".")
    return stripped if stripped != text.strip() else text


def parse_int(text: str) -> int:
    """A whole number (``12``, ``12,0``)."""
    try:
        value = float(number_text(text))
    except ValueError:
        raise ValueError("eine ganze Zahl") from None
    if not value.is_integer():
        raise ValueError("eine ganze Zahl")
    return int(value)


def parse_count(text: str) -> int:
    """A whole number ≥ 0 (members, interest, ``max_events``)."""
    value = parse_int(text)
    if value < 0:
        raise ValueError("eine ganze Zahl ≥ 0")
    return value


def parse_float(text: str) -> float:
    """A finite number, with a decimal point or comma (coordinates)."""
    try:
        value = float(number_text(text))
    except ValueError:
        raise ValueError("eine Zahl (Dezimalpunkt oder -komma)") from None
    if not math.isfinite(value):
        raise ValueError("eine Zahl (Dezimalpunkt oder -komma)")
    return value


def parse_ags(text: str) -> str:
    """An 8-digit municipality key (AGS) with its leading zero, as FORMAT.md says."""
    if len(text) != 8 or not text.isdigit():
        raise ValueError(
            "einen 8-stelligen Gemeindeschlüssel (AGS) mit führender Null, z. B. 05111000"
        )
    return text


def parse_bool(text: str) -> bool:
    """``true``/``false`` and the usual German and Excel spellings (``ja``, ``x``, ``0`` …)."""
    low = text.strip().lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise ValueError("true oder false")


def is_german_date(text: str) -> bool:
    """Whether the text is written ``TT.MM.JJJJ`` (valid as a date or not)."""
    return _GERMAN_DATE.fullmatch(text.strip()) is not None


def parse_date(text: str) -> dt.date:
    """One date, ISO (``2026-02-07``, FORMAT.md) or German (``07.02.2026``, ``7.2.2026``).

    Raises ``ValueError`` without a German expectation; :func:`parse_date_cell` adds one.
    """
    german = _GERMAN_DATE.fullmatch(text.strip())
    if german:
        day, month, year = (int(g) for g in german.groups())
        return dt.date(year, month, day)  # ValueError for 30.02.2026
    return dt.date.fromisoformat(text.strip())


def parse_date_cell(text: str) -> dt.date:
    """One date cell (a lock's ``day1``, ``day2``)."""
    try:
        return parse_date(text)
    except ValueError:
        raise ValueError("ein Datum im Format JJJJ-MM-TT oder TT.MM.JJJJ") from None


def parse_dates(text: str) -> tuple[dt.date, ...]:
    """Dates separated by ``;`` (FORMAT.md) or ``,`` (a date never holds a comma)."""
    days = []
    for part in (p.strip() for p in re.split(r"[;,]", text)):
        if not part:
            continue
        try:
            days.append(parse_date(part))
        except ValueError:
            raise ValueError(
                "Daten im Format JJJJ-MM-TT oder TT.MM.JJJJ, durch ';' getrennt "
                f"({part!r} ungültig)"
            ) from None
    return tuple(days)


def parse_modules(text: str) -> tuple[int, ...]:
    """The modules a trainer teaches (R12): ``1``, ``2`` or ``1;2``."""
    parts = [p.strip() for p in text.split(";") if p.strip()]
    if not parts or any(p not in {"1", "2"} for p in parts):
        raise ValueError("1, 2 oder 1;2")
    return tuple(sorted({int(p) for p in parts}))


def parse_module(text: str) -> int:
    """One module (R3): ``1`` or ``2``."""
    if text.strip() not in {"1", "2"}:
        raise ValueError("1 oder 2")
    return int(text)


#: A trainer's role (R10) as the template offers it (German), besides FORMAT.md's codes.
ROLE_WORDS = {"educator": "educator", "council": "council",
              "erwachsenenbildung": "educator", "erwachsenenbildner*in": "educator",
              "erwachsenenbildnerin": "educator", "erwachsenenbildner": "educator",
              "integrationsrat": "council", "integrationsräte": "council"}


def parse_role(text: str) -> str:
    """A trainer's role (R10): ``educator`` or ``council`` (German: ``Erwachsenenbildung``,
    ``Integrationsrat``)."""
    role = ROLE_WORDS.get(text.strip().casefold())
    if role is None:
        raise ValueError("Erwachsenenbildung oder Integrationsrat (educator oder council)")
    return role


def parse_time(text: str) -> dt.time:
    """A time of day: ``10:00``, ``9:30``, ``10.00``, ``10 Uhr``."""
    match = _TIME.fullmatch(text.strip())
    try:
        if match is None:
            raise ValueError
        return dt.time(int(match.group(1)), int(match.group(2) or 0))
    except ValueError:
        raise ValueError("eine Uhrzeit SS:MM, z. B. 10:00") from None


def parse_status(text: str) -> str:
    """A site's status (README "Re-planning"); German words accepted too."""
    status = _STATUS.get(text.strip().lower())
    if status is None:
        raise ValueError("required, candidate oder excluded (leer: candidate)")
    return status


def parse_ids(text: str) -> tuple[str, ...]:
    """A locked event's trainers: one or two different ``trainer_id``, ``;``-separated."""
    ids = tuple(p.strip() for p in text.split(";") if p.strip())
    if not 1 <= len(ids) <= 2 or len(set(ids)) != len(ids):
        raise ValueError("eine oder zwei verschiedene trainer_id, durch ';' getrennt")
    return ids


def parse_lock_councils(text: str) -> dict[str, int]:
    """``C1:9;C2:5``: council IDs with the members each sends."""
    councils: dict[str, int] = {}
    for part in (p.strip() for p in text.split(";") if p.strip()):
        ident, sep, count = part.rpartition(":")
        if not sep or not ident.strip() or ident.strip() in councils:
            raise ValueError("Gremien als council_id:Mitglieder, durch ';' getrennt "
                             "(z. B. C1:9;C2:5), jedes Gremium einmal")
        try:
            councils[ident.strip()] = parse_count(count.strip())
        except ValueError:
            raise ValueError(f"eine ganze Zahl ≥ 0 nach {ident.strip()}:") from None
    return councils


def parse_text(text: str) -> str:
    """A non-empty text (IDs, names, addresses)."""
    if not text:
        raise ValueError("einen nicht leeren Text")
    return text
