"""Schema versions of the lake's files and the migrations that carry old files forward.

Every Parquet file carries its table's schema version in its metadata (``sitrep.schema_version``; a file
without it is version 1). Two kinds of change raise a table's version in ``schemas.tables``:

- an added column needs nothing here: old files read it as null (the catalog's views use
  ``union_by_name`` and ``Lake.read_table`` reads through the current schema);
- a changed meaning (a unit, an encoding, a renamed value) needs a ``Migration`` registered for that
  step: a pure function from an Arrow table at ``from_version`` to one at ``to_version``.

``migrate_lake`` (run by ``sitrep reprocess`` under the write lock, before it rebuilds derived tables)
rewrites each file that has a registered migration pending: read, migrate step by step, conform to the
current schema, write to a temporary file and rename it over the old one. Files written by a newer
sitrep are left alone and reported.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from schemas.tables import SCHEMA_VERSIONS, SCHEMAS, schema_for
from warehouse.lake import Lake

__all__ = [
    "Migration",
    "MigrationRegistry",
    "MigrationReport",
    "REGISTRY",
    "file_schema_version",
    "conform",
    "pending_files",
    "migrate_lake",
]

VERSION_KEY = b"sitrep.schema_version"

Transform = Callable[[pa.Table], pa.Table]


@dataclass(frozen=True)
class Migration:
    """One step of one table: files at ``from_version`` become ``to_version`` through ``apply``."""

    table: str
    from_version: int
    to_version: int
    description: str
    apply: Transform


class MigrationRegistry:
    """The migrations known for each table, by the version they start from."""

    def __init__(self, migrations: Iterable[Migration] = ()) -> None:
        self._steps: dict[str, dict[int, Migration]] = {}
        for m in migrations:
            self.add(m)

    def add(self, migration: Migration) -> Migration:
        if migration.to_version <= migration.from_version:
            raise ValueError(f"{migration.table}: a migration must raise the version ({migration})")
        steps = self._steps.setdefault(migration.table, {})
        if migration.from_version in steps:
            raise ValueError(f"{migration.table}: two migrations start at version {migration.from_version}")
        steps[migration.from_version] = migration
        return migration

    def register(
        self, table: str, from_version: int, to_version: int, description: str
    ) -> Callable[[Transform], Transform]:
        """Decorator form: ``@REGISTRY.register("quantities", 1, 2, "percent values as 0..100")``."""

        def wrap(fn: Transform) -> Transform:
            self.add(Migration(table, from_version, to_version, description, fn))
            return fn

        return wrap

    def chain(self, table: str, from_version: int, to_version: int) -> list[Migration]:
        """The registered steps between two versions, in order (steps without one only added columns)."""
        steps = self._steps.get(table, {})
        chain: list[Migration] = []
        version = from_version
        while version < to_version:
            step = steps.get(version)
            if step is None:
                version += 1
                continue
            if step.to_version > to_version:
                break
            chain.append(step)
            version = step.to_version
        return chain

    def all(self) -> list[Migration]:
        return [m for steps in self._steps.values() for m in sorted(steps.values(), key=lambda m: m.from_version)]


REGISTRY = MigrationRegistry()
"""sitrep's own migrations. None is registered yet: ``articles`` v2 only added columns (``charset``,
``charset_source``), which older files read as null. Add one with
``@REGISTRY.register(table, old, new, "what changed")`` next to a bump of ``SCHEMA_VERSIONS``."""


@dataclass
class MigrationReport:
    """What ``migrate_lake`` did: files rewritten per table, and files newer than this code."""

    rewritten: dict[str, int] = field(default_factory=dict)
    steps: list[str] = field(default_factory=list)
    newer: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.rewritten.values())


def file_schema_version(path: str | Path, filesystem: pafs.FileSystem | None = None) -> int:
    """The schema version recorded in a Parquet file's metadata (1 when it records none)."""
    meta = pq.read_schema(str(path), filesystem=filesystem).metadata or {}
    raw = meta.get(VERSION_KEY)
    return int(raw.decode()) if raw else 1


def conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """``table`` with exactly ``schema``'s columns, in order and type; missing columns become null.

    Raises ``ValueError`` when a non-nullable column would hold nulls.
    """
    columns = []
    for f in schema:
        if f.name in table.column_names:
            column = table.column(f.name).cast(f.type)
        else:
            column = pa.chunked_array([pa.nulls(table.num_rows, f.type)], type=f.type)
        if not f.nullable and column.null_count:
            raise ValueError(f"column {f.name!r} must not be null ({column.null_count} null values)")
        columns.append(column)
    return pa.Table.from_arrays(columns, schema=schema)


def pending_files(lake: Lake, registry: MigrationRegistry = REGISTRY) -> list[tuple[str, str, int]]:
    """``(table, file, its version)`` for each file with a registered migration pending."""
    pending = []
    for table in SCHEMAS:
        current = SCHEMA_VERSIONS[table]
        for path in lake.table_files(table):
            version = file_schema_version(path, lake.store.fs)
            if version < current and registry.chain(table, version, current):
                pending.append((table, path, version))
    return pending


def migrate_lake(lake: Lake, registry: MigrationRegistry = REGISTRY) -> MigrationReport:
    """Carry every file with a pending migration to its table's current version (hold the write lock)."""
    report = MigrationReport()
    for table in SCHEMAS:
        current = SCHEMA_VERSIONS[table]
        for path in lake.table_files(table):
            if file_schema_version(path, lake.store.fs) > current:
                report.newer.append(path)
    for table, path, version in pending_files(lake, registry):
        data = lake.read_file(path)
        for step in registry.chain(table, version, SCHEMA_VERSIONS[table]):
            data = step.apply(data)
            report.steps.append(
                f"{posixpath.basename(path)}: {table} v{step.from_version}->v{step.to_version} {step.description}"
            )
        lake.write_parquet(path, conform(data, schema_for(table)))  # replaces the file whole
        report.rewritten[table] = report.rewritten.get(table, 0) + 1
    return report
