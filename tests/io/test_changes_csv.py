"""changes.csv written by a re-plan reads back to the same changes (for its report)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from optimizer.domain.changes import CHANGE_KINDS, Change
from optimizer.io.changes_csv import changes_csv, parse_changes_csv

ids = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_ ,\"'", max_size=8)
changes = st.lists(st.builds(
    Change, kind=st.sampled_from(sorted(CHANGE_KINDS)), event_id=ids, site_id=ids,
    module=st.sampled_from([1, 2]), trainer_id=ids, council_id=ids, before=ids, after=ids))


@given(changes)
def test_the_csv_reads_back_to_the_same_changes(items: list[Change]) -> None:
    assert parse_changes_csv(changes_csv(items)) == items


@pytest.mark.parametrize("text, where", [
    ("", "Kopfzeile"),
    ("Art,Veranstaltung\n", "Kopfzeile"),
    (changes_csv([]) + "Termin verlegt,DUS-M1,DUS,1,,,,\n", "Zeile 2"),  # unknown kind
    (changes_csv([]) + "Termin verschoben,DUS-M1,DUS,eins,,,,\n", "Zeile 2"),
])
def test_a_foreign_file_is_refused_naming_the_line(text: str, where: str) -> None:
    with pytest.raises(ValueError, match=where):
        parse_changes_csv(text)
