"""The one-line promise of every ``sitrep`` command (issue #14): a lake moved or copied keeps working,
and bad input (a bad SITREP_* setting, a missing lake, a data root that is a file, a corrupt Parquet
file, a port in use, a corrupt catalog) gives a non-zero exit and one line on stderr, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PARAGRAPHS, make_page, sitrep_command

COMMANDS = ("ingest", "reprocess", "sql", "status", "check", "export", "dashboard", "normalize", "serve", "server")
SOURCES_TOML = """[[source]]
name = "Harbor Watch"
kind = "feed"
url = "https://www.harbor-watch.example/feed/"
interval = 3600
"""


@pytest.fixture(scope="module")
def busy_port() -> Iterator[int]:
    """A loopback port something already listens on."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        yield held.getsockname()[1]


@pytest.fixture(scope="module")
def ground(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A page to ingest or normalize, a sources file, and a small lake (no Prefect needed to build it)."""
    from lakes import write_lake

    root = tmp_path_factory.mktemp("ground")
    (root / "page.html").write_text(make_page("Army buys launchers", PARAGRAPHS))
    (root / "sources.toml").write_text(SOURCES_TOML)
    write_lake(root / "lake")
    return root


def _args(command: str, ground: Path, port: int) -> list[str]:
    return {
        "ingest": ["ingest", str(ground / "page.html")],
        "reprocess": ["reprocess"],
        "sql": ["sql", "SELECT count(*) AS n FROM articles", "--format", "json"],
        "status": ["status"],
        "check": ["check"],
        "export": ["export", "articles_daily", str(ground / "out" / "daily.csv")],
        "dashboard": ["dashboard", "--port", str(port)],
        "normalize": ["normalize", str(ground / "page.html")],
        "serve": ["serve", str(ground / "sources.toml"), "--dry-run"],
        "server": ["server", "--port", str(port)],
    }[command]


def _env(tmp_path: Path, **settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SITREP_", "PREFECT_API"))}
    env.update(HOME=str(tmp_path), PREFECT_HOME=str(tmp_path / "prefect-home"), SITREP_ENTITY_MODEL="none", **settings)
    return env


def _sitrep(args: list[str], env: dict[str, str], timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return subprocess.run(sitrep_command() + args, env=env, capture_output=True, text=True, timeout=timeout)


def _one_line_failure(done: subprocess.CompletedProcess[str]) -> str:
    lines = done.stderr.strip().splitlines()
    assert done.returncode != 0, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout, done.stderr
    assert len(lines) == 1 and lines[0].startswith("sitrep: "), done.stderr
    return lines[0]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_bad_setting_is_one_line_for_every_command(
    command: str, ground: Path, busy_port: int, tmp_path: Path
) -> None:
    env = _env(tmp_path, SITREP_LAKE=str(ground / "lake"), SITREP_WORKERS="abc")
    line = _one_line_failure(_sitrep(_args(command, ground, busy_port), env))
    assert "workers" in line


LAKE_COMMANDS = ("ingest", "reprocess", "sql", "status", "check", "export", "dashboard", "serve", "server")


@pytest.mark.parametrize("command", LAKE_COMMANDS)
def test_a_data_root_that_is_a_file_is_one_line(command: str, ground: Path, busy_port: int, tmp_path: Path) -> None:
    env = _env(tmp_path, SITREP_LAKE=str(ground / "page.html"))
    assert "is not a folder" in _one_line_failure(_sitrep(_args(command, ground, busy_port), env))


@pytest.mark.parametrize("command", ("reprocess", "sql", "status", "check", "export", "dashboard"))
def test_a_missing_lake_is_one_line_and_nothing_is_created(
    command: str, ground: Path, busy_port: int, tmp_path: Path
) -> None:
    env = _env(tmp_path, SITREP_LAKE=str(tmp_path / "nowhere"))
    line = _one_line_failure(_sitrep(_args(command, ground, busy_port), env))
    assert str(tmp_path / "nowhere") in line and "sitrep ingest" in line
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("command", ("sql", "status", "check", "export", "dashboard"))
def test_a_corrupt_parquet_file_is_one_line(command: str, ground: Path, tmp_path: Path) -> None:
    shutil.copytree(ground / "lake", tmp_path / "lake")
    (tmp_path / "lake" / "sitrep.duckdb").unlink()  # the catalog must be built over the broken file
    broken = sorted((tmp_path / "lake" / "lake" / "tables" / "articles").rglob("*.parquet"))[0]
    broken.write_bytes(b"PAR1 this file was cut short")
    env = _env(tmp_path, SITREP_LAKE=str(tmp_path / "lake"))
    with socket.socket() as probe:  # a free port: the dashboard must fail on the lake, not on the port
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    line = _one_line_failure(_sitrep(_args(command, ground, free), env))
    assert broken.name in line and "No magic bytes" in line


def test_a_run_that_fails_on_a_corrupt_parquet_file_ends_with_its_reason(
    cli_env: dict[str, str], ground: Path, tmp_path: Path
) -> None:
    """ingest and reprocess run a Prefect flow: its log lines may come first, but no traceback, and the
    reason is the last line."""
    shutil.copytree(ground / "lake", tmp_path / "lake")
    (tmp_path / "lake" / "lake" / "raw").mkdir()
    broken = sorted((tmp_path / "lake" / "lake" / "tables" / "articles").rglob("*.parquet"))[0]
    broken.write_bytes(b"PAR1 this file was cut short")
    env = cli_env | {"SITREP_LAKE": str(tmp_path / "lake"), "SITREP_WORKERS": "1"}
    for args in (["ingest", str(ground / "page.html")], ["reprocess"]):
        done = _sitrep(args, env)
        assert done.returncode == 1 and "Traceback" not in done.stderr + done.stdout, done.stderr
        last = done.stderr.strip().splitlines()[-1]
        assert last.startswith("sitrep: ") and "magic bytes" in last, done.stderr


@pytest.mark.parametrize("command", ("dashboard", "server"))
def test_a_port_in_use_is_one_line(command: str, ground: Path, busy_port: int, tmp_path: Path) -> None:
    env = _env(tmp_path, SITREP_LAKE=str(tmp_path / "fresh"))
    if command == "dashboard":
        shutil.copytree(ground / "lake", tmp_path / "fresh")
    assert str(busy_port) in _one_line_failure(_sitrep(_args(command, ground, busy_port), env, timeout=300))


def test_bad_arguments_of_normalize_and_serve_are_one_line(ground: Path, tmp_path: Path) -> None:
    env = _env(tmp_path, SITREP_LAKE=str(ground / "lake"))
    assert "missing.html" in _one_line_failure(_sitrep(["normalize", str(tmp_path / "missing.html")], env))
    (tmp_path / "bad.toml").write_text("[[source]\nname = ")
    assert "bad.toml" in _one_line_failure(_sitrep(["serve", str(tmp_path / "bad.toml"), "--dry-run"], env))


@pytest.mark.parametrize("command", ("sql", "status", "check", "export"))
def test_a_corrupt_catalog_is_rebuilt_with_a_note(command: str, ground: Path, busy_port: int, tmp_path: Path) -> None:
    shutil.copytree(ground / "lake", tmp_path / "lake")
    (tmp_path / "lake" / "sitrep.duckdb").write_bytes(b"\x00 not a database " * 400)
    env = _env(tmp_path, SITREP_LAKE=str(tmp_path / "lake"))
    done = _sitrep(_args(command, ground, busy_port), env)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.strip().splitlines() == [done.stderr.strip()] and "rebuilt the catalog" in done.stderr


# -- a lake moved or copied (a real ingest first) --------------------------------------------------------------


def _answers(env: dict[str, str], out: Path) -> dict[str, object]:
    sql = _sitrep(
        [
            "sql",
            "SELECT count(*) AS n, min(title) AS first, sum(word_count) AS words FROM articles",
            "--format",
            "json",
        ],
        env,
    )
    status, check = _sitrep(["status"], env), _sitrep(["check"], env)
    export = _sitrep(["export", "articles_daily", str(out)], env)
    for done in (sql, status, check, export):
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return {
        "sql": json.loads(sql.stdout),
        "status": status.stdout.split("Rows per table", 1)[1],
        "check": check.stdout,
        "export": out.read_text(),
    }


def test_a_lake_moved_and_a_lake_copied_answer_the_same(cli_env: dict[str, str], tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n, title in enumerate(["Army buys launchers", "Navy orders frigates"]):
        paragraphs = [p.replace("Army", "Navy") if n else p for p in PARAGRAPHS] + [f"Story {n} ends here."]
        (corpus / f"story-{n}.html").write_text(make_page(title, paragraphs, canonical=f"https://wire.example/{n}"))
    first = Path(cli_env["SITREP_LAKE"])
    assert _sitrep(["ingest", "--quiet", str(corpus)], cli_env).returncode == 0
    before = _answers(cli_env, tmp_path / "before.csv")
    assert before["sql"][0]["n"] == 2  # type: ignore[index]

    moved = tmp_path / "moved"
    subprocess.run(["mv", str(first), str(moved)], check=True)
    assert _answers(cli_env | {"SITREP_LAKE": str(moved)}, tmp_path / "moved.csv") == before

    copy = tmp_path / "copy"
    subprocess.run(["cp", "-r", str(moved), str(copy)], check=True)
    shutil.rmtree(moved)  # the copy must not read the original's files
    assert _answers(cli_env | {"SITREP_LAKE": str(copy)}, tmp_path / "copy.csv") == before
