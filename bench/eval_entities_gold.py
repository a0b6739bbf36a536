"""Score sitrep's entity extraction on the hand-annotated gold in ``bench/gold/entities_*.jsonl``.

Each gold line is one named mention of a text under the eval folder (see ``bench/gold/README.md``): its
character span, type, canonical name, country, Wikidata ID (only where the annotator was sure) and the
person's title. The script runs ``EntityExtractor`` on every annotated document and reports, per gold file
and over all of them:

- span overlap P/R/F1 per type and micro-averaged: a prediction and a gold span match when they share at
  least one character and have the same type (sitrep's types are the gold's, one to one);
- fully right, per type and overall: the share of gold mentions with an overlapping prediction of the same
  type whose entity's canonical name (or one of the entity's aliases: the gold's naming convention may differ
  from the gazetteer's) equals the gold canonical, and, where the gold has a title, whose title agrees too;
  names and titles are compared normalized (casefold, no leading "the ", no punctuation or spaces, "United
  States" as "U.S.");
- spurious spans: predictions that overlap no gold span of any type, as a share of all predictions (strict:
  class nouns count, though the gold does not annotate them) and as a share of the named predictions (class
  nouns left out of both counts);
- Wikidata: the share of the distinct predicted entities (by entity ID) of a document that carry a Wikidata
  ID, averaged over documents and pooled; the predicted IDs that differ from the gold ID of every gold mention
  they overlap (wrong IDs, listed; a prediction over a city and its state, "Tucson, Arizona", is judged by
  the city's mention too); IDs where an overlapped gold mention has none are counted apart (not checkable).

Usage: ``python bench/eval_entities_gold.py [--eval DIR] [--model NAME] [--gold DIR] [--out FILE]``. Writes
``bench/results/eval_entities_gold.json`` by default. The blind gold (``--gold bench/gold/blind``, six DVIDS
texts annotated by a reviewer who saw neither the output nor the code) is scored the same way.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "GOLD_TYPES",
    "GoldSpan",
    "Predicted",
    "Scored",
    "normalize",
    "load_gold",
    "check_gold",
    "score_overlap",
    "score_fully_right",
    "score_spurious",
    "score_wikidata",
    "summarize",
]

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
GOLD_DIR = ROOT / "bench" / "gold"
RESULTS = ROOT / "bench" / "results" / "eval_entities_gold.json"
GOLD_TYPES = (
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "FACILITY",
    "PLATFORM",
    "WEAPON",
    "VEHICLE",
    "OPERATION",
    "EVENT",
)
NOMINAL_SUBTYPES = frozenset({"weapon_class", "platform_class"})
_NOT_ALNUM = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class GoldSpan:
    start: int
    end: int
    text: str
    type: str
    canonical: str
    country: str | None = None
    wikidata: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Predicted:
    """One predicted mention with what its entity resolved to."""

    start: int
    end: int
    type: str
    entity_id: str | None = None
    canonical: str | None = None
    title: str | None = None
    wikidata: str | None = None
    nominal: bool = False  # a class noun ("cruise missiles"), not a name
    aliases: tuple[str, ...] = ()  # the entity's other names: a gold canonical among them names the same entity


@dataclass(frozen=True, slots=True)
class Scored:
    """One document: its gold mentions and sitrep's predictions."""

    doc: str
    gold: tuple[GoldSpan, ...]
    pred: tuple[Predicted, ...]


def normalize(name: str | None) -> str:
    """``name`` casefolded, without a leading "the " and without punctuation or spaces ("" for None);
    "United States" and "U.S.", "United Kingdom" and "U.K." written alike."""
    if not name:
        return ""
    folded = name.casefold().strip()
    if folded.startswith("the "):
        folded = folded[4:]
    folded = re.sub(r"\bunited states\b", "us", folded)
    folded = re.sub(r"\bunited kingdom\b", "uk", folded)
    return _NOT_ALNUM.sub("", folded)


def _overlaps(a: GoldSpan | Predicted, b: GoldSpan | Predicted) -> bool:
    return a.start < b.end and b.start < a.end


