"""What a run shows in the Prefect UI: a name that says the source and the time, and a summary artifact.

``run_name`` is the flows' ``flow_run_name`` (called by Prefect when a run starts, so it reads the
run's parameters and scheduled time, never the clock at import time). ``summary_markdown`` is pure;
``publish_summary`` attaches it to the current run as a markdown artifact (key ``<flow>-summary``,
so the UI keeps one versioned artifact per flow with the history of its runs).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

__all__ = ["run_name", "source_label", "summary_markdown", "publish_summary"]

_COLUMNS = ("documents", "new", "revised", "unchanged", "duplicate", "rejected", "skipped")


def source_label(sources: Sequence[str]) -> str:
    """A short label for a run's sources: ``sources.toml#Defense Dispatch`` -> ``Defense Dispatch``."""
    names: list[str] = []
    for arg in sources:
        if "#" in arg and arg.split("#", 1)[0].endswith(".toml"):
            names.append(arg.split("#", 1)[1])
        elif arg.startswith(("http://", "https://")):
            names.append(urlsplit(arg).netloc)
        else:
            path = PurePath(arg.lstrip("@"))
            names.append(path.stem if path.suffix else path.name)
    if not names:
        return "nothing"
    return names[0] if len(names) == 1 else f"{names[0]}+{len(names) - 1}"


def run_name() -> str:
    """``ingest Defense Dispatch 2026-11-25T18:00Z``: the flow, its sources, its scheduled start (UTC)."""
    from prefect.runtime import flow_run

    params: dict[str, Any] = flow_run.parameters or {}
    when = flow_run.scheduled_start_time
    stamp = when.strftime("%Y-%m-%dT%H:%MZ") if when is not None else "now"
    sources = params.get("sources")
    label = source_label(sources) if isinstance(sources, list) else "raw zone"
    return f"{flow_run.flow_name} {label} {stamp}"


def summary_markdown(result: dict[str, Any]) -> str:
    """The run's summary table in markdown: counts, status, time and lake."""
    counts = result.get("counts", {})
    header = "| " + " | ".join((*_COLUMNS, "seconds")) + " |"
    rule = "|" + "---:|" * (len(_COLUMNS) + 1)
    row = "| " + " | ".join(str(counts.get(c, 0)) for c in _COLUMNS) + f" | {result.get('seconds', 0):.1f} |"
    return "\n".join(
        [
            f"### Run `{result.get('run_id')}`: {result.get('status')}",
            "",
            header,
            rule,
            row,
            "",
            f"Lake: `{result.get('lake')}`. Rejects of this run: "
            f"`sitrep sql \"SELECT * FROM rejects WHERE run_id = '{result.get('run_id')}'\"`",
        ]
    )


def publish_summary(flow_name: str, result: dict[str, Any]) -> None:
    """Attach the summary to the current flow run as a markdown artifact (visible in the Prefect UI)."""
    from prefect.artifacts import create_markdown_artifact

    create_markdown_artifact(
        markdown=summary_markdown(result),
        key=f"{flow_name}-summary",
        description=f"sitrep {flow_name} run {result.get('run_id')}",
    )
