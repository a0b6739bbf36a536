"""The cli stage: the ``sitrep`` command line, the one entry point where settings are built and every
failure becomes one line. The Typer app and its shared set-up, ``normalize`` of one file, ``sql`` and
``status`` output, ``search`` and ``index``, and the one-line failure policy. It may import every
other stage of flows (``dashboard``, ``serve``, ``run``, ``acquire``), ``transforms``, ``schemas`` and
``warehouse``; nothing of flows imports it, but for ``flows.run.ingest``'s use of
``flows.cli.failures.one_line`` (listed as the one exception of the layers contract in pyproject.toml).

``main`` is found here too, lazily, for console scripts installed before the move (they say
``from flows.cli import main``; a fresh install names ``flows.cli.commands:main``).
"""

from __future__ import annotations


def __getattr__(name: str) -> object:
    if name == "main":
        from flows.cli.commands import main

        return main
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
