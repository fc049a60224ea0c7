"""The pure packages' import graphs (``planning``, ``matching``): pure Python (no Django, no
app of ours) and without a cycle.

Read from the source (every import statement, those inside functions and under
``TYPE_CHECKING`` included), so a lazy import that closes a circle fails here too.
"""

import ast
import graphlib
import importlib
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

#: Each pure package and modules its graph must hold (a check that the walk found them).
PACKAGES = {
    "nonprolif.planning": (
        "assignment.model",
        "assignment.prepare",
        "assignment.mip",
        "calendar.sessions",
    ),
    "nonprolif.matching": (
        "names.model",
        "names.index",
        "names.screen",
        "goods.cas",
        "goods.match",
    ),
}


def modules_of(package: str) -> dict[str, Path]:
    """Every module of the package by dotted name, packages as their ``__init__.py``."""
    root = Path(importlib.import_module(package).__file__).parent
    found = {package: root / "__init__.py"}
    for info in pkgutil.walk_packages([str(root)], prefix=f"{package}."):
        relative = info.name.removeprefix(f"{package}.").split(".")
        path = root.joinpath(*relative)
        found[info.name] = path / "__init__.py" if info.ispkg else path.with_suffix(".py")
    return found


MODULES = {package: modules_of(package) for package in PACKAGES}


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
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
                if f"{target}.{alias.name}" in modules
            )
    return imported


def graph_of(package: str) -> dict[str, set[str]]:
    modules = MODULES[package]
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


@pytest.mark.parametrize("package", PACKAGES)
def test_the_graph_covers_the_package(package):
    graph = graph_of(package)
    for name in PACKAGES[package]:
        assert f"{package}.{name}" in graph


@pytest.mark.parametrize("package", PACKAGES)
def test_no_module_imports_in_a_circle(package):
    modules = MODULES[package]
    inside = {
        name: {target for target in targets if target in modules and target != name}
        for name, targets in graph_of(package).items()
    }
    try:
        order = list(graphlib.TopologicalSorter(inside).static_order())
    except graphlib.CycleError as error:
        # graphlib lists each module before the ones that import it; read it as "imports".
        circle = " -> ".join(reversed(error.args[1]))
        pytest.fail(f"import cycle in {package}: {circle}")
    assert set(order) == set(modules)


@pytest.mark.parametrize("package", PACKAGES)
def test_the_package_stays_pure_python_without_django(package):
    for name, targets in graph_of(package).items():
        django = sorted(t for t in targets if t == "django" or t.startswith("django."))
        assert not django, f"{name} imports {django}"
        ours = sorted(
            t for t in targets if t.startswith("nonprolif.") and not t.startswith(f"{package}.")
        )
        assert not ours, f"{name} imports {ours} from outside {package}"


@pytest.mark.parametrize("name", sorted(name for modules in MODULES.values() for name in modules))
def test_every_module_imports_alone_in_a_fresh_interpreter(name):
    """A circle that the parse above cannot see (e.g. through ``importlib``) fails here."""
    run = subprocess.run(
        [sys.executable, "-c", f"import {name}"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert run.returncode == 0, run.stderr
