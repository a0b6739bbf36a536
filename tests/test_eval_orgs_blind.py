"""The scoring of bench/eval_orgs_blind.py on a tiny hand-made gold and prediction list."""

from __future__ import annotations

import importlib.util
import sys
from functools import lru_cache
from types import ModuleType

from conftest import REPO


@lru_cache(maxsize=1)
def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


def test_found_fully_right_and_predictions_over_no_gold_org_are_counted() -> None:
    gold = _module("eval_entities_gold")
    blind = _module("eval_orgs_blind")
    # "The SDA and Orvik Marine Co. met the AGPU team."
    rows = [
        {"doc": "a", "start": 4, "end": 7, "text": "SDA", "type": "ORG", "canonical": "Space Development Agency"},
        {"doc": "a", "start": 12, "end": 28, "text": "Orvik Marine Co.", "type": "ORG", "canonical": "Orvik Marine"},
    ]
    p = gold.Predicted
    preds = {
        "a": (
            p(4, 7, "ORG", "e:sda", "SDA", aliases=("Space Development Agency",)),  # right through an alias
            p(12, 28, "ORG", "e:orvik", "Orvik Marine Co."),  # found, canonical differs
            p(37, 41, "ORG", "e:agpu", "AGPU"),  # over no gold ORG
        )
    }
    result = blind.score(rows, preds)
    assert (result["found"], result["fully_right"], result["share_fully_right"]) == (2, 1, 0.5)
    assert (result["predicted_orgs"], result["predicted_over_no_gold_org"]) == (3, 1)
    assert [m["text"] for m in result["misses"]] == ["Orvik Marine Co."]
