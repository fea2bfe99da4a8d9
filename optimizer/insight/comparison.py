"""Compare plans: side-by-side figures and the events that changed between two plans.

Pure functions on :class:`~optimizer.insight.figures.PlanAnalysis` and
:class:`~optimizer.domain.plan.Plan`; no files, no plotting. Plans may come from different
scenarios (analysts compare scenarios by region); each plan is analysed with its own scenario
before it gets here.

An event is identified by its ID, which is its site and module (``S07-M1``, R3: a site holds
each module at most once), so "the same event" in two plans is the same module at the same
site, and a change of date or tandem is a change of that event.

Results are codes and numbers: an event change's kind and what changed are codes
(:data:`ADDED` …, :data:`MOVED` …), a compared figure names its key, unit, module and
region. The German words (``neu``, ``Termin verschoben``, ``Abgedeckte Plätze Modul 1``) are
:mod:`optimizer.report.compare`'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from optimizer.domain.plan import Plan, PlannedEvent
from optimizer.domain.scenario import MODULES
from optimizer.insight.figures import PlanAnalysis

__all__ = ["ADDED", "CHANGED", "DROPPED", "KINDS", "MOVED", "PARTICIPANTS", "TRAINERS",
           "UNITS", "EventChange", "Metric", "compare_metrics", "diff_plans", "region_names"]

#: Kinds of event change: only in the later plan, only in the earlier one, in both but changed.
ADDED, DROPPED, CHANGED = "added", "dropped", "changed"
KINDS = (ADDED, DROPPED, CHANGED)
#: What changed about an event held in both plans: its days, its trainers (as a set), its
#: participants (assigned members).
MOVED, TRAINERS, PARTICIPANTS = "moved", "trainers", "participants"
#: Units of the compared figures: money in cents, shares as fractions, the rest counts.
UNITS = ("seats", "share", "councils", "events", "sites", "days", "cent")


@dataclass(frozen=True)
class EventChange:
    """One event that differs between plan ``before`` and plan ``after``.

    ``kind`` is :data:`ADDED` (only in ``after``), :data:`DROPPED` (only in ``before``) or
    :data:`CHANGED` (in both, with ``changes`` saying what: :data:`MOVED`, :data:`TRAINERS`,
    :data:`PARTICIPANTS`). The tandem is compared as a set: the order of two trainers is no
    change.
    """

    event_id: str
    site_id: str
    module: int
    kind: str
    changes: tuple[str, ...]
    days_before: tuple[dt.date, ...]
    days_after: tuple[dt.date, ...]
    trainers_before: tuple[str, ...]
    trainers_after: tuple[str, ...]
    participants_before: int | None
    participants_after: int | None


def _members(plan: Plan) -> dict[str, int]:
    """Participants per event as the assigned members (the validator's reading)."""
    members: dict[str, int] = {}
    for a in plan.assignments:
        members[a.event_id] = members.get(a.event_id, 0) + a.members
    return members


def diff_plans(before: Plan, after: Plan) -> list[EventChange]:
    """Events added, dropped, moved in date, given other trainers or other participants,
    from ``before`` to ``after``; unchanged events are left out. Ordered by site, module."""
    old = {e.event_id: e for e in before.events}
    new = {e.event_id: e for e in after.events}
    old_members, new_members = _members(before), _members(after)
    changes: list[EventChange] = []
    for event_id in sorted(old.keys() | new.keys()):
        a: PlannedEvent | None = old.get(event_id)
        b: PlannedEvent | None = new.get(event_id)
        either = b if a is None else a
        assert either is not None
        what: list[str] = []
        if a is not None and b is not None:
            if sorted(a.days) != sorted(b.days):
                what.append(MOVED)
            if set(a.trainer_ids) != set(b.trainer_ids):
                what.append(TRAINERS)
            if old_members.get(event_id, 0) != new_members.get(event_id, 0):
                what.append(PARTICIPANTS)
            if not what:
                continue
        kind = ADDED if a is None else DROPPED if b is None else CHANGED
        changes.append(EventChange(
            event_id=event_id, site_id=either.site_id, module=either.module, kind=kind,
            changes=tuple(what),
            days_before=tuple(sorted(a.days)) if a else (),
            days_after=tuple(sorted(b.days)) if b else (),
            trainers_before=tuple(a.trainer_ids) if a else (),
            trainers_after=tuple(b.trainer_ids) if b else (),
            participants_before=old_members.get(event_id, 0) if a else None,
            participants_after=new_members.get(event_id, 0) if b else None,
        ))
    changes.sort(key=lambda c: (c.site_id, c.module, c.event_id))
    return changes


@dataclass(frozen=True)
class Metric:
    """One compared figure: a key for CSV, what it counts, one value per plan.

    ``figure`` is the quantity (``covered_seats``, ``events``, ``fees`` …), narrowed to one
    ``module`` or one Regierungsbezirk (``region``) where given; ``key`` joins them
    (``covered_seats_m1``, ``covered_share_Köln``). ``unit`` is one of :data:`UNITS`: money
    in cents (``cent``), shares as fractions (``share``). A value is ``None`` where a plan
    has nothing to say (a Regierungsbezirk without councils).
    """

    key: str
    figure: str
    unit: str
    values: tuple[float | None, ...]
    module: int | None = None
    region: str | None = None


def region_names(analyses: Sequence[PlanAnalysis]) -> list[str]:
    """The Regierungsbezirke of any of the plans, by name."""
    return sorted({r.name for a in analyses for r in a.by_regierungsbezirk})


def compare_metrics(analyses: Mapping[str, PlanAnalysis]) -> list[Metric]:
    """The figures compared side by side: coverage (total, per module, per Regierungsbezirk),
    councils reached, events, sites, trainer days, cost by line and budget (cents)."""
    items = list(analyses.values())

    def metric(figure: str, unit: str, values: list[float | None], module: int | None = None,
               region: str | None = None) -> Metric:
        key = figure + (f"_m{module}" if module is not None else "") + (
            f"_{region}" if region is not None else "")
        return Metric(key, figure, unit, tuple(values), module, region)

    rows = [
        metric("covered_seats", "seats", [a.headline.total.covered for a in items]),
        metric("wanted_seats", "seats", [a.headline.total.wanted for a in items]),
        metric("covered_share", "share", [a.headline.total.share for a in items]),
        *(metric("covered_seats", "seats", [a.headline.seats[m].covered for a in items], m)
          for m in MODULES),
        metric("councils_reached", "councils", [a.headline.councils_reached for a in items]),
        metric("events", "events", [a.headline.total_events for a in items]),
        *(metric("events", "events", [a.headline.events[m] for a in items], m)
          for m in MODULES),
        metric("sites", "sites", [a.headline.sites for a in items]),
        metric("trainer_days", "days", [a.trainer_days for a in items]),
        metric("fees", "cent", [a.costs.fees_cents for a in items]),
        metric("travel", "cent", [a.costs.travel_cents for a in items]),
        metric("catering", "cent", [a.costs.catering_cents for a in items]),
        metric("total_cost", "cent", [a.costs.total_cents for a in items]),
        metric("budget", "cent", [a.costs.budget_cents for a in items]),
    ]
    for name in region_names(items):
        regions = [{r.name: r for r in a.by_regierungsbezirk}.get(name) for a in items]
        rows.append(metric("covered_share", "share",
                           [r.total.share if r else None for r in regions], region=name))
        rows.append(metric("covered_seats", "seats",
                           [r.total.covered if r else None for r in regions], region=name))
    return rows
