"""Score sitrep's organizations on the blind ORG sample in ``bench/gold/orgs_blind_dvids.jsonl``.

Six DVIDS texts that no other gold file holds, annotated for ORG mentions alone by a reviewer who saw neither
sitrep's output nor its code (guideline: ``bench/gold/README.md``). It measures organizations on text no
rule was read from; a rule written after reading its misses makes it a dev set for that rule, and the docs
must say so. Reports, over the gold ORG mentions: found (an overlapping ORG prediction) and fully right (an
overlapping ORG prediction whose entity's canonical name or an alias equals the gold canonical, compared as
``eval_entities_gold.normalize`` does); and the ORG predictions that overlap no gold ORG mention.

Usage: ``python bench/eval_orgs_blind.py [--eval DIR] [--model NAME]``. Writes
``bench/results/eval_orgs_blind.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from eval_entities_gold import EVAL, Predicted, normalize, predict

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "gold" / "orgs_blind_dvids.jsonl"
RESULTS = ROOT / "bench" / "results" / "eval_orgs_blind.json"


def score(rows: list[dict], preds: dict[str, tuple[Predicted, ...]]) -> dict:
    """Found, fully right and ORG predictions over no gold ORG (``preds`` by document), with the misses."""
    found = right = predicted = outside = 0
    misses: list[dict] = []
    for doc in preds:
        gold = [r for r in rows if r["doc"] == doc]
        for g in gold:
            hits = [p for p in preds[doc] if p.type == "ORG" and p.start < g["end"] and g["start"] < p.end]
            names = {normalize(n) for p in hits for n in (p.canonical, *p.aliases)}
            found += bool(hits)
            if normalize(g["canonical"]) in names:
                right += 1
            else:
                misses.append({"doc": doc, "text": g["text"], "canonical": g["canonical"], "predicted": sorted(names)})
        for p in preds[doc]:
            if p.type == "ORG":
                predicted += 1
                outside += not any(p.start < g["end"] and g["start"] < p.end for g in gold)
    n = len(rows)
    return {
        "gold_orgs": n,
        "found": found,
        "fully_right": right,
        "share_fully_right": round(right / n, 4) if n else 0.0,
        "predicted_orgs": predicted,
        "predicted_over_no_gold_org": outside,
        "misses": misses,
    }


def main(argv: list[str] | None = None) -> int:
    from transforms.entities.ner import DEFAULT_MODEL

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=EVAL)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = {doc: (args.eval / doc).read_text(encoding="utf-8") for doc in sorted({r["doc"] for r in rows})}
    for r in rows:
        if texts[r["doc"]][r["start"] : r["end"]] != r["text"]:
            print(f"gold span does not match its text: {r}", file=sys.stderr)
            return 1
    preds = dict(zip(texts, predict(args.model, list(texts.values()))))
    result = score(rows, preds)
    print(
        f"blind ORG sample: {result['gold_orgs']} gold ORG mentions in {len(texts)} DVIDS texts; found "
        f"{result['found']}, fully right {result['fully_right']} ({result['share_fully_right']:.3f}); "
        f"{result['predicted_over_no_gold_org']} of {result['predicted_orgs']} ORG predictions overlap no gold ORG"
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
