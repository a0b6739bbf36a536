"""A run's own timeout check (IngestOptions.past_timeout): Prefect's SIGALRM timeout can be lost when it
lands in a garbage-collection callback, so the flows check the clock before storing each batch."""

from __future__ import annotations

import time

import pytest

from flows.run.options import IngestOptions


def test_past_timeout_raises_only_once_the_time_is_spent() -> None:
    begun = time.monotonic()
    IngestOptions(lake="x", timeout=60).past_timeout(begun)
    IngestOptions(lake="x").past_timeout(begun - 10_000)  # no timeout: never
    with pytest.raises(TimeoutError, match="the run passed its 0.5 s timeout"):
        IngestOptions(lake="x", timeout=0.5).past_timeout(begun - 1)


def test_the_settings_timeout_reaches_the_options() -> None:
    from flows.run.settings import Settings

    assert IngestOptions.from_settings(Settings(lake="x", flow_timeout=12)).timeout == 12
