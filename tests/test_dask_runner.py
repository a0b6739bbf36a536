"""Scale-out: the same ingest on a local Dask cluster of 2 worker processes writes the same tables."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import PARAGRAPHS, REPO, make_page

from flows.run.ingest import IngestOptions, ingest

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
        paragraphs.append(
            f"Story {i} names the 3rd Infantry Division and {i + 2} Patriot batteries in Poland. " * (i % 3 + 1)
        )
        (folder / f"story-{i:02d}.html").write_text(
            make_page(f"Story {i}", paragraphs, canonical=f"https://wire.example/s/{i}")
        )
    (folder / "copy.html").write_text(
        make_page(
            "Story 1 again",
            ["Report 1: " + p.replace("48", "101") for p in PARAGRAPHS]
            + ["Story 1 names the 3rd Infantry Division and 3 Patriot batteries in Poland. " * 2],
        )
    )
    (folder / "empty.html").write_bytes(b"")
    return folder


def _rows(root: Path, table: str) -> list[tuple[Any, ...]]:
    files = sorted((root / "lake" / "tables" / table).rglob("*.parquet"))
    if not files:
        return []
    data = pa.concat_tables([pq.read_table(f) for f in files], promote_options="permissive")
    data = data.select([c for c in data.column_names if c not in IGNORED])
    return sorted(tuple(repr(v) for v in row.values()) for row in data.to_pylist())


def test_dask_cluster_ingest_equals_single_process(prefect_api: str, tmp_path: Path) -> None:
    from distributed import LocalCluster

    (tmp_path / "corpus").mkdir()
    corpus = _corpus(tmp_path / "corpus")
    single = ingest([str(corpus)], IngestOptions(lake=str(tmp_path / "single"), workers=1, batch_size=4))
    with LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address="127.0.0.1:0"
    ) as cluster:
        spread = ingest(
            [str(corpus)],
            IngestOptions(
                lake=str(tmp_path / "dask"),
                workers=2,
                batch_size=4,
                runner="dask",
                dask_address=cluster.scheduler_address,
            ),
        )
    assert single["counts"] == spread["counts"]
    assert single["counts"]["new"] >= 5 and single["counts"]["duplicate"] >= 1 and single["counts"]["rejected"] >= 1, (
        single["counts"]
    )
    for table in TABLES:
        expected, got = _rows(tmp_path / "single", table), _rows(tmp_path / "dask", table)
        assert expected, f"{table} is empty: the corpus does not exercise it"
        assert got == expected, f"{table} differs between the single-process and the Dask run"


def test_dask_runs_go_through_prefect_dask_and_workers_start_no_server(prefect_api: str, tmp_path: Path) -> None:
    """Cleaning runs as Prefect task runs placed by prefect-dask's DaskTaskRunner; the workers report
    to the flow's API and never start a Prefect server of their own."""
    from distributed import Client, LocalCluster
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    (tmp_path / "corpus").mkdir()
    corpus = _corpus(tmp_path / "corpus")
    with LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address="127.0.0.1:0"
    ) as cluster:
        state = ingest(
            [str(corpus)],
            IngestOptions(
                lake=str(tmp_path / "dask"),
                workers=2,
                batch_size=8,
                runner="dask",
                dask_address=cluster.scheduler_address,
            ),
            return_state=True,
        )
        with Client(cluster) as client:
            servers = client.run(
                lambda: sorted(
                    str(port)
                    for port in __import__(
                        "prefect.server.api.server", fromlist=["SubprocessASGIServer"]
                    ).SubprocessASGIServer._instances
                )
            )
            workers_with_prefect = client.run(lambda: "prefect.task_engine" in sys.modules)
    assert state.is_completed()
    result = state.result()
    assert result["counts"]["new"] >= 5, result["counts"]
    assert all(workers_with_prefect.values()), workers_with_prefect  # the task engine ran there
    assert all(found == [] for found in servers.values()), servers  # but no server was started there
    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[state.state_details.flow_run_id]))
        )
    cleans = [run for run in runs if run.name.startswith("clean")]
    assert cleans and all(run.state is not None and run.state.is_completed() for run in cleans)
    # one task run per chunk of at most 8 documents: the 11+ cleaned documents took at least two
    assert len(cleans) >= 2


@pytest.mark.slow
def test_cli_dask_run_without_a_server_starts_one_for_the_run(tmp_path: Path) -> None:
    """No PREFECT_API_URL and no `sitrep server`: the CLI serves the API for the run itself, so the
    Dask workers report there instead of starting Prefect servers of their own."""
    import os
    import subprocess

    from conftest import sitrep_command

    (tmp_path / "corpus").mkdir()
    corpus = _corpus(tmp_path / "corpus")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SITREP_", "PREFECT_API"))}
    env.update(
        SITREP_LAKE=str(tmp_path / "lake"),
        SITREP_SERVER_PORT="9",
        PREFECT_HOME=str(tmp_path / "home"),
        SITREP_ENTITY_MODEL="none",
    )
    done = subprocess.run(
        sitrep_command() + ["ingest", "--quiet", "--runner", "dask", "--workers", "2", str(corpus)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    got = _rows(tmp_path / "lake", "articles")
    assert len(got) >= 5
