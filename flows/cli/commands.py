"""The ``sitrep`` command line: settings are built here once and passed down as plain values.

Every command exits 0 on success and non-zero with a one-line reason on failure, never a traceback
(``flows.cli.failures``: ``main`` turns whatever a command did not translate into that line). Prefect is
imported only by the commands that run a flow, so ``normalize``, ``sql`` and ``status`` start fast.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from flows.cli import search as search_cli
from flows.cli.choices import ExportChoice, NormalizeFormat, ResultFormat, Runner
from flows.cli.failures import one_line, port_in_use, run_guarded
from flows.cli.setup import (
    LakeOption,
    StorageOption,
    build_settings as _settings,
    data_root as _root,
    fail as _fail,
    ingested_lake as _ingested_lake,
    note as _note,
    open_lake as _lake,
    prefect_api as _prefect_api,
    quiet_prefect as _quiet_prefect,
    runner_overrides as _runner_overrides,
)
from flows.run.settings import Settings

__all__ = ["app", "main"]

app = typer.Typer(
    name="sitrep",
    help="Defense and military news into Parquet tables and a DuckDB warehouse.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"sitrep {version('sitrep')}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version and exit")
    ] = False,
) -> None:
    """Defense and military news into Parquet tables and a DuckDB warehouse."""


RunnerOption = Annotated[
    Runner | None,
    typer.Option("--runner", help="Where cleaning runs: local processes, or dask (prefect-dask's DaskTaskRunner)"),
]
DaskOption = Annotated[
    str | None, typer.Option("--dask-address", help="Dask scheduler, tcp://host:8786 (implies --runner dask)")
]
TimeoutOption = Annotated[
    float | None, typer.Option("--timeout", help="Stop the run after this many seconds (flow timeout)")
]


def _under_timeout(settings: Settings) -> str:
    """A timeout can cut a run short inside Prefect with another error: say it was set."""
    return f" under its {settings.flow_timeout:g} s timeout" if settings.flow_timeout else ""


@contextmanager
def _run_failures(settings: Settings) -> Iterator[None]:
    """A run's failure as one line: a bad source or a busy lake (exit 2), the timeout, the flow's own error."""
    from flows.acquire.sources import SourceError
    from warehouse.lake import LakeBusy

    try:
        yield
    except (SourceError, LakeBusy) as exc:
        _fail(str(exc), 2)
    except TimeoutError:
        _fail(f"the run was stopped after its {settings.flow_timeout:g} s timeout (SITREP_FLOW_TIMEOUT)", 1)
    except Exception as exc:  # the flow's own failure (Prefect logged it): its reason, on one line
        _fail(f"the run failed{_under_timeout(settings)}: {one_line(exc)}", 1)


def _report_run(result: dict[str, Any], quiet: bool) -> None:
    """The run's summary table (unless ``quiet``), and a note when its search index update failed."""
    from flows.cli.report import print_summary

    if not quiet:
        print_summary(result)
    if result.get("search_index_error"):
        _note(f"the search index was not updated ({result['search_index_error']}): run 'sitrep index'")


@app.command()
def ingest(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories (recursive), URLs (pages, feeds, sitemaps), @urls.txt lists, .warc(.gz) files, "
            "or sources .toml files"
        ),
    ],
    lake: LakeOption = None,
    storage: StorageOption = None,
    workers: Annotated[int | None, typer.Option(help="Cleaning processes (0 = one per core)")] = None,
    batch_size: Annotated[int | None, typer.Option(help="Documents per batch")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary table")] = False,
    runner: RunnerOption = None,
    dask_address: DaskOption = None,
    timeout: TimeoutOption = None,
) -> None:
    """Load or fetch articles into the raw zone, clean, normalize and deduplicate them, write the tables."""
    settings = _settings(
        lake, storage, workers=workers, batch_size=batch_size, **_runner_overrides(runner, dask_address, timeout)
    )
    _lake(settings)
    from flows.acquire.sources import SourceError, resolve_sources

    try:
        resolve_sources(sources)  # fail fast, before Prefect starts, on a bad argument
    except SourceError as exc:
        _fail(str(exc), 2)
    from flows.run.forkserver import start_early
    from flows.run.options import IngestOptions

    options = IngestOptions.from_settings(settings, progress=not quiet)
    start_early(options.workers, options.entity_model, options.runner)  # workers warm up while Prefect starts
    with _run_failures(settings), _prefect_api(settings):
        from flows.run.ingest import ingest as ingest_flow

        result = ingest_flow.with_options(timeout_seconds=settings.flow_timeout)(sources, options)
    _report_run(result, quiet)
    if result["status"] == "failed_checks":
        _fail(f"data checks failed: {', '.join(result['failed_checks'])} (sitrep check shows the rows)", 1)
    if result["status"] != "completed":
        _fail(f"nothing could be read from {len(sources)} source(s): see the rejects table", 1)


