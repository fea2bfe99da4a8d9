"""The scenario: what the planners give the optimizer (validated, unit-explicit).

Every model here is immutable once built. Defaults are those of ``RULES.md``; the rule IDs
named in each field's description point back to it. Money stays in euros here (as planners
write it); :mod:`optimizer.domain.problem` turns it into integer cents once, at the boundary to the
solver.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SlotPattern = Literal["fri+sat", "sat+sun", "sat+sat7", "fri+fri7"]
Role = Literal["educator", "council"]
#: A site's status for the planner (README "Re-planning"): ``required`` sites must hold at
#: least one event, ``excluded`` sites hold none, ``candidate`` sites are the solver's choice.
SiteStatus = Literal["required", "candidate", "excluded"]
MODULES: tuple[int, int] = (1, 2)
DAYS_PER_EVENT = 2
"""R2, R13, R15: every event has two seminar days; fees and catering always count both."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Period(_Frozen):
    """R1: every seminar day lies in ``[start, end]``."""

    start: dt.date = dt.date(2025, 10, 1)
    end: dt.date = dt.date(2026, 11, 30)

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError(f"period.end ({self.end}) liegt vor period.start ({self.start})")
        return self


class SlotSettings(_Frozen):
    """R2: which pairs of seminar days are allowed."""

    patterns: tuple[SlotPattern, ...] = ("fri+sat", "sat+sun", "sat+sat7")
    avoid_school_holidays: bool = True
    blocked_dates: tuple[dt.date, ...] = ()


class CatchmentSettings(_Frozen):
    """R7: which sites a council may attend (own municipality always qualifies)."""

    neighbours: bool = True
    radius_km: float | None = Field(default=25.0, ge=0)


class RuleSettings(_Frozen):
    """R5, R6, R8, R11 parameters."""

    min_participants: int = Field(default=8, ge=1)
    max_participants: int = Field(default=20, ge=1)
    two_trainer_min: int = Field(default=12, ge=1)
    module_gap_days: int = Field(default=14, ge=0)
    max_events_per_council_module: int = Field(default=1, ge=1)

    @property
    def one_trainer_range(self) -> tuple[int, int]:
        """R6, R11: participants (lo, hi) of an event with one trainer (empty if lo > hi)."""
        return self.min_participants, min(self.two_trainer_min - 1, self.max_participants)

    @property
    def two_trainer_range(self) -> tuple[int, int]:
        """R6, R11: participants (lo, hi) of an event with two trainers (empty if lo > hi)."""
        return max(self.two_trainer_min, self.min_participants), self.max_participants

    @model_validator(mode="after")
    def _consistent(self) -> RuleSettings:
        if self.min_participants > self.max_participants:
            raise ValueError("rules.min_participants ist größer als rules.max_participants")
        return self


class CostSettings(_Frozen):
    """R13, R14, R15 rates (euros, kilometres)."""

    fee_per_trainer_day_eur: float = Field(default=450.0, ge=0)
    km_rate_eur: float = Field(default=0.30, ge=0)
    road_factor: float = Field(default=1.3, ge=1)
    overnight_min_km: float = Field(default=120.0, ge=0)
    overnight_eur: float = Field(default=92.0, ge=0)
    catering_per_person_day_eur: float = Field(default=12.0, ge=0)


class ObjectiveSettings(_Frozen):
    """R4, R17: what the first lexicographic stage maximises."""

    module_weights: dict[int, int] = Field(default_factory=lambda: {1: 1, 2: 1})
    both_modules_bonus: int = Field(default=0, ge=0)
    #: Regional minimum (R17 "in ihrer Region"): every Regierungsbezirk gets at least this
    #: share of its reachable wanted seats (see :mod:`optimizer.regions`). ``None``: off.
    min_share_per_region: float | None = Field(default=None, ge=0, le=1)
    #: Max-min mode: before total coverage, maximise the worst Regierungsbezirk's share of
    #: its reachable wanted seats.
    max_min_regions: bool = False

    @field_validator("module_weights")
    @classmethod
    def _weights(cls, value: dict[int, int]) -> dict[int, int]:
        unknown = set(value) - set(MODULES)
        if unknown:
            raise ValueError(f"unbekannte Module {sorted(unknown)}; erlaubt sind 1 und 2")
        if any(w < 0 for w in value.values()):
            raise ValueError("Modulgewichte müssen ≥ 0 sein")
        return {m: value.get(m, 1) for m in MODULES}

    @property
    def is_plain(self) -> bool:
        """True when the objective is the plain number of covered seats (R17 default)."""
        return all(w == 1 for w in self.module_weights.values()) and self.both_modules_bonus == 0


