"""Per-host Prefect global concurrency limits: one limit per host, shared by every process that fetches it.

The fetcher's own gate (``flows.acquire.http``) limits and spaces the requests to a host inside one process.
Two processes fetching the same host (two deployments, two ``sitrep ingest`` runs) each have their
own gate. With host limits on, every request to a host also holds a slot of the Prefect global
concurrency limit ``sitrep-host-<host>`` for as long as it runs, so the server caps the requests to
that host over all of them. A missing limit is created on first use with ``per_host_concurrency``
slots; an existing one is used as it is, so an operator can change it (``prefect gcl update``, the
UI), or disable it.

A slot is taken with a lease: one POST to take it, one to give it back, and no lease-renewal thread
(the lease outlives the longest request, and it lets the server take back the slot of a process that
died holding it). On a busy limit the server's ``Retry-After`` is waited out, up to a deadline, and
then the request fails as a transient ``HostLimitTimeout``. If the API itself fails, the request
goes ahead under the fetcher's own per-host limits, which are always on, and a warning is logged once.

``mode`` ``auto`` turns them on only when Prefect talks to a server by URL (``PREFECT_API_URL``, a
running ``sitrep server``, a test harness): Prefect's ephemeral server lives inside one process and
coordinates nothing, so there they would only cost round trips.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from uuid import UUID

import httpx

from flows.acquire.fetch_records import FetchPolicy, HostLimitMode

__all__ = ["HostLimits", "limit_name", "host_limits_enabled", "current_api_url", "open_host_limits"]

_LOG = logging.getLogger("sitrep.host_limits")
_PREFIX = "sitrep-host-"
_LOCKED = 423
_MAX_POLL = 2.0  # seconds between tries on a busy limit, at most, whatever the server suggests


def limit_name(host: str) -> str:
    """The limit of ``host``: ``sitrep-host-<host name>``, lower case, characters Prefect refuses replaced."""
    return _PREFIX + re.sub(r"[^a-z0-9._-]", "_", host.lower())


def host_limits_enabled(mode: HostLimitMode, api_url: str | None) -> bool:
    """Whether to use the limits: ``on``, ``off``, or ``auto`` = only with a Prefect API server by URL."""
    return mode == "on" or (mode == "auto" and bool(api_url))


class HostLimits:
    """Slots of the per-host limits through one Prefect client (thread-safe); ``slot`` is a ``HostSlot``."""

    def __init__(
        self,
        client: Any,
        *,
        slots: int,
        lease_seconds: float,
        timeout: float,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client  # a prefect SyncPrefectClient, entered
        self.slots, self.timeout = max(1, slots), timeout
        self.lease_seconds = min(max(60.0, lease_seconds), 86_400.0)  # the server's bounds
        self._sleep, self._clock = sleep, clock
        self._ready: set[str] = set()
        self._lock = threading.Lock()
        self._warned = False
        self.acquired = 0  # slots taken, for tests and the benchmark

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Hold one slot of ``host``'s limit around the body; TimeoutError if none is granted in time."""
        name = limit_name(host)
        lease: UUID | None = None
        try:
            self.ensure(name)
            lease = self._acquire(name)
        except TimeoutError:
            raise
        except (httpx.HTTPError, OSError, RuntimeError, ValueError) as exc:  # the API, not the host
            self._warn(
                f"Prefect host limit {name} unavailable ({type(exc).__name__}: {exc}); "
                "fetching under the per-host limits of this process only"
            )
        try:
            yield
        finally:
            if lease is not None:
                self._release(lease)

    def ensure(self, name: str) -> None:
        """Create the limit ``name`` with ``slots`` slots unless it exists (once per name and process)."""
        if name in self._ready:
            return
        from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate
        from prefect.exceptions import ObjectAlreadyExists, ObjectNotFound

        with self._lock:
            if name in self._ready:
                return
            try:
                self.client.read_global_concurrency_limit_by_name(name)
            except ObjectNotFound:
                try:
                    self.client.create_global_concurrency_limit(
                        GlobalConcurrencyLimitCreate(name=name, limit=self.slots, active=True)
                    )
                except ObjectAlreadyExists:  # another process created it meanwhile
                    pass
            self._ready.add(name)

    def _acquire(self, name: str) -> UUID:
        deadline = self._clock() + self.timeout
        while True:
            try:
                response = self.client.increment_concurrency_slots_with_lease(
                    names=[name], slots=1, mode="concurrency", lease_duration=self.lease_seconds
                )
            except httpx.HTTPStatusError as exc:
                if exc.response.status_code != _LOCKED:
                    raise
                left = deadline - self._clock()
                if left <= 0:
                    raise TimeoutError(f"no slot of the Prefect limit {name} within {self.timeout:g} s") from None
                wait = _seconds(exc.response.headers.get("Retry-After"))
                self._sleep(max(0.01, min(wait, _MAX_POLL, left)))
                continue
            with self._lock:
                self.acquired += 1
            return UUID(response.json()["lease_id"])

    def _release(self, lease: UUID) -> None:
        try:
            self.client.release_concurrency_slots_with_lease(lease)
        except (httpx.HTTPError, OSError, RuntimeError) as exc:  # the lease expires on the server anyway
            self._warn(
                f"could not release a Prefect host-limit slot ({type(exc).__name__}: {exc}); "
                f"its lease expires within {self.lease_seconds:g} s"
            )

    def _warn(self, message: str) -> None:
        if not self._warned:
            self._warned = True
            _LOG.warning(message)


def _seconds(value: str | None) -> float:
    try:
        return float(value) if value else 1.0
    except ValueError:
        return 1.0


def current_api_url() -> str | None:
    """The API URL of the current Prefect settings; None means Prefect's ephemeral server."""
    from prefect.settings import get_current_settings

    url = get_current_settings().api.url
    return str(url) if url else None


@contextmanager
def open_host_limits(policy: FetchPolicy) -> Iterator[HostLimits | None]:
    """The host limits of a run under ``policy``, a client open for its length; None when they are off.

    Call it in the flow's thread: the API is read from the current Prefect settings, which a flow
    run or a test harness may have set for that thread only.
    """
    mode = policy.host_limits
    if mode == "off" or not host_limits_enabled(mode, current_api_url() if mode == "auto" else None):
        yield None
        return
    from prefect.client.orchestration import get_client

    request_seconds = policy.connect_timeout + policy.read_timeout + policy.total_timeout
    with get_client(sync_client=True) as client:
        yield HostLimits(
            client, slots=policy.per_host_concurrency, lease_seconds=request_seconds, timeout=max(60.0, request_seconds)
        )
