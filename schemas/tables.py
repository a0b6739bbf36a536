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
    "ENTITY_MENTIONS",
    "ENTITIES",
    "QUANTITIES",
    "TEMPORAL_EXPRESSIONS",
    "FETCHES",
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
        pa.field("published_source", pa.string()),  # metadata | dateline | url | null when unknown
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
        pa.field("charset", pa.string()),  # the codec that decoded the document: utf-8, cp1252, koi8_r, cp932 ... (v2)
        pa.field("charset_source", pa.string()),  # bom | header | meta | utf8 | guessed; null in files before v2
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

ENTITY_MENTIONS = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("revision", pa.string(), nullable=False),
        pa.field("start", pa.int32(), nullable=False),  # character offsets into articles.text, end exclusive
        pa.field("end", pa.int32(), nullable=False),
        pa.field("sentence", pa.int32()),  # index from transforms.sentences
        pa.field("text", pa.string(), nullable=False),
        pa.field("type", pa.string(), nullable=False),  # PERSON ORG GPE LOC NORP WEAPON PLATFORM VEHICLE FACILITY OPERATION EVENT
        pa.field("entity_id", pa.string()),
        pa.field("title", pa.string()),  # rank or office: "Navy Adm.", "Minister of Defence"
        pa.field("affiliation", pa.string()),  # organisation or country the title belongs to
        pa.field("method", pa.string(), nullable=False),  # gazetteer | model | rule | acronym | coreference
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

ENTITIES = pa.schema(
    [
        pa.field("entity_id", pa.string(), nullable=False),
        pa.field("canonical_name", pa.string(), nullable=False),
        pa.field("type", pa.string(), nullable=False),
        pa.field("subtype", pa.string()),  # e.g. combatant_command, armed_group, missile, aircraft, city
        pa.field("country", pa.string()),  # ISO 3166-1 alpha-3
        pa.field("aliases", pa.list_(pa.string())),
        pa.field("wikidata_id", pa.string()),
        pa.field("source", pa.string()),  # gazetteer | model
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

QUANTITIES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("revision", pa.string(), nullable=False),
        pa.field("start", pa.int32(), nullable=False),
        pa.field("end", pa.int32(), nullable=False),
        pa.field("sentence", pa.int32()),
        pa.field("text", pa.string(), nullable=False),
        pa.field("value", pa.float64()),  # the stated number; for a range, its midpoint
        pa.field("low", pa.float64()),
        pa.field("high", pa.float64()),
        pa.field("approximate", pa.bool_(), nullable=False),
        pa.field("qualifier", pa.string()),  # about | at_least | more_than | at_most | less_than | up_to | nearly | range ...
        pa.field("kind", pa.string(), nullable=False),  # count | money | percent | fraction | measure
        pa.field("unit", pa.string()),  # normalized unit (km, kg, t, nmi, kn, km/h, ...) for measures
        pa.field("currency", pa.string()),  # ISO 4217 for money
        pa.field("object", pa.string()),  # what is counted: "fighters", "F-35A jets"
        pa.field("object_entity_id", pa.string()),  # an entity mention inside the counted phrase
        pa.field("event", pa.string()),  # killed | wounded | captured | missing | remaining | ...
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

TEMPORAL_EXPRESSIONS = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("revision", pa.string(), nullable=False),
        pa.field("start", pa.int32(), nullable=False),
        pa.field("end", pa.int32(), nullable=False),
        pa.field("sentence", pa.int32()),
        pa.field("text", pa.string(), nullable=False),
        pa.field("type", pa.string(), nullable=False),  # DATE | TIME | DURATION | SET (TIMEX3)
        pa.field("value", pa.string(), nullable=False),  # TIMEX3: 2019-11-21, 2019-09, 2019-W47, P3D, XXXX-11-21
        pa.field("start_date", pa.date32()),  # the interval denoted, inclusive
        pa.field("end_date", pa.date32()),
        pa.field("granularity", pa.string()),  # day | week | month | quarter | season | year | decade | century
        pa.field("mod", pa.string()),  # TIMEX3 mod: BEFORE AFTER START MID END APPROX
        pa.field("anchor", pa.string(), nullable=False),  # publication | text | none
        pa.field("anchor_date", pa.date32()),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

FETCHES = pa.schema(
    [
        pa.field("source_name", pa.string(), nullable=False),
        pa.field("url", pa.string(), nullable=False),  # as discovered (feed item, sitemap loc, link, list)
        pa.field("canonical_url", pa.string()),  # normalized, tracking parameters stripped: the seen-check key
        pa.field("final_url", pa.string()),  # after redirects
        pa.field("outcome", pa.string(), nullable=False),  # fetched | not_modified | unchanged | failed | skipped_robots | refused
        pa.field("http_status", pa.int16()),
        pa.field("etag", pa.string()),
        pa.field("last_modified", pa.string()),
        pa.field("raw_id", pa.string()),  # sha256 of the body stored in the raw zone
        pa.field("attempts", pa.int16(), nullable=False),
        pa.field("error_type", pa.string()),
        pa.field("message", pa.string()),
        pa.field("fetched_at", _TS, nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

SCHEMAS: dict[str, pa.Schema] = {
    "raw_documents": RAW_DOCUMENTS,
    "articles": ARTICLES,
    "rejects": REJECTS,
    "runs": RUNS,
    "entity_mentions": ENTITY_MENTIONS,
    "entities": ENTITIES,
    "quantities": QUANTITIES,
    "temporal_expressions": TEMPORAL_EXPRESSIONS,
    "fetches": FETCHES,
}

SCHEMA_VERSIONS: dict[str, int] = {name: 1 for name in SCHEMAS} | {"articles": 2}
"""articles v2: ``charset`` and ``charset_source`` added (no migration: older files read them as null)."""


def schema_for(table: str) -> pa.Schema:
    """The schema of ``table`` with its version in the metadata; KeyError for an unknown table."""
    schema = SCHEMAS[table]
    return schema.with_metadata({b"sitrep.table": table.encode(), b"sitrep.schema_version": str(SCHEMA_VERSIONS[table]).encode()})
