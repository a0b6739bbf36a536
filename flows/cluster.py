"""Cleaning on a Dask cluster: a ``concurrent.futures`` Executor over ``distributed``, nothing of Prefect.

With ``runner = "dask"`` the flow's CPU-bound stage (``flows.workers.clean_job``: trafilatura,
dates, quantities, spaCy entities) is submitted to Dask workers through
``Client.get_executor()``, so ``flows.workers.clean_batches`` keeps its batches in flight exactly
as it does on a local process pool. Workers run plain functions: they never import Prefect and so
never start a Prefect server of their own. The flow process keeps everything that touches the lake
(raw zone, dedupe, Parquet writes), so the lake stays on the machine that runs the flow.

Remote workers need sitrep installed in their environment (the same version as the flow), because
jobs and results travel as pickles of ``flows.workers`` and ``schemas`` classes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import ExitStack, contextmanager
from typing import Any

from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

__all__ = ["dask_pool", "WarmWorker"]


def _warm_up(entity_model: str | None) -> None:
    from flows.workers import warm_up_worker

    warm_up_worker(entity_model)


class WarmWorker(WorkerPlugin):
    """A Dask worker plugin: quiet the extraction libraries' logs and load the models once per worker.

    Registered on the cluster, so workers that join later are prepared the same way.
    """

    name = "sitrep-warm-worker"

    def __init__(self, entity_model: str | None) -> None:
        self.entity_model = entity_model

    def setup(self, worker: Any) -> None:
        _warm_up(self.entity_model)



@contextmanager
def dask_pool(address: str | None, workers: int, entity_model: str | None) -> Iterator[Executor]:
    """An Executor on the Dask scheduler at ``address``, or on a local cluster of ``workers`` processes.

    A local cluster (no address) listens on 127.0.0.1 only and is closed on exit; a remote
    cluster is left running (only this client is closed).
    """
    logging.getLogger("distributed").setLevel(logging.WARNING)
    with ExitStack() as stack:
        if address:
            client = stack.enter_context(Client(address, timeout="30s"))
        else:
            cluster = stack.enter_context(LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                                                       host="127.0.0.1", dashboard_address="127.0.0.1:0"))
            client = stack.enter_context(Client(cluster))
        client.register_plugin(WarmWorker(entity_model))
        executor = client.get_executor(pure=False)
        yield executor
