"""The ``ingest`` flow: local and web sources into the raw zone, the Parquet tables and the DuckDB catalog.

The recipe: open a run, resolve the sources, read what the lake already holds, then per batch load
(local files, or fetched web pages; bytes into the raw zone first), clean and normalize (process
pool; the next batch loads while the workers clean this one), decide (dedupe) and write (atomic
Parquet, ``raw_documents`` and ``fetches`` last so that a run killed mid-batch is finished by the
next one without duplicate rows), and finally refresh the catalog and close the run.

The flow owns the run's state (the raw ids processed, the dedupe index, the entity ids known): its
tasks read it and return what they add, and the flow adds that before the next batch is loaded or
decided, so every batch sees all earlier ones and a retried task sees none of its own first attempt.
"""

# No ``from __future__ import annotations``: Prefect validates a served run's parameters against
# the flow's annotations in a subprocess that receives the flow by value, where string annotations
# cannot be resolved.

import datetime as dt
import secrets
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence, Set
from itertools import chain, count, islice
from pathlib import Path
from typing import Any, TypeVar

import duckdb
from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from flows.acquire.seen import read_seen
from flows.acquire.sources import LocalDocument, Source, discover, is_web, resolve_sources
from flows.acquire.web import fetch_web
from flows.run.artifacts import publish_summary, run_name
from flows.run.batches import (
    WRITE_ORDER,
    BatchAdditions,
    LoadedBatch,
    clean_jobs,
    decide_batch,
    load_batch,
    web_batch,
)
from flows.run.options import IngestOptions
from flows.run.progress import progress_bar
from flows.run.reasons import one_line
from flows.run.rows import run_row
from flows.run.task_args import opaque
from flows.run.workers import Cleaned, CleanFailure, clean_batches, cleaning_pool
from transforms.extract.dedupe import DedupeIndex
from warehouse.catalog import connect, refresh_catalog
from warehouse.checks import failed, run_checks
from warehouse.generations import recover_rebuild
from warehouse.lake import Lake, write_lock
from warehouse.search_index import index_folder, update_index

__all__ = ["IngestOptions", "ingest", "new_run_id", "record_run", "COUNT_KEYS"]

COUNT_KEYS = ("documents", "new", "revised", "unchanged", "duplicate", "rejected", "skipped")
T = TypeVar("T")


def new_run_id(now: dt.datetime) -> str:
    """Sortable and unique: UTC time plus random hex."""
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def _batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@task(cache_policy=NO_CACHE, persist_result=False)
def read_lake_state(lake: Lake, near_duplicate_bits: int) -> tuple[DedupeIndex, set[str], set[str]]:
    """The dedupe index of every stored article, the raw ids already processed, the entity ids stored."""
    index = DedupeIndex(max_distance=near_duplicate_bits)
    articles = lake.read_table("articles", ["article_id", "revision", "simhash", "duplicate_of", "ingested_at"])
    for row in articles.sort_by([("ingested_at", "ascending")]).to_pylist():
        index.add(row["article_id"], row["revision"], row["simhash"], row["duplicate_of"])
    processed = set(lake.read_table("raw_documents", ["raw_id"]).column("raw_id").to_pylist())
    entities = set(lake.read_table("entities", ["entity_id"]).column("entity_id").to_pylist())
    return index, processed, entities


def _marking_processed(batches: Iterator[LoadedBatch], processed: set[str]) -> Iterator[LoadedBatch]:
    """``batches``, each one's raw ids added to ``processed`` before the next one is loaded."""
    for loaded in batches:
        processed.update(loaded.raw_ids)
        yield loaded


def loaded_batches(
    sources: list[Source],
    documents: list[LocalDocument],
    *,
    lake: Lake,
    processed: set[str],
    options: IngestOptions,
    run_id: str,
) -> Iterator[LoadedBatch]:
    """The local ``documents`` first, then the web sources, in batches numbered in order; loaded lazily,
    each batch's raw ids added to ``processed`` (the flow's own set) before the next batch is loaded."""
    parts = count()
    local = (
        load_batch(
            opaque(batch), part=next(parts), lake=lake, processed=opaque(processed), options=options, run_id=run_id
        )
        for batch in _batched(documents, options.batch_size)
    )
    web_sources = [s for s in sources if is_web(s)]
    if not web_sources:
        return _marking_processed(local, processed)
    results = fetch_web(web_sources, lake, read_seen(lake), options.fetch_policy, run_id=run_id)
    web = (
        web_batch(opaque(batch), part=next(parts), processed=opaque(processed), run_id=run_id)
        for batch in _batched(results, options.batch_size)
    )
    return _marking_processed(chain(local, web), processed)


