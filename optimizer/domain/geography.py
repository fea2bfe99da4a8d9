"""Reference geography and calendar facts of NRW (shipped data, see ``optimizer/data``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Municipality:
    """One NRW municipality from the shipped gazetteer (BKG VG250 / Destatis)."""

    ags: str
    name: str
    kreis: str
    kreis_ags: str
    regierungsbezirk: str
    population: int
    lat: float
    lon: float


@dataclass(frozen=True)
class SchoolHoliday:
    """One block of NRW school holidays, first and last day included."""

    name: str
    first_day: dt.date
    last_day: dt.date

    def __contains__(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day


@dataclass(frozen=True)
class Reference:
    """All reference facts the planner uses besides the scenario itself."""

    municipalities: dict[str, Municipality]
    neighbour_pairs: frozenset[frozenset[str]]
    school_holidays: tuple[SchoolHoliday, ...]
    _neighbours: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        adjacency: dict[str, set[str]] = {}
        for pair in self.neighbour_pairs:
            a, b = tuple(pair)
            adjacency.setdefault(a, set()).add(b)
            adjacency.setdefault(b, set()).add(a)
        self._neighbours.update({k: frozenset(v) for k, v in adjacency.items()})

    def are_neighbours(self, ags_a: str, ags_b: str) -> bool:
        """R7: every row of the neighbour table is a border, valid both ways."""
        return ags_b in self._neighbours.get(ags_a, frozenset())

    def neighbours(self, ags: str) -> frozenset[str]:
        return self._neighbours.get(ags, frozenset())

    def is_school_holiday(self, day: dt.date) -> bool:
        return any(day in block for block in self.school_holidays)
