"""``sitrep server`` and the commands that find it: run names, the summary artifact, the flow timeout."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import duckdb
import httpx
import pytest
from conftest import PARAGRAPHS, make_page, running_sitrep_server, sitrep_command

from flows.serve.server import STATE_FILE

pytestmark = pytest.mark.slow


def test_local_server_is_found_and_shows_runs_and_artifacts(tmp_path: Path) -> None:
    root = tmp_path / "data"
    with running_sitrep_server(root, SITREP_WORKERS="1", SITREP_ENTITY_MODEL="none") as env:
        api = f"http://127.0.0.1:{env['SITREP_SERVER_PORT']}/api"
        assert (root / "prefect").is_dir()  # its SQLite database lives with the data

        corpus = tmp_path / "Defense Wire"
        corpus.mkdir()
        for i in range(3):
            (corpus / f"s{i}.html").write_text(make_page(f"Story {i}", [f"Report {i}. " + p for p in PARAGRAPHS]))
        started = time.monotonic()
        first = subprocess.run(
            sitrep_command() + ["ingest", "--quiet", str(corpus)], env=env, capture_output=True, text=True, timeout=180
        )
        assert first.returncode == 0, first.stderr
        assert time.monotonic() - started < 60  # no ephemeral server was started for it

        runs = httpx.post(f"{api}/flow_runs/filter", json={"limit": 10}).json()
        assert [r["name"].rsplit(" ", 1)[0] for r in runs] == ["ingest Defense Wire"]
        assert runs[0]["state_type"] == "COMPLETED"
        artifacts = httpx.post(f"{api}/artifacts/filter", json={"limit": 10}).json()
        assert [a["key"] for a in artifacts] == ["ingest-summary"]
        assert "\n| 3 | " in artifacts[0]["data"] and artifacts[0]["flow_run_id"] == runs[0]["id"]

        (corpus / "s9.html").write_text(make_page("Story 9", ["Report 9. " + p for p in PARAGRAPHS]))
        slow = subprocess.run(
            sitrep_command() + ["ingest", "--quiet", "--timeout", "0.01", str(corpus)],
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert slow.returncode == 1 and "timeout" in slow.stderr, slow.stderr
        timed_out = httpx.post(f"{api}/flow_runs/filter", json={"limit": 1, "sort": "START_TIME_DESC"}).json()[0]
        # Prefect names the state TimedOut; a timeout that fires while Prefect itself is still setting
        # up a task run can surface as its own "Task run is not set" failure instead (a race inside Prefect).
        assert timed_out["state_type"] == "FAILED"
        assert timed_out["state_name"] == "TimedOut" or "Task run is not set" in (
            timed_out["state"]["message"] or ""
        ), timed_out["state"]
        con = duckdb.connect(str(root / "sitrep.duckdb"), read_only=True)
        try:
            statuses = [r[0] for r in con.execute("SELECT status FROM run_history ORDER BY started_at").fetchall()]
            assert statuses in (["completed"], ["completed", "failed"])  # stopped before or after opening its run
            assert con.execute("SELECT count(*) FROM articles").fetchone() == (3,)
        finally:
            con.close()
    assert not (root / STATE_FILE).exists()
