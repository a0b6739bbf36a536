"""What several benchmarks share: the real-page corpus copied ``scale`` times, and a free local port.

Benchmarks run as scripts, so this folder is on ``sys.path`` and they import it as ``benchlib``.
"""

from __future__ import annotations

import socket
from pathlib import Path

from ingest_bench import DEFAULT_CORPORA, build_corpus

__all__ = ["eval_corpus", "free_port"]


def eval_corpus(scale: int, target: Path) -> tuple[int, int]:
    """The ``../shared/eval`` pages and articles copied ``scale`` times into ``target``; (files, bytes)."""
    return build_corpus(DEFAULT_CORPORA, scale, target)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
