"""The ``sitrep`` command line: settings are built here once and passed down as plain values.

Every command exits 0 on success and non-zero with a one-line reason on failure. Prefect is imported
only by the commands that run a flow, so ``normalize``, ``sql`` and ``status`` start fast.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Annotated, Any, Literal, NoReturn

import typer

from flows.settings import Settings

__all__ = ["app", "main"]

app = typer.Typer(
    name="sitrep",
    help="Defense and military news into Parquet tables and a DuckDB warehouse.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

LakeOption = Annotated[
    Path | None, typer.Option("--lake", help="Data root (lake/ and sitrep.duckdb). Default: $SITREP_LAKE or ./warehouse")
]


def _fail(message: str, code: int = 1) -> NoReturn:
    typer.echo(f"sitrep: {message}", err=True)
    raise typer.Exit(code)


def _settings(lake: Path | None, **overrides: Any) -> Settings:
    values = {k: v for k, v in overrides.items() if v is not None}
    if lake is not None:
        values["lake"] = lake
    try:
        return Settings(**values)
    except ValueError as exc:
        _fail(f"bad setting: {exc}".replace("\n", " "), 2)


def _quiet_prefect(settings: Settings) -> None:
    """Prefect reads its settings from the environment when imported: set quiet, offline defaults."""
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", settings.prefect_log_level)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")


def _options(settings: Settings, *, progress: bool) -> Any:
    from flows.options import IngestOptions

    return IngestOptions(
        lake=str(settings.lake),
        workers=settings.workers,
        batch_size=settings.batch_size,
        max_bytes=settings.max_bytes,
        min_words=settings.min_words,
        near_duplicate_bits=settings.near_duplicate_bits,
        entity_model=None if settings.entity_model.lower() in ("", "none") else settings.entity_model,
        fetch_policy=settings.fetch_policy(),
        progress=progress,
    )


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(
        help="Files, directories (recursive), URLs (pages, feeds, sitemaps), @urls.txt lists, .warc(.gz) files, "
             "or sources .toml files")],
    lake: LakeOption = None,
    workers: Annotated[int | None, typer.Option(help="Cleaning processes (0 = one per core)")] = None,
    batch_size: Annotated[int | None, typer.Option(help="Documents per batch")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary table")] = False,
) -> None:
    """Load or fetch articles into the raw zone, clean, normalize and deduplicate them, write the tables."""
    settings = _settings(lake, workers=workers, batch_size=batch_size)
    from flows.sources import SourceError, resolve_sources

    try:
        resolve_sources(sources)  # fail fast, before Prefect starts, on a bad argument
    except SourceError as exc:
        _fail(str(exc), 2)
    _quiet_prefect(settings)
    from flows.ingest import ingest as ingest_flow
    from flows.report import print_summary
    from warehouse.lake import LakeBusy

    try:
        result = ingest_flow(sources, _options(settings, progress=not quiet))
    except (SourceError, LakeBusy) as exc:
        _fail(str(exc), 2)
    if not quiet:
        print_summary(result)
    if result["status"] != "completed":
        _fail(f"nothing could be read from {len(sources)} source(s): see the rejects table", 1)


@app.command()
def reprocess(
    lake: LakeOption = None,
    workers: Annotated[int | None, typer.Option(help="Cleaning processes (0 = one per core)")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary table")] = False,
) -> None:
    """Rebuild articles, entities, quantities and dates from the raw zone (after a normalizer changed)."""
    settings = _settings(lake, workers=workers)
    from warehouse.lake import Lake

    if not Lake(settings.lake).raw_dir.exists():
        _fail(f"no raw zone at {settings.lake}: run 'sitrep ingest' first", 1)
    _quiet_prefect(settings)
    from flows.reprocess import reprocess as reprocess_flow
    from flows.report import print_summary
    from warehouse.lake import LakeBusy

    try:
        result = reprocess_flow(_options(settings, progress=False))
    except LakeBusy as exc:
        _fail(str(exc), 2)
    if not quiet:
        print_summary(result)


@app.command()
def normalize(
    files: Annotated[list[Path], typer.Argument(help="HTML or text files", exists=False)],
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD (else the page's date); bounds date extraction")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="json | jsonl | table")] = "json",
) -> None:
    """Clean and normalize files and print the result, writing nothing."""
    from flows.normalize_cmd import NormalizeError, normalize_files, render

    if fmt not in ("json", "jsonl", "table"):
        _fail(f"--format must be json, jsonl or table, not {fmt!r}", 2)
    try:
        pub = dt.date.fromisoformat(published) if published else None
    except ValueError:
        _fail(f"--published must be YYYY-MM-DD, not {published!r}", 2)
    try:
        model = Settings().entity_model
        documents = normalize_files(files, published=pub, entity_model=None if model.lower() in ("", "none") else model)
    except NormalizeError as exc:
        _fail(str(exc), 1)
    typer.echo(render(documents, fmt))  # type: ignore[arg-type]


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="A SQL query over the warehouse views")],
    lake: LakeOption = None,
    fmt: Annotated[str, typer.Option("--format", help="table | csv | json")] = "table",
) -> None:
    """Run a query against the DuckDB catalog (read-only) and print the result."""
    from flows.report import print_result
    from warehouse.catalog import connect
    from warehouse.lake import Lake

    import duckdb

    if fmt not in ("table", "csv", "json"):
        _fail(f"--format must be table, csv or json, not {fmt!r}", 2)
    settings = _settings(lake)
    try:
        with connect(Lake(settings.lake)) as con:
            result = con.sql(query).to_arrow_table()
    except duckdb.Error as exc:
        _fail(str(exc).splitlines()[0], 1)
    print_result(result, fmt)  # type: ignore[arg-type]


@app.command()
def status(lake: LakeOption = None) -> None:
    """Show recent runs, row counts, rejects by reason, and freshness per source."""
    from flows.report import print_status
    from warehouse.catalog import connect
    from warehouse.lake import Lake

    settings = _settings(lake)
    the_lake = Lake(settings.lake)
    if not the_lake.lake_dir.exists():
        _fail(f"no lake at {settings.lake}: run 'sitrep ingest' first", 1)
    with connect(the_lake) as con:
        print_status(con)


def main() -> None:
    app()


if __name__ == "__main__":
    sys.exit(main())
