"""The reprocess cache: a second ``sitrep reprocess`` with nothing changed, with and without the cache.

    .venv/bin/python bench/reprocess_cache_bench.py [--scale 1] [--workers 2]

The corpus is the real pages of ``../shared/eval`` (as ``bench/scale_bench.py`` builds it), ingested
once with the full pipeline (entities on). Then, against one ``sitrep server`` started first:
1. ``reprocess`` with ``SITREP_REPROCESS_CACHE=false`` (everything cleaned, the cache untouched);
2. ``reprocess`` with the cache on and empty (everything cleaned, and the cache filled);
3. ``reprocess`` again, nothing changed (every batch read from the cache).
Each is ``sitrep reprocess --quiet`` as a subprocess; reported: the wall time, the flow body (from
``run_history``), the documents read from the cache, the cache's size, and whether the derived
tables are the same row for row as after run 1 (the columns each run stamps aside). Writes
``bench/results/reprocess_cache.json``.
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

from benchlib import eval_corpus, free_port, server_env, sitrep_server

REPO = Path(__file__).resolve().parents[1]
SITREP = str(Path(sys.executable).with_name("sitrep"))
RESULTS = REPO / "bench" / "results"
PER_RUN = {"run_id", "ingested_at", "at"}


def _tables(root: Path) -> dict[str, list[dict[str, Any]]]:
    from flows.run.reprocess import DERIVED_TABLES
    from warehouse.lake import Lake

    lake = Lake(root)
    return {
        t: [{k: v for k, v in row.items() if k not in PER_RUN} for row in lake.read_table(t).to_pylist()]
        for t in DERIVED_TABLES
    }


def _sitrep(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run([SITREP, *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"sitrep {args[0]} failed: {done.stderr[-2000:]}")
    return time.perf_counter() - start


def _last_run(env: dict[str, str]) -> dict[str, Any]:
    query = "SELECT epoch(finished_at) - epoch(started_at) AS seconds, counts FROM run_history ORDER BY started_at"
    out = subprocess.run(
        [SITREP, "sql", query, "--format", "json"], env=env, capture_output=True, text=True, check=True
    )
    row = json.loads(out.stdout)[-1]
    return {"flow_body_s": round(float(row["seconds"]), 2), "counts": json.loads(row["counts"])}


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir()) if folder.is_dir() else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        files, size = eval_corpus(args.scale, work / "corpus")
        env = server_env(free_port()) | {"SITREP_LAKE": str(work / "data"), "SITREP_WORKERS": str(args.workers)}
        runs: list[dict[str, Any]] = []
        with sitrep_server(SITREP, work / "server", env):
            _sitrep(["ingest", "--quiet", str(work / "corpus")], env)
            expected = None
            for name, cache in (("cache off", "false"), ("cold cache", "true"), ("warm cache", "true")):
                wall = _sitrep(["reprocess", "--quiet"], {**env, "SITREP_REPROCESS_CACHE": cache})
                run = {
                    "run": name,
                    "wall_s": round(wall, 2),
                    **_last_run(env),
                    "cache_bytes": _size(work / "data" / "prefect-results"),
                }
                tables = _tables(work / "data")
                expected = expected or tables
                run["tables_identical_to_uncached"] = tables == expected
                runs.append(run)
                print(json.dumps(run), flush=True)
    result = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "corpus": {"files": files, "bytes": size, "scale": args.scale},
        "workers": args.workers,
        "runs": runs,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "reprocess_cache.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
