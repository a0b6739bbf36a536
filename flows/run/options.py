"""The options of the ingest and reprocess flows: plain values built once from ``Settings`` by the CLI."""

from __future__ import annotations

import time
from typing import Literal

from pydantic import BaseModel

from flows.acquire.fetch_records import FetchPolicy
from flows.run.settings import Settings
from transforms.entities.ner import DEFAULT_MODEL

__all__ = ["IngestOptions"]


class IngestOptions(BaseModel):
    """What a run needs to know; a Prefect flow parameter, so it is validated and recorded with the run."""

    lake: str  # the local data root: catalog, write lock
    storage: str | None = (
        None  # where the lake's files live (a path or a URL such as s3://bucket/prefix); None: <lake>/lake
    )
    workers: int = 0
    batch_size: int = 64
    max_bytes: int = 10_000_000
    min_words: int = 25
    near_duplicate_bits: int = 7
    entity_model: str | None = DEFAULT_MODEL
    fetch_policy: FetchPolicy = FetchPolicy()
    progress: bool = False
    runner: Literal["local", "dask"] = "local"  # cleaning on local processes or on a Dask cluster
    dask_address: str | None = None  # tcp://host:8786; None with runner="dask": a local cluster of `workers`
    reprocess_cache: bool = True  # reprocess: read unchanged batches' cleaning from <lake>/prefect-results
    timeout: float | None = None  # seconds; the run also checks it between batches (see past_timeout)

    @classmethod
    def from_settings(cls, settings: Settings, *, progress: bool = False) -> IngestOptions:
        """The options of a run with these settings."""
        return cls(
            lake=str(settings.lake),
            storage=settings.storage,
            workers=settings.workers,
            batch_size=settings.batch_size,
            max_bytes=settings.max_bytes,
            min_words=settings.min_words,
            near_duplicate_bits=settings.near_duplicate_bits,
            entity_model=settings.entity_stage(),
            fetch_policy=settings.fetch_policy(),
            runner=settings.runner,
            dask_address=settings.dask_address,
            reprocess_cache=settings.reprocess_cache,
            progress=progress,
            timeout=settings.flow_timeout,
        )

    def past_timeout(self, begun: float) -> None:
        """Raise TimeoutError when more than ``timeout`` seconds passed since ``begun`` (``time.monotonic``).

        Prefect's flow timeout is a SIGALRM, and one that lands while Python runs a garbage-collection
        callback is printed as 'Exception ignored' and lost; so a run checks its own clock between batches.
        """
        if self.timeout is not None and time.monotonic() - begun > self.timeout:
            raise TimeoutError(f"the run passed its {self.timeout:g} s timeout")
