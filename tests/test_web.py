"""The web path end to end against the test server: discovery, seen-state, conditional GET, failures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from damaged_xml import GOOD_SLUGS, publish_damaged
from web_server import ROBOTS, FakeClock, TestSite, article, site  # noqa: F401 - fixture

from flows.acquire.fetch_records import FetchPolicy
from flows.acquire.http import Fetcher
from flows.acquire.load import LoadedDocument, LoadFailure
from flows.acquire.seen import canonical_url, read_seen
from flows.acquire.sources import Source, parse_sources_toml, resolve_sources
from flows.acquire.web import fetch_web
from flows.acquire.web_records import WebResult
from flows.run.rows import raw_document_row
from warehouse.lake import Lake

DAY = dt.date(2026, 3, 4)


def policy(**overrides: Any) -> FetchPolicy:
    values: dict[str, Any] = dict(
        allow_private_addresses=True,
        per_host_delay=0.0,
        max_attempts=2,
        read_timeout=1.0,
        per_host_concurrency=4,
        concurrency=4,
    )
    values.update(overrides)
    return FetchPolicy(**values)


def publish(site: TestSite) -> None:  # noqa: F811
    """A small news site: three stories, an RSS feed, a sitemap index with a news sitemap, a section page."""
    slugs = ["navy-orders-third-tanker", "army-drone-school-opens", "air-force-retires-old-trainers"]
    for i, slug in enumerate(slugs):
        site.pages[f"/news/2026/03/{slug}"] = article(slug.replace("-", " ").title(), slug, f"2026-03-0{i + 1}")
    items = "".join(
        f"<item><title>{s}</title><link>{site.url(f'/news/2026/03/{s}')}?utm_source=rss&amp;utm_medium=feed"
        f"</link><pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate></item>"
        for s in slugs
    )
    site.pages["/feed.xml"] = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>'
        f"<link>{site.url('/')}</link>{items}</channel></rss>"
    ).encode()
    urls = "".join(
        f"<url><loc>{site.url(f'/news/2026/03/{s}')}</loc><lastmod>2026-03-02</lastmod></url>" for s in slugs
    )
    site.pages["/sitemap-news.xml"] = (
        f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{urls}<url><loc>{site.url('/missing-story-about-radars')}</loc></url></urlset>"
    ).encode()
    site.pages["/sitemap.xml"] = (
        f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{site.url('/sitemap-news.xml')}</loc></sitemap></sitemapindex>"
    ).encode()
    links = "".join(f'<a href="/news/2026/03/{s}">{s}</a>' for s in slugs)
    site.pages["/news/"] = f'<html><body><nav><a href="/news/">News</a></nav>{links}</body></html>'.encode()


def run(sources: list[Source], lake: Lake, pol: FetchPolicy | None = None, run_id: str = "r1") -> list[WebResult]:
    """One pass, persisted the way the ingest flow does it: raw_documents for documents, then fetches."""
    clock = FakeClock()
    with Fetcher(pol or policy(), sleep=clock.sleep, clock=clock.monotonic) as fetcher:
        results = list(fetch_web(sources, lake, read_seen(lake), fetcher.policy, run_id=run_id, fetcher=fetcher))
    docs = [r.document for r in results if isinstance(r.document, LoadedDocument)]
    lake.write_table(
        "raw_documents",
        [raw_document_row(d, final_url=None, run_id=run_id) for d in docs],
        run_id=run_id,
        ingest_date=DAY,
        part=0,
    )
    lake.write_table("fetches", [r.fetch_row for r in results if r.fetch_row], run_id=run_id, ingest_date=DAY, part=1)
    return results


def outcomes(results: list[WebResult]) -> dict[str, str]:
    return {r.url.split("?")[0].rsplit("/", 1)[-1] or r.url: r.outcome for r in results}


@pytest.fixture
def lake(tmp_path: Path) -> Lake:
    return Lake(tmp_path / "data")


def test_feed_then_second_pass_fetches_nothing_new(site: TestSite, lake: Lake) -> None:  # noqa: F811
    publish(site)
    site.reset()
    feed = Source("Test Wire", "feed", url=site.url("/feed.xml"))
    first = run([feed], lake)
    assert outcomes(first) == {
        "feed.xml": "listed",
        "navy-orders-third-tanker": "fetched",
        "army-drone-school-opens": "fetched",
        "air-force-retires-old-trainers": "fetched",
    }
    doc = next(r.document for r in first if r.outcome == "fetched")
    assert isinstance(doc, LoadedDocument)
    assert doc.source_uri.endswith("utm_medium=feed") and doc.http_status == 200 and doc.kind == "html"
    assert doc.final_url == doc.source_uri and doc.content_type.startswith("text/html")
    assert lake.get_raw(doc.raw_id) == doc.data  # stored before it was yielded
    row = next(r.fetch_row for r in first if r.outcome == "fetched")
    assert row and row["canonical_url"] == canonical_url(doc.source_uri) and "utm_" not in row["canonical_url"]
    site.reset()
    second = run([feed], lake, run_id="r2")
    assert set(outcomes(second).values()) == {"not_modified", "seen"}
    assert outcomes(second)["feed.xml"] == "not_modified"
    assert set(site.hits) == {"/robots.txt", "/feed.xml"} and site.seen_headers["/feed.xml"].get("if-none-match")


def test_changed_page_is_fetched_again(site: TestSite, lake: Lake) -> None:  # noqa: F811
    publish(site)
    path = "/news/2026/03/army-drone-school-opens"
    urls = Source("list", "urls", urls=(site.url(path),))
    assert outcomes(run([urls], lake))["army-drone-school-opens"] == "fetched"
    assert outcomes(run([urls], lake, run_id="r2"))["army-drone-school-opens"] == "not_modified"
    site.pages[path] = article("Army drone school opens early", "army-drone-school-opens")
    (changed,) = run([urls], lake, run_id="r3")
    assert changed.outcome == "fetched" and isinstance(changed.document, LoadedDocument)
    assert b"opens early" in changed.document.data


def test_sitemap_index_and_failures_with_reasons(site: TestSite, lake: Lake) -> None:  # noqa: F811
    publish(site)
    results = run([Source("Test Wire", "sitemap", url=site.url("/sitemap.xml"))], lake)
    got = outcomes(results)
    assert got["sitemap.xml"] == got["sitemap-news.xml"] == "listed"
    assert got["missing-story-about-radars"] == "failed"
    failure = next(r.document for r in results if r.outcome == "failed")
    assert isinstance(failure, LoadFailure) and failure.error_type == "HTTP404" and "after 1 attempt" in failure.message
    assert sum(1 for r in results if r.outcome == "fetched") == 3


def test_page_source_max_items_and_robots(site: TestSite, lake: Lake) -> None:  # noqa: F811
    publish(site)
    page = Source("Test Wire", "page", url=site.url("/news/"), max_items=2)
    assert [r.outcome for r in run([page], lake)] == ["listed", "fetched", "fetched"]
    private = site.url("/private/memo")
    blocked = run([Source("s", "urls", urls=(private,))], lake, policy(respect_robots=True), run_id="r2")
    assert blocked[0].outcome == "skipped_robots" and blocked[0].document is None
    allowed = run([Source("s", "urls", urls=(private,), robots=False)], lake, policy(respect_robots=True), run_id="r3")
    assert allowed[0].outcome == "fetched"


def test_a_url_disallowed_by_a_wildcard_rule_is_skipped_and_reported(site: TestSite, lake: Lake) -> None:  # noqa: F811
    """``Disallow: /*?print=`` (RFC 9309 wildcards): the print copy is not requested, and it is reported
    as every robots refusal is: outcome skipped_robots, no document, a fetches row saying why."""
    publish(site)
    printed, story = site.url("/news/2026/03/navy-orders-third-tanker?print=1"), "/news/2026/03/army-drone-school-opens"
    site.reset()
    site.robots = b"User-agent: *\nDisallow: /*?print=\nDisallow: /*.pdf$\n"
    try:
        results = run([Source("Test Wire", "urls", urls=(printed, site.url(story)))], lake, policy(respect_robots=True))
    finally:
        site.robots = ROBOTS
    refused, fetched = results
    assert (refused.outcome, refused.document) == ("skipped_robots", None)
    assert refused.fetch_row is not None and refused.fetch_row["outcome"] == "skipped_robots"
    assert refused.fetch_row["error_type"] == "RobotsDisallowed" and refused.fetch_row["raw_id"] is None
    assert "disallowed by robots.txt" in refused.fetch_row["message"]
    assert fetched.outcome == "fetched"
    assert site.hits["/news/2026/03/navy-orders-third-tanker"] == 0 and site.hits[story] == 1
    rows = lake.read_table("fetches").to_pylist()
    assert sorted((r["outcome"], r["url"]) for r in rows) == [("fetched", site.url(story)), ("skipped_robots", printed)]


def test_bare_url_is_sniffed_feed_or_article(site: TestSite, lake: Lake) -> None:  # noqa: F811
    publish(site)
    feed = run([Source("x", "url", url=site.url("/feed.xml"))], lake)
    assert [r.outcome for r in feed] == ["listed", "fetched", "fetched", "fetched"]
    story = run([Source("y", "url", url=site.url("/ok"))], lake, run_id="r2")
    assert [r.outcome for r in story] == ["fetched"]


def test_private_address_refused_by_default_in_the_web_path(site: TestSite, lake: Lake) -> None:  # noqa: F811
    results = run([Source("x", "urls", urls=(site.url("/ok"),))], lake, policy(allow_private_addresses=False))
    assert results[0].outcome == "refused"
    assert isinstance(results[0].document, LoadFailure) and results[0].document.error_type == "PrivateAddress"


def test_a_stored_but_unprocessed_page_is_not_skipped(site: TestSite, lake: Lake) -> None:  # noqa: F811
    publish(site)
    feed = Source("Test Wire", "feed", url=site.url("/feed.xml"))
    clock = FakeClock()
    with Fetcher(policy(), sleep=clock.sleep, clock=clock.monotonic) as fetcher:
        results = list(fetch_web([feed], lake, read_seen(lake), fetcher.policy, run_id="r1", fetcher=fetcher))
    # the run dies after writing fetches but before raw_documents: the next run must still yield the pages
    lake.write_table("fetches", [r.fetch_row for r in results if r.fetch_row], run_id="r1", ingest_date=DAY, part=0)
    again = run([feed], lake, run_id="r2")
    assert sum(1 for r in again if r.outcome == "fetched") == 3


def test_sources_toml_and_arguments(tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text("# morning list\nhttps://a.example/one-story-here\n\nhttps://b.example/two-story-here\n")
    toml = tmp_path / "web.toml"
    toml.write_text(
        '[[source]]\nname = "Wire"\nkind = "feed"\nurl = "https://wire.example/feed/"\nrobots = false\n'
        'max_items = 5\n[[source]]\nkind = "urls"\npath = "urls.txt"\n'
        '[[source]]\nkind = "sitemap"\nurl = "https://wire.example/sitemap.xml"\n'
    )
    feed, urls, sitemap = parse_sources_toml(toml)
    assert (feed.kind, feed.robots, feed.max_items, feed.url) == ("feed", False, 5, "https://wire.example/feed/")
    assert (urls.kind, urls.name, urls.path) == ("urls", "urls", listing.resolve())
    assert sitemap.name == "wire.example"
    args = resolve_sources(["https://wire.example/story-one-two", f"@{listing}"])
    assert [(s.kind, s.name) for s in args] == [("url", "wire.example"), ("urls", "urls")]
    for bad, message in [
        ('kind = "feed"', "'url'"),
        ('kind = "feed"\nurl = "ftp://x"', "'url'"),
        ('kind = "feed"\nurl = "https://x.example/"\nrobots = "no"', "robots"),
        ('kind = "page"\nurl = "https://x.example/"\nmax_items = 0', "max_items"),
    ]:
        toml.write_text(f"[[source]]\n{bad}\n")
        with pytest.raises(ValueError, match=message):
            parse_sources_toml(toml)


def test_urls_are_handed_out_one_host_after_another() -> None:
    from flows.acquire.web_records import PageCandidate, round_robin_by_host

    source = Source(name="s", kind="urls", urls=())
    urls = (
        [f"https://a.example/{i}" for i in range(3)]
        + [f"https://b.example/{i}" for i in range(2)]
        + ["https://c.example/0"]
    )
    order = [c.url for c, _ in round_robin_by_host([(PageCandidate(source, u), None) for u in urls])]
    assert order == [
        "https://a.example/0",
        "https://b.example/0",
        "https://c.example/0",
        "https://a.example/1",
        "https://b.example/1",
        "https://a.example/2",
    ]


# -- damaged feeds and sitemaps: what was read is fetched, and the damage is a reject (issue #14) -----------


def _rejects(results: list[WebResult]) -> dict[str, tuple[str, str, str]]:
    return {
        r.url.rsplit("/", 1)[-1]: (r.stage, r.document.error_type, r.document.message)
        for r in results
        if isinstance(r.document, LoadFailure)
    }


def test_a_feed_cut_short_by_an_entity_bomb_fetches_the_items_before_it_and_is_a_reject(
    site: TestSite,  # noqa: F811
    lake: Lake,
) -> None:
    publish_damaged(site)
    results = run([Source("Harbor Watch", "feed", url=site.url("/bomb-feed.xml"))], lake)
    assert {slug for slug, outcome in outcomes(results).items() if outcome == "fetched"} == set(GOOD_SLUGS)
    listing = next(r for r in results if r.url.endswith("/bomb-feed.xml") and r.fetch_row is not None)
    assert listing.outcome == "listed" and listing.fetch_row["outcome"] == "fetched"
    stage, error_type, message = _rejects(results)["bomb-feed.xml"]
    assert (stage, error_type) == ("parse", "PartialFeed")
    assert "Maximum entity amplification factor exceeded" in message and "3 items read" in message
    assert "only 4 of 5 <item> elements could be read" in message
    reject = next(r.document for r in results if isinstance(r.document, LoadFailure))
    assert reject.raw_id == listing.fetch_row["raw_id"]  # the damaged bytes are kept, for a reprocess


def test_a_bomb_before_any_item_is_a_reject_with_no_items(site: TestSite, lake: Lake) -> None:  # noqa: F811
    publish_damaged(site)
    results = run([Source("Harbor Watch", "feed", url=site.url("/bomb-first.xml"))], lake)
    assert [r.outcome for r in results] == ["listed", "failed"]
    stage, error_type, message = _rejects(results)["bomb-first.xml"]
    assert (stage, error_type) == ("parse", "PartialFeed") and "0 items read" in message


def test_a_damaged_sitemap_index_and_a_cut_child_fetch_what_they_list_and_are_rejects(
    site: TestSite,  # noqa: F811
    lake: Lake,
) -> None:
    publish_damaged(site)
    results = run([Source("Harbor Watch", "sitemap", url=site.url("/damaged-index.xml"))], lake)
    listed = {r.url.rsplit("/", 1)[-1] for r in results if r.outcome == "listed"}
    assert listed == {"damaged-index.xml", "part-1.xml", "part-2.xml"}  # part-3 is behind the unclosed comment
    assert {slug for slug, outcome in outcomes(results).items() if outcome == "fetched"} == set(GOOD_SLUGS)
    rejects = _rejects(results)
    assert set(rejects) == {"damaged-index.xml", "part-2.xml"}
    stage, error_type, message = rejects["damaged-index.xml"]
    assert (stage, error_type) == ("parse", "PartialSitemap") and "Comment not terminated" in message
    assert "2 child sitemaps read" in message
    assert "Premature end of data" in rejects["part-2.xml"][2] and "1 page read" in rejects["part-2.xml"][2]


def test_a_feed_the_parser_read_whole_is_no_reject(site: TestSite, lake: Lake) -> None:  # noqa: F811
    publish(site)
    site.pages["/sloppy.xml"] = site.pages["/feed.xml"].replace(
        b"<title>Test Wire</title>", b"<title>Test Wire &nbsp;R&D</title>"
    )
    results = run([Source("Test Wire", "feed", url=site.url("/sloppy.xml"))], lake)
    assert _rejects(results) == {} and sum(1 for r in results if r.outcome == "fetched") == 3
