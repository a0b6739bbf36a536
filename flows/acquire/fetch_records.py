"""What a fetch is asked for and what comes back: the records around the fetcher (``flows.acquire.http``).

``FetchPolicy`` (how politely and how hard to fetch), ``Validators`` (what a conditional GET sends),
``FetchResult`` (one URL's outcome) and ``FetchFailure`` (why one attempt failed, and whether another try
may do better); the kinds a fetch expects (``Expect``) and the media types each accepts, with the
``Accept`` header sent for it; and the pure helpers that read response headers (``retry_after_seconds``,
``media_type``). No I/O here.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "ACCEPTED",
    "ACCEPT_HEADER",
    "Expect",
    "FetchFailure",
    "FetchPolicy",
    "FetchResult",
    "HostLimitMode",
    "Outcome",
    "Validators",
    "media_type",
    "retry_after_seconds",
]

Expect = Literal["page", "feed", "sitemap", "any", "robots"]
Outcome = Literal["fetched", "not_modified", "failed", "skipped_robots", "refused"]
HostLimitMode = Literal["auto", "on", "off"]

_HTML = ("text/html", "application/xhtml+xml", "text/plain")
_XML = (
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/json",
    "text/plain",
    "application/gzip",
    "application/x-gzip",
    "application/octet-stream",
    "text/html",
)
ACCEPTED: dict[str, tuple[str, ...]] = {"page": _HTML, "feed": _XML, "sitemap": _XML, "any": _HTML + _XML, "robots": ()}
ACCEPT_HEADER = {
    "page": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
    "feed": "application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,*/*;q=0.5",
    "sitemap": "application/xml,text/xml;q=0.9,*/*;q=0.5",
    "any": "*/*",
    "robots": "text/plain,*/*",
}


@dataclass(frozen=True)
class FetchPolicy:
    """How politely and how hard to fetch; built once from the settings at the entry point."""

    user_agent: str = "sitrep/0.1 (defense news research; +https://sitrep.invalid/bot)"
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0  # one attempt, headers and body, start to end
    max_attempts: int = 4
    backoff_base: float = 1.0
    backoff_max: float = 60.0
    retry_after_max: float = 300.0  # a longer Retry-After gives up instead of waiting
    max_redirects: int = 5
    max_bytes: int = 10_000_000  # body after content decoding
    robots_max_bytes: int = 512_000
    per_host_concurrency: int = 2
    per_host_delay: float = 1.0  # seconds between request starts on one host (robots Crawl-delay may raise it)
    max_crawl_delay: float = 30.0
    concurrency: int = 16
    respect_robots: bool = True
    allow_private_addresses: bool = False
    # used by the web path (flows.acquire.web), not by the fetcher itself:
    task_retries: int = 2  # Prefect task retries of a URL whose fetch ended in a transient failure
    task_retry_delay: float = 5.0  # seconds before the first of them; doubled for each next one
    host_limits: HostLimitMode = "auto"  # Prefect global concurrency limit per host: auto = with a real API server


@dataclass(frozen=True)
class Validators:
    """What the lake remembers of a URL's last response, for a conditional GET."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class FetchResult:
    url: str
    outcome: Outcome
    final_url: str | None = None
    status: int | None = None
    body: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    attempts: int = 0
    error_type: str | None = None
    message: str | None = None
    fetched_at: dt.datetime | None = None
    redirects: tuple[str, ...] = ()
    transient: bool = False  # a failure worth another try later (timeout, connection error, 5xx, 429)


@dataclass
class FetchFailure(Exception):
    """Why one attempt failed, and whether another try may do better; the fetcher turns it into a ``FetchResult``."""

    error_type: str
    message: str
    status: int | None = None
    transient: bool = False
    retry_after: float | None = None
    final_url: str | None = None


def retry_after_seconds(value: str | None, now: dt.datetime) -> float | None:
    """``Retry-After`` as seconds from ``now`` (delta-seconds or an HTTP date); None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - now).total_seconds())


def media_type(header: str | None) -> str | None:
    """The media type of a ``Content-Type`` header, lower case, without its parameters; None if absent."""
    if not header:
        return None
    return header.split(";", 1)[0].strip().lower() or None
