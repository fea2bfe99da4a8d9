"""Formula neutralisation: text that a spreadsheet would run as a formula stays text.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return, which
some spreadsheets skip before looking for a formula) is read by Excel and LibreOffice as a
formula when the file is opened or a CSV imported ("CSV injection"). Site names and IDs come
from planners' files, so every text cell of the exports goes through here.

What we do, per format:

* xlsx: the cell is written as an explicit string cell with Excel's *quote prefix* flag
  (as if a person had typed ``'=…``). The stored value is the original text, unchanged, so
  reading it back gives the planner's name, and Excel shows and keeps it as text even when
  someone edits the cell. (openpyxl would otherwise turn a string starting with ``=`` into a
  formula.)
* CSV: a CSV has no cell types, so the text is prefixed with an apostrophe (``'=…``), as
  OWASP recommends; a spreadsheet shows the apostrophe, which is the visible sign that the
  value was neutralised.
* iCalendar: calendar programs do not evaluate text; nothing to do.
"""

from __future__ import annotations

# One implementation for every CSV a person opens (optimizer.io.csv_de), re-exported here.
from optimizer.io.csv_de import FORMULA_STARTS, is_formula_like, neutralise_csv

__all__ = ["FORMULA_STARTS", "is_formula_like", "neutralise_csv"]