@app.command()
def reprocess(
    lake: LakeOption = None,
    storage: StorageOption = None,
    workers: Annotated[int | None, typer.Option(help="Cleaning processes (0 = one per core)")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary table")] = False,
    runner: RunnerOption = None,
    dask_address: DaskOption = None,
    timeout: TimeoutOption = None,
) -> None:
    """Rebuild articles, entities, quantities and dates from the raw zone (after a normalizer changed)."""
    settings = _settings(lake, storage, workers=workers, **_runner_overrides(runner, dask_address, timeout))
    the_lake = _lake(settings)
    if not the_lake.store.exists(the_lake.raw_dir):
        _fail(f"no raw zone at {the_lake.store.uri(the_lake.raw_dir)}: run 'sitrep ingest' first", 1)
    from flows.run.options import IngestOptions

    with _run_failures(settings), _prefect_api(settings):
        from flows.run.reprocess import reprocess as reprocess_flow

        result = reprocess_flow.with_options(timeout_seconds=settings.flow_timeout)(
            IngestOptions.from_settings(settings)
        )
    _report_run(result, quiet)


@app.command()
def normalize(
    files: Annotated[list[Path], typer.Argument(help="HTML or text files", exists=False)],
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD (else the page's date); bounds date extraction")
    ] = None,
    fmt: Annotated[NormalizeFormat, typer.Option("--format", help="How to print what was read")] = NormalizeFormat.JSON,
) -> None:
    """Clean and normalize files and print the result, writing nothing."""
    from flows.cli.normalize import NormalizeError, normalize_files, render

    try:
        pub = dt.date.fromisoformat(published) if published else None
    except ValueError:
        _fail(f"--published must be YYYY-MM-DD, not {published!r}", 2)
    try:
        documents = normalize_files(files, published=pub, entity_model=_settings(None).entity_stage())
    except NormalizeError as exc:
        _fail(str(exc), 1)
    typer.echo(render(documents, fmt))


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="A SQL query over the warehouse views")],
    lake: LakeOption = None,
    storage: StorageOption = None,
    fmt: Annotated[ResultFormat, typer.Option("--format", help="How to print the result")] = ResultFormat.TABLE,
    crlf: Annotated[bool, typer.Option("--crlf", help="CSV lines end in CRLF (RFC 4180) instead of \\n")] = False,
) -> None:
    """Run a query against the DuckDB catalog (read-only) and print the result.

    JSON keeps numbers exact and writes times in ISO 8601, intervals as ISO 8601 durations, blobs in
    base64, and NaN or infinities as null.
    """
    import duckdb

    from flows.cli.report import write_result
    from warehouse.catalog import CatalogError, connect

    settings = _settings(lake, storage)
    try:
        with connect(_ingested_lake(settings), notice=_note) as con:
            write_result(con.sql(query), fmt, crlf=crlf)
    except (duckdb.Error, CatalogError) as exc:
        _fail(one_line(exc), 1)


@app.command()
def status(lake: LakeOption = None, storage: StorageOption = None) -> None:
    """Show recent runs, row counts, rejects by reason, and freshness per source."""
    import duckdb

    from flows.cli.report import print_status
    from warehouse.catalog import CatalogError, connect

    try:
        with connect(_ingested_lake(_settings(lake, storage)), notice=_note) as con:
            print_status(con)
    except (duckdb.Error, CatalogError) as exc:
        _fail(one_line(exc), 1)


@app.command()
def server(
    lake: LakeOption = None,
    port: Annotated[int | None, typer.Option(help="Port (default: $SITREP_SERVER_PORT or 4200)")] = None,
    host: Annotated[str | None, typer.Option(help="Address (default: $SITREP_SERVER_HOST or 127.0.0.1)")] = None,
) -> None:
    """Run a local Prefect server (SQLite under <data root>/prefect, telemetry off) until stopped.

    Other sitrep commands find it and use it, so no command pays for Prefect's ephemeral server,
    and `sitrep serve` schedules fire.
    """
    from flows.serve.server import run_server

    settings = _settings(lake, server_port=port, server_host=host)
    root = _root(settings)
    if (busy := port_in_use(settings.server_host, settings.server_port)) is not None:
        _fail(busy, 2)
    code = run_server(
        root,
        settings.server_host,
        settings.server_port,
        os.environ,
        ready=lambda url: typer.echo(f"Prefect server ready: {url} (UI: {url.removesuffix('/api')})"),
    )
    if code == 2:
        _fail(f"a Prefect server already answers on {settings.server_host}:{settings.server_port}", 2)
    if code not in (0, -15, 143):
        _fail(f"the Prefect server exited with status {code}", 1)


