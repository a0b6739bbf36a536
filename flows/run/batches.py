"""One batch of documents through ingest: loaded (files or web), cleaned, decided, turned into rows.

``load_batch`` reads local files and ``web_batch`` takes fetched web results; both give a
``LoadedBatch`` of fresh documents (bytes already in the raw zone), rejects and counts. After the
workers clean it, ``decide_batch`` deduplicates it against the index and builds the rows of every
table, in ``WRITE_ORDER``: ``raw_documents`` and then ``fetches`` come last, because their rows mark
the batch as done for the next run.

The run's state (the raw ids processed, the dedupe index, the entity ids known) is read here, never
changed: a batch gives what it adds (``LoadedBatch.raw_ids``, ``BatchAdditions``) and the flow adds it
to its own state before the next batch, so a task that is retried, or run on another machine, decides
the same.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE

from flows.acquire.load import LoadedDocument, LoadFailure, load_document
from flows.acquire.sources import LocalDocument
from flows.acquire.web_records import WebResult
from flows.run.options import IngestOptions
from flows.run.rows import article_row, entity_row, normalized_rows, raw_document_row, reject_row
from flows.run.workers import Cleaned, CleanFailure, CleanJob
from transforms.extract.decode import charset_of
from transforms.extract.dedupe import DedupeIndex, IndexEntry, article_key_id
from transforms.extract.urls import canonical_url
from warehouse.lake import Lake

__all__ = ["WRITE_ORDER", "LoadedBatch", "BatchAdditions", "load_batch", "web_batch", "clean_jobs", "decide_batch"]

WRITE_ORDER = (
    "rejects",
    "articles",
    "entity_mentions",
    "entities",
    "temporal_expressions",
    "quantities",
    "events",
    "raw_documents",
    "fetches",
)
_UNCHANGED = {"not_modified", "unchanged", "seen"}


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class LoadedBatch:
    """One batch after loading: documents to clean, load rejects, and counts so far."""

    part: int
    fresh: list[LoadedDocument]
    rejects: list[dict[str, Any]]
    counts: Counter[str]
    ingest_date: dt.date | None = None  # reprocess: the partition the batch's rows go back to
    fetches: list[dict[str, Any]] = field(default_factory=list)  # web: one row per request made

    @property
    def raw_ids(self) -> frozenset[str]:
        """The raw ids of the documents to clean: what loading the batch adds to the run's processed ids."""
        return frozenset(doc.raw_id for doc in self.fresh)


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchAdditions:
    """What deciding a batch adds to the run: its counts, the dedupe index entries of the articles it
    writes (in order) and the ids of the entities it gives a row; the flow adds them to its own state."""

    counts: Counter[str]
    index_entries: tuple[IndexEntry, ...] = ()
    entity_ids: tuple[str, ...] = ()


def _admit(
    loaded: LoadedBatch,
    result: LoadedDocument | LoadFailure,
    stage: str,
    processed: Set[str],
    admitted: set[str],
    run_id: str,
    now: dt.datetime,
) -> None:
    """Count a load result in ``loaded``; ``admitted``: the raw ids admitted earlier in the batch."""
    if isinstance(result, LoadFailure):
        loaded.counts["rejected"] += 1
        loaded.rejects.append(
            reject_row(
                result,
                stage=stage,
                source_name=result.source_name,
                source_uri=result.source_uri,
                raw_id=result.raw_id,
                run_id=run_id,
                now=now,
            )
        )
    elif result.raw_id in processed or result.raw_id in admitted:
        loaded.counts["unchanged"] += 1
    else:
        admitted.add(result.raw_id)
        loaded.fresh.append(result)


@task(cache_policy=NO_CACHE, persist_result=False)
def load_batch(
    batch: Sequence[LocalDocument], *, part: int, lake: Lake, processed: Set[str], options: IngestOptions, run_id: str
) -> LoadedBatch:
    """Read a batch into the raw zone; documents whose bytes were processed before (in ``processed``, or
    earlier in the batch) are not cleaned again. ``processed`` is not changed: the flow adds ``raw_ids``."""
    loaded, admitted = LoadedBatch(part, [], [], Counter(documents=len(batch))), set[str]()
    now = _utcnow()
    for doc in batch:
        if doc.kind is None and not doc.explicit:
            loaded.counts["skipped"] += 1  # another file type inside a directory: counted, not read
            continue
        _admit(loaded, load_document(doc, lake, max_bytes=options.max_bytes), "load", processed, admitted, run_id, now)
    return loaded


