"""The entity figures on the shared eval sets hold the floors in bench/baselines/entities.json."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO

EVAL = REPO.parent / "shared" / "eval"


@pytest.mark.slow
@pytest.mark.skipif(
    not (EVAL / "re3d-dev").is_dir() or not (EVAL / "conll2003-dev").is_dir(), reason="shared eval data not present"
)
def test_entity_figures_hold_the_baseline_floors() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "eval_entities.py"), "--no-speed"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
