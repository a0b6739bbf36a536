"""The DuckDB catalog: views over the lake's Parquet folders, the layered SQL, and materialized marts.

Objects, in creation order (see ``warehouse.sql_models``):

1. one view per lake table (``articles``, ``entity_mentions``, ...) over ``tables/<t>/ingest_date=*/*.parquet``,
   typed by the table's current schema even when older files lack columns (on an object store the paths
   are ``s3://...`` URLs, read through the filesystem that ``warehouse.storage.attach_storage`` registers
   on each connection; ``_sitrep.storage`` records the store's URL);
2. ``stg_<table>`` staging views (rename and cast only);
3. shared views (``articles_current``, ``run_history``, ``entities_current``, ``article_days``);
4. marts: tables materialized from ``warehouse/sql/marts/*.sql``, stored sorted (``-- order:``) so that
   date filters skip row groups; ``_sitrep.marts`` lists them with their description and row count.

The catalog holds no lake data except the marts, which are derived, so it is rebuilt whole on every
refresh: written to a temporary file beside the target, then renamed over it. A reader that has the old
file open keeps reading it; a killed refresh leaves the previous catalog in place.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from schemas.tables import PARTITION_COLUMN, SCHEMAS, schema_for
from warehouse.lake import Lake
from warehouse.sql_models import load_models
from warehouse.storage import STORAGE_TABLE, attach_storage, register_store

__all__ = ["refresh_catalog", "connect", "view_sql_files"]


def view_sql_files() -> list[tuple[str, str]]:
    """``(name, sql)`` of the packaged staging and shared views, in creation order."""
    return [(m.name, m.sql) for layer in ("staging", "views") for m in load_models(layer)]


def _table_view_sql(lake: Lake, table: str) -> str:
    """A view over the table's files, typed by the schema even when old files lack columns."""
    columns = ", ".join(f'"{name}"' for name in schema_for(table).names)
    empty = f"_sitrep.empty_{table}"
    if not lake.table_files(table):
        return f"CREATE VIEW {table} AS SELECT {columns}, NULL::DATE AS {PARTITION_COLUMN} FROM {empty}"
    glob = lake.store.uri(f"{lake.table_dir(table)}/{PARTITION_COLUMN}=*/*.parquet")
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


def _create_marts(con: duckdb.DuckDBPyConnection, *, materialize: bool) -> None:
    con.execute("CREATE TABLE _sitrep.marts (name VARCHAR, description VARCHAR, row_count BIGINT)")
    for mart in load_models("marts"):
        if materialize:
            order = f" ORDER BY {mart.order_by}" if mart.order_by else ""
            con.execute(f"CREATE TABLE {mart.name} AS SELECT * FROM (\n{mart.sql}\n){order}")
            rows = con.execute(f"SELECT count(*) FROM {mart.name}").fetchall()[0]
        else:
            con.execute(f"CREATE VIEW {mart.name} AS {mart.sql}")
            rows = None
        con.execute("INSERT INTO _sitrep.marts VALUES (?, ?, ?)", [mart.name, mart.description, rows[0] if rows else None])


def refresh_catalog(lake: Lake, *, materialize_marts: bool = True) -> Path:
    """Rebuild ``lake.catalog_path`` from the lake's current files; returns the catalog path.

    With ``materialize_marts`` (the default) each mart is computed once here and stored as a table, so
    dashboards read pre-aggregated rows; without it the marts are plain views (a cheap refresh).
    """
    target = lake.catalog_path
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        con = duckdb.connect(str(tmp))
        try:
            con.execute("SET TimeZone = 'UTC'")
            con.execute("CREATE SCHEMA _sitrep")
            register_store(con, lake.store)
            con.execute(f"CREATE TABLE {STORAGE_TABLE} (url VARCHAR)")
            con.execute(f"INSERT INTO {STORAGE_TABLE} VALUES (?)", [None if lake.store.local else lake.store.url])
            for table in SCHEMAS:
                empty = schema_for(table).empty_table()
                con.register("_empty_arrow", empty)
                con.execute(f"CREATE TABLE _sitrep.empty_{table} AS SELECT * FROM _empty_arrow")
                con.unregister("_empty_arrow")
                con.execute(_table_view_sql(lake, table))
            for name, sql in view_sql_files():
                con.execute(f"CREATE VIEW {name} AS {sql}")
            _create_marts(con, materialize=materialize_marts)
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
        attach_storage(con)
        yield con
    finally:
        con.close()
