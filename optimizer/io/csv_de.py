"""CSV files for people, in the dialect German Excel opens with a double click.

UTF-8 with BOM (Excel then reads umlauts right), ``;`` as separator, decimal comma without
thousands separator (``1234,56``: a number for Excel-DE and unambiguous for other tools),
CRLF line ends. Every CSV a person opens is written so: the export's tables
(:mod:`optimizer.export.csv_de`), ``erklaerungen.csv``, ``vergleich.csv``,
``unterschiede.csv``, ``changes.csv`` and ``alternativen/vergleich.csv``. FORMAT.md's
``events.csv`` and ``assignments.csv`` beside ``plan.json`` are for tools and stay as
FORMAT.md writes them (comma, decimal point).

Text that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab
or carriage return, "CSV injection") gets an apostrophe in front, as OWASP recommends; the
apostrophe is the visible sign that the value was neutralised (:func:`neutralise_csv`; the
workbook's own neutralisation is :mod:`optimizer.export.safe`).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from typing import Final

BOM: Final = "\ufeff"
#: First characters that make a spreadsheet treat a cell as a formula.
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula."""
    return text.startswith(FORMULA_STARTS)


def neutralise_csv(text: str) -> str:
    """``text`` for a CSV cell: an apostrophe in front when it looks like a formula."""
    return "'" + text if is_formula_like(text) else text


def decimal_de(value: float, decimals: int | None = None) -> str:
    """A number with a decimal comma and no thousands separator (``-1234,5``); ``decimals``
    fixes the places (money: 2), else as few as the value needs."""
    if not math.isfinite(value):
        return ""
    text = f"{value:.{decimals}f}" if decimals is not None else repr(float(value))
    if "e" in text:  # very large or small: written out
        text = f"{value:.12f}".rstrip("0").rstrip(".")
    text = text.removesuffix(".0")
    return text.replace(".", ",")


def cell_de(value: object) -> str:
    """One cell: text neutralised, numbers with a decimal comma, nothing for ``None``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, float):
        return decimal_de(value)
    if isinstance(value, int):
        return str(value)
    return neutralise_csv(str(value))


def csv_text_de(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A whole CSV file in the dialect of German Excel (module docstring), BOM included."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise_csv(h) for h in header])
    for row in rows:
        writer.writerow([cell_de(v) for v in row])
    return BOM + buffer.getvalue()


def read_csv_rows(text: str) -> list[list[str]]:
    """The rows of a CSV written here or as plain CSV (comma): BOM dropped, the separator
    taken from the header line (``;`` if it has more of them than commas)."""
    text = text.removeprefix(BOM)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
