"""All-or-nothing writes (optimizer/io/atomic.py): old state or new state, never a mix."""

from __future__ import annotations

from pathlib import Path

import pytest

from optimizer.io import atomic


def test_a_failed_folder_write_keeps_the_old_folder_and_leaves_no_temporary(
    tmp_path: Path,
) -> None:
    target = atomic.write_folder(tmp_path / "plan", {"a.txt": "alt", "sub/b.txt": b"x"})
    with pytest.raises(RuntimeError), atomic.staged_folder(target) as staging:
        (staging / "a.txt").write_text("neu", encoding="utf-8")
        raise RuntimeError("rendering failed")
    assert (target / "a.txt").read_text(encoding="utf-8") == "alt"
    assert [p.name for p in tmp_path.iterdir()] == ["plan"]


def test_a_folder_write_replaces_the_whole_folder(tmp_path: Path) -> None:
    atomic.write_folder(tmp_path / "out", {"old.txt": "1"})
    atomic.write_folder(tmp_path / "out", {"new.txt": "2"})
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["new.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_files_are_replaced_together_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    atomic.write_files(tmp_path, {"x.csv": "1", "y.csv": "1"})
    (tmp_path / "other.txt").write_text("stays", encoding="utf-8")

    def content():  # the second file's content fails while being produced
        yield "x.csv", "2"
        raise OSError("Datenträger voll")

    class Failing(dict):  # a mapping whose iteration fails half-way
        def items(self):  # type: ignore[override]
            return content()

    with pytest.raises(OSError):
        atomic.write_files(tmp_path, Failing())
    assert (tmp_path / "x.csv").read_text(encoding="utf-8") == "1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.txt", "x.csv", "y.csv"]
    written = atomic.write_files(tmp_path, {"x.csv": "2"})
    assert written == [tmp_path / "x.csv"] and written[0].stat().st_mode & 0o777 == 0o644
