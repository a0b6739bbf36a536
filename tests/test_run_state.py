"""The run's state (raw ids processed, dedupe index, entity ids known) belongs to the flow: tasks read it
and return what they add, so a retried task gives the same result, and a later batch still sees every
earlier one because the flow adds each batch's additions before the next."""

from __future__ import annotations

import copy
import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from conftest import PARAGRAPHS, make_page, query_catalog
from hypothesis import given, settings, strategies as st

from flows.acquire.load import LoadedDocument
from flows.acquire.sources import LocalDocument
from flows.acquire.web_records import WebResult
from flows.run.batches import BatchAdditions, clean_jobs, decide_batch, load_batch, web_batch
from flows.run.ingest import IngestOptions, ingest, store_batch
from flows.run.reprocess import reprocess
from flows.run.workers import clean_job
from transforms.extract.dedupe import DedupeIndex, IndexEntry
from warehouse.lake import Lake

FIRST = "https://wire.example/launchers"
COPY = "https://other.example/launchers"


def _write_documents(folder: Path) -> list[LocalDocument]:
    """a.html, b.html (a's text under another canonical URL: a duplicate), c.html (a's very bytes)."""
    folder.mkdir(parents=True)
    page = make_page("Army buys launchers", PARAGRAPHS, canonical=FIRST)
    (folder / "a.html").write_text(page)
    (folder / "b.html").write_text(make_page("Army buys launchers (wire copy)", PARAGRAPHS, canonical=COPY))
    (folder / "c.html").write_text(page)
    return [LocalDocument("test", folder / name, "html") for name in ("a.html", "b.html", "c.html")]


def test_a_retried_load_batch_reads_processed_and_returns_the_same(tmp_path: Path) -> None:
    lake, docs = Lake(tmp_path / "data"), _write_documents(tmp_path / "site")
    options = IngestOptions(lake=str(tmp_path / "data"))
    processed = {"0" * 64}
    first = load_batch.fn(docs, part=0, lake=lake, processed=processed, options=options, run_id="r1")
    again = load_batch.fn(docs, part=0, lake=lake, processed=processed, options=options, run_id="r1")
    assert processed == {"0" * 64}
    assert first.raw_ids == again.raw_ids and len(first.raw_ids) == 2  # c.html is a.html's bytes
    assert first.counts == again.counts == Counter(documents=3, unchanged=1)
    processed |= first.raw_ids  # what the flow does before it loads the next batch
    later = load_batch.fn(docs, part=1, lake=lake, processed=processed, options=options, run_id="r1")
    assert later.fresh == [] and later.counts == Counter(documents=3, unchanged=3)


def test_a_retried_web_batch_reads_processed_and_returns_the_same() -> None:
    fetched = dt.datetime(2025, 4, 8, tzinfo=dt.UTC)

    def page(url: str, raw_id: str) -> WebResult:
        doc = LoadedDocument("test", url, "html", raw_id, b"<p>x</p>", 8, None, fetched, 200, url, "text/html")
        return WebResult("test", url, "fetched", doc, {"url": url})

    results = [
        page("https://a.example/1", "a" * 64),
        page("https://a.example/2", "b" * 64),
        page("https://a.example/3", "a" * 64),
        WebResult("test", "https://a.example/4", "not_modified", None, None),
    ]
    processed = {"b" * 64}
    first = web_batch.fn(results, part=0, processed=processed, run_id="r1")
    again = web_batch.fn(results, part=0, processed=processed, run_id="r1")
    assert processed == {"b" * 64}
    assert first.raw_ids == again.raw_ids == {"a" * 64}
    assert first.counts == again.counts == Counter(documents=4, unchanged=3)
    assert len(first.fetches) == len(again.fetches) == 3


def test_a_retried_store_batch_changes_no_state_and_returns_the_same(tmp_path: Path) -> None:
    lake, docs = Lake(tmp_path / "data"), _write_documents(tmp_path / "site")
    options = IngestOptions(lake=str(tmp_path / "data"))
    loaded = load_batch.fn(docs, part=0, lake=lake, processed=set(), options=options, run_id="r1")
    cleaned = [clean_job(job) for job in clean_jobs(loaded, options)]
    counts, rejects = Counter(loaded.counts), list(loaded.rejects)
    index, known_entities = DedupeIndex(), set[str]()

    def store() -> BatchAdditions:
        return store_batch.fn(
            loaded,
            cleaned,
            lake=lake,
            index=index,
            known_entities=known_entities,
            run_id="r1",
            ingest_date=dt.date(2025, 4, 8),
        )

    first, again = store(), store()
    assert first == again  # a retry decides as the first attempt did
    assert index == DedupeIndex() and known_entities == set()
    assert loaded.counts == counts and loaded.rejects == rejects
    assert first.counts == Counter(documents=3, unchanged=1, new=1, duplicate=1)
    (a, b) = first.index_entries
    assert b.duplicate_of == a.article_id  # b is decided against a, earlier in the same batch
    assert first.entity_ids and len(set(first.entity_ids)) == len(first.entity_ids)
    assert lake.read_table("articles", ["article_id"]).num_rows == 2  # the retry rewrote the same part
    assert lake.read_table("entities", ["entity_id"]).num_rows == len(first.entity_ids)

    index.extend(first.index_entries)  # what the flow does before the next batch is decided
    known_entities.update(first.entity_ids)
    later = store()
    assert later.counts == Counter(documents=3, unchanged=3) and later.index_entries == () and later.entity_ids == ()


