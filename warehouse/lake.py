"""The lake: the content-addressed raw zone and atomic, Hive-partitioned Parquet tables.

Layout of the lake folder (``<root>/lake`` by default, or the storage named by ``SITREP_STORAGE``,
which may be an object store such as ``s3://bucket/prefix``; see ``warehouse.storage``)::

    raw/<aa>/<sha256>                                      raw bytes, immutable
    tables/<table>/ingest_date=<date>/part-<run_id>-<n>.parquet
    _tmp/                                                  staging for atomic writes

and what always stays on the local data root (``--lake`` / ``SITREP_LAKE``)::

    <root>/sitrep.duckdb                                   the catalog (see ``warehouse.catalog``)
    <root>/.write.lock                                     the write lock (``write_lock``)

Every file appears whole or not at all (``Store.put``). A killed run leaves at most stray files in
``_tmp/``, removed by ``Lake.sweep_tmp``. Paths in this API are strings on ``lake.store.fs``.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import posixpath
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from schemas.tables import PARTITION_COLUMN, schema_for
from warehouse.storage import Store, open_store

__all__ = ["Lake", "LakeBusy", "sha256_hex", "write_lock"]


def sha256_hex(data: bytes) -> str:
    """The raw zone's address of ``data``."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Lake:
    """A data root (``root``, always local) and the storage of its files (``storage``; None: ``<root>/lake``).

    Nothing is created until something is written.
    """

    root: Path
    storage: str | None = None

    @cached_property
    def store(self) -> Store:
        return open_store(self.root, self.storage)

    @property
    def lake_dir(self) -> str:
        return self.store.base

    @property
    def raw_dir(self) -> str:
        return posixpath.join(self.lake_dir, "raw")

    @property
    def tables_dir(self) -> str:
        return posixpath.join(self.lake_dir, "tables")

    @property
    def tmp_dir(self) -> str:
        return posixpath.join(self.lake_dir, "_tmp")

    @property
    def catalog_path(self) -> Path:
        return self.root / "sitrep.duckdb"

    def exists(self) -> bool:
        """Whether anything was ever written to this lake's tables."""
        return self.store.exists(self.tables_dir)

    # -- raw zone -------------------------------------------------------------------------------

    def raw_path(self, raw_id: str) -> str:
        return posixpath.join(self.raw_dir, raw_id[:2], raw_id)

    def put_raw(self, data: bytes) -> str:
        """Store ``data`` under its sha256 (once) and return that id."""
        raw_id = sha256_hex(data)
        path = self.raw_path(raw_id)
        if not self.store.exists(path):
            self.store.put(path, data)
        return raw_id

    def get_raw(self, raw_id: str) -> bytes:
        """The stored bytes; ``FileNotFoundError`` (an ``OSError``) when there are none."""
        return self.store.read_bytes(self.raw_path(raw_id))

    # -- tables ---------------------------------------------------------------------------------

    def table_dir(self, table: str) -> str:
        return posixpath.join(self.tables_dir, table)

    def table_files(self, table: str) -> list[str]:
        """The table's Parquet files (``<partition>=*/*.parquet``, no hidden files), in a stable order."""
        folder = self.table_dir(table)
        found = []
        for path in self.store.files(folder):
            parts = posixpath.relpath(path, folder).split("/")
            if (
                len(parts) == 2
                and parts[0].startswith(f"{PARTITION_COLUMN}=")
                and parts[1].endswith(".parquet")
                and not parts[1].startswith(".")
            ):
                found.append(path)
        return found

    def read_file(self, path: str) -> pa.Table:
        """One Parquet file of the lake, as written."""
        return pq.read_table(path, filesystem=self.store.fs)

    def write_table(
        self,
        table: str,
        rows: Sequence[Mapping[str, Any]],
        *,
        run_id: str,
        ingest_date: dt.date,
        part: int,
    ) -> str | None:
        """Write ``rows`` as one Parquet file of ``table`` atomically; None when there are no rows.

        Building the table with the explicit schema rejects a row that breaks the contract
        (wrong type, null in a non-null column) before anything is written.
        """
        if not rows:
            return None
        arrow = pa.Table.from_pylist(list(rows), schema=schema_for(table))
        path = posixpath.join(
            self.table_dir(table), f"{PARTITION_COLUMN}={ingest_date.isoformat()}", f"part-{run_id}-{part:05d}.parquet"
        )
        self.write_parquet(path, arrow)
        return path

    def write_parquet(self, path: str, arrow: pa.Table) -> None:
        """``arrow`` as the Parquet file ``path`` (zstd), whole or not at all, replacing any file there."""
        sink = pa.BufferOutputStream()
        pq.write_table(arrow, sink, compression="zstd")
        self.store.put(path, sink.getvalue())

    def read_table(self, table: str, columns: Iterable[str] | None = None) -> pa.Table:
        """All rows of ``table`` (selected columns) under the current schema; empty if none.

        Older files that lack a column read it as null, so schema additions never break reads.
        """
        schema = schema_for(table)
        cols = list(columns) if columns is not None else schema.names
        files = self.table_files(table)
        if not files:
            return schema.empty_table().select(cols)
        dataset = ds.dataset(files, schema=schema, format="parquet", filesystem=self.store.fs)
        return dataset.to_table(columns=cols)

    def sweep_tmp(self) -> int:
        """Remove staging files a killed run left behind (call it holding the write lock)."""
        leftovers = list(self.root.glob(f".{self.catalog_path.name}.*.tmp*"))
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
        staged = self.store.files(self.tmp_dir)
        for path in staged:
            self.store.delete(path)
        return len(leftovers) + len(staged)


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
