"""bench/loso_rules.py, bench/rule_toponyms.py and bench/wikidata_pairs.py: the rules loso_rules switches off
exist, switching restores them, the leave-one-source-out selection looks only at the other sources; a rule's
changed mentions are judged by the gold toponyms; the Wikidata hand check file holds known verdicts."""

from __future__ import annotations

import importlib.util
import inspect
import re
import sys
from functools import lru_cache
from types import ModuleType

import pytest
from conftest import REPO

from transforms.entities.mentions import EntityExtractor


@lru_cache(maxsize=2)
def _bench(name: str) -> ModuleType:
    """A script of bench/ loaded as a module (bench/ on the path, as when it runs as a script)."""
    bench = str(REPO / "bench")
    if bench not in sys.path:
        sys.path.insert(0, bench)
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _module() -> ModuleType:
    return _bench("loso_rules")


def test_every_rule_names_an_attribute_that_exists_and_takes_its_arguments() -> None:
    for name, (obj, attr, stand_in) in _module().RULES.items():
        assert hasattr(obj, attr), f"{name}: {obj!r} has no {attr} (renamed?)"
        original = getattr(obj, attr)
        if callable(original) and not isinstance(original, re.Pattern):
            arguments = [None] * len(inspect.signature(original).parameters)
            inspect.signature(stand_in).bind(*arguments)  # raises when the rule's signature changed


def test_rules_off_switches_a_rule_and_puts_it_back() -> None:
    m = _module()
    rules = m.in_context.ContextRules
    original = rules.__dict__["_calendar_place"]
    with m.rules_off({"months_not_places"}):
        assert rules.__dict__["_calendar_place"] is m.RULES["months_not_places"][2]
    assert rules.__dict__["_calendar_place"] is original
    text = "The talks began in May and ended on Friday."
    assert [x.text for x in EntityExtractor().extract(text).mentions if x.type in ("GPE", "LOC")] == []


def test_selection_looks_only_at_the_other_sources() -> None:
    m = _module()
    sources = ["a", "b", "c"]
    effects = {
        "helps_only_c": {"a": 0.0, "b": 0.0, "c": 0.02},
        "hurts_a_helps_c": {"a": -0.01, "b": 0.0, "c": 0.05},
        "helps_a_and_b": {"a": 0.01, "b": 0.01, "c": -0.001},
    }
    assert m.select(effects, "c", sources, strict=False) == {"hurts_a_helps_c"}
    assert m.select(effects, "c", sources, strict=True) == {"hurts_a_helps_c", "helps_only_c"}
    assert m.select(effects, "a", sources, strict=True) == set()  # each helps b + c


def _pairs_module() -> ModuleType:
    return _bench("wikidata_pairs")


def test_wikidata_hand_check_file_has_known_verdicts(tmp_path) -> None:
    m = _pairs_module()
    checks = m.load_checks(m.CHECKS)
    assert checks and all(row["verdict"] in m.VERDICTS for row in checks.values())
    bad = tmp_path / "checks.tsv"
    bad.write_text("corpus\twikidata\tcanonical\tverdict\tnote\ndvids\tQ30\tUnited States\tmaybe\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match="maybe"):
        m.load_checks(bad)


def test_rule_toponyms_judges_each_changed_mention_by_the_gold_toponyms() -> None:
    compare = _bench("rule_toponyms").compare
    text = "Floods hit Varno and Kell Dairy."
    corpus = [(text, [(text.index("Varno"), text.index("Varno") + 5)])]
    varno, kell = (text.index("Varno"), text.index("Varno") + 5), (text.index("Kell"), text.index("Kell") + 10)
    on = [[(*varno, "GPE"), (*kell, "GPE")]]
    off = [[(*varno, "PERSON"), (*kell, "ORG")]]
    report = compare(corpus, on, off)
    assert [(c["text"], c["toponym"]) for c in report["changes"]] == [("Varno", True), ("Kell Dairy", False)]
    assert (report["toponyms_found_with"], report["toponyms_found_without"], report["gold_toponyms"]) == (1, 0, 1)


def test_nsi_check_sorts_ids_by_whether_the_label_is_one_of_the_names() -> None:
    nsi = _bench("wikidata_nsi_check")
    assert nsi.fold("U.S. Navy") == nsi.fold("United States  navy") == "united states navy"
    navy = next(qid for qid, name, _ in nsi.named_ids() if name == "U.S. Navy")
    coast_guard = next(qid for qid, name, _ in nsi.named_ids() if name == "U.S. Coast Guard")
    items = {
        navy: {"label": "United States Navy", "description": "naval branch"},
        coast_guard: {"label": "A supermarket", "description": "a shop"},
        "Q999999999": {"label": "Doctors Without Borders", "description": "made up"},
    }
    out = nsi.check(items)
    assert [r["name"] for r in out["agree"]] == ["U.S. Navy"]
    assert [r["name"] for r in out["differ"]] == ["U.S. Coast Guard"]
    assert out["candidates"] == []  # Doctors Without Borders carries its own ID: no candidate
    items["Q999999998"] = {"label": "Dia", "description": "a made-up supermarket chain"}
    found = nsi.check(items)["candidates"]
    assert [(r["name"], r["form"], r["wikidata"]) for r in found] == [
        ("Defense Intelligence Agency", "DIA", "Q999999998")
    ]
    items["Q999999996"] = {"label": "National Security Agency", "description": "a made-up second item"}
    other = nsi.check(items)["other_id"]
    assert {(r["name"], r["nsi_wikidata"]) for r in other} == {
        ("Doctors Without Borders", "Q999999999"),  # its own name on another item: read by a reviewer
        ("National Security Agency", "Q999999996"),
    }
