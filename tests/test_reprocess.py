"""Rebuilding derived tables from the raw zone, and the crash-safe swap behind it."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from conftest import PARAGRAPHS, make_page, query_catalog
from flows.ingest import IngestOptions, ingest
from flows.reprocess import DERIVED_TABLES, reprocess
from warehouse.generations import StagedLake, begin_rebuild, commit_rebuild, recover_rebuild
from warehouse.lake import Lake

NOW = dt.datetime(2025, 5, 1, tzinfo=dt.timezone.utc)


def _query(root: Path, sql: str) -> list[tuple[object, ...]]:
    return query_catalog(root / "sitrep.duckdb", sql)


@pytest.mark.slow
def test_reprocess_rebuilds_the_same_ids_from_raw_bytes(prefect_api: str, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_text(make_page("Army buys launchers", PARAGRAPHS, canonical="https://wire.example/a"))
    (site / "b.html").write_text(make_page("Copy of the launcher story", PARAGRAPHS, canonical="https://mirror.example/b"))
    (site / "empty.txt").write_text("")
    options = IngestOptions(lake=str(tmp_path / "data"), workers=1)
    ingest([str(site)], options)
    before = _query(tmp_path / "data", "SELECT article_id, revision, duplicate_of, ingest_date FROM articles ORDER BY 1")
    dates_before = _query(tmp_path / "data", "SELECT count(*) FROM temporal_expressions")

    # a rebuild must not depend on the files still being where they were read
    for page in site.iterdir():
        page.unlink()
    result = reprocess(options)
    assert result["status"] == "completed" and result["counts"]["new"] == 1 and result["counts"]["duplicate"] == 1
    assert _query(tmp_path / "data", "SELECT article_id, revision, duplicate_of, ingest_date FROM articles ORDER BY 1") == before
    assert _query(tmp_path / "data", "SELECT count(*) FROM temporal_expressions") == dates_before
    assert _query(tmp_path / "data", "SELECT count(*) FROM raw_documents") == [(3,)]
    assert _query(tmp_path / "data", "SELECT flow, status FROM run_history ORDER BY started_at") == [
        ("ingest", "completed"), ("reprocess", "completed")]
    assert not (tmp_path / "data" / "lake" / "tables.next").exists()


def _row(i: int) -> dict[str, object]:
    return {"run_id": "r", "stage": "clean", "source_name": "s", "source_uri": f"file:///{i}", "raw_id": None,
            "error_type": "E", "message": "m", "at": NOW}


def test_swap_replaces_whole_tables(tmp_path: Path) -> None:
    lake = Lake(tmp_path)
    lake.write_table("rejects", [_row(1)], run_id="old", ingest_date=NOW.date(), part=0)
    staged = begin_rebuild(lake)
    staged.write_table("rejects", [_row(2), _row(3)], run_id="new", ingest_date=NOW.date(), part=0)
    commit_rebuild(lake, ("rejects", "articles"))
    assert lake.read_table("rejects").num_rows == 2
    assert lake.table_files("articles") == []
    assert recover_rebuild(lake) is None


def test_a_killed_swap_is_finished_and_an_unfinished_rebuild_discarded(tmp_path: Path) -> None:
    lake = Lake(tmp_path)
    lake.write_table("rejects", [_row(1)], run_id="old", ingest_date=NOW.date(), part=0)
    staged = begin_rebuild(lake)
    staged.write_table("rejects", [_row(2), _row(3)], run_id="new", ingest_date=NOW.date(), part=0)
    assert recover_rebuild(lake) == "discarded"  # no marker: the live table stays
    assert lake.read_table("rejects").num_rows == 1

    staged = begin_rebuild(lake)
    staged.write_table("rejects", [_row(2), _row(3)], run_id="new", ingest_date=NOW.date(), part=0)
    (staged.tables_dir / "COMPLETE").write_text('["rejects"]')
    old = lake.lake_dir / "tables.old"
    old.mkdir()
    os.replace(lake.tables_dir / "rejects", old / "rejects")  # killed right after the first rename
    assert recover_rebuild(lake) == "finished"
    assert lake.read_table("rejects").num_rows == 2
    assert not old.exists() and not StagedLake(tmp_path).tables_dir.exists()


def test_derived_tables_leave_the_record_of_what_was_read() -> None:
    assert "raw_documents" not in DERIVED_TABLES and "rejects" not in DERIVED_TABLES
    assert {"articles", "temporal_expressions", "quantities"} <= set(DERIVED_TABLES)
