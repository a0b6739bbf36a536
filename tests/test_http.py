"""The fetcher against a real server on 127.0.0.1: each case ends as a success or a typed failure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from web_server import CYRILLIC_TITLE, ROBOTS, FakeClock, TestSite, site  # noqa: F401 - fixture

from flows.acquire.addresses import TargetRefused, check_target
from flows.acquire.fetch_records import FetchPolicy, Validators, retry_after_seconds
from flows.acquire.http import Fetcher
from transforms.extract.decode import decode_html

NOW = dt.datetime(2026, 3, 4, 12, 0, tzinfo=dt.UTC)


def policy(**overrides: object) -> FetchPolicy:
    base = dict(
        allow_private_addresses=True,
        respect_robots=False,
        per_host_delay=0.0,
        max_attempts=3,
        read_timeout=0.5,
        connect_timeout=0.5,
        max_bytes=2_000_000,
        per_host_concurrency=4,
    )
    base.update(overrides)
    return FetchPolicy(**base)  # type: ignore[arg-type]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def fetcher(clock: FakeClock, site: TestSite) -> Iterator[Fetcher]:  # noqa: F811
    site.reset()
    with Fetcher(policy(), sleep=clock.sleep, clock=clock.monotonic, now=lambda: NOW, rng=lambda: 0.5) as f:
        yield f


def test_200_records_status_type_and_final_url(fetcher: Fetcher, site: TestSite) -> None:  # noqa: F811
    result = fetcher.fetch(site.url("/ok"))
    assert (result.outcome, result.status, result.attempts) == ("fetched", 200, 1)
    assert result.final_url == site.url("/ok") and result.content_type.startswith("text/html")
    assert b"Army orders interceptors" in result.body
    assert site.seen_headers["/ok"]["user-agent"].startswith("sitrep/")


def test_redirect_chain_is_followed_and_the_final_url_kept(fetcher: Fetcher, site: TestSite) -> None:  # noqa: F811
    result = fetcher.fetch(site.url("/r1"))
    assert (result.outcome, result.final_url) == ("fetched", site.url("/ok"))
    assert result.redirects == (site.url("/r2"), site.url("/ok"))


def test_redirect_loop_fails_without_retrying(fetcher: Fetcher, site: TestSite) -> None:  # noqa: F811
    result = fetcher.fetch(site.url("/loop-a"))
    assert (result.outcome, result.error_type, result.attempts) == ("failed", "RedirectLoop", 1)


def test_too_many_redirects(clock: FakeClock, site: TestSite) -> None:  # noqa: F811
    with Fetcher(policy(max_redirects=1), sleep=clock.sleep, clock=clock.monotonic) as f:
        assert f.fetch(site.url("/r1")).error_type == "TooManyRedirects"


@pytest.mark.parametrize(("path", "error"), [("/missing", "HTTP404"), ("/gone", "HTTP410")])
def test_404_and_410_fail_at_once(fetcher: Fetcher, site: TestSite, clock: FakeClock, path: str, error: str) -> None:  # noqa: F811
    result = fetcher.fetch(site.url(path))
    assert (result.outcome, result.error_type, result.status, result.attempts) == ("failed", error, int(error[4:]), 1)
    assert site.hits[path] == 1 and clock.sleeps == []
    assert "after 1 attempt)" in (result.message or "")


def test_500_then_200_is_a_retried_success_with_backoff(fetcher: Fetcher, site: TestSite, clock: FakeClock) -> None:  # noqa: F811
    result = fetcher.fetch(site.url("/flaky"))
    assert (result.outcome, result.attempts) == ("fetched", 2)
    assert clock.sleeps == [1.0]  # base 1 s x (0.5 + jitter 0.5)


def test_503_retry_after_is_honoured(fetcher: Fetcher, site: TestSite, clock: FakeClock) -> None:  # noqa: F811
    result = fetcher.fetch(site.url("/busy"))
    assert (result.outcome, result.attempts) == ("fetched", 2)
    assert clock.sleeps == [7.0]


def test_429_retry_after_is_honoured_on_each_try(fetcher: Fetcher, site: TestSite, clock: FakeClock) -> None:  # noqa: F811
    result = fetcher.fetch(site.url("/limited"))
    assert (result.outcome, result.attempts) == ("fetched", 3)
    assert clock.sleeps == [3.0, 3.0]


def test_persistent_503_gives_up_after_the_attempt_limit(fetcher: Fetcher, site: TestSite, clock: FakeClock) -> None:  # noqa: F811
    result = fetcher.fetch(site.url("/always-503"))
    assert (result.outcome, result.error_type, result.status, result.attempts) == ("failed", "HTTP503", 503, 3)
    assert site.hits["/always-503"] == 3 and clock.sleeps == [1.0, 2.0]
    assert "after 3 attempts" in (result.message or "")


def test_long_retry_after_gives_up_instead_of_waiting(clock: FakeClock, site: TestSite) -> None:  # noqa: F811
    site.reset()
    with Fetcher(policy(retry_after_max=5.0), sleep=clock.sleep, clock=clock.monotonic) as f:
        result = f.fetch(site.url("/busy"))
    assert (result.outcome, result.error_type, result.attempts) == ("failed", "HTTP503", 1)


def test_slow_response_times_out_and_is_retried(clock: FakeClock, site: TestSite) -> None:  # noqa: F811
    with Fetcher(policy(read_timeout=0.2, max_attempts=2), sleep=clock.sleep, clock=clock.monotonic) as f:
        result = f.fetch(site.url("/slow"))
    assert (result.outcome, result.error_type, result.attempts) == ("failed", "ReadTimeout", 2)


def test_body_cut_short_is_a_transient_failure(fetcher: Fetcher, site: TestSite) -> None:  # noqa: F811
    result = fetcher.fetch(site.url("/cut"))
    assert (result.outcome, result.error_type, result.attempts) == ("failed", "RemoteProtocolError", 3)


def test_gzip_bomb_stops_at_the_cap(fetcher: Fetcher, site: TestSite) -> None:  # noqa: F811
    result = fetcher.fetch(site.url("/bomb"))
    assert (result.outcome, result.error_type, result.attempts) == ("failed", "TooLarge", 1)
    assert "inflates to more than 2000000 bytes" in (result.message or "")


def test_gzip_content_encoding_is_inflated(fetcher: Fetcher, site: TestSite) -> None:  # noqa: F811
    result = fetcher.fetch(site.url("/gzipped"))
    assert result.outcome == "fetched" and result.body.startswith(b"<!DOCTYPE html>")


@pytest.mark.parametrize("path", ["/huge", "/huge-stream"])
def test_50_mb_body_is_refused_past_the_cap(fetcher: Fetcher, site: TestSite, path: str) -> None:  # noqa: F811
    result = fetcher.fetch(site.url(path))
    assert (result.outcome, result.error_type, result.attempts) == ("failed", "TooLarge", 1)


def test_wrong_content_type_is_refused_before_reading(fetcher: Fetcher, site: TestSite) -> None:  # noqa: F811
    result = fetcher.fetch(site.url("/photo"))
    assert (result.outcome, result.error_type, result.attempts) == ("failed", "UnsupportedType", 1)


def test_windows_1251_page_declared_in_meta_only(fetcher: Fetcher, site: TestSite) -> None:  # noqa: F811
    result = fetcher.fetch(site.url("/cp1251"))
    assert result.outcome == "fetched" and result.content_type == "text/html"
    assert CYRILLIC_TITLE in decode_html(result.body)


def test_robots_txt_disallows_a_path_and_is_fetched_once(clock: FakeClock, site: TestSite) -> None:  # noqa: F811
    site.reset()
    with Fetcher(policy(respect_robots=True), sleep=clock.sleep, clock=clock.monotonic) as f:
        blocked = f.fetch(site.url("/private/memo"))
        allowed = f.fetch(site.url("/ok"))
        opted_out = f.fetch(site.url("/private/memo"), robots=False)
    assert (blocked.outcome, blocked.error_type) == ("skipped_robots", "RobotsDisallowed")
    assert allowed.outcome == "fetched" and opted_out.outcome == "fetched"
    assert site.hits["/robots.txt"] == 1 and site.hits["/private/memo"] == 1


@pytest.fixture
def robots_site(site: TestSite) -> Iterator[TestSite]:  # noqa: F811
    """The test site with a robots.txt of the test's choice (``site.robots``), put back afterwards."""
    site.reset()
    try:
        yield site
    finally:
        site.robots = ROBOTS


