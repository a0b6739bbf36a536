"""Running the CPU-bound work (cleaning, hashing, normalizing) on several processes, in batches.

Local workers are forked from a warmed-up forkserver (``flows.run.forkserver``; ``spawn`` where there is
none), so they start in a moment and share no locks or threads with the parent. They run ``transforms``
code only (no Prefect, no DuckDB). Each job returns a result value; nothing raises across the process
boundary.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

from flows.run.forkserver import worker_context, worker_count
from schemas.records import CleanArticle
from transforms.dates.published import resolve_published
from transforms.errors import TransformError
from transforms.extract.clean import clean_document
from transforms.extract.decode import Charset, decode_document
from transforms.extract.dedupe import content_hash, simhash64
from transforms.pipeline import EMPTY, Normalized, normalize_text

if TYPE_CHECKING:
    from transforms.entities.mentions import EntityExtractor

T = TypeVar("T")
S = TypeVar("S")
R = TypeVar("R")
Runner = Literal["local", "dask"]

__all__ = [
    "CleanJob",
    "CleanFailure",
    "Cleaned",
    "Pool",
    "Runner",
    "clean_job",
    "clean_chunk",
    "cleaning_pool",
    "clean_all",
    "clean_batches",
    "in_order",
    "quiet_library_logs",
    "warm_up_worker",
]


@dataclass(frozen=True, slots=True)
class CleanJob:
    data: bytes
    kind: Literal["html", "text"]
    url: str | None
    max_date: dt.date
    max_bytes: int
    min_words: int
    published: dt.date | None = None  # a publication date given by the user overrides the page's
    entity_model: str | None = None  # spaCy model for entities; None: no entity stage
    declared_charset: str | None = None  # from the HTTP Content-Type header, for web documents


@dataclass(frozen=True, slots=True)
class CleanFailure:
    error_type: str
    message: str


@dataclass(frozen=True, slots=True)
class Cleaned:
    """A cleaned and normalized article with its content hash (the revision id) and simhash.

    All of it is computed in the worker, so the parent process only decides and writes.
    """

    article: CleanArticle  # with the resolved publication date
    revision: str
    simhash: int
    published_source: str | None
    normalized: Normalized
    normalize_failure: CleanFailure | None = None
    charset: Charset | None = None  # how the bytes were decoded, and whether the charset was guessed


def clean_job(job: CleanJob) -> Cleaned | CleanFailure:
    """Clean one document; a transform error or any unexpected exception becomes a CleanFailure."""
    try:
        article = clean_document(
            job.data,
            kind=job.kind,
            url=job.url,
            max_date=job.max_date,
            max_bytes=job.max_bytes,
            min_words=job.min_words,
            declared_charset=job.declared_charset,
        )
        published: dt.date | None
        source: str | None
        if job.published is not None:
            published, source = job.published, "given"
        else:
            published, source = resolve_published(article, url=job.url or article.canonical_url, max_date=job.max_date)
        article = replace(article, published=published)
        # the decoding clean_document did, told again (a strict decode; a guess is remembered by
        # transforms.extract.charset)
        charset = decode_document(job.data, kind=job.kind, declared=job.declared_charset)[1]
    except TransformError as exc:
        return CleanFailure(type(exc).__name__, str(exc))
    except Exception as exc:  # a bug in a library must not end the run: it becomes a reject
        return CleanFailure(f"Unexpected{type(exc).__name__}", f"{type(exc).__name__}: {exc}")
    try:
        extractor = _extractor(job.entity_model) if job.entity_model else None
        normalized, problem = (
            normalize_text(article.text, published=published, extractor=extractor, language=article.language),
            None,
        )
    except Exception as exc:  # the article is kept; the failed normalization becomes a reject row
        normalized, problem = EMPTY, CleanFailure(f"Unexpected{type(exc).__name__}", f"{type(exc).__name__}: {exc}")
    return Cleaned(article, content_hash(article.text), simhash64(article.text), source, normalized, problem, charset)


@lru_cache(maxsize=2)
def _extractor(model: str) -> EntityExtractor:
    """One entity extractor per model per process (loading a model takes a second or two), and the
    geocoder's index from its cache file (``flows.run.geo_cache``: a tenth of a second; built once when
    missing). In the forkserver both load once, before the workers are forked.

    Imported here, so that a worker with the entity stage off never imports spaCy (0.4 s a process)."""
    from flows.run.geo_cache import load_geo_index
    from transforms.entities.mentions import EntityExtractor

    load_geo_index()
    return EntityExtractor(model)


def quiet_library_logs() -> None:
    """Extraction libraries log every unparseable page at ERROR; the reject row already says it."""
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


_WARM_UP = CleanJob(
    b"Warm-up\n\n" + b"Soldiers trained with allied units near the border this week. " * 6,
    "text",
    None,
    dt.date(2000, 1, 1),
    10_000,
    1,
)


def warm_up_worker(entity_model: str | None) -> None:
    """Worker initializer: quiet logs, and process one small text so lazy models (language id, spaCy) load now."""
    quiet_library_logs()
    clean_job(replace(_WARM_UP, entity_model=entity_model))


def _start_worker(entity_model: str | None) -> None:
    """A local worker's initializer: exit with the parent, then warm up."""
    _exit_with_parent()
    warm_up_worker(entity_model)


