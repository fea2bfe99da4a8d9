"""Load the NRW reference data shipped inside the package (``optimizer/data``)."""

from __future__ import annotations

import csv
import datetime as dt
from functools import cache
from importlib import resources

from optimizer.domain.geography import Municipality, Reference, SchoolHoliday


def _rows(filename: str) -> list[dict[str, str]]:
    text = resources.files("optimizer.data").joinpath(filename).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def load_reference() -> Reference:
    """Municipalities, borders and school holidays of NRW (read once per process)."""
    municipalities = {
        row["ags"]: Municipality(
            ags=row["ags"],
            name=row["name"],
            kreis=row["kreis"],
            kreis_ags=row["kreis_ags"],
            regierungsbezirk=row["regierungsbezirk"],
            population=int(row["population"]),
            lat=float(row["lat"]),
            lon=float(row["lon"]),
        )
        for row in _rows("nrw_municipalities.csv")
    }
    pairs = frozenset(frozenset((r["ags_a"], r["ags_b"])) for r in _rows("nrw_neighbours.csv"))
    school = tuple(
        SchoolHoliday(
            name=f"{r['ferien']} {r['schuljahr']}",
            first_day=dt.date.fromisoformat(r["erster_tag"]),
            last_day=dt.date.fromisoformat(r["letzter_tag"]),
        )
        for r in _rows("nrw_school_holidays.csv")
    )
    return Reference(municipalities=municipalities, neighbour_pairs=pairs, school_holidays=school)
