"""A query result as text, every DuckDB type included: JSON values and CSV cells, computed by DuckDB itself.

``json_sql`` and ``cell_sql`` give, for each column of a result (by its DuckDB type), a SQL expression
over the column's position (``#1``, ``#2``, ...) whose value is the column's text; ``rendered`` projects
a relation onto them. The rules, type by type:

- numbers of every width (TINYINT to HUGEINT and UHUGEINT, DECIMAL, BIGNUM) are JSON numbers written
  exactly as DuckDB prints them: no digit of a decimal or a 128-bit sum is lost (a reader that parses
  JSON numbers into doubles may round them; Python's ``json`` with ``parse_float=Decimal`` does not);
- FLOAT and DOUBLE: the shortest text that reads back the same; NaN, Infinity and -Infinity, which JSON
  lacks, are ``null`` (a CSV cell keeps DuckDB's ``nan``, ``inf``, ``-inf``);
- DATE, TIME: ISO 8601 strings (``2025-04-07``, ``13:45:10.5``); TIMESTAMP of any precision and
  TIMESTAMPTZ: ISO 8601 with a ``T`` and, with a zone, the offset as ``+00:00`` (times are shown in UTC);
  TIMETZ keeps its offset (``13:45:10+02:00``); DuckDB's ``infinity`` and ``-infinity`` stay as they are,
  and so do dates before year 1 (``0044-03-15 (BC)``), which ISO 8601 cannot write;
- INTERVAL: an ISO 8601 duration (``P1Y2M3DT4H5M6.789S``, ``PT0S``); DuckDB keeps months, days and
  time apart and each may be negative, so each field carries its own sign (``P1DT-2H``), as PostgreSQL's
  ``iso_8601`` interval style writes them;
- BLOB: base64; UUID, ENUM, BIT, VARCHAR: strings; JSON: the JSON value itself, embedded;
- LIST and ARRAY: arrays; STRUCT: objects; MAP: an object whose keys are the keys' text; UNION: the
  value of its member; NULL anywhere: ``null``.

A CSV cell is the same text, unquoted for a string, empty for NULL, and JSON for a nested value.

``write_json`` and ``write_csv`` stream a relation's rows in that form to a text file, one run of the
query, a batch at a time: JSON as one array with one object per line (keys made unique), CSV with a
header and ``\n`` line ends (``crlf`` for RFC 4180's CRLF). DuckDB's own JSON writer is not used: it
reads JSON numbers back as doubles, which would round a DECIMAL(38) or a HUGEINT.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from typing import TextIO

import duckdb
from duckdb.sqltypes import DuckDBPyType

__all__ = ["json_sql", "cell_sql", "rendered", "unique_names", "write_json", "write_csv"]

_NUMBERS = {
    "tinyint",
    "smallint",
    "integer",
    "bigint",
    "hugeint",
    "utinyint",
    "usmallint",
    "uinteger",
    "ubigint",
    "uhugeint",
    "decimal",
    "bignum",
    "varint",
    "boolean",
}
_FLOATS = {"float", "double"}
_TIMESTAMPS = {
    "timestamp",
    "timestamp_s",
    "timestamp_ms",
    "timestamp_ns",
    "timestamp with time zone",
    "time with time zone",
}


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _iso_time(text: str) -> str:
    """DuckDB's text of a timestamp or a time with zone, in ISO 8601: a ``T``, and ``+hh:mm`` offsets."""
    with_t = f"regexp_replace({text}, '^(\\d{{4,}}-\\d\\d-\\d\\d) ', '\\1T')"
    return f"regexp_replace({with_t}, '([+-]\\d\\d)$', '\\1:00')"


def _part(value: str, unit: str) -> str:
    return f"(CASE WHEN {value} <> 0 THEN {value}::VARCHAR || '{unit}' ELSE '' END)"


def _iso_duration(e: str) -> str:
    """An ISO 8601 duration of the INTERVAL ``e``, each field with its own sign; NULL for NULL."""
    hours, minutes, seconds = (f"datepart('{unit}', {e})" for unit in ("hour", "minute", "microseconds"))
    clock = (
        f"{_part(hours, 'H')} || {_part(minutes, 'M')} || (CASE WHEN {seconds} <> 0 THEN "
        f"rtrim(rtrim(printf('%.6f', {seconds} / 1000000), '0'), '.') || 'S' ELSE '' END)"
    )
    date = " || ".join(
        _part(f"datepart('{unit}', {e})", letter) for unit, letter in (("year", "Y"), ("month", "M"), ("day", "D"))
    )
    whole = f"'P' || {date} || (CASE WHEN ({clock}) <> '' THEN 'T' || {clock} ELSE '' END)"
    return f"(CASE WHEN {e} IS NULL THEN NULL ELSE coalesce(nullif({whole}, 'P'), 'PT0S') END)"


def _children(kind: DuckDBPyType) -> list[tuple[str, DuckDBPyType]]:
    """The member types of a nested type (an array's size and the like left out)."""
    return [(str(name), child) for name, child in kind.children if isinstance(child, DuckDBPyType)]


