"""The figures of bench/eval_geoparsing.py: accuracy within 161 km, mean and median error and the AUC of
the log error curve (Gritta et al. 2019), on error lists whose figures are known; and the reading of the
two corpora's formats, on small documents written here (the real sets only where ../shared/eval is)."""

from __future__ import annotations

import importlib.util
import math
import sys

import pytest
from conftest import EVAL, REPO


def _module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("eval_geoparsing", REPO / "bench" / "eval_geoparsing.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_geoparsing", module)
    spec.loader.exec_module(module)
    return module


def test_figures_of_known_errors() -> None:
    ev = _module()
    assert ev.figures([0.0, 0.0, 0.0], 3)["auc"] == 0.0
    worst = ev.figures([ev.MAX_KM] * 4, 4)
    assert worst["auc"] == 1.0 and worst["acc161"] == 0.0 and worst["resolved"] == 0.0
    mixed = ev.figures([10.0, 100.0, 200.0, ev.MAX_KM], 8)
    assert mixed["acc161"] == 0.5 and mixed["median_km"] == 150.0 and mixed["recall"] == 0.5
    logs = sorted(math.log(1 + e) for e in (10.0, 100.0, 200.0, ev.MAX_KM))
    area = sum((a + b) / 2 for a, b in zip(logs, logs[1:])) / 3 / math.log(ev.MAX_KM)
    assert mixed["auc"] == round(area, 4)


def test_geovirus_offsets_are_aligned_to_the_name() -> None:
    ev = _module()
    text = "Cases rose in Pandi, Bulacan."
    assert ev._align(text, "Pandi", 15) == 14 and ev._align(text, "Bulacan", 20) == 21
    assert ev._align(text, "Manila", 14) is None


def test_the_real_corpora_read_whole() -> None:
    folder = EVAL / "geoparsing"
    if not folder.is_dir():
        pytest.skip("shared eval data not present: geoparsing")
    ev = _module()
    lgl, geovirus = ev.read_lgl(folder / "lgl.xml"), ev.read_geovirus(folder / "GeoVirus.xml")
    assert len(lgl) == 588 and len(geovirus) == 229
    for doc in lgl[:50] + geovirus[:50]:
        assert all(0 <= t.start < t.end <= len(doc.text) for t in doc.toponyms)
