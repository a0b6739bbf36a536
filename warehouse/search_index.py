"""Full-text search of the current articles: a tantivy index in ``<data root>/search``, kept in step with
the catalog's ``article_index`` by each run (:func:`update_index`) and read by ``sitrep search`` and the
dashboard (:func:`search`).

The index holds one document per row of ``article_index`` (current revisions, duplicates excluded):
``title`` and ``text`` with English stemming (``strikes`` finds "strike" and "striking"), ``day`` (a
date, for ranges), and ``article_id``, ``source_name``, ``domain`` and ``language`` as exact terms. Beside
it, ``indexed.parquet`` lists the ``(article_id, revision)`` pairs it holds, so an update adds only new or
changed articles and deletes those gone. A document is found by tantivy's query language: words (all must
match), ``OR``, ``-word`` or ``NOT``, ``"a phrase"``, ``title:word``, ``source_name:"Defense News"``.
Results are ranked by BM25 (a title match counts double) or by day, each with the passage of its text
where the query's words fall (``warehouse.passages``).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import tantivy

from warehouse.passages import WIDTH, Passage, passage, query_terms

__all__ = ["SearchError", "Hit", "IndexUpdate", "index_folder", "has_index", "update_index", "search", "behind"]

VERSION = 1  # bump when the fields or the analyzer change: an index of another version is rebuilt
META = "sitrep-search.json"
MANIFEST = "indexed.parquet"
DIRTY = "updating"  # present while an update is under way: the next one deletes before it adds
_BATCH = 2_000
_WRITER_HEAP = 256 * 1024 * 1024
_COLUMNS = ("article_id", "revision", "day", "source_name", "domain", "language", "title", "url", "text")


class SearchError(ValueError):
    """A search that cannot run: no index, or a query tantivy cannot read. The message is one line."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One article found: where it is, its rank and the passage of its text that matched."""

    article_id: str
    day: dt.date
    title: str | None
    url: str | None
    source_name: str | None
    score: float
    passage: str
    highlights: tuple[tuple[int, int], ...]

    def as_row(self) -> dict[str, Any]:
        return {
            "day": self.day,
            "article_id": self.article_id,
            "title": self.title,
            "url": self.url,
            "source_name": self.source_name,
            "score": round(self.score, 4),
            **Passage(self.passage, self.highlights).as_fields(),
        }


@dataclass(frozen=True, slots=True)
class IndexUpdate:
    """What an update did: documents added and deleted, the total held, whether it rebuilt, seconds."""

    added: int
    deleted: int
    total: int
    rebuilt: bool
    seconds: float


def index_folder(root: Path) -> Path:
    """The search index of the data root ``root``."""
    return root / "search"


def has_index(folder: Path) -> bool:
    return _meta(folder) == _meta_wanted() and (folder / MANIFEST).exists()


def _meta_wanted() -> dict[str, Any]:
    return {"version": VERSION, "tantivy": getattr(tantivy, "__version__", None)}


def _meta(folder: Path) -> dict[str, Any] | None:
    try:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def _schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    b.add_text_field("article_id", stored=True, tokenizer_name="raw")
    b.add_text_field("title", stored=True, tokenizer_name="en_stem")
    b.add_text_field("text", stored=True, tokenizer_name="en_stem")
    b.add_date_field("day", stored=True, indexed=True, fast=True)
    b.add_text_field("source_name", stored=True, tokenizer_name="raw")
    b.add_text_field("domain", stored=False, tokenizer_name="raw")
    b.add_text_field("language", stored=False, tokenizer_name="raw")
    b.add_text_field("url", stored=True, tokenizer_name="raw", index_option="basic")
    return b.build()


