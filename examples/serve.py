"""Serve the bundled example website on 127.0.0.1 for the demo (and for trying the web path offline).

    python examples/serve.py [--port N] [--write-sources OUT.toml]

Serves this folder: ``/site/`` (front page, RSS feed, news sitemap) and ``/sites/...`` (the article
pages, as they are). In ``site/`` files, ``{{BASE}}`` is replaced by the server's address. The first
line printed is the base URL. With ``--write-sources``, a copy of ``web-sources.toml`` with that
address filled in is written before serving. Stops on Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import argparse
import signal
import sys
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType

HERE = Path(__file__).resolve().parent
TYPES = {".xml": "application/xml", ".html": "text/html; charset=utf-8", ".gz": "text/html"}


class ExampleHandler(SimpleHTTPRequestHandler):
    """Static files from examples/, with ``{{BASE}}`` filled in under ``/site/``; quiet."""

    base = ""

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/":
            self.send_response(302)
            self.send_header("Location", "/site/")
            self.end_headers()
            return
        if path == "/robots.txt":
            self._reply(b"User-agent: *\nDisallow: /private/\n", "text/plain")
            return
        target = (HERE / path.lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        if HERE not in target.parents or not target.is_file() or target.name.startswith("."):
            self.send_error(404)
            return
        body = target.read_bytes()
        if target.parent == HERE / "site":
            body = body.replace(b"{{BASE}}", self.base.encode())
        ctype = (
            "application/rss+xml" if target.name == "feed.xml" else TYPES.get(target.suffix, "application/octet-stream")
        )
        if "frontline-monitor" in target.parts and target.suffix == ".html" and not _is_utf8(body):
            ctype = "text/html"  # the page declares its own charset in a <meta> tag
        self._reply(body, ctype)

    def _reply(self, body: bytes, ctype: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    parser.add_argument("--write-sources", type=Path, help="write web-sources.toml with the address filled in")
    args = parser.parse_args(argv)
    handler: type[ExampleHandler] = type("Handler", (ExampleHandler,), {})
    server = ThreadingHTTPServer(("127.0.0.1", args.port), partial(handler, directory=str(HERE)))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    handler.base = base
    if args.write_sources:
        template = (HERE / "web-sources.toml").read_text(encoding="utf-8")
        args.write_sources.write_text(template.replace("{{BASE}}", base), encoding="utf-8")

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    print(base, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
