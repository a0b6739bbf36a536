"""The lake on object storage: through a ``file://`` URL, and on a local S3-compatible server (moto).

The S3 server is moto's, on 127.0.0.1 with a free port; nothing leaves the machine (the AWS SDK's
metadata look-ups are switched off, and every URL names the loopback endpoint).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.fs as pafs
import pytest
from conftest import PARAGRAPHS, make_page, sitrep_command, write_site

from warehouse.api import open_warehouse
from warehouse.catalog import connect, refresh_catalog
from warehouse.generations import StagedLake, begin_rebuild, commit_rebuild, recover_rebuild
from warehouse.lake import Lake, sha256_hex
from warehouse.storage import StorageError, check_storage_url

NOW = dt.datetime(2025, 5, 1, 12, tzinfo=dt.UTC)
AWS_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_EC2_METADATA_DISABLED": "true",
}
TABLES = ("raw_documents", "articles", "entity_mentions", "entities", "quantities", "temporal_expressions", "rejects")
IGNORED = {"run_id", "ingested_at", "at"}  # differ between any two runs by design


def _reject(i: int, run_id: str = "r1") -> dict[str, object]:
    return {
        "run_id": run_id,
        "stage": "clean",
        "source_name": "s",
        "source_uri": f"file:///x{i}",
        "raw_id": None,
        "error_type": "EmptyDocument",
        "message": "empty",
        "at": NOW,
    }


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    """A moto S3 server on 127.0.0.1 for this module; yields ``host:port``."""
    moto_server = pytest.importorskip("moto.server", reason="the S3 tests need moto[server] (the dev extra)")
    saved = {k: os.environ.get(k) for k in AWS_ENV}
    os.environ.update(AWS_ENV)
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"{host}:{port}"
    finally:
        server.stop()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture
def s3_url(s3_endpoint: str) -> str:
    """A fresh bucket on the moto server, and the storage URL of a lake in it."""
    bucket = f"sitrep-{uuid.uuid4().hex[:12]}"
    fs = pafs.S3FileSystem(endpoint_override=s3_endpoint, scheme="http", region="us-east-1", allow_bucket_creation=True)
    fs.create_dir(bucket)
    return f"s3://{bucket}/lake?endpoint_override={s3_endpoint}&scheme=http&region=us-east-1"


def _objects(url: str) -> list[str]:
    fs, base = pafs.FileSystem.from_uri(url)
    infos = fs.get_file_info(pafs.FileSelector(base, recursive=True, allow_not_found=True))
    return sorted(i.path.removeprefix(base + "/") for i in infos if i.type == pafs.FileType.File)


def _exercise_lake(lake: Lake) -> None:
    """What every storage must do: raw zone, atomic tables, reads, catalog views, swaps."""
    raw_id = lake.put_raw(b"<html>x</html>")
    assert raw_id == sha256_hex(b"<html>x</html>") and lake.put_raw(b"<html>x</html>") == raw_id
    assert lake.get_raw(raw_id) == b"<html>x</html>"
    with pytest.raises(FileNotFoundError):
        lake.get_raw("0" * 64)
    path = lake.write_table("rejects", [_reject(1), _reject(2)], run_id="r1", ingest_date=NOW.date(), part=3)
    assert path is not None and path.endswith("/tables/rejects/ingest_date=2025-05-01/part-r1-00003.parquet")
    assert lake.table_files("rejects") == [path]
    with pytest.raises((ValueError, TypeError)):  # a row breaking the schema writes nothing
        lake.write_table("rejects", [_reject(3) | {"message": None}], run_id="r1", ingest_date=NOW.date(), part=4)
    assert lake.table_files("rejects") == [path] and lake.read_table("rejects").num_rows == 2
    assert lake.store.files(lake.tmp_dir) == [] and lake.sweep_tmp() == 0

    refresh_catalog(lake)
    with connect(lake) as con:
        assert con.execute("SELECT count(*), min(ingest_date) FROM rejects").fetchall() == [(2, NOW.date())]
        assert con.execute("SELECT count(*) FROM articles").fetchall() == [(0,)]
    with open_warehouse(lake.root) as wh:  # a reader with only the data root finds the storage in the catalog
        assert wh.query("SELECT count(*) AS n FROM stg_rejects").to_pylist() == [{"n": 2}]

    staged = begin_rebuild(lake)  # reprocess's swap: the new table replaces the old one whole
    staged.write_table("rejects", [_reject(i, "new") for i in range(5)], run_id="new", ingest_date=NOW.date(), part=0)
    commit_rebuild(lake, ("rejects", "articles"))
    assert lake.read_table("rejects", ["run_id"]).column("run_id").to_pylist() == ["new"] * 5
    assert recover_rebuild(lake) is None and not lake.store.exists(StagedLake(lake.root, lake.storage).tables_dir)


def test_a_lake_through_a_file_url(tmp_path: Path) -> None:
    url = (tmp_path / "store").as_uri()  # file:///...
    lake = Lake(tmp_path / "data", url)
    assert lake.store.local and lake.lake_dir == (tmp_path / "store").as_posix()
    _exercise_lake(lake)
    assert not (tmp_path / "data" / "lake").exists()  # the data root keeps only the catalog and the lock
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["sitrep.duckdb"]
    assert (tmp_path / "store" / "tables" / "rejects").is_dir() and (tmp_path / "store" / "raw").is_dir()


def test_a_lake_on_s3(tmp_path: Path, s3_url: str) -> None:
    lake = Lake(tmp_path / "data", s3_url)
    assert not lake.store.local and lake.store.uri(lake.tables_dir).startswith("s3://sitrep-")
    _exercise_lake(lake)
    objects = _objects(s3_url)
    assert any(o.startswith("raw/") for o in objects) and any(
        o.startswith("tables/rejects/ingest_date=") for o in objects
    )
    assert not any(o.startswith(("_tmp/", "tables.next/", "tables.old/")) for o in objects), objects
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["sitrep.duckdb"]


def test_a_killed_swap_on_s3_is_finished_by_the_next_run(tmp_path: Path, s3_url: str) -> None:
    lake = Lake(tmp_path / "data", s3_url)
    old = lake.write_table("rejects", [_reject(1, "old")], run_id="old", ingest_date=NOW.date(), part=0)
    staged = begin_rebuild(lake)
    staged.write_table("rejects", [_reject(2, "new"), _reject(3, "new")], run_id="new", ingest_date=NOW.date(), part=0)
    assert recover_rebuild(lake) == "discarded"  # no marker: the live table stays as it was
    assert lake.read_table("rejects").num_rows == 1

    staged = begin_rebuild(lake)
    new = staged.write_table(
        "rejects", [_reject(2, "new"), _reject(3, "new")], run_id="new", ingest_date=NOW.date(), part=0
    )
    assert new is not None and old is not None
    name = new.removeprefix(staged.table_dir("rejects") + "/")
    lake.store.put(f"{staged.tables_dir}/COMPLETE", json.dumps({"rejects": [name]}).encode())
    lake.store.copy(new, f"{lake.table_dir('rejects')}/{name}")  # killed after the copy, before the delete
    assert recover_rebuild(lake) == "finished"
    assert lake.table_files("rejects") == [f"{lake.table_dir('rejects')}/{name}"]
    assert lake.read_table("rejects").num_rows == 2


def test_credentials_never_ride_in_the_storage_url() -> None:
    with pytest.raises(StorageError, match="AWS_ACCESS_KEY_ID"):
        check_storage_url("s3://AKIA:secret@bucket/lake")
    with pytest.raises(StorageError, match="bucket"):
        check_storage_url("s3://")
    assert (
        check_storage_url("s3://bucket/lake?endpoint_override=127.0.0.1:9000")
        == "s3://bucket/lake?endpoint_override=127.0.0.1:9000"
    )


# -- the real flows, on S3 and on a local disk -------------------------------------------------------------


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = write_site(tmp_path / "site")
    (folder / "copy.html").write_text(make_page("Army buys launchers (copy)", PARAGRAPHS))
    (folder / "empty.html").write_bytes(b"")
    return folder


def _rows(lake: Lake, table: str) -> list[tuple[Any, ...]]:
    data = lake.read_table(table)
    data = data.select([c for c in data.column_names if c not in IGNORED])
    return sorted(tuple(repr(v) for v in row.values()) for row in data.to_pylist())


@pytest.mark.slow
def test_ingest_on_s3_equals_a_local_lake(prefect_api: str, tmp_path: Path, site: Path, s3_url: str) -> None:
    from flows.run.ingest import IngestOptions, ingest
    from flows.run.reprocess import reprocess

    def options(root: Path, storage: str | None, workers: int = 1) -> IngestOptions:
        return IngestOptions(lake=str(root), storage=storage, workers=workers, batch_size=2)

    first = ingest([str(site)], options(tmp_path / "s3data", s3_url, workers=2))  # cleaning in two other processes
    assert first["status"] == "completed", first
    assert first["counts"]["new"] == 3 and first["counts"]["duplicate"] == 1 and first["counts"]["rejected"] == 1
    local = ingest([str(site)], options(tmp_path / "local", None))
    assert local["counts"] == first["counts"]

    on_s3, on_disk = Lake(tmp_path / "s3data", s3_url), Lake(tmp_path / "local")
    for table in TABLES:
        expected = _rows(on_disk, table)
        assert expected, f"{table} is empty: the site does not exercise it"
        assert _rows(on_s3, table) == expected, f"{table} differs between the S3 lake and the local one"
    assert not (tmp_path / "s3data" / "lake").exists()
    assert not any(o.startswith("_tmp/") for o in _objects(s3_url))

    env = {k: v for k, v in os.environ.items() if not k.startswith("SITREP_")} | AWS_ENV
    env |= {"SITREP_LAKE": str(tmp_path / "s3data"), "SITREP_STORAGE": s3_url}
    query = (
        "SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM articles_current) AS current, "
        "(SELECT count(*) FROM raw_documents) AS raw, (SELECT count(*) FROM rejects) AS rejects"
    )
    out = subprocess.run(
        [*sitrep_command(), "sql", query, "--format", "json"], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == [{"articles": 4, "current": 3, "raw": 5, "rejects": 1}]
    check = subprocess.run([*sitrep_command(), "check"], env=env, capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr

    second = ingest([str(site)], options(tmp_path / "s3data", s3_url))
    assert second["counts"]["new"] == 0 and second["counts"]["unchanged"] >= 3, second["counts"]
    with connect(on_s3) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchall() == [(4,)]
        assert con.execute("SELECT status FROM run_history ORDER BY started_at").fetchall() == [("completed",)] * 2

    before = _rows(on_s3, "articles")
    again = reprocess(options(tmp_path / "s3data", s3_url))
    assert again["status"] == "completed"
    assert _rows(on_s3, "articles") == before  # rebuilt from the raw objects and swapped in, same rows
    assert not any(o.startswith(("tables.next/", "tables.old/", "_tmp/")) for o in _objects(s3_url))


def test_a_missing_bucket_is_one_line_before_anything_runs(tmp_path: Path, s3_endpoint: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SITREP_")} | AWS_ENV
    url = f"s3://no-such-bucket/lake?endpoint_override={s3_endpoint}&scheme=http&region=us-east-1"
    out = subprocess.run(
        [*sitrep_command(), "sql", "SELECT 1", "--lake", str(tmp_path / "data"), "--storage", url],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (
        out.returncode == 2 and out.stderr.startswith("sitrep: storage ") and "no bucket 'no-such-bucket'" in out.stderr
    )
    assert len(out.stderr.strip().splitlines()) == 1
    bad = subprocess.run(
        [*sitrep_command(), "status", "--storage", "s3://key:secret@bucket/lake"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (
        bad.returncode == 2
        and "AWS_ACCESS_KEY_ID" in bad.stderr
        and "secret" not in bad.stderr.replace("AWS_SECRET", "")
    )


def test_a_catalog_follows_its_lake_to_another_data_root_or_bucket_prefix(tmp_path: Path, s3_url: str) -> None:
    """Issue #14: a copied data root on the same storage keeps its catalog; a lake copied to another
    prefix gets a catalog over the new objects, never the old ones."""
    import shutil

    lake = Lake(tmp_path / "data", s3_url)
    lake.write_table("rejects", [_reject(1), _reject(2)], run_id="r1", ingest_date=NOW.date(), part=0)
    refresh_catalog(lake)
    shutil.copytree(tmp_path / "data", tmp_path / "copy")
    notes: list[str] = []
    with connect(Lake(tmp_path / "copy", s3_url), notice=notes.append) as con:
        assert con.execute("SELECT count(*) FROM rejects").fetchall() == [(2,)]
    assert notes == []  # the same storage: nothing to rebuild

    fs, base = pafs.FileSystem.from_uri(s3_url)
    moved_url = s3_url.replace("/lake?", "/moved?")
    for key in _objects(s3_url):
        fs.copy_file(f"{base}/{key}", f"{base.rsplit('/', 1)[0]}/moved/{key}")
    fs.delete_dir(base)
    with connect(Lake(tmp_path / "copy", moved_url), notice=notes.append) as con:
        assert con.execute("SELECT count(*) FROM rejects").fetchall() == [(2,)]
        assert con.execute("SELECT url FROM _sitrep.storage").fetchall() == [(moved_url,)]
    assert len(notes) == 1 and "built for the lake at s3://" in notes[0]
