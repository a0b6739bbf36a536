"""The cli stage: the ``sitrep`` command line (``flows.cli.commands``, the console script's ``main``), the
one entry point where settings are built and every failure becomes one line. The Typer app and its shared
set-up, ``normalize`` of one file, ``sql`` and ``status`` output, ``search`` and ``index``, and the
one-line failure policy. It may import every other stage of flows (``dashboard``, ``serve``, ``run``,
``acquire``), ``transforms``, ``schemas`` and ``warehouse``; nothing of flows imports it.
"""