def test_robots_wildcard_and_longest_match_rules_are_obeyed(clock: FakeClock, robots_site: TestSite) -> None:
    robots_site.robots = b"User-agent: *\nDisallow: /*?print=\nAllow: /news/\nDisallow: /news/private\n"
    robots_site.pages["/news/private/frigate-memo"] = b"<html><body><p>Staff only.</p></body></html>"
    with Fetcher(policy(respect_robots=True), sleep=clock.sleep, clock=clock.monotonic) as f:
        printed = f.fetch(robots_site.url("/ok?print=1"))
        private = f.fetch(robots_site.url("/news/private/frigate-memo"))
        plain = f.fetch(robots_site.url("/ok"))
    for refused, url in ((printed, "/ok?print=1"), (private, "/news/private/frigate-memo")):
        assert (refused.outcome, refused.error_type, refused.attempts) == ("skipped_robots", "RobotsDisallowed", 1)
        assert refused.message == f"{robots_site.url(url)}: disallowed by robots.txt (after 1 attempt)"
    assert plain.outcome == "fetched"
    assert robots_site.hits["/ok"] == 1 and robots_site.hits["/news/private/frigate-memo"] == 0


def test_robots_txt_over_the_size_cap_is_read_up_to_the_cap(clock: FakeClock, robots_site: TestSite) -> None:
    """RFC 9309 2.5: the first 500 KiB at least are parsed; a longer file is cut there, not ignored."""
    robots_site.robots = (
        b"User-agent: *\nDisallow: /private/\nCrawl-delay: 3\n"
        + b"# archived rules of the old site follow\n" * 20_000
        + b"Disallow: /ok\n"
    )
    assert len(robots_site.robots) > FetchPolicy().robots_max_bytes
    with Fetcher(policy(respect_robots=True), sleep=clock.sleep, clock=clock.monotonic) as f:
        blocked = f.fetch(robots_site.url("/private/memo"))
        past_the_cap = f.fetch(robots_site.url("/ok"))
        assert f.robots.crawl_delay(robots_site.url("/ok")) == 3.0
    assert (blocked.outcome, blocked.error_type) == ("skipped_robots", "RobotsDisallowed")
    assert past_the_cap.outcome == "fetched"  # the rule after the cap is not read
    assert robots_site.hits["/private/memo"] == 0 and robots_site.hits["/robots.txt"] == 1


