"""Which URLs sitrep may fetch, and which address it connects to for them.

A feed or a redirect must not make sitrep read an internal service. ``check_target`` resolves the
host (through an injected resolver, so tests never need DNS) and refuses it when any of its
addresses is private, loopback, link-local, multicast, reserved or unspecified, unless the caller
allows private addresses (the demo and the tests do, for 127.0.0.1). It returns the addresses it
vetted.

A name can resolve to a public address when it is checked and to a private one a moment later, when
the HTTP client resolves it again to connect (DNS rebinding). So the client never resolves a name
itself: ``PinnedTransport`` is an httpx transport whose connections are opened by ``PinnedBackend``,
which connects to the addresses vetted for the host (``pin``; a host with none is resolved and vetted
there, with the same rule). The URL keeps the host name, so the ``Host`` header, TLS SNI and the
certificate check are for the name, and a pooled connection is only ever reused for its own host.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpcore
import httpx

__all__ = [
    "Resolver",
    "TargetRefused",
    "system_resolver",
    "check_target",
    "vet_host",
    "is_public_address",
    "PinnedBackend",
    "PinnedTransport",
]

Resolver = Callable[[str, int], Sequence[str]]
"""``(host, port) -> addresses``; raises OSError when the name does not resolve."""


@dataclass(frozen=True)
class TargetRefused(Exception):
    """A URL sitrep will not fetch; ``error_type`` is the reject reason, ``message`` says why."""

    error_type: str  # UnsupportedScheme | InvalidURL | PrivateAddress | NameResolutionError
    message: str

    def __str__(self) -> str:
        return self.message


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, through the system resolver."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def is_public_address(address: str) -> bool:
    """Whether ``address`` is a globally routable unicast address (IPv4-mapped IPv6 unwrapped)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def check_target(url: str, *, allow_private: bool, resolve: Resolver = system_resolver) -> tuple[str, ...]:
    """Raise TargetRefused unless ``url`` is http(s) with a host whose every address may be fetched.

    Returns the vetted addresses of the host, or ``()`` when private addresses are allowed (then
    nothing is resolved here).
    """
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise TargetRefused("InvalidURL", f"{url}: {exc}") from exc
    if parts.scheme not in ("http", "https"):
        raise TargetRefused(
            "UnsupportedScheme", f"{url}: only http and https are fetched, not {parts.scheme or 'no scheme'!r}"
        )
    host = parts.hostname
    if not host:
        raise TargetRefused("InvalidURL", f"{url}: no host")
    if allow_private:
        return ()
    return vet_host(host, port, resolve=resolve)


def vet_host(host: str, port: int, *, resolve: Resolver = system_resolver) -> tuple[str, ...]:
    """The addresses of ``host``, every one of them public; TargetRefused if any is not, or none resolves."""
    try:
        addresses = [host.strip("[]")] if _is_ip(host) else list(resolve(host, port))
    except (OSError, UnicodeError) as exc:
        raise TargetRefused("NameResolutionError", f"{host}: does not resolve ({exc})") from exc
    if not addresses:
        raise TargetRefused("NameResolutionError", f"{host}: resolves to no address")
    for address in addresses:
        try:
            public = is_public_address(address)
        except ValueError:
            public = False
        if not public:
            raise TargetRefused(
                "PrivateAddress",
                f"{host} resolves to {address}, a private, loopback or link-local "
                "address (set allow_private_addresses to fetch it)",
            )
    return tuple(dict.fromkeys(addresses))


class PinnedBackend(httpcore.NetworkBackend):
    """httpcore's network layer, connecting only to vetted addresses (thread-safe).

    ``network`` opens the sockets (httpcore's own by default; tests pass one that records where it
    was asked to connect). With ``allow_private`` nothing is vetted: names are connected as given.
    """

    def __init__(
        self,
        *,
        allow_private: bool,
        resolve: Resolver = system_resolver,
        network: httpcore.NetworkBackend | None = None,
    ) -> None:
        self.allow_private, self._resolve = allow_private, resolve
        self._network = network or httpcore.SyncBackend()
        self._pins: dict[tuple[str, int], tuple[str, ...]] = {}
        self._lock = threading.Lock()

    def pin(self, url: str, addresses: Sequence[str]) -> None:
        """Connections to ``url``'s host and port go to ``addresses`` (vetted by ``check_target``) from now on."""
        if addresses:
            with self._lock:
                self._pins[_origin(url)] = tuple(addresses)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        if self.allow_private:
            return self._network.connect_tcp(host, port, timeout, local_address, socket_options)
        with self._lock:
            addresses = self._pins.get((host.lower(), port))
        if addresses is None:  # not checked by the caller: vetted here, by the same rule
            addresses = vet_host(host, port, resolve=self._resolve)
        failure: Exception | None = None
        for address in addresses:
            try:
                return self._network.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc  # the next address of the host, if it has one
        assert failure is not None
        raise failure

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None
    ) -> httpcore.NetworkStream:
        raise TargetRefused("UnsupportedScheme", f"{path}: unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self._network.sleep(seconds)


class PinnedTransport(httpx.HTTPTransport):
    """``httpx.HTTPTransport`` (no proxies from the environment) over a ``PinnedBackend``.

    Certificates are verified against the host name, with certifi's authorities unless ``tls`` is given.
    """

    def __init__(self, backend: PinnedBackend, *, limits: httpx.Limits, tls: ssl.SSLContext | None = None) -> None:
        super().__init__(limits=limits, trust_env=False)
        if not isinstance(getattr(self, "_pool", None), httpcore.ConnectionPool):  # httpx keeps its pool there
            raise RuntimeError("this httpx version keeps its connection pool elsewhere: sitrep cannot pin addresses")
        self._pool.close()
        self._pool = httpcore.ConnectionPool(
            ssl_context=tls or httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=backend,
        )


def _origin(url: str) -> tuple[str, int]:
    """``(host, port)`` as httpcore names the origin of ``url``: the host in ASCII (IDNA), the port filled in."""
    parsed = httpx.URL(url)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    return parsed.raw_host.decode("ascii").lower(), port


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return False
    return True
