"""German number formatting for planners (1.234,56 €; 77,3 %)."""

from __future__ import annotations


def number_de(value: float, decimals: int = 0) -> str:
    """Format a number the German way: thousands with '.', decimals with ','."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def eur_de(value: float) -> str:
    return f"{number_de(value, 2)} €"


def percent_de(part: float, whole: float, decimals: int = 1) -> str:
    if not whole:
        return "–"
    return f"{number_de(100 * part / whole, decimals)} %"