def test_decide_batch_leaves_its_arguments_and_returns_what_it_adds(tmp_path: Path) -> None:
    lake, docs = Lake(tmp_path / "data"), _write_documents(tmp_path / "site")
    options = IngestOptions(lake=str(tmp_path / "data"), entity_model=None)
    loaded = load_batch.fn(docs, part=0, lake=lake, processed=set(), options=options, run_id="r1")
    cleaned = [clean_job(job) for job in clean_jobs(loaded, options)]
    index = DedupeIndex()
    index.add("elsewhere", "rev", 0)
    before = copy.deepcopy(index)
    tables, added = decide_batch(loaded, cleaned, index=index, known_entities=frozenset(), run_id="r1")
    tables_again, added_again = decide_batch(loaded, cleaned, index=index, known_entities=frozenset(), run_id="r1")
    assert index == before and added == added_again
    assert [r["article_id"] for r in tables["articles"]] == [e.article_id for e in added.index_entries]
    assert [r["raw_id"] for r in tables["raw_documents"]] == [r["raw_id"] for r in tables_again["raw_documents"]]


_HASHES = (0, 1, 0b11, 0b111, 0xFF, 0xF0F0, 2**64 - 1, 2**63)
_ROWS = st.lists(
    st.tuples(
        st.sampled_from("abcde"),
        st.sampled_from("rstu"),
        st.sampled_from(_HASHES),
        st.none() | st.sampled_from("abcde"),
    ),
    max_size=12,
)
_PROBES = st.lists(
    st.tuples(st.sampled_from("abcdef"), st.sampled_from("rstuv"), st.sampled_from(_HASHES)), min_size=1, max_size=6
)


@settings(max_examples=200, deadline=None)
@given(_ROWS, st.integers(0, 12), _PROBES)
def test_a_layer_decides_like_one_index_holding_every_row(
    rows: list[tuple[str, str, int, str | None]], split: int, probes: list[tuple[str, str, int]]
) -> None:
    whole, base = DedupeIndex(max_distance=3), DedupeIndex(max_distance=3)
    for row in rows:
        whole.add(*row)
    for row in rows[:split]:
        base.add(*row)
    before = copy.deepcopy(base)
    layer = base.layer()
    for row in rows[split:]:
        layer.add(*row)
    assert base == before
    for probe in probes:
        assert layer.decide(*probe) == whole.decide(*probe)
    assert [layer.root_of(a) for a in "abcde"] == [whole.root_of(a) for a in "abcde"]
    base.extend(IndexEntry(*row) for row in rows[split:])
    for probe in probes:
        assert base.decide(*probe) == whole.decide(*probe)


@pytest.mark.slow
def test_a_later_batch_sees_what_earlier_batches_added(prefect_api: str, tmp_path: Path) -> None:
    """One document per batch: b.html (batch 2) is still a duplicate of a.html (batch 1), c.html (a's bytes,
    batch 3) is not loaded again, and the entities of a and b get one row each."""
    _write_documents(tmp_path / "site")
    data = tmp_path / "data"
    result = ingest([str(tmp_path / "site")], IngestOptions(lake=str(data), workers=1, batch_size=1))
    assert (result["counts"]["new"], result["counts"]["duplicate"], result["counts"]["unchanged"]) == (1, 1, 1)

    def check() -> None:
        catalog = data / "sitrep.duckdb"
        dup = query_catalog(
            catalog,
            f"SELECT a.duplicate_of = b.article_id FROM articles a JOIN articles b "
            f"ON b.canonical_url = '{FIRST}' WHERE a.canonical_url = '{COPY}'",
        )
        assert dup == [(True,)]
        assert query_catalog(catalog, "SELECT count(*), count(DISTINCT raw_id) FROM raw_documents") == [(2, 2)]
        entities = query_catalog(catalog, "SELECT count(*), count(DISTINCT entity_id) FROM entities")
        assert entities[0][0] > 0 and entities[0][0] == entities[0][1]

    check()
    rebuilt = reprocess(IngestOptions(lake=str(data), workers=1, batch_size=1, reprocess_cache=False))
    assert (rebuilt["counts"]["new"], rebuilt["counts"]["duplicate"]) == (1, 1)
    check()
