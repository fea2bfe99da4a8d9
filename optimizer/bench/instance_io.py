"""Benchmark instances as scenario folders (issue 6; :mod:`optimizer.bench.instances`).

An instance at most NRW's size uses real AGS keys: its folder is a plain FORMAT.md folder
that ``qualiplan solve`` and ``qualiplan check`` read like any other. An instance beyond
NRW's size has synthetic copies of NRW (AGS ``9k…``, see :mod:`optimizer.bench.instances`), which
the shipped gazetteer does not know; its folder therefore also holds ``gazetteer/``:
``municipalities.csv`` (the columns of ``optimizer/data/nrw_municipalities.csv``) and
``neighbours.csv`` (``ags_a, ags_b``) of the whole tiled geography. :func:`read_instance`
reads such a folder with that gazetteer (NRW's school holidays, as the generator uses).
"""

from __future__ import annotations

import csv
from pathlib import Path

from optimizer.domain.errors import InputError, InputProblem
from optimizer.domain.geography import Municipality, Reference
from optimizer.domain.scenario import Scenario
from optimizer.io.atomic import staged_folder
from optimizer.io.reference import load_reference
from optimizer.io.scenario_reader import read_scenario
from optimizer.io.workbook import write_scenario_folder

GAZETTEER = "gazetteer"
MUNICIPALITIES = "municipalities.csv"
NEIGHBOURS = "neighbours.csv"
MUNICIPALITY_COLUMNS = ["ags", "name", "kreis", "kreis_ags", "regierungsbezirk", "population",
                        "lat", "lon"]


def write_instance(scenario: Scenario, reference: Reference, folder: str | Path) -> Path:
    """Write ``scenario`` as a FORMAT.md folder, plus ``gazetteer/`` when ``reference`` knows
    municipalities the shipped one does not. Atomic: written to a temporary sibling, then
    moved into place (an existing folder is replaced)."""
    target = Path(folder)
    with staged_folder(target) as staging:
        write_scenario_folder(scenario, staging)
        if set(reference.municipalities) - set(load_reference().municipalities):
            _write_gazetteer(reference, staging / GAZETTEER)
    return target


def _write_gazetteer(reference: Reference, folder: Path) -> None:
    folder.mkdir()
    with (folder / MUNICIPALITIES).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(MUNICIPALITY_COLUMNS)
        for ags in sorted(reference.municipalities):
            m = reference.municipalities[ags]
            writer.writerow([m.ags, m.name, m.kreis, m.kreis_ags, m.regierungsbezirk,
                             m.population, m.lat, m.lon])
    with (folder / NEIGHBOURS).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["ags_a", "ags_b"])
        writer.writerows(sorted(tuple(sorted(pair)) for pair in reference.neighbour_pairs))


def read_gazetteer(folder: str | Path) -> Reference:
    """The reference of an instance folder's ``gazetteer/`` (bad rows: :class:`InputError`)."""
    base = Path(folder)
    problems: list[InputProblem] = []
    municipalities: dict[str, Municipality] = {}
    pairs: set[frozenset[str]] = set()
    for name in (MUNICIPALITIES, NEIGHBOURS):
        path = base / name
        if not path.is_file():
            problems.append(InputProblem(str(path), None, None, None, "Datei fehlt"))
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                try:
                    if name == MUNICIPALITIES:
                        municipalities[row["ags"]] = Municipality(
                            ags=row["ags"], name=row["name"], kreis=row["kreis"],
                            kreis_ags=row["kreis_ags"], regierungsbezirk=row["regierungsbezirk"],
                            population=int(row["population"]), lat=float(row["lat"]),
                            lon=float(row["lon"]))
                    else:
                        pairs.add(frozenset((row["ags_a"], row["ags_b"])))
                except (KeyError, TypeError, ValueError) as exc:
                    problems.append(InputProblem(
                        name, line, None, None,
                        f"Zeile mit den Spalten {', '.join(MUNICIPALITY_COLUMNS)} "
                        f"bzw. ags_a, ags_b ({exc})"))
    if problems:
        raise InputError(problems)
    return Reference(municipalities=municipalities, neighbour_pairs=frozenset(pairs),
                     school_holidays=load_reference().school_holidays)


def read_instance(folder: str | Path) -> tuple[Scenario, Reference]:
    """Read an instance folder: with its ``gazetteer/`` if it has one, else NRW's."""
    base = Path(folder)
    reference = (read_gazetteer(base / GAZETTEER) if (base / GAZETTEER).is_dir()
                 else load_reference())
    return read_scenario(base, reference), reference
