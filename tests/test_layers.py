"""The layering rules of DESIGN.md, enforced by import-linter and by a direct look at transforms/."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_import_linter_contracts_hold() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--config", str(REPO / "pyproject.toml")], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 kept, 0 broken" in result.stdout, result.stdout


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_transforms_never_import_io_layers() -> None:
    forbidden = {"prefect", "duckdb", "httpx", "requests", "flows", "warehouse"}
    for module in (REPO / "transforms").rglob("*.py"):
        assert not (_imports(module) & forbidden), f"{module.name} imports {_imports(module) & forbidden}"


def test_schemas_import_nothing_of_ours() -> None:
    for module in (REPO / "schemas").rglob("*.py"):
        assert not (_imports(module) & {"flows", "transforms", "warehouse"}), module.name


def test_no_module_reaches_400_lines() -> None:
    for package in ("flows", "transforms", "schemas", "warehouse"):
        for module in (REPO / package).rglob("*.py"):
            lines = len(module.read_text(encoding="utf-8").splitlines())
            assert lines < 400, f"{module.relative_to(REPO)} has {lines} lines"


def test_ruff_format_and_check_are_clean() -> None:
    ruff = Path(sys.executable).with_name("ruff")
    for args in (["format", "--check", "."], ["check", "."]):
        result = subprocess.run([str(ruff), *args], cwd=REPO, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, f"ruff {' '.join(args)}: " + result.stdout[-4000:] + result.stderr[-2000:]


def test_mypy_finds_no_type_errors() -> None:
    mypy = Path(sys.executable).with_name("mypy")
    result = subprocess.run(
        [str(mypy), "flows", "transforms", "schemas", "warehouse"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-4000:]


def test_no_two_modules_share_a_name() -> None:
    seen: dict[str, Path] = {}
    for package in ("flows", "transforms", "schemas", "warehouse"):
        for module in sorted((REPO / package).rglob("*.py")):
            if module.name == "__init__.py":
                continue
            assert module.name not in seen, f"{module.relative_to(REPO)} and {seen[module.name].relative_to(REPO)}"
            seen[module.name] = module
