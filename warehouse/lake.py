"""The lake on disk: the content-addressed raw zone and atomic, Hive-partitioned Parquet tables.

Layout under the data root (``--lake`` / ``SITREP_LAKE``)::

    <root>/lake/raw/<aa>/<sha256>                          raw bytes, immutable
    <root>/lake/tables/<table>/ingest_date=<date>/part-<run_id>-<n>.parquet
    <root>/lake/_tmp/                                      staging for atomic renames
    <root>/sitrep.duckdb                                   the catalog (see ``warehouse.catalog``)

Every file appears whole or not at all: it is written under ``_tmp/``, flushed to disk, then renamed
into place. A killed run leaves at most stray files in ``_tmp/``, removed by ``Lake.sweep_tmp``.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import os
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from schemas.tables import PARTITION_COLUMN, schema_for

__all__ = ["Lake", "LakeBusy", "sha256_hex", "write_lock"]


def sha256_hex(data: bytes) -> str:
    """The raw zone's address of ``data``."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Lake:
    """A data root. All paths derive from ``root``; nothing is created until something is written."""

    root: Path

    @property
    def lake_dir(self) -> Path:
        return self.root / "lake"

    @property
    def raw_dir(self) -> Path:
        return self.lake_dir / "raw"

    @property
    def tables_dir(self) -> Path:
        return self.lake_dir / "tables"

    @property
    def tmp_dir(self) -> Path:
        return self.lake_dir / "_tmp"

    @property
    def catalog_path(self) -> Path:
        return self.root / "sitrep.duckdb"

    # -- raw zone -------------------------------------------------------------------------------

    def raw_path(self, raw_id: str) -> Path:
        return self.raw_dir / raw_id[:2] / raw_id

    def put_raw(self, data: bytes) -> str:
        """Store ``data`` under its sha256 (once) and return that id."""
        raw_id = sha256_hex(data)
        path = self.raw_path(raw_id)
        if not path.exists():
            self._write_atomic(path, data)
        return raw_id

    def get_raw(self, raw_id: str) -> bytes:
        return self.raw_path(raw_id).read_bytes()

    # -- tables ---------------------------------------------------------------------------------

    def table_dir(self, table: str) -> Path:
        return self.tables_dir / table

    def table_files(self, table: str) -> list[Path]:
        """The table's Parquet files, in a stable order."""
        folder = self.table_dir(table)
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.glob(f"{PARTITION_COLUMN}=*/*.parquet") if not p.name.startswith("."))

    def write_table(
        self,
        table: str,
        rows: Sequence[Mapping[str, Any]],
        *,
        run_id: str,
        ingest_date: dt.date,
        part: int,
    ) -> Path | None:
        """Write ``rows`` as one Parquet file of ``table`` atomically; None when there are no rows.

        Building the table with the explicit schema rejects a row that breaks the contract
        (wrong type, null in a non-null column) before anything touches the disk.
        """
        if not rows:
            return None
        arrow = pa.Table.from_pylist(list(rows), schema=schema_for(table))
        folder = self.table_dir(table) / f"{PARTITION_COLUMN}={ingest_date.isoformat()}"
        path = folder / f"part-{run_id}-{part:05d}.parquet"
        self.tmp_dir.mkdir(parents=True, exist_ok=True)
        tmp = self.tmp_dir / f"{uuid.uuid4().hex}.parquet"
        pq.write_table(arrow, tmp, compression="zstd")
        _fsync(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, path)
        _fsync_dir(folder)
        return path

    def read_table(self, table: str, columns: Iterable[str] | None = None) -> pa.Table:
        """All rows of ``table`` (selected columns) under the current schema; empty if none.

        Older files that lack a column read it as null, so schema additions never break reads.
        """
        schema = schema_for(table)
        cols = list(columns) if columns is not None else schema.names
        files = self.table_files(table)
        if not files:
            return schema.empty_table().select(cols)
        dataset = ds.dataset([str(f) for f in files], schema=schema, format="parquet")
        return dataset.to_table(columns=cols)

    def sweep_tmp(self) -> int:
        """Remove staging files a killed run left behind (call it holding the write lock)."""
        leftovers = list(self.root.glob(f".{self.catalog_path.name}.*.tmp*"))
        if self.tmp_dir.is_dir():
            leftovers += list(self.tmp_dir.iterdir())
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
        return len(leftovers)

    # -- helpers --------------------------------------------------------------------------------

    def _write_atomic(self, path: Path, data: bytes) -> None:
        self.tmp_dir.mkdir(parents=True, exist_ok=True)
        tmp = self.tmp_dir / uuid.uuid4().hex
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        path.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, path)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class LakeBusy(RuntimeError):
    """Another process holds the lake's write lock."""


@contextmanager
def write_lock(lake: Lake) -> Iterator[None]:
    """Hold the lake's exclusive write lock (one writer at a time; readers never wait)."""
    lake.root.mkdir(parents=True, exist_ok=True)
    with open(lake.root / ".write.lock", "a+") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise LakeBusy(f"another sitrep run is writing to {lake.root}") from exc
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
