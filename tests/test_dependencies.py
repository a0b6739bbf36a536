"""The environment is declared and locked: every package the code imports is a declared dependency, and
requirements/lock.txt pins each declared dependency at a version its specifier admits."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
OURS = {"flows", "transforms", "schemas", "warehouse"}


def _project() -> dict:  # type: ignore[type-arg]
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _declared(extra: str | None = None) -> dict[str, Requirement]:
    project = _project()
    items = project["dependencies"] if extra is None else project["optional-dependencies"][extra]
    return {canonicalize_name(r.name): r for r in map(Requirement, items)}


def _imported_top_modules() -> set[str]:
    found: set[str] = set()
    for package in OURS:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    found.update(a.name.split(".")[0] for a in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    found.add(node.module.split(".")[0])
    return found - OURS - set(sys.stdlib_module_names) - {"__future__"}


def test_every_imported_package_is_declared() -> None:
    dists = packages_distributions()
    declared = set(_declared()) | set(_declared("dask"))  # the dask extra: imported only with --runner dask
    missing = {}
    for module in sorted(_imported_top_modules()):
        names = {canonicalize_name(d) for d in dists.get(module, [])}
        if names and not names & declared:
            missing[module] = sorted(names)
    assert not missing, f"imported but not declared in [project.dependencies]: {missing}"


def test_the_lock_pins_every_declared_dependency_within_its_specifier() -> None:
    lock = (ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8")
    pins = {
        canonicalize_name(name): version for name, version in re.findall(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)", lock, re.M)
    }
    wrong = {}
    for name, req in {**_declared(), **_declared("dev")}.items():
        if name not in pins:
            wrong[name] = "not in requirements/lock.txt"
        elif not req.specifier.contains(pins[name], prereleases=True):
            wrong[name] = f"locked {pins[name]}, declared {req.specifier}"
    assert not wrong, f"run 'make lock': {wrong}"
