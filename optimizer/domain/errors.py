"""Errors the planner reports to people (German messages, precise locations)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InputProblem:
    """One problem in the input: where it is, what was found and what was expected."""

    file: str
    row: int | None  # line number in the file (header = 1); None for whole-file problems
    column: str | None
    value: str | None
    expected: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", Zeile {self.row}"
        if self.column is not None:
            where += f", Spalte {self.column!r}"
        found = f" (gefunden: {self.value!r})" if self.value is not None else ""
        return f"{where}: {self.expected}{found}"


class InputError(Exception):
    """Bad input: one or more :class:`InputProblem`. The CLI exits with code 2."""

    def __init__(self, problems: list[InputProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
