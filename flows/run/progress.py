"""A progress bar for long runs (rich, on stderr), or a no-op when it is not wanted."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

__all__ = ["progress_bar"]


@contextmanager
def progress_bar(total: int | None, enabled: bool) -> Iterator[Callable[[int], None]]:
    """Yields ``advance(n)``. Shown only when enabled and stderr is a terminal; ``total`` None: not known."""
    console = Console(stderr=True)
    if not enabled or not console.is_terminal or total == 0:
        yield lambda n: None
        return
    columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task_id = progress.add_task("ingest", total=total)
        yield lambda n: progress.advance(task_id, n)
