"""The planners' guide's chapters, shipped in the package (``optimizer/data/anleitung``).

Each chapter is one German Markdown file ``NN-name.md``; the guide is all of them in file-name
order, whatever the folder holds (a chapter added later needs no code). The guide is put
together and written by :mod:`optimizer.report.guide` (``qualiplan anleitung``).
"""

from __future__ import annotations

from importlib import resources

GUIDE_PACKAGE = "optimizer.data"
GUIDE_FOLDER = "anleitung"


def guide_chapters() -> list[tuple[str, str]]:
    """(file name, Markdown text) of every chapter, in file-name order."""
    folder = resources.files(GUIDE_PACKAGE).joinpath(GUIDE_FOLDER)
    chapters = [(entry.name, entry.read_text(encoding="utf-8")) for entry in folder.iterdir()
                if entry.name.endswith(".md") and entry.is_file()]
    return sorted(chapters)
