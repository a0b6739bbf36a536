"""The quality figures on the shared eval sets hold their floors in bench/baselines/ (speed is left to
the benchmarks: no timing is asserted here)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO

EVAL = REPO.parent / "shared" / "eval"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("script", "args", "needs"),
    [
        ("eval_extraction.py", [], "newspaper4k-pages"),
        ("eval_dates.py", ["--no-speed"], "timebank-tbaq"),
        ("eval_quantities.py", ["--no-speed"], "quantulum3"),
        ("eval_geoparsing.py", ["--no-e2e"], "geoparsing"),
    ],
)
def test_eval_figures_hold_the_baseline_floors(script: str, args: list[str], needs: str) -> None:
    if not (EVAL / needs).is_dir():
        pytest.skip(f"shared eval data not present: {needs}")
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / script), *args], cwd=REPO, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "BELOW FLOOR" not in result.stdout
