"""What several benchmarks share: the real-page corpus copied ``scale`` times, a free local port, the
environment of a run against a ``sitrep server`` and that server for the length of a run, and the
median of repeated rounds.

Benchmarks run as scripts, so this folder is on ``sys.path`` and they import it as ``benchlib``.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = ["DEFAULT_CORPORA", "build_corpus", "eval_corpus", "free_port", "server_env", "sitrep_server", "median_round"]

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "eval"
DEFAULT_CORPORA = [
    EVAL / "newspaper4k-pages" / "tests" / "data" / "html",
    EVAL / "defense-news-dvids" / "data" / "corpus",
]
SUFFIXES = (".html", ".htm", ".txt")


def build_corpus(sources: list[Path], scale: int, target: Path) -> tuple[int, int]:
    """Copy the corpus ``scale`` times into ``target`` with distinct bytes; returns (files, bytes)."""
    files = total = 0
    for copy in range(scale):
        for source in sources:
            for path in sorted(source.iterdir()):
                if not path.name.endswith(SUFFIXES):
                    continue
                data = path.read_bytes()
                if copy:
                    marker = f"\n<!-- copy {copy} -->\n" if path.suffix != ".txt" else f"\n\n(Copy {copy}.)\n"
                    data += marker.encode()
                out = target / f"{source.parent.name}-{source.name}" / f"c{copy:03d}-{path.name}"
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(data)
                files += 1
                total += len(data)
    return files, total


def eval_corpus(scale: int, target: Path) -> tuple[int, int]:
    """The ``../shared/eval`` pages and articles copied ``scale`` times into ``target``; (files, bytes)."""
    return build_corpus(DEFAULT_CORPORA, scale, target)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_env(port: int) -> dict[str, str]:
    """This process's environment without sitrep or Prefect API settings, for a ``sitrep server`` on ``port``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SITREP_", "PREFECT_API"))}
    env.update(SITREP_SERVER_PORT=str(port), PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1")
    return env


def median_round(rounds: list[dict[str, Any]], rate: Callable[[dict[str, Any]], float], label: str) -> dict[str, Any]:
    """The round with the median ``rate`` (of an even count, the slower middle one), with every
    round's rate, rounded, under ``label``."""
    ordered = sorted(rounds, key=rate)
    return {**ordered[(len(ordered) - 1) // 2], label: [round(rate(r), 2) for r in rounds]}


@contextmanager
def sitrep_server(sitrep: str, folder: Path, env: dict[str, str], *, timeout: float = 180) -> Iterator[float]:
    """``sitrep server`` with its data under ``folder`` (the port from ``env``), running for the
    block; yields its start-up time in seconds. Stopped with SIGTERM on exit."""
    start = time.perf_counter()
    server = subprocess.Popen(
        [sitrep, "server", "--lake", str(folder)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while not (folder / "prefect-server.json").exists():
            if server.poll() is not None or time.perf_counter() - start > timeout:
                raise SystemExit("sitrep server did not start")
            time.sleep(0.1)
        yield time.perf_counter() - start
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
