"""The choices of the command line's options, as Enums: ``--help`` lists them and a value outside them is
refused by the option's parser (exit status 2) before a command runs."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["ResultFormat", "NormalizeFormat", "ExportChoice", "Runner"]


class ResultFormat(StrEnum):
    """How ``sql`` and ``search`` print a result."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"


class NormalizeFormat(StrEnum):
    """How ``normalize`` prints what it read."""

    JSON = "json"
    JSONL = "jsonl"
    TABLE = "table"


class ExportChoice(StrEnum):
    """The file ``export`` writes (``warehouse.export.ExportFormat``)."""

    CSV = "csv"
    PARQUET = "parquet"
    JSON = "json"
    GEOJSON = "geojson"


class Runner(StrEnum):
    """Where cleaning runs: local processes, or a Dask cluster through prefect-dask."""

    LOCAL = "local"
    DASK = "dask"
