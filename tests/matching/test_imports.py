"""The matching package's import graph: pure Python (no Django) and without a cycle.

Read from the source (every import statement, those inside functions and under
``TYPE_CHECKING`` included), so a lazy import that closes a circle fails here too.
"""

import ast
import graphlib
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import nonprolif.matching

PACKAGE = nonprolif.matching.__name__
ROOT = Path(nonprolif.matching.__file__).parent


def _modules() -> dict[str, Path]:
    """Every module of the package by dotted name, packages as their ``__init__.py``."""
    found = {PACKAGE: ROOT / "__init__.py"}
    for info in pkgutil.walk_packages([str(ROOT)], prefix=f"{PACKAGE}."):
        relative = info.name.removeprefix(f"{PACKAGE}.").split(".")
        path = ROOT.joinpath(*relative)
        found[info.name] = path / "__init__.py" if info.ispkg else path.with_suffix(".py")
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The modules that ``name`` imports (any package or library), resolved to dotted names."""
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    imported: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            imported.add(target)
            # ``from . import x`` / ``from .pkg import mod`` name submodules too.
            imported.update(
                f"{target}.{alias.name}"
                for alias in node.names
                if f"{target}.{alias.name}" in MODULES
            )
    return imported


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def test_the_graph_covers_names_and_goods():
    for name in ("names.model", "names.index", "names.screen", "goods.cas", "goods.match"):
        assert f"{PACKAGE}.{name}" in GRAPH


def test_no_matching_module_imports_in_a_circle():
    inside = {
        name: {target for target in targets if target in MODULES and target != name}
        for name, targets in GRAPH.items()
    }
    try:
        order = list(graphlib.TopologicalSorter(inside).static_order())
    except graphlib.CycleError as error:
        # graphlib lists each module before the ones that import it; read it as "imports".
        circle = " -> ".join(reversed(error.args[1]))
        pytest.fail(f"import cycle in {PACKAGE}: {circle}")
    assert set(order) == set(MODULES)


def test_matching_stays_pure_python_without_django():
    for name, targets in GRAPH.items():
        django = sorted(t for t in targets if t == "django" or t.startswith("django."))
        assert not django, f"{name} imports {django}"
        ours = sorted(
            t for t in targets if t.startswith("nonprolif.") and not t.startswith(f"{PACKAGE}.")
        )
        assert not ours, f"{name} imports {ours} from outside {PACKAGE}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_matching_module_imports_alone_in_a_fresh_interpreter(name):
    """A circle that the parse above cannot see (e.g. through ``importlib``) fails here."""
    run = subprocess.run(
        [sys.executable, "-c", f"import {name}"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert run.returncode == 0, run.stderr
