"""Settings, read once at the entry point from ``SITREP_*`` variables and CLI options.

Nothing else reads the environment: the CLI builds a ``Settings`` and passes plain values down.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from flows.acquire.fetch_records import FetchPolicy
from transforms.entities.ner import DEFAULT_MODEL, model_available
from warehouse.storage import check_storage_url

__all__ = ["Settings"]


class Settings(BaseSettings):
    """Every knob of sitrep, with its ``SITREP_`` variable (``SITREP_LAKE``, ``SITREP_WORKERS``...)."""

    model_config = SettingsConfigDict(env_prefix="SITREP_", extra="ignore")

    lake: Path = Field(
        Path("warehouse"),
        description="data root: sitrep.duckdb, the write lock, and lake/ (raw zone, tables) unless `storage` is set",
    )
    storage: str | None = Field(
        None,
        description="where the lake's raw zone and tables live: a folder, file:///..., or an "
        "object store URL such as s3://bucket/prefix; unset: <lake>/lake",
    )
    workers: int = Field(0, ge=0, description="cleaning processes; 0 = one per CPU core")
    batch_size: int = Field(64, ge=1, description="documents per batch (one Parquet file per table per batch)")
    max_bytes: int = Field(10_000_000, ge=1, description="documents larger than this are rejected")
    min_words: int = Field(25, ge=0, description="an extracted text shorter than this is rejected")
    near_duplicate_bits: int = Field(7, ge=0, le=15, description="simhash distance that counts as a near-duplicate")
    entity_model: str = Field(
        DEFAULT_MODEL,
        description="entity model: the shipped 'sitrep_ner', an installed spaCy package or a model folder; "
        "'none' turns the entity stage off",
    )
    prefect_log_level: str = Field("WARNING", description="Prefect's own log level on the terminal")
    reprocess_cache: bool = Field(
        True,
        description="`reprocess` keeps each batch's cleaning in <lake>/prefect-results "
        "and reuses it while documents, options and code are unchanged",
    )
    # operations (flows.serve.server, flows.serve.deployments, flows.run.workers)
    runner: Literal["local", "dask"] = Field(
        "local", description="where cleaning runs: local processes, or a Dask cluster"
    )
    dask_address: str | None = Field(
        None,
        description="Dask scheduler (tcp://host:8786) for runner=dask; unset: a local cluster of `workers` processes",
    )
    flow_timeout: float | None = Field(
        None, gt=0, description="seconds after which a run is stopped and recorded as failed; unset: no limit"
    )
    server_host: str = Field(
        "127.0.0.1", description="address `sitrep server` listens on and the CLI probes for a running server"
    )
    server_port: int = Field(
        4200, ge=1, le=65535, description="port of the local Prefect server (`sitrep server`, and the probe)"
    )
    serve_limit: int = Field(
        1, ge=1, description="scheduled runs at once under `sitrep serve` (one writer per lake: keep 1)"
    )
    # web acquisition (flows.acquire.http, flows.acquire.web)
    user_agent: str = Field(
        FetchPolicy.user_agent, description="User-Agent of every request; robots.txt rules match its first word"
    )
    fetch_timeout: float = Field(
        20.0, gt=0, description="seconds to wait for a connection or for the next bytes of a response"
    )
    fetch_attempts: int = Field(
        4, ge=1, le=10, description="tries per URL on transient failures (connect errors, timeouts, 5xx, 429)"
    )
    fetch_task_retries: int = Field(
        2,
        ge=0,
        le=10,
        description="Prefect task retries of a URL still failing transiently after its tries "
        "(flows.acquire.refetch); 0 = none",
    )
    fetch_task_retry_delay: float = Field(
        5.0,
        ge=0,
        description="seconds before the first Prefect task retry of a fetch, doubled for each next one (with jitter)",
    )
    prefect_host_limits: Literal["auto", "on", "off"] = Field(
        "auto",
        description="per-host Prefect global concurrency limits (flows.acquire.host_limits): auto = only with a "
        "Prefect API server by URL",
    )
    fetch_concurrency: int = Field(16, ge=1, le=256, description="URLs fetched at once over all hosts")
    per_host_concurrency: int = Field(2, ge=1, le=32, description="requests at once to one host")
    per_host_delay: float = Field(
        1.0, ge=0, description="seconds between requests to one host (a robots.txt Crawl-delay may raise it)"
    )
    max_redirects: int = Field(5, ge=0, le=20, description="redirects followed per URL")
    respect_robots: bool = Field(True, description="honour robots.txt (a source may still opt out with robots = false)")
    allow_private_addresses: bool = Field(
        False, description="fetch hosts on private, loopback or link-local addresses (tests, demo)"
    )

    @field_validator("entity_model")
    @classmethod
    def _installed_model(cls, value: str) -> str:
        if value.lower() not in ("", "none") and not model_available(value):
            raise ValueError(
                f"{value!r} is not an installed spaCy model package or a model folder ('none' turns "
                "the entity stage off)"
            )
        return value

    @field_validator("storage")
    @classmethod
    def _storage(cls, value: str | None) -> str | None:
        return check_storage_url(value) if value else None

    def entity_stage(self) -> str | None:
        """The entity model to run, or None when ``entity_model`` is "" or "none" (the stage is off)."""
        return None if self.entity_model.lower() in ("", "none") else self.entity_model

    def fetch_policy(self) -> FetchPolicy:
        """The fetcher's policy from these settings (the byte cap is ``max_bytes``)."""
        return FetchPolicy(
            user_agent=self.user_agent,
            connect_timeout=min(self.fetch_timeout, 10.0),
            read_timeout=self.fetch_timeout,
            total_timeout=max(60.0, 3 * self.fetch_timeout),
            max_attempts=self.fetch_attempts,
            max_redirects=self.max_redirects,
            max_bytes=self.max_bytes,
            per_host_concurrency=self.per_host_concurrency,
            per_host_delay=self.per_host_delay,
            concurrency=self.fetch_concurrency,
            respect_robots=self.respect_robots,
            allow_private_addresses=self.allow_private_addresses,
            task_retries=self.fetch_task_retries,
            task_retry_delay=self.fetch_task_retry_delay,
            host_limits=self.prefect_host_limits,
        )
