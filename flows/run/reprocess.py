"""The ``reprocess`` flow: rebuild every derived table from the raw zone, without fetching anything.

When a cleaner or normalizer improves, the stored bytes are cleaned and normalized again in their
original order (so "first seen" stays first), written beside the live tables, and swapped in whole
(``warehouse.generations``). ``raw_documents``, ``fetches`` and ``runs`` are kept; new failures are
appended to ``rejects``. Rows keep the ingest-date partition of the raw document they came from.
Article ids depend only on the article's key and entity ids only on the canonical entity, so ids of
unchanged articles and entities stay the same.

With ``options.reprocess_cache`` (the default) each batch is cleaned by a cached Prefect task
(``flows.run.reprocess_cache``): a batch whose raw documents, options and code are those of an earlier
run is read from ``<data root>/prefect-results`` instead of being cleaned again.
"""

# No ``from __future__ import annotations``: Prefect validates a served run's parameters against
# the flow's annotations in a subprocess that receives the flow by value, where string annotations
# cannot be resolved.

import datetime as dt
import posixpath
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from itertools import groupby, islice
from pathlib import Path
from typing import Any, Literal

from prefect import flow

from flows.acquire.load import LoadedDocument, LoadFailure
from flows.run.artifacts import publish_summary, run_name
from flows.run.batches import WRITE_ORDER, LoadedBatch, clean_jobs, decide_batch
from flows.run.ingest import COUNT_KEYS, new_run_id, record_run, update_search_index
from flows.run.options import IngestOptions
from flows.run.reprocess_cache import CleanCache, cached_clean_batches, prune
from flows.run.rows import reject_row
from flows.run.workers import Pool, clean_batches, cleaning_pool
from transforms.errors import TransformError
from transforms.extract.compression import gunzip_capped
from transforms.extract.dedupe import DedupeIndex
from warehouse.catalog import refresh_catalog
from warehouse.generations import begin_rebuild, commit_rebuild, recover_rebuild
from warehouse.lake import Lake, write_lock
from warehouse.migrations import migrate_lake

__all__ = ["reprocess", "DERIVED_TABLES"]

DERIVED_TABLES = tuple(t for t in WRITE_ORDER if t not in ("rejects", "raw_documents", "fetches"))


def _raw_rows(lake: Lake) -> Iterator[tuple[dt.date, dict[str, Any]]]:
    """Each stored raw document once, in ingest order, with its ingest-date partition."""
    seen: set[str] = set()
    for path in lake.table_files("raw_documents"):
        day = dt.date.fromisoformat(posixpath.basename(posixpath.dirname(path)).split("=", 1)[1])
        for row in lake.read_file(path).to_pylist():
            if row["raw_id"] not in seen:
                seen.add(row["raw_id"])
                yield day, row


def _load_raw(row: dict[str, Any], lake: Lake, max_bytes: int) -> LoadedDocument | LoadFailure:
    try:
        stored = lake.get_raw(row["raw_id"])
        data = gunzip_capped(stored, max_bytes) if row.get("content_encoding") == "gzip" else stored
    except OSError as exc:
        return LoadFailure(row["source_name"] or "", row["source_uri"], "MissingRaw", str(exc), row["raw_id"])
    except TransformError as exc:
        return LoadFailure(row["source_name"] or "", row["source_uri"], type(exc).__name__, str(exc), row["raw_id"])
    kind: Literal["html", "text"] = "html" if "html" in (row.get("content_type") or "text/html") else "text"
    return LoadedDocument(
        row["source_name"] or "",
        row["source_uri"],
        kind,
        row["raw_id"],
        data,
        len(stored),
        row.get("content_encoding"),
        row["fetched_at"],
        row.get("http_status"),
        row.get("final_url"),
        row.get("content_type"),
    )


def _first_ingested(lake: Lake) -> dict[str, dt.datetime]:
    """When each raw document's article was first written, so that a rebuilt article keeps it: the
    days of undated articles and the order of an article's revisions do not move to the reprocess."""
    first = (
        lake.read_table("articles", ["raw_id", "ingested_at"]).group_by("raw_id").aggregate([("ingested_at", "min")])
    )
    return dict(zip(first.column("raw_id").to_pylist(), first.column("ingested_at_min").to_pylist()))


