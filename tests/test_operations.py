"""Operations without a server: schedules in sources files, deployment construction, API choice, run names."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import PARAGRAPHS, REPO, make_page

from flows.acquire.sources import SourceError, parse_sources_toml, resolve_sources
from flows.run.artifacts import source_label, summary_markdown
from flows.run.options import IngestOptions
from flows.serve.deployments import plan_deployments, to_deployments
from flows.serve.server import STATE_FILE, choose_api, server_command, server_env

SOURCES = """
[[source]]
name = "Defense Dispatch"
kind = "directory"
path = "site"
schedule = "*/30 * * * *"

[[source]]
name = "Wire feed"
kind = "feed"
url = "https://wire.example/feed/"
interval = 1800

[[source]]
name = "By hand"
kind = "directory"
path = "site"
"""


@pytest.fixture
def sources_file(tmp_path: Path) -> Path:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.html").write_text(make_page("Army buys launchers", PARAGRAPHS))
    path = tmp_path / "sources.toml"
    path.write_text(SOURCES)
    return path


def test_schedules_are_read_from_the_sources_file(sources_file: Path) -> None:
    sources = parse_sources_toml(sources_file)
    assert [(s.name, s.schedule, s.interval) for s in sources] == [
        ("Defense Dispatch", "*/30 * * * *", None),
        ("Wire feed", None, 1800),
        ("By hand", None, None),
    ]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('schedule = "*/30 * * *"', "cron expression of 5 fields"),
        ("interval = 0", "positive number of seconds"),
        ('interval = "1800"', "positive number of seconds"),
        ('schedule = "0 * * * *"\ninterval = 60', "not both"),
    ],
)
def test_bad_schedules_say_what_is_wrong(tmp_path: Path, entry: str, message: str) -> None:
    (tmp_path / "s.toml").write_text(f'[[source]]\nkind = "url"\nurl = "https://a.example/"\n{entry}\n')
    with pytest.raises(SourceError, match=message):
        parse_sources_toml(tmp_path / "s.toml")


def test_one_entry_of_a_sources_file_by_name(sources_file: Path) -> None:
    (source,) = resolve_sources([f"{sources_file}#Wire feed"])
    assert (source.name, source.url) == ("Wire feed", "https://wire.example/feed/")
    with pytest.raises(SourceError, match="no source named 'Nope'"):
        resolve_sources([f"{sources_file}#Nope"])


def test_one_deployment_per_scheduled_source(sources_file: Path, tmp_path: Path) -> None:
    from prefect.client.schemas.schedules import CronSchedule, IntervalSchedule

    plans = plan_deployments(sources_file)
    options = IngestOptions(lake=str(tmp_path / "data"), workers=2, entity_model=None)
    deployments = to_deployments(plans, options, timeout=900)
    assert [d.name for d in deployments] == ["Defense Dispatch", "Wire feed"]  # "By hand" has no schedule
    cron, interval = (d.schedules[0].schedule for d in deployments)
    assert isinstance(cron, CronSchedule) and cron.cron == "*/30 * * * *"
    assert isinstance(interval, IntervalSchedule) and interval.interval == dt.timedelta(seconds=1800)
    for deployment, name in zip(deployments, ["Defense Dispatch", "Wire feed"]):
        assert deployment.entrypoint == "flows.run.ingest.ingest" and deployment.tags == ["sitrep"]
        assert deployment.parameters["sources"] == [f"{sources_file.resolve()}#{name}"]
        assert IngestOptions.model_validate(deployment.parameters["options"]) == options
        json.dumps(deployment.parameters)  # stored by the server as JSON
    # each deployment's source argument resolves to exactly its own entry
    assert [resolve_sources(d.parameters["sources"])[0].name for d in deployments] == ["Defense Dispatch", "Wire feed"]


def test_a_file_without_schedules_is_refused(tmp_path: Path) -> None:
    (tmp_path / "s.toml").write_text('[[source]]\nkind = "url"\nurl = "https://a.example/"\n')
    with pytest.raises(SourceError, match="no \\[\\[source\\]\\] has a 'schedule'"):
        plan_deployments(tmp_path / "s.toml")


class _Health(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        ok = self.path == "/api/health"
        self.send_response(200 if ok else 404)
        self.end_headers()
        self.wfile.write(b"true" if ok else b"")

    def log_message(self, *args: Any) -> None:
        pass


def test_api_choice_environment_then_running_server_then_ephemeral(tmp_path: Path) -> None:
    assert choose_api(tmp_path, "127.0.0.1", 9, {"PREFECT_API_URL": "https://api.example/api"}).origin == "environment"
    assert choose_api(tmp_path, "127.0.0.1", 9, {}).origin == "ephemeral"  # nothing listens on port 9
    server = HTTPServer(("127.0.0.1", 0), _Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        probed = choose_api(tmp_path, "127.0.0.1", port, {})
        assert (probed.url, probed.origin) == (f"http://127.0.0.1:{port}/api", "running")
        (tmp_path / STATE_FILE).write_text(json.dumps({"url": f"http://127.0.0.1:{port}/api"}))
        recorded = choose_api(tmp_path, "127.0.0.1", 9, {})  # found through the state file, not the port
        assert (recorded.url, recorded.origin) == (f"http://127.0.0.1:{port}/api", "running")
    finally:
        server.shutdown()


def test_server_runs_offline_on_loopback_with_its_own_sqlite(tmp_path: Path) -> None:
    env = server_env(tmp_path, {"PREFECT_API_URL": "http://elsewhere/api", "PATH": "/bin"})
    assert env["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false" and env["DO_NOT_TRACK"] == "1"
    assert env["PREFECT_HOME"] == str(tmp_path / "prefect") and "PREFECT_API_URL" not in env
    assert server_command("127.0.0.1", 4200)[-5:] == ["start", "--host", "127.0.0.1", "--port", "4200"]


def test_run_names_and_summary_artifact() -> None:
    assert source_label(["/x/sources.toml#Defense Dispatch"]) == "Defense Dispatch"
    assert source_label(["https://wire.example/feed/", "/data/site"]) == "wire.example+1"
    assert source_label(["@lists/urls.txt"]) == "urls"
    text = summary_markdown(
        {
            "run_id": "r1",
            "status": "completed",
            "seconds": 2.5,
            "lake": "/d",
            "counts": {"documents": 4, "new": 3, "rejected": 1},
        }
    )
    assert "| documents | new | revised |" in text and "| 4 | 3 | 0 | 0 | 0 | 1 | 0 | 2.5 |" in text


def test_normalize_sql_and_status_never_import_prefect(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(make_page("Army buys launchers", PARAGRAPHS))
    script = f"""
