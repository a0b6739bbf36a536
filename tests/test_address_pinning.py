"""The SSRF guard against DNS rebinding: the fetcher connects to the address it vetted, on every hop.

No test here reaches beyond 127.0.0.1, and none needs DNS: names are resolved by an injected resolver,
and the sockets are opened by ``Internet``, a network layer that records each address it is asked to
dial, connects the public addresses a test routes to a server on 127.0.0.1, and refuses the others.
"""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpcore
import pytest
import trustme
from web_server import FakeClock, TestSite, site  # noqa: F401 - fixture

from flows.acquire.addresses import PinnedBackend, TargetRefused
from flows.acquire.fetch_records import FetchPolicy
from flows.acquire.http import Fetcher

PUBLIC, OTHER_PUBLIC = "93.184.216.34", "93.184.216.35"


class Internet(httpcore.NetworkBackend):
    """The sockets under the pin, for tests: ``routes`` maps a public address to 127.0.0.1."""

    def __init__(self, routes: Iterable[str] = ()) -> None:
        self.routes = set(routes)
        self.dialled: list[tuple[str, int]] = []
        self._sockets = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        self.dialled.append((host, port))
        if host in self.routes or host in (
            "127.0.0.1",
            "::1",
            "localhost",
        ):  # loopback stays loopback: a hit shows a leak
            target = "127.0.0.1" if host in self.routes else host
            return self._sockets.connect_tcp(target, port, timeout, local_address, socket_options)
        raise httpcore.ConnectError(f"{host}: no route from the tests")


