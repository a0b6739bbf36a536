"""The polite, robust HTTP fetcher: one URL in, one ``FetchResult`` out, never an exception.

What it does for each URL: refuse what is not http(s) or resolves to a private address (unless the
policy allows it), honour robots.txt (cached per host), wait for its host's turn (a concurrency
limit and a delay between requests per host), send a conditional GET when validators are known,
follow redirects itself (each hop checked again, loops detected), connect only to the addresses
checked for the host (``flows.acquire.addresses.PinnedTransport``: no DNS rebinding), check the content type before
reading, stream the body under a byte cap (gzip and deflate inflated here, under the same cap), and
retry transient failures only: connection errors, timeouts, cut bodies, 5xx and 429, with
exponential backoff and jitter, waiting at least what ``Retry-After`` asks. A 4xx fails at once.
A failure that is still worth another try later says so (``FetchResult.transient``): the web path
hands those URLs to a Prefect task with retries (``flows.acquire.refetch``).

Everything comes in as arguments: the policy, the clock, the sleep, the random source, the resolver,
the network layer under the address pin and the TLS trust (tests), and ``host_slot``, a context manager
held around each request to a host on top of the fetcher's own per-host gate (``flows.acquire.host_limits``:
a Prefect global concurrency limit). Nothing is read from the environment.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import random
import ssl
import threading
import time
import zlib
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from flows.acquire.addresses import (
    PinnedBackend,
    PinnedTransport,
    Resolver,
    TargetRefused,
    check_target,
    system_resolver,
)
from flows.acquire.robots import RobotsCache

__all__ = [
    "FetchPolicy",
    "FetchResult",
    "Validators",
    "Fetcher",
    "Expect",
    "Outcome",
    "HostLimitMode",
    "HostSlot",
    "retry_after_seconds",
]

Expect = Literal["page", "feed", "sitemap", "any", "robots"]
Outcome = Literal["fetched", "not_modified", "failed", "skipped_robots", "refused"]
HostLimitMode = Literal["auto", "on", "off"]
# a host name in, a slot held around one request to it; raises TimeoutError when none is granted in time
HostSlot = Callable[[str], AbstractContextManager[object]]

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
_ACCEPT_HEADER = {
    "page": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
    "feed": "application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,*/*;q=0.5",
    "sitemap": "application/xml,text/xml;q=0.9,*/*;q=0.5",
    "any": "*/*",
    "robots": "text/plain,*/*",
}
_REDIRECTS = (301, 302, 303, 307, 308)


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
class _Failure(Exception):
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


def _media_type(header: str | None) -> str | None:
    if not header:
        return None
    return header.split(";", 1)[0].strip().lower() or None


class _HostGate:
    """Per-host concurrency slots and spacing between request starts."""

    def __init__(self, limit: int, sleep: Callable[[float], None], clock: Callable[[], float]) -> None:
        self._limit, self._sleep, self._clock = max(1, limit), sleep, clock
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()
        self.waited = 0.0  # seconds spent waiting for politeness, for the benchmark

    def enter(self, host: str, delay: float) -> None:
        with self._lock:
            slot = self._slots.setdefault(host, threading.BoundedSemaphore(self._limit))
        slot.acquire()
        with self._lock:
            now = self._clock()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + delay
        if start > now:
            self.waited += start - now
            self._sleep(start - now)

    def leave(self, host: str) -> None:
        self._slots[host].release()


class Fetcher:
    """Fetch URLs under a ``FetchPolicy``; thread-safe, so a pool of threads can share one."""

    def __init__(
        self,
        policy: FetchPolicy,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        rng: Callable[[], float] = random.random,
        resolve: Resolver = system_resolver,
        network: httpcore.NetworkBackend | None = None,
        tls: ssl.SSLContext | None = None,
        host_slot: HostSlot | None = None,
    ) -> None:
        self.policy = policy
        self.pins = PinnedBackend(allow_private=policy.allow_private_addresses, resolve=resolve, network=network)
        limits = httpx.Limits(max_connections=max(policy.concurrency, 1) * 2)
        self.client = httpx.Client(
            timeout=httpx.Timeout(policy.read_timeout, connect=policy.connect_timeout),
            follow_redirects=False,
            trust_env=False,
            transport=PinnedTransport(self.pins, limits=limits, tls=tls),
        )
        self._sleep, self._clock, self._now, self._rng, self._resolve = sleep, clock, now, rng, resolve
        self.gate = _HostGate(policy.per_host_concurrency, sleep, clock)
        self.host_slot: HostSlot = host_slot or (lambda host: nullcontext())
        self.robots = RobotsCache(self._fetch_robots, policy.user_agent)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    # -- the public call ------------------------------------------------------------------------

    def fetch(
        self,
        url: str,
        *,
        expect: Expect = "page",
        validators: Validators | None = None,
        robots: bool | None = None,
        max_attempts: int | None = None,
    ) -> FetchResult:
        """Fetch ``url``; every problem comes back as a result with an outcome, never as an exception.

        ``max_attempts`` overrides the policy's tries for this call (a Prefect retry makes one).
        """
        check_robots = self.policy.respect_robots if robots is None else robots
        limit = self.policy.max_attempts if max_attempts is None else max(1, max_attempts)
        attempts = 0
        while True:
            attempts += 1
            try:
                return self._attempt(url, expect, validators, check_robots, attempts)
            except TargetRefused as exc:
                return FetchResult(
                    url,
                    "refused",
                    attempts=attempts,
                    error_type=exc.error_type,
                    message=exc.message,
                    fetched_at=self._now(),
                )
            except _Failure as failure:
                wait = self._backoff(attempts, failure.retry_after)
                too_long = (failure.retry_after or 0) > self.policy.retry_after_max
                if not failure.transient or attempts >= limit or too_long:
                    tries = f"{attempts} attempt{'s' if attempts > 1 else ''}"
                    outcome: Outcome = "skipped_robots" if failure.error_type == "RobotsDisallowed" else "failed"
                    return FetchResult(
                        url,
                        outcome,
                        final_url=failure.final_url,
                        status=failure.status,
                        attempts=attempts,
                        error_type=failure.error_type,
                        message=f"{failure.message} (after {tries})",
                        fetched_at=self._now(),
                        transient=failure.transient and not too_long,
                    )
                self._sleep(wait)

    def _backoff(self, attempts: int, retry_after: float | None) -> float:
        p = self.policy
        delay = min(p.backoff_max, p.backoff_base * 2 ** (attempts - 1)) * (0.5 + self._rng())
        return max(delay, retry_after or 0.0)

    # -- one attempt: redirects, checks, body ---------------------------------------------------

    def _attempt(
        self, url: str, expect: Expect, validators: Validators | None, check_robots: bool, attempts: int
    ) -> FetchResult:
        current, hops = url, [url]
        for _ in range(self.policy.max_redirects + 1):
            addresses = check_target(current, allow_private=self.policy.allow_private_addresses, resolve=self._resolve)
            self.pins.pin(current, addresses)  # the connection goes to an address checked just now
            if check_robots and expect != "robots" and not self.robots.allowed(current):
                raise _Failure("RobotsDisallowed", f"{current}: disallowed by robots.txt", final_url=current)
            location = self._request(current, expect, validators if current == url else None, attempts, hops)
            if isinstance(location, FetchResult):
                return location
            if location in hops:
                raise _Failure("RedirectLoop", f"redirect loop: {' -> '.join([*hops, location])}", final_url=location)
            hops.append(location)
            current = location
        raise _Failure(
            "TooManyRedirects", f"more than {self.policy.max_redirects} redirects from {url}", final_url=current
        )

    def _headers(self, expect: Expect, validators: Validators | None) -> dict[str, str]:
        headers = {
            "User-Agent": self.policy.user_agent,
            "Accept": _ACCEPT_HEADER[expect],
            "Accept-Encoding": "gzip, deflate",
        }
        if validators is not None and validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators is not None and validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        return headers

    def _request(
        self, url: str, expect: Expect, validators: Validators | None, attempts: int, hops: list[str]
    ) -> FetchResult | str:
        """One request: the finished result, or the next URL of a redirect."""
        host = (urlsplit(url).netloc or "").lower()
        delay = self.policy.per_host_delay
        if self.policy.respect_robots and expect != "robots":
            crawl_delay = self.robots.crawl_delay(url)
            if crawl_delay is not None:
                delay = max(delay, min(crawl_delay, self.policy.max_crawl_delay))
        self.gate.enter(host, delay)
        try:
            with self.host_slot(urlsplit(url).hostname or host):
                return self._exchange(url, expect, validators, attempts, hops)
        except httpx.TransportError as exc:  # connect errors, timeouts, cut bodies: worth another try
            raise _Failure(
                type(exc).__name__, f"{url}: {exc or type(exc).__name__}", transient=True, final_url=url
            ) from exc
        except TimeoutError as exc:  # the host slot was not granted in time (``HostSlot``)
            raise _Failure(
                "HostLimitTimeout", f"{url}: {exc or 'no host slot in time'}", transient=True, final_url=url
            ) from exc
        finally:
            self.gate.leave(host)

    def _exchange(
        self, url: str, expect: Expect, validators: Validators | None, attempts: int, hops: list[str]
    ) -> FetchResult | str:
        started = self._clock()
        with self.client.stream("GET", url, headers=self._headers(expect, validators)) as response:
            status = response.status_code
            if status in _REDIRECTS and response.headers.get("location"):
                return urljoin(url, response.headers["location"].strip())
            etag, modified = response.headers.get("etag"), response.headers.get("last-modified")
            if status == 304:
                known = validators or Validators()
                return FetchResult(
                    hops[0],
                    "not_modified",
                    final_url=url,
                    status=304,
                    etag=etag or known.etag,
                    last_modified=modified or known.last_modified,
                    attempts=attempts,
                    fetched_at=self._now(),
                    redirects=tuple(hops[1:]),
                )
            if status == 429 or status >= 500:
                retry_after = retry_after_seconds(response.headers.get("retry-after"), self._now())
                raise _Failure(
                    f"HTTP{status}",
                    f"{url}: {status} {response.reason_phrase}".rstrip(),
                    status=status,
                    transient=True,
                    retry_after=retry_after,
                    final_url=url,
                )
            if status >= 300 or status < 200:
                raise _Failure(
                    f"HTTP{status}", f"{url}: {status} {response.reason_phrase}".rstrip(), status=status, final_url=url
                )
            content_type = response.headers.get("content-type")
            media = _media_type(content_type)
            if media is not None and ACCEPTED[expect] and media not in ACCEPTED[expect]:
                raise _Failure(
                    "UnsupportedType",
                    f"{url}: content type {media} is not what a {expect} should be",
                    status=status,
                    final_url=url,
                )
            if expect == "robots":  # RFC 9309 2.5: parse what fits under the cap, up to its last whole line
                body = self._read_body(response, url, self.policy.robots_max_bytes, started, cut=True)
            else:
                body = self._read_body(response, url, self.policy.max_bytes, started)
            return FetchResult(
                hops[0],
                "fetched",
                final_url=url,
                status=status,
                body=body,
                content_type=content_type,
                etag=etag,
                last_modified=modified,
                attempts=attempts,
                fetched_at=self._now(),
                redirects=tuple(hops[1:]),
            )

    def _read_body(self, response: httpx.Response, url: str, limit: int, started: float, cut: bool = False) -> bytes:
        """The body, inflated, under ``limit`` bytes: TooLarge past it, or with ``cut`` its first ``limit``
        bytes up to the last line end in them."""
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit and not response.headers.get("content-encoding") and not cut:
            raise _Failure(
                "TooLarge",
                f"{url}: {declared} bytes announced, over the {limit}-byte cap",
                status=response.status_code,
                final_url=url,
            )
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        inflater = _inflater(encoding)
        chunks: list[bytes] = []
        size = 0
        for raw in response.iter_raw():
            if self._clock() - started > self.policy.total_timeout:
                raise _Failure(
                    "Timeout",
                    f"{url}: body not received within {self.policy.total_timeout:g} s",
                    transient=True,
                    final_url=url,
                )
            pieces = [raw] if inflater is None else _inflate(inflater, raw, limit - size + 1)
            for piece in pieces:
                size += len(piece)
                if size > limit and cut:
                    head = b"".join(chunks) + piece[: len(piece) - (size - limit)]
                    return head[: head.rfind(b"\n") + 1]
                if size > limit:
                    what = "inflates to" if inflater is not None else "is"
                    raise _Failure(
                        "TooLarge",
                        f"{url}: body {what} more than {limit} bytes",
                        status=response.status_code,
                        final_url=url,
                    )
                chunks.append(piece)
        return b"".join(chunks)

    # -- robots.txt -----------------------------------------------------------------------------

    def _fetch_robots(self, url: str) -> tuple[int | None, bytes]:
        result = self.fetch(url, expect="robots", robots=False)
        if result.outcome == "fetched":
            return result.status, result.body
        if result.status is not None:
            return result.status, b""
        if result.outcome == "refused":
            return 404, b""  # the page itself will be refused with the real reason
        return None, b""


def _inflater(encoding: str) -> zlib._Decompress | None:
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj()
    if encoding in ("identity", ""):
        return None
    raise _Failure("UnsupportedEncoding", f"content encoding {encoding!r} is not supported")


def _inflate(inflater: zlib._Decompress, data: bytes, budget: int) -> list[bytes]:
    """Inflate ``data`` in pieces no larger than ``budget`` + 64 KiB, so a bomb never fills memory."""
    out: list[bytes] = []
    try:
        piece = inflater.decompress(data, max(budget, 1))
        out.append(piece)
        total = len(piece)
        while inflater.unconsumed_tail and total <= budget:
            piece = inflater.decompress(inflater.unconsumed_tail, max(budget - total, 1))
            out.append(piece)
            total += len(piece)
    except zlib.error as exc:
        raise _Failure("BadGzip", f"body does not inflate: {exc}") from exc
    return out
