"""CSV files for the parties, as German Excel opens them with a double click.

UTF-8 with BOM (Excel then reads umlauts right), ``;`` as separator, decimal comma without
thousands separator (``1234,56``: a number for Excel-DE and unambiguous for other tools),
dates ``TT.MM.JJJJ``, shares as ``77,30 %``, CRLF line ends. Text that a spreadsheet would run
as a formula gets an apostrophe in front (:func:`optimizer.export.safe.neutralise_csv`).
The headers are the workbook's.
"""

from __future__ import annotations

import csv
import datetime as dt
from io import StringIO

from optimizer.export.safe import neutralise_csv
from optimizer.export.tables import CellValue, Column, Table
from optimizer.io.csv_de import BOM


def _cell(column: Column, value: CellValue) -> str:
    if value is None:
        return ""
    if column.kind == "money":
        assert isinstance(value, int)
        sign = "-" if value < 0 else ""
        euros, cents = divmod(abs(value), 100)
        return f"{sign}{euros},{cents:02d}"
    if column.kind == "date":
        assert isinstance(value, dt.date)
        return f"{value:%d.%m.%Y}"
    if column.kind == "percent":
        assert isinstance(value, float)
        return f"{100 * value:.2f} %".replace(".", ",")
    if isinstance(value, str):
        return neutralise_csv(value)
    return str(value)


def csv_bytes(table: Table) -> bytes:
    """``table`` as a German Excel CSV (see the module docstring)."""
    buffer = StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise_csv(h) for h in table.headers])
    for row in table.rows:
        writer.writerow([_cell(c, v) for c, v in zip(table.columns, row, strict=True)])
    return (BOM + buffer.getvalue()).encode("utf-8")
