"""``sitrep search`` and ``sitrep index``: full-text search of the current articles (``warehouse.search_index``).

Registered on the app by ``flows.cli.commands``; the shared options and set-up come from there and ``flows.cli.setup``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import pyarrow as pa
import typer

from flows.cli.choices import ResultFormat
from flows.cli.failures import one_line
from flows.cli.setup import LakeOption, StorageOption, build_settings, fail, ingested_lake, note

__all__ = ["search", "index"]

_RESULT = pa.schema(
    [
        ("day", pa.date32()),
        ("source_name", pa.string()),
        ("title", pa.string()),
        ("score", pa.float64()),
        ("passage", pa.string()),
        ("url", pa.string()),
        ("article_id", pa.string()),
        ("highlights", pa.list_(pa.string())),
    ]
)


def search(
    query: Annotated[
        str,
        typer.Argument(
            help='Words (all must match), OR, -word or NOT word, "a phrase", title:word, source_name:"Name"'
        ),
    ],
    lake: LakeOption = None,
    storage: StorageOption = None,
    since: Annotated[dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="First day (YYYY-MM-DD)")] = None,
    until: Annotated[dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Last day (YYYY-MM-DD)")] = None,
    source: Annotated[list[str] | None, typer.Option("--source", help="Only this source (repeatable)")] = None,
    language: Annotated[str | None, typer.Option(help="Only this language (ISO 639-1)")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="Articles to show")] = 20,
    newest: Annotated[bool, typer.Option("--newest", help="Latest day first instead of best match first")] = False,
    fmt: Annotated[ResultFormat, typer.Option("--format", help="How to print the articles found")] = ResultFormat.TABLE,
) -> None:
    """Find articles by their words, best match first, each with the passage that matched.

    English stemming: 'strikes' finds 'strike'. Uses the search index each ingest keeps up to date
    ('sitrep index' builds it for a lake ingested before the index existed).
    """
    import duckdb

    from flows.cli.report import write_result
    from warehouse.catalog import CatalogError, connect
    from warehouse.search_index import SearchError, behind, index_folder, search as find

    the_lake = ingested_lake(build_settings(lake, storage))
    folder = index_folder(the_lake.root)
    try:
        hits = find(
            folder,
            query,
            since=since.date() if since else None,
            until=until.date() if until else None,
            sources=source or (),
            language=language,
            limit=limit,
            newest=newest,
        )
        with connect(the_lake, notice=note) as con:
            lagging = behind(con, folder)
            if lagging:
                note(f"the search index lacks {lagging} current article(s): run 'sitrep index'")
            rows = [{**hit.as_row(), "highlights": [f"{s}:{e}" for s, e in hit.highlights]} for hit in hits]
            table = pa.Table.from_pylist([{c: r[c] for c in _RESULT.names} for r in rows], schema=_RESULT)
            result = con.from_arrow(table)
            if fmt is ResultFormat.TABLE:  # a terminal's width: what a reader scans
                result = result.select("day, source_name, title, passage, url")
            write_result(result, fmt)
    except (SearchError, CatalogError, duckdb.Error) as exc:
        fail(one_line(exc), 1)


def index(
    lake: LakeOption = None,
    storage: StorageOption = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Build the index again from nothing")] = False,
) -> None:
    """Bring the search index in step with the current articles.

    Each ingest does it; this builds it for a lake ingested before the index existed, or after an update failed.
    """
    import duckdb

    from warehouse.catalog import CatalogError, connect
    from warehouse.lake import LakeBusy, write_lock
    from warehouse.search_index import index_folder, update_index

    the_lake = ingested_lake(build_settings(lake, storage))
    try:
        with write_lock(the_lake), connect(the_lake, notice=note) as con:
            done = update_index(con, index_folder(the_lake.root), rebuild=rebuild)
    except LakeBusy as exc:
        fail(str(exc), 2)
    except (CatalogError, duckdb.Error, OSError, ValueError) as exc:
        fail(one_line(exc), 1)
    verb = "built" if done.rebuilt else "updated"
    typer.echo(
        f"search index {verb}: {done.added} added, {done.deleted} deleted, {done.total} articles "
        f"in {done.seconds:.1f} s ({index_folder(the_lake.root)})"
    )
