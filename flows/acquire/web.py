"""The web path of ingest: web sources in, one ``WebResult`` per URL out, bodies in the raw zone first.

``fetch_web`` is a generator. For each source it discovers article URLs (a feed's items, a
sitemap's pages through its index, the article links of an index page, the lines of a URL list, or
the pages a bare URL turns out to list), canonicalises them, and skips what the source has already
fetched and processed unless a feed or sitemap says it changed since (URLs named directly, by
``url`` and ``urls`` sources, are revalidated with a conditional GET each run). The rest is fetched
on a thread pool under the fetcher's per-host limits, and, with a Prefect API server, under the
per-host Prefect global concurrency limits too (``flows.acquire.host_limits``). A URL whose fetch ends in a
transient failure is handed to the Prefect task ``refetch`` with retries and backoff
(``flows.acquire.refetch``), on a pool of its own so that its waits never hold up the other URLs; it yields
one result, its last. Each body goes to the raw zone before its result is yielded, so nothing
fetched is lost if a later stage fails. WARC sources are read from disk. Every result carries the
``fetches`` row to write (None when no request was made).

A feed or sitemap that is not one, or that the XML parser could read only in part (its fatal
``ParseProblem``: an entity bomb, a cut body, markup broken past a point), is a reject of stage
``parse`` (``PartialFeed``, ``PartialSitemap``) carrying the parser's reason and its raw id; the
items read before the damage are fetched all the same.
"""

from __future__ import annotations

import contextvars
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import ExitStack
from typing import Any, TypeVar

from flows.acquire.fetch_records import Expect, FetchPolicy, FetchResult, Validators
from flows.acquire.host_limits import open_host_limits
from flows.acquire.http import Fetcher
from flows.acquire.load import LoadedDocument, LoadFailure
from flows.acquire.refetch import Refetch, refetcher
from flows.acquire.seen import SeenEntry, SeenState, canonical_url, fetch_row
from flows.acquire.sources import Source, read_url_list
from flows.acquire.warc import load_warc
from flows.acquire.web_records import (
    PageCandidate,
    PageRetry,
    WebOutcome,
    WebResult,
    describe_failure,
    newest_first,
    read_in_part,
    round_robin_by_host,
    warc_result,
)
from transforms.errors import TooLarge
from transforms.extract.compression import GZIP_MAGIC, BrokenGzip, gunzip_capped
from transforms.extract.links import article_links
from transforms.formats.feeds import Feed, FeedError, looks_like_feed, parse_feed
from transforms.formats.sitemaps import Sitemap, SitemapError, looks_like_sitemap, parse_sitemap
from warehouse.lake import Lake, sha256_hex

__all__ = ["fetch_web"]

_MAX_SITEMAP_DEPTH = 3
_MAX_CHILD_SITEMAPS = 200
T = TypeVar("T")


