"""Building table rows from loaded and cleaned documents: the record-to-row mapping, in one place."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import fields
from typing import Any

from flows.acquire.load import LoadedDocument, LoadFailure
from flows.run.workers import CleanFailure
from schemas.entities import Entity, Place
from schemas.events import Event, Toll
from schemas.records import CleanArticle
from transforms.extract.decode import Charset
from transforms.extract.dedupe import Decision
from transforms.extract.text import count_words
from transforms.extract.urls import domain_of
from transforms.pipeline import Normalized
from transforms.sentences import sentence_index

__all__ = [
    "article_row",
    "raw_document_row",
    "reject_row",
    "run_row",
    "normalized_rows",
    "entity_row",
    "event_row",
    "place_columns",
]


def article_row(
    doc: LoadedDocument,
    article: CleanArticle,
    *,
    published_source: str | None,
    article_id: str,
    revision: str,
    simhash: int,
    canonical_url: str | None,
    decision: Decision,
    run_id: str,
    now: dt.datetime,
    charset: Charset | None = None,
) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "revision": revision,
        "url": doc.source_uri,
        "canonical_url": canonical_url,
        "domain": domain_of(canonical_url),
        "source_name": doc.source_name,
        "title": article.title,
        "authors": list(article.authors),
        "published_at": article.published,
        "published_source": published_source,
        "language": article.language,
        "description": article.description,
        "categories": list(article.categories),
        "tags": list(article.tags),
        "text": article.text,
        "word_count": count_words(article.text),
        "simhash": simhash,
        "duplicate_of": decision.duplicate_of,
        "duplicate_kind": decision.duplicate_kind,
        "extraction_method": article.method,
        "charset": charset.name if charset is not None else None,
        "charset_source": charset.source if charset is not None else None,
        "raw_id": doc.raw_id,
        "ingested_at": now,
        "run_id": run_id,
    }


def raw_document_row(doc: LoadedDocument, *, final_url: str | None, run_id: str) -> dict[str, Any]:
    return {
        "raw_id": doc.raw_id,
        "source_name": doc.source_name,
        "source_uri": doc.source_uri,
        "final_url": doc.final_url or final_url,
        "fetched_at": doc.fetched_at,
        "http_status": doc.http_status,
        "content_type": doc.content_type or ("text/html" if doc.kind == "html" else "text/plain"),
        "content_encoding": doc.content_encoding,
        "byte_size": doc.stored_size,
        "run_id": run_id,
    }


def reject_row(
    failure: LoadFailure | CleanFailure,
    *,
    stage: str,
    source_name: str,
    source_uri: str,
    raw_id: str | None,
    run_id: str,
    now: dt.datetime,
) -> dict[str, Any]:
    return {
        "run_id": run_id,
        "stage": stage,
        "source_name": source_name,
        "source_uri": source_uri,
        "raw_id": raw_id,
        "error_type": failure.error_type,
        "message": failure.message,
        "at": now,
    }


def run_row(
    *,
    run_id: str,
    flow: str,
    started_at: dt.datetime,
    finished_at: dt.datetime | None,
    status: str,
    counts: dict[str, Any],
    parameters: dict[str, Any],
) -> dict[str, Any]:
    return {
        "run_id": run_id,
        "flow": flow,
        "started_at": started_at,
        "finished_at": finished_at,
        "status": status,
        "counts": json.dumps(counts, sort_keys=True),
        "parameters": json.dumps(parameters, sort_keys=True, default=str),
    }


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def _record(record: Any) -> dict[str, Any]:
    """A flat record's fields as a dict: ``dataclasses.asdict`` without its deep copy (the records
    hold scalars and tuples only), which cost a quarter of the flow process's CPU."""
    return {name: getattr(record, name) for name in _field_names(type(record))}


def place_columns(place: Place | None, *, country: str | None = "geo_country") -> dict[str, Any]:
    """The place columns of a mention or entity row (``schemas.tables``): null where there is no place."""
    if place is None:
        cols: dict[str, Any] = dict.fromkeys(_PLACE_COLUMNS)
    else:
        cols = {
            "geonames_id": place.geonames_id,
            "lat": place.lat,
            "lon": place.lon,
            "feature_class": place.feature_class,
            "feature_code": place.feature_code,
            "admin1": place.admin1,
            "geo_method": place.method,
            "geo_confidence": place.confidence,
        }
    if country is not None:
        cols[country] = place.country if place is not None else None
    return cols


_PLACE_COLUMNS = (
    "geonames_id",
    "lat",
    "lon",
    "feature_class",
    "feature_code",
    "admin1",
    "geo_method",
    "geo_confidence",
)


def entity_row(entity: Entity, *, run_id: str) -> dict[str, Any]:
    row = _record(entity) | {"aliases": list(entity.aliases), "run_id": run_id}
    del row["place"]
    return row | place_columns(entity.place, country=None)


_TOLLS = ("fatalities", "injured", "captured", "missing")


def _toll(name: str, toll: Toll | None) -> dict[str, Any]:
    if toll is None:
        return {name: None, f"{name}_low": None, f"{name}_high": None, f"{name}_hedge": None}
    return {name: toll.value, f"{name}_low": toll.low, f"{name}_high": toll.high, f"{name}_hedge": toll.hedge}


def event_row(event: Event, index: int) -> dict[str, Any]:
    """An event's row without the keys the caller adds (article_id, revision, sentence, run_id)."""
    row = {k: v for k, v in _record(event).items() if k not in _TOLLS}
    row |= {"event_index": index, "platform_or_weapon": list(event.platform_or_weapon)}
    for name in _TOLLS:
        row |= _toll(name, getattr(event, name))
    return row


def normalized_rows(
    normalized: Normalized, *, article_id: str, revision: str, run_id: str
) -> dict[str, list[dict[str, Any]]]:
    """Rows of the per-article normalizer tables, keyed by table name, each with its sentence index."""
    keys = {"article_id": article_id, "revision": revision, "run_id": run_id}
    tables: dict[str, Sequence[Any]] = {
        "entity_mentions": normalized.mentions,
        "temporal_expressions": normalized.dates,
        "quantities": normalized.quantities,
    }
    rows = {
        table: [
            _record(record) | keys | {"sentence": sentence_index(normalized.sentences, record.start)}
            for record in records
        ]
        for table, records in tables.items()
    }
    for row in rows["entity_mentions"]:
        row.update(place_columns(row.pop("place")))
    rows["events"] = [
        event_row(event, i) | keys | {"sentence": sentence_index(normalized.sentences, event.start)}
        for i, event in enumerate(normalized.events)
    ]
    return rows
