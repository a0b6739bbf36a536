"""The storage contract: one explicit pyarrow schema per table, with a version.

Every Parquet file sitrep writes is built with ``pa.Table.from_pylist(rows, schema=SCHEMAS[name])``;
nothing is inferred. ``SCHEMA_VERSIONS`` rises when a table's columns change; the version is kept in
each file's metadata (``sitrep.schema_version``) so that old files stay readable and migrations know
what they read.
"""

from __future__ import annotations

import pyarrow as pa

__all__ = [
    "RAW_DOCUMENTS",
    "ARTICLES",
    "REJECTS",
    "RUNS",
    "SCHEMAS",
    "SCHEMA_VERSIONS",
    "PARTITION_COLUMN",
    "schema_for",
]

PARTITION_COLUMN = "ingest_date"
"""Hive partition key of every table folder (``tables/<name>/ingest_date=YYYY-MM-DD/``)."""

_TS = pa.timestamp("us", tz="UTC")

RAW_DOCUMENTS = pa.schema(
    [
        pa.field("raw_id", pa.string(), nullable=False),  # sha256 hex of the bytes as stored
        pa.field("source_name", pa.string()),
        pa.field("source_uri", pa.string(), nullable=False),  # where it was read: file:// or http(s)://
        pa.field("final_url", pa.string()),  # after redirects (web), or the page's canonical URL
        pa.field("fetched_at", _TS, nullable=False),  # fetch time, or the file's mtime
        pa.field("http_status", pa.int16()),  # null for local files
        pa.field("content_type", pa.string()),  # text/html, text/plain
        pa.field("content_encoding", pa.string()),  # gzip when the stored bytes are compressed
        pa.field("byte_size", pa.int64(), nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

ARTICLES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),  # stable across revisions
        pa.field("revision", pa.string(), nullable=False),  # sha256 hex of the cleaned text
        pa.field("url", pa.string(), nullable=False),
        pa.field("canonical_url", pa.string()),
        pa.field("domain", pa.string()),
        pa.field("source_name", pa.string()),
        pa.field("title", pa.string()),
        pa.field("authors", pa.list_(pa.string())),
        pa.field("published_at", pa.date32()),
        pa.field("language", pa.string()),
        pa.field("description", pa.string()),
        pa.field("categories", pa.list_(pa.string())),
        pa.field("tags", pa.list_(pa.string())),
        pa.field("text", pa.string(), nullable=False),
        pa.field("word_count", pa.int32(), nullable=False),
        pa.field("simhash", pa.uint64(), nullable=False),
        pa.field("duplicate_of", pa.string()),  # article_id of the first article seen, if a duplicate
        pa.field("duplicate_kind", pa.string()),  # exact | near | null
        pa.field("extraction_method", pa.string(), nullable=False),  # trafilatura | text
        pa.field("raw_id", pa.string(), nullable=False),
        pa.field("ingested_at", _TS, nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

REJECTS = pa.schema(
    [
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("stage", pa.string(), nullable=False),  # load | clean | fetch | normalize | write
        pa.field("source_name", pa.string()),
        pa.field("source_uri", pa.string(), nullable=False),
        pa.field("raw_id", pa.string()),
        pa.field("error_type", pa.string(), nullable=False),
        pa.field("message", pa.string(), nullable=False),
        pa.field("at", _TS, nullable=False),
    ]
)

RUNS = pa.schema(
    [
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("flow", pa.string(), nullable=False),
        pa.field("started_at", _TS, nullable=False),
        pa.field("finished_at", _TS),
        pa.field("status", pa.string(), nullable=False),  # running | completed | failed | empty
        pa.field("counts", pa.string()),  # JSON object: {"new": 12, "unchanged": 3, ...}
        pa.field("parameters", pa.string()),  # JSON object: sources, lake, settings that matter
    ]
)

SCHEMAS: dict[str, pa.Schema] = {
    "raw_documents": RAW_DOCUMENTS,
    "articles": ARTICLES,
    "rejects": REJECTS,
    "runs": RUNS,
}

SCHEMA_VERSIONS: dict[str, int] = {name: 1 for name in SCHEMAS}


def schema_for(table: str) -> pa.Schema:
    """The schema of ``table`` with its version in the metadata; KeyError for an unknown table."""
    schema = SCHEMAS[table]
    return schema.with_metadata({b"sitrep.table": table.encode(), b"sitrep.schema_version": str(SCHEMA_VERSIONS[table]).encode()})