class _Run:
    def __init__(
        self, lake: Lake, seen: SeenState, fetcher: Fetcher, run_id: str, refetch: Refetch | None = None
    ) -> None:
        self.lake, self.seen, self.fetcher, self.run_id, self.refetch = lake, seen, fetcher, run_id, refetch
        self.policy: FetchPolicy = fetcher.policy

    def fetch(self, url: str, expect: Expect, validators: Validators | None, robots: bool) -> FetchResult:
        """A fetch, and on a transient failure the Prefect retries, here and now (discovery)."""
        result = self.fetcher.fetch(url, expect=expect, validators=validators, robots=robots)
        if result.transient and self.refetch is not None:
            return self.refetch(result, expect, validators, robots)
        return result

    # -- turning a fetch into a result ----------------------------------------------------------

    def _robots(self, source: Source) -> bool:
        return self.policy.respect_robots and source.robots

    def failure(self, source: Source, url: str, result: FetchResult, previous: SeenEntry | None) -> WebResult:
        row = fetch_row(
            source.name, url, result, outcome=result.outcome, raw_id=None, run_id=self.run_id, previous=previous
        )
        if result.outcome == "skipped_robots":
            return WebResult(source.name, url, "skipped_robots", None, row)
        error_type, message = describe_failure(result)
        outcome: WebOutcome = "refused" if result.outcome == "refused" else "failed"
        return WebResult(source.name, url, outcome, LoadFailure(source.name, url, error_type, message), row)

    def article(self, source: Source, url: str, result: FetchResult, previous: SeenEntry | None) -> WebResult:
        if result.outcome == "not_modified":
            row = fetch_row(
                source.name, url, result, outcome="not_modified", raw_id=None, run_id=self.run_id, previous=previous
            )
            return WebResult(source.name, url, "not_modified", None, row)
        if result.outcome != "fetched":
            return self.failure(source, url, result, previous)
        raw_id = self.lake.put_raw(result.body)
        if previous is not None and previous.raw_id == raw_id:
            row = fetch_row(source.name, url, result, outcome="unchanged", raw_id=raw_id, run_id=self.run_id)
            return WebResult(source.name, url, "unchanged", None, row)
        row = fetch_row(source.name, url, result, outcome="fetched", raw_id=raw_id, run_id=self.run_id)
        data, encoding = result.body, None
        if data[:2] == GZIP_MAGIC:
            try:
                data, encoding = gunzip_capped(data, self.policy.max_bytes), "gzip"
            except (BrokenGzip, TooLarge) as exc:
                error_type = "BadGzip" if isinstance(exc, BrokenGzip) else "TooLarge"
                return WebResult(
                    source.name, url, "failed", LoadFailure(source.name, url, error_type, str(exc), raw_id), row
                )
        media = (result.content_type or "text/html").split(";", 1)[0].strip().lower()
        document = LoadedDocument(
            source_name=source.name,
            source_uri=url,
            kind="text" if media == "text/plain" else "html",
            raw_id=raw_id,
            data=data,
            stored_size=len(result.body),
            content_encoding=encoding,
            fetched_at=result.fetched_at or row["fetched_at"],
            http_status=result.status,
            final_url=result.final_url,
            content_type=result.content_type,
        )
        return WebResult(source.name, url, "fetched", document, row)

    # -- discovery ------------------------------------------------------------------------------

    def listing(self, source: Source, url: str, expect: Expect) -> tuple[FetchResult, bytes | None, WebResult]:
        """Fetch a feed, sitemap or index page (conditionally); its body (stored, or remembered on a 304)."""
        previous = self.seen.get(source.name, url)
        result = self.fetch(url, expect, previous.validators if previous else None, self._robots(source))
        if result.outcome == "not_modified" and previous is not None and previous.raw_id is not None:
            row = fetch_row(
                source.name, url, result, outcome="not_modified", raw_id=None, run_id=self.run_id, previous=previous
            )
            try:
                body: bytes | None = self.lake.get_raw(previous.raw_id)
            except OSError:
                body = None
            return result, body, WebResult(source.name, url, "not_modified", None, row)
        if result.outcome == "not_modified":  # a 304 for a body we do not hold: ask again, unconditionally
            result = self.fetch(url, expect, None, self._robots(source))
        if result.outcome != "fetched":
            return result, None, self.failure(source, url, result, previous)
        raw_id = self.lake.put_raw(result.body)
        row = fetch_row(source.name, url, result, outcome="fetched", raw_id=raw_id, run_id=self.run_id)
        return result, result.body, WebResult(source.name, url, "listed", None, row)

    def discover(self, source: Source) -> Iterator[WebResult | PageCandidate]:
        if source.kind == "urls":
            urls = list(source.urls) or (read_url_list(source.path) if source.path else [])
            yield from (PageCandidate(source, u, revalidate=True) for u in urls)
        elif source.kind in ("feed", "sitemap", "page", "url") and source.url:
            expect: Expect = {"feed": "feed", "sitemap": "sitemap", "page": "page"}.get(source.kind, "any")  # type: ignore[assignment]
            yield from self._discover_url(source, source.url, expect, depth=0)

    def _discover_url(
        self, source: Source, url: str, expect: Expect, depth: int
    ) -> Iterator[WebResult | PageCandidate]:
        result, body, outcome = self.listing(source, url, expect)
        if body is None:
            yield outcome
            return
        base = result.final_url or url
        is_feed = source.kind == "feed" or (source.kind == "url" and looks_like_feed(body))
        is_sitemap = expect == "sitemap" or (source.kind == "url" and looks_like_sitemap(body))
        try:
            if is_feed:
                yield outcome
                feed = parse_feed(body, base, limit=self.policy.max_bytes)
                yield from self._partial(source, url, body, feed)
                yield from (PageCandidate(source, i.url, i.updated or i.published) for i in feed.items)
            elif is_sitemap:
                yield outcome
                sitemap = parse_sitemap(body, base, limit=self.policy.max_bytes)
                yield from self._partial(source, url, body, sitemap)
                if sitemap.kind == "index":
                    children = sorted(
                        sitemap.entries, key=lambda e: e.lastmod.timestamp() if e.lastmod else 0.0, reverse=True
                    )[:_MAX_CHILD_SITEMAPS]
                    if depth < _MAX_SITEMAP_DEPTH:
                        for child in children:
                            yield from self._discover_url(source, child.url, "sitemap", depth + 1)
                else:
                    entries = sorted(sitemap.entries, key=newest_first)
                    yield from (PageCandidate(source, e.url, e.lastmod or e.news_published) for e in entries)
            elif source.kind == "page":
                yield outcome
                yield from (PageCandidate(source, link) for link in article_links(body, base))
            elif outcome.outcome == "listed":  # a bare URL that is an article: the listing fetch was the article fetch
                yield self.article(source, url, result, None)
            elif self.seen.article(source.name, url) is None:  # a 304 for a body stored but never processed
                yield self.article(source, url, self.fetch(url, "page", None, self._robots(source)), None)
            else:
                yield outcome
        except (FeedError, SitemapError) as exc:
            failure = LoadFailure(source.name, url, type(exc).__name__, exc.message, sha256_hex(body))
            yield WebResult(source.name, url, "failed", failure, None, stage="parse")

    def _partial(self, source: Source, url: str, body: bytes, listing: Feed | Sitemap) -> Iterator[WebResult]:
        """A reject for a feed or sitemap read only in part (its items are yielded after it all the same);
        its raw id is that of the body parsed, fetched now or, after a 304, stored by an earlier run."""
        damage = read_in_part(listing)
        if damage is not None:
            failure = LoadFailure(source.name, url, damage[0], damage[1], sha256_hex(body))
            yield WebResult(source.name, url, "failed", failure, None, stage="parse")

    # -- the seen-check and the fetch pool ------------------------------------------------------

    def needs_fetch(self, candidate: PageCandidate) -> tuple[bool, SeenEntry | None]:
        entry = self.seen.article(candidate.source.name, candidate.url)
        if entry is None:
            return True, None
        if candidate.revalidate:
            return True, entry
        hint = candidate.hint
        return bool(hint is not None and hint > entry.fetched_at), entry

    def fetch_one(self, candidate: PageCandidate, previous: SeenEntry | None) -> WebResult | PageRetry:
        validators = previous.validators if previous else None
        result = self.fetcher.fetch(
            candidate.url, expect="page", validators=validators, robots=self._robots(candidate.source)
        )
        if result.transient and self.refetch is not None:
            return PageRetry(candidate, previous, result)
        return self.article(candidate.source, candidate.url, result, previous)

    def retry_one(self, item: PageRetry) -> WebResult:
        """The second tier for one page; its last result becomes the page's result."""
        assert self.refetch is not None
        validators = item.previous.validators if item.previous else None
        result = self.refetch(item.first, "page", validators, self._robots(item.candidate.source))
        return self.article(item.candidate.source, item.candidate.url, result, item.previous)


