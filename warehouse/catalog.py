"""The DuckDB catalog: views over the lake's Parquet folders, plus the SQL views in ``warehouse/sql``.

The catalog holds no data, only view definitions, so it is rebuilt whole on every refresh: written to
a temporary file beside the target, then renamed over it. A reader that has the old file open keeps
reading it; a killed refresh leaves the previous catalog in place.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import duckdb

from schemas.tables import PARTITION_COLUMN, SCHEMAS, schema_for
from warehouse.lake import Lake

__all__ = ["refresh_catalog", "connect", "view_sql_files"]

_SQL_PACKAGE = "warehouse.sql"


def view_sql_files() -> list[tuple[str, str]]:
    """``(name, sql)`` of the packaged SQL views, in file-name order within each folder."""
    found: list[tuple[str, str]] = []
    root = resources.files(_SQL_PACKAGE)
    for folder in ("views",):
        sub = root / folder
        if not sub.is_dir():
            continue
        for entry in sorted(sub.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".sql"):
                found.append((entry.name.removesuffix(".sql"), entry.read_text(encoding="utf-8")))
    return found


def _table_view_sql(lake: Lake, table: str) -> str:
    """A view over the table's files, typed by the schema even when old files lack columns."""
    columns = ", ".join(f'"{name}"' for name in schema_for(table).names)
    empty = f"_sitrep.empty_{table}"
    if not lake.table_files(table):
        return f"CREATE VIEW {table} AS SELECT {columns}, NULL::DATE AS {PARTITION_COLUMN} FROM {empty}"
    glob = (lake.table_dir(table) / f"{PARTITION_COLUMN}=*" / "*.parquet").resolve().as_posix()
    source = (
        f"read_parquet('{_quote(glob)}', hive_partitioning = true, union_by_name = true, "
        f"hive_types = {{'{PARTITION_COLUMN}': DATE}})"
    )
    return (
        f"CREATE VIEW {table} AS SELECT {columns}, {PARTITION_COLUMN} FROM "
        f"(SELECT * FROM {source} UNION ALL BY NAME SELECT * FROM {empty})"
    )


def _quote(text: str) -> str:
    return text.replace("'", "''")


def refresh_catalog(lake: Lake) -> Path:
    """Rebuild ``lake.catalog_path`` from the lake's current files; returns the catalog path."""
    target = lake.catalog_path
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        con = duckdb.connect(str(tmp))
        try:
            con.execute("CREATE SCHEMA _sitrep")
            for table in SCHEMAS:
                empty = schema_for(table).empty_table()
                con.register("_empty_arrow", empty)
                con.execute(f"CREATE TABLE _sitrep.empty_{table} AS SELECT * FROM _empty_arrow")
                con.unregister("_empty_arrow")
                con.execute(_table_view_sql(lake, table))
            for name, sql in view_sql_files():
                con.execute(f"CREATE VIEW {name} AS {sql}")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}.wal").unlink(missing_ok=True)
    return target


@contextmanager
def connect(lake: Lake, *, read_only: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the catalog (building it first if it is missing), with times shown in UTC."""
    if not lake.catalog_path.exists():
        refresh_catalog(lake)
    con = duckdb.connect(str(lake.catalog_path), read_only=read_only)
    try:
        con.execute("SET TimeZone = 'UTC'")
        yield con
    finally:
        con.close()
