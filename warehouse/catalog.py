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

The views name the lake's files by absolute path (or ``s3://`` URL), and ``_sitrep.location`` records
the tables folder they were built for. ``connect`` and ``ensure_catalog`` rebuild a catalog that is
missing, that cannot be opened (a corrupt or foreign file), or that was built for a lake elsewhere (the
data root was moved or copied, or the storage URL changed): a copy never reads the original's files.
The same lake named through a symlink is the same place. When the catalog cannot be rebuilt in place
(a read-only data root), ``connect`` builds one in memory (marts as views) for the connection.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from schemas.tables import PARTITION_COLUMN, SCHEMAS, schema_for
from warehouse.lake import Lake
from warehouse.sql_models import load_models
from warehouse.storage import STORAGE_TABLE, attach_storage, register_store

__all__ = ["refresh_catalog", "connect", "ensure_catalog", "view_sql_files", "CatalogError", "LOCATION_TABLE"]

LOCATION_TABLE = "_sitrep.location"  # one row: the tables folder (path or URL) the views read
Notice = Callable[[str], None]


class CatalogError(RuntimeError):
    """The catalog at ``path`` cannot be opened or built; ``reason`` says why, on one line."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"catalog {path}: {reason}")
        self.path = path
        self.reason = reason


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


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
        con.execute(
            "INSERT INTO _sitrep.marts VALUES (?, ?, ?)", [mart.name, mart.description, rows[0] if rows else None]
        )


def _build(con: duckdb.DuckDBPyConnection, lake: Lake, *, materialize_marts: bool) -> None:
    """Create every catalog object of ``lake`` on ``con`` (an empty database)."""
    con.execute("SET TimeZone = 'UTC'")
    con.execute("CREATE SCHEMA _sitrep")
    register_store(con, lake.store)
    con.execute(f"CREATE TABLE {STORAGE_TABLE} (url VARCHAR)")
    con.execute(f"INSERT INTO {STORAGE_TABLE} VALUES (?)", [_storage_url(lake)])
    con.execute(f"CREATE TABLE {LOCATION_TABLE} (tables VARCHAR)")
    con.execute(f"INSERT INTO {LOCATION_TABLE} VALUES (?)", [_location(lake)])
    for table in SCHEMAS:
        empty = schema_for(table).empty_table()
        con.register("_empty_arrow", empty)
        con.execute(f"CREATE TABLE _sitrep.empty_{table} AS SELECT * FROM _empty_arrow")
        con.unregister("_empty_arrow")
        con.execute(_table_view_sql(lake, table))
    for name, sql in view_sql_files():
        con.execute(f"CREATE VIEW {name} AS {sql}")
    _create_marts(con, materialize=materialize_marts)


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
            _build(con, lake, materialize_marts=materialize_marts)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}.wal").unlink(missing_ok=True)
    return target


def _location(lake: Lake) -> str:
    return lake.store.uri(lake.tables_dir)


def _storage_url(lake: Lake) -> str | None:
    return None if lake.store.local else lake.store.url


def _same_place(recorded: str, lake: Lake) -> bool:
    current = _location(lake)
    if recorded == current:
        return True
    return lake.store.local and os.path.realpath(recorded) == os.path.realpath(current)


def _checked(lake: Lake, read_only: bool = True) -> tuple[duckdb.DuckDBPyConnection | None, str | None]:
    """The catalog file opened, when it can serve ``lake`` as it is; else None and why not."""
    path = lake.catalog_path
    if not path.exists():
        return None, "missing"
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        return None, f"it cannot be opened ({_first_line(exc)})"
    why: str | None = None
    try:
        (tables,) = con.execute(f"SELECT tables FROM {LOCATION_TABLE}").fetchone() or (None,)
        (storage,) = con.execute(f"SELECT url FROM {STORAGE_TABLE}").fetchone() or (None,)
    except duckdb.Error:
        why = "it records no lake location (an older sitrep built it)"
    else:
        if tables is None or not _same_place(tables, lake):
            why = f"it was built for the lake at {tables}"
        elif storage != _storage_url(lake):
            why = "it was built for another storage URL"
    if why is not None:
        con.close()
        return None, why
    return con, None


def _rebuild(lake: Lake, why: str, notice: Notice | None) -> None:
    """Refresh the catalog file in place, then say why unless it was simply missing."""
    refresh_catalog(lake)
    if notice is not None and why != "missing":
        notice(f"rebuilt the catalog {lake.catalog_path}: {why}")


def ensure_catalog(lake: Lake, *, notice: Notice | None = None) -> Path:
    """The catalog file of ``lake``, rebuilt first when missing, unreadable or built for a lake elsewhere.

    ``CatalogError`` when it cannot be rebuilt (for readers that open the file themselves: the dashboard).
    """
    con, why = _checked(lake)
    if con is not None:
        con.close()
    if why is not None:
        try:
            _rebuild(lake, why, notice)
        except (OSError, duckdb.Error) as exc:
            raise _unbuildable(lake, why, exc) from exc
    return lake.catalog_path


def _unbuildable(lake: Lake, why: str, exc: BaseException) -> CatalogError:
    if why == "missing":
        return CatalogError(lake.catalog_path, f"cannot be built from the lake: {_first_line(exc)}")
    return CatalogError(lake.catalog_path, f"{why}, and it cannot be rebuilt: {_first_line(exc)}")


def _open(lake: Lake, read_only: bool, notice: Notice | None) -> duckdb.DuckDBPyConnection:
    con, why = _checked(lake, read_only)
    if con is not None:
        return con
    if why is not None:
        try:
            _rebuild(lake, why, notice)
        except (OSError, duckdb.Error) as exc:  # a read-only data root, or a lake file DuckDB cannot read
            con = duckdb.connect(":memory:")
            try:
                _build(con, lake, materialize_marts=False)
            except duckdb.Error as again:  # the lake's files, not the catalog's place, are at fault
                con.close()
                raise _unbuildable(lake, why, again) from again
            if notice is not None:
                notice(
                    f"the catalog {lake.catalog_path} ({why}) cannot be rebuilt ({_first_line(exc)}): "
                    "this command reads the lake through a catalog built in memory"
                )
            return con
    try:
        return duckdb.connect(str(lake.catalog_path), read_only=read_only)
    except duckdb.Error as exc:
        raise CatalogError(lake.catalog_path, f"it cannot be opened: {_first_line(exc)}") from exc


@contextmanager
def connect(lake: Lake, *, read_only: bool = True, notice: Notice | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the catalog, with times shown in UTC; rebuilt first when missing, unreadable or built for a
    lake elsewhere (``notice`` is told why), or, when it cannot be rebuilt in place, built in memory.

    ``CatalogError`` when no catalog can be had at all.
    """
    con = _open(lake, read_only, notice)
    try:
        con.execute("SET TimeZone = 'UTC'")
        attach_storage(con)
        yield con
    finally:
        con.close()
