"""The lake: content-addressed raw zone, atomic schema-checked Parquet, schema-tolerant reads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from warehouse.lake import Lake, LakeBusy, sha256_hex, write_lock

NOW = dt.datetime(2025, 5, 1, 12, tzinfo=dt.UTC)


def _reject(i: int) -> dict[str, object]:
    return {
        "run_id": "r1",
        "stage": "clean",
        "source_name": "s",
        "source_uri": f"file:///x{i}",
        "raw_id": None,
        "error_type": "EmptyDocument",
        "message": "empty",
        "at": NOW,
    }


def test_raw_zone_is_content_addressed_and_idempotent(tmp_path: Path) -> None:
    lake = Lake(tmp_path)
    raw_id = lake.put_raw(b"<html>x</html>")
    assert raw_id == sha256_hex(b"<html>x</html>")
    assert lake.put_raw(b"<html>x</html>") == raw_id
    assert lake.get_raw(raw_id) == b"<html>x</html>"
    assert Path(lake.raw_path(raw_id)).parent.name == raw_id[:2]


def test_write_table_is_partitioned_and_leaves_no_temp_files(tmp_path: Path) -> None:
    lake = Lake(tmp_path)
    path = lake.write_table("rejects", [_reject(1), _reject(2)], run_id="r1", ingest_date=NOW.date(), part=3)
    assert path is not None and Path(path).parent.name == "ingest_date=2025-05-01"
    assert Path(path).name == "part-r1-00003.parquet"
    assert pq.read_table(path).num_rows == 2
    assert list(Path(lake.tmp_dir).iterdir()) == []
    assert lake.write_table("rejects", [], run_id="r1", ingest_date=NOW.date(), part=4) is None


def test_rows_breaking_the_schema_are_refused_before_writing(tmp_path: Path) -> None:
    lake = Lake(tmp_path)
    bad = _reject(1) | {"message": None}  # message is not nullable
    with pytest.raises((pa.ArrowInvalid, pa.ArrowTypeError, ValueError)):
        lake.write_table("rejects", [bad], run_id="r1", ingest_date=NOW.date(), part=0)
    assert lake.table_files("rejects") == []


def test_old_files_missing_a_column_still_read(tmp_path: Path) -> None:
    lake = Lake(tmp_path)
    lake.write_table("rejects", [_reject(1)], run_id="r1", ingest_date=NOW.date(), part=0)
    old = pa.table(
        {
            "run_id": ["r0"],
            "stage": ["load"],
            "source_uri": ["file:///old"],
            "error_type": ["TooLarge"],
            "message": ["big"],
            "at": pa.array([NOW], pa.timestamp("us", tz="UTC")),
        }
    )
    folder = Path(lake.table_dir("rejects")) / "ingest_date=2024-01-01"
    folder.mkdir(parents=True)
    pq.write_table(old, folder / "part-r0-00000.parquet")
    table = lake.read_table("rejects")
    assert table.num_rows == 2
    assert sorted(table.column("source_name").to_pylist(), key=str) == [None, "s"]


def test_sweep_removes_leftovers_of_a_killed_write(tmp_path: Path) -> None:
    lake = Lake(tmp_path)
    Path(lake.tmp_dir).mkdir(parents=True)
    (Path(lake.tmp_dir) / "half-written.parquet").write_bytes(b"PAR1 truncated")
    assert lake.sweep_tmp() == 1
    assert lake.table_files("rejects") == []


def test_one_writer_at_a_time(tmp_path: Path) -> None:
    lake = Lake(tmp_path)
    with write_lock(lake):
        with pytest.raises(LakeBusy):
            with write_lock(lake):
                pass
    with write_lock(lake):  # released
        pass
