"""Warehouse benchmark: build a synthetic lake (``bench/warehouse_gen.py``), refresh the catalog with its
materialized marts and the search index, then time each mart query and each dashboard request over real
HTTP on 127.0.0.1 (the search requests go through the index; ``bench/search_bench.py`` times searches alone).

Writes ``bench/results/warehouse.json`` (``--out`` for another file). Measured, never asserted in tests.

    .venv/bin/python bench/warehouse_bench.py [--articles 1000000] [--root /tmp/sitrep-bench] [--reuse]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from pathlib import Path

import duckdb
import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from warehouse_gen import generate  # noqa: E402

from flows.dashboard.app import create_app  # noqa: E402
from warehouse.catalog import refresh_catalog  # noqa: E402
from warehouse.checks import run_checks  # noqa: E402
from warehouse.lake import Lake  # noqa: E402
from warehouse.search_index import index_folder, update_index  # noqa: E402
from warehouse.sql_models import load_models  # noqa: E402

MART_QUERIES = {  # a typical read of each mart: a 90-day window, or a look-up
    "articles_daily": "SELECT day, sum(articles) FROM articles_daily WHERE day BETWEEN DATE '2024-03-01' AND DATE '2024-05-30' GROUP BY 1",
    "article_entities": "SELECT day, count(*) FROM article_entities WHERE entity_id = 'E5' GROUP BY 1",
    "entity_mentions_daily": "SELECT entity_id, sum(mentions) FROM entity_mentions_daily WHERE day BETWEEN DATE '2024-03-01' AND DATE '2024-05-30' GROUP BY 1 ORDER BY 2 DESC LIMIT 10",
    "top_entities_weekly": "SELECT * FROM top_entities_weekly WHERE week = DATE '2024-03-04'",
    "countries_monthly": "SELECT country_iso3, sum(mentions) FROM countries_monthly WHERE month BETWEEN DATE '2024-01-01' AND DATE '2024-06-01' GROUP BY 1",
    "entity_cooccurrence": "SELECT * FROM entity_cooccurrence WHERE entity_a = 'E5' ORDER BY articles DESC LIMIT 20",
    "quantity_claims": "SELECT day, event, sum(value) FROM quantity_claims WHERE is_casualty AND day BETWEEN DATE '2024-03-01' AND DATE '2024-05-30' GROUP BY ALL",
    "event_timeline": "SELECT * FROM event_timeline WHERE event_date BETWEEN DATE '2024-03-01' AND DATE '2024-03-07' AND entity_id = 'E7'",
    "article_index": "SELECT article_id, title FROM article_index WHERE day BETWEEN DATE '2024-03-01' AND DATE '2024-05-30' AND text ILIKE '%convoy77 %' LIMIT 50",
    "entity_summary": "SELECT * FROM entity_summary ORDER BY mentions DESC LIMIT 300",
    "money_claims": "SELECT currency, count(*) FROM money_claims WHERE day BETWEEN DATE '2024-03-01' AND DATE '2024-05-30' GROUP BY 1",
    "money_parties": "SELECT party, sum(value) FROM money_parties WHERE dimension = 'country' AND day BETWEEN DATE '2024-03-01' AND DATE '2024-05-30' GROUP BY 1",
}
WINDOW = {"from": "2024-03-01", "to": "2024-05-30"}
REQUESTS = {
    "meta": ("/api/meta", {}),
    "volume (all)": ("/api/volume", {}),
    "volume (90 days, source)": ("/api/volume", WINDOW | {"source": "Source 3"}),
    "volume (entity)": ("/api/volume", {"entity": "E5"}),
    "top_entities (all)": ("/api/top_entities", {}),
    "top_entities (90 days)": ("/api/top_entities", WINDOW),
    "top_entities (entity, 90 days)": ("/api/top_entities", WINDOW | {"entity": "E5"}),
    "countries (all)": ("/api/countries", {}),
    "countries (entity, 90 days)": ("/api/countries", WINDOW | {"entity": "E5"}),
    "casualties (all)": ("/api/casualties", {}),
    "casualties (90 days, entity)": ("/api/casualties", WINDOW | {"entity": "E5"}),
    "search (90 days)": ("/api/search", WINDOW | {"q": "convoy77"}),
    "search (all, 1 in 211 articles)": ("/api/search", {"q": "depot17"}),
    "search (all, 1 in 1,009 articles)": ("/api/search", {"q": "convoy1008"}),
    "search (all, one article)": ("/api/search", {"q": "sitrepdoc123457"}),
    "search (all, common word)": ("/api/search", {"q": "said"}),
    "search (entity, 90 days)": ("/api/search", WINDOW | {"q": "said", "entity": "E5"}),
    "entities (suggest)": ("/api/entities", {"q": "Entity 12"}),
    "entities (by id)": ("/api/entities", {"id": "E5"}),
    "casualties (military, all)": ("/api/casualties", {"scope": "military"}),
    "money (by company, all)": ("/api/money", {"by": "company"}),
    "money (by country, 90 days)": ("/api/money", WINDOW | {"by": "country"}),
    "money (by system, contracts, entity)": ("/api/money", {"by": "system", "contracts": "1", "entity": "E5"}),
    "comentions (top pairs, all)": ("/api/comentions", {}),
    "comentions (top pairs, 90 days)": ("/api/comentions", WINDOW),
    "comentions (entity, all)": ("/api/comentions", {"entity": "E5"}),
    "comentions (entity, 90 days)": ("/api/comentions", WINDOW | {"entity": "E5"}),
    "trends (all)": ("/api/trends", {"type": "ORG"}),
    "trends (90 days, source)": ("/api/trends", WINDOW | {"type": "GPE", "source": "Source 3"}),
    "trends (entity)": ("/api/trends", {"type": "ORG", "entity": "E5"}),
    "events (all)": ("/api/events", {}),
    "events (entity, 90 days)": ("/api/events", WINDOW | {"entity": "E7"}),
    "articles (newest)": ("/api/articles", {}),
    "articles (entity)": ("/api/articles", {"entity": "E5"}),
    "articles (entity, 90 days)": ("/api/articles", WINDOW | {"entity": "E5"}),
}


def median_ms(fn, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(times), 1), round(max(times), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--root", type=Path, default=Path("/tmp/sitrep-bench"))
    parser.add_argument("--reuse", action="store_true", help="keep an already generated lake")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--requests-only",
        action="store_true",
        help="with --reuse: time the dashboard requests over the catalog as it is (no refresh, no marts)",
    )
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "warehouse.json")
    args = parser.parse_args()
    out: dict[str, object] = {"articles": args.articles}
    lake = Lake(args.root)
    if not (args.reuse and lake.exists()):
        t = time.perf_counter()
        out["generate_s"] = generate(args.root, args.articles)
        out["generate_total_s"] = round(time.perf_counter() - t, 1)
    if not (args.reuse and args.requests_only and lake.catalog_path.exists()):
        time_marts(lake, args.repeat, out)
    dash = time_requests(args.root, args.repeat)
    out["dashboard_ms"] = dash
    out["dashboard_over_300ms"] = [k for k, v in dash.items() if v["median_ms"] >= 300]
    path = args.out
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, indent=2))
    print(json.dumps(out, indent=2))


def time_marts(lake: Lake, repeat: int, out: dict[str, object]) -> None:
    """Refresh the catalog, then time each mart's computation and a typical read of it, and the checks."""
    t = time.perf_counter()
    refresh_catalog(lake)
    out["refresh_catalog_s"] = round(time.perf_counter() - t, 1)
    con = duckdb.connect(str(lake.catalog_path), read_only=True)
    out["mart_rows"] = dict(con.execute("SELECT name, row_count FROM _sitrep.marts").fetchall())
    build: dict[str, float] = {}
    for mart in load_models("marts"):  # the cost of computing each mart once (what a refresh pays)
        t = time.perf_counter()
        con.execute(f"SELECT count(*) FROM ({mart.sql})").fetchall()
        build[mart.name] = round(time.perf_counter() - t, 2)
    out["mart_compute_s"] = build
    out["mart_query_ms"] = {
        name: median_ms(lambda q=q: con.execute(q).fetchall(), repeat)[0] for name, q in MART_QUERIES.items()
    }
    t = time.perf_counter()
    built = update_index(con, index_folder(lake.root), rebuild=True)  # the dashboard's search reads it
    out["search_index_build_s"] = round(time.perf_counter() - t, 1)
    out["search_index_articles"] = built.total
    t = time.perf_counter()
    results = run_checks(con)
    out["checks_s"] = round(time.perf_counter() - t, 1)
    out["checks_failed"] = [r.name for r in results if not r.passed]
    con.close()


def time_requests(root: Path, repeat: int) -> dict[str, dict[str, float]]:
    """Median and worst milliseconds of each dashboard request over real HTTP on 127.0.0.1."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(create_app(root), host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    dash: dict[str, dict[str, float]] = {}
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
        for name, (path, params) in REQUESTS.items():
            client.get(path, params=params).raise_for_status()  # warm
            med, worst = median_ms(lambda p=path, q=params: client.get(p, params=q).raise_for_status(), repeat)
            dash[name] = {"median_ms": med, "max_ms": worst}
    server.should_exit = True
    thread.join(timeout=5)
    return dash


if __name__ == "__main__":
    main()
