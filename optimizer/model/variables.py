"""Decision variables of the CP-SAT model (one place, created from :class:`ProblemData`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from optimizer.domain.problem import ProblemData


@dataclass
class Variables:
    """All decision variables, indexed by candidate event ``e``, council ``c``, trainer ``k``.

    - ``held[e]``: the candidate event takes place; ``two[e]``: it has two trainers (R11).
    - ``participants[e]``: members attending (R6).
    - ``consecutive[e]``: its two days are consecutive (R2 pattern kind; matters for R14).
    - ``seats[c, e]``, ``attends[c, e]``: members council ``c`` sends to ``e`` (R7, R8).
    - ``teaches[k, e]``: trainer ``k`` works at ``e`` (R10–R12);
      ``teaches_consec[k, e]``: and the slot is consecutive (only where R14 travel differs).
    - ``both[s]``: site ``s`` holds both modules (R4 bonus).

    Only the monolithic formulation has date variables: ``slot[e]``, ``day1[e]``, ``day2[e]``
    (R1, R2) and ``m1_end[c]``, ``m2_start[c]`` (R5c). The decomposed solver leaves dates to
    :mod:`optimizer.solve.dating`.
    """

    held: list[cp_model.IntVar] = field(default_factory=list)
    two: list[cp_model.IntVar] = field(default_factory=list)
    participants: list[cp_model.IntVar] = field(default_factory=list)
    consecutive: list[cp_model.IntVar] = field(default_factory=list)
    seats: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    attends: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    teaches: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    teaches_consec: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    both: dict[int, cp_model.IntVar] = field(default_factory=dict)
    slot: list[cp_model.IntVar] = field(default_factory=list)
    day1: list[cp_model.IntVar] = field(default_factory=list)
    day2: list[cp_model.IntVar] = field(default_factory=list)
    m1_end: dict[int, cp_model.IntVar] = field(default_factory=dict)
    m2_start: dict[int, cp_model.IntVar] = field(default_factory=dict)

    @property
    def has_dates(self) -> bool:
        return bool(self.slot)

    def seat_total(self, values: dict[int, int]) -> int:
        """Covered seats of a solution given as variable index -> value."""
        return sum(values[var.index] for var in self.seats.values())


def create_variables(model: cp_model.CpModel, data: ProblemData) -> Variables:
    """Variables of the date-free part (shared by both formulations)."""
    rules = data.scenario.rules
    v = Variables()
    for e, event in enumerate(data.events):
        v.held.append(model.new_bool_var(f"held[{e}]"))
        v.two.append(model.new_bool_var(f"two[{e}]"))
        v.participants.append(model.new_int_var(0, rules.max_participants, f"participants[{e}]"))
        v.consecutive.append(model.new_bool_var(f"consecutive[{e}]"))
        for c in event.council_idcs:
            cap = min(data.interest[c][event.module - 1], rules.max_participants)
            v.seats[c, e] = model.new_int_var(0, cap, f"seats[{c},{e}]")
            v.attends[c, e] = model.new_bool_var(f"attends[{c},{e}]")
        for k in event.trainer_idcs:
            v.teaches[k, e] = model.new_bool_var(f"teaches[{k},{e}]")
            if data.travel_consec[k][e] != data.travel_week[k][e]:
                v.teaches_consec[k, e] = model.new_bool_var(f"teaches_consec[{k},{e}]")
    return v


def create_date_variables(model: cp_model.CpModel, data: ProblemData, v: Variables) -> None:
    """Slot and day variables of every candidate (monolithic formulation only)."""
    for e, event in enumerate(data.events):
        domain = cp_model.Domain.from_values(event.slot_idcs)
        v.slot.append(model.new_int_var_from_domain(domain, f"slot[{e}]"))
        for days, name, target in (
            (data.slot_day1, "day1", v.day1), (data.slot_day2, "day2", v.day2)
        ):
            values = sorted({days[i] for i in event.slot_idcs})
            target.append(
                model.new_int_var_from_domain(cp_model.Domain.from_values(values), f"{name}[{e}]")
            )
