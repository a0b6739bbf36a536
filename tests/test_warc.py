"""WARC and WARC.gz files into loaded documents: target URI, WARC-Date, HTTP status, raw zone."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from conftest import PARAGRAPHS, make_page
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from flows.acquire.load import LoadedDocument, LoadFailure
from flows.acquire.warc import load_warc
from warehouse.lake import Lake

PAGE = make_page("Navy extends destroyer maintenance contract", PARAGRAPHS).encode()


def write_warc(path: Path, *, gzip: bool) -> None:
    records = [
        (
            "https://www.harbor-watch.example/naval/2026/03/destroyer-maintenance/",
            "200 OK",
            "text/html; charset=utf-8",
            PAGE,
            "2026-03-04T08:15:00Z",
        ),
        (
            "https://www.harbor-watch.example/robots.txt",
            "200 OK",
            "text/plain",
            b"User-agent: *\n",
            "2026-03-04T08:14:00Z",
        ),
        (
            "https://www.harbor-watch.example/logo.png",
            "200 OK",
            "image/png",
            b"\x89PNG\r\n\x1a\n",
            "2026-03-04T08:16:00Z",
        ),
        (
            "https://www.harbor-watch.example/old-story",
            "404 Not Found",
            "text/html",
            b"<p>gone</p>",
            "2026-03-04T08:17:00Z",
        ),
    ]
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "sitrep tests"}))
        for uri, status, ctype, body, date in records:
            headers = StatusAndHeaders(
                status, [("Content-Type", ctype), ("Content-Length", str(len(body)))], protocol="HTTP/1.1"
            )
            request = writer.create_warc_record(
                uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"), warc_headers_dict={"WARC-Date": date}
            )
            writer.write_record(request)
            response = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers, warc_headers_dict={"WARC-Date": date}
            )
            writer.write_record(response)


@pytest.mark.parametrize("gz", [True, False])
def test_warc_response_records_become_documents(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, gzip=gz)
    lake = Lake(tmp_path / "data")
    results = list(load_warc(path, "Harbor Watch", lake, max_bytes=1_000_000))
    docs = [r for r in results if isinstance(r, LoadedDocument)]
    failures = {r.source_uri.rsplit("/", 1)[-1]: r.error_type for r in results if isinstance(r, LoadFailure)}
    assert [d.source_uri for d in docs] == [
        "https://www.harbor-watch.example/naval/2026/03/destroyer-maintenance/",
        "https://www.harbor-watch.example/robots.txt",
    ]
    page = docs[0]
    assert page.fetched_at == dt.datetime(2026, 3, 4, 8, 15, tzinfo=dt.UTC)
    assert (page.http_status, page.kind, page.content_type) == (200, "html", "text/html; charset=utf-8")
    assert page.data == PAGE and lake.get_raw(page.raw_id) == PAGE
    assert docs[1].kind == "text"
    assert failures == {"logo.png": "UnsupportedType", "old-story": "HTTP404"}


def test_oversized_record_and_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, gzip=True)
    lake = Lake(tmp_path / "data")
    results = list(load_warc(path, "s", lake, max_bytes=100))
    assert any(isinstance(r, LoadFailure) and r.error_type == "TooLarge" for r in results)
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(b"this is not a warc file at all")
    (failure,) = list(load_warc(broken, "s", lake, max_bytes=100))
    assert isinstance(failure, LoadFailure) and failure.error_type == "BadWarc"