def _leaf_text(e: str, kind: DuckDBPyType) -> tuple[str, bool]:
    """SQL for the text of a scalar ``e`` (NULL for NULL), and whether JSON writes it as is (not quoted)."""
    name = kind.id
    if name == "null":
        return "NULL::VARCHAR", True
    if str(kind) == "JSON":
        return f"{e}::VARCHAR", True
    if name in _NUMBERS:
        return f"{e}::VARCHAR", True
    if name in _FLOATS:
        return f"{e}::VARCHAR", True  # the JSON form drops the non-finite ones (``_json``)
    if name in _TIMESTAMPS:
        return _iso_time(f"{e}::VARCHAR"), False
    if name == "interval":
        return _iso_duration(e), False
    if name == "blob":
        return f"base64({e})", False
    return f"{e}::VARCHAR", False


def _json(e: str, kind: DuckDBPyType, depth: int = 0) -> str:
    """SQL for the JSON text of ``e``, never NULL (``null``)."""
    name, x = kind.id, f"x{depth}"
    if name in ("list", "array"):
        child = _children(kind)[0][1]
        items = f"array_to_string(list_transform({e}, lambda {x}: {_json(x, child, depth + 1)}), ',')"
        return f"(CASE WHEN {e} IS NULL THEN 'null' ELSE '[' || {items} || ']' END)"
    if name == "struct":
        fields = " || ',' || ".join(
            f"{_literal(json.dumps(field, ensure_ascii=False) + ':')} || "
            f"{_json(f'struct_extract({e}, {_literal(field)})', child, depth + 1)}"
            for field, child in _children(kind)
        )
        return f"(CASE WHEN {e} IS NULL THEN 'null' ELSE '{{' || {fields} || '}}' END)"
    if name == "map":
        (_, key), (_, value) = _children(kind)
        entry = f"to_json({_cell(f'{x}.key', key, depth + 1)}) || ':' || {_json(f'{x}.value', value, depth + 1)}"
        items = f"array_to_string(list_transform(map_entries({e}), lambda {x}: {entry}), ',')"
        return f"(CASE WHEN {e} IS NULL THEN 'null' ELSE '{{' || {items} || '}}' END)"
    if name == "union":
        members = " ".join(
            f"WHEN {_literal(tag)} THEN {_json(f'union_extract({e}, {_literal(tag)})', child, depth + 1)}"
            for tag, child in _children(kind)
            if tag
        )
        return f"(CASE union_tag({e}) {members} ELSE 'null' END)"
    text, as_is = _leaf_text(e, kind)
    if name in _FLOATS:
        return f"(CASE WHEN isfinite({e}) THEN {text} ELSE 'null' END)"
    return f"coalesce({text if as_is else f'to_json({text})'}, 'null')"


def _cell(e: str, kind: DuckDBPyType, depth: int = 0) -> str:
    """SQL for the CSV cell of ``e``: a scalar's text, a nested value's JSON; NULL for NULL."""
    if kind.id in ("list", "array", "struct", "map", "union"):
        return f"(CASE WHEN {e} IS NULL THEN NULL ELSE {_json(e, kind, depth)} END)"
    return _leaf_text(e, kind)[0]


def _by_position(build: Callable[[str, DuckDBPyType], str], types: Sequence[DuckDBPyType]) -> list[str]:
    return [build(f"#{n}", kind) for n, kind in enumerate(types, start=1)]


def json_sql(types: Sequence[DuckDBPyType]) -> list[str]:
    """One SQL expression per column (by position): the column's JSON text, ``null`` for NULL."""
    return _by_position(_json, types)


def cell_sql(types: Sequence[DuckDBPyType]) -> list[str]:
    """One SQL expression per column (by position): the column's CSV cell text, NULL for NULL."""
    return _by_position(_cell, types)


def rendered(relation: duckdb.DuckDBPyRelation, form: str) -> duckdb.DuckDBPyRelation:
    """``relation`` with each column replaced by its text: ``json`` values or CSV ``cell`` text."""
    expressions = json_sql(relation.types) if form == "json" else cell_sql(relation.types)
    return relation.project(", ".join(f"{sql} AS c{n}" for n, sql in enumerate(expressions)))


def unique_names(names: Sequence[str]) -> list[str]:
    """Column names made unique for JSON keys: a repeated name gets ``_2``, ``_3`` (never one already used)."""
    taken: set[str] = set()
    out = []
    for name in names:
        candidate, n = name, 1
        while candidate in taken:
            n += 1
            candidate = f"{name}_{n}"
        taken.add(candidate)
        out.append(candidate)
    return out


def write_json(relation: duckdb.DuckDBPyRelation, out: TextIO) -> int:
    """Write ``relation`` to ``out`` as one JSON array of objects, one per line; returns the row count."""
    keys = [json.dumps(name, ensure_ascii=False) + ":" for name in unique_names(relation.columns)]
    count = 0
    out.write("[")
    for row in rendered(relation, "json").iter_rows():
        out.write(("\n{" if not count else ",\n{") + ",".join(k + v for k, v in zip(keys, row)) + "}")
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def write_csv(relation: duckdb.DuckDBPyRelation, out: TextIO, *, crlf: bool = False) -> int:
    """Write ``relation`` to ``out`` as CSV with a header (``\n`` line ends, or CRLF); returns the row count."""
    writer = csv.writer(out, lineterminator="\r\n" if crlf else "\n")
    writer.writerow(relation.columns)
    count = 0
    for row in rendered(relation, "cell").iter_rows():
        writer.writerow(["" if v is None else v for v in row])
        count += 1
    return count
