"""Rebuilding derived tables beside the live ones, then swapping them in (``sitrep reprocess``).

A rebuild writes into ``lake/tables.next/<table>/``; ``commit_rebuild`` writes a ``COMPLETE`` marker
naming the tables, then swaps them in, and ``recover_rebuild`` (run at the start of every write)
finishes a swap that has its marker or throws away a rebuild that has none.

- On a local disk every step is a rename: per table the live folder moves to ``lake/tables.old/`` and
  the new one into place, so a killed reprocess leaves the old tables or the new ones, never a mix
  within a table, and a reader never sees a mix.
- An object store has no folder rename. There the marker also lists each new table's files; the swap
  copies them into the live folder (server side), then deletes the live files not on the list, then
  the staging folder. Every step can be repeated, so a killed swap is finished by the next run with
  the same result; but a reader that lists a table *during* the swap may see old and new rows together.
"""

from __future__ import annotations

import json
import os
import posixpath
import shutil
from dataclasses import dataclass
from pathlib import Path

from warehouse.lake import Lake

__all__ = ["StagedLake", "begin_rebuild", "commit_rebuild", "recover_rebuild"]

_MARKER = "COMPLETE"


@dataclass(frozen=True)
class StagedLake(Lake):
    """The same lake (raw zone, staging) with its tables written under ``tables.next/``."""

    @property
    def tables_dir(self) -> str:
        return posixpath.join(self.lake_dir, "tables.next")


def _staged(lake: Lake) -> StagedLake:
    return StagedLake(lake.root, lake.storage)


def _old_dir(lake: Lake) -> str:
    return posixpath.join(lake.lake_dir, "tables.old")


def begin_rebuild(lake: Lake) -> StagedLake:
    """A fresh staging area for rebuilt tables (any earlier unfinished rebuild is discarded)."""
    staged = _staged(lake)
    lake.store.delete_dir(staged.tables_dir)
    lake.store.delete_dir(_old_dir(lake))
    return staged


def commit_rebuild(lake: Lake, tables: tuple[str, ...]) -> None:
    """Swap the rebuilt ``tables`` in place of the live ones."""
    staged = _staged(lake)
    marker = posixpath.join(staged.tables_dir, _MARKER)
    if lake.store.local:
        for table in tables:  # a table the rebuild left empty still replaces the live one
            Path(staged.table_dir(table)).mkdir(parents=True, exist_ok=True)
        lake.store.put(marker, json.dumps(list(tables)).encode())
    else:
        files = {
            t: [posixpath.relpath(p, staged.table_dir(t)) for p in lake.store.files(staged.table_dir(t))]
            for t in tables
        }
        lake.store.put(marker, json.dumps(files).encode())
    _finish_swap(lake)


def _finish_swap(lake: Lake) -> None:
    staged = _staged(lake)
    marked = json.loads(lake.store.read_bytes(posixpath.join(staged.tables_dir, _MARKER)))
    if isinstance(marked, dict):
        _finish_copy(lake, staged, marked)
        return
    old = Path(_old_dir(lake))
    for table in marked:
        new, live, retired = Path(staged.table_dir(table)), Path(lake.table_dir(table)), old / table
        if new.exists():
            if live.exists():
                old.mkdir(parents=True, exist_ok=True)
                shutil.rmtree(retired, ignore_errors=True)
                os.replace(live, retired)
            live.parent.mkdir(parents=True, exist_ok=True)
            os.replace(new, live)
        # else: this table was swapped before a crash; nothing left to do for it
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(staged.tables_dir, ignore_errors=True)


def _finish_copy(lake: Lake, staged: StagedLake, files: dict[str, list[str]]) -> None:
    """The object-store swap: copy the listed new files in, delete the live files not listed."""
    store = lake.store
    for table, names in files.items():
        for name in names:
            source = posixpath.join(staged.table_dir(table), name)
            if store.exists(source):  # else copied before a crash (staging is deleted only at the end)
                store.copy(source, posixpath.join(lake.table_dir(table), name))
    for table, names in files.items():
        keep = set(names)
        for path in store.files(lake.table_dir(table)):
            if posixpath.relpath(path, lake.table_dir(table)) not in keep:
                store.delete(path)
    store.delete_dir(staged.tables_dir)


def recover_rebuild(lake: Lake) -> str | None:
    """Finish or discard a rebuild a killed run left behind; says which, or None if there was none."""
    staged = _staged(lake)
    if lake.store.exists(posixpath.join(staged.tables_dir, _MARKER)):
        _finish_swap(lake)
        return "finished"
    if lake.store.exists(staged.tables_dir) or lake.store.exists(_old_dir(lake)):
        begin_rebuild(lake)
        return "discarded"
    return None
