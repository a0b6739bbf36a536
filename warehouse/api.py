"""The notebook API: open a warehouse read-only and get marts or queries as Arrow tables or DataFrames.

    >>> from warehouse.api import open_warehouse
    >>> with open_warehouse("warehouse") as wh:          # the data root, or the .duckdb file itself
    ...     wh.marts()                                   # ['article_entities', 'articles_daily', ...]
    ...     daily = wh.mart("articles_daily")            # a pyarrow.Table
    ...     df = wh.query("SELECT * FROM articles_current LIMIT 5", as_="pandas")

The catalog is opened with DuckDB's ``read_only=True`` and never built or changed from here, so any
number of notebooks can read while an ingest writes (it renames a fresh catalog into place; reopen the
warehouse to see it). pandas is optional: ``as_="pandas"`` needs it installed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import duckdb
import pyarrow as pa

from warehouse.lake import Lake
from warehouse.storage import attach_storage

__all__ = ["Warehouse", "open_warehouse", "WarehouseNotFound", "ResultKind"]

ResultKind = Literal["arrow", "pandas"]


class WarehouseNotFound(FileNotFoundError):
    """No catalog at the path given (run an ingest first, or point at the data root)."""


class Warehouse:
    """A read-only connection to a sitrep catalog."""

    def __init__(self, catalog: Path) -> None:
        self.catalog = catalog
        self._con = duckdb.connect(str(catalog), read_only=True)
        self._con.execute("SET TimeZone = 'UTC'")
        attach_storage(self._con)  # a lake on an object store: its views read through pyarrow

    def marts(self) -> list[str]:
        """Names of the marts in this catalog."""
        rows = self._con.execute("SELECT name FROM _sitrep.marts ORDER BY name").fetchall()
        return [r[0] for r in rows]

    def describe(self) -> list[tuple[str, str, int | None]]:
        """``(name, description, rows)`` of each mart."""
        rows = self._con.execute("SELECT name, description, row_count FROM _sitrep.marts ORDER BY name").fetchall()
        return [(r[0], r[1], r[2]) for r in rows]

    def views(self) -> list[str]:
        """Names of the tables' views, staging views and shared views."""
        rows = self._con.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal AND schema_name = 'main' ORDER BY view_name"
        ).fetchall()
        return [r[0] for r in rows]

    def mart(self, name: str, as_: ResultKind = "arrow") -> Any:
        """All rows of one mart; ``KeyError`` naming the marts when there is no such mart."""
        if name not in self.marts():
            raise KeyError(f"no mart {name!r}; marts: {', '.join(self.marts())}")
        return self.query(f'SELECT * FROM "{name}"', as_=as_)

    def query(self, sql: str, params: Sequence[Any] | None = None, as_: ResultKind = "arrow") -> Any:
        """The result of any read-only SQL over the catalog (writes fail: the file is read-only)."""
        cur = self._con.cursor()
        try:
            relation = cur.sql(sql, params=list(params)) if params is not None else cur.sql(sql)
            table: pa.Table = relation.to_arrow_table()
        finally:
            cur.close()
        if as_ == "pandas":
            return table.to_pandas()
        return table

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def open_warehouse(path: str | Path) -> Warehouse:
    """Open the warehouse at ``path``: a data root (holding ``sitrep.duckdb``) or the catalog file."""
    p = Path(path)
    catalog = p if p.is_file() else Lake(p).catalog_path
    if not catalog.is_file():
        raise WarehouseNotFound(f"no sitrep catalog at {catalog}")
    return Warehouse(catalog)
