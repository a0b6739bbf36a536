"""The ingest flow end to end in-process (against the session's Prefect test server)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from conftest import PARAGRAPHS, make_page, query_catalog, write_site

from flows.run.ingest import IngestOptions, ingest
from warehouse.lake import Lake

pytestmark = pytest.mark.slow


def _options(root: Path, **extra: object) -> IngestOptions:
    return IngestOptions(lake=str(root / "data"), workers=1, batch_size=4, **extra)  # type: ignore[arg-type]


def _query(root: Path, sql: str) -> list[tuple[object, ...]]:
    return query_catalog(root / "data" / "sitrep.duckdb", sql)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site")


def test_ingest_writes_tables_and_rerun_adds_nothing(prefect_api: str, tmp_path: Path, site: Path) -> None:
    first = ingest([str(site)], _options(tmp_path))
    assert first["status"] == "completed"
    assert first["counts"]["new"] == 3 and first["counts"]["rejected"] == 0
    rows = _query(tmp_path, "SELECT title, canonical_url, domain, published_at, run_id FROM articles ORDER BY title")
    assert [r[0] for r in rows] == ["Allies pledge air defense systems", "Army buys launchers", "Navy buys radars"]
    assert rows[1][1] == "https://wire.example/launchers" and rows[1][2] == "wire.example"
    assert str(rows[1][3]) == "2025-04-08"
    assert {r[4] for r in rows} == {first["run_id"]}
    sources = _query(tmp_path, "SELECT title, published_source FROM articles ORDER BY title")
    assert sources == [
        ("Allies pledge air defense systems", None),
        ("Army buys launchers", "metadata"),
        ("Navy buys radars", "metadata"),
    ]
    dates = _query(
        tmp_path,
        "SELECT t.text, t.value, t.anchor_date = a.published_at FROM temporal_expressions t "
        "JOIN articles a USING (article_id, revision) WHERE a.title = 'Army buys launchers' "
        "AND t.text = 'Tuesday'",
    )
    assert dates == [("Tuesday", "2025-04-08", True)]  # the publication day itself is a Tuesday
    orphans = _query(
        tmp_path, "SELECT count(*) FROM temporal_expressions t ANTI JOIN articles a USING (article_id, revision)"
    )
    assert orphans == [(0,)]
    amounts = _query(
        tmp_path,
        "SELECT q.kind, q.value, q.low, q.high, q.currency, q.object FROM quantities q JOIN articles a "
        "USING (article_id, revision) WHERE a.title = 'Army buys launchers' ORDER BY q.start",
    )
    assert amounts[:2] == [("money", 1.2e9, None, None, "USD", None), ("count", 350.0, 300.0, 400.0, None, "soldiers")]
    spans = _query(
        tmp_path,
        "SELECT count(*) FROM quantities q JOIN articles a USING (article_id, revision) "
        'WHERE substr(a.text, q.start + 1, q."end" - q.start) <> q.text',
    )
    assert spans == [(0,)]
    assert _query(tmp_path, "SELECT count(*), count(DISTINCT raw_id) FROM raw_documents") == [(3, 3)]
    raw = Lake(tmp_path / "data").get_raw(
        _query(tmp_path, "SELECT raw_id FROM raw_documents WHERE content_encoding = 'gzip'")[0][0]
    )
    assert gzip.decompress(raw).startswith(b"<!DOCTYPE html>")

    second = ingest([str(site)], _options(tmp_path))
    assert second["counts"]["unchanged"] == 3 and second["counts"]["new"] == 0
    assert _query(tmp_path, "SELECT count(*) FROM articles") == [(3,)]
    assert _query(tmp_path, "SELECT status FROM run_history ORDER BY started_at") == [("completed",), ("completed",)]


def test_changed_file_is_a_new_revision_and_copies_are_duplicates(prefect_api: str, tmp_path: Path, site: Path) -> None:
    ingest([str(site)], _options(tmp_path))
    page = site / "launchers.html"
    page.write_text(
        page.read_text().replace(
            "</article>",
            "<p>This story was updated on Wednesday with a "
            "statement from the program office about the schedule.</p></article>",
        )
    )
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / "syndicated.html").write_text(
        make_page("Army buys launchers (wire copy)", PARAGRAPHS, canonical="https://other.example/wire/launchers")
    )
    result = ingest([str(site), str(mirror)], _options(tmp_path))
    assert result["counts"]["revised"] == 1 and result["counts"]["duplicate"] == 1
    revisions = _query(
        tmp_path, "SELECT count(DISTINCT revision) FROM articles WHERE canonical_url = 'https://wire.example/launchers'"
    )
    assert revisions == [(2,)]
    dup = _query(
        tmp_path,
        "SELECT a.duplicate_of = b.article_id, a.duplicate_kind FROM articles a JOIN articles b "
        "ON b.canonical_url = 'https://wire.example/launchers' WHERE a.domain = 'other.example' LIMIT 1",
    )
    assert dup == [(True, "exact")]
    assert _query(tmp_path, "SELECT count(*) FROM articles_current") == [(3,)]


def test_bad_input_becomes_rejects_and_the_run_goes_on(prefect_api: str, tmp_path: Path, site: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.html").write_bytes(b"")
    (bad / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (bad / "latin.txt").write_bytes("Caf\xe9 story\n\n".encode("latin-1") + b"word " * 40 + b"\xff\xfe")  # guessed
    (bad / "garbled.txt").write_bytes(b"Story\n\n" + b"word " * 40 + bytes(range(0x80, 0x100)) * 4)
    (bad / "huge.html").write_bytes(b"<html><body>" + b"<p>filler text</p>" * (50_000_000 // 18) + b"</body></html>")
    (bad / "index.html").write_text("<html><body><nav><a href='/a'>One</a> <a href='/b'>Two</a></nav></body></html>")
    (bad / "broken.html.gz").write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    (bad / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    result = ingest([str(site), str(bad)], _options(tmp_path))
    assert result["status"] == "completed"
    assert result["counts"]["new"] == 4 and result["counts"]["rejected"] == 6 and result["counts"]["skipped"] == 1
    charsets = _query(
        tmp_path, "SELECT regexp_extract(url, '[^/]+$'), charset, charset_source FROM articles ORDER BY 1"
    )
    assert charsets == [
        ("latin.txt", "cp1252", "guessed"),
        ("launchers.html", "utf-8", "meta"),
        ("pasted.txt", "utf-8", "utf8"),
        ("radars.html.gz", "utf-8", "meta"),
    ]
    rejects = dict(_query(tmp_path, "SELECT regexp_extract(source_uri, '[^/]+$'), error_type FROM rejects"))
    assert rejects == {
        "empty.html": "EmptyDocument",
        "binary.html": "BinaryContent",
        "garbled.txt": "InvalidEncoding",
        "huge.html": "TooLarge",
        "index.html": "NoArticleText",
        "broken.html.gz": "BadGzip",
    }
    messages = dict(_query(tmp_path, "SELECT error_type, message FROM rejects"))
    assert "over the 10000000-byte cap" in messages["TooLarge"]
    assert "byte" in messages["InvalidEncoding"]


def test_nothing_readable_gives_status_empty(prefect_api: str, tmp_path: Path) -> None:
    (tmp_path / "only").mkdir()
    (tmp_path / "only" / "empty.txt").write_bytes(b"   \n")
    result = ingest([str(tmp_path / "only")], _options(tmp_path))
    assert result["status"] == "empty" and result["counts"]["rejected"] == 1


def test_ingest_with_files_of_the_previous_schema_version_present(prefect_api: str, tmp_path: Path, site: Path) -> None:
    """Files written before `published_source` and `duplicate_kind` existed stay readable and take part."""
    import pyarrow.parquet as pq

    from schemas.tables import SCHEMAS

    ingest([str(site)], _options(tmp_path))
    lake = Lake(tmp_path / "data")
    dropped = {"published_source", "duplicate_kind"}
    for path in lake.table_files("articles"):  # rewrite them as the previous version did: no such columns
        old = pq.read_table(path).drop_columns(sorted(dropped))
        pq.write_table(old.replace_schema_metadata(None), path)
    assert not dropped & set(pq.read_schema(lake.table_files("articles")[0]).names)
    assert set(SCHEMAS["articles"].names) >= dropped

    (site / "extra.html").write_text(
        make_page(
            "Marines test new landing craft",
            [
                "Marines at Camp Pendleton spent two weeks testing a new landing craft that can carry a light tank and "
                "forty troops from ships waiting beyond the horizon, according to the program office.",
                "The craft covered 60 nautical miles in rough seas during the trials, which ended on Friday, and the "
                "service expects to decide on a production contract for eight more boats next spring.",
                "Engineers said the hull design borrows from commercial ferries but adds armor around the pilot house "
                "and a ramp strong enough for the heaviest vehicles the Marine Corps now fields.",
            ],
            canonical="https://wire.example/landing-craft",
        )
    )
    result = ingest([str(site)], _options(tmp_path))
    assert result["status"] == "completed" and result["counts"]["new"] == 1 and result["counts"]["unchanged"] == 3
    rows = _query(tmp_path, "SELECT title, published_source FROM articles ORDER BY title")
    assert len(rows) == 4 and ("Marines test new landing craft", "metadata") in rows
    assert ("Army buys launchers", None) in rows  # the old file's rows read the new column as null
    assert _query(tmp_path, "SELECT count(*) FROM articles_current") == [(4,)]
