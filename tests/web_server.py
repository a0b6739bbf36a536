"""A real HTTP server on 127.0.0.1 for the web tests, with one route per case, and a fake clock.

``site`` is a pytest fixture (import it into a test module) yielding a ``TestSite``: its ``url(path)``
builds URLs, ``hits`` counts requests per path, ``spans`` holds each request's (path, start, end) on
the server's monotonic clock, ``pages`` can be changed by a test (an ETag follows the body), and
``reset()`` clears the counters. Nothing here reaches beyond the loopback interface.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import PARAGRAPHS, make_page

__all__ = ["TestSite", "FakeClock", "site", "article", "CYRILLIC_TITLE", "ROBOTS"]

CYRILLIC_TITLE = "Минобороны сообщило о поставке новых бронемашин"
ROBOTS = b"User-agent: *\nDisallow: /private/\n"


def article(title: str, slug: str, date: str = "2026-03-04") -> bytes:
    return make_page(title, PARAGRAPHS, canonical=f"https://www.land-desk.example/{slug}", date=date).encode()


def _cyrillic_page() -> bytes:
    body = "".join(
        f"<p>{p}</p>"
        for p in [
            "Министерство обороны сообщило во вторник о поставке первой партии новых бронемашин в войска округа.",
            "По словам представителя ведомства, до конца года в части поступят ещё сорок машин этого типа.",
        ]
    )
    html = (
        f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        f"<title>{CYRILLIC_TITLE}</title></head><body><article><h1>{CYRILLIC_TITLE}</h1>{body}</article></body></html>"
    )
    return html.encode("cp1251")


@dataclass
class FakeClock:
    """A monotonic clock that moves only when something sleeps; records every sleep."""

    now: float = 1000.0
    sleeps: list[float] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self.now += max(seconds, 0.0)

    def monotonic(self) -> float:
        return self.now


@dataclass
class TestSite:
    base: str
    hits: Counter[str] = field(default_factory=Counter)
    pages: dict[str, bytes] = field(default_factory=dict)
    seen_headers: dict[str, dict[str, str]] = field(default_factory=dict)
    spans: list[tuple[str, float, float]] = field(default_factory=list)
    robots: bytes = ROBOTS  # the body of /robots.txt; a test that changes it puts ROBOTS back

    __test__ = False  # not a test class, despite the name

    def url(self, path: str) -> str:
        return self.base + path

    def reset(self) -> None:
        self.hits.clear()
        self.seen_headers.clear()
        self.spans.clear()


def _handler(state: TestSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            return

        def _send(
            self,
            status: int,
            body: bytes = b"",
            ctype: str = "text/html; charset=utf-8",
            headers: dict[str, str] | None = None,
            length: int | None = None,
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body) if length is None else length))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            started = time.monotonic()
            try:
                self._route()
            finally:
                state.spans.append((self.path.split("?", 1)[0], started, time.monotonic()))

        def _route(self) -> None:  # noqa: C901 - one branch per case, on purpose
            path = self.path.split("?", 1)[0]
            state.hits[path] += 1
            state.seen_headers[path] = {k.lower(): v for k, v in self.headers.items()}
            n = state.hits[path]
            routes: dict[str, Callable[[], None]] = {
                "/robots.txt": lambda: self._send(200, state.robots, "text/plain"),
                "/ok": lambda: self._send(200, article("Army orders interceptors", "ok")),
                "/r1": lambda: self._send(301, headers={"Location": "/r2"}),
                "/r2": lambda: self._send(302, headers={"Location": state.url("/ok")}),
                "/loop-a": lambda: self._send(302, headers={"Location": "/loop-b"}),
                "/loop-b": lambda: self._send(302, headers={"Location": "/loop-a"}),
                "/gone": lambda: self._send(410, b"gone"),
                "/flaky": lambda: self._send(500, b"oops") if n == 1 else self._send(200, article("Flaky", "flaky")),
                "/busy": lambda: (
                    self._send(503, b"busy", headers={"Retry-After": "7"})
                    if n == 1
                    else self._send(200, article("Busy", "busy"))
                ),
                "/limited": lambda: (
                    self._send(429, b"slow down", headers={"Retry-After": "3"})
                    if n <= 2
                    else self._send(200, article("Limited", "limited"))
                ),
                "/always-503": lambda: self._send(503, b"down"),
                "/slow": self._slow,
                "/cut": lambda: self._send(200, b"<html><body><p>The brigade moved", length=5000),
                "/bomb": lambda: self._send(
                    200, gzip.compress(b"\0" * 20_000_000), headers={"Content-Encoding": "gzip"}
                ),
                "/huge": lambda: self._send(200, b"x" * 50_000_000),
                "/huge-stream": self._huge_stream,
                "/photo": lambda: self._send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png"),
                "/cp1251": lambda: self._send(200, _cyrillic_page(), "text/html"),
                "/private/memo": lambda: self._send(200, article("Private", "private")),
                "/gzipped": lambda: self._send(
                    200, gzip.compress(article("Gzipped", "gz")), headers={"Content-Encoding": "gzip"}
                ),
            }
            if path in routes:
                routes[path]()
            elif path.startswith("/fail-twice/"):  # 503, 503, then the page
                self._send(503, b"busy") if n <= 2 else self._send(200, article("Recovered", path.rsplit("/", 1)[-1]))
            elif path.startswith("/held/"):  # the page after 0.1 s, to see requests overlap or not
                time.sleep(0.1)
                self._send(200, article("Held", path.rsplit("/", 1)[-1]))
            elif path in state.pages:
                self._versioned(state.pages[path])
            else:
                self._send(404, b"not found")

        def _versioned(self, body: bytes) -> None:
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            ctype = (
                "application/rss+xml"
                if body.lstrip().startswith(b"<?xml") and b"<rss" in body[:300]
                else ("application/xml" if body.lstrip().startswith(b"<?xml") else "text/html; charset=utf-8")
            )
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self._send(200, body, ctype, headers={"ETag": etag, "Last-Modified": "Wed, 04 Mar 2026 08:00:00 GMT"})

        def _slow(self) -> None:
            time.sleep(1.5)
            self._send(200, b"late")

        def _huge_stream(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no Content-Length: the body ends when the connection closes
            chunk = b"y" * 1_000_000
            try:
                for _ in range(50):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        return  # a client that hangs up early (timeouts, size caps) is part of the tests


@pytest.fixture(scope="module")
def site() -> Iterator[TestSite]:
    server = _QuietServer(("127.0.0.1", 0), _handler(TestSite("")))
    state = TestSite(f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = _handler(state)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
