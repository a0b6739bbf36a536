"""Prefect task retries for fetches that ended in a transient failure, with exponential backoff.

Two tiers of retries. The fetcher (``flows.acquire.http``) retries each request at once, a few times within
seconds (``SITREP_FETCH_ATTEMPTS``). A URL still failing after those for a reason worth another try
later (a timeout, a connection error, a 5xx, a 429) goes to the Prefect task ``refetch``: one
request per try, retried by Prefect ``task_retries`` times after ``task_retry_delay``, doubled
for each next try, with jitter. 404s, 403s, robots.txt refusals, refused addresses and oversized
bodies are never retried. The task raises on a transient failure so that Prefect retries it; its
final outcome, success or last failure, is what the URL's ``fetches`` row and reject say, with every
attempt of both tiers counted.

Only failed URLs come here, so a page that was fetched is never fetched again, and each task run
(a few API calls) is paid by the few URLs that fail, never by the many that succeed. The
task runs only inside a flow run (``ingest``), where it shows under the run as ``refetch <url>``.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable

from prefect import Task, task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import TaskRun
from prefect.context import FlowRunContext, TaskRunContext
from prefect.states import State
from prefect.tasks import exponential_backoff
from prefect.utilities.annotations import quote

from flows.acquire.fetch_records import Expect, FetchPolicy, FetchResult, Validators
from flows.acquire.http import Fetcher

__all__ = ["TransientFetch", "Refetch", "refetch", "refetcher"]

_LOG = logging.getLogger("sitrep.refetch")
_JITTER = 0.5  # each delay drawn around its value, at most 1.5 times it


class TransientFetch(Exception):
    """A try of ``refetch`` that failed for a reason worth another try; carries its result."""

    def __init__(self, result: FetchResult) -> None:
        reason = (result.message or result.error_type or "transient fetch failure").rsplit(" (after ", 1)[0]
        super().__init__(f"{reason} (try {result.attempts} of refetch)")
        self.result = result


class _NoTraceback(logging.Filter):
    """Prefect logs a task run that failed for good with its traceback; a ``TransientFetch`` is an
    outcome, not a bug, so its record keeps the one-line message and drops the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], TransientFetch):
            record.exc_info, record.exc_text = None, None
        return True


def _quiet_tracebacks() -> None:
    logger = logging.getLogger("prefect.task_runs")
    if not any(isinstance(f, _NoTraceback) for f in logger.filters):
        logger.addFilter(_NoTraceback())


def _only_transient(task: Task[..., FetchResult], task_run: TaskRun, state: State[FetchResult]) -> bool:
    """``retry_condition_fn``: retry a transient fetch failure, nothing else (a bug is not retried)."""
    return isinstance(state.result(raise_on_failure=False), TransientFetch)


@task(
    name="refetch",
    task_run_name="refetch {url}",
    cache_policy=NO_CACHE,
    persist_result=False,
    retry_condition_fn=_only_transient,
)
def refetch(fetcher: Fetcher, url: str, expect: Expect, validators: Validators | None, robots: bool) -> FetchResult:
    """One request for ``url``; raises ``TransientFetch`` on a transient failure so Prefect retries it."""
    context = TaskRunContext.get()
    tries = context.task_run.run_count if context is not None else 1
    result = dataclasses.replace(
        fetcher.fetch(url, expect=expect, validators=validators, robots=robots, max_attempts=1), attempts=max(1, tries)
    )
    if result.transient:
        raise TransientFetch(result)
    return result


Refetch = Callable[[FetchResult, Expect, Validators | None, bool], FetchResult]


def refetcher(fetcher: Fetcher, policy: FetchPolicy) -> Refetch | None:
    """The second tier for this run: a function from a transient failure to the URL's final result;
    None outside a flow run or with no task retries (the failure then stands)."""
    if policy.task_retries <= 0 or FlowRunContext.get() is None:
        return None
    _quiet_tracebacks()
    retrying = refetch.with_options(
        retries=policy.task_retries,
        retry_delay_seconds=exponential_backoff(policy.task_retry_delay),
        retry_jitter_factor=_JITTER,
    )  # Prefect adds no jitter to a zero delay

    def again(first: FetchResult, expect: Expect, validators: Validators | None, robots: bool) -> FetchResult:
        try:
            last = retrying(_quoted(fetcher), first.url, expect, validators, robots)
        except TransientFetch as exc:
            last = exc.result
        except Exception as exc:  # noqa: BLE001 - Prefect itself failed: the first failure stands
            _LOG.warning("refetch of %s could not run (%s: %s)", first.url, type(exc).__name__, exc)
            return first
        return _combined(first, last)

    return again


def _quoted(fetcher: Fetcher) -> Fetcher:
    """The fetcher as a task argument Prefect neither walks nor records (it holds a client and locks)."""
    return quote(fetcher)  # type: ignore[return-value]


def _combined(first: FetchResult, last: FetchResult) -> FetchResult:
    """``last`` with the attempts of both tiers, and on a failure a message that tells them apart."""
    attempts = first.attempts + last.attempts
    if last.outcome != "failed" or not last.message:
        return dataclasses.replace(last, attempts=attempts)
    reason = last.message.rsplit(" (after ", 1)[0]
    retries = last.attempts - 1
    message = (
        f"{reason} (after {attempts} attempts: {first.attempts} by the fetcher, then the Prefect task "
        f"refetch and {retries} task retr{'y' if retries == 1 else 'ies'})"
    )
    return dataclasses.replace(last, attempts=attempts, message=message)
