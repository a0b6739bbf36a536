"""Conventions every command keeps: a version, choices the help lists, a bad setting in one line."""

from __future__ import annotations

import os
import subprocess
from importlib.metadata import version
from pathlib import Path

from conftest import sitrep_command


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("SITREP_")}
    return subprocess.run(sitrep_command() + args, env={**base, **env}, capture_output=True, text=True, timeout=120)


def test_version() -> None:
    out = _run(["--version"])
    assert out.returncode == 0 and out.stdout == f"sitrep {version('sitrep')}\n"


def test_choices_are_listed_by_help_and_others_refused_before_the_command_runs(tmp_path: Path) -> None:
    for command, choices in (
        ("sql", "table|csv|json"),
        ("search", "table|csv|json"),
        ("export", "csv|parquet|json|geojson"),
        ("normalize", "json|jsonl|table"),
        ("ingest", "local|dask"),
    ):
        assert f"<{choices}>" in _run([command, "--help"]).stdout, command
    refused = _run(["sql", "--format", "xml", "SELECT 1"], SITREP_LAKE=str(tmp_path / "nothing"))
    assert (
        refused.returncode == 2
        and "Invalid value for '--format'" in refused.stderr
        and "'xml' is not one of" in refused.stderr
    )
    assert not (tmp_path / "nothing").exists()


def test_a_bad_entity_model_setting_is_one_line_in_every_command(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_text("Title\n\n" + "Troops moved north of the river on Monday, officials said. " * 10)
    for args in (["normalize", str(page)], ["ingest", str(page)], ["status"]):
        out = _run(args, SITREP_ENTITY_MODEL="no_such_model", SITREP_LAKE=str(tmp_path / "data"))
        assert out.returncode == 2, (args, out.stderr)
        assert out.stderr.startswith("sitrep: bad setting: entity_model: ") and len(out.stderr.splitlines()) == 1, (
            out.stderr
        )
    assert _run(["normalize", str(page)], SITREP_ENTITY_MODEL="none").returncode == 0
