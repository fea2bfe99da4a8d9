"""Write report and comparison files all-or-nothing.

Each file is first written to a hidden temporary file in the target folder and renamed over
its final name only when every file of the set is written, so a failure (a full disk, a
rendering error raised while producing the content) never leaves a half-written report.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path


def write_files(target_dir: str | Path, files: Mapping[str, bytes | str]) -> list[Path]:
    """Write ``files`` (name → content; text as UTF-8) into ``target_dir``; return the paths.

    Existing files of the same names are replaced, other files in the folder are untouched.
    """
    target = Path(target_dir)
    target.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for name, content in files.items():
            handle, temp_name = tempfile.mkstemp(prefix=f".{name}.", dir=target)
            staged.append((Path(temp_name), target / name))
            with os.fdopen(handle, "wb") as stream:
                stream.write(content.encode("utf-8") if isinstance(content, str) else content)
        for temp, final in staged:
            os.replace(temp, final)
    except BaseException:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    return [final for _, final in staged]


def write_folder(target_dir: str | Path, files: Mapping[str, bytes | str]) -> Path:
    """Write a whole new folder of ``files``: built as a temporary sibling, then renamed.

    An existing folder of that name is replaced only once the new one is complete. Names may
    hold subfolders (``kalender/trainer-T01.ics``, used by the export).
    """
    target = Path(target_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for name, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
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
    return target