@functools.cache
def _analyzer() -> tantivy.TextAnalyzer:
    """The analyzer of tantivy's ``en_stem`` tokenizer, rebuilt once to find where a query's words fall."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def _open(folder: Path) -> tantivy.Index:
    return tantivy.Index(_schema(), path=str(folder), reuse=True)


# -- the update ---------------------------------------------------------------------------------------


def update_index(con: duckdb.DuckDBPyConnection, folder: Path, *, rebuild: bool = False) -> IndexUpdate:
    """Bring the index in ``folder`` in step with ``article_index`` on ``con`` (a catalog connection).

    Adds what is new or changed, deletes what is gone; rebuilds from nothing when asked, when the folder
    holds no index of this version, or when its list of what it holds is missing. Safe to repeat after a
    crash: an update that did not finish leaves a marker, and the next deletes each article before it adds.
    """
    started = time.perf_counter()
    rebuilt = rebuild or not has_index(folder)
    if rebuilt and folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / META).write_text(json.dumps(_meta_wanted()), encoding="utf-8")
    manifest = folder / MANIFEST
    dirty = (folder / DIRTY).exists()
    con.execute("CREATE OR REPLACE TEMP TABLE _indexed (article_id VARCHAR, revision VARCHAR)")
    if manifest.exists():
        con.execute("INSERT INTO _indexed SELECT article_id, revision FROM read_parquet(?)", [str(manifest)])
    gone = [
        r[0]
        for r in con.execute(
            "SELECT article_id FROM _indexed ANTI JOIN article_index USING (article_id, revision)"
        ).fetchall()
    ]
    index = _open(folder)
    writer = index.writer(heap_size=_WRITER_HEAP)
    (folder / DIRTY).touch()
    added = 0
    try:
        for article_id in gone:
            writer.delete_documents_by_term("article_id", article_id)
        batches = con.sql(
            f"SELECT {', '.join(_COLUMNS)} FROM article_index ANTI JOIN _indexed USING (article_id, revision) "
            "ORDER BY day, article_id"
        ).to_arrow_reader(_BATCH)
        for batch in batches:
            for row in batch.to_pylist():
                if dirty:
                    writer.delete_documents_by_term("article_id", row["article_id"])
                writer.add_document(_document(row))
                added += 1
        writer.commit()
        writer.wait_merging_threads()
    except BaseException:
        writer.rollback()
        raise
    if added or gone or rebuilt or dirty or not manifest.exists():  # else the list on disk is still true
        _write_manifest(con, manifest)
    (folder / DIRTY).unlink(missing_ok=True)
    index.reload()
    total = index.searcher().num_docs
    con.execute("DROP TABLE _indexed")
    return IndexUpdate(
        added=added, deleted=len(gone), total=total, rebuilt=rebuilt, seconds=round(time.perf_counter() - started, 3)
    )


def _document(row: dict[str, Any]) -> tantivy.Document:
    day = row["day"]
    return tantivy.Document(
        article_id=row["article_id"],
        title=row["title"] or "",
        text=row["text"] or "",
        day=dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC),
        source_name=row["source_name"] or "",
        domain=row["domain"] or "",
        language=row["language"] or "",
        url=row["url"] or "",
    )


def _write_manifest(con: duckdb.DuckDBPyConnection, manifest: Path) -> None:
    tmp = manifest.with_name(f".{manifest.name}.{uuid.uuid4().hex}.tmp")
    try:
        con.execute(f"COPY (SELECT article_id, revision FROM article_index) TO '{tmp.as_posix()}' (FORMAT parquet)")
        os.replace(tmp, manifest)
    finally:
        tmp.unlink(missing_ok=True)


def behind(con: duckdb.DuckDBPyConnection, folder: Path) -> int:
    """How many current articles the index lacks or holds in another revision (all of them: no index)."""
    if not has_index(folder):
        return int(con.execute("SELECT count(*) FROM article_index").fetchall()[0][0])
    return int(
        con.execute(
            "SELECT count(*) FROM article_index ANTI JOIN read_parquet(?) USING (article_id, revision)",
            [str(folder / MANIFEST)],
        ).fetchall()[0][0]
    )


# -- the search ---------------------------------------------------------------------------------------


def search(
    folder: Path,
    q: str,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    sources: Sequence[str] = (),
    language: str | None = None,
    article_ids: Sequence[str] | None = None,
    limit: int = 20,
    newest: bool = False,
    width: int = WIDTH,
) -> list[Hit]:
    """The articles matching ``q`` (tantivy's query language), best first (``newest``: latest day first),
    within the days ``since``..``until`` (inclusive), the ``sources`` named, the ``language`` and, when
    given, the ``article_ids`` (an empty list finds nothing)."""
    if not has_index(folder):
        raise SearchError(f"no search index in {folder}: run 'sitrep index' (each run keeps it up to date)")
    if not q.strip():
        raise SearchError("the search is empty")
    if article_ids is not None and not article_ids:
        return []
    index = _open(folder)
    index.reload()
    query = _query(index, q, since, until, sources, language, article_ids)
    searcher = index.searcher()
    if newest:
        result = searcher.search(query, limit, order_by_field="day", order=tantivy.Order.Desc)
    else:
        result = searcher.search(query, limit)
    stems = _stems(q)
    analyzer = _analyzer()
    hits = []
    for score, address in result.hits:
        doc = searcher.doc(address)
        text = _first(doc, "text") or ""
        shown = passage(text, _spans(analyzer, text, stems), width)
        day = _first(doc, "day")
        hits.append(
            Hit(
                article_id=_first(doc, "article_id"),
                day=day.date() if isinstance(day, dt.datetime) else day,
                title=_first(doc, "title") or None,
                url=_first(doc, "url") or None,
                source_name=_first(doc, "source_name") or None,
                score=float(score),
                passage=shown.text,
                highlights=shown.highlights,
            )
        )
    return hits


def _first(doc: tantivy.Document, field: str) -> Any:
    values = doc.get_all(field)
    return values[0] if values else None


def _query(
    index: tantivy.Index,
    q: str,
    since: dt.date | None,
    until: dt.date | None,
    sources: Sequence[str],
    language: str | None,
    article_ids: Sequence[str] | None,
) -> tantivy.Query:
    try:
        text_query = index.parse_query(q, ["title", "text"], field_boosts={"title": 2.0}, conjunction_by_default=True)
    except ValueError as exc:
        raise SearchError(f"cannot read the search {q!r}: {' '.join(str(exc).split())}") from exc
    parts = [(tantivy.Occur.Must, text_query)]
    if since is not None or until is not None:
        lo = _midnight(since) if since is not None else None
        hi = _midnight(until) if until is not None else None
        parts.append(
            (tantivy.Occur.Must, tantivy.Query.range_query(index.schema, "day", tantivy.FieldType.Date, lo, hi))
        )
    if sources:
        parts.append((tantivy.Occur.Must, tantivy.Query.term_set_query(index.schema, "source_name", list(sources))))
    if article_ids is not None:
        parts.append((tantivy.Occur.Must, tantivy.Query.term_set_query(index.schema, "article_id", list(article_ids))))
    if language:
        parts.append((tantivy.Occur.Must, tantivy.Query.term_query(index.schema, "language", language)))
    return text_query if len(parts) == 1 else tantivy.Query.boolean_query(parts)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _stems(q: str) -> list[tuple[str, ...]]:
    """The query's words and phrases to mark, each as the stems the index matches."""
    analyzer = _analyzer()
    out: list[tuple[str, ...]] = []
    for term in query_terms(q, whole=False):
        stems = tuple(analyzer.analyze(term))
        if stems and stems not in out:
            out.append(stems)
    return out


def _spans(analyzer: tantivy.TextAnalyzer, text: str, stems: Iterable[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Where in ``text`` (code-point offsets) each word, or each phrase's run of words, occurs."""
    tokens = analyzer.pre_tokenize(text).tokens
    words = [t.text for t in tokens]
    spans: set[tuple[int, int]] = set()
    for run in stems:
        n = len(run)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) == run:
                spans.add((tokens[i].char_offset_from, tokens[i + n - 1].char_offset_to))
    taken: list[tuple[int, int]] = []
    for s, e in sorted(spans, key=lambda span: (span[0], -span[1])):
        if not taken or s >= taken[-1][1]:
            taken.append((s, e))
    return taken
