"""All-or-nothing writes: every output of qualiplan goes through here.

A reader (a planner's file browser, a later command, CI) sees the old state or the new one,
never a half-written folder or file: a folder is built as a hidden temporary sibling and
swapped in when complete; single files are written to hidden temporary files beside their
targets and renamed over them (``os.replace``, atomic on one file system) only when every
file of the set is written.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

#: Permissions of written files (``mkstemp`` creates 0600, which would hide a plan from
#: colleagues sharing the folder).
FILE_MODE = 0o644


@contextmanager
def staged_folder(target_dir: str | Path) -> Iterator[Path]:
    """Yield an empty temporary sibling of ``target_dir``; when the block ends without an
    error it replaces ``target_dir`` (an existing folder only once the new one is complete),
    otherwise it is removed and ``target_dir`` stays as it was."""
    target = Path(target_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        yield staging
        staging.chmod(0o755)  # mkdtemp's 0700, as for files
        if target.exists():
            old = target.with_name(f".{target.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            target.rename(old)
            staging.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _bytes(content: bytes | str) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def write_folder(target_dir: str | Path, files: Mapping[str, bytes | str]) -> Path:
    """Write a whole new folder of ``files`` (name → content; text as UTF-8) through
    :func:`staged_folder`. Names may hold subfolders (``kalender/trainer-T01.ics``)."""
    with staged_folder(target_dir) as staging:
        for name, content in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(_bytes(content))
    return Path(target_dir)


def write_files(target_dir: str | Path, files: Mapping[str, bytes | str]) -> list[Path]:
    """Write ``files`` into ``target_dir``, replacing files of the same names and leaving
    the folder's other files untouched; return the paths."""
    target = Path(target_dir)
    target.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for name, content in files.items():
            handle, temp_name = tempfile.mkstemp(prefix=f".{Path(name).name}.", dir=target)
            staged.append((Path(temp_name), target / name))
            with os.fdopen(handle, "wb") as stream:
                stream.write(_bytes(content))
            os.chmod(temp_name, FILE_MODE)
        for temp, final in staged:
            os.replace(temp, final)
    except BaseException:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    return [final for _, final in staged]
