"""Scale-out benchmark: the same corpus ingested with 1 and 2 local worker processes, or on a local Dask cluster.

    .venv/bin/python bench/scale_bench.py [--scale 12] [--modes local:1 local:2 [dask:2]]

The corpus is the real pages of ``../shared/eval`` (newspaper4k HTML pages, DVIDS text articles),
copied ``--scale`` times with distinct bytes (so every copy is cleaned, and deduplicated after).
Every run is ``sitrep ingest --quiet`` as a subprocess into a fresh lake, with the full pipeline
(entities on), against one ``sitrep server`` started first (its start-up is reported apart). The modes
run ``--repeat`` times, interleaved, and each mode reports its median round. For each mode:
documents cleaned per second of the whole command (wall clock: start-up, Prefect and the flow), and
per second of the flow body, the speed-ups over one process of each (of the medians, and within
each round), and the Prefect overhead per run (wall time minus flow body). The wall-clock speed-up
is the fair one: a multi-process command starts its workers' forkserver before Prefect
(``flows.run.forkserver.start_early``), so their warm-up falls before the flow body, where one process
loads its model inside it. Per-task overhead comes from
``bench/results/prefect_overhead.json`` when that bench has run. Last, the arithmetic of GDELT's
volume at the measured per-core rate. Writes ``bench/results/scale.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchlib import eval_corpus, free_port, median_round, server_env, sitrep_server

REPO = Path(__file__).resolve().parents[1]
SITREP = str(Path(sys.executable).with_name("sitrep"))
RESULTS = REPO / "bench" / "results"


def _run(corpus: Path, root: Path, env: dict[str, str], runner: str, workers: int) -> dict[str, Any]:
    env = {**env, "SITREP_LAKE": str(root), "SITREP_WORKERS": str(workers), "SITREP_RUNNER": runner}
    start = time.perf_counter()
    done = subprocess.run([SITREP, "ingest", "--quiet", str(corpus)], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"ingest ({runner}, {workers}) failed: {done.stderr[-2000:]}")
    query = "SELECT epoch(finished_at) - epoch(started_at) AS seconds, counts FROM run_history"
    out = subprocess.run(
        [SITREP, "sql", query, "--format", "json"], env=env, capture_output=True, text=True, check=True
    )
    row = json.loads(out.stdout)[-1]
    counts = json.loads(row["counts"])
    cleaned = counts["documents"] - counts["skipped"] - counts["unchanged"]
    body = float(row["seconds"])
    return {
        "runner": runner,
        "workers": workers,
        "documents": counts["documents"],
        "cleaned": cleaned,
        "new": counts["new"],
        "duplicate": counts["duplicate"],
        "rejected": counts["rejected"],
        "flow_body_s": round(body, 2),
        "wall_s": round(wall, 2),
        "prefect_and_start_overhead_s": round(wall - body, 2),
        "articles_per_s": round(cleaned / body, 2),
        "articles_per_wall_s": round(cleaned / wall, 2),
    }


def gdelt_arithmetic(per_core: float) -> dict[str, Any]:
    """Cores needed for 100k and 200k articles a day at ``per_core`` articles/s, busy all day or at 50%."""
    per_core_day = per_core * 86_400
    return {
        "per_core_articles_per_day": round(per_core_day),
        **{
            f"cores_for_{n // 1000}k_per_day": {
                "busy_100pct": round(n / per_core_day, 2),
                "busy_50pct": round(2 * n / per_core_day, 2),
            }
            for n in (100_000, 200_000)
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=12, help="copies of the corpus (12: 1,104 documents)")
    parser.add_argument(
        "--modes", nargs="+", default=["local:1", "local:2"], help="runner:workers; add dask:2 for a local Dask cluster"
    )
    parser.add_argument("--repeat", type=int, default=3, help="rounds of all modes, interleaved; medians are reported")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        files, size = eval_corpus(args.scale, work / "corpus")
        env = server_env(free_port())
        with sitrep_server(SITREP, work / "server", env) as server_start:
            rounds: dict[str, list[dict[str, Any]]] = {mode: [] for mode in args.modes}
            for round_ in range(args.repeat):  # interleaved, so a slow spell of the machine hits every mode alike
                for n, mode in enumerate(args.modes):
                    runner, workers = mode.split(":")
                    rounds[mode].append(_run(work / "corpus", work / f"lake{round_}-{n}", env, runner, int(workers)))
                    print(json.dumps(rounds[mode][-1]), flush=True)
    runs = []
    for mode in args.modes:
        wall = median_round(rounds[mode], lambda r: float(r["articles_per_wall_s"]), "rounds_articles_per_wall_s")
        body = median_round(rounds[mode], lambda r: float(r["articles_per_s"]), "rounds_articles_per_s")
        runs.append({**wall, **{k: body[k] for k in ("articles_per_s", "rounds_articles_per_s")}})
    base = next((r for r in runs if r["workers"] == 1), runs[0])
    for r in runs:
        for rate, label in (("articles_per_wall_s", "wall_speedup_vs_1"), ("articles_per_s", "body_speedup_vs_1")):
            r[label] = round(r[rate] / base[rate], 2)
            # the same ratio within each interleaved round, to show its spread on a shared machine
            r[f"rounds_{label}"] = [round(a / b, 2) for a, b in zip(r[f"rounds_{rate}"], base[f"rounds_{rate}"])]
    overhead_file = RESULTS / "prefect_overhead.json"
    overhead = json.loads(overhead_file.read_text()) if overhead_file.exists() else None
    result = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "corpus": {"files": files, "bytes": size, "scale": args.scale},
        "server_start_s": round(server_start, 2),
        "runs": runs,
        "prefect_overhead": None
        if overhead is None
        else {
            "per_task_s": overhead["in_process_against_server"]["per_task_s"],
            "per_flow_run_in_process_s": overhead["in_process_against_server"]["per_flow_run_s"],
            "per_cli_run_running_server_s": overhead["cli_running_server"]["median_overhead_s"],
            "per_cli_run_ephemeral_server_s": overhead["cli_ephemeral_server"]["median_overhead_s"],
        },
        "gdelt": gdelt_arithmetic(base["articles_per_s"] / max(base["workers"], 1)),
    }
    out = RESULTS / "scale.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
