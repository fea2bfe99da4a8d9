"""Reading the CSV files written for people (German Excel's dialect) in tests."""

from __future__ import annotations

import csv
import io
from pathlib import Path


def read_csv_de(source: Path | str) -> list[dict[str, str]]:
    """Rows of a CSV written for German Excel (BOM, ``;``), from a path or its text; checks
    the dialect on the way (the BOM first, ``;`` in the header)."""
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    assert text.startswith("\ufeff"), "no BOM: German Excel would misread umlauts"
    assert ";" in text.split("\n", 1)[0], "no ';' in the header: German Excel shows one column"
    return list(csv.DictReader(io.StringIO(text[1:], newline=""), delimiter=";"))
