"""The charset an article was read in, and whether it was guessed: from the worker to ``articles``.

``articles.charset`` is the codec that decoded the document and ``articles.charset_source`` the
evidence for it (bom | header | meta | utf8 | guessed). The columns came with articles schema
version 2; files of version 1 read them as null, beside new ones, with no migration.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from conftest import PARAGRAPHS, make_page
from lakes import build_tables, write_lake

from flows.acquire.load import LoadedDocument
from flows.run.rows import article_row
from flows.run.workers import Cleaned, CleanJob, clean_job
from schemas.tables import SCHEMA_VERSIONS, SCHEMAS, schema_for
from transforms.extract.decode import Charset
from transforms.extract.dedupe import Decision
from warehouse.catalog import connect, refresh_catalog
from warehouse.lake import Lake
from warehouse.migrations import file_schema_version, pending_files

FETCHED = dt.datetime(2026, 3, 4, 9, 30, tzinfo=dt.UTC)
RUSSIAN = (
    "Министерство обороны сообщило во вторник о поставке первой партии новых бронемашин в войска округа. "
    "По словам представителя ведомства, до конца года в части поступят ещё сорок машин этого типа, "
    "а экипажи уже начали обучение на полигоне под руководством инструкторов завода."
)


def _job(data: bytes, declared: str | None = None) -> CleanJob:
    return CleanJob(
        data,
        "html",
        "https://www.land-desk.example/2026/03/armour",
        FETCHED.date(),
        10_000_000,
        20,
        declared_charset=declared,
    )


def _russian_page() -> str:
    paragraphs = "".join(f"<p>{RUSSIAN}</p>" for _ in range(3))
    return (
        "<!DOCTYPE html><html><head><title>Минобороны сообщило о поставке бронемашин</title></head><body>"
        f"<article><h1>Минобороны сообщило о поставке бронемашин</h1>{paragraphs}</article></body></html>"
    )


def test_the_worker_records_a_guessed_charset() -> None:
    cleaned = clean_job(_job(_russian_page().encode("cp1251")))
    assert isinstance(cleaned, Cleaned), cleaned
    assert cleaned.charset == Charset("cp1251", "guessed")
    assert "поставке первой партии" in cleaned.article.text


def test_the_worker_records_declared_charsets() -> None:
    page = make_page("Navy buys radars", PARAGRAPHS)
    utf8 = clean_job(_job(page.encode()))
    header = clean_job(_job(_russian_page().encode("cp1251"), declared="windows-1251"))
    assert isinstance(utf8, Cleaned) and isinstance(header, Cleaned)
    assert utf8.charset == Charset("utf-8", "meta")  # make_page declares <meta charset="utf-8">
    assert header.charset == Charset("cp1251", "header")


def test_the_article_row_carries_the_charset_and_fits_the_schema() -> None:
    cleaned = clean_job(_job(_russian_page().encode("cp1251")))
    assert isinstance(cleaned, Cleaned)
    doc = LoadedDocument(
        source_name="Land Desk",
        source_uri="https://www.land-desk.example/2026/03/armour",
        kind="html",
        raw_id="r" * 64,
        data=b"",
        stored_size=0,
        content_encoding=None,
        fetched_at=FETCHED,
        http_status=200,
        final_url=None,
        content_type="text/html",
    )
    row = article_row(
        doc,
        cleaned.article,
        published_source=cleaned.published_source,
        article_id="a1",
        revision=cleaned.revision,
        simhash=cleaned.simhash,
        canonical_url=None,
        decision=Decision("new", None, None),
        run_id="run",
        now=FETCHED,
        charset=cleaned.charset,
    )
    assert (row["charset"], row["charset_source"]) == ("cp1251", "guessed")
    table = pa.Table.from_pylist([row], schema=schema_for("articles"))
    assert table.column("charset_source").to_pylist() == ["guessed"]


def test_articles_files_without_the_charset_columns_still_read(tmp_path: Path) -> None:
    assert SCHEMA_VERSIONS["articles"] == 2
    tables = build_tables(duplicate=False)
    old, new = tables["articles"][:2], tables["articles"][2:]
    tables["articles"] = [row | {"charset": "cp1251", "charset_source": "guessed"} for row in new]
    lake = write_lake(tmp_path, tables, refresh=False)
    v1 = pa.schema([f for f in SCHEMAS["articles"] if f.name not in ("charset", "charset_source")])
    folder = Path(lake.table_dir("articles")) / "ingest_date=2025-04-01"
    folder.mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(old, schema=v1), folder / "part-old-00000.parquet")
    assert sorted(file_schema_version(p) for p in lake.table_files("articles")) == [1, 2]
    assert pending_files(lake) == []  # added columns need no migration
    refresh_catalog(lake)
    with connect(lake) as con:
        got = con.execute("SELECT article_id, charset, charset_source FROM articles ORDER BY 1").fetchall()
        guessed = con.execute("SELECT count(*) FROM articles_current WHERE charset_source = 'guessed'").fetchall()
    assert got == [
        ("id-a1", None, None),
        ("id-a2", None, None),
        ("id-a3", "cp1251", "guessed"),
        ("id-a4", "cp1251", "guessed"),
    ]
    assert guessed == [(2,)]
    assert Lake(tmp_path).read_table("articles").column("charset").null_count == 2