class Answers:
    """A resolver that gives its answers in turn (the last one again when they run out), and records the names."""

    def __init__(self, *answers: str) -> None:
        self.answers, self.asked = list(answers), []  # type: list[str], list[str]

    def __call__(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        return [self.answers[min(len(self.asked), len(self.answers)) - 1]]


def policy(**overrides: object) -> FetchPolicy:
    base = dict(
        allow_private_addresses=False,
        respect_robots=False,
        per_host_delay=0.0,
        max_attempts=3,
        read_timeout=1.0,
        connect_timeout=1.0,
    )
    base.update(overrides)
    return FetchPolicy(**base)  # type: ignore[arg-type]


def port_of(site: TestSite) -> int:  # noqa: F811
    return int(site.base.rsplit(":", 1)[1])


def test_a_name_that_rebinds_to_loopback_is_never_connected(site: TestSite) -> None:  # noqa: F811
    """Vetted as public, then 127.0.0.1: the connection goes to the vetted address, not to a new lookup."""
    site.reset()
    resolve, internet, clock = Answers(PUBLIC, "127.0.0.1"), Internet(), FakeClock()
    with Fetcher(policy(), sleep=clock.sleep, clock=clock.monotonic, resolve=resolve, network=internet) as f:
        result = f.fetch(site.url("/ok").replace("127.0.0.1", "localhost"))
    assert site.hits["/ok"] == 0
    assert internet.dialled == [(PUBLIC, port_of(site))]  # the vetted address only, never "localhost"
    # the first try could not connect to the public address; the second lookup gave 127.0.0.1 and was refused
    assert (result.outcome, result.error_type, result.attempts) == ("refused", "PrivateAddress", 2)
    assert resolve.asked == ["localhost", "localhost"]  # once per try, by the check: never again to connect


def test_a_vetted_public_address_is_the_one_connected(site: TestSite) -> None:  # noqa: F811
    site.reset()
    internet = Internet(routes=[PUBLIC])
    with Fetcher(policy(), resolve=Answers(PUBLIC), network=internet) as f:
        result = f.fetch(f"http://www.harbor-watch.example:{port_of(site)}/ok")
    assert (result.outcome, result.status) == ("fetched", 200)
    assert internet.dialled == [(PUBLIC, port_of(site))]
    assert site.seen_headers["/ok"]["host"] == f"www.harbor-watch.example:{port_of(site)}"  # the name, not the address


def test_a_redirect_to_a_private_address_is_refused(site: TestSite) -> None:  # noqa: F811
    site.reset()
    internet = Internet(routes=[PUBLIC])
    with Fetcher(policy(), resolve=Answers(PUBLIC), network=internet) as f:
        result = f.fetch(f"http://news.example:{port_of(site)}/r2")  # /r2 redirects to http://127.0.0.1:port/ok
    assert (result.outcome, result.error_type) == ("refused", "PrivateAddress")
    assert site.hits["/r2"] == 1 and site.hits["/ok"] == 0
    assert internet.dialled == [(PUBLIC, port_of(site))]


def test_a_name_that_rebinds_between_redirect_hops_is_refused(site: TestSite) -> None:  # noqa: F811
    site.reset()
    internet = Internet(routes=[PUBLIC])
    with Fetcher(policy(), resolve=Answers(PUBLIC, "10.0.0.5"), network=internet) as f:
        result = f.fetch(f"http://news.example:{port_of(site)}/r1")  # /r1 redirects to /r2 on the same host
    assert (result.outcome, result.error_type) == ("refused", "PrivateAddress")
    assert site.hits["/r1"] == 1 and site.hits["/r2"] == 0
    assert internet.dialled == [(PUBLIC, port_of(site))]


def test_each_redirect_hop_connects_to_the_address_vetted_for_it(site: TestSite) -> None:  # noqa: F811
    site.reset()
    internet = Internet(routes=[PUBLIC, OTHER_PUBLIC])
    resolve = Answers(PUBLIC, OTHER_PUBLIC)
    with Fetcher(policy(), resolve=resolve, network=internet) as f:
        result = f.fetch(f"http://news.example:{port_of(site)}/r1")  # /r1 -> /r2 -> http://127.0.0.1:port/ok
    assert internet.dialled == [(PUBLIC, port_of(site)), (OTHER_PUBLIC, port_of(site))]
    assert (result.outcome, result.error_type) == ("refused", "PrivateAddress")  # the third hop names 127.0.0.1
    assert resolve.asked == ["news.example", "news.example"]


def test_a_connection_to_a_host_nobody_vetted_is_vetted_by_the_backend() -> None:
    internet = Internet()
    backend = PinnedBackend(allow_private=False, resolve=Answers("169.254.169.254"), network=internet)
    with pytest.raises(TargetRefused) as refused:
        backend.connect_tcp("metadata.internal.example", 80)
    assert refused.value.error_type == "PrivateAddress" and internet.dialled == []
    backend = PinnedBackend(allow_private=False, resolve=Answers(PUBLIC), network=internet)
    with pytest.raises(httpcore.ConnectError):
        backend.connect_tcp("www.harbor-watch.example", 443)
    assert internet.dialled == [(PUBLIC, 443)]


# -- TLS: the name is what the certificate and SNI are checked against, not the pinned address --------


@pytest.fixture(scope="module")
def authority() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def tls_site(authority: trustme.CA) -> Iterator[tuple[int, list[str | None], list[str]]]:
    """An HTTPS server on 127.0.0.1 with a certificate for www.harbor-watch.example; yields its port, the
    SNI names it was sent and the Host headers it saw."""
    names: list[str | None] = []
    hosts: list[str] = []
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("www.harbor-watch.example").configure_cert(context)
    context.sni_callback = lambda sock, name, ctx: names.append(name)  # type: ignore[assignment,misc]

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            return

        def do_GET(self) -> None:
            hosts.append(self.headers["Host"])
            body = b"<html><body><p>Frigate sea trials resume off the coast.</p></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request: object, client_address: object) -> None:
            return  # a client refusing the certificate is part of the tests

    server = Server(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1], names, hosts
    finally:
        server.shutdown()
        server.server_close()


def _trusting(authority: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context()
    authority.configure_trust(context)
    return context


def test_https_through_the_pin_verifies_the_certificate_for_the_name(
    authority: trustme.CA, tls_site: tuple[int, list[str | None], list[str]]
) -> None:
    port, names, hosts = tls_site
    internet = Internet(routes=[PUBLIC])
    with Fetcher(policy(), resolve=Answers(PUBLIC), network=internet, tls=_trusting(authority)) as f:
        result = f.fetch(f"https://www.harbor-watch.example:{port}/story")
    assert (result.outcome, result.status) == ("fetched", 200) and b"Frigate" in result.body
    assert internet.dialled == [(PUBLIC, port)]
    assert names[-1] == "www.harbor-watch.example" and hosts[-1] == f"www.harbor-watch.example:{port}"


def test_https_to_a_name_the_certificate_does_not_cover_fails(
    authority: trustme.CA, tls_site: tuple[int, list[str | None], list[str]]
) -> None:
    port, names, _ = tls_site
    with Fetcher(
        policy(max_attempts=1), resolve=Answers(PUBLIC), network=Internet(routes=[PUBLIC]), tls=_trusting(authority)
    ) as f:
        result = f.fetch(f"https://www.land-desk.example:{port}/story")
    assert (result.outcome, result.error_type) == ("failed", "ConnectError")
    assert "certificate" in (result.message or "").lower() or "hostname" in (result.message or "").lower()
    assert names[-1] == "www.land-desk.example"


def test_https_with_the_default_trust_refuses_an_unknown_authority(
    tls_site: tuple[int, list[str | None], list[str]],
) -> None:
    port, _, _ = tls_site
    with Fetcher(policy(max_attempts=1), resolve=Answers(PUBLIC), network=Internet(routes=[PUBLIC])) as f:
        result = f.fetch(f"https://www.harbor-watch.example:{port}/story")
    assert (result.outcome, result.error_type) == ("failed", "ConnectError")
    assert "certificate verify failed" in (result.message or "")
