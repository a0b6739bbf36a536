"""The DuckDB catalog: typed views over an empty or filled lake, rebuilt atomically."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from warehouse.catalog import connect, refresh_catalog
from warehouse.lake import Lake

NOW = dt.datetime(2025, 5, 1, 12, tzinfo=dt.timezone.utc)


def _run_row(run_id: str, status: str, finished: dt.datetime | None) -> dict[str, object]:
    return {"run_id": run_id, "flow": "ingest", "started_at": NOW, "finished_at": finished,
            "status": status, "counts": "{}", "parameters": "{}"}


def test_empty_lake_has_typed_views(tmp_path: Path) -> None:
    lake = Lake(tmp_path)
    with connect(lake) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (0,)
        types = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE articles)").fetchall())
    assert types["simhash"] == "UBIGINT" and types["authors"] == "VARCHAR[]" and types["ingest_date"] == "DATE"


def test_views_read_the_files_and_run_history_keeps_the_last_state(tmp_path: Path) -> None:
    lake = Lake(tmp_path)
    lake.write_table("runs", [_run_row("r1", "running", None)], run_id="r1", ingest_date=NOW.date(), part=0)
    lake.write_table("runs", [_run_row("r1", "completed", NOW)], run_id="r1", ingest_date=NOW.date(), part=1)
    refresh_catalog(lake)
    with connect(lake) as con:
        assert con.execute("SELECT count(*) FROM runs").fetchone() == (2,)
        assert con.execute("SELECT status FROM run_history").fetchall() == [("completed",)]
        assert con.execute("SELECT DISTINCT ingest_date FROM runs").fetchone() == (NOW.date(),)


def test_refresh_does_not_disturb_an_open_reader(tmp_path: Path) -> None:
    lake = Lake(tmp_path)
    refresh_catalog(lake)
    reader = duckdb.connect(str(lake.catalog_path), read_only=True)
    try:
        lake.write_table("runs", [_run_row("r2", "completed", NOW)], run_id="r2", ingest_date=NOW.date(), part=0)
        refresh_catalog(lake)
        assert reader.execute("SELECT count(*) FROM runs").fetchone() == (0,)  # its own snapshot
    finally:
        reader.close()
    with connect(lake) as con:
        assert con.execute("SELECT count(*) FROM runs").fetchone() == (1,)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
