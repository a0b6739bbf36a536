"""The records of the web path (``flows.acquire.web``) and the pure helpers around them.

``WebResult`` (one URL's outcome, with the ``fetches`` row to write) and its ``WebOutcome``; the
``PageCandidate`` a source names or discovery finds, and the ``PageRetry`` handed to the second tier of
retries (``flows.acquire.refetch``); how a failed fetch or a feed or sitemap read only in part is described
(``describe_failure``, ``read_in_part``); the order pages are fetched in (``newest_first`` within a sitemap,
``round_robin_by_host`` across hosts); and the result of a document read from a WARC file (``warc_result``).
No I/O here.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

from flows.acquire.fetch_records import FetchResult
from flows.acquire.load import LoadedDocument, LoadFailure
from flows.acquire.seen import SeenEntry, canonical_url
from flows.acquire.sources import Source
from transforms.formats.feeds import Feed
from transforms.formats.sitemaps import Sitemap, SitemapEntry
from transforms.formats.xmlsafe import ParseProblem

__all__ = [
    "PageCandidate",
    "PageRetry",
    "WebOutcome",
    "WebResult",
    "describe_failure",
    "newest_first",
    "read_in_part",
    "round_robin_by_host",
    "warc_result",
]

WebOutcome = Literal["listed", "fetched", "not_modified", "unchanged", "seen", "failed", "skipped_robots", "refused"]


@dataclass(frozen=True)
class WebResult:
    """One URL's outcome: a document to clean, a failure to reject, or nothing new (document None)."""

    source_name: str
    url: str
    outcome: WebOutcome
    document: LoadedDocument | LoadFailure | None
    fetch_row: dict[str, Any] | None  # the ``fetches`` row; None when no request was made
    stage: str = "fetch"  # the stage a failure is rejected at: fetch, or parse for a feed or sitemap


@dataclass(frozen=True)
class PageCandidate:
    """A page URL a source names or its discovery found, to fetch unless it was seen."""

    source: Source
    url: str
    hint: Any = None  # a datetime from the feed or sitemap saying when the page last changed
    revalidate: bool = False  # named directly: ask the server again even if seen


@dataclass(frozen=True)
class PageRetry:
    """A page whose fetch ended in a transient failure, for the second tier (``flows.acquire.refetch``)."""

    candidate: PageCandidate
    previous: SeenEntry | None
    first: FetchResult


def describe_failure(result: FetchResult) -> tuple[str, str]:
    """``(error_type, message)`` of a fetch that did not succeed."""
    return result.error_type or "FetchError", result.message or f"{result.outcome} after {result.attempts} attempt(s)"


def read_in_part(listing: Feed | Sitemap) -> tuple[str, str] | None:
    """``(error_type, message)`` of a feed or sitemap the parser read only in part; None when it read it whole."""
    fatal: tuple[ParseProblem, ...] = listing.fatal_problems
    if not fatal:
        return None
    count = len(listing.items) if isinstance(listing, Feed) else len(listing.entries)
    if isinstance(listing, Feed):
        error_type, noun = "PartialFeed", "item"
    else:
        error_type, noun = "PartialSitemap", "child sitemap" if listing.kind == "index" else "page"
    reasons = "; ".join(str(p) for p in fatal[:3]) + (f"; {len(fatal) - 3} more" if len(fatal) > 3 else "")
    return error_type, f"read in part: {reasons}; {count} {noun}{'' if count == 1 else 's'} read"


def newest_first(entry: SitemapEntry) -> float:
    """Sort key of a sitemap's pages: the newest (news date, else lastmod) first, undated ones after."""
    when = entry.news_published or entry.lastmod
    return -when.timestamp() if when is not None else 0.0


def round_robin_by_host(
    wanted: list[tuple[PageCandidate, SeenEntry | None]],
) -> Iterator[tuple[PageCandidate, SeenEntry | None]]:
    """The URLs to fetch, one host after another in turn, so the pool is never filled with the URLs of
    one host that its per-host limit lets through one at a time; order within a host is kept."""
    by_host: dict[str, deque[tuple[PageCandidate, SeenEntry | None]]] = {}
    for item in wanted:
        by_host.setdefault(urlsplit(item[0].url).hostname or "", deque()).append(item)
    queues = list(by_host.values())
    while queues:
        for queue in queues:
            yield queue.popleft()
        queues = [queue for queue in queues if queue]


def warc_result(source: Source, doc: LoadedDocument | LoadFailure, run_id: str, now: dt.datetime) -> WebResult:
    """A document read from a WARC file as a result, with the ``fetches`` row it stands for."""
    ok = isinstance(doc, LoadedDocument)
    row = {
        "source_name": source.name,
        "url": doc.source_uri,
        "canonical_url": canonical_url(doc.source_uri),
        "final_url": doc.final_url if isinstance(doc, LoadedDocument) else None,
        "outcome": "fetched" if ok else "failed",
        "http_status": doc.http_status if isinstance(doc, LoadedDocument) else None,
        "etag": None,
        "last_modified": None,
        "raw_id": doc.raw_id,
        "attempts": 1,
        "error_type": None if isinstance(doc, LoadedDocument) else doc.error_type,
        "message": None if isinstance(doc, LoadedDocument) else doc.message,
        "fetched_at": doc.fetched_at if isinstance(doc, LoadedDocument) else now,
        "run_id": run_id,
    }
    return WebResult(source.name, doc.source_uri, "fetched" if ok else "failed", doc, row)
