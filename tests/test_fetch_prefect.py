"""Prefect on the web path: task retries with backoff for transient fetch failures, and per-host global
concurrency limits, against the session's Prefect test server and a web server on 127.0.0.1."""

from __future__ import annotations

import contextvars
import threading
from pathlib import Path
from typing import Any

import pytest
from conftest import query_catalog
from web_server import FakeClock, TestSite, site  # noqa: F401  (site is a fixture)

from flows.acquire.fetch_records import FetchPolicy, FetchResult
from flows.acquire.host_limits import host_limits_enabled, limit_name
from flows.acquire.http import Fetcher
from flows.acquire.refetch import _combined
from flows.acquire.seen import SeenState
from flows.acquire.sources import Source
from flows.acquire.web import fetch_web
from flows.run.ingest import ingest
from flows.run.options import IngestOptions
from warehouse.lake import Lake


def _policy(**overrides: Any) -> FetchPolicy:
    values: dict[str, Any] = dict(
        allow_private_addresses=True,
        per_host_delay=0.0,
        backoff_base=0.01,
        read_timeout=2.0,
        connect_timeout=2.0,
        respect_robots=False,
    )
    values.update(overrides)
    return FetchPolicy(**values)


# -- fast: no Prefect server ------------------------------------------------------------------------


def test_only_transient_failures_are_marked_for_another_try(site: TestSite) -> None:  # noqa: F811
    clock = FakeClock()
    with Fetcher(_policy(max_attempts=2), sleep=clock.sleep, clock=clock.monotonic, rng=lambda: 0.5) as fetcher:
        down, missing = fetcher.fetch(site.url("/always-503")), fetcher.fetch(site.url("/nowhere-404"))
        once = fetcher.fetch(site.url("/always-503"), max_attempts=1)
    assert (down.outcome, down.attempts, down.transient) == ("failed", 2, True)
    assert (missing.error_type, missing.attempts, missing.transient) == ("HTTP404", 1, False)
    assert once.attempts == 1 and once.transient


def test_a_retry_after_past_the_cap_is_not_transient(site: TestSite) -> None:  # noqa: F811
    clock = FakeClock()
    with Fetcher(_policy(max_attempts=3, retry_after_max=5.0), sleep=clock.sleep, clock=clock.monotonic) as fetcher:
        result = fetcher.fetch(site.url("/busy"))  # 503 with Retry-After: 7
    assert result.outcome == "failed" and not result.transient


def test_the_final_result_counts_both_tiers() -> None:
    first = FetchResult(
        "u",
        "failed",
        status=503,
        attempts=4,
        error_type="HTTP503",
        message="u: 503 Service Unavailable (after 4 attempts)",
        transient=True,
    )
    last = FetchResult(
        "u",
        "failed",
        status=503,
        attempts=3,
        error_type="HTTP503",
        message="u: 503 Service Unavailable (after 1 attempt)",
        transient=True,
    )
    failed = _combined(first, last)
    assert failed.attempts == 7 and failed.message == (
        "u: 503 Service Unavailable (after 7 attempts: 4 by the fetcher, then the Prefect task refetch and 2 task "
        "retries)"
    )
    assert _combined(first, FetchResult("u", "fetched", status=200, attempts=2)).attempts == 6


def test_host_limit_names_and_modes() -> None:
    assert limit_name("127.0.0.1") == "sitrep-host-127.0.0.1"
    assert limit_name("News.Example.COM") == "sitrep-host-news.example.com" and limit_name("::1") == "sitrep-host-__1"
    assert not host_limits_enabled("auto", None) and host_limits_enabled("auto", "http://127.0.0.1:4200/api")
    assert host_limits_enabled("on", None) and not host_limits_enabled("off", "http://127.0.0.1:4200/api")


def test_outside_a_flow_run_a_transient_failure_stands(site: TestSite, tmp_path: Path) -> None:  # noqa: F811
    site.reset()
    policy = _policy(max_attempts=1, task_retries=2, task_retry_delay=0.0, host_limits="off")
    (result,) = list(
        fetch_web(
            [Source("s", "urls", urls=(site.url("/always-503"),))],
            Lake(tmp_path / "d"),
            SeenState(),
            policy,
            run_id="r1",
        )
    )
    assert result.outcome == "failed" and result.fetch_row and result.fetch_row["attempts"] == 1
    assert site.hits["/always-503"] == 1


# -- against the Prefect test server -------------------------------------------------------------


def _query(root: Path, sql: str) -> list[tuple[Any, ...]]:
    return query_catalog(root / "sitrep.duckdb", sql)


def _task_runs(name_part: str) -> list[Any]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import TaskRunFilter, TaskRunFilterName

    with get_client(sync_client=True) as client:
        return client.read_task_runs(task_run_filter=TaskRunFilter(name=TaskRunFilterName(like_=name_part)))


