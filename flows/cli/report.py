"""What the CLI prints: the run summary, query results (table, CSV, JSON) and ``sitrep status``.

A query result is turned into text by DuckDB (``warehouse.render``: every type, exact numbers, ISO 8601
times and durations, base64 blobs, null for NaN) and streamed out in batches. JSON is one array with one
object per line; CSV lines end in ``\n`` (``crlf`` for RFC 4180's CRLF).
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

import duckdb
from rich.console import Console
from rich.table import Table

from flows.cli.choices import ResultFormat
from warehouse.render import rendered, write_csv, write_json

__all__ = ["print_summary", "write_result", "print_status", "STATUS_QUERIES", "ResultFormat"]


_console = Console()
if not _console.is_terminal:  # piped or logged: no terminal width to respect, so do not fold tables
    _console = Console(width=200)


def print_summary(result: dict[str, Any]) -> None:
    counts = result["counts"]
    table = Table(title=f"run {result['run_id']} ({result['status']})", title_justify="left")
    for name in ("new", "revised", "unchanged", "duplicate", "rejected", "skipped"):
        table.add_column(name, justify="right")
    table.add_column("time", justify="right")
    table.add_row(
        *(str(counts.get(n, 0)) for n in ("new", "revised", "unchanged", "duplicate", "rejected", "skipped")),
        f"{result['seconds']:.1f}s",
    )
    _console.print(table)
    if counts.get("new", 0) + counts.get("revised", 0) + counts.get("duplicate", 0) == 0 and counts.get("documents"):
        _console.print(f"No new articles: {counts.get('unchanged', 0)} document(s) unchanged since earlier runs.")
    if counts.get("rejected"):
        _console.print(
            f'{counts["rejected"]} rejected, see: sitrep sql "SELECT * FROM rejects WHERE run_id = '
            f"'{result['run_id']}'\"",
            soft_wrap=True,
        )
    if counts.get("cached"):
        _console.print(
            f"{counts['cached']} of {counts.get('documents', 0)} document(s) not cleaned again: read from "
            "the reprocess cache (SITREP_REPROCESS_CACHE).",
            soft_wrap=True,
        )
    _console.print(f"lake: {result['lake']}")


def write_result(
    relation: duckdb.DuckDBPyRelation | None,
    fmt: ResultFormat,
    out: TextIO | None = None,
    *,
    title: str | None = None,
    crlf: bool = False,
) -> None:
    """Write a query's result (None: a statement without one) to ``out`` (stdout) as a table, CSV or JSON."""
    out = out if out is not None else sys.stdout
    if relation is None:
        if fmt == "json":
            out.write("[]\n")
        return
    if fmt == "json":
        write_json(relation, out)
        return
    if fmt == "csv":
        write_csv(relation, out, crlf=crlf)
        return
    table = Table(title=title, title_justify="left")
    for name in relation.columns:
        table.add_column(name, overflow="fold")
    for row in rendered(relation, "cell").iter_rows():
        table.add_row(*(("" if v is None else v)[:200] for v in row))
    console = _console if out is sys.stdout else Console(file=out, width=200)
    console.print(table)


STATUS_QUERIES: dict[str, str] = {
    "Recent runs": """
        SELECT run_id, flow, status, counts->>'failed_checks' AS failed_checks,
               strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started_utc,
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
        UNION ALL SELECT 'events', count(*) FROM events
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
               strftime(min(fetched_at) FILTER (WHERE outcome IN ('failed', 'refused') AND nth = 1),
                        '%Y-%m-%d %H:%M:%S') AS oldest_unretried_failure_utc
        FROM latest GROUP BY ALL ORDER BY source_name""",
    "Freshness per source": """
        SELECT source_name, count(*) AS revisions, count(DISTINCT article_id) AS articles,
               max(published_at) AS newest_published,
               strftime(max(ingested_at), '%Y-%m-%d %H:%M:%S') AS last_ingested_utc
        FROM articles GROUP BY ALL ORDER BY last_ingested_utc DESC""",
}


def print_status(con: duckdb.DuckDBPyConnection) -> None:
    for title, query in STATUS_QUERIES.items():
        write_result(con.sql(query), ResultFormat.TABLE, title=title)
