"""The ``sitrep`` command line, run as a user runs it: a subprocess against a Prefect server."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from conftest import PARAGRAPHS, make_page, sitrep_command

pytestmark = pytest.mark.slow


def run(args: list[str], env: dict[str, str], timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(sitrep_command() + args, env=env, capture_output=True, text=True, timeout=timeout)


def _corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        paragraphs = [f"Report {i}: " + p.replace("48", str(100 + i)) for p in PARAGRAPHS]
        paragraphs.append(
            f"Story number {i} differs from the others in this sentence about unit {i * 7}. " * (i % 5 + 1)
        )
        (folder / f"story-{i:03d}.html").write_text(
            make_page(f"Story {i}", paragraphs, canonical=f"https://wire.example/s/{i}")
        )
    return folder


def test_ingest_then_sql_status_and_exit_codes(cli_env: dict[str, str], tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", 5)
    first = run(["ingest", str(corpus)], cli_env)
    assert first.returncode == 0, first.stderr
    # the summary row: new, revised, unchanged, duplicate, rejected, skipped. The stories share most of
    # their text, so all but the first are near duplicates (kept as rows, with duplicate_of set).
    row = re.search(r"│\s+(\d+)\s+│\s+(\d+)\s+│\s+(\d+)\s+│\s+(\d+)\s+│\s+(\d+)\s+│\s+(\d+)\s+│", first.stdout)
    assert row is not None, first.stdout
    new, revised, unchanged, duplicate, rejected, skipped = map(int, row.groups())
    assert (new + duplicate, revised, unchanged, rejected, skipped) == (5, 0, 0, 0, 0) and new >= 1, first.stdout
    again = run(["ingest", str(corpus)], cli_env)
    assert again.returncode == 0 and "No new articles: 5 document(s) unchanged" in again.stdout

    out = run(["sql", "SELECT count(*) AS n, min(title) AS first FROM articles", "--format", "json"], cli_env)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == [{"n": 5, "first": "Story 0"}]
    csv_out = run(["sql", "SELECT title FROM articles ORDER BY title LIMIT 2", "--format", "csv"], cli_env)
    assert csv_out.stdout.splitlines() == ["title", "Story 0", "Story 1"]

    bad_sql = run(["sql", "SELECT nope FROM articles"], cli_env)
    assert bad_sql.returncode == 1 and bad_sql.stderr.startswith("sitrep: ") and len(bad_sql.stderr.splitlines()) == 1

    status = run(["status"], cli_env)
    assert status.returncode == 0 and "Freshness per source" in status.stdout and "corpus" in status.stdout

    missing = run(["ingest", str(tmp_path / "nowhere")], cli_env)
    assert missing.returncode == 2 and "no such file or directory" in missing.stderr

    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "empty.html").write_bytes(b"")
    nothing = run(["ingest", str(tmp_path / "junk")], cli_env)
    assert nothing.returncode == 1 and "nothing could be read" in nothing.stderr


@pytest.mark.parametrize("command", ["status", "check"])
def test_commands_on_a_lake_never_ingested_say_so_in_one_line(tmp_path: Path, command: str) -> None:
    env = {"PATH": "", "SITREP_LAKE": str(tmp_path / "empty"), "HOME": str(tmp_path)}
    done = run([command], env, timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip() == f"sitrep: no lake at {tmp_path / 'empty'}: run 'sitrep ingest' first"


def test_normalize_prints_the_design_contract(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(make_page("Army buys launchers", PARAGRAPHS))
    out = subprocess.run(
        sitrep_command() + ["normalize", str(page), "--published", "2025-04-09"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert set(doc) >= {"article", "entities", "quantities", "dates", "events"}
    assert all({"event_type", "subtype", "start", "end", "fatalities"} <= set(e) for e in doc["events"])
    assert doc["article"]["title"] == "Army buys launchers" and doc["article"]["published"] == "2025-04-09"
    assert "Related Stories" not in doc["article"]["text"] and "300 and 400 soldiers" in doc["article"]["text"]
    tuesday = [d for d in doc["dates"] if d["text"] == "Tuesday"]
    assert tuesday and tuesday[0]["value"] == "2025-04-08" and tuesday[0]["anchor_date"] == "2025-04-09"
    assert doc["article"]["text"][tuesday[0]["start"] : tuesday[0]["end"]] == "Tuesday"
    jsonl = subprocess.run(
        sitrep_command() + ["normalize", str(page), str(page), "--format", "jsonl"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert [json.loads(line)["article"]["language"] for line in jsonl.stdout.splitlines()] == ["en", "en"]
    bad = subprocess.run(
        sitrep_command() + ["normalize", str(tmp_path / "missing.html")], capture_output=True, text=True
    )
    assert bad.returncode == 1 and "missing.html" in bad.stderr


def _lake_is_consistent(root: Path) -> None:
    for path in (root / "lake" / "tables").rglob("*.parquet"):
        pq.read_table(path)  # a partial file would fail here
    if (root / "sitrep.duckdb").exists():
        con = duckdb.connect(str(root / "sitrep.duckdb"), read_only=True)
        con.execute("SELECT count(*) FROM articles").fetchall()
        con.close()


@pytest.mark.parametrize("kill_after_files", [1, 4, 9])
def test_sigkill_at_any_point_then_the_next_run_finishes(
    cli_env: dict[str, str], tmp_path: Path, kill_after_files: int
) -> None:
    corpus = _corpus(tmp_path / "corpus", 24)
    root = Path(cli_env["SITREP_LAKE"])
    env = cli_env | {"SITREP_BATCH_SIZE": "2", "SITREP_WORKERS": "1"}
    proc = subprocess.Popen(
        sitrep_command() + ["ingest", "--quiet", str(corpus)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if len(list((root / "lake" / "tables").rglob("*.parquet"))) >= kill_after_files:
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL, "the run ended before it could be killed"
    killed_articles = len(list((root / "lake" / "tables" / "articles").rglob("*.parquet")))
    assert killed_articles < 12  # 24 documents in batches of 2: the run was stopped part-way
    _lake_is_consistent(root)
    finish = run(["ingest", "--quiet", str(corpus)], env)
    assert finish.returncode == 0, finish.stderr
    _lake_is_consistent(root)
    con = duckdb.connect(str(root / "sitrep.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT count(*), count(DISTINCT article_id) FROM articles").fetchone() == (24, 24)
        assert con.execute("SELECT count(*), count(DISTINCT raw_id) FROM raw_documents").fetchone() == (24, 24)
    finally:
        con.close()


def test_check_export_and_a_failed_check_fail_the_run(cli_env: dict[str, str], tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", 3)
    assert run(["ingest", "--quiet", str(corpus)], cli_env).returncode == 0
    checks = run(["check"], cli_env)
    assert checks.returncode == 0 and "ok    offsets_inside_text" in checks.stdout
    out = tmp_path / "daily.csv"
    exported = run(["export", "articles_daily", str(out)], cli_env)
    assert exported.returncode == 0 and out.read_text().splitlines()[0].startswith("day,source_name")

    # break the data on purpose: a mention whose offsets fall outside its article's text
    import datetime as dt

    from warehouse.lake import Lake

    lake = Lake(Path(cli_env["SITREP_LAKE"]))
    article = lake.read_table("articles", ["article_id", "revision"]).to_pylist()[0]
    bad = {
        **article,
        "start": 10_000_000,
        "end": 10_000_005,
        "sentence": None,
        "text": "ghost",
        "type": "ORG",
        "entity_id": None,
        "title": None,
        "affiliation": None,
        "method": "rule",
        "run_id": "broken",
    }
    lake.write_table("entity_mentions", [bad], run_id="broken", ingest_date=dt.date(2026, 1, 1), part=0)
    again = run(["ingest", "--quiet", str(corpus)], cli_env)
    assert again.returncode == 1 and "data checks failed: " in again.stderr and "offsets_inside_text" in again.stderr
    status = run(["status"], cli_env)
    assert "failed_checks" in status.stdout
    assert run(["check"], cli_env).returncode == 1


def test_ingest_keeps_the_search_index_and_search_prints_the_passages(cli_env: dict[str, str], tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", 3)
    data = Path(cli_env["SITREP_LAKE"])
    data.mkdir(parents=True)
    (data / "search").write_text("a file where the index goes")  # the index cannot be written: a note, not a failure
    first = run(["ingest", str(corpus)], cli_env)
    assert first.returncode == 0, first.stderr
    assert "sitrep: note: the search index was not updated" in first.stderr and "run 'sitrep index'" in first.stderr
    missing = run(["search", "unit"], cli_env)
    assert missing.returncode == 1 and missing.stderr.startswith("sitrep: no search index in ")
    (data / "search").unlink()
    built = run(["index"], cli_env)
    assert built.returncode == 0 and re.search(
        r"search index built: (\d) added, 0 deleted, \1 articles", built.stdout
    ), built.stdout
    (corpus / "story-009.html").write_text(
        make_page(
            "Story 9",
            ["A lone frigate patrolled the strait at dawn, the navy said. " * 8],
            canonical="https://wire.example/s/9",
        )
    )
    assert run(["ingest", str(corpus)], cli_env).returncode == 0  # the run adds the new article to the index
    hits = run(["search", "frigates", "--format", "json"], cli_env)
    assert hits.returncode == 0, hits.stderr
    (hit,) = json.loads(hits.stdout)
    assert hit["title"] == "Story 9" and hit["url"] == "https://wire.example/s/9" and hit["day"]
    start, end = map(int, hit["highlights"][0].split(":"))
    assert hit["passage"][start:end] == "frigate"
    assert json.loads(run(["search", "frigates", "--format", "json", "--until", "2000-01-01"], cli_env).stdout) == []
    table = run(["search", "frigate strait"], cli_env)
    assert table.returncode == 0 and "Story 9" in table.stdout
    bad = run(["search", "title:("], cli_env)
    assert (
        bad.returncode == 1
        and bad.stderr.startswith("sitrep: cannot read the search")
        and len(bad.stderr.splitlines()) == 1
    )
