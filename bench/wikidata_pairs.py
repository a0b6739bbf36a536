"""List the distinct (Wikidata ID, entity) pairs sitrep gives on real texts, joined with a hand check.

Issue #16 asks that no linked ID be wrong in a hand check of 100 pairs. This script runs the entity stage
on the DVIDS corpus and the newspaper4k pages (plain-text versions) of ``../shared/eval``, lists every
distinct (ID, type, canonical name) with its surfaces, mention count and documents, and joins the verdicts
kept in ``bench/gold/wikidata_check.tsv`` (right; broader: the item is a wider class or area than the
text means; wrong: not what the text means). Pairs not yet checked are listed for a reviewer to judge,
who reads the surfaces in their documents, and adds a line to the TSV.

Usage: ``python bench/wikidata_pairs.py [--eval DIR] [--unchecked]``. Writes
``bench/results/wikidata_pairs.json``.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from transforms.entities.mentions import EntityExtractor

ROOT = Path(__file__).resolve().parent.parent
CHECKS = ROOT / "bench" / "gold" / "wikidata_check.tsv"
RESULTS = ROOT / "bench" / "results" / "wikidata_pairs.json"
CORPORA = {
    "dvids": Path("defense-news-dvids") / "data" / "corpus",
    "pages": Path("newspaper4k-pages") / "tests" / "data" / "txt",
}
VERDICTS = ("right", "broader", "wrong")


def pairs(extractor: EntityExtractor, folder: Path) -> list[dict]:
    """Every distinct (ID, type, canonical) the entity stage links in the texts of ``folder``."""
    count: Counter[tuple[str, str, str]] = Counter()
    surfaces: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    docs: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    paths = sorted(folder.glob("*.txt"))
    texts = (p.read_text(encoding="utf-8", errors="replace") for p in paths)
    for path, result in zip(paths, extractor.pipe(texts)):
        entities = {e.entity_id: e for e in result.entities}
        for m in result.mentions:
            e = entities.get(m.entity_id)
            if e is None or not e.wikidata_id:
                continue
            key = (e.wikidata_id, e.type, e.canonical_name)
            count[key] += 1
            surfaces[key].add(m.text)
            docs[key].add(path.stem)
    return [
        {
            "wikidata": k[0],
            "type": k[1],
            "canonical": k[2],
            "mentions": n,
            "surfaces": sorted(surfaces[k]),
            "documents": sorted(docs[k]),
        }
        for k, n in count.most_common()
    ]


def load_checks(path: Path) -> dict[tuple[str, str, str], dict[str, str]]:
    """Hand verdicts keyed by (corpus, ID, canonical name)."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for row in rows:
        if row["verdict"] not in VERDICTS:
            raise ValueError(f"{path}: verdict {row['verdict']!r} is not one of {VERDICTS}")
    return {(r["corpus"], r["wikidata"], r["canonical"]): r for r in rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--unchecked", action="store_true", help="print the pairs that have no verdict yet")
    args = parser.parse_args()
    if not all((args.eval / folder).is_dir() for folder in CORPORA.values()):
        print(f"eval data not found under {args.eval}: skipped")
        return 0
    checks = load_checks(CHECKS)
    extractor = EntityExtractor()
    results: dict[str, dict] = {}
    for corpus, folder in CORPORA.items():
        listed = pairs(extractor, args.eval / folder)
        tally: Counter[str] = Counter()
        for row in listed:
            check = checks.get((corpus, row["wikidata"], row["canonical"]))
            row["verdict"] = check["verdict"] if check else None
            row["note"] = check["note"] if check else ""
            tally[row["verdict"] or "unchecked"] += 1
            if args.unchecked and check is None:
                print(f"  {corpus} {row['wikidata']} {row['type']} {row['canonical']} | {', '.join(row['surfaces'])}")
        results[corpus] = {"pairs": len(listed), "verdicts": dict(tally), "rows": listed}
        print(
            f"{corpus}: {len(listed)} distinct (ID, entity) pairs; " + ", ".join(f"{k} {v}" for k, v in tally.items())
        )
    total: Counter[str] = Counter()
    for corpus in results.values():
        total.update(corpus["verdicts"])
    print("all: " + ", ".join(f"{k} {v}" for k, v in sorted(total.items())))
    for corpus in results.values():
        for row in corpus["rows"]:
            if row["verdict"] in ("wrong", "broader"):
                print(
                    f"  {row['verdict']}: {row['wikidata']} {row['canonical']} ({', '.join(row['surfaces'])}): {row['note']}"
                )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
