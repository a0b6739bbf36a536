"""The command line's one-line promise: a failure is one line on stderr and a non-zero exit, never a traceback.

``one_line`` gives the reason of an exception on one line (DuckDB's later lines quote the query; an
empty message gives the exception's type). ``quiet_tracebacks`` makes the terminal log lines of Prefect
(a task or flow that raised) drop their tracebacks; the Prefect API, and its UI, still get them, and the
CLI prints the reason once, as its last line. ``run_guarded`` runs the Typer app and turns any exception
that a command did not translate into that line; ``SITREP_DEBUG=1`` lets it through with its traceback.
``port_in_use`` lets a serving command refuse a taken port up front, in one line.
"""

from __future__ import annotations

import logging
import socket
import sys
from collections.abc import Callable, Mapping

from flows.run.reasons import one_line

__all__ = ["one_line", "quiet_tracebacks", "run_guarded", "port_in_use"]


class _WithoutTraceback(logging.Formatter):
    """Another formatter's output with the record's traceback and stack left out (the record keeps them)."""

    def __init__(self, inner: logging.Formatter | None) -> None:
        super().__init__()
        self.inner = inner or logging.Formatter()

    def format(self, record: logging.LogRecord) -> str:
        saved = record.exc_info, record.exc_text, record.stack_info
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        try:
            return self.inner.format(record)
        finally:
            record.exc_info, record.exc_text, record.stack_info = saved


def quiet_tracebacks() -> None:
    """Every handler that writes to the terminal (``StreamHandler``) formats without tracebacks from now on."""
    loggers = [
        logging.getLogger(),
        *(v for v in logging.Logger.manager.loggerDict.values() if isinstance(v, logging.Logger)),
    ]
    for logger in loggers:
        for handler in logger.handlers:
            if isinstance(handler, logging.StreamHandler) and not isinstance(handler.formatter, _WithoutTraceback):
                handler.setFormatter(_WithoutTraceback(handler.formatter))


def run_guarded(app: Callable[[], object], environ: Mapping[str, str]) -> None:
    """Run ``app``; an exception it lets out becomes ``sitrep: <reason>`` and exit status 1 (130 on Ctrl-C)."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("sitrep: interrupted\n")
        raise SystemExit(130) from None
    except Exception as exc:
        if environ.get("SITREP_DEBUG", "").lower() in ("1", "true", "yes"):
            raise
        sys.stderr.write(f"sitrep: {one_line(exc)} (SITREP_DEBUG=1 shows the traceback)\n")
        raise SystemExit(1) from None


def port_in_use(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be listened on (one line), or None when it can (as of now)."""
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as servers do: TIME_WAIT is no conflict
            probe.bind((host, port))
    except OSError as exc:
        return f"cannot listen on {host}:{port}: {exc.strerror or exc}"
    return None
