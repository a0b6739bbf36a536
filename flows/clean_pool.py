"""Running the CPU-bound cleaning on several processes, in batches.

Workers are started with ``spawn`` and import only ``transforms`` (no Prefect, no DuckDB), so they
start fast and share no locks with the parent. Each job returns a result value; nothing raises across
the process boundary.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

from schemas.records import CleanArticle
from transforms.errors import TransformError
from transforms.extract import clean_document

__all__ = ["CleanJob", "CleanFailure", "clean_job", "cleaning_pool", "clean_all"]


@dataclass(frozen=True, slots=True)
class CleanJob:
    data: bytes
    kind: Literal["html", "text"]
    url: str | None
    max_date: dt.date
    max_bytes: int
    min_words: int


@dataclass(frozen=True, slots=True)
class CleanFailure:
    error_type: str
    message: str


def clean_job(job: CleanJob) -> CleanArticle | CleanFailure:
    """Clean one document; a transform error or any unexpected exception becomes a CleanFailure."""
    try:
        return clean_document(
            job.data,
            kind=job.kind,
            url=job.url,
            max_date=job.max_date,
            max_bytes=job.max_bytes,
            min_words=job.min_words,
        )
    except TransformError as exc:
        return CleanFailure(type(exc).__name__, str(exc))
    except Exception as exc:  # a bug in a library must not end the run: it becomes a reject
        return CleanFailure(f"Unexpected{type(exc).__name__}", f"{type(exc).__name__}: {exc}")


@contextmanager
def cleaning_pool(workers: int) -> Iterator[Executor | None]:
    """A process pool of ``workers`` (0 = one per core); None when one process is asked for."""
    count = workers or os.cpu_count() or 1
    if count <= 1:
        yield None
        return
    with ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield pool


def clean_all(pool: Executor | None, jobs: Sequence[CleanJob]) -> list[CleanArticle | CleanFailure]:
    """Clean a batch, in order, on the pool (or in this process when there is none)."""
    if pool is None:
        return [clean_job(job) for job in jobs]
    chunk = max(1, len(jobs) // 16)
    return list(pool.map(clean_job, jobs, chunksize=chunk))
