"""What a per-host Prefect global concurrency slot costs, and whether it slows a polite fetch.

    .venv/bin/python bench/host_limit_bench.py [--acquires 200] [--pages 12]

Uses ``PREFECT_API_URL`` when it is set; otherwise starts a Prefect server (a subprocess, SQLite in
a temporary ``PREFECT_HOME``) for the length of the script, the way ``sitrep server`` would run one.

1. One slot, taken and given back with nothing in between, ``--acquires`` times in a row, on a
   limit nobody else uses:
   - ``sitrep``: ``flows.acquire.host_limits.HostLimits.slot`` (what the fetcher does per request: one POST
     with a lease to take it, one POST to give it back);
   - ``prefect concurrency()``: ``prefect.concurrency.sync.concurrency``, Prefect's own context
     manager (the same two calls, plus a lease-renewal thread and events per slot);
   - ``prefect rate_limit()``: one call on a limit with slot decay (no release);
   - ``one GET``: reading the limit, as the price of one API round trip.
2. The same ``sitrep`` slot from 4 threads at once (limit 4: no waiting), as a per-slot figure.
3. A polite fetch: ``flows.acquire.web.fetch_web`` of ``--pages`` pages of one host on 127.0.0.1, with the
   default 1 s between requests to a host and 2 at once, host limits off and then on.

Prints a table and writes ``bench/results/host_limits.json``. Measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

RESULTS = REPO / "bench" / "results" / "host_limits.json"
PAGE = (
    b"<html><head><title>Bench</title></head><body><article><h1>Bench page</h1>"
    + b"<p>The brigade moved north on Tuesday, officials said.</p>" * 40
    + b"</article></body></html>"
)


@contextmanager
def prefect_api() -> Iterator[str]:
    if os.environ.get("PREFECT_API_URL"):
        yield os.environ["PREFECT_API_URL"]
        return
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-prefect-") as home:
        os.environ.update(
            PREFECT_HOME=home,
            PREFECT_SERVER_ANALYTICS_ENABLED="false",
            DO_NOT_TRACK="1",
            PREFECT_LOGGING_LEVEL="WARNING",
            PREFECT_SERVER_LOGGING_LEVEL="WARNING",
        )
        from flows.serve.server import run_scoped_api

        with run_scoped_api() as url:
            yield url


def timed(fn: Callable[[], object], n: int) -> dict[str, float]:
    fn()  # warm: connection, limit creation
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {
        "n": n,
        "median_ms": round(statistics.median(samples), 2),
        "mean_ms": round(statistics.fmean(samples), 2),
        "p90_ms": round(samples[int(0.9 * (n - 1))], 2),
        "max_ms": round(samples[-1], 2),
    }


def fresh_limit(client: Any, name: str, limit: int, decay: float = 0.0) -> None:
    from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate
    from prefect.exceptions import ObjectNotFound

    try:
        client.delete_global_concurrency_limit_by_name(name)
    except ObjectNotFound:
        pass
    client.create_global_concurrency_limit(
        GlobalConcurrencyLimitCreate(name=name, limit=limit, slot_decay_per_second=decay)
    )


def slot_costs(n: int) -> dict[str, Any]:
    from prefect.client.orchestration import get_client
    from prefect.concurrency.sync import concurrency, rate_limit

    from flows.acquire.host_limits import HostLimits, limit_name

    out: dict[str, Any] = {}
    with get_client(sync_client=True) as client:
        for host in ("bench-a.example", "bench-b.example", "bench-c.example", "bench-d.example"):
            fresh_limit(client, limit_name(host), 4)
        fresh_limit(client, "sitrep-bench-rate", 100_000, decay=100_000.0)
        limits = HostLimits(client, slots=4, lease_seconds=90, timeout=60)

        def ours() -> None:
            with limits.slot("bench-a.example"):
                pass

        def theirs() -> None:
            with concurrency(limit_name("bench-b.example"), lease_duration=90, strict=True):
                pass

        out["sitrep slot (take + give back)"] = timed(ours, n)
        out["prefect concurrency()"] = timed(theirs, n)
        out["prefect rate_limit()"] = timed(lambda: rate_limit("sitrep-bench-rate", strict=True), n)
        out["one GET (a round trip)"] = timed(
            lambda: client.read_global_concurrency_limit_by_name("sitrep-bench-rate"), n
        )

        per_thread = max(1, n // 4)

        def many(_: int) -> None:
            for _ in range(per_thread):
                ours()

        start = time.perf_counter()
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(many, range(4)))
        seconds = time.perf_counter() - start
        out["sitrep slot, 4 threads"] = {
            "n": 4 * per_thread,
            "wall_ms_per_slot": round(seconds * 1000 / (4 * per_thread), 2),
            "thread_ms_per_slot": round(seconds * 1000 / per_thread, 2),
        }
        for host in ("bench-a.example", "bench-b.example", "bench-c.example", "bench-d.example"):
            client.delete_global_concurrency_limit_by_name(limit_name(host))
        client.delete_global_concurrency_limit_by_name("sitrep-bench-rate")
    return out


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)


def polite_fetch(pages: int) -> dict[str, Any]:
    from flows.acquire.fetch_records import FetchPolicy, HostLimitMode
    from flows.acquire.seen import SeenState
    from flows.acquire.sources import Source
    from flows.acquire.web import fetch_web
    from warehouse.lake import Lake

    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    out: dict[str, Any] = {}
    try:
        modes: tuple[HostLimitMode, ...] = ("off", "on")
        for mode in modes:
            policy = FetchPolicy(allow_private_addresses=True, respect_robots=False, host_limits=mode)
            urls = tuple(f"{base}/{mode}/story-{i}" for i in range(pages))
            with tempfile.TemporaryDirectory() as tmp:
                start = time.perf_counter()
                results = list(
                    fetch_web(
                        [Source("bench", "urls", urls=urls)],
                        Lake(Path(tmp)),
                        SeenState(),
                        policy,
                        run_id=f"bench-{mode}",
                    )
                )
                seconds = time.perf_counter() - start
            assert sum(r.outcome == "fetched" for r in results) == pages, [r.outcome for r in results]
            out[f"host limits {mode}"] = {
                "pages": pages,
                "seconds": round(seconds, 2),
                "floor_seconds": (pages - 1) * policy.per_host_delay,
            }
    finally:
        server.shutdown()
        server.server_close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--acquires", type=int, default=200)
    parser.add_argument("--pages", type=int, default=12)
    args = parser.parse_args()
    with prefect_api() as url:
        costs = slot_costs(args.acquires)
        fetch = polite_fetch(args.pages)
    print(f"Prefect API: {url}")
    print(f"{'per slot':34} {'median ms':>10} {'mean ms':>9} {'p90 ms':>8}")
    for name, row in costs.items():
        if "median_ms" in row:
            print(f"{name:34} {row['median_ms']:>10} {row['mean_ms']:>9} {row['p90_ms']:>8}")
        else:
            print(
                f"{name:34} wall {row['wall_ms_per_slot']} ms per slot, {row['thread_ms_per_slot']} ms per slot per thread"
            )
    for name, row in fetch.items():
        print(f"polite fetch, {name:14} {row['pages']} pages in {row['seconds']} s (floor {row['floor_seconds']} s)")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
                "api": "PREFECT_API_URL" if os.environ.get("PREFECT_API_URL") else "subprocess server",
                "slots": costs,
                "polite_fetch": fetch,
            },
            indent=2,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
