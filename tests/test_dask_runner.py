"""Scale-out: the same ingest on a local Dask cluster of 2 worker processes writes the same tables."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import PARAGRAPHS, REPO, make_page
from flows.ingest import IngestOptions, ingest

pytestmark = pytest.mark.slow
pytest.importorskip("distributed", reason="runner=dask needs distributed (pip install 'distributed==2026.8.0')")

TABLES = ("raw_documents", "articles", "entity_mentions", "entities", "quantities", "temporal_expressions", "rejects")
IGNORED = {"run_id", "ingested_at", "at"}  # differ between any two runs by design


def _corpus(folder: Path) -> Path:
    for page in sorted((REPO / "tests" / "fixtures" / "clean").glob("*.*")):
        if page.suffix in (".html", ".txt"):
            shutil.copy(page, folder / page.name)
    for i in range(10):
        paragraphs = [f"Report {i}: " + p.replace("48", str(100 + i)) for p in PARAGRAPHS]
        paragraphs.append(f"Story {i} names the 3rd Infantry Division and {i + 2} Patriot batteries in Poland. " * (i % 3 + 1))
        (folder / f"story-{i:02d}.html").write_text(make_page(f"Story {i}", paragraphs, canonical=f"https://wire.example/s/{i}"))
    (folder / "copy.html").write_text(make_page("Story 1 again", [f"Report 1: " + p.replace("48", "101") for p in PARAGRAPHS]
                                                + ["Story 1 names the 3rd Infantry Division and 3 Patriot batteries in Poland. " * 2]))
    (folder / "empty.html").write_bytes(b"")
    return folder


def _rows(root: Path, table: str) -> list[tuple[Any, ...]]:
    files = sorted((root / "lake" / "tables" / table).rglob("*.parquet"))
    if not files:
        return []
    data = pa.concat_tables([pq.read_table(f) for f in files], promote_options="permissive")
    data = data.select([c for c in data.column_names if c not in IGNORED])
    return sorted((tuple(repr(v) for v in row.values()) for row in data.to_pylist()))


def test_dask_cluster_ingest_equals_single_process(prefect_api: str, tmp_path: Path) -> None:
    from distributed import LocalCluster

    (tmp_path / "corpus").mkdir()
    corpus = _corpus(tmp_path / "corpus")
    single = ingest([str(corpus)], IngestOptions(lake=str(tmp_path / "single"), workers=1, batch_size=4))
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0") as cluster:
        spread = ingest([str(corpus)], IngestOptions(lake=str(tmp_path / "dask"), workers=2, batch_size=4,
                                                     runner="dask", dask_address=cluster.scheduler_address))
    assert single["counts"] == spread["counts"]
    assert single["counts"]["new"] >= 5 and single["counts"]["duplicate"] >= 1 and single["counts"]["rejected"] >= 1, single["counts"]
    for table in TABLES:
        expected, got = _rows(tmp_path / "single", table), _rows(tmp_path / "dask", table)
        assert expected, f"{table} is empty: the corpus does not exercise it"
        assert got == expected, f"{table} differs between the single-process and the Dask run"


def test_dask_workers_never_import_prefect(tmp_path: Path) -> None:
    """The jobs run plain functions on the workers: Prefect is never imported there (no server of their own)."""
    from distributed import Client, LocalCluster

    from flows.workers import CleanJob, clean_job, cleaning_pool

    job = CleanJob(make_page("Army buys launchers", PARAGRAPHS).encode(), "html", None, dt.date(2025, 4, 9), 10**7, 25)
    with LocalCluster(n_workers=1, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address="127.0.0.1:0") as cluster:
        with cleaning_pool(1, None, runner="dask", dask_address=cluster.scheduler_address) as pool:
            assert pool is not None
            result = pool.submit(clean_job, job).result()
        with Client(cluster) as client:
            imported = client.run(lambda: sorted(m for m in sys.modules if m.split(".")[0] == "prefect"))
    assert result.article.title == "Army buys launchers"  # type: ignore[union-attr]
    assert all(mods == [] for mods in imported.values()), imported
