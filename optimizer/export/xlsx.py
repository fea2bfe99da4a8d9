"""``schedule.xlsx``: the export tables as a workbook for planners, VHS and finance.

Numbers are numbers and dates are dates (a planner can sort, filter and add up), money has a
euro number format, shares a percent format. One table per sheet, so a printout shows one
table; every sheet has a bold, frozen header row, an autofilter and column widths fitted to
the content (long names wrapped in a column of at most :data:`WRAP_WIDTH` characters), and
prints as planners print it (:func:`optimizer.io.workbook.make_printable`: A4 landscape, fit
to the page width, header row repeated on every page). Text that Excel
would run as a formula is written as an explicit string cell with the quote-prefix flag
(:mod:`optimizer.export.safe`). Document properties carry fixed values (not the clock), so an
unchanged plan gives the same workbook content.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from optimizer.export.safe import is_formula_like
from optimizer.export.tables import CellValue, Column, Table
from optimizer.io.workbook import make_printable

MONEY_FORMAT = '#,##0.00 "€"'
DATE_FORMAT = "DD.MM.YYYY"
PERCENT_FORMAT = "0.0 %"
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
MAX_WIDTH = 60
#: Width (characters) of a column of long text (names, lists), wrapped within it.
WRAP_WIDTH = 26
#: Height (points) of one line of text; a row is as high as its longest wrapped cell, set
#: explicitly because neither Excel nor LibreOffice grows a row of a generated file.
LINE_HEIGHT = 15


#: Stands in for control characters, which an xlsx file cannot hold at all.
REPLACEMENT = "\ufffd"


def _text(value: str) -> str:
    """Text as an xlsx cell can hold it: line ends as ``\n`` (XML reads a lone ``\r`` as a
    line end anyway), other control characters as U+FFFD (XML forbids them; openpyxl would
    refuse the file)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return ILLEGAL_CHARACTERS_RE.sub(REPLACEMENT, value)


def _value(column: Column, value: CellValue) -> CellValue:
    """The cell value of one table value: money from cents to euros, text through
    :func:`_text`, the rest as it is."""
    if value is None:
        return None
    if column.kind == "money":
        assert isinstance(value, int)
        return value / 100
    if isinstance(value, str):
        return _text(value)
    return value


def _text_width(column: Column, value: CellValue) -> int:
    if value is None:
        return 0
    if column.kind == "money":
        assert isinstance(value, int)
        return len(f"{value / 100:,.2f} €")
    if column.kind == "date":
        return 10
    if column.kind == "percent":
        return 7
    return len(str(value))


def _write_cell(cell: Cell, column: Column, value: CellValue) -> None:
    cell.value = _value(column, value)
    if isinstance(value, str) and is_formula_like(value):
        # Neutralised: a string cell (openpyxl made it a formula) shown as typed with "'".
        cell.data_type = "s"
        cell.quotePrefix = True
    elif column.kind == "money":
        cell.number_format = MONEY_FORMAT
    elif column.kind == "date" and isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    elif column.kind == "percent":
        cell.number_format = PERCENT_FORMAT


def _offer(sheet: Worksheet, column: Column, index: int, num_rows: int) -> None:
    """A drop-down of ``column.choices`` on the column's data cells (other input: a warning)."""
    validation = DataValidation(
        type="list", formula1='"' + ",".join(column.choices) + '"', allow_blank=True,
        errorStyle="warning", showErrorMessage=True, errorTitle=column.header,
        error=f"Erwartet: {' oder '.join(column.choices)} (oder leer)",
    )
    letter = get_column_letter(index)
    validation.add(f"{letter}2:{letter}{max(num_rows + 1, 2)}")
    sheet.add_data_validation(validation)


def _lines(text: str, width: float) -> int:
    """Lines a wrapped cell of ``width`` characters needs (words kept whole where they fit)."""
    lines, used = 1, 0
    for word in text.split(" "):
        length = len(word)
        if used and used + 1 + length > width:
            lines, used = lines + 1, 0
        used += (1 if used else 0) + length
        while used > width:  # a word longer than the column breaks
            lines, used = lines + 1, used - int(width)
    return lines


def _row_heights(sheet: Worksheet, table: Table) -> None:
    """Each row as high as its tallest wrapped cell (header row included)."""
    widths = [sheet.column_dimensions[get_column_letter(j)].width - 2
              for j in range(1, len(table.columns) + 1)]
    cells = [(i, j, str(v)) for i, row in enumerate(table.rows, start=2)
             for j, (c, v) in enumerate(zip(table.columns, row, strict=True))
             if c.wide and v is not None]
    cells += [(1, j, c.header) for j, c in enumerate(table.columns)]
    tallest: dict[int, int] = {}
    for i, j, text in cells:
        tallest[i] = max(tallest.get(i, 1), _lines(text, max(widths[j], 4)))
    for i, lines in tallest.items():
        if lines > 1:
            sheet.row_dimensions[i].height = LINE_HEIGHT * lines


def _write_table(sheet: Worksheet, table: Table) -> None:
    """Write ``table`` with its header in row 1; columns sized to their content."""
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")  # cells of a row line up with its wrapped names
    for index, column in enumerate(table.columns, start=1):
        header = sheet.cell(row=1, column=index)
        _write_cell(header, Column(column.header), column.header)
        header.font = HEADER_FONT
        header.fill = HEADER_FILL
        header.alignment = Alignment(wrap_text=True, vertical="center")
        for i, row in enumerate(table.rows, start=2):
            cell = sheet.cell(row=i, column=index)
            _write_cell(cell, column, row[index - 1])
            cell.alignment = wrap if column.wide else top
        if column.choices:
            _offer(sheet, column, index, len(table.rows))
        content = max([0, *(_text_width(column, r[index - 1]) for r in table.rows)])
        width = max(content, min(len(column.header), 16))
        limit = WRAP_WIDTH if column.wide else MAX_WIDTH
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, limit)


def _sheet(workbook: Workbook, table: Table) -> None:
    """One sheet named after its table: header row 1, frozen, filtered, printable."""
    sheet = workbook.create_sheet(table.name)
    _write_table(sheet, table)
    _row_heights(sheet, table)
    last_row = max(len(table.rows) + 1, 2)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{last_row}"
    sheet.freeze_panes = "A2"
    make_printable(sheet, last_row, len(table.columns))


def workbook_bytes(sheets: Sequence[Table], stamp: dt.datetime) -> bytes:
    """The workbook: one sheet per table.

    ``stamp`` (naive or UTC) is written as creation and modification time, instead of now.
    """
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in sheets:
        _sheet(workbook, table)
    naive = stamp.replace(tzinfo=None)
    workbook.properties.creator = "qualiplan"
    workbook.properties.created = naive
    workbook.properties.modified = naive
    workbook.properties.lastModifiedBy = "qualiplan"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
