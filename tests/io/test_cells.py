"""Cell parsers (``optimizer/io/cells.py``) and the table schema (``optimizer/io/tables.py``).

The readers' tests (``test_scenario_reader.py``, ``test_workbook.py``) check whole files;
these check the shared pieces one value at a time: what a planner's tool may write in a cell,
and that the schema names every domain field once, in both input forms.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest

from optimizer.io import cells
from optimizer.io.tables import COLUMNS, LOCK_SCHEMA, MODELS, TABLES, columns


@pytest.mark.parametrize(("parse", "text", "value"), [
    (cells.parse_int, "12", 12),
    (cells.parse_int, "12,0", 12),  # German Excel's decimal comma
    (cells.parse_count, "0", 0),
    (cells.parse_float, "51,2203", 51.2203),
    (cells.parse_float, "6.7936", 6.7936),
    (cells.parse_ags, "05111000", "05111000"),
    (cells.parse_bool, " Ja ", True),
    (cells.parse_bool, "x", True),
    (cells.parse_bool, "", False),
    (cells.parse_date, "2026-02-07", dt.date(2026, 2, 7)),
    (cells.parse_date, "7.2.2026", dt.date(2026, 2, 7)),
    (cells.parse_dates, "07.02.2026; 2026-02-14,", (dt.date(2026, 2, 7), dt.date(2026, 2, 14))),
    (cells.parse_modules, "2;1", (1, 2)),
    (cells.parse_module, "2", 2),
    (cells.parse_role, "council", "council"),
    (cells.parse_status, "Pflicht", "required"),
    (cells.parse_ids, "T1; T2", ("T1", "T2")),
    (cells.parse_lock_councils, "C1:9;C2:5", {"C1": 9, "C2": 5}),
    (cells.parse_text, "VHS", "VHS"),
])
def test_a_cell_as_planners_write_it_is_parsed(
    parse: Callable[[str], Any], text: str, value: Any
) -> None:
    assert parse(text) == value


@pytest.mark.parametrize(("parse", "text", "expected"), [
    (cells.parse_int, "1,5", "eine ganze Zahl"),
    (cells.parse_count, "-1", "eine ganze Zahl ≥ 0"),
    (cells.parse_float, "1.234,5", "eine Zahl (Dezimalpunkt oder -komma)"),  # never guessed
    (cells.parse_float, "nan", "eine Zahl (Dezimalpunkt oder -komma)"),
    (cells.parse_ags, "5111000", "einen 8-stelligen Gemeindeschlüssel"),
    (cells.parse_bool, "vielleicht", "true oder false"),
    (cells.parse_date_cell, "30.02.2026", "ein Datum im Format JJJJ-MM-TT oder TT.MM.JJJJ"),
    (cells.parse_dates, "2026-02-07;morgen", "('morgen' ungültig)"),
    (cells.parse_modules, "1;3", "1, 2 oder 1;2"),
    (cells.parse_ids, "T1;T1", "eine oder zwei verschiedene trainer_id"),
    (cells.parse_lock_councils, "C1:9;C1:2", "jedes Gremium einmal"),
    (cells.parse_lock_councils, "C1:x", "eine ganze Zahl ≥ 0 nach C1:"),
    (cells.parse_text, "", "einen nicht leeren Text"),
])
def test_a_bad_cell_says_in_german_what_was_expected(
    parse: Callable[[str], Any], text: str, expected: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(expected)):
        parse(text)


def test_german_dates_are_recognised_even_when_impossible() -> None:
    assert cells.is_german_date(" 30.02.2026 ") and not cells.is_german_date("2026-02-07")


@pytest.mark.parametrize("kind", TABLES)
def test_the_schema_names_every_field_of_the_domain_model_once(kind: str) -> None:
    names = [c.name for c in COLUMNS[kind]]
    assert len(set(names)) == len(names)
    assert set(names) == set(MODELS[kind].model_fields)
    assert columns(kind) == COLUMNS[kind]
    headers = [c.header for c in COLUMNS[kind]]
    assert all(headers) and len(set(headers)) == len(headers)


def test_an_optional_column_has_its_default_and_a_required_one_none() -> None:
    for column in (*(c for kind in TABLES for c in COLUMNS[kind]), *LOCK_SCHEMA):
        assert column.required is False or column.default is None, column.name
