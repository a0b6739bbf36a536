"""Search benchmark: the full-text index (``warehouse.search_index``) over a generated lake of real-length
articles (``bench/warehouse_gen.py``), against a scan of ``article_index``.

Measures, in one run: the full build (seconds, size on disk), an update that adds the newest 1,000
articles to an index of the rest, an update with nothing to do, and the median and worst milliseconds of
each search (``search()`` itself: query, top 20, stored text and passages), then the same one-article
search as a scan (``ILIKE`` over ``article_index``, what the dashboard did before the index). Writes
``bench/results/search.json`` (``--out`` for another file). Measured, never asserted in tests.

    .venv/bin/python bench/search_bench.py --root /tmp/sitrep-bench [--articles 1000000] [--reuse]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import sys
import time
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from warehouse_gen import WORDS, generate  # noqa: E402

from warehouse.catalog import refresh_catalog  # noqa: E402
from warehouse.lake import Lake  # noqa: E402
from warehouse.search_index import index_folder, search, update_index  # noqa: E402

HELD_OUT = 1_000  # the newest articles, added by the timed update


def _vocab() -> list[str]:
    return [w for w in WORDS.read_text(encoding="utf-8").split("\n") if w and not w.startswith("#")]


def searches(articles: int) -> dict[str, dict[str, object]]:
    """The searches timed: words by their rank in the generator's Zipf-like vocabulary, and its rare tokens."""
    v = _vocab()
    window = {"since": dt.date(2024, 3, 1), "until": dt.date(2024, 5, 30)}
    one = f"sitrepdoc{min(123_457, articles // 100 * 50 + 7)}"  # a % 50 == 49 would be a duplicate
    return {
        f"common word ({v[9]!r}, rank 10)": {"q": v[9]},
        "two common words (ranks 30, 80)": {"q": f"{v[29]} {v[79]}"},
        f"mid word ({v[999]!r}, rank 1,000)": {"q": v[999]},
        "rare term (1 article in 1,009)": {"q": "convoy1008"},
        "rarer term (1 in 50,021)": {"q": "sector4242"},
        "one article": {"q": one},
        "phrase of common words (ranks 10, 20)": {"q": f'"{v[9]} {v[19]}"'},
        "OR of two mid words": {"q": f"{v[999]} OR {v[1499]}"},
        "word -word": {"q": f"{v[99]} -{v[29]}"},
        "common word, 90 days": {"q": v[9], **window},
        "common word, newest first": {"q": v[9], "newest": True},
        "mid word, one source": {"q": v[999], "sources": ["Source 3"]},
        "title word": {"q": "title:headline"},
    }


def timed(fn, repeat: int) -> tuple[float, float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(times), 2), round(max(times), 2), result


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--root", type=Path, default=Path("/tmp/sitrep-bench"))
    parser.add_argument("--reuse", action="store_true", help="keep an already generated lake and its catalog")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "search.json")
    args = parser.parse_args()
    lake = Lake(args.root)
    out: dict[str, object] = {"articles": args.articles, "date": dt.date.today().isoformat()}
    if not (args.reuse and lake.exists()):
        out["generate_s"] = generate(args.root, args.articles)
    if not (args.reuse and lake.catalog_path.exists()):
        t = time.perf_counter()
        refresh_catalog(lake)
        out["refresh_catalog_s"] = round(time.perf_counter() - t, 1)
    folder = index_folder(args.root)
    con = duckdb.connect()
    con.execute(f"ATTACH '{lake.catalog_path.as_posix()}' AS cat (READ_ONLY)")
    out["current_articles"], out["text_chars_median"] = con.execute(
        "SELECT count(*), median(length(text)) FROM cat.article_index"
    ).fetchone()  # type: ignore[misc]
    con.execute(
        f"CREATE TABLE held AS SELECT article_id FROM cat.article_index ORDER BY day DESC, article_id LIMIT {HELD_OUT}"
    )
    con.execute("CREATE VIEW article_index AS SELECT * FROM cat.article_index ANTI JOIN held USING (article_id)")
    if folder.exists():
        shutil.rmtree(folder)
    build = update_index(con, folder)
    out["build"] = {
        "articles": build.total,
        "seconds": build.seconds,
        "bytes": _size(folder),
        "bytes_per_article": round(_size(folder) / max(build.total, 1)),
    }
    con.execute("CREATE OR REPLACE VIEW article_index AS SELECT * FROM cat.article_index")
    added = update_index(con, folder)
    out["update_1000_new"] = {"added": added.added, "seconds": added.seconds}
    nothing = update_index(con, folder)
    out["update_nothing_new"] = {"added": nothing.added, "seconds": nothing.seconds}
    print(json.dumps(out, indent=2), flush=True)

    times: dict[str, dict[str, object]] = {}
    for name, spec in searches(args.articles).items():
        params = {k: v for k, v in spec.items() if k != "q"}
        search(folder, str(spec["q"]), **params)  # type: ignore[arg-type]  # warm
        med, worst, hits = timed(lambda s=spec, p=params: search(folder, str(s["q"]), **p), args.repeat)  # type: ignore[arg-type]
        times[name] = {"q": spec["q"], "median_ms": med, "max_ms": worst, "hits": len(hits)}  # type: ignore[arg-type]
        print(f"{name:40} {med:9.2f} ms (worst {worst:.2f}, {len(hits)} hits)", flush=True)  # type: ignore[arg-type]
    out["search_ms"] = times
    out["search_median_of_medians_ms"] = statistics.median(float(t["median_ms"]) for t in times.values())  # type: ignore[arg-type]
    out["search_worst_median_ms"] = max(float(t["median_ms"]) for t in times.values())  # type: ignore[arg-type]
    one = searches(args.articles)["one article"]["q"]
    med, worst, rows = timed(
        lambda: con.execute(
            "SELECT article_id FROM article_index WHERE title ILIKE ? OR text ILIKE ? LIMIT 50",
            [f"%{one}%", f"%{one}%"],
        ).fetchall(),
        3,
    )
    out["scan_one_article_ms"] = {"median_ms": med, "max_ms": worst, "hits": len(rows)}  # type: ignore[arg-type]
    out["scan_over_index_one_article"] = round(med / max(float(times["one article"]["median_ms"]), 1e-6), 1)  # type: ignore[arg-type]
    print(
        json.dumps(
            {
                k: out[k]
                for k in (
                    "scan_one_article_ms",
                    "scan_over_index_one_article",
                    "search_median_of_medians_ms",
                    "search_worst_median_ms",
                )
            },
            indent=2,
        )
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2, default=str))


if __name__ == "__main__":
    main()
