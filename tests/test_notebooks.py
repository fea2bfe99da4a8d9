"""The analysts' notebooks (``notebooks/``): stored without outputs, and they run.

Execution uses nbclient (the engine behind ``jupyter nbconvert --execute`` and nbmake) from a
plain pytest test rather than the nbmake plugin, so that the kernel imports the ``optimizer``
of this checkout (``PYTHONPATH``) and not an older installed copy, and so that the test can
also look at what the notebook computed.

``regional_coverage.ipynb`` solves the default scenario three times for 15 s each and
re-plans one of them after a trainer's absence (about 80 s in all), so it is marked ``slow``
(still run by CI; skip locally with ``-m "not slow"``).
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_is_the_regional_coverage_notebook():
    assert ROOT / "notebooks" / "regional_coverage.ipynb" in NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path: Path):
    """Committed notebooks carry no outputs (they would go stale and bloat diffs)."""
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


@pytest.mark.slow
def test_regional_coverage_notebook_runs(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p
    ))
    path = ROOT / "notebooks" / "regional_coverage.ipynb"
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = "".join(str(o.get("data", {}).get("text/html", "")) for o in outputs)
    # The comparison table names every variant and every Regierungsbezirk of NRW.
    for name in ("Budget −20 %", "Radius 40 km", "Nur Wochenabstand", "Arnsberg", "Detmold",
                 "Düsseldorf", "Köln", "Münster"):
        assert name in html, name
    assert any("image/png" in o.get("data", {}) for o in outputs)  # the bar chart
    # The re-plan after a trainer's absence ran through the public API and kept every rule.
    text = "".join(str(o.get("text", "")) for o in outputs)
    assert "Ausfall: " in text and "neu geplant: " in text, text[-500:]
