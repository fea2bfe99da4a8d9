"""The package layout keeps the flow (README "Layout").

Read from the source with :mod:`ast` (nothing is imported), every ``import`` of an
``optimizer`` module — at module level or inside a function — must

* go from a package to the same package or one to its left in :data:`FLOW`;
* never form a circle between modules;
* never take a private name (``_x``) from another module.

``optimizer/`` holds only packages besides ``__init__.py`` and ``__main__.py``; no function
in it is longer than 80 lines; no module-level tuning constant lives outside
:mod:`optimizer.domain.options` (a search parameter belongs in :class:`Tuning`).
"""

from __future__ import annotations

import ast
import graphlib
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "optimizer"

#: The flow, left to right; a package may import from itself and from packages to its left.
#: ``report`` and ``export`` are siblings (rank 7) that do not import each other; ``bench``
#: (instances and baselines for benchmarks and tests) sits beside the API: nothing in the
#: flow imports it.
FLOW: dict[str, int] = {
    "domain": 0, "io": 1, "checks": 2, "model": 3, "solve": 4, "validate": 5, "insight": 6,
    "report": 7, "export": 7, "api": 8, "bench": 8, "faces": 9,
}
SIBLINGS_APART = {("report", "export"), ("export", "report"), ("api", "bench"),
                  ("bench", "api")}
#: The package root (``optimizer/__init__.py`` re-exports the API; ``__main__`` runs the CLI).
ROOT_RANK = {"optimizer": 8, "optimizer.__main__": 10}
MAX_FUNCTION_LINES = 80


def _modules() -> dict[str, Path]:
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


MODULES = _modules()


def _imports(path: Path) -> Iterator[tuple[str, str | None]]:
    """(module imported, name taken from it or None) for every optimizer import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "optimizer":
                    yield alias.name, None
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] != "optimizer":
                continue
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                yield (sub, None) if sub in MODULES else (node.module, alias.name)


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in FLOW else module


def _rank(module: str) -> int:
    package = _package(module)
    return FLOW[package] if package in FLOW else ROOT_RANK[module]


def _none(found: list[str], what: str) -> None:
    """Fail listing every finding (pytest would truncate a long list comparison)."""
    if found:
        pytest.fail(f"{len(found)} {what}:\n" + "\n".join(sorted(found)), pytrace=False)


def _graph() -> dict[str, set[str]]:
    return {module: {target for target, _ in _imports(path) if target != module}
            for module, path in MODULES.items()}


def test_optimizer_holds_only_packages() -> None:
    loose = sorted(p.name for p in PACKAGE.glob("*.py")
                   if p.name not in ("__init__.py", "__main__.py"))
    _none(loose, "loose modules in optimizer/")
    unknown = sorted(p.name for p in PACKAGE.iterdir()
                     if p.is_dir() and (p / "__init__.py").exists() and p.name not in FLOW)
    _none(unknown, "packages outside the flow")


def test_every_import_follows_the_flow() -> None:
    against = []
    for module, targets in _graph().items():
        for target in targets:
            source_package, target_package = _package(module), _package(target)
            if (source_package, target_package) in SIBLINGS_APART:
                against.append(f"{module} -> {target} (siblings)")
            elif (module.startswith("optimizer.") and target == "optimizer"
                  and _rank(module) <= ROOT_RANK["optimizer"]):
                against.append(f"{module} -> the package root (only faces use the root)")
            elif _rank(target) > _rank(module):
                against.append(f"{module} -> {target}")
    _none(against, "imports against the flow")


def test_no_import_circles() -> None:
    graph = _graph()
    # a package's __init__ may re-export its modules; a module importing its own package's
    # __init__ is the circle to catch, so both directions stay in the graph
    sorter = graphlib.TopologicalSorter(graph)
    try:
        sorter.prepare()
    except graphlib.CycleError as error:
        pytest.fail(f"import circle: {' -> '.join(error.args[1])}")


def test_no_private_name_from_another_module() -> None:
    private = [f"{module} takes {target}.{name}"
               for module, path in MODULES.items()
               for target, name in _imports(path)
               if name is not None and name.startswith("_") and target != module]
    _none(private, "private names taken from other modules")


def _functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def test_no_function_longer_than_80_lines() -> None:
    long = []
    for module, path in MODULES.items():
        for node in _functions(ast.parse(path.read_text(encoding="utf-8"))):
            lines = (node.end_lineno or node.lineno) - node.lineno + 1
            if lines > MAX_FUNCTION_LINES:
                long.append(f"{module}.{node.name}: {lines} lines")
    _none(long, "functions longer than 80 lines")


#: Module-level numbers of the engine that are units or model constants, not search
#: parameters (a search parameter belongs in optimizer.domain.options.Tuning).
NOT_TUNING = {
    "optimizer.model.diagnose.UNLIMITED_BUDGET_CENTS",  # "no budget" for forced solves
    "optimizer.model.requirements.SHARE_SCALE",  # per mille: the unit of the regions stage
    "optimizer.solve.bound.EUR",  # cents per euro
}


def _number(node: ast.expr) -> bool:
    """A literal number, a power of them, or a tuple of them."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, int | float) and not isinstance(node.value, bool)
    if isinstance(node, ast.BinOp):
        return _number(node.left) and _number(node.right)
    if isinstance(node, ast.Tuple):
        return bool(node.elts) and all(_number(e) for e in node.elts)
    return False


def test_no_tuning_constants_outside_the_parameter_object() -> None:
    """Every number that changes how the solver searches lives in ``Tuning``: the engine's
    packages (model, solve) hold no module-level numeric constant besides units."""
    found = []
    for module, path in MODULES.items():
        if _package(module) not in ("model", "solve"):
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = (node.targets if isinstance(node, ast.Assign)
                       else [node.target] if isinstance(node, ast.AnnAssign) else [])
            value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
            for target in targets:
                if (isinstance(target, ast.Name) and value is not None and _number(value)
                        and f"{module}.{target.id}" not in NOT_TUNING):
                    found.append(f"{module}.{target.id}")
    _none(found, "module-level tuning constants outside Tuning")
