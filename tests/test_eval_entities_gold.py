"""The scoring of bench/eval_entities_gold.py on a tiny hand-made gold and prediction list, and the gold
files' own checks (those need the shared eval data and skip without it)."""

from __future__ import annotations

import importlib.util
import sys
from functools import lru_cache
from types import ModuleType

import pytest
from conftest import REPO

EVAL = REPO.parent / "shared" / "eval"


@lru_cache(maxsize=1)
def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_entities_gold", REPO / "bench" / "eval_entities_gold.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_entities_gold", module)
    spec.loader.exec_module(module)
    return module


def _docs() -> list:
    m = _module()
    g, p = m.GoldSpan, m.Predicted
    first = m.Scored(
        "a.txt",
        (
            g(0, 8, "Jane Doe", "PERSON", "Jane Doe", "USA", None, "Rear Adm."),
            g(20, 29, "U.S. Navy", "ORG", "U.S. Navy", "USA", "Q11220"),
            g(40, 45, "Japan", "GPE", "Japan", "JPN", "Q17"),
            g(50, 60, "USS Exampl", "PLATFORM", "USS Example (DDG 1)", "USA"),
        ),
        (
            p(0, 8, "PERSON", "e:doe", "Jane Doe", "Rear Adm"),  # title agrees once normalized
            p(24, 29, "ORG", "e:navy", "Navy", None, "Q11220"),  # span right, canonical short
            p(40, 45, "ORG", "e:japan", "Japan", None, "Q999"),  # wrong type, wrong id
            p(70, 78, "WEAPON", "e:missile", "missile", nominal=True),  # spurious class noun
            p(50, 55, "PLATFORM", "e:ship", "the USS Example (DDG-1)"),  # fully right once normalized
        ),
    )
    second = m.Scored(
        "b.txt",
        (
            g(0, 8, "John Roe", "PERSON", "John Roe", "USA", None, "Capt."),
            g(20, 23, "Roe", "PERSON", "John Roe", "USA"),
        ),
        (
            p(0, 8, "PERSON", "e:roe", "John Roe", "Lt."),  # title disagrees
            p(20, 23, "PERSON", "e:roe", "John Roe", "Dr."),  # the gold has no title: not checked
        ),
    )
    return [first, second]


def test_normalize_drops_case_article_punctuation_and_spaces() -> None:
    m = _module()
    assert m.normalize("The U.S. Navy") == "usnavy"
    assert m.normalize("USS Nimitz (CVN-68)") == m.normalize("uss nimitz cvn 68")
    assert m.normalize(None) == ""
    assert m.normalize("Theodore Roosevelt") == "theodoreroosevelt"  # "the" only as a word


def test_overlap_scores_by_type_and_micro() -> None:
    scores = _module().score_overlap(_docs())
    assert scores["PERSON"] == {"gold": 3, "pred": 3, "p": 1.0, "r": 1.0, "f1": 1.0}
    assert scores["ORG"] == {"gold": 1, "pred": 2, "p": 0.5, "r": 1.0, "f1": 0.6667}
    assert scores["GPE"] == {"gold": 1, "pred": 0, "p": 0.0, "r": 0.0, "f1": 0.0}
    assert scores["WEAPON"] == {"gold": 0, "pred": 1, "p": 0.0, "r": 0.0, "f1": 0.0}
    # 5 of 7 predictions hit a same-type gold span, 5 of 6 gold spans are hit
    assert scores["ALL"] == {"gold": 6, "pred": 7, "p": 0.7143, "r": 0.8333, "f1": 0.7692}


def test_fully_right_needs_type_canonical_and_title() -> None:
    scores = _module().score_fully_right(_docs())
    assert scores["PERSON"] == {"gold": 3, "right": 2, "share": 0.6667}
    assert scores["ORG"] == {"gold": 1, "right": 0, "share": 0.0}
    assert scores["GPE"] == {"gold": 1, "right": 0, "share": 0.0}
    assert scores["PLATFORM"] == {"gold": 1, "right": 1, "share": 1.0}
    assert scores["ALL"] == {"gold": 6, "right": 3, "share": 0.5}


def test_spurious_counts_predictions_overlapping_no_gold() -> None:
    assert _module().score_spurious(_docs()) == {
        "predictions": 7,
        "spurious": 1,
        "share": 0.1429,
        "class_nouns": 1,
        "named_predictions": 6,
        "named_spurious": 0,
        "share_named": 0.0,
    }