class EventTimes(_Frozen):
    """Each seminar day's hours, local time (Europe/Berlin), for calendars and letters.

    The default, 10:00–16:00, is that of the real 2026 events; a site may override it
    (``Site.start_time``, ``Site.end_time``). The times plan nothing (fees and catering count
    whole days, R13, R15); they only tell people when to come.
    """

    start: dt.time = dt.time(10, 0)
    end: dt.time = dt.time(16, 0)

    @model_validator(mode="after")
    def _ordered(self) -> EventTimes:
        if self.end <= self.start:
            raise ValueError(f"event_times.end ({self.end:%H:%M}) liegt nicht nach "
                             f"event_times.start ({self.start:%H:%M})")
        return self


class SolverSettings(_Frozen):
    """CP-SAT settings; ``workers == 0`` means all cores."""

    time_limit_s: float = Field(default=60.0, gt=0)
    workers: int = Field(default=0, ge=0)
    seed: int = Field(default=0, ge=0)


class Council(_Frozen):
    """One municipality's council (Integrationsrat / Ausschuss für Chancengerechtigkeit)."""

    council_id: str = Field(min_length=1)
    ags: str = Field(pattern=r"^\d{8}$")
    members: int = Field(ge=0)
    interested_m1: int = Field(ge=0)
    interested_m2: int = Field(ge=0)
    trained_m1: int = Field(default=0, ge=0)

    @model_validator(mode="after")
    def _within_members(self) -> Council:
        for name in ("interested_m1", "interested_m2"):
            if getattr(self, name) > self.members:
                raise ValueError(f"{name} ({getattr(self, name)}) > members ({self.members})")
        return self

    def interested(self, module: int) -> int:
        return self.interested_m1 if module == 1 else self.interested_m2


class Site(_Frozen):
    """A candidate host: one VHS location (R9)."""

    site_id: str = Field(min_length=1)
    name: str
    ags: str = Field(pattern=r"^\d{8}$")
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    #: Street address of the venue; used only when lat/lon are missing and the planner asks
    #: for geocoding (``--geocode``, :mod:`optimizer.io.geocoding`), else the centre is used.
    address: str | None = None
    partner_council_id: str | None = None
    interested: bool
    blocked_dates: tuple[dt.date, ...] = ()
    status: SiteStatus = "candidate"
    #: This venue's seminar hours, overriding the scenario's ``event_times`` (a missing one
    #: takes the scenario's; :meth:`Scenario.seminar_hours`).
    start_time: dt.time | None = None
    end_time: dt.time | None = None

    @property
    def can_host(self) -> bool:
        """R9: a site holds events only with declared interest and a named partner council;
        an ``excluded`` site (planner's status) holds none."""
        return (self.interested and self.partner_council_id is not None
                and self.status != "excluded")


