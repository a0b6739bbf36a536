"""The local cleaning pool: workers forked from a warmed-up forkserver give what one process gives."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import psutil
import pytest
from conftest import PARAGRAPHS, REPO, make_page, query_catalog, running_sitrep_server, sitrep_command, write_site

from flows.run.workers import CleanJob, clean_all, cleaning_pool
from transforms.entities.ner import DEFAULT_MODEL

pytestmark = pytest.mark.skipif(
    "forkserver" not in multiprocessing.get_all_start_methods(), reason="the platform has no forkserver"
)


def _jobs(entity_model: str | None) -> list[CleanJob]:
    pages = [make_page(f"Army {n} tests launchers", PARAGRAPHS).encode() for n in range(3)]
    texts = [b"Navy orders frigates\n\n" + PARAGRAPHS[0].encode(), b"\xff\xfe not a page"]
    return [
        CleanJob(
            data,
            "html" if n < 3 else "text",
            f"https://news.example/{n}",
            dt.date(2026, 11, 1),
            1_000_000,
            5,
            entity_model=entity_model,
        )
        for n, data in enumerate(pages + texts)
    ]


@pytest.mark.parametrize("entity_model", [None, DEFAULT_MODEL])
def test_pool_results_equal_one_process_results(entity_model: str | None) -> None:
    jobs = _jobs(entity_model)
    with cleaning_pool(2, entity_model) as pool:
        assert pool is not None
        pooled = clean_all(pool, jobs)
    assert pooled == clean_all(None, jobs)
    assert any(getattr(r, "normalized", None) and r.normalized.mentions for r in pooled) == (entity_model is not None)


def _run_probe(tmp_path: Path, source: str, *args: object) -> Any:
    """Run ``source`` as a script in a fresh interpreter (the first pool of a process decides its
    forkserver's preload) and return the JSON it writes to the file named by its first argument.

    Output goes to a file, not a pipe: a worker left behind would hold a pipe open and hang the test."""
    script, out, err = tmp_path / "probe.py", tmp_path / "probe.json", tmp_path / "probe.err"
    script.write_text(source)
    with err.open("w") as errors:
        done = subprocess.run(
            [sys.executable, str(script), str(out), *map(str, args)],
            cwd=REPO,
            timeout=300,
            env={"PYTHONPATH": str(REPO), "PATH": ""},
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
    assert done.returncode == 0, err.read_text()[-3000:]
    return json.loads(out.read_text())


_PROBE = textwrap.dedent("""
    import json, os, sys
    from flows.run.workers import cleaning_pool

    def loaded():
        return {"pid": os.getpid(), "ppid": os.getppid(),
                "preloaded": [m for m in ("flows.run.preload", "flows.run.preload_entities") if m in sys.modules]}

    if __name__ == "__main__":
        with cleaning_pool(2, sys.argv[2] or None) as pool, open(sys.argv[1], "w") as out:
            json.dump([pool.submit(loaded).result() for _ in range(4)] + [{"parent": os.getpid()}], out)
""")


@pytest.mark.parametrize(
    ("entity_model", "preloaded"),
    [
        ("", ["flows.run.preload"]),
        (DEFAULT_MODEL, ["flows.run.preload", "flows.run.preload_entities"]),
    ],
)
def test_workers_fork_from_one_preloaded_server_not_from_the_parent(
    tmp_path, entity_model: str, preloaded: list[str]
) -> None:
    *workers, parent = _run_probe(tmp_path, _PROBE, entity_model)
    assert {w["ppid"] for w in workers} != {parent["parent"]}  # children of the forkserver
    assert len({w["ppid"] for w in workers}) == 1
    assert all(w["preloaded"] == preloaded for w in workers)


_EARLY_PROBE = textwrap.dedent("""
    import json, os, sys
    import psutil
    from flows.run.forkserver import start_early
    from flows.run.workers import cleaning_pool

    if __name__ == "__main__":
        workers, runner = int(sys.argv[2]), sys.argv[3]
        started = start_early(workers, None, runner)
        before = [p.pid for p in psutil.Process().children()]  # the forkserver (and resource tracker), if any
        with cleaning_pool(2, None) as pool:
            parents = {pool.submit(os.getppid).result() for _ in range(4)}
        with open(sys.argv[1], "w") as out:
            json.dump({"started": started, "before": before, "parents": sorted(parents)}, out)
""")


@pytest.mark.parametrize(
    ("workers", "runner", "started"), [(2, "local", True), (1, "local", False), (2, "dask", False)]
)
def test_an_early_started_forkserver_is_the_one_the_pool_forks_from(
    tmp_path, workers: int, runner: str, started: bool
) -> None:
    probe = _run_probe(tmp_path, _EARLY_PROBE, workers, runner)
    assert probe["started"] is started
    assert len(probe["parents"]) == 1
    # started early: the pool's workers are children of a process that ran before the pool opened
    assert (probe["parents"][0] in probe["before"]) is started
    assert bool(probe["before"]) is started  # nothing is started for one worker or a Dask run


_ORPHAN_PROBE = textwrap.dedent("""
    import json, os, sys
    from flows.run.workers import cleaning_pool

    if __name__ == "__main__":
        with cleaning_pool(2, None) as pool:
            pids = set()
            while len(pids) < 2:
                pids.update(pool.submit(os.getpid).result() for _ in range(4))
            with open(sys.argv[1], "w") as out:
                json.dump(sorted(pids), out)
            os._exit(0)  # as a killed parent would: the pool is never shut down
""")


def test_workers_end_when_their_parent_dies_without_shutting_them_down(tmp_path) -> None:
    workers = [psutil.Process(pid) for pid in _run_probe(tmp_path, _ORPHAN_PROBE) if psutil.pid_exists(pid)]
    _gone, alive = psutil.wait_procs(workers, timeout=60)  # a generous bound: without the watch they never end
    assert not alive, [p.cmdline() for p in alive]


def test_a_served_run_cleans_on_forked_workers(tmp_path: Path) -> None:
    """``sitrep serve`` runs each flow run in a subprocess of Prefect's runner; its pool forks there.
    Schedules fire only on a real server (with its scheduler), so this one starts ``sitrep server``."""
    write_site(tmp_path / "site")
    sources = tmp_path / "sources.toml"
    sources.write_text('[[source]]\nname = "Wire"\nkind = "directory"\npath = "site"\ninterval = 5\n')
    catalog = tmp_path / "data" / "sitrep.duckdb"
    statuses: list[tuple[object, ...]] = []
    with running_sitrep_server(tmp_path / "data", SITREP_WORKERS="2", SITREP_ENTITY_MODEL="none") as env:
        serve = subprocess.Popen(
            sitrep_command() + ["serve", str(sources)],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline and serve.poll() is None and not statuses:
                time.sleep(2)
                if catalog.exists():
                    statuses = query_catalog(catalog, "SELECT status FROM run_history WHERE status <> 'running'")
        finally:
            serve.send_signal(signal.SIGINT)
            serve.wait(timeout=60)
    assert statuses[:1] == [("completed",)]
    assert query_catalog(catalog, "SELECT count(*) FROM articles") == [(3,)]
