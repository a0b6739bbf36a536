"""Rebuilding derived tables beside the live ones, then swapping them in (``sitrep reprocess``).

A rebuild writes into ``lake/tables.next/<table>/``; ``commit_rebuild`` writes a ``COMPLETE`` marker
naming the tables, then per table moves the live folder to ``lake/tables.old/`` and the new one into
place, and finally removes both side folders. Every step is a rename, and ``recover_rebuild`` (run at
the start of every write) finishes a swap that has its marker or throws away a rebuild that has none,
so a killed reprocess leaves either the old tables or the new ones, never a mix within a table.
"""

from __future__ import annotations

import json
import os
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
    def tables_dir(self) -> Path:
        return self.lake_dir / "tables.next"


def _old_dir(lake: Lake) -> Path:
    return lake.lake_dir / "tables.old"


def begin_rebuild(lake: Lake) -> StagedLake:
    """A fresh staging area for rebuilt tables (any earlier unfinished rebuild is discarded)."""
    staged = StagedLake(lake.root)
    shutil.rmtree(staged.tables_dir, ignore_errors=True)
    shutil.rmtree(_old_dir(lake), ignore_errors=True)
    return staged


def commit_rebuild(lake: Lake, tables: tuple[str, ...]) -> None:
    """Swap the rebuilt ``tables`` in place of the live ones."""
    staged = StagedLake(lake.root)
    for table in tables:  # a table the rebuild left empty still replaces the live one
        (staged.tables_dir / table).mkdir(parents=True, exist_ok=True)
    marker = staged.tables_dir / _MARKER
    tmp = marker.with_suffix(".tmp")
    tmp.write_text(json.dumps(list(tables)))
    os.replace(tmp, marker)
    _finish_swap(lake)


def _finish_swap(lake: Lake) -> None:
    staged = StagedLake(lake.root)
    tables = json.loads((staged.tables_dir / _MARKER).read_text())
    old = _old_dir(lake)
    for table in tables:
        new, live, retired = staged.tables_dir / table, lake.tables_dir / table, old / table
        if new.exists():
            if live.exists():
                old.mkdir(parents=True, exist_ok=True)
                shutil.rmtree(retired, ignore_errors=True)
                os.replace(live, retired)
            lake.tables_dir.mkdir(parents=True, exist_ok=True)
            os.replace(new, live)
        # else: this table was swapped before a crash; nothing left to do for it
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(staged.tables_dir, ignore_errors=True)


def recover_rebuild(lake: Lake) -> str | None:
    """Finish or discard a rebuild a killed run left behind; says which, or None if there was none."""
    staged = StagedLake(lake.root)
    if (staged.tables_dir / _MARKER).exists():
        _finish_swap(lake)
        return "finished"
    if staged.tables_dir.exists() or _old_dir(lake).exists():
        shutil.rmtree(staged.tables_dir, ignore_errors=True)
        shutil.rmtree(_old_dir(lake), ignore_errors=True)
        return "discarded"
    return None