class Trainer(_Frozen):
    """A trainer of either role (R10, R12). ``trainer_id`` is an alias; ``name`` (optional)
    is the display name every output a person reads uses (R18: trainers are the contract
    partners and appear by name; their home location never does)."""

    trainer_id: str = Field(min_length=1)
    role: Role
    home_ags: str = Field(pattern=r"^\d{8}$")
    home_lat: float | None = Field(default=None, ge=-90, le=90)
    home_lon: float | None = Field(default=None, ge=-180, le=180)
    max_events: int = Field(ge=0)
    modules: tuple[int, ...] = MODULES
    unavailable_dates: tuple[dt.date, ...] = ()
    name: str | None = None

    @field_validator("modules")
    @classmethod
    def _modules(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if not value or any(m not in MODULES for m in value):
            raise ValueError("modules muss 1, 2 oder 1;2 sein")
        return tuple(sorted(set(value)))


class Lock(_Frozen):
    """A confirmed event the planner fixes (README "Re-planning"): kept exactly as given.

    Named by its event ID ``<site_id>-M<module>`` (a site holds at most one event per module,
    R3). ``councils`` (council ID -> members) fixes the attendance too; ``None`` leaves it to
    the solver. Empty ``trainer_ids`` leave the trainers to the solver: an event confirmed
    with the VHS for its date and venue only (confirmation level "Termin").
    """

    site_id: str = Field(min_length=1)
    module: int
    days: tuple[dt.date, dt.date]
    trainer_ids: tuple[str, ...] = Field(default=(), max_length=2)
    councils: dict[str, int] | None = None

    @property
    def event_id(self) -> str:
        return f"{self.site_id}-M{self.module}"

    @field_validator("module")
    @classmethod
    def _module(cls, value: int) -> int:
        if value not in MODULES:
            raise ValueError("Modul 1 oder 2")
        return value


class Scenario(_Frozen):
    """A complete, validated planning scenario (``scenario.yaml`` plus its tables)."""

    name: str = Field(min_length=1)
    budget_eur: float = Field(ge=0)
    period: Period = Field(default_factory=Period)
    slots: SlotSettings = Field(default_factory=SlotSettings)
    catchment: CatchmentSettings = Field(default_factory=CatchmentSettings)
    rules: RuleSettings = Field(default_factory=RuleSettings)
    costs: CostSettings = Field(default_factory=CostSettings)
    objective: ObjectiveSettings = Field(default_factory=ObjectiveSettings)
    solver: SolverSettings = Field(default_factory=SolverSettings)
    event_times: EventTimes = Field(default_factory=EventTimes)
    councils: tuple[Council, ...] = ()
    sites: tuple[Site, ...] = ()
    trainers: tuple[Trainer, ...] = ()
    locks: tuple[Lock, ...] = ()

    @model_validator(mode="after")
    def _references(self) -> Scenario:
        for kind, ids in (
            ("council_id", [c.council_id for c in self.councils]),
            ("site_id", [s.site_id for s in self.sites]),
            ("trainer_id", [t.trainer_id for t in self.trainers]),
        ):
            seen: set[str] = set()
            for ident in ids:
                if ident in seen:
                    raise ValueError(f"doppelte {kind} {ident!r}")
                seen.add(ident)
        council_ids = {c.council_id for c in self.councils}
        for site in self.sites:
            if site.partner_council_id is not None and site.partner_council_id not in council_ids:
                raise ValueError(
                    f"Standort {site.site_id}: partner_council_id {site.partner_council_id!r} "
                    "steht nicht in der Gremien-Tabelle"
                )
        for site in self.sites:
            start, end = self.seminar_hours(site)
            if end <= start:
                raise ValueError(f"Standort {site.site_id}: Ende {end:%H:%M} liegt nicht nach "
                                 f"Beginn {start:%H:%M}")
        site_ids = {s.site_id for s in self.sites}
        trainer_ids = {t.trainer_id for t in self.trainers}
        locked: set[str] = set()
        for lock in self.locks:
            if lock.event_id in locked:
                raise ValueError(f"Festlegung {lock.event_id} doppelt")
            locked.add(lock.event_id)
            unknown = (
                ({lock.site_id} - site_ids) | (set(lock.trainer_ids) - trainer_ids)
                | (set(lock.councils or ()) - council_ids)
            )
            if unknown:
                raise ValueError(
                    f"Festlegung {lock.event_id}: unbekannte IDs {sorted(unknown)}"
                )
        return self

    def council(self, council_id: str) -> Council:
        return next(c for c in self.councils if c.council_id == council_id)

    def seminar_hours(self, site: Site) -> tuple[dt.time, dt.time]:
        """A seminar day's start and end at ``site``: its own hours, else ``event_times``."""
        return (site.start_time or self.event_times.start, site.end_time or self.event_times.end)
