"""Shared fixtures: no network except loopback, one Prefect test server per session, page builders."""

from __future__ import annotations

import gzip
import ipaddress
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "eval"

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")

_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: Any) -> Any:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0]
        try:
            allowed = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            allowed = False
        if not allowed:
            raise ConnectionRefusedError(f"tests may not reach the network ({host})")
    return _real_connect(self, address)


socket.socket.connect = _loopback_only  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def prefect_api() -> Iterator[str]:
    """A Prefect server for the whole session (about 16 s once); yields its API URL."""
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield str(PREFECT_API_URL.value())


@pytest.fixture
def cli_env(prefect_api: str, tmp_path: Path) -> dict[str, str]:
    """Environment for running ``sitrep`` in a subprocess against the session's Prefect server."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SITREP_")}
    env.update(PREFECT_API_URL=prefect_api, SITREP_LAKE=str(tmp_path / "data"), SITREP_WORKERS="2")
    return env


def sitrep_command() -> list[str]:
    return [str(Path(sys.executable).with_name("sitrep"))]


@contextmanager
def running_sitrep_server(root: Path, **settings: str) -> Iterator[dict[str, str]]:
    """``sitrep server`` on a free loopback port with its data in ``root``, up for the block (stopped
    with SIGTERM); yields the environment of commands run against it: this one without sitrep or
    Prefect API settings, plus the lake, the port and ``settings``."""
    from flows.serve.server import STATE_FILE

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SITREP_", "PREFECT_API"))}
    env.update(SITREP_LAKE=str(root), SITREP_SERVER_PORT=str(port), **settings)
    server = subprocess.Popen(
        sitrep_command() + ["server"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 150
        while not (root / STATE_FILE).exists() and server.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert (root / STATE_FILE).exists(), "the server did not come up"
        yield env
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)


PARAGRAPHS = [
    "The Army awarded a contract worth $1.2 billion on Tuesday for new launchers, officials said at a briefing "
    "at the Pentagon, adding that the first deliveries are expected within two years.",
    "Gen. Jane Doe, who leads the program office, told reporters that between 300 and 400 soldiers will train on "
    "the system this year at Fort Sill, Oklahoma, before units deploy to Europe.",
    "The service plans to buy 48 launchers in the first lot and about 250 missiles, according to budget documents "
    "released in March, and lawmakers have asked for a briefing on the schedule.",
]


def make_page(title: str, paragraphs: list[str], *, canonical: str | None = None, date: str = "2025-04-08") -> str:
    """A small but realistic article page: navigation, article, related links, footer."""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Test Wire</title>{link}
<meta property="article:published_time" content="{date}T09:00:00Z"></head><body>
<nav><ul><li><a href="/land">Land</a></li><li><a href="/air">Air</a></li><li><a href="/sea">Sea</a></li></ul></nav>
<article><h1>{title}</h1><p class="byline">By Sam Writer</p><time datetime="{date}">{date}</time>
{body}</article>
<aside><h3>Related Stories</h3><ul><li><a href="/a">Navy tests new radar</a></li><li><a href="/b">Budget talks stall</a></li></ul></aside>
<footer><p>Copyright 2025 Test Wire. All rights reserved.</p></footer></body></html>"""


def write_site(folder: Path) -> Path:
    """A small site in ``folder``: an HTML page with a tracking-tagged canonical URL, a gzipped page,
    and a pasted text file with a byline and an advertisement line."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "launchers.html").write_text(
        make_page("Army buys launchers", PARAGRAPHS, canonical="https://wire.example/launchers?utm_source=x")
    )
    other = [p.replace("launchers", "radars").replace("Army", "Navy") for p in PARAGRAPHS[::-1]]
    other.append(
        "Navy officials said the radars would be fitted to destroyers based in Norfolk, Virginia, "
        "and Rota, Spain, starting next spring, pending a final review of test results."
    )
    (folder / "radars.html.gz").write_bytes(gzip.compress(make_page("Navy buys radars", other).encode()))
    (folder / "pasted.txt").write_text(
        "Allies pledge air defense systems\n\nBy Kim Reporter\n\n" + "\n\n".join(PARAGRAPHS[1:]) + "\n\nAdvertisement\n"
    )
    return folder


def query_catalog(catalog: Path, sql: str) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` against a sitrep catalog file, opened read-only as a reader would."""
    import duckdb

    con = duckdb.connect(str(catalog), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="session", autouse=True)
def _geo_index_cache() -> None:
    """The geocoder's index cache file (~/.cache/sitrep), built once when missing, so that no test's
    ``sitrep`` subprocess spends its time limit building it (flows.run.geo_cache)."""
    from flows.run.geo_cache import default_cache_dir, geo_fingerprint, load_geo_index

    if not (default_cache_dir() / f"geo-index-{geo_fingerprint()}.bin").exists():
        load_geo_index()
