"""What Prefect costs sitrep: per CLI run with and without a running server, per flow run, per task.

    .venv/bin/python bench/prefect_overhead.py [--repeats 2]

1. ``cli``: ``sitrep ingest --quiet`` of a 3-page corpus into a fresh lake, as a subprocess, (a) with
   no server (Prefect's ephemeral server starts inside the command) and (b) with ``sitrep server``
   running (found by the probe). Overhead = wall time minus the flow body's own time (the ``runs``
   table's finished_at - started_at), so it includes interpreter start and imports.
2. ``inproc``: against the running server, in one process: a flow with no task (per flow run) and
   with 100 trivial tasks (per task = difference / 100).

Writes ``bench/results/prefect_overhead.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchlib import free_port

REPO = Path(__file__).resolve().parents[1]
SITREP = str(Path(sys.executable).with_name("sitrep"))
PAGE = (
    "<html><head><title>Story {i}</title></head><body><article><h1>Story {i}</h1>"
    + "<p>Story {i}: the Army awarded a contract worth $1.2 billion on Tuesday for {i} new launchers, officials said "
    "at a briefing at the Pentagon, adding that the first deliveries are expected within two years.</p>"
    * 4
    + "</article></body></html>"
)


def _env(root: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SITREP_", "PREFECT_API"))}
    env.update(
        SITREP_LAKE=str(root),
        SITREP_SERVER_PORT=str(port),
        SITREP_WORKERS="1",
        SITREP_ENTITY_MODEL="none",
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        DO_NOT_TRACK="1",
    )
    return env


def _cli_run(corpus: Path, root: Path, port: int) -> dict[str, float]:
    env = _env(root, port)
    start = time.perf_counter()
    done = subprocess.run([SITREP, "ingest", "--quiet", str(corpus)], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"ingest failed: {done.stderr}")
    out = subprocess.run(
        [SITREP, "sql", "SELECT epoch(finished_at) - epoch(started_at) AS s FROM run_history", "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    body = float(json.loads(out.stdout)[-1]["s"])
    return {"wall_s": round(wall, 2), "flow_body_s": round(body, 2), "overhead_s": round(wall - body, 2)}


def _summary(runs: list[dict[str, float]]) -> dict[str, Any]:
    return {
        "runs": runs,
        "median_wall_s": round(statistics.median(r["wall_s"] for r in runs), 2),
        "median_overhead_s": round(statistics.median(r["overhead_s"] for r in runs), 2),
    }


def _inproc(api: str) -> dict[str, Any]:
    code = r"""
import json, time
from prefect import flow, task
from prefect.cache_policies import NO_CACHE

@task(cache_policy=NO_CACHE, persist_result=False)
def tiny(i: int) -> int:
    return i

@flow(persist_result=False)
def empty() -> None:
    return None

@flow(persist_result=False)
def many(n: int) -> int:
    return sum(tiny(i) for i in range(n))

empty(); many(5)  # warm-up: imports, client, flow and task registration
t = time.perf_counter(); [empty() for _ in range(5)]; per_run = (time.perf_counter() - t) / 5
t = time.perf_counter(); [many(0) for _ in range(3)]; zero = (time.perf_counter() - t) / 3
t = time.perf_counter(); [many(100) for _ in range(3)]; hundred = (time.perf_counter() - t) / 3
print(json.dumps({"per_flow_run_s": round(per_run, 3), "flow_with_0_tasks_s": round(zero, 3),
                  "flow_with_100_tasks_s": round(hundred, 3), "per_task_s": round((hundred - zero) / 100, 4)}))
"""
    env = {
        **os.environ,
        "PREFECT_API_URL": api,
        "PREFECT_LOGGING_LEVEL": "ERROR",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
    }
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        corpus.mkdir()
        for i in range(3):
            (corpus / f"s{i}.html").write_text(PAGE.format(i=i))
        unused = free_port()  # nothing listens here: the commands fall back to the ephemeral server
        ephemeral = [_cli_run(corpus, work / f"eph{n}", unused) for n in range(args.repeats)]

        port, root = free_port(), work / "served"
        start = time.perf_counter()
        server = subprocess.Popen(
            [SITREP, "server"], env=_env(root, port), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            while not (root / "prefect-server.json").exists():
                if server.poll() is not None or time.perf_counter() - start > 180:
                    raise SystemExit("sitrep server did not start")
                time.sleep(0.1)
            server_start = time.perf_counter() - start
            served = [_cli_run(corpus, root, port) for _ in range(args.repeats + 1)]
            inproc = _inproc(f"http://127.0.0.1:{port}/api")
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
    result = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "cli_ephemeral_server": _summary(ephemeral),
        "cli_running_server": _summary(served),
        "server_start_s": round(server_start, 2),
        "in_process_against_server": inproc,
    }
    out = REPO / "bench" / "results" / "prefect_overhead.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
