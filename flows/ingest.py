"""The ``ingest`` flow: local sources into the raw zone, the Parquet tables and the DuckDB catalog.

The recipe: open a run, find the documents, read what the lake already holds, then per batch load
(raw zone), clean (process pool), decide (dedupe) and write (atomic Parquet), and finally refresh the
catalog and close the run. Within a batch the write order is rejects, articles, raw_documents: a
document counts as processed once its raw_documents row exists, so a run killed mid-batch is finished
by the next one without duplicate rows.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from pydantic import BaseModel

from flows.clean_pool import CleanFailure, CleanJob, clean_all, cleaning_pool
from flows.load import LoadedDocument, LoadFailure, load_document
from flows.progress import progress_bar
from flows.rows import article_row, canonical_key, raw_document_row, reject_row, run_row
from flows.sources import LocalDocument, discover, resolve_sources
from transforms.dedupe import DedupeIndex, article_key_id, content_hash, simhash64
from warehouse.catalog import refresh_catalog
from warehouse.lake import Lake, write_lock

__all__ = ["IngestOptions", "ingest", "new_run_id", "COUNT_KEYS"]

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
def read_lake_state(lake: Lake, near_duplicate_bits: int) -> tuple[DedupeIndex, set[str]]:
    """The dedupe index of every stored article and the set of raw ids already processed."""
    index = DedupeIndex(max_distance=near_duplicate_bits)
    articles = lake.read_table("articles", ["article_id", "revision", "simhash", "duplicate_of", "ingested_at"])
    articles = articles.sort_by([("ingested_at", "ascending")])
    for row in articles.to_pylist():
        index.add(row["article_id"], row["revision"], row["simhash"], row["duplicate_of"])
    processed = set(lake.read_table("raw_documents", ["raw_id"]).column("raw_id").to_pylist())
    return index, processed


@task(cache_policy=NO_CACHE, persist_result=False)
def ingest_batch(
    batch: Sequence[LocalDocument],
    *,
    part: int,
    lake: Lake,
    index: DedupeIndex,
    processed: set[str],
    pool: Executor | None,
    options: IngestOptions,
    run_id: str,
    ingest_date: dt.date,
) -> Counter[str]:
    """Load, clean, decide and write one batch; returns its counts. Mutates ``index``/``processed``."""
    counts: Counter[str] = Counter(documents=len(batch))
    rejects: list[dict[str, Any]] = []
    articles: list[dict[str, Any]] = []
    raw_rows: list[dict[str, Any]] = []
    fresh: list[LoadedDocument] = []
    now = _utcnow()
    for doc in batch:
        if doc.kind is None and not doc.explicit:
            counts["skipped"] += 1  # another file type inside a directory: counted, not read
            continue
        loaded = load_document(doc, lake, max_bytes=options.max_bytes)
        if isinstance(loaded, LoadFailure):
            counts["rejected"] += 1
            rejects.append(reject_row(loaded, stage="load", source_name=loaded.source_name,
                                      source_uri=loaded.source_uri, raw_id=loaded.raw_id, run_id=run_id, now=now))
        elif loaded.raw_id in processed:
            counts["unchanged"] += 1
        else:
            processed.add(loaded.raw_id)
            fresh.append(loaded)
    jobs = [
        CleanJob(d.data, d.kind, None, d.fetched_at.date(), options.max_bytes, options.min_words) for d in fresh
    ]
    for doc, result in zip(fresh, clean_all(pool, jobs)):
        canonical = None if isinstance(result, CleanFailure) else canonical_key(result.canonical_url)
        raw_rows.append(raw_document_row(doc, final_url=canonical, run_id=run_id))
        if isinstance(result, CleanFailure):
            counts["rejected"] += 1
            rejects.append(reject_row(result, stage="clean", source_name=doc.source_name,
                                      source_uri=doc.source_uri, raw_id=doc.raw_id, run_id=run_id, now=now))
            continue
        article_id = article_key_id(canonical or doc.source_uri)
        revision, simhash = content_hash(result.text), simhash64(result.text)
        decision = index.decide(article_id, revision, simhash)
        counts[decision.outcome] += 1
        if decision.outcome == "unchanged":
            continue
        index.add(article_id, revision, simhash, decision.duplicate_of)
        articles.append(article_row(doc, result, article_id=article_id, revision=revision, simhash=simhash,
                                    canonical_url=canonical, decision=decision, run_id=run_id, now=now))
    for table, rows in (("rejects", rejects), ("articles", articles), ("raw_documents", raw_rows)):
        lake.write_table(table, rows, run_id=run_id, ingest_date=ingest_date, part=part)
    return counts


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
    with write_lock(lake):
        lake.sweep_tmp()
        record_run(lake, run_row(run_id=run_id, flow="ingest", started_at=started, finished_at=None,
                                 status="running", counts={}, parameters=params), part=0)
        counts: Counter[str] = Counter({key: 0 for key in COUNT_KEYS})
        status = "failed"
        try:
            documents = list(discover(resolve_sources(sources)))
            index, processed = read_lake_state(lake, options.near_duplicate_bits)
            with cleaning_pool(options.workers) as pool, progress_bar(len(documents), options.progress) as advance:
                for part, batch in enumerate(_batched(documents, options.batch_size)):
                    counts.update(ingest_batch(batch, part=part, lake=lake, index=index, processed=processed,
                                               pool=pool, options=options, run_id=run_id, ingest_date=started.date()))
                    advance(len(batch))
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