def test_etag_gives_a_304_not_modified(fetcher: Fetcher, site: TestSite) -> None:  # noqa: F811
    site.pages["/story-etag"] = b"<html><body><p>Frigate programme slips a year.</p></body></html>"
    first = fetcher.fetch(site.url("/story-etag"))
    assert first.outcome == "fetched" and first.etag
    again = fetcher.fetch(site.url("/story-etag"), validators=Validators(first.etag, first.last_modified))
    assert (again.outcome, again.status, again.body, again.etag) == ("not_modified", 304, b"", first.etag)
    assert site.seen_headers["/story-etag"]["if-modified-since"] == first.last_modified


def test_connection_refused_is_retried_then_fails(clock: FakeClock) -> None:
    with Fetcher(policy(max_attempts=2), sleep=clock.sleep, clock=clock.monotonic) as f:
        result = f.fetch("http://127.0.0.1:9/closed")
    assert (result.outcome, result.error_type, result.attempts) == ("failed", "ConnectError", 2)


def test_per_host_delay_spaces_requests(clock: FakeClock, site: TestSite) -> None:  # noqa: F811
    with Fetcher(policy(per_host_delay=2.0), sleep=clock.sleep, clock=clock.monotonic) as f:
        for _ in range(3):
            assert f.fetch(site.url("/ok")).outcome == "fetched"
    assert clock.sleeps == [2.0, 2.0]


# -- SSRF: only http(s), and no private addresses unless allowed -------------------------------------


def test_loopback_is_refused_by_default(site: TestSite) -> None:  # noqa: F811
    site.reset()
    with Fetcher(policy(allow_private_addresses=False)) as f:
        result = f.fetch(site.url("/ok"))
        named = f.fetch(site.url("/ok").replace("127.0.0.1", "localhost"))
    assert (result.outcome, result.error_type, result.attempts) == ("refused", "PrivateAddress", 1)
    assert named.error_type == "PrivateAddress"
    assert site.hits["/ok"] == 0  # no request was sent


@pytest.mark.parametrize(
    "address",
    [
        "10.1.2.3",
        "169.254.169.254",
        "192.168.0.10",
        "172.16.5.4",
        "::1",
        "fe80::1",
        "::ffff:127.0.0.1",
        "0.0.0.0",
        "100.64.0.1",
    ],
)
def test_private_and_link_local_addresses_are_refused(address: str) -> None:
    with pytest.raises(TargetRefused, match="PrivateAddress|private"):
        check_target("https://intranet.example/feed", allow_private=False, resolve=lambda h, p: [address])


def test_a_public_address_passes_and_other_schemes_are_refused() -> None:
    check_target("https://news.example/a", allow_private=False, resolve=lambda h, p: ["93.184.216.34"])
    for url in ("file:///etc/passwd", "ftp://news.example/a", "gopher://x/"):
        with pytest.raises(TargetRefused) as info:
            check_target(url, allow_private=True)
        assert info.value.error_type == "UnsupportedScheme"


def test_retry_after_as_http_date() -> None:
    assert retry_after_seconds("Wed, 04 Mar 2026 12:00:30 GMT", NOW) == 30.0
    assert retry_after_seconds("120", NOW) == 120.0
    assert retry_after_seconds("soon", NOW) is None