import sys
from typer.testing import CliRunner
from flows.cli.commands import app
runner = CliRunner()
out = runner.invoke(app, ["normalize", {str(page)!r}, "--published", "2025-04-09"])
assert out.exit_code == 0, out.output
assert "Army buys launchers" in out.output
runner.invoke(app, ["sql", "SELECT 1", "--lake", {str(tmp_path / "none")!r}])
runner.invoke(app, ["status", "--lake", {str(tmp_path / "none")!r}])
runner.invoke(app, ["serve", {str(tmp_path / "missing.toml")!r}, "--dry-run"])
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("prefect", "distributed"))
assert not loaded, loaded
print("ok")
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "SITREP_ENTITY_MODEL": "none"},
    )
    assert done.returncode == 0 and done.stdout.strip().endswith("ok"), done.stdout + done.stderr


def test_example_prefect_yaml_deploys_the_ingest_flow_with_valid_options() -> None:
    import yaml

    spec = yaml.safe_load((REPO / "prefect.yaml").read_text())
    assert spec["deployments"]
    for deployment in spec["deployments"]:
        assert (
            deployment["entrypoint"] == "flows/run/ingest.py:ingest" and (REPO / "flows" / "run" / "ingest.py").exists()
        )
        IngestOptions.model_validate(deployment["parameters"]["options"])
        assert "#" in deployment["parameters"]["sources"][0] and deployment["concurrency_limit"] == 1


def test_flow_parameters_are_annotated_with_real_classes() -> None:
    """A served run validates its JSON parameters in a subprocess that gets the flow by value: string
    annotations (``from __future__ import annotations``) cannot be resolved there."""
    import inspect

    from flows.run.ingest import ingest
    from flows.run.reprocess import reprocess

    assert inspect.signature(ingest.fn).parameters["options"].annotation is IngestOptions
    assert inspect.signature(reprocess.fn).parameters["options"].annotation is IngestOptions
    params = ingest.validate_parameters({"sources": ["a.toml#A"], "options": {"lake": "/d", "runner": "dask"}})
    assert params["options"].runner == "dask"