def load_gold(path: Path) -> dict[str, list[GoldSpan]]:
    """The gold mentions of one file by document, in text order."""
    docs: dict[str, list[GoldSpan]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        span = GoldSpan(
            row["start"],
            row["end"],
            row["text"],
            row["type"],
            row["canonical"],
            row.get("country"),
            row.get("wikidata"),
            row.get("title"),
        )
        docs.setdefault(row["doc"], []).append(span)
    return {doc: sorted(spans, key=lambda s: (s.start, s.end)) for doc, spans in docs.items()}


def check_gold(doc: str, text: str, spans: list[GoldSpan]) -> list[str]:
    """The problems of one document's gold: surface not at its offsets, unknown type, overlapping spans."""
    problems = []
    for i, span in enumerate(spans):
        if text[span.start : span.end] != span.text:
            problems.append(f"{doc}: [{span.start}:{span.end}] is {text[span.start : span.end]!r}, not {span.text!r}")
        if span.type not in GOLD_TYPES:
            problems.append(f"{doc}: {span.text!r} has unknown type {span.type}")
        if span.title is not None and span.type != "PERSON":
            problems.append(f"{doc}: {span.text!r} has a title but is not a PERSON")
        if i and spans[i - 1].end > span.start:
            problems.append(f"{doc}: {spans[i - 1].text!r} overlaps {span.text!r}")
    return problems


def _prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> dict[str, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"gold": n_g, "pred": n_p, "p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4)}


def score_overlap(docs: Iterable[Scored]) -> dict[str, dict[str, float]]:
    """Overlap P/R/F1 per type (gold types, then any other predicted type) and micro over all (``ALL``)."""
    tp_p: Counter[str] = Counter()
    n_p: Counter[str] = Counter()
    tp_g: Counter[str] = Counter()
    n_g: Counter[str] = Counter()
    for d in docs:
        for p in d.pred:
            n_p[p.type] += 1
            tp_p[p.type] += any(g.type == p.type and _overlaps(g, p) for g in d.gold)
        for g in d.gold:
            n_g[g.type] += 1
            tp_g[g.type] += any(p.type == g.type and _overlaps(g, p) for p in d.pred)
    labels = [t for t in GOLD_TYPES if n_g[t] or n_p[t]] + sorted(set(n_p) - set(GOLD_TYPES))
    out = {t: _prf(tp_p[t], n_p[t], tp_g[t], n_g[t]) for t in labels}
    out["ALL"] = _prf(sum(tp_p.values()), sum(n_p.values()), sum(tp_g.values()), sum(n_g.values()))
    return out


def _fully_right(gold: GoldSpan, preds: Iterable[Predicted]) -> bool:
    for p in preds:
        names = {normalize(p.canonical), *(normalize(a) for a in p.aliases)}
        if p.type != gold.type or not _overlaps(gold, p) or normalize(gold.canonical) not in names:
            continue
        if gold.title is None or normalize(p.title) == normalize(gold.title):
            return True
    return False


def score_fully_right(docs: Iterable[Scored]) -> dict[str, dict[str, float]]:
    """Per gold type and ``ALL``: gold mentions, how many are fully right, and the share."""
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for d in docs:
        for g in d.gold:
            total[g.type] += 1
            right[g.type] += _fully_right(g, d.pred)
    out = {}
    for label in [t for t in GOLD_TYPES if total[t]] + ["ALL"]:
        n = sum(total.values()) if label == "ALL" else total[label]
        k = sum(right.values()) if label == "ALL" else right[label]
        out[label] = {"gold": n, "right": k, "share": round(k / n, 4) if n else 0.0}
    return out


def score_spurious(docs: Iterable[Scored]) -> dict[str, float]:
    """Predictions overlapping no gold span of any type, counted two ways.

    ``share`` (strict, the headline figure) counts every prediction, class nouns included. The gold does not
    annotate class nouns ("cruise missiles"), so it cannot tell a right class mention from a wrong one
    ("missile" of "missile technician"): all of them count as spurious there. ``share_named`` leaves the class
    noun predictions out of both counts: the spurious share of the names, the figure the gold's guideline
    measures. ``class_nouns`` is how many spurious predictions are class nouns.
    """
    n = spurious = nominal = n_nominal = 0
    for d in docs:
        for p in d.pred:
            n += 1
            n_nominal += p.nominal
            if not any(_overlaps(g, p) for g in d.gold):
                spurious += 1
                nominal += p.nominal
    named, named_spurious = n - n_nominal, spurious - nominal
    return {
        "predictions": n,
        "spurious": spurious,
        "share": round(spurious / n, 4) if n else 0.0,
        "class_nouns": nominal,
        "named_predictions": named,
        "named_spurious": named_spurious,
        "share_named": round(named_spurious / named, 4) if named else 0.0,
    }


def score_wikidata(docs: Iterable[Scored]) -> dict:
    """Wikidata coverage of the distinct predicted entities and the predicted IDs the gold contradicts."""
    shares: list[float] = []
    with_id = distinct = unchecked = 0
    wrong: dict[tuple[str, str, str], dict[str, str]] = {}
    gold_with_id = gold_distinct = 0
    for d in docs:
        ids = {p.entity_id: p.wikidata for p in d.pred if p.entity_id}
        if ids:
            shares.append(sum(1 for w in ids.values() if w) / len(ids))
        distinct += len(ids)
        with_id += sum(1 for w in ids.values() if w)
        canon = {g.canonical: g.wikidata for g in d.gold}
        gold_distinct += len(canon)
        gold_with_id += sum(1 for w in canon.values() if w)
        checked: set[tuple[str, str]] = set()
        for p in d.pred:
            if not p.wikidata:
                continue
            over = [g for g in d.gold if _overlaps(g, p)]
            # a prediction over two gold mentions ("Tucson, Arizona": the city, then the state) is right when
            # one of them has its ID, and not checkable when one has none; wrong only when every one disagrees
            if any(g.wikidata == p.wikidata for g in over):
                continue
            for g in over:
                if not g.wikidata and (p.wikidata, g.canonical) not in checked:
                    unchecked += 1
                checked.add((p.wikidata, g.canonical))
            if over and all(g.wikidata for g in over):
                g = over[0]
                key = (d.doc, p.wikidata, g.wikidata)
                wrong.setdefault(key, {"doc": d.doc, "surface": g.text, "predicted": p.wikidata, "gold": g.wikidata})
    return {
        "distinct_entities": distinct,
        "with_wikidata": with_id,
        "share_pooled": round(with_id / distinct, 4) if distinct else 0.0,
        "share_mean_over_documents": round(sum(shares) / len(shares), 4) if shares else 0.0,
        "gold_share": round(gold_with_id / gold_distinct, 4) if gold_distinct else 0.0,
        "wrong": len(wrong),
        "wrong_ids": list(wrong.values()),
        "not_checkable": unchecked,
    }


def summarize(docs: list[Scored]) -> dict:
    return {
        "documents": len(docs),
        "gold_mentions": sum(len(d.gold) for d in docs),
        "overlap": score_overlap(docs),
        "fully_right": score_fully_right(docs),
        "spurious": score_spurious(docs),
        "wikidata": score_wikidata(docs),
    }


def predict(model: str, texts: list[str]) -> list[tuple[Predicted, ...]]:
    from transforms.entities.mentions import EntityExtractor

    extractor = EntityExtractor(model=model)
    out = []
    for result in extractor.pipe(texts):
        entities = {e.entity_id: e for e in result.entities}
        preds = []
        for m in result.mentions:
            entity = entities.get(m.entity_id) if m.entity_id else None
            preds.append(
                Predicted(
                    m.start,
                    m.end,
                    m.type,
                    m.entity_id,
                    entity.canonical_name if entity else None,
                    m.title,
                    entity.wikidata_id if entity else None,
                    bool(entity and entity.subtype in NOMINAL_SUBTYPES),
                    tuple(entity.aliases) if entity else (),
                )
            )
        out.append(tuple(preds))
    return out


def _print_summary(name: str, s: dict) -> None:
    print(f"\n{name}: {s['documents']} documents, {s['gold_mentions']} gold mentions")
    print(f"  {'type':10s} {'gold':>5s} {'pred':>5s}   P      R      F1    fully right")
    for label, o in s["overlap"].items():
        fr = s["fully_right"].get(label)
        right = f"{fr['right']:4d}/{fr['gold']:<4d} {fr['share']:.3f}" if fr else ""
        print(f"  {label:10s} {o['gold']:5d} {o['pred']:5d}  {o['p']:.3f}  {o['r']:.3f}  {o['f1']:.3f}   {right}")
    sp, wd = s["spurious"], s["wikidata"]
    print(
        f"  spurious: {sp['spurious']}/{sp['predictions']} = {sp['share']:.3f} strict ({sp['class_nouns']} class "
        f"nouns); names only: {sp['named_spurious']}/{sp['named_predictions']} = {sp['share_named']:.3f}"
    )
    print(
        f"  wikidata: {wd['with_wikidata']}/{wd['distinct_entities']} distinct entities = {wd['share_pooled']:.3f} "
        f"pooled, {wd['share_mean_over_documents']:.3f} mean over documents (gold: {wd['gold_share']:.3f}); "
        f"wrong {wd['wrong']}, not checkable {wd['not_checkable']}"
    )
    for w in wd["wrong_ids"]:
        print(f"    wrong id: {w['doc']} {w['surface']!r} predicted {w['predicted']}, gold {w['gold']}")


def main() -> int:
    from transforms.entities.ner import DEFAULT_MODEL

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=EVAL, help="the shared eval folder (gold doc paths are under it)")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--gold", type=Path, default=GOLD_DIR, help="folder of entities_*.jsonl gold files")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where the JSON results go")
    args = parser.parse_args()
    files = sorted(args.gold.glob("entities_*.jsonl"))
    if not files or not args.eval.is_dir():
        print(f"no gold files under {args.gold} or eval data not found under {args.eval}: skipped")
        return 0
    per_file: dict[str, list[Scored]] = {}
    problems: list[str] = []
    for path in files:
        gold = load_gold(path)
        texts = {doc: (args.eval / doc).read_text(encoding="utf-8") for doc in gold}
        for doc, spans in gold.items():
            problems += check_gold(doc, texts[doc], spans)
        preds = predict(args.model, list(texts.values()))
        per_file[path.name] = [Scored(doc, tuple(gold[doc]), p) for doc, p in zip(texts, preds)]
    if problems:
        print("\n".join(["gold file problems:", *problems]))
        return 1
    results: dict = {"model": args.model, "files": {}}
    for name, docs in per_file.items():
        results["files"][name] = summarize(docs)
        _print_summary(name, results["files"][name])
    results["overall"] = summarize([d for docs in per_file.values() for d in docs])
    _print_summary("overall", results["overall"])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
