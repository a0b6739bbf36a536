"""Cleaning on a Dask cluster through prefect-dask's ``DaskTaskRunner``.

With ``runner = "dask"`` the flow's CPU-bound stage (``flows.run.workers.clean_job``: trafilatura,
dates, quantities, spaCy entities) runs as Prefect task runs (``clean``, one per chunk of jobs) that
``DaskTaskRunner`` places on Dask workers: the scheduler at ``address``, or a local cluster of
``workers`` processes on 127.0.0.1. Each task run reports to the flow's own Prefect API, whose URL
travels with the task (Prefect's serialized settings context), so workers never start a Prefect
server of their own; that is why a Dask run needs a real API (``PREFECT_API_URL``, ``sitrep
server``, or the one the CLI starts for the run), reachable from the workers.

The flow process keeps everything that touches the lake (raw zone, dedupe, Parquet writes).
Remote workers need sitrep installed (the same version as the flow): jobs and results travel as
pickles of ``flows.run.workers`` and ``schemas`` classes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin
from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect_dask import DaskTaskRunner

from flows.run.workers import Cleaned, CleanFailure, CleanJob, clean_chunk, warm_up_worker

__all__ = ["dask_pool", "DaskPool", "WarmWorker", "clean_on_worker"]

CHUNK = 8
"""Jobs per Prefect task run on the cluster: enough to make a task run's own cost (a few ms) small
beside the cleaning (tens of ms a document), few enough to spread a batch over the workers."""


class WarmWorker(WorkerPlugin):
    """A Dask worker plugin: quiet the extraction libraries' logs and load the models once per worker.

    Registered on the cluster, so workers that join later are prepared the same way.
    """

    name = "sitrep-warm-worker"

    def __init__(self, entity_model: str | None) -> None:
        self.entity_model = entity_model

    def setup(self, worker: Any) -> None:
        warm_up_worker(self.entity_model)


@task(name="clean", cache_policy=NO_CACHE, persist_result=False)
def clean_on_worker(jobs: Sequence[CleanJob]) -> list[Cleaned | CleanFailure]:
    """Clean a chunk of documents on a Dask worker (one Prefect task run)."""
    return clean_chunk(jobs)


class DaskPool:
    """The pool face ``flows.run.workers.clean_batches`` uses, over a started ``DaskTaskRunner``."""

    chunk = CHUNK
    ahead = 2

    def __init__(self, runner: DaskTaskRunner) -> None:
        self.runner = runner

    def submit(self, fn: Callable[..., Any], jobs: Sequence[CleanJob]) -> Any:
        if fn is not clean_chunk:
            raise ValueError("the Dask pool runs sitrep's cleaning only")
        return self.runner.submit(clean_on_worker, parameters={"jobs": list(jobs)})


@contextmanager
def dask_pool(address: str | None, workers: int, entity_model: str | None) -> Iterator[DaskPool]:
    """A ``DaskPool`` on the scheduler at ``address``, or on a local cluster of ``workers`` processes.

    A local cluster (no address) listens on 127.0.0.1 only and is closed on exit; a remote
    cluster is left running (only this client is closed).
    """
    logging.getLogger("distributed").setLevel(logging.WARNING)
    if address:
        runner = DaskTaskRunner(address=address)
    else:
        runner = DaskTaskRunner(
            cluster_kwargs={
                "n_workers": max(workers, 1),
                "threads_per_worker": 1,
                "processes": True,
                "host": "127.0.0.1",
                "dashboard_address": "127.0.0.1:0",
            }
        )
    with runner:
        runner.client.register_plugin(WarmWorker(entity_model))
        yield DaskPool(runner)
