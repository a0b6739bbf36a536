"""``sitrep export``: a mart, a view or a query written to CSV, Parquet, JSON or GeoJSON for other tools.

The file is written by DuckDB's ``COPY`` from a read-only catalog connection into a temporary file beside
the target, then renamed into place, so a reader never sees half a file. JSON and CSV carry every value
as ``sitrep sql`` prints it (``warehouse.render``: exact numbers, ISO 8601 times and durations, base64
blobs, null for NaN in JSON, nested values as JSON in CSV); CSV lines end in ``\n``. Parquet keeps
DuckDB's own types. GeoJSON (``warehouse.geojson_out``) needs ``lat`` and ``lon`` columns: the marts
``places`` and ``article_places`` have them.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import duckdb

from warehouse.catalog import connect
from warehouse.geojson_out import write_geojson
from warehouse.lake import Lake
from warehouse.render import cell_sql, write_json

__all__ = ["ExportFormat", "EXPORT_FORMATS", "export", "ExportError"]

ExportFormat = Literal["csv", "parquet", "json", "geojson"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("csv", "parquet", "json", "geojson")

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$")
_OPTIONS: dict[str, str] = {
    "csv": "FORMAT csv, HEADER true",
    "parquet": "FORMAT parquet, COMPRESSION zstd",
}


class ExportError(ValueError):
    """The export could not be done; ``what`` is the mart or query, ``reason`` why."""

    def __init__(self, what: str, reason: str) -> None:
        super().__init__(f"cannot export {what!r}: {reason}")
        self.what = what
        self.reason = reason


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _as_cells(con: duckdb.DuckDBPyConnection, select: str) -> str:
    """``select`` with its columns as the CSV cells ``warehouse.render`` writes (text, NULL for NULL)."""
    relation = con.sql(select)
    projection = ", ".join(f"{sql} AS {_quoted(name)}" for sql, name in zip(cell_sql(relation.types), relation.columns))
    return f"SELECT {projection} FROM ({select})"


def _select(mart_or_query: str) -> str:
    text = mart_or_query.strip().rstrip(";")
    if _IDENTIFIER.match(text):
        return f"SELECT * FROM {text}"
    return text


def export(
    lake: Lake,
    mart_or_query: str,
    path: Path,
    format: ExportFormat = "csv",
    *,
    notice: Callable[[str], None] | None = None,
) -> int:
    """Write the rows of a mart/view name or of a SELECT to ``path``; returns the number of rows.

    ``notice`` hears why the catalog was rebuilt on the way, if it was (``warehouse.catalog.connect``).
    """
    if format not in EXPORT_FORMATS:
        raise ExportError(mart_or_query, f"unknown format {format!r} (use csv, parquet, json or geojson)")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    select = _select(mart_or_query)
    try:
        with connect(lake, notice=notice) as con:
            try:
                if format == "json":  # written here: DuckDB's JSON writer would round exact numbers
                    with open(tmp, "w", encoding="utf-8") as out:
                        rows = write_json(con.sql(select), out)
                elif format == "geojson":
                    with open(tmp, "w", encoding="utf-8") as out:
                        rows = write_geojson(con.sql(select), out)
                else:
                    (rows,) = con.execute(f"SELECT count(*) FROM ({select})").fetchone() or (0,)
                    copied = _as_cells(con, select) if format == "csv" else select
                    con.execute(
                        f"COPY ({copied}) TO '{tmp.as_posix().replace(chr(39), chr(39) * 2)}' ({_OPTIONS[format]})"
                    )
            except Exception as exc:  # duckdb's errors: translate once, with the first line
                raise ExportError(mart_or_query, str(exc).splitlines()[0]) from exc
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return int(rows)