def _candidates(run: _Run, sources: Iterable[Source]) -> Iterator[WebResult | PageCandidate]:
    """Discovery results and article candidates, each canonical URL once per source, max_items applied."""
    for source in sources:
        taken: set[str] = set()
        for item in run.discover(source):
            if isinstance(item, WebResult):
                yield item
                continue
            key = canonical_url(item.url)
            if key in taken:
                continue
            if source.max_items is not None and len(taken) >= source.max_items:
                continue
            taken.add(key)
            yield item


def fetch_web(
    sources: Sequence[Source],
    lake: Lake,
    seen: SeenState,
    policy: FetchPolicy,
    *,
    run_id: str,
    fetcher: Fetcher | None = None,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
) -> Iterator[WebResult]:
    """Fetch the web sources (kinds url, urls, feed, sitemap, page, warc); one result per URL.

    ``seen`` comes from ``flows.acquire.seen.read_seen(lake)``. Pass a ``fetcher`` to inject a client, clock,
    sleep, resolver or host slot (tests); otherwise one is built from ``policy``, with the Prefect
    host limits when they are on, and closed at the end. Prefect task retries apply inside a flow run.
    """
    with ExitStack() as stack:
        if fetcher is None:
            limits = stack.enter_context(open_host_limits(policy))
            fetcher = stack.enter_context(Fetcher(policy, host_slot=limits.slot if limits is not None else None))
        run = _Run(lake, seen, fetcher, run_id, refetcher(fetcher, fetcher.policy))
        yield from _fetch_all(run, sources, now)


