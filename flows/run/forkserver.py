"""The forkserver that local cleaning workers are forked from: its start method, and an early start.

A forkserver is a fresh process (not a copy of the parent) that imports the parent's main module and
warms up once: ``flows.run.preload``, and ``flows.run.preload_entities`` when the run uses the default
entity model. Workers forked from it start in a moment, with the models' memory pages shared, and
share no locks or threads with the parent. The first pool of a process (or ``start_early``) decides
the preload; a forkserver outlives its pools.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
from multiprocessing.context import BaseContext

from transforms.entities.ner import DEFAULT_MODEL

__all__ = ["start_early", "worker_context", "worker_count"]


def worker_count(workers: int) -> int:
    """The worker processes a ``workers`` setting asks for: itself, or one per core for 0."""
    return workers or os.cpu_count() or 1


def worker_context(entity_model: str | None) -> BaseContext:
    """Forkserver where the platform has one (Linux, macOS), else spawn."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    preload = [
        "__main__",
        "flows.run.preload",
        *(["flows.run.preload_entities"] if entity_model == DEFAULT_MODEL else []),
    ]
    context.set_forkserver_preload(preload)  # takes effect when this process's forkserver starts
    return context


def start_early(workers: int, entity_model: str | None, runner: str) -> bool:
    """Start the forkserver of a run's local workers now; True when one was started (or runs).

    It warms up (imports, the entity model: two to three seconds of one core) in the background, so
    a command that calls this before it starts Prefect has ready workers when its flow opens the
    pool. Nothing is started for a Dask run, one worker, or a platform without a forkserver.
    """
    if runner != "local" or worker_count(workers) <= 1:
        return False
    if worker_context(entity_model).get_start_method() != "forkserver":
        return False
    multiprocessing.forkserver.ensure_running()  # spawns the server and returns; it preloads on its own
    return True
