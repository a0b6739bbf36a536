"""The DuckDB catalog: typed views over an empty or filled lake, rebuilt atomically."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from warehouse.catalog import connect, refresh_catalog
from warehouse.lake import Lake

NOW = dt.datetime(2025, 5, 1, 12, tzinfo=dt.UTC)


def _run_row(run_id: str, status: str, finished: dt.datetime | None) -> dict[str, object]:
    return {
        "run_id": run_id,
        "flow": "ingest",
        "started_at": NOW,
        "finished_at": finished,
        "status": status,
        "counts": "{}",
        "parameters": "{}",
    }


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


# -- a catalog that works wherever the data root is (issue #14) ----------------------------------------------


def _answers(lake: Lake, **kwargs: object) -> dict[str, object]:
    """What a reader sees: rows per lake table, a staging view, a shared view and a mart."""
    with connect(lake, **kwargs) as con:  # type: ignore[arg-type]
        return {
            "articles": con.execute("SELECT count(*), min(title) FROM articles").fetchall(),
            "mentions": con.execute("SELECT count(*) FROM entity_mentions").fetchall(),
            "current": con.execute("SELECT count(*) FROM articles_current").fetchall(),
            "staged": con.execute("SELECT count(*) FROM stg_quantities").fetchall(),
            "mart": con.execute("SELECT * FROM articles_daily ORDER BY ALL").fetchall(),
            "files": _roots_read(con),
        }


def _roots_read(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The data roots (folder names) whose Parquet files the lake tables' views read."""
    import re

    views = con.execute("SELECT sql FROM duckdb_views() WHERE view_name IN ('articles', 'runs', 'rejects')").fetchall()
    return sorted({Path(m).name for (sql,) in views for m in re.findall(r"read_parquet\('([^']+)/lake/", sql)})


def test_a_moved_lake_answers_the_same_where_it_is_now(tmp_path: Path) -> None:
    from lakes import write_lake

    before = _answers(write_lake(tmp_path / "first"))
    (tmp_path / "first").rename(tmp_path / "moved")
    notes: list[str] = []
    moved = Lake(tmp_path / "moved")
    after = _answers(moved, notice=notes.append)
    assert after == {**before, "files": ["moved"]} and before["files"] == ["first"]
    assert len(notes) == 1 and "built for the lake at" in notes[0] and str(tmp_path / "first") in notes[0]
    _answers(moved, notice=notes.append)
    assert len(notes) == 1  # rebuilt once, in place: the next reader opens it as it is


def test_a_copied_lake_reads_its_own_files_never_the_originals(tmp_path: Path) -> None:
    import shutil

    from lakes import RUN, build_tables, write_lake

    original = write_lake(tmp_path / "original")
    shutil.copytree(tmp_path / "original", tmp_path / "copy")
    copy = Lake(tmp_path / "copy")
    expected = _answers(original)
    # the original grows after the copy: the copy must not see it
    extra = build_tables()["runs"][0] | {"run_id": "later"}
    original.write_table("runs", [extra], run_id=RUN, ingest_date=dt.date(2025, 6, 1), part=9)
    refresh_catalog(original)
    with connect(copy) as con:
        assert con.execute("SELECT count(*) FROM runs WHERE run_id = 'later'").fetchone() == (0,)
    shutil.rmtree(tmp_path / "original")
    assert _answers(copy) == {**expected, "files": ["copy"]}


def test_an_unreadable_catalog_is_rebuilt_and_says_so(tmp_path: Path) -> None:
    from lakes import write_lake

    lake = write_lake(tmp_path / "data")
    expected = _answers(lake)
    lake.catalog_path.write_bytes(b"\x00not a duckdb file" * 300)
    notes: list[str] = []
    assert _answers(lake, notice=notes.append) == expected
    assert len(notes) == 1 and "cannot be opened" in notes[0]


def test_a_catalog_that_cannot_be_rebuilt_in_place_is_built_in_memory(tmp_path: Path, monkeypatch: object) -> None:
    import pytest
    from lakes import write_lake

    import warehouse.catalog as catalog

    write_lake(tmp_path / "first")
    expected = _answers(Lake(tmp_path / "first"))
    (tmp_path / "first").rename(tmp_path / "readonly")
    stamp = (tmp_path / "readonly" / "sitrep.duckdb").read_bytes()

    def refused(lake: Lake, **kwargs: object) -> Path:
        raise PermissionError(13, "Read-only file system", str(lake.catalog_path))

    mp = pytest.MonkeyPatch()
    mp.setattr(catalog, "refresh_catalog", refused)
    try:
        notes: list[str] = []
        assert _answers(Lake(tmp_path / "readonly"), notice=notes.append) == {**expected, "files": ["readonly"]}
        assert "Read-only file system" in notes[0] and "in memory" in notes[0]
        with pytest.raises(catalog.CatalogError, match="Read-only file system"):
            catalog.ensure_catalog(Lake(tmp_path / "readonly"))
    finally:
        mp.undo()
    assert (tmp_path / "readonly" / "sitrep.duckdb").read_bytes() == stamp  # nothing written


def test_a_catalog_of_the_same_lake_named_through_a_symlink_is_not_rebuilt(tmp_path: Path) -> None:
    from lakes import write_lake

    write_lake(tmp_path / "data")
    (tmp_path / "link").symlink_to(tmp_path / "data")
    notes: list[str] = []
    with connect(Lake(tmp_path / "link"), notice=notes.append) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] > 0
    assert notes == []
