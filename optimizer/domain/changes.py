"""A change between a previous plan and a re-plan, and the vocabulary of ``changes.csv``.

A **change** is one decision that differs between the two plans (the same count the
solver's "changes" stage minimises, :mod:`optimizer.model.requirements`). Events are matched
by site and module (their event ID, R3):

- ``dropped``: an event of the previous plan is no longer held;
- ``added``: an event is held that the previous plan did not have;
- ``moved``: an event held in both plans has other days;
- ``trainer_removed`` / ``trainer_added``: a trainer works an event in one plan only (a
  swap is two changes, one for each trainer concerned; a dropped event also removes its
  trainers, an added one adds them);
- ``council_removed`` / ``council_added``: a council attends an event in one plan only (a
  council moved to another event is two changes; a changed number of members is none).

Each change concerns one site and, where it applies, one trainer or one council, so the
list can be read per trainer, per site and per council.

Besides these decisions, a re-plan's list has one row per council and module whose seats
changed (:data:`SEATS_CHANGED`, before/after in members), also when no (council, event) pair
changed (a council sends fewer members to the same event): the planner must tell every
council whose seats changed. These rows are no decision the solver counts (they are not in
:data:`CHANGE_KINDS` and not in plan.json's ``changes``). :func:`optimizer.insight.changes.diff`
finds them; :mod:`optimizer.io.changes_csv` writes and reads ``changes.csv``;
:mod:`optimizer.report.changes_de` puts them into German sentences.

``changes.csv`` is a German file for planners: its headers (:data:`CSV_HEADER`) and the
label of each kind in its first column (:data:`KIND_LABELS`) are part of its format, like the
export's names in :mod:`optimizer.domain.columns`. They live here so that the file's reader
and writer (``io``) and the report (``report``) share one vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

#: Every kind of change, in the order counts and reports list them.
CHANGE_KINDS: Final = ("dropped", "added", "moved", "trainer_removed", "trainer_added",
                       "council_removed", "council_added")
#: A council's seats in a module changed (an information row, not a counted change).
SEATS_CHANGED: Final = "council_seats"
#: The German label of each kind, as ``changes.csv`` and the report write it.
KIND_LABELS: Final = {
    "dropped": "Veranstaltung entfällt",
    "added": "Veranstaltung neu",
    "moved": "Termin verschoben",
    "trainer_removed": "Trainer*in abgezogen",
    "trainer_added": "Trainer*in neu eingesetzt",
    "council_removed": "Gremium abgemeldet",
    "council_added": "Gremium neu zugeordnet",
    SEATS_CHANGED: "Plätze des Gremiums geändert",
}
#: Headers of ``changes.csv`` (German, for planners), also the columns of the report's table.
CSV_HEADER: Final = ("Art", "Veranstaltung", "Standort", "Modul", "Trainer*in", "Gremium",
                     "vorher", "nachher")


@dataclass(frozen=True)
class Change:
    """One changed decision (see the module docstring).

    ``kind`` is one of :data:`CHANGE_KINDS` or :data:`SEATS_CHANGED`; ``trainer_id`` or
    ``council_id`` name the trainer or council concerned (empty otherwise); ``before`` and
    ``after`` hold the days (``07.03.2026 + 14.03.2026``) of a dropped, added or moved event,
    the members of a council removed or added, or a council's seats in the module (its
    event ID and site empty).
    """

    kind: str
    event_id: str
    site_id: str
    module: int
    trainer_id: str = ""
    council_id: str = ""
    before: str = ""
    after: str = ""
