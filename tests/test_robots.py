"""flows.acquire.robots: robots.txt read as RFC 9309 says, on robots files written for sitrep's tests.

The rules cases follow the RFC's sections: 2.2.2 (longest match wins, allow wins a tie, percent-encoding
before comparison), 2.2.3 (``*`` and ``$``), 2.2.1 (user-agent groups, case-insensitive product
token, groups of one crawler combined, ``*`` only when no group names it), 2.3.1 (what a 4xx, a 5xx or
an unreachable server means) and 2.5 (the first 500 KiB are parsed).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.acquire.robots import RobotsCache, RobotsRules, parse_robots

FIXTURES = Path(__file__).parent / "fixtures" / "robots"
HARBOR = "https://www.harbor-watch.example"
LAND = "https://www.land-desk.example"
SENTINEL = "https://www.sentinel-news.example"


def rules(name: str) -> RobotsRules:
    return parse_robots((FIXTURES / name).read_bytes())


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        # 2.2.3: "*" stands for any run of characters, in the middle of a rule as well
        ("/news/2026/03/frigate-trials?print=1", False),
        ("/opinion/why-tankers-matter?print=yes&ref=home", False),
        ("/opinion/why-tankers-matter?ref=home&print=yes", True),  # the rule names "?print=", not "&print="
        ("/news/2026/03/frigate-trials", True),
        # 2.2.3: "$" anchors the rule at the end of the URL
        ("/files/2026/shipbuilding-review.pdf", False),
        ("/files/2026/shipbuilding-review.pdf?download=1", True),
        ("/files/2026/shipbuilding-review.pdfx", True),
        ("/briefings/", True),
        ("/briefings/2026-03-04-navy-budget", False),
        # 2.2.2: the longest matching rule wins, whatever its place in the file
        ("/news/private/staff-memo", False),
        ("/news/privateer-class-patrol-boat", False),
        ("/news/public/fleet-review", True),
        ("/search?q=destroyer", False),
        # 2.2.2: an allow and a disallow rule of the same length: allow wins
        ("/archive/2019/carrier-fire", True),
        # rules are case-sensitive, paths too
        ("/Search?q=destroyer", True),
        # robots.txt itself may always be read
        ("/robots.txt", True),
    ],
)
def test_wildcards_end_anchor_and_longest_match(path: str, allowed: bool) -> None:
    assert rules("harbor-watch.txt").allowed(HARBOR + path, "sitrep") is allowed


def test_crawl_delay_is_read_for_the_matching_group() -> None:
    assert rules("harbor-watch.txt").crawl_delay("sitrep") == 2.0


@pytest.mark.parametrize(
    ("agent", "path", "allowed"),
    [
        # sitrep is named (in capitals) in a group it shares with another crawler: that group alone applies
        ("sitrep", "/drafts/new-howitzer-contract", False),
        ("sitrep", "/members/forum", True),
        # a second group naming sitrep adds its rules to the first one's
        ("sitrep", "/embargoed/defence-review", False),
        ("partnerbot", "/drafts/new-howitzer-contract", False),
        ("partnerbot", "/embargoed/defence-review", True),
        # a crawler named by no group follows "*"
        ("newsreader", "/members/forum", False),
        ("newsreader", "/drafts/new-howitzer-contract", True),
        # a crawler shut out by its own group
        ("otherbot", "/news/2026/03/anything", False),
    ],
)
def test_user_agent_groups(agent: str, path: str, allowed: bool) -> None:
    assert rules("groups.txt").allowed(LAND + path, agent) is allowed


def test_crawl_delay_of_a_shared_group() -> None:
    parsed = rules("groups.txt")
    assert parsed.crawl_delay("sitrep") == 5.0 and parsed.crawl_delay("newsreader") is None


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        # a percent-encoded unreserved character in a rule matches the plain character in the URL
        ("/press-kit/2026/brochure", False),
        ("/pressroom", True),
        # a rule written with non-ASCII characters matches the URL's percent-encoded form, and both forms match
        ("/%D1%81%D0%B2%D0%BE%D0%B4%D0%BA%D0%B0/2026-03-04", False),
        ("/sections/%E5%9B%BD%E9%98%B2/carrier-group", False),
        # hex digits compare without regard to case
        ("/map/%C3%A9tat-major/units", False),
        ("/map/headquarters", True),
    ],
)
def test_percent_encoding_is_normalized_before_comparison(path: str, allowed: bool) -> None:
    # the file starts with a UTF-8 byte order mark and has CRLF line ends
    assert rules("encoded.txt").allowed(SENTINEL + path, "sitrep") is allowed


def test_an_empty_disallow_allows_everything() -> None:
    parsed = parse_robots(b"User-agent: *\nDisallow:\n")
    assert parsed.allowed(HARBOR + "/news/anything", "sitrep")


def _cache(status: int | None, body: bytes = b"") -> tuple[RobotsCache, list[str]]:
    """A cache whose robots.txt answers ``status`` and ``body``, and the list of URLs it fetched."""
    fetched: list[str] = []

    def fetch(url: str) -> tuple[int | None, bytes]:
        fetched.append(url)
        return status, body

    return RobotsCache(fetch, "sitrep/0.1 (defense news research)"), fetched


@pytest.mark.parametrize(
    ("status", "allowed", "reason"),
    [
        (404, True, "everything allowed"),
        (403, True, "everything allowed"),
        (500, False, "host disallowed"),
        (503, False, "host disallowed"),
        (None, False, "host disallowed"),
    ],
)
def test_status_handling(status: int | None, allowed: bool, reason: str) -> None:
    cache, fetched = _cache(status, b"User-agent: *\nAllow: /\n")
    assert cache.allowed(HARBOR + "/news/a") is allowed
    assert reason in cache.rules(HARBOR + "/news/b").reason
    assert fetched == [HARBOR + "/robots.txt"]  # once per host


def test_the_agent_is_the_product_token_of_the_user_agent() -> None:
    cache, _ = _cache(200, (FIXTURES / "groups.txt").read_bytes())
    assert cache.agent == "sitrep"
    assert not cache.allowed(LAND + "/drafts/x") and cache.allowed(LAND + "/members/x")
    assert cache.crawl_delay(LAND + "/") == 5.0


def test_a_body_that_is_not_utf8_is_still_read() -> None:
    parsed = parse_robots(b"# r\xe9daction\nUser-agent: *\nDisallow: /r\xe9daction/\nDisallow: /drafts/\n")
    assert not parsed.allowed(HARBOR + "/drafts/x", "sitrep")
