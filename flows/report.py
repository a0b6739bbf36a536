"""What the CLI prints: the run summary, query results (table, CSV, JSON) and ``sitrep status``."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from typing import Any, Literal

import duckdb
import pyarrow as pa
from rich.console import Console
from rich.table import Table

__all__ = ["print_summary", "print_result", "print_status", "STATUS_QUERIES"]

_console = Console()
if not _console.is_terminal:  # piped or logged: no terminal width to respect, so do not fold tables
    _console = Console(width=200)


def print_summary(result: dict[str, Any]) -> None:
    counts = result["counts"]
    table = Table(title=f"run {result['run_id']} ({result['status']})", title_justify="left")
    for name in ("new", "revised", "unchanged", "duplicate", "rejected", "skipped"):
        table.add_column(name, justify="right")
    table.add_column("time", justify="right")
    table.add_row(*(str(counts.get(n, 0)) for n in ("new", "revised", "unchanged", "duplicate", "rejected", "skipped")),
                  f"{result['seconds']:.1f}s")
    _console.print(table)
    if counts.get("new", 0) + counts.get("revised", 0) + counts.get("duplicate", 0) == 0 and counts.get("documents"):
        _console.print(f"No new articles: {counts.get('unchanged', 0)} document(s) unchanged since earlier runs.")
    if counts.get("rejected"):
        _console.print(f"{counts['rejected']} rejected, see: sitrep sql \"SELECT * FROM rejects WHERE run_id = "
                       f"'{result['run_id']}'\"", soft_wrap=True)
    if counts.get("cached"):
        _console.print(f"{counts['cached']} of {counts.get('documents', 0)} document(s) not cleaned again: read from "
                       "the reprocess cache (SITREP_REPROCESS_CACHE).", soft_wrap=True)
    _console.print(f"lake: {result['lake']}")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    return str(value)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def print_result(result: pa.Table, fmt: Literal["table", "csv", "json"], *, title: str | None = None) -> None:
    rows = result.to_pylist()
    if fmt == "json":
        sys.stdout.write(json.dumps([_jsonable(r) for r in rows], ensure_ascii=False, indent=1) + "\n")
        return
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(result.column_names)
        writer.writerows([_cell(r[c]) for c in result.column_names] for r in rows)
        sys.stdout.write(buffer.getvalue())
        return
    table = Table(title=title, title_justify="left")
    for name in result.column_names:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row[c])[:200] for c in result.column_names))
    _console.print(table)


STATUS_QUERIES: dict[str, str] = {
    "Recent runs": """
        SELECT run_id, flow, status, counts->>'failed_checks' AS failed_checks, strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started_utc,
               round(epoch(finished_at - started_at), 1) AS seconds,
               counts->>'documents' AS documents, counts->>'new' AS new, counts->>'revised' AS revised,
               counts->>'unchanged' AS unchanged, counts->>'duplicate' AS duplicate, counts->>'rejected' AS rejected
        FROM run_history ORDER BY started_at DESC LIMIT 10""",
    "Rows per table": """
        SELECT 'raw_documents' AS "table", count(*) AS rows FROM raw_documents
        UNION ALL SELECT 'articles', count(*) FROM articles
        UNION ALL SELECT 'rejects', count(*) FROM rejects
        UNION ALL SELECT 'entity_mentions', count(*) FROM entity_mentions
        UNION ALL SELECT 'entities', count(*) FROM entities
        UNION ALL SELECT 'quantities', count(*) FROM quantities
        UNION ALL SELECT 'temporal_expressions', count(*) FROM temporal_expressions
        UNION ALL SELECT 'fetches', count(*) FROM fetches
        UNION ALL SELECT 'runs', count(DISTINCT run_id) FROM runs""",
    "Rejects by reason": """
        SELECT stage, error_type, count(*) AS rejects, strftime(max("at"), '%Y-%m-%d %H:%M:%S') AS last_seen_utc
        FROM rejects
        GROUP BY ALL ORDER BY rejects DESC""",
    "Web sources": """
        WITH latest AS (
            SELECT *, row_number() OVER (PARTITION BY source_name, canonical_url ORDER BY fetched_at DESC) AS nth
            FROM fetches)
        SELECT source_name, strftime(max(fetched_at), '%Y-%m-%d %H:%M:%S') AS last_fetch_utc,
               count(*) FILTER (WHERE outcome = 'fetched' AND nth = 1) AS fetched,
               count(*) FILTER (WHERE outcome IN ('not_modified', 'unchanged') AND nth = 1) AS unchanged,
               count(*) FILTER (WHERE outcome IN ('failed', 'refused') AND nth = 1) AS failing,
               strftime(min(fetched_at) FILTER (WHERE outcome IN ('failed', 'refused') AND nth = 1), '%Y-%m-%d %H:%M:%S')
                   AS oldest_unretried_failure_utc
        FROM latest GROUP BY ALL ORDER BY source_name""",
    "Freshness per source": """
        SELECT source_name, count(*) AS revisions, count(DISTINCT article_id) AS articles,
               max(published_at) AS newest_published,
               strftime(max(ingested_at), '%Y-%m-%d %H:%M:%S') AS last_ingested_utc
        FROM articles GROUP BY ALL ORDER BY last_ingested_utc DESC""",
}


def print_status(con: duckdb.DuckDBPyConnection) -> None:
    for title, query in STATUS_QUERIES.items():
        print_result(con.sql(query).to_arrow_table(), "table", title=title)
