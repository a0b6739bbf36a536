"""The set-up every ``sitrep`` command shares: settings built once, the data root and its lake reached,
Prefect quieted before it is imported; each failing with one line on stderr (``fail``) and an exit code.

``flows.cli.commands`` imports these under its own private names (``_settings``, ``_lake``, ...).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from pydantic import ValidationError

from flows.cli.choices import Runner
from flows.cli.failures import quiet_tracebacks
from flows.run.settings import Settings

if TYPE_CHECKING:
    from warehouse.lake import Lake

__all__ = [
    "LakeOption",
    "StorageOption",
    "fail",
    "note",
    "data_root",
    "build_settings",
    "quiet_prefect",
    "prefect_api",
    "open_lake",
    "ingested_lake",
    "runner_overrides",
]

LakeOption = Annotated[
    Path | None,
    typer.Option("--lake", help="Data root (lake/ and sitrep.duckdb). Default: $SITREP_LAKE or ./warehouse"),
]


StorageOption = Annotated[
    str | None,
    typer.Option(
        "--storage",
        help="Where the raw zone and tables live: a folder or a URL such as "
        "s3://bucket/prefix. Default: $SITREP_STORAGE or <lake>/lake",
    ),
]


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``sitrep: <message>`` on stderr and exit with ``code``."""
    typer.echo(f"sitrep: {message}", err=True)
    raise typer.Exit(code)


def note(message: str) -> None:
    """A line on stderr about something done on the way (a rebuilt catalog), not a failure."""
    typer.echo(f"sitrep: note: {message}", err=True)


def data_root(settings: Settings) -> Path:
    """The data root, failing with one line when it is something other than a folder."""
    root = Path(settings.lake)
    if root.exists() and not root.is_dir():
        fail(f"the data root {root} is not a folder (--lake, SITREP_LAKE)", 2)
    return root


def build_settings(lake: Path | None, storage: str | None = None, **overrides: Any) -> Settings:
    values = {k: v for k, v in overrides.items() if v is not None}
    if lake is not None:
        values["lake"] = lake
    if storage is not None:
        values["storage"] = storage
    try:
        return Settings(**values)
    except ValidationError as exc:  # the reasons without the values (a storage URL may hold a secret)
        reasons = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'settings'}: {e['msg']}" for e in exc.errors())
        fail(f"bad setting: {reasons}".replace("\n", " "), 2)
    except ValueError as exc:  # pydantic-settings' own (an environment value it cannot parse)
        fail(f"bad setting: {exc}".replace("\n", " "), 2)


def quiet_prefect(settings: Settings) -> str | None:
    """Before Prefect is imported: quiet, offline defaults, and the API to use (``flows.serve.server``).

    Returns the API URL, or None for Prefect's ephemeral server.
    """
    from flows.serve.server import choose_api, environment_for, quiet_prefect_env

    quiet_prefect_env(os.environ, settings.prefect_log_level)
    choice = choose_api(Path(settings.lake), settings.server_host, settings.server_port, os.environ)
    environment_for(choice, os.environ)
    import prefect.main  # noqa: F401  (Prefect configures its logging here; then the terminal drops tracebacks)

    quiet_tracebacks()
    return choice.url


@contextmanager
def prefect_api(settings: Settings) -> Iterator[str | None]:
    """``quiet_prefect``, and for a Dask run without a server, one for the run (``flows.serve.server``)."""
    url = quiet_prefect(settings)
    if url is not None or settings.runner != "dask":
        yield url
        return
    from flows.serve.server import run_scoped_api

    if settings.prefect_host_limits == "auto":  # a server of this run alone coordinates no other process
        settings.prefect_host_limits = "off"
    with run_scoped_api() as scoped:
        yield scoped


def open_lake(settings: Settings) -> Lake:
    """The settings' lake, its storage opened and reached: a bad storage fails here, with one line."""
    from warehouse.lake import Lake
    from warehouse.storage import StorageError

    lake = Lake(data_root(settings), settings.storage)
    try:
        lake.store.check()
    except StorageError as exc:
        fail(str(exc), 2)
    return lake


def ingested_lake(settings: Settings) -> Lake:
    """``open_lake``, failing with one line when nothing has been ingested there yet."""
    lake = open_lake(settings)
    if not lake.store.exists(lake.lake_dir):
        fail(f"no lake at {settings.lake}: run 'sitrep ingest' first", 1)
    return lake


def runner_overrides(choice: Runner | None, dask_address: str | None, timeout: float | None) -> dict[str, Any]:
    runner = None if choice is None else choice.value
    if dask_address is not None:
        runner = runner or "dask"
        if runner != "dask":
            fail("--dask-address needs --runner dask", 2)
        if not dask_address.startswith(("tcp://", "tls://", "ws://", "wss://", "inproc://")):
            fail(f"--dask-address must be a scheduler address like tcp://host:8786, not {dask_address!r}", 2)
    return {"runner": runner, "dask_address": dask_address, "flow_timeout": timeout}
