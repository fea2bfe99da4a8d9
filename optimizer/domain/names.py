"""How people are named in everything a person reads, and the German labels shared by the
report and the export.

Planners, VHS staff, trainers and councils read names, not IDs: a trainer by the ``name`` of
``trainers.csv`` (FORMAT.md "Optional additions"), a council by its municipality, a site by
its VHS name and address, an event as "Basismodul, VHS Paderborn, 7./8. Feb. 2026". Without
names the outputs fall back to the IDs, so old scenarios keep working. IDs stay in the
files where a machine needs them (an extra column, the calendar UID).

:class:`Names` is the lookup, built once per scenario (:meth:`Names.of`). The functions below
it are German labels (module names, dates, hours). They live in ``domain`` although they are
words, because the report and the export are siblings that may share only what lies to their
left (README "Layout"), like the export's header names in :mod:`optimizer.domain.columns`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from optimizer.domain.geography import Reference
from optimizer.domain.scenario import Scenario

#: The modules' names in the call (R3).
MODULE_DE: Mapping[int, str] = {1: "Basismodul", 2: "Aufbaumodul"}
#: A trainer's role (R10) as planners say it; also the values of the template's "Rolle".
ROLE_DE: Mapping[str, str] = {"educator": "Erwachsenenbildung", "council": "Integrationsrat"}
#: Month abbreviations as the Duden writes them (a dot only where letters are left out).
MONTHS_DE = ("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.",
             "Nov.", "Dez.")
MONTHS_LONG_DE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                  "September", "Oktober", "November", "Dezember")
WEEKDAYS_DE = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")


@dataclass(frozen=True)
class Names:
    """Display names by ID: trainers (their ``name``), councils (their municipality), sites
    (VHS name) and venues (VHS name with address). An unknown ID is shown as it is, so a
    name of a previous plan's trainer who left the scenario still reads (as the ID)."""

    trainers: Mapping[str, str] = field(default_factory=dict)
    councils: Mapping[str, str] = field(default_factory=dict)
    sites: Mapping[str, str] = field(default_factory=dict)
    addresses: Mapping[str, str] = field(default_factory=dict)
    places: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, scenario: Scenario, reference: Reference) -> Names:
        """The names of one scenario; a municipality shared by two councils adds the ID."""
        towns = {c.council_id: _town(reference, c.ags) for c in scenario.councils}
        shared = {t for t in towns.values() if list(towns.values()).count(t) > 1}
        return cls(
            trainers={t.trainer_id: (t.name or "").strip() or t.trainer_id
                      for t in scenario.trainers},
            councils={cid: f"{town} ({cid})" if town in shared else town
                      for cid, town in towns.items()},
            sites={s.site_id: s.name for s in scenario.sites},
            addresses={s.site_id: (s.address or "").strip() for s in scenario.sites},
            places={s.site_id: _town(reference, s.ags) for s in scenario.sites},
        )

    def trainer(self, trainer_id: str) -> str:
        return self.trainers.get(trainer_id, trainer_id)

    def council(self, council_id: str) -> str:
        return self.councils.get(council_id, council_id)

    def site(self, site_id: str) -> str:
        return self.sites.get(site_id, site_id)

    def address(self, site_id: str) -> str:
        """The venue's street address, else its municipality (``""`` when unknown)."""
        return self.addresses.get(site_id) or self.places.get(site_id, "")

    def venue(self, site_id: str) -> str:
        """``VHS Paderborn, Am Stadtgraben 2, 33098 Paderborn`` (without an address: the
        municipality)."""
        where = self.address(site_id)
        name = self.site(site_id)
        return f"{name}, {where}" if where and where not in name else name

    def trainer_list(self, trainer_ids: Iterable[str]) -> str:
        return ", ".join(self.trainer(k) for k in trainer_ids)

    def council_list(self, council_ids: Iterable[str]) -> str:
        return ", ".join(sorted((self.council(c) for c in council_ids), key=str.casefold))


def _town(reference: Reference, ags: str) -> str:
    municipality = reference.municipalities.get(ags)
    return municipality.name if municipality is not None else ags


def day_de(day: dt.date) -> str:
    """``7. Feb. 2026``."""
    return f"{day.day}. {MONTHS_DE[day.month - 1]} {day.year}"


def day_long_de(day: dt.date) -> str:
    """``Samstag, 7. Februar 2026``."""
    return f"{WEEKDAYS_DE[day.weekday()]}, {day.day}. {MONTHS_LONG_DE[day.month - 1]} {day.year}"


def days_de(days: Sequence[dt.date]) -> str:
    """The seminar days short: ``7./8. Feb. 2026``, ``28. Feb./7. März 2026``,
    ``31. Dez. 2025/1. Jan. 2026``."""
    days = sorted(days)
    if not days:
        return ""
    first, last = days[0], days[-1]
    if first.year != last.year:
        return "/".join(day_de(d) for d in days)
    if first.month != last.month:
        return "/".join(f"{d.day}. {MONTHS_DE[d.month - 1]}" for d in days) + f" {last.year}"
    return "/".join(f"{d.day}." for d in days) + f" {MONTHS_DE[last.month - 1]} {last.year}"


def hours_de(start: dt.time, end: dt.time) -> str:
    """``10:00–16:00 Uhr``."""
    return f"{start:%H:%M}–{end:%H:%M} Uhr"


def event_label_de(module: int, site_name: str, days: Sequence[dt.date]) -> str:
    """An event as people name it: ``Basismodul, VHS Paderborn, 7./8. Feb. 2026``."""
    return f"{MODULE_DE.get(module, f'Modul {module}')}, {site_name}, {days_de(days)}"
