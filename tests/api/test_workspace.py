"""The web app's workspace (:mod:`optimizer.api.workspace`): scenarios and plans as FORMAT.md
folders, names made safe, uploads read like the CLI reads them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

import optimizer
from optimizer.api.workspace import MAX_UPLOAD_BYTES, Workspace, safe_name
from optimizer.domain.errors import InputError

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_default_is_the_repository_scenario(tmp_path: Path) -> None:
    """The package carries a copy of scenarios/nrw-2025-26 (for installs without the
    repository); it must not drift from the generated original."""
    workspace = Workspace(tmp_path)
    name = workspace.add_default()
    for table in ("scenario.yaml", "councils.csv", "sites.csv", "trainers.csv"):
        copied = (workspace.scenario_path(name) / table).read_bytes()
        assert copied == (ROOT / "scenarios" / "nrw-2025-26" / table).read_bytes(), table
    assert workspace.scenario(name).name == "nrw-2025-26"


@pytest.mark.parametrize(("text", "expected"), [
    ("nrw-2025-26", "nrw-2025-26"), ("../../etc/passwd", "etc-passwd"),
    ("Köln Süd", "K-ln-S-d"), ("", "szenario"), ("x" * 100, "x" * 60)])
def test_folder_names_are_made_safe(text: str, expected: str) -> None:
    assert safe_name(text) == expected


def test_an_uploaded_workbook_becomes_a_scenario_or_names_its_problems(tmp_path: Path
                                                                      ) -> None:
    workspace = Workspace(tmp_path / "w")
    template = tmp_path / "vorlage.xlsx"
    optimizer.write_template(template)
    name = workspace.import_workbook("vorlage.xlsx", template.read_bytes())
    assert name in workspace.scenario_names()
    assert workspace.import_workbook("vorlage.xlsx", template.read_bytes()) == f"{name}-2"
    book = openpyxl.load_workbook(template)
    book["Gremien"].cell(row=2, column=3, value="viele")
    book.save(template)
    with pytest.raises(InputError) as broken:
        workspace.import_workbook("vorlage.xlsx", template.read_bytes())
    assert any(p.row == 2 for p in broken.value.problems)
    with pytest.raises(InputError):
        workspace.import_workbook("liste.csv", b"a;b")
    with pytest.raises(InputError):
        workspace.import_workbook("gross.xlsx", b"0" * (MAX_UPLOAD_BYTES + 1))
    assert len(workspace.scenario_names()) == 2  # nothing else was written


def test_a_new_version_keeps_the_original(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path)
    name = workspace.add_default()
    version = workspace.save_version(name, {"budget_eur": 100_000,
                                            "period.end": dt.date(2026, 6, 30)})
    assert version == f"{name}-v"
    changed, original = workspace.scenario(version), workspace.scenario(name)
    assert (changed.budget_eur, changed.period.end) == (100_000, dt.date(2026, 6, 30))
    assert original.budget_eur == 192_000
    with pytest.raises(InputError) as bad:
        workspace.save_version(name, {"budget_eur": -5})
    assert bad.value.problems[0].column == "budget_eur"
    with pytest.raises(InputError):
        workspace.save_version(name, {"tables.councils": "/etc/passwd"})


def test_trainers_and_sites_can_drop_out(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path)
    name = workspace.add_default()
    scenario = workspace.scenario(name)
    trainer, site = scenario.trainers[0].trainer_id, scenario.sites[0].site_id
    version = workspace.scenario(workspace.without(name, (trainer,), (site,)))
    assert trainer not in {t.trainer_id for t in version.trainers}
    assert next(s for s in version.sites if s.site_id == site).status == "excluded"
    assert len(version.sites) == len(scenario.sites)


def test_only_listed_scenarios_and_plans_are_reachable(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path)
    with pytest.raises(InputError):
        workspace.scenario_path("../..")
    with pytest.raises(InputError):
        workspace.plan_path("nrw-2025-26", "../../etc")
    assert workspace.plans() == []
