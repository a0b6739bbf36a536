"""What one entity rule changes on the geoparsing corpora, which no entity rule was written from: LGL (local
U.S. news) and GeoVirus (WikiNews outbreak news), whose gold marks every toponym. The rule (a name of
``bench/loso_rules.py``'s ``RULES``) is switched off and on over the same texts; each mention that differs is
listed with the gold's verdict (a toponym span overlaps it or none does), and the gold toponyms found as a
GPE, LOC or FACILITY are counted both ways. For a rule that makes names places, "not a toponym" is its error.

Usage: ``python bench/rule_toponyms.py [--eval DIR] [RULE]`` (default ``places_by_context``); prints, and
writes ``bench/results/rule_toponyms.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from eval_geoparsing import read_geovirus
from loso_rules import RULES, rules_off

from transforms.entities.mentions import EntityExtractor

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "rule_toponyms.json"
_PLACES = frozenset({"GPE", "LOC", "FACILITY"})

Corpus = list[tuple[str, list[tuple[int, int]]]]  # (text, gold toponym spans) per article


def read_corpora(folder: Path) -> dict[str, Corpus]:
    """Both corpora with every gold toponym span (LGL's untagged ones too: they are toponyms all the same)."""
    lgl = [
        (
            a.findtext("text") or "",
            [(int(t.findtext("start") or 0), int(t.findtext("end") or 0)) for t in a.iter("toponym")],
        )
        for a in ET.parse(folder / "lgl.xml").getroot().iter("article")
    ]
    geovirus = [(d.text, [(t.start, t.end) for t in d.toponyms]) for d in read_geovirus(folder / "GeoVirus.xml")]
    return {"LGL": lgl, "GeoVirus": geovirus}


def compare(corpus: Corpus, on: list[list[tuple[int, int, str]]], off: list[list[tuple[int, int, str]]]) -> dict:
    changes: list[dict[str, object]] = []
    found = Counter[str]()
    for (text, gold), with_rule, without in zip(corpus, on, off):
        a = {(s, e): t for s, e, t in with_rule}
        b = {(s, e): t for s, e, t in without}
        for span in sorted(set(a) | set(b)):
            if a.get(span) != b.get(span):
                toponym = any(s < span[1] and span[0] < e for s, e in gold)
                changes.append(
                    {"text": text[span[0] : span[1]], "without": b.get(span), "with": a.get(span), "toponym": toponym}
                )
        for name, mentions in (("with", with_rule), ("without", without)):
            found[name] += sum(any(t in _PLACES and s < ge and gs < e for s, e, t in mentions) for gs, ge in gold)
    return {
        "gold_toponyms": sum(len(g) for _, g in corpus),
        "toponyms_found_with": found["with"],
        "toponyms_found_without": found["without"],
        "changes": changes,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("rule", nargs="?", default="places_by_context", choices=sorted(RULES))
    args = parser.parse_args()
    folder = args.eval / "geoparsing"
    if not folder.is_dir():
        print(f"no geoparsing corpora under {args.eval}", file=sys.stderr)
        return 1
    corpora = read_corpora(folder)
    extractor = EntityExtractor()

    def mentions(corpus: Corpus) -> list[list[tuple[int, int, str]]]:
        return [[(m.start, m.end, m.type) for m in r.mentions] for r in extractor.pipe([t for t, _ in corpus])]

    results: dict[str, object] = {"rule": args.rule}
    for name, corpus in corpora.items():
        on = mentions(corpus)
        with rules_off({args.rule}):
            off = mentions(corpus)
        results[name] = report = compare(corpus, on, off)
        toponyms = sum(1 for c in report["changes"] if c["toponym"])
        print(
            f"{name}: {len(report['changes'])} mentions change, {toponyms} on a gold toponym; gold toponyms found "
            f"{report['toponyms_found_with']} with the rule, {report['toponyms_found_without']} without, "
            f"of {report['gold_toponyms']}"
        )
        for c in report["changes"]:
            verdict = "toponym" if c["toponym"] else "not a toponym"
            print(f"  {c['text']!r}: {c['without']} -> {c['with']} ({verdict})")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
