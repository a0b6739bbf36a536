"""Which Prefect API a command uses, and ``sitrep server``: a local Prefect server for users who have none.

Prefect without ``PREFECT_API_URL`` starts an ephemeral server inside every process (16-25 s per
command here), and cron schedules never fire on it. So before a flow command imports Prefect, the
CLI calls ``choose_api``:

1. ``PREFECT_API_URL`` set (a server of the user's, or Prefect Cloud): used as it is;
2. else a running local server: the one ``sitrep server`` recorded in ``<data root>/prefect-server.json``,
   then ``http://<server_host>:<server_port>/api`` (also a ``prefect server start`` of the user's);
   ``/api/health`` must answer within half a second;
3. else Prefect's ephemeral server (works, at its cost per command).

``run_server`` runs ``prefect server start`` on 127.0.0.1 with SQLite under ``<data root>/prefect/``,
analytics off and ``DO_NOT_TRACK=1``, records its URL for the probe, and stops it on SIGTERM/SIGINT.
Nothing here reads the environment on import: ``environ`` is passed in.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import httpx

__all__ = [
    "ApiChoice",
    "OFFLINE_ENV",
    "STATE_FILE",
    "choose_api",
    "environment_for",
    "probe",
    "quiet_prefect_env",
    "run_server",
    "server_command",
    "server_env",
]

STATE_FILE = "prefect-server.json"
OFFLINE_ENV = {"PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1"}


@dataclass(frozen=True)
class ApiChoice:
    url: str | None  # None: Prefect's ephemeral server
    origin: Literal["environment", "running", "ephemeral"]


def probe(url: str, timeout: float = 0.5) -> bool:
    """Whether a Prefect API answers its health check at ``url`` (``http://host:port/api``)."""
    try:
        response = httpx.get(url.rstrip("/") + "/health", timeout=timeout)
    except httpx.HTTPError:
        return False
    return response.status_code == 200


def _recorded_url(root: Path) -> str | None:
    try:
        state = json.loads((root / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    url = state.get("url") if isinstance(state, dict) else None
    return url if isinstance(url, str) else None


def choose_api(root: Path, host: str, port: int, environ: Mapping[str, str]) -> ApiChoice:
    """The API a flow command should use (see the module docstring for the order)."""
    if environ.get("PREFECT_API_URL"):
        return ApiChoice(environ["PREFECT_API_URL"], "environment")
    candidates = [_recorded_url(root), f"http://{host}:{port}/api"]
    for url in dict.fromkeys(u for u in candidates if u):
        if probe(url):
            return ApiChoice(url, "running")
    return ApiChoice(None, "ephemeral")


def quiet_prefect_env(environ: MutableMapping[str, str], log_level: str) -> None:
    """Quiet, offline defaults for Prefect, set before it is imported (a user's own values win)."""
    for key, value in {
        **OFFLINE_ENV,
        "PREFECT_LOGGING_LEVEL": log_level,
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
        "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
    }.items():
        environ.setdefault(key, value)


def server_env(root: Path, environ: Mapping[str, str]) -> dict[str, str]:
    """The server's environment: SQLite under ``<root>/prefect``, telemetry off, no API URL of its own."""
    env = {k: v for k, v in environ.items() if k != "PREFECT_API_URL"}
    env.update(OFFLINE_ENV)
    env["PREFECT_HOME"] = str(root / "prefect")
    env.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
    return env


def server_command(host: str, port: int) -> list[str]:
    prefect = Path(sys.executable).with_name("prefect")
    base = [str(prefect)] if prefect.exists() else [sys.executable, "-m", "prefect"]
    return [*base, "server", "start", "--host", host, "--port", str(port)]


def run_server(
    root: Path, host: str, port: int, environ: Mapping[str, str], *, ready: Any = print, startup_timeout: float = 120.0
) -> int:
    """Run a local Prefect server in the foreground until it exits or a signal stops it; its exit code.

    Refuses (code 2) when a server already answers at that address. ``ready`` is called with the API
    URL once the server answers its health check.
    """
    url = f"http://{host}:{port}/api"
    if probe(url):
        ready(f"a Prefect server is already running at {url}")
        return 2
    (root / "prefect").mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(server_command(host, port), env=server_env(root, environ))
    state = root / STATE_FILE

    def stop(signum: int, frame: object) -> None:
        process.terminate()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        deadline = time.monotonic() + startup_timeout
        while process.poll() is None and not probe(url):
            if time.monotonic() > deadline:
                process.terminate()
                break
            time.sleep(0.25)
        if process.poll() is None:
            state.write_text(
                json.dumps({"url": url, "pid": process.pid, "home": str(root / "prefect")}), encoding="utf-8"
            )
            ready(url)
        return process.wait()
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if _recorded_url(root) == url:
            state.unlink(missing_ok=True)


def environment_for(choice: ApiChoice, environ: MutableMapping[str, str]) -> None:
    """Point this process's Prefect at the chosen API (before Prefect is imported)."""
    if choice.url is not None:
        environ["PREFECT_API_URL"] = choice.url


@contextmanager
def run_scoped_api() -> Iterator[str]:
    """A Prefect API server for one run, on 127.0.0.1 (a free port), stopped afterwards; its URL.

    For Dask runs without a server: the task runs on the workers report to this URL (it travels
    with each task), where Prefect's ephemeral mode would start a server inside every worker.
    """
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import PREFECT_API_URL, temporary_settings

    server = SubprocessASGIServer()
    server.start(timeout=120)
    try:
        with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
            yield server.api_url
    finally:
        server.stop()