@app.command()
def serve(
    sources_file: Annotated[Path, typer.Argument(help="A sources .toml file whose entries have schedule or interval")],
    lake: LakeOption = None,
    storage: StorageOption = None,
    workers: Annotated[int | None, typer.Option(help="Cleaning processes (0 = one per core)")] = None,
    runner: RunnerOption = None,
    dask_address: DaskOption = None,
    timeout: TimeoutOption = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the deployments and exit")] = False,
) -> None:
    """Register one Prefect deployment per scheduled source and run them until stopped (needs a server)."""
    settings = _settings(lake, storage, workers=workers, **_runner_overrides(runner, dask_address, timeout))
    _lake(settings)
    from flows.acquire.sources import SourceError
    from flows.serve.deployments import plan_deployments

    try:
        plans = plan_deployments(sources_file)
    except SourceError as exc:
        _fail(str(exc), 2)
    from flows.run.options import IngestOptions

    options = IngestOptions.from_settings(settings)
    if dry_run:
        for plan in plans:
            typer.echo(f"{plan.name}: {plan.describe()}: ingest {' '.join(plan.sources)}")
        return
    api = _quiet_prefect(settings)
    if api is None:
        _fail("schedules fire only against a Prefect server: start one with 'sitrep server' or set PREFECT_API_URL", 2)
    from flows.serve.deployments import serve as serve_plans

    typer.echo(f"serving {len(plans)} deployment(s) against {api}; Ctrl-C stops")
    serve_plans(plans, options, timeout=settings.flow_timeout, limit=settings.serve_limit)


@app.command()
def check(lake: LakeOption = None, storage: StorageOption = None) -> None:
    """Run the data checks (warehouse/sql/checks) and show any rows that break them; exit 1 on a failure."""
    import duckdb

    from warehouse.catalog import CatalogError, connect
    from warehouse.checks import failed, run_checks

    try:
        with connect(_ingested_lake(_settings(lake, storage)), notice=_note) as con:
            results = run_checks(con)
    except (duckdb.Error, CatalogError) as exc:
        _fail(one_line(exc), 1)
    for result in results:
        typer.echo(result.summary())
    if failed(results):
        _fail(f"{len(failed(results))} of {len(results)} data checks failed", 1)


@app.command()
def export(
    mart_or_query: Annotated[str, typer.Argument(help="A mart or view name, or a SELECT query")],
    path: Annotated[Path, typer.Argument(help="The file to write")],
    lake: LakeOption = None,
    storage: StorageOption = None,
    fmt: Annotated[ExportChoice, typer.Option("--format", help="The file's format")] = ExportChoice.CSV,
) -> None:
    """Write a mart, a view or a query's result to CSV, Parquet, JSON or GeoJSON, for tools that cannot read DuckDB.

    GeoJSON needs lat and lon columns: `sitrep export places places.geojson --format geojson` writes every
    place the articles name as a point (the mart article_places has them per article and day)."""
    from warehouse.catalog import CatalogError
    from warehouse.export import ExportError, export as export_table

    settings = _settings(lake, storage)
    try:
        rows = export_table(_ingested_lake(settings), mart_or_query, path, fmt.value, notice=_note)
    except (ExportError, CatalogError, OSError) as exc:
        _fail(one_line(exc), 1)
    typer.echo(f"wrote {rows} rows to {path}")


@app.command()
def dashboard(
    lake: LakeOption = None,
    storage: StorageOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8765,
) -> None:
    """Serve the dashboard (article volume, entities, countries, casualty claims, search) on a local web page."""
    from flows.dashboard.app import serve_dashboard
    from warehouse.catalog import CatalogError, ensure_catalog

    settings = _settings(lake, storage)
    the_lake = _ingested_lake(settings)
    if (busy := port_in_use(host, port)) is not None:
        _fail(busy, 2)
    try:
        ensure_catalog(the_lake, notice=_note)
    except CatalogError as exc:
        _fail(str(exc), 1)
    typer.echo(f"sitrep dashboard: http://{host}:{port}/ (Ctrl-C to stop)")
    serve_dashboard(settings.lake, host, port, storage=settings.storage)


app.command("search")(search_cli.search)
app.command("index")(search_cli.index)


def main() -> None:
    """The ``sitrep`` console script: the app, with every failure on one line (``flows.cli.failures``)."""
    run_guarded(app, os.environ)


if __name__ == "__main__":
    main()