def _batches(lake: Lake, options: IngestOptions, run_id: str) -> Iterator[LoadedBatch]:
    part = 0
    for day, group in groupby(_raw_rows(lake), key=lambda item: item[0]):
        rows = (row for _, row in group)
        while chunk := list(islice(rows, options.batch_size)):
            batch = LoadedBatch(part, [], [], Counter(documents=len(chunk)), ingest_date=day)
            for row in chunk:
                loaded = _load_raw(row, lake, options.max_bytes)
                if isinstance(loaded, LoadFailure):
                    batch.counts["rejected"] += 1
                    batch.rejects.append(
                        reject_row(
                            loaded,
                            stage="reprocess",
                            source_name=loaded.source_name,
                            source_uri=loaded.source_uri,
                            raw_id=loaded.raw_id,
                            run_id=run_id,
                            now=dt.datetime.now(dt.UTC),
                        )
                    )
                else:
                    batch.fresh.append(loaded)
            yield batch
            part += 1


@flow(name="reprocess", log_prints=False, flow_run_name=run_name)
def reprocess(options: IngestOptions) -> dict[str, Any]:
    """Rebuild articles and the normalizer tables from the raw zone; returns the run's id, counts, timing."""
    lake = Lake(Path(options.lake), options.storage)
    started, begun = dt.datetime.now(dt.UTC), time.monotonic()
    run_id = new_run_id(started)
    params = options.model_dump(exclude={"progress"})
    counts: Counter[str] = Counter({key: 0 for key in COUNT_KEYS})
    status, index_error = "failed", None
    with write_lock(lake), ExitStack() as stack:

        def open_pool() -> Pool | None:
            return stack.enter_context(
                cleaning_pool(
                    options.workers, options.entity_model, runner=options.runner, dask_address=options.dask_address
                )
            )

        # without the cache the workers start now, overlapping the set-up below; with it, at the first
        # batch that is not in the cache (a run that finds every batch there starts none)
        pool = None if options.reprocess_cache else open_pool()
        recover_rebuild(lake)
        lake.sweep_tmp()
        migrate_lake(lake)  # files written under an older schema version whose meaning changed
        record_run(lake, run_id=run_id, flow="reprocess", started=started, parameters=params)
        try:
            first_ingested = _first_ingested(lake)
            staged = begin_rebuild(lake)
            index, known_entities = DedupeIndex(max_distance=options.near_duplicate_bits), set[str]()
            work = ((batch, clean_jobs(batch, options)) for batch in _batches(lake, options, run_id))
            cache = CleanCache.open(Path(options.lake), options.entity_model) if options.reprocess_cache else None
            cleaned = clean_batches(pool, work) if cache is None else cached_clean_batches(open_pool, work, cache)
            for loaded, results in cleaned:
                options.past_timeout(begun)  # nothing is staged past the deadline
                tables, added = decide_batch(
                    loaded,
                    results,
                    index=index,
                    known_entities=known_entities,
                    run_id=run_id,
                    first_ingested=first_ingested,
                )
                day = loaded.ingest_date or started.date()
                for table in DERIVED_TABLES:
                    staged.write_table(table, tables[table], run_id=run_id, ingest_date=day, part=loaded.part)
                lake.write_table(
                    "rejects", tables["rejects"], run_id=run_id, ingest_date=started.date(), part=loaded.part
                )
                counts.update(added.counts)
                index.extend(added.index_entries)  # what the next batch is decided against
                known_entities.update(added.entity_ids)
            if cache is not None:
                counts["cached"] = cache.cached
            commit_rebuild(lake, DERIVED_TABLES)
            status = "completed"
            if cache is not None:
                prune(cache)  # keep what this run used: one lake's worth
        finally:
            finished = dt.datetime.now(dt.UTC)
            record_run(
                lake,
                run_id=run_id,
                flow="reprocess",
                started=started,
                parameters=params,
                finished=finished,
                status=status,
                counts=dict(counts),
            )
            refresh_catalog(lake)
            index_error = update_search_index(lake) if status == "completed" else None
    result = {
        "run_id": run_id,
        "status": status,
        "counts": dict(counts),
        "search_index_error": index_error,
        "seconds": (finished - started).total_seconds(),
        "lake": str(lake.root),
    }
    publish_summary("reprocess", result)
    return result
