"""The ingest flow over the web path: a URL list fetched from a real server on 127.0.0.1."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import query_catalog, sitrep_command
from damaged_xml import GOOD_SLUGS, publish_damaged
from web_server import CYRILLIC_TITLE, TestSite, site  # noqa: F401  (site is a fixture)

from flows.acquire.fetch_records import FetchPolicy
from flows.run.ingest import ingest
from flows.run.options import IngestOptions

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


def test_a_feed_cut_short_by_an_entity_bomb_through_the_cli(
    cli_env: dict[str, str],
    site: TestSite,  # noqa: F811
    tmp_path: Path,
) -> None:
    """Issue #14: the items before the bomb become articles, the feed a reject, and what the CLI says is true."""
    publish_damaged(site)
    env = cli_env | {"SITREP_ALLOW_PRIVATE_ADDRESSES": "true", "SITREP_PER_HOST_DELAY": "0", "SITREP_WORKERS": "1"}
    done = subprocess.run(
        sitrep_command() + ["ingest", site.url("/bomb-feed.xml")], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "1 rejected, see: sitrep sql" in done.stdout
    root = Path(env["SITREP_LAKE"])
    urls = {u.rsplit("/", 1)[-1] for (u,) in _query(root, "SELECT url FROM articles")}
    assert urls == set(GOOD_SLUGS)
    ((stage, error_type, source_uri, message, raw_id),) = _query(
        root, "SELECT stage, error_type, source_uri, message, raw_id FROM rejects"
    )
    assert (stage, error_type, source_uri) == ("parse", "PartialFeed", site.url("/bomb-feed.xml"))
    assert "Maximum entity amplification factor exceeded" in message and "3 items read" in message
    assert _query(root, f"SELECT outcome FROM fetches WHERE raw_id = '{raw_id}'") == [("fetched",)]

    nothing = subprocess.run(
        sitrep_command() + ["ingest", site.url("/bomb-first.xml")], env=env, capture_output=True, text=True, timeout=300
    )
    assert nothing.returncode == 1
    assert nothing.stderr.strip() == "sitrep: nothing could be read from 1 source(s): see the rejects table"
    rows = _query(root, "SELECT stage, error_type, message FROM rejects WHERE source_uri LIKE '%bomb-first.xml'")
    assert len(rows) == 1 and rows[0][:2] == ("parse", "PartialFeed") and "0 items read" in rows[0][2]