def _fetch_all(run: _Run, sources: Sequence[Source], now: Callable[[], dt.datetime]) -> Iterator[WebResult]:
    lake, policy, run_id = run.lake, run.policy, run.run_id
    for source in sources:
        if source.kind == "warc" and source.path is not None:
            for doc in load_warc(source.path, source.name, lake, max_bytes=policy.max_bytes):
                yield warc_result(source, doc, run_id, now())
    web = [s for s in sources if s.kind != "warc"]
    wanted: list[tuple[PageCandidate, SeenEntry | None]] = []
    for item in _candidates(run, web):
        if isinstance(item, WebResult):
            yield item
            continue
        needed, entry = run.needs_fetch(item)
        if not needed:
            yield WebResult(item.source.name, item.url, "seen", None, None)
            continue
        wanted.append((item, entry))
    yield from _fetch_pages(run, wanted)


def _in_context(pool: ThreadPoolExecutor, fn: Callable[..., T], *args: Any) -> Future[T]:
    """``fn`` on ``pool`` in a copy of this thread's context (the flow run, Prefect's settings)."""
    return pool.submit(contextvars.copy_context().run, fn, *args)


def _fetch_pages(run: _Run, wanted: list[tuple[PageCandidate, SeenEntry | None]]) -> Iterator[WebResult]:
    """Fetch the pages on a pool, one host after another; transient failures go on to a second pool,
    where the Prefect retries wait without holding a fetch thread. Results in completion order."""
    width = max(1, run.policy.concurrency)
    with (
        ThreadPoolExecutor(max_workers=width, thread_name_prefix="sitrep-fetch") as pool,
        ThreadPoolExecutor(max_workers=width, thread_name_prefix="sitrep-refetch") as retry_pool,
    ):
        fetching: set[Future[Any]] = set()  # WebResult | PageRetry
        retrying: set[Future[Any]] = set()  # WebResult

        def settle() -> Iterator[WebResult]:
            done, _ = wait(fetching | retrying, return_when=FIRST_COMPLETED)
            for future in done:
                fetching.discard(future)
                retrying.discard(future)
                outcome = future.result()
                if isinstance(outcome, PageRetry):
                    retrying.add(_in_context(retry_pool, run.retry_one, outcome))
                else:
                    yield outcome

        for item, entry in round_robin_by_host(wanted):
            fetching.add(_in_context(pool, run.fetch_one, item, entry))
            while len(fetching) >= 2 * width:
                yield from settle()
        while fetching or retrying:
            yield from settle()
