"""What several benchmarks share: the real-page corpus copied ``scale`` times, a free local port,
and a ``sitrep server`` for the length of a run.

Benchmarks run as scripts, so this folder is on ``sys.path`` and they import it as ``benchlib``.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ingest_bench import DEFAULT_CORPORA, build_corpus

__all__ = ["eval_corpus", "free_port", "sitrep_server"]


def eval_corpus(scale: int, target: Path) -> tuple[int, int]:
    """The ``../shared/eval`` pages and articles copied ``scale`` times into ``target``; (files, bytes)."""
    return build_corpus(DEFAULT_CORPORA, scale, target)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def sitrep_server(sitrep: str, folder: Path, env: dict[str, str], *, timeout: float = 180) -> Iterator[float]:
    """``sitrep server`` with its data under ``folder`` (the port from ``env``), running for the
    block; yields its start-up time in seconds. Stopped with SIGTERM on exit."""
    start = time.perf_counter()
    server = subprocess.Popen([sitrep, "server", "--lake", str(folder)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not (folder / "prefect-server.json").exists():
            if server.poll() is not None or time.perf_counter() - start > timeout:
                raise SystemExit("sitrep server did not start")
            time.sleep(0.1)
        yield time.perf_counter() - start
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