def test_spurious_names_only_leaves_class_nouns_out_of_both_counts() -> None:
    m = _module()
    gold = (m.GoldSpan(0, 5, "Japan", "GPE", "Japan"),)
    pred = (
        m.Predicted(0, 5, "GPE", "e:japan", "Japan"),
        m.Predicted(10, 18, "ORG", "e:junk", "Junk Org"),  # a spurious name
        m.Predicted(20, 28, "WEAPON", "e:missile", "missile", nominal=True),  # a spurious class noun
        m.Predicted(30, 38, "WEAPON", "e:missile", "missile", nominal=True),
    )
    out = m.score_spurious([m.Scored("c.txt", gold, pred)])
    assert (out["spurious"], out["share"]) == (3, 0.75)  # strict: every prediction counts
    assert (out["named_spurious"], out["named_predictions"], out["share_named"]) == (1, 2, 0.5)


def test_wikidata_coverage_and_wrong_ids() -> None:
    w = _module().score_wikidata(_docs())
    assert (w["distinct_entities"], w["with_wikidata"]) == (6, 2)
    assert w["share_pooled"] == 0.3333
    assert w["share_mean_over_documents"] == 0.2  # 2 of 5 in the first document, 0 of 1 in the second
    assert w["gold_share"] == 0.4
    assert w["wrong"] == 1
    assert w["wrong_ids"] == [{"doc": "a.txt", "surface": "Japan", "predicted": "Q999", "gold": "Q17"}]
    assert w["not_checkable"] == 0


def test_check_gold_reports_bad_offsets_types_titles_and_overlaps() -> None:
    m = _module()
    text = "Capt. Ann Lee of the 5th Fleet"
    spans = [
        m.GoldSpan(6, 13, "Ann Lee", "PERSON", "Ann Lee", title="Capt."),
        m.GoldSpan(21, 30, "5th Fleet", "ORG", "U.S. 5th Fleet", title="Adm."),
        m.GoldSpan(25, 30, "Fleet", "FLEET", "Fleet"),
        m.GoldSpan(0, 4, "Capt.", "PERSON", "Capt"),  # the text there is "Capt"
    ]
    problems = m.check_gold("c.txt", text, sorted(spans, key=lambda s: s.start))
    assert len(problems) == 4, problems
    assert not m.check_gold("c.txt", text, spans[:1])


@pytest.mark.skipif(not EVAL.is_dir(), reason="shared eval data not present")
def test_gold_files_match_their_texts() -> None:
    m = _module()
    files = sorted((REPO / "bench" / "gold").glob("entities_*.jsonl"))
    assert files
    for path in files:
        gold = m.load_gold(path)
        for doc, spans in gold.items():
            assert not m.check_gold(doc, (EVAL / doc).read_text(encoding="utf-8"), spans)


def test_a_gold_canonical_among_the_entitys_aliases_is_fully_right() -> None:
    m = _module()
    gold = m.GoldSpan(0, 8, "Congress", "ORG", "United States Congress", "USA")
    named = m.Predicted(0, 8, "ORG", "e:c", "Congress of the U.S.", aliases=("United States Congress",))
    other = m.Predicted(0, 8, "ORG", "e:c", "Congress of the U.S.", aliases=("Capitol Hill",))
    assert m.normalize("United States Congress") == m.normalize("U.S. Congress")
    assert m._fully_right(gold, [named]) and not m._fully_right(gold, [other])


def test_an_id_over_a_city_and_its_state_is_judged_by_the_city_too() -> None:
    m = _module()
    g, p = m.GoldSpan, m.Predicted
    text_gold = (
        g(0, 6, "Tucson", "GPE", "Tucson, Arizona", "USA", None),
        g(8, 15, "Arizona", "GPE", "Arizona", "USA", "Q816"),
        g(20, 25, "Tampa", "GPE", "Tampa, Florida", "USA", "Q49255"),
        g(27, 34, "Florida", "GPE", "Florida", "USA", "Q812"),
        g(40, 46, "Berlin", "GPE", "Berlin", "DEU", "Q64"),
    )
    pred = (
        p(0, 15, "GPE", "Q18575", "Tucson, Arizona", None, "Q18575"),  # the city has no gold ID: not checkable
        p(20, 34, "GPE", "Q49255", "Tampa, Florida", None, "Q49255"),  # the city's gold ID agrees: right
        p(40, 46, "GPE", "Q1055", "Hamburg", None, "Q1055"),  # every overlapped gold ID disagrees: wrong
    )
    w = m.score_wikidata([m.Scored("d.txt", text_gold, pred)])
    assert w["wrong_ids"] == [{"doc": "d.txt", "surface": "Berlin", "predicted": "Q1055", "gold": "Q64"}]
    assert w["not_checkable"] == 1
