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
The records it takes and returns are in ``flows.acquire.fetch_records``, the content decoding in
``flows.acquire.inflate``.
"""

from __future__ import annotations

import datetime as dt
import random
import ssl
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
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
from flows.acquire.fetch_records import (
    ACCEPT_HEADER,
    ACCEPTED,
    Expect,
    FetchFailure,
    FetchPolicy,
    FetchResult,
    Outcome,
    Validators,
    media_type,
    retry_after_seconds,
)
from flows.acquire.inflate import inflate, inflater_for
from flows.acquire.robots import RobotsCache

__all__ = ["Fetcher", "HostSlot"]

# a host name in, a slot held around one request to it; raises TimeoutError when none is granted in time
HostSlot = Callable[[str], AbstractContextManager[object]]
_REDIRECTS = (301, 302, 303, 307, 308)


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
            except FetchFailure as failure:
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
                raise FetchFailure("RobotsDisallowed", f"{current}: disallowed by robots.txt", final_url=current)
            location = self._request(current, expect, validators if current == url else None, attempts, hops)
            if isinstance(location, FetchResult):
                return location
            if location in hops:
                raise FetchFailure(
                    "RedirectLoop", f"redirect loop: {' -> '.join([*hops, location])}", final_url=location
                )
            hops.append(location)
            current = location
        raise FetchFailure(
            "TooManyRedirects", f"more than {self.policy.max_redirects} redirects from {url}", final_url=current
        )

    def _headers(self, expect: Expect, validators: Validators | None) -> dict[str, str]:
        headers = {
            "User-Agent": self.policy.user_agent,
            "Accept": ACCEPT_HEADER[expect],
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
            raise FetchFailure(
                type(exc).__name__, f"{url}: {exc or type(exc).__name__}", transient=True, final_url=url
            ) from exc
        except TimeoutError as exc:  # the host slot was not granted in time (``HostSlot``)
            raise FetchFailure(
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
                raise FetchFailure(
                    f"HTTP{status}",
                    f"{url}: {status} {response.reason_phrase}".rstrip(),
                    status=status,
                    transient=True,
                    retry_after=retry_after,
                    final_url=url,
                )
            if status >= 300 or status < 200:
                raise FetchFailure(
                    f"HTTP{status}", f"{url}: {status} {response.reason_phrase}".rstrip(), status=status, final_url=url
                )
            content_type = response.headers.get("content-type")
            media = media_type(content_type)
            if media is not None and ACCEPTED[expect] and media not in ACCEPTED[expect]:
                raise FetchFailure(
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
            raise FetchFailure(
                "TooLarge",
                f"{url}: {declared} bytes announced, over the {limit}-byte cap",
                status=response.status_code,
                final_url=url,
            )
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        inflater = inflater_for(encoding)
        chunks: list[bytes] = []
        size = 0
        for raw in response.iter_raw():
            if self._clock() - started > self.policy.total_timeout:
                raise FetchFailure(
                    "Timeout",
                    f"{url}: body not received within {self.policy.total_timeout:g} s",
                    transient=True,
                    final_url=url,
                )
            pieces = [raw] if inflater is None else inflate(inflater, raw, limit - size + 1)
            for piece in pieces:
                size += len(piece)
                if size > limit and cut:
                    head = b"".join(chunks) + piece[: len(piece) - (size - limit)]
                    return head[: head.rfind(b"\n") + 1]
                if size > limit:
                    what = "inflates to" if inflater is not None else "is"
                    raise FetchFailure(
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
