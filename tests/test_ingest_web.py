"""The ingest flow over the web path: a URL list fetched from a real server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import query_catalog

from flows.http import FetchPolicy
from flows.ingest import ingest
from flows.options import IngestOptions
from web_server import CYRILLIC_TITLE, TestSite, site  # noqa: F401  (site is a fixture)

pytestmark = pytest.mark.slow


def _query(root: Path, sql: str) -> list[tuple[object, ...]]:
    return query_catalog(root / "sitrep.duckdb", sql)


def test_url_list_through_the_flow(prefect_api: str, site: TestSite, tmp_path: Path) -> None:  # noqa: F811
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join(site.url(p) for p in ("/ok", "/cp1251", "/gone", "/private/memo", "/flaky")) + "\n")
    policy = FetchPolicy(allow_private_addresses=True, per_host_delay=0.0, backoff_base=0.01, max_attempts=3)
    options = IngestOptions(lake=str(tmp_path / "data"), workers=1, entity_model=None, fetch_policy=policy)
    first = ingest([f"@{urls}"], options)
    assert first["status"] == "completed", first
    counts = first["counts"]
    # /ok and /flaky carry the same story under two canonical URLs: the second one is its duplicate
    assert (counts["new"], counts["duplicate"], counts["rejected"], counts["skipped"]) == (2, 1, 1, 1)
    root = tmp_path / "data"
    titles = {t for (t,) in _query(root, "SELECT title FROM articles")}
    assert CYRILLIC_TITLE in titles  # windows-1251 declared only in a meta tag
    assert _query(root, "SELECT stage, error_type FROM rejects") == [("fetch", "HTTP410")]
    statuses = dict(_query(root, "SELECT regexp_extract(url, '/[^/]+$'), outcome FROM fetches"))
    assert statuses["/gone"] == "failed" and statuses["/memo"] == "skipped_robots" and statuses["/ok"] == "fetched"
    assert _query(root, "SELECT count(*) FROM raw_documents WHERE http_status = 200") == [(3,)]

    second = ingest([f"@{urls}"], options)
    assert second["counts"]["new"] == 0 and second["counts"]["unchanged"] == 3
    assert _query(root, "SELECT count(*) FROM articles") == [(3,)]