@task(cache_policy=NO_CACHE, persist_result=False)
def web_batch(results: Sequence[WebResult], *, part: int, processed: Set[str], run_id: str) -> LoadedBatch:
    """Take a batch of fetch results (bodies already in the raw zone): documents, fetch rejects, counts.
    ``processed`` is not changed: the flow adds the batch's ``raw_ids``."""
    loaded, admitted = LoadedBatch(part, [], [], Counter()), set[str]()
    now = _utcnow()
    for result in results:
        if result.fetch_row is not None:
            loaded.fetches.append(result.fetch_row)
        if result.outcome == "listed":
            continue  # a feed, sitemap or index page: it lists articles, it is not one
        loaded.counts["documents"] += 1
        if result.document is not None:
            _admit(loaded, result.document, result.stage, processed, admitted, run_id, now)
        elif result.outcome in _UNCHANGED:
            loaded.counts["unchanged"] += 1
        else:  # skipped_robots
            loaded.counts["skipped"] += 1
    return loaded


def clean_jobs(loaded: LoadedBatch, options: IngestOptions) -> list[CleanJob]:
    """The cleaning work of a batch; trafilatura's dates are bounded by each document's own fetch time."""
    return [
        CleanJob(
            d.data,
            d.kind,
            d.final_url,
            d.fetched_at.date(),
            options.max_bytes,
            options.min_words,
            entity_model=options.entity_model,
            declared_charset=charset_of(d.content_type),
        )
        for d in loaded.fresh
    ]


def decide_batch(
    loaded: LoadedBatch,
    cleaned: Sequence[Cleaned | CleanFailure],
    *,
    index: DedupeIndex,
    known_entities: Set[str],
    run_id: str,
    first_ingested: Mapping[str, dt.datetime] | None = None,
) -> tuple[dict[str, list[dict[str, Any]]], BatchAdditions]:
    """Decide each cleaned document against the index; the rows to write, by table, and what the batch adds.

    Changes none of its arguments: a document is decided against the index and the documents before it
    in the batch (on a ``layer`` of the index), and an entity gets its row once, when first seen (not in
    ``known_entities``, nor earlier in the batch). The counts are ``loaded.counts`` plus the decisions.
    An article's ``ingested_at`` is now, or, for a raw id in ``first_ingested`` (a reprocess), the time
    its article was first written.
    """
    counts = Counter(loaded.counts)
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in WRITE_ORDER}
    tables["rejects"], tables["fetches"] = list(loaded.rejects), list(loaded.fetches)
    batch_index, entries, entity_ids = index.layer(), list[IndexEntry](), dict[str, None]()  # dict: ordered set
    now = _utcnow()
    for doc, result in zip(loaded.fresh, cleaned):
        canonical = None if isinstance(result, CleanFailure) else canonical_url(result.article.canonical_url)
        tables["raw_documents"].append(raw_document_row(doc, final_url=canonical, run_id=run_id))
        if isinstance(result, CleanFailure):
            counts["rejected"] += 1
            tables["rejects"].append(
                reject_row(
                    result,
                    stage="clean",
                    source_name=doc.source_name,
                    source_uri=doc.source_uri,
                    raw_id=doc.raw_id,
                    run_id=run_id,
                    now=now,
                )
            )
            continue
        key = canonical or canonical_url(doc.final_url) or doc.source_uri
        article_id = article_key_id(key)
        decision = batch_index.decide(article_id, result.revision, result.simhash)
        counts[decision.outcome] += 1
        if decision.outcome == "unchanged":
            continue
        entry = IndexEntry(article_id, result.revision, result.simhash, decision.duplicate_of)
        batch_index.extend([entry])
        entries.append(entry)
        tables["articles"].append(
            article_row(
                doc,
                result.article,
                published_source=result.published_source,
                article_id=article_id,
                revision=result.revision,
                simhash=result.simhash,
                canonical_url=canonical,
                decision=decision,
                run_id=run_id,
                now=(first_ingested or {}).get(doc.raw_id, now),
                charset=result.charset,
            )
        )
        for table, rows in normalized_rows(
            result.normalized, article_id=article_id, revision=result.revision, run_id=run_id
        ).items():
            tables[table].extend(rows)
        for entity in result.normalized.entities:
            if entity.entity_id not in known_entities and entity.entity_id not in entity_ids:
                entity_ids[entity.entity_id] = None
                tables["entities"].append(entity_row(entity, run_id=run_id))
        if result.normalize_failure is not None:
            tables["rejects"].append(
                reject_row(
                    result.normalize_failure,
                    stage="normalize",
                    source_name=doc.source_name,
                    source_uri=doc.source_uri,
                    raw_id=doc.raw_id,
                    run_id=run_id,
                    now=now,
                )
            )
    return tables, BatchAdditions(counts=counts, index_entries=tuple(entries), entity_ids=tuple(entity_ids))
