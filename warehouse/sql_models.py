"""The packaged SQL of the warehouse, by layer, in the order it must be created.

``warehouse/sql/`` holds plain SELECT statements, one per file, named after the object they define:

- ``staging/``: one view per lake table (rename and cast only), ``stg_<table>``;
- ``views/``: shared views over the raw tables and staging (``articles_current``, ``run_history``, ...);
- ``marts/``: what dashboards read; each is materialized as a table at catalog refresh;
- ``checks/``: queries that must return no rows.

A file's header comment may carry ``-- depends: a, b`` (objects of its own layer it reads, so that they
are created first) and, for marts, ``-- order: col, ...`` (the sort order the mart is stored in, which
lets DuckDB's zone maps skip row groups when a dashboard filters on a date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Literal

__all__ = ["Layer", "SqlModel", "load_models", "mart_names", "LAYERS"]

Layer = Literal["staging", "views", "marts", "checks"]
LAYERS: tuple[Layer, ...] = ("staging", "views", "marts", "checks")

_SQL_PACKAGE = "warehouse.sql"
_DEPENDS = re.compile(r"^--\s*depends:\s*(.+)$", re.MULTILINE)
_ORDER = re.compile(r"^--\s*order:\s*(.+)$", re.MULTILINE)


@dataclass(frozen=True)
class SqlModel:
    """One SQL file: the object it defines, its layer, its SELECT, and what its header declares."""

    name: str
    layer: Layer
    sql: str
    depends: tuple[str, ...] = ()
    order_by: str | None = None

    @property
    def description(self) -> str:
        """The first comment line after the name, e.g. ``articles per day per source and language``."""
        for line in self.sql.splitlines():
            text = line.removeprefix("--").strip()
            if text.startswith(f"{self.name}:"):
                return text.removeprefix(f"{self.name}:").strip()
        return ""


def _parse(name: str, layer: Layer, sql: str) -> SqlModel:
    depends = tuple(d.strip() for m in _DEPENDS.findall(sql) for d in m.split(",") if d.strip())
    order = _ORDER.search(sql)
    return SqlModel(name, layer, sql.strip().rstrip(";"), depends, order.group(1).strip() if order else None)


def _topological(models: list[SqlModel]) -> list[SqlModel]:
    """Models so that each comes after the models of its layer it depends on (name order otherwise)."""
    by_name = {m.name: m for m in models}
    done: dict[str, SqlModel] = {}
    visiting: set[str] = set()

    def visit(model: SqlModel) -> None:
        if model.name in done:
            return
        if model.name in visiting:
            raise ValueError(f"SQL dependency cycle through {model.name}")
        visiting.add(model.name)
        for dep in model.depends:
            if dep in by_name:
                visit(by_name[dep])
        visiting.discard(model.name)
        done[model.name] = model

    for model in sorted(models, key=lambda m: m.name):
        visit(model)
    return list(done.values())


def load_models(layer: Layer) -> list[SqlModel]:
    """The layer's SQL files as models, in creation order."""
    folder = resources.files(_SQL_PACKAGE) / layer
    if not folder.is_dir():
        return []
    models = [
        _parse(entry.name.removesuffix(".sql"), layer, entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".sql")
    ]
    return _topological(models)


def mart_names() -> list[str]:
    """Names of the packaged marts, alphabetically."""
    return sorted(m.name for m in load_models("marts"))
