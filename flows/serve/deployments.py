"""Scheduled ingestion: one Prefect deployment per scheduled source of a sources file, served by ``sitrep serve``.

A ``[[source]]`` entry with ``schedule = "*/30 * * * *"`` (cron, UTC) or ``interval = 1800``
(seconds) becomes a deployment named after the source, whose runs ingest just that entry
(``sources.toml#Name``) with the options the CLI built. Entries without either are not deployed.

``serve`` registers them with a ``prefect.runner.Runner`` and runs them until stopped. It uses
``Runner.aadd_flow`` rather than ``prefect.serve(*flow.to_deployment(...))``: ``prefect.serve``
re-imports the flow from its entrypoint for each run, which would drop the options set on the flow
object here (the flow-level timeout), while ``aadd_flow`` runs the flow object it was given. Both
take the same arguments (``deployment_kwargs``), and ``to_deployments`` builds the very
``RunnerDeployment`` objects the runner registers, for tests and ``sitrep serve --dry-run``.
``limit`` caps the runs at once over all deployments: one writer per lake, so the default is 1 and
a run due while another runs waits for it instead of failing on the lake's write lock.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from flows.acquire.sources import SourceError, parse_sources_toml
from flows.run.options import IngestOptions

if TYPE_CHECKING:
    from prefect import Flow
    from prefect.deployments.runner import RunnerDeployment

__all__ = ["DeploymentPlan", "plan_deployments", "deployment_kwargs", "scheduled_flow", "to_deployments", "serve"]


@dataclass(frozen=True)
class DeploymentPlan:
    """One deployment: its name, the sources its runs ingest, and its schedule (cron or interval)."""

    name: str
    sources: tuple[str, ...]
    cron: str | None = None
    interval: int | None = None

    def describe(self) -> str:
        return f"cron {self.cron!r} (UTC)" if self.cron else f"every {self.interval} s"


def plan_deployments(sources_file: Path) -> list[DeploymentPlan]:
    """A plan per scheduled entry of the file; SourceError when none has a schedule or two share a name."""
    path = sources_file.resolve()
    sources = parse_sources_toml(path)
    plans = [
        DeploymentPlan(s.name, (f"{path}#{s.name}",), s.schedule, s.interval)
        for s in sources
        if s.schedule or s.interval
    ]
    if not plans:
        raise SourceError(f"{sources_file}: no [[source]] has a 'schedule' (cron) or an 'interval' (seconds)")
    names = [p.name for p in plans]
    if len(set(names)) != len(names):
        duplicate = next(n for n in names if names.count(n) > 1)
        raise SourceError(f"{sources_file}: two scheduled sources are named {duplicate!r}; names must differ")
    return plans


def deployment_kwargs(plan: DeploymentPlan, options: IngestOptions) -> dict[str, Any]:
    """The arguments of ``to_deployment`` / ``Runner.aadd_flow`` for a plan."""
    from prefect.types.entrypoint import EntrypointType

    return {
        "name": plan.name,
        "cron": plan.cron,
        "interval": plan.interval,
        "parameters": {"sources": list(plan.sources), "options": options.model_dump(mode="json")},
        "tags": ["sitrep"],
        "description": f"sitrep ingest of {plan.name}, {plan.describe()}",
        "entrypoint_type": EntrypointType.MODULE_PATH,
    }


def scheduled_flow(timeout: float | None) -> Flow[..., Any]:
    """The ingest flow with the flow-level timeout of the settings."""
    from flows.run.ingest import ingest

    return ingest.with_options(timeout_seconds=timeout)


def to_deployments(
    plans: list[DeploymentPlan], options: IngestOptions, *, timeout: float | None
) -> list[RunnerDeployment]:
    """The deployments the runner registers (building them contacts no server)."""
    flow = scheduled_flow(timeout)
    return [cast("RunnerDeployment", flow.to_deployment(**deployment_kwargs(plan, options))) for plan in plans]


def serve(plans: list[DeploymentPlan], options: IngestOptions, *, timeout: float | None, limit: int) -> None:
    """Register the deployments with the Prefect API and run their scheduled runs until stopped."""
    from prefect.runner import Runner

    async def run() -> None:
        runner = Runner(name="sitrep-serve", limit=limit)
        flow = scheduled_flow(timeout)
        for plan in plans:
            await runner.aadd_flow(flow, **deployment_kwargs(plan, options))
        await runner.start()

    try:
        asyncio.run(run())
    except KeyboardInterrupt:
        pass