@task(cache_policy=NO_CACHE, persist_result=False)
def store_batch(
    loaded: LoadedBatch,
    cleaned: Sequence[Cleaned | CleanFailure],
    *,
    lake: Lake,
    index: DedupeIndex,
    known_entities: Set[str],
    run_id: str,
    ingest_date: dt.date,
) -> BatchAdditions:
    """Decide a cleaned batch and write it, table by table in ``WRITE_ORDER``; the batch's counts, index
    entries and new entity ids, which the flow adds to ``index`` and ``known_entities`` (left unchanged here)."""
    tables, added = decide_batch(loaded, cleaned, index=index, known_entities=known_entities, run_id=run_id)
    for table in WRITE_ORDER:
        lake.write_table(table, tables[table], run_id=run_id, ingest_date=ingest_date, part=loaded.part)
    return added


@task(cache_policy=NO_CACHE, persist_result=False)
def record_run(
    lake: Lake,
    *,
    run_id: str,
    flow: str,
    started: dt.datetime,
    parameters: dict[str, Any],
    finished: dt.datetime | None = None,
    status: str = "running",
    counts: dict[str, Any] | None = None,
) -> None:
    """Write the run's row: "running" when it starts (part 0), its outcome when it ends (part 1)."""
    row = run_row(
        run_id=run_id,
        flow=flow,
        started_at=started,
        finished_at=finished,
        status=status,
        counts=counts or {},
        parameters=parameters,
    )
    lake.write_table("runs", [row], run_id=run_id, ingest_date=started.date(), part=0 if finished is None else 1)


@task(cache_policy=NO_CACHE, persist_result=False)
def refresh_catalog_task(lake: Lake) -> Path:
    return refresh_catalog(lake)


@task(cache_policy=NO_CACHE, persist_result=False)
def update_search_index(lake: Lake) -> str | None:
    """Bring the search index in step with the refreshed catalog; None, or why it could not be (the run's
    data is stored all the same, and ``sitrep index`` redoes it)."""
    try:
        with connect(lake) as con:
            update_index(con, index_folder(lake.root))
    except (OSError, ValueError, duckdb.Error) as exc:  # tantivy reports its own failures as ValueError
        return one_line(exc)
    return None


@task(cache_policy=NO_CACHE, persist_result=False)
def failed_checks(lake: Lake) -> list[str]:
    """Run the data checks of ``warehouse/sql/checks`` on the refreshed catalog; the names that failed."""
    with connect(lake) as con:
        return [result.name for result in failed(run_checks(con))]


@flow(name="ingest", log_prints=False, flow_run_name=run_name)
def ingest(sources: list[str], options: IngestOptions) -> dict[str, Any]:
    """Ingest files, directories, URLs, feeds, sitemaps, pages, WARC files and sources TOML files."""
    lake = Lake(Path(options.lake), options.storage)
    started, begun = _utcnow(), time.monotonic()
    run_id = new_run_id(started)
    params = {"sources": sources, **options.model_dump(exclude={"progress", "fetch_policy"})}
    counts: Counter[str] = Counter({key: 0 for key in COUNT_KEYS})
    status, broken, index_error = "failed", list[str](), None
    with (
        write_lock(lake),
        cleaning_pool(
            options.workers, options.entity_model, runner=options.runner, dask_address=options.dask_address
        ) as pool,
    ):
        recover_rebuild(lake)  # a reprocess killed mid-swap is finished (or discarded) first
        lake.sweep_tmp()
        record_run(lake, run_id=run_id, flow="ingest", started=started, parameters=params)
        try:
            resolved = resolve_sources(sources)
            index, processed, known_entities = read_lake_state(lake, options.near_duplicate_bits)
            documents = list(discover(resolved))  # local files, walked once
            batches = loaded_batches(
                resolved, documents, lake=lake, processed=processed, options=options, run_id=run_id
            )
            total = None if any(is_web(s) for s in resolved) else len(documents)
            with progress_bar(total, options.progress) as advance:
                for loaded, cleaned in clean_batches(pool, ((b, clean_jobs(b, options)) for b in batches)):
                    options.past_timeout(begun)  # nothing is stored past the deadline
                    added = store_batch(
                        opaque(loaded),
                        opaque(cleaned),
                        lake=lake,
                        index=opaque(index),
                        known_entities=opaque(known_entities),
                        run_id=run_id,
                        ingest_date=started.date(),
                    )
                    counts.update(added.counts)
                    index.extend(added.index_entries)  # what the next batch is decided against
                    known_entities.update(added.entity_ids)
                    advance(loaded.counts["documents"])
            refresh_catalog_task(lake)
            index_error = update_search_index(lake)
            broken = failed_checks(lake)
            status = "completed" if counts["documents"] > counts["rejected"] + counts["skipped"] else "empty"
            status = "failed_checks" if broken else status
        finally:
            finished = _utcnow()
            record_run(
                lake,
                run_id=run_id,
                flow="ingest",
                started=started,
                parameters=params,
                finished=finished,
                status=status,
                counts={**counts, "failed_checks": broken},
            )
            if status == "failed":
                refresh_catalog(lake)
    result = {
        "run_id": run_id,
        "status": status,
        "counts": dict(counts),
        "failed_checks": broken,
        "search_index_error": index_error,
        "seconds": (finished - started).total_seconds(),
        "lake": str(lake.root),
    }
    publish_summary("ingest", result)
    return result
