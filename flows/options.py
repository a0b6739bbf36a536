"""The options of the ingest and reprocess flows: plain values built once from ``Settings`` by the CLI."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from flows.http import FetchPolicy
from transforms.ner import DEFAULT_MODEL

__all__ = ["IngestOptions"]


class IngestOptions(BaseModel):
    """What a run needs to know; a Prefect flow parameter, so it is validated and recorded with the run."""

    lake: str  # the local data root: catalog, write lock
    storage: str | None = None  # where the lake's files live (a path or a URL such as s3://bucket/prefix); None: <lake>/lake
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
