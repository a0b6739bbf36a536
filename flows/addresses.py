"""Which URLs sitrep may fetch: http(s) only, and by default only hosts on public addresses.

A feed or a redirect must not make sitrep read an internal service. ``check_target`` resolves the
host (through an injected resolver, so tests never need DNS) and refuses it when any of its
addresses is private, loopback, link-local, multicast, reserved or unspecified, unless the caller
allows private addresses (the demo and the tests do, for 127.0.0.1).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = ["Resolver", "TargetRefused", "system_resolver", "check_target", "is_public_address"]

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
    return not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved
                or ip.is_unspecified or not ip.is_global)


def check_target(url: str, *, allow_private: bool, resolve: Resolver = system_resolver) -> None:
    """Raise TargetRefused unless ``url`` is http(s) with a host whose every address may be fetched."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise TargetRefused("InvalidURL", f"{url}: {exc}") from exc
    if parts.scheme not in ("http", "https"):
        raise TargetRefused("UnsupportedScheme", f"{url}: only http and https are fetched, not {parts.scheme or 'no scheme'!r}")
    host = parts.hostname
    if not host:
        raise TargetRefused("InvalidURL", f"{url}: no host")
    if allow_private:
        return
    try:
        addresses = [host] if _is_ip(host) else list(resolve(host, port))
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
            raise TargetRefused("PrivateAddress", f"{host} resolves to {address}, a private, loopback or link-local "
                                                  "address (set allow_private_addresses to fetch it)")


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return False
    return True
