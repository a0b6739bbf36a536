"""``sitrep normalize``: clean one or more files and shape the DESIGN's JSON document, writing nothing.

The entity, quantity and date lists stay empty until those normalizers exist.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from flows.acquire.load import FileRead, read_file
from flows.acquire.sources import document_kind
from flows.cli.choices import NormalizeFormat
from flows.run.rows import normalized_rows, place_columns
from flows.run.workers import CleanFailure, CleanJob, clean_job, quiet_library_logs
from schemas.entities import Entity
from transforms.entities.ner import DEFAULT_MODEL

__all__ = ["NormalizeError", "normalize_files", "render"]

_MAX_BYTES = 10_000_000


class NormalizeError(Exception):
    """A file could not be normalized; the message names it and says why."""


def _entity_fields(mention: dict[str, Any], entities: tuple[Entity, ...]) -> dict[str, Any]:
    """The canonical entity of a mention, flattened into the mention's JSON object."""
    for entity in entities:
        if entity.entity_id == mention["entity_id"]:
            return {
                "canonical_name": entity.canonical_name,
                "subtype": entity.subtype,
                "country": entity.country,
                "wikidata_id": entity.wikidata_id,
                "entity_place": _entity_place(entity),
            }
    return {"canonical_name": None, "subtype": None, "country": None, "wikidata_id": None, "entity_place": None}


def _entity_place(entity: Entity) -> dict[str, Any] | None:
    """The entity's canonical place columns (those of the ``entities`` table), or None."""
    return place_columns(entity.place, country=None) if entity.place is not None else None


def normalize_files(
    files: list[Path], *, published: dt.date | None, entity_model: str | None = DEFAULT_MODEL
) -> list[dict[str, Any]]:
    quiet_library_logs()
    documents = []
    for path in files:
        read = read_file(path, max_bytes=_MAX_BYTES)
        if not isinstance(read, FileRead):
            raise NormalizeError(f"{path}: {read.error_type}: {read.message}")
        max_date = published or read.modified_at.date()
        kind = document_kind(path) or "text"
        result = clean_job(CleanJob(read.data, kind, None, max_date, _MAX_BYTES, 1, published, entity_model))
        if isinstance(result, CleanFailure):
            raise NormalizeError(f"{path}: {result.error_type}: {result.message}")
        if result.normalize_failure is not None:
            raise NormalizeError(f"{path}: {result.normalize_failure.error_type}: {result.normalize_failure.message}")
        article = result.article
        rows = normalized_rows(result.normalized, article_id="", revision="", run_id="")
        documents.append(
            {
                "file": str(path),
                "article": {
                    "title": article.title,
                    "text": article.text,
                    "published": article.published.isoformat() if article.published else None,
                    "published_source": result.published_source,
                    "authors": list(article.authors),
                    "language": article.language,
                },
                "entities": [
                    _plain(row) | _entity_fields(row, result.normalized.entities) for row in rows["entity_mentions"]
                ],
                "quantities": [_plain(row) for row in rows["quantities"]],
                "dates": [_plain(row) for row in rows["temporal_expressions"]],
                "events": [_plain(row) for row in rows["events"]],
            }
        )
    return documents


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """A table row as JSON values, without the keys that only mean something in the lake."""
    return {
        k: v.isoformat() if isinstance(v, dt.date) else v
        for k, v in row.items()
        if k not in ("article_id", "revision", "run_id")
    }


def render(documents: list[dict[str, Any]], fmt: NormalizeFormat) -> str:
    if fmt == "jsonl":
        return "\n".join(json.dumps(d, ensure_ascii=False) for d in documents)
    if fmt == "json":
        payload: Any = documents[0] if len(documents) == 1 else documents
        return json.dumps(payload, ensure_ascii=False, indent=2)
    lines = []
    for d in documents:
        a = d["article"]
        lines += [
            f"== {d['file']}",
            f"title:     {a['title']}",
            f"published: {a['published']}",
            f"authors:   {', '.join(a['authors'])}",
            f"language:  {a['language']}",
            "",
            a["text"],
            "",
        ]
    return "\n".join(lines)