def _exit_with_parent() -> None:
    """End this worker as soon as the process that started it ends.

    A parent that is killed, or stopped by a flow timeout while its pool was still starting, never
    tells its workers to stop. Without this they would wait on their job queue for ever, keep their
    forkserver alive, and hold the parent's stdout and stderr open, so that whoever waits for the
    command's output waits for ever too.
    """
    parent = multiprocessing.parent_process()  # for a forked worker: the pool's process, not the forkserver
    if parent is None:
        return

    def watch() -> None:
        parent.join()  # returns when the parent's end of the pipe closes, that is when the parent ends
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _ready() -> bool:
    return True


class Pool(Protocol):
    """What ``clean_batches`` needs of a pool: ``submit(clean_chunk, jobs)`` giving something with
    ``result()``. A local ``ProcessPoolExecutor`` is one; so is ``flows.run.cluster.DaskPool``, which also
    says how many jobs go in one submission (``chunk``) and how many batches to keep in flight."""

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Any: ...


def clean_chunk(jobs: Sequence[CleanJob]) -> list[Cleaned | CleanFailure]:
    """Clean several documents, in order (one submission to a pool)."""
    return [clean_job(job) for job in jobs]


@contextmanager
def cleaning_pool(
    workers: int, entity_model: str | None = None, *, runner: Runner = "local", dask_address: str | None = None
) -> Iterator[Pool | None]:
    """A process pool of ``workers`` (0 = one per core); None when one process is asked for.

    The workers are started at once (the first pool of a process waits two to three seconds for its
    forkserver to warm up, unless ``flows.run.forkserver.start_early`` started it; later ones fork in a
    moment), so that start-up overlaps with the caller's own work before the first batch. With
    ``runner="dask"`` the pool is prefect-dask's task runner on a Dask cluster (``flows.run.cluster``):
    the scheduler at ``dask_address``, or a local cluster of ``workers`` processes.
    """
    quiet_library_logs()
    if runner == "dask":
        from flows.run.cluster import dask_pool

        with dask_pool(dask_address, worker_count(workers), entity_model) as dask:
            yield dask
        return
    count = worker_count(workers)
    if count <= 1:
        yield None
        return
    pool = ProcessPoolExecutor(
        max_workers=count, mp_context=worker_context(entity_model), initializer=_start_worker, initargs=(entity_model,)
    )
    try:
        for _ in range(count):
            pool.submit(_ready)
        yield pool
    finally:
        # Workers take most of a second to exit (tearing down their interpreters); they do it in the
        # background while the caller goes on (catalog refresh, checks) instead of holding it up.
        pool.shutdown(wait=False, cancel_futures=True)


def clean_all(pool: Pool | None, jobs: Sequence[CleanJob]) -> list[Cleaned | CleanFailure]:
    """Clean a batch, in order, on the pool (or in this process when there is none)."""
    return next(clean_batches(pool, [(None, jobs)]))[1]


def clean_batches(
    pool: Pool | None, batches: Iterable[tuple[T, Sequence[CleanJob]]], *, ahead: int | None = None
) -> Iterator[tuple[T, list[Cleaned | CleanFailure]]]:
    """Clean batches in order, keeping ``ahead`` batches in flight on the pool (the pool's own
    ``ahead``, else 1).

    ``batches`` is consumed lazily, so the next batch is loaded (by the caller's generator) while
    the workers clean the previous one; at most ``ahead + 1`` batches are held in memory. Jobs go
    to the pool ``chunk`` at a time (the pool's own ``chunk``, else one by one).
    """
    if pool is None:
        for tag, jobs in batches:
            yield tag, clean_chunk(jobs)
        return
    size = max(1, int(getattr(pool, "chunk", 1)))
    window = ahead if ahead is not None else max(1, int(getattr(pool, "ahead", 1)))
    submitted = (
        (tag, len(jobs), [pool.submit(clean_chunk, jobs[i : i + size]) for i in range(0, len(jobs), size)])
        for tag, jobs in batches
    )
    yield from in_order(submitted, lambda: window, lambda item: _collect(*item))


def in_order(submitted: Iterable[S], ahead: Callable[[], int], collect: Callable[[S], R]) -> Iterator[R]:
    """``collect`` every item of ``submitted`` in order, with ``ahead()`` more items taken first.

    ``submitted`` is read lazily and taking an item is what starts its work, so the next items
    start while an earlier one is collected; at most ``ahead() + 1`` are held at once. ``ahead``
    is asked after each item, so a pool opened on the way can widen the window.
    """
    pending: deque[S] = deque()
    for item in submitted:
        pending.append(item)
        while len(pending) > ahead():
            yield collect(pending.popleft())
    while pending:
        yield collect(pending.popleft())


def _collect(tag: T, expected: int, futures: list[Any]) -> tuple[T, list[Cleaned | CleanFailure]]:
    results = [r for f in futures for r in f.result()]
    if len(results) != expected:  # never pair documents with the wrong results, nor drop any
        raise RuntimeError(f"the pool returned {len(results)} results for {expected} documents")
    return tag, results
