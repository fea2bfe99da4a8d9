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


def test_the_csv_is_for_german_excel_and_old_files_still_read() -> None:
    """BOM and ``;`` (German Excel opens it in columns); a comma file of earlier versions
    reads the same."""
    item = Change("moved", "-DUS-M1", "-DUS", 1, before="07.02.2026 + 08.02.2026",
                  after="14.02.2026 + 15.02.2026")
    text = changes_csv([item])
    assert text.startswith("\ufeffArt;Veranstaltung;") and "\r\n'-DUS-M1" not in text
    assert ";'-DUS-M1;'-DUS;1;" in text  # formula-like IDs are inert
    old = ("Art,Veranstaltung,Standort,Modul,Trainer*in,Gremium,vorher,nachher\n"
           "Termin verschoben,-DUS-M1,-DUS,1,,,07.02.2026 + 08.02.2026,14.02.2026 + 15.02.2026\n")
    assert parse_changes_csv(text) == parse_changes_csv(old) == [item]


@pytest.mark.parametrize("text, where", [
    ("", "Kopfzeile"),
    ("Art,Veranstaltung\n", "Kopfzeile"),
    (changes_csv([]) + "Termin verlegt;DUS-M1;DUS;1;;;;\r\n", "Zeile 2"),  # unknown kind
    (changes_csv([]) + "Termin verschoben;DUS-M1;DUS;eins;;;;\r\n", "Zeile 2"),
])
def test_a_foreign_file_is_refused_naming_the_line(text: str, where: str) -> None:
    with pytest.raises(ValueError, match=where):
        parse_changes_csv(text)