@pytest.mark.slow
def test_transient_failures_are_retried_by_prefect_and_end_as_one_row(
    prefect_api: str,
    site: TestSite,  # noqa: F811
    tmp_path: Path,
) -> None:
    site.reset()
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join(site.url(p) for p in ("/fail-twice/recovered-story", "/always-503", "/gone")) + "\n")
    policy = _policy(max_attempts=1, task_retries=2, task_retry_delay=0.0)
    options = IngestOptions(lake=str(tmp_path / "data"), workers=1, entity_model=None, fetch_policy=policy)
    result = ingest([f"@{urls}"], options)
    counts = result["counts"]
    assert (counts["documents"], counts["new"], counts["rejected"]) == (3, 1, 2), result
    # one request by the fetcher, then the refetch task: two tries for the page, all three for the dead one
    assert (site.hits["/fail-twice/recovered-story"], site.hits["/always-503"], site.hits["/gone"]) == (3, 4, 1)
    root = tmp_path / "data"
    assert _query(root, "SELECT count(*) FROM articles WHERE url LIKE '%/fail-twice/recovered-story'") == [(1,)]
    fetches = {
        url.rsplit("/", 1)[-1]: row
        for url, *row in _query(root, "SELECT url, outcome, http_status, attempts, error_type FROM fetches")
    }
    assert fetches == {
        "recovered-story": ["fetched", 200, 3, None],
        "always-503": ["failed", 503, 4, "HTTP503"],
        "gone": ["failed", 410, 1, "HTTP410"],
    }
    rejects = dict(_query(root, "SELECT error_type, message FROM rejects"))
    assert set(rejects) == {"HTTP503", "HTTP410"}
    assert rejects["HTTP503"].endswith(
        "(after 4 attempts: 1 by the fetcher, then the Prefect task refetch and 2 task retries)"
    )
    runs = {
        run.name.rsplit("/", 1)[-1]: run
        for run in _task_runs("refetch http://127.0.0.1")
        if run.name.endswith(("/fail-twice/recovered-story", "/always-503"))
    }
    assert runs["recovered-story"].state_type.value == "COMPLETED" and runs["recovered-story"].run_count == 2
    assert runs["always-503"].state_type.value == "FAILED" and runs["always-503"].run_count == 3
    assert not _task_runs("refetch " + site.url("/gone"))  # a 4xx is never retried


def _client() -> Any:
    from prefect.client.orchestration import get_client

    return get_client(sync_client=True)


def _delete_limit(client: Any, name: str) -> None:
    from prefect.exceptions import ObjectNotFound

    try:
        client.delete_global_concurrency_limit_by_name(name)
    except ObjectNotFound:
        pass


@pytest.mark.slow
def test_host_limits_are_created_and_keep_two_workers_apart(prefect_api: str, site: TestSite, tmp_path: Path) -> None:  # noqa: F811
    from prefect.client.schemas.actions import GlobalConcurrencyLimitUpdate

    name = "sitrep-host-127.0.0.1"
    policy = _policy(host_limits="on", per_host_concurrency=2, concurrency=4, task_retries=0)
    with _client() as client:
        _delete_limit(client, name)
        try:
            list(
                fetch_web(
                    [Source("s", "urls", urls=(site.url("/held/first"),))],
                    Lake(tmp_path / "a"),
                    SeenState(),
                    policy,
                    run_id="r0",
                )
            )
            created = client.read_global_concurrency_limit_by_name(name)
            assert (created.limit, created.active, created.active_slots) == (2, True, 0)
            # an operator narrows it to one request at a time over all processes
            client.update_global_concurrency_limit(name, GlobalConcurrencyLimitUpdate(limit=1))
            site.reset()
            failures: list[BaseException] = []

            def worker(tag: str) -> None:  # a separate fetcher (its own per-host gate), like another process
                urls = tuple(site.url(f"/held/{tag}-{k}") for k in range(3))
                try:
                    results = list(
                        fetch_web(
                            [Source(tag, "urls", urls=urls)], Lake(tmp_path / tag), SeenState(), policy, run_id=tag
                        )
                    )
                    assert [r.outcome for r in results] == ["fetched"] * 3
                except BaseException as exc:  # noqa: BLE001 - reported by the test thread
                    failures.append(exc)

            threads = [threading.Thread(target=contextvars.copy_context().run, args=(worker, tag)) for tag in "xy"]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
            assert not failures, failures
            spans = sorted((start, end, path) for path, start, end in site.spans if path.startswith("/held/"))
            assert len(spans) == 6
            for (_, end, before), (start, _, after) in zip(spans, spans[1:]):
                assert start >= end, f"{before} and {after} overlapped on the server"
            assert client.read_global_concurrency_limit_by_name(name).active_slots == 0
        finally:
            _delete_limit(client, name)
