"""Score entity extraction on the shared real data and hold the figures to a floor.

Span detection is scored against re3d (dev) and CoNLL-2003 (dev), exact and overlap P/R/F1 per type,
micro-averaged over documents; for re3d both over all gold mentions and over named mentions alone.
Alias resolution is scored against re3d's ``IsSynonymOf`` ("Is the same as") relations. Speed is words/s
of ``EntityExtractor.pipe`` on the DVIDS corpus against the model's own NER-only rate in the same run.

Conventions (printed in the JSON too):
- re3d gold spans with ``confidence < 0.5`` are left out; relations likewise.
- A gold span is *named* when it holds a word that starts with a capital letter and is not a pronoun or
  determiner ("The", "His", "We"), a word with a capitalised part after a hyphen or apostrophe ("al-Zarqawi",
  "non-Yazidis"), or an equipment designation: letters and digits with a capital ("9K720", "2S19"; "AK-47"
  and "T-72" start with a capital anyway). In the named figures, predictions overlapping a non-named gold
  span of the same type are neither right nor wrong.
- Class nouns that sitrep types WEAPON/PLATFORM ("barrel bombs", subtypes weapon_class/platform_class) are
  scored where the gold marks a name they overlap ("U.S.-led coalition aircraft"), else only against re3d's
  all-mention gold: CoNLL and the named figures annotate names alone.
- re3d's Weapon and MilitaryPlatform are also reported together (``Weapon+MilitaryPlatform``).
- sitrep types map onto each set's types: a prediction takes its first listed type that a gold span of the
  same extent (exact) or overlapping it (overlap) carries, else the first. GPE covers a country both as a
  place and as a government (re3d marks the latter Organisation); NORP covers both "Syrian" (Nationality)
  and "Syrians" (re3d: Organisation). CoNLL always marks countries LOC, so GPE maps to LOC only there.

Usage: ``python bench/eval_entities.py [--eval DIR] [--model-only] [--no-speed] [--no-gate]``. Writes
``bench/results/eval_entities.json``; exits 1 when a figure falls below ``bench/baselines/entities.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from transforms.entities.ner import DEFAULT_MODEL

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
RESULTS = ROOT / "bench" / "results" / "eval_entities.json"
BASELINE = ROOT / "bench" / "baselines" / "entities.json"

RE3D_TYPES = ("Person", "Organisation", "Location", "Nationality", "Weapon", "MilitaryPlatform", "Vehicle")
RE3D_GROUPS = {"Weapon+MilitaryPlatform": ("Weapon", "MilitaryPlatform")}
CONLL_TYPES = ("PER", "ORG", "LOC", "MISC")
RE3D_MAP: dict[str, tuple[str, ...]] = {
    "PERSON": ("Person",),
    "ORG": ("Organisation",),
    "GPE": ("Location", "Organisation"),
    "LOC": ("Location",),
    "FACILITY": ("Location",),
    "NORP": ("Nationality", "Organisation"),
    "WEAPON": ("Weapon",),
    "PLATFORM": ("MilitaryPlatform", "Vehicle"),
    "VEHICLE": ("Vehicle",),
}
CONLL_MAP: dict[str, tuple[str, ...]] = {
    "PERSON": ("PER",),
    "ORG": ("ORG",),
    "GPE": ("LOC",),
    "LOC": ("LOC",),
    "FACILITY": ("LOC",),
    "NORP": ("MISC",),
    "EVENT": ("MISC",),
    "OPERATION": ("MISC",),
    "WEAPON": ("MISC",),
    "PLATFORM": ("MISC",),
    "VEHICLE": ("MISC",),
}
SPACY_TO_SITREP = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "NORP": "NORP",
    "FAC": "FACILITY",
    "EVENT": "EVENT",
    "LANGUAGE": "NORP",
    "PER": "PERSON",  # the CoNLL-trained default model's labels (its MISC has no sitrep type)
}
NOT_NAMES = frozenset(
    "i me my mine myself we us our ours ourselves you your yours he him his himself she her hers herself it "
    "its itself they them their theirs themselves this that these those the a an who whom which what some "
    "any all both each either neither another other such".split()
)


NOMINAL_SUBTYPES = frozenset({"weapon_class", "platform_class"})


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    type: str
    entity_id: str | None = None
    nominal: bool = False  # a class noun ("barrel bombs"), not a name: left out where only names are annotated


@dataclass(frozen=True, slots=True)
class Doc:
    doc_id: str
    text: str
    gold: tuple[Span, ...]
    synonyms: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = ()
    source: str = ""  # re3d: the publisher folder (for the per-source figures)


Predictor = Callable[[Iterable[str]], Iterator[list[Span]]]


def _json_lines(path: Path) -> Iterator[dict]:
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if line.strip():
            yield json.loads(line)


def load_re3d(root: Path) -> list[Doc]:
    texts: dict[str, str] = {}
    sources: dict[str, str] = {}
    gold: dict[str, list[Span]] = {}
    pairs: dict[str, list[tuple[tuple[int, int], tuple[int, int]]]] = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        for row in _json_lines(folder / "documents.json"):
            texts[row["_id"]] = row["text"]
            sources[row["_id"]] = folder.name
        for row in _json_lines(folder / "entities.json"):
            if row["confidence"] >= 0.5 and row["type"] in RE3D_TYPES:
                text = texts[row["documentId"]]
                start, end = row["begin"], row["end"]
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
                if start < end:
                    gold.setdefault(row["documentId"], []).append(Span(start, end, row["type"]))
        for row in _json_lines(folder / "relations.json"):
            if row["type"] == "IsSynonymOf" and row["confidence"] >= 0.5:
                pair = ((row["sourceBegin"], row["sourceEnd"]), (row["targetBegin"], row["targetEnd"]))
                pairs.setdefault(row["documentId"], []).append(pair)
    docs = []
    for doc_id, text in sorted(texts.items()):
        spans = tuple(gold.get(doc_id, ()))
        typed = {(g.start, g.end) for g in spans}
        kept = tuple(p for p in pairs.get(doc_id, ()) if _span_in(p[0], typed, text) and _span_in(p[1], typed, text))
        docs.append(Doc(doc_id, text, spans, kept, sources[doc_id]))
    return docs


def _span_in(span: tuple[int, int], typed: set[tuple[int, int]], text: str) -> bool:
    """Whether a relation end is one of the scored gold entity spans (whitespace-trimmed)."""
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) in typed


def load_conll(path: Path) -> list[Doc]:
    docs: list[Doc] = []
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []

    def flush_doc() -> None:
        if current:
            sentences.append(list(current))
            current.clear()
        if sentences:
            docs.append(_conll_doc(f"conll-{len(docs)}", sentences))
            sentences.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if current:
                sentences.append(list(current))
                current.clear()
        elif parts[0] == "-DOCSTART-":
            flush_doc()
        else:
            current.append((parts[0], parts[-1]))
    flush_doc()
    return docs


def _conll_doc(doc_id: str, sentences: list[list[tuple[str, str]]]) -> Doc:
    pieces: list[str] = []
    spans: list[Span] = []
    offset = 0
    for sentence in sentences:
        open_span: tuple[int, int, str] | None = None
        for index, (word, tag) in enumerate(sentence):
            start = offset + (1 if index else 0)
            end = start + len(word)
            label = tag[2:] if tag != "O" else None
            begins = tag.startswith("B-") or (open_span is not None and open_span[2] != label)
            if open_span and (label is None or begins):
                spans.append(Span(open_span[0], open_span[1], open_span[2]))
                open_span = None
            if label is not None:
                open_span = (open_span[0], end, label) if open_span else (start, end, label)
            pieces.append((" " if index else "") + word)
            offset = end
        if open_span:
            spans.append(Span(open_span[0], open_span[1], open_span[2]))
        pieces.append("\n")
        offset += 1
    return Doc(doc_id, "".join(pieces), tuple(spans))


_DESIGNATION = re.compile(r"(?=[^ ]*\d)(?=[^ ]*[A-Z])[0-9A-Za-z]+(?:[-/][0-9A-Za-z]+)*")


def is_named(text: str) -> bool:
    for word in text.replace("’", "'").split():
        word = word.strip("\"'(),.:;“”‘-")
        if word.lower().split("'")[0] in NOT_NAMES:
            continue
        if (
            word[:1].isupper()
            or any(part[:1].isupper() for part in re.split(r"[-']", word)[1:])
            or _DESIGNATION.fullmatch(word)
        ):
            return True
    return False


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _typed(pred: Span, gold: list[Span], mapping: Mapping[str, tuple[str, ...]], exact: bool) -> str | None:
    choices = mapping.get(pred.type)
    if not choices:
        return None
    for choice in choices:
        for g in gold:
            if g.type == choice and ((g.start, g.end) == (pred.start, pred.end) if exact else _overlaps(g, pred)):
                return choice
    return choices[0]


def score(
    docs: list[Doc],
    preds: list[list[Span]],
    mapping: Mapping[str, tuple[str, ...]],
    types: tuple[str, ...],
    named_only: bool,
    drop_nominal: bool | None = None,
    groups: Mapping[str, tuple[str, ...]] | None = None,
) -> dict[str, dict[str, dict[str, float]]]:
    """``drop_nominal`` (default: ``named_only``) leaves class-noun predictions out, where gold has names only,
    except where one overlaps a scored gold name of its type; ``groups`` adds rows summing several types."""
    drop = named_only if drop_nominal is None else drop_nominal
    out: dict[str, dict[str, dict[str, float]]] = {}
    for mode in ("exact", "overlap"):
        tp_p: Counter[str] = Counter()
        n_p: Counter[str] = Counter()
        tp_g: Counter[str] = Counter()
        n_g: Counter[str] = Counter()
        exact = mode == "exact"
        for doc, all_spans in zip(docs, preds):
            gold = list(doc.gold)
            scored = [g for g in gold if not named_only or is_named(doc.text[g.start : g.end])]
            spans = [
                p
                for p in all_spans
                if not (drop and p.nominal)
                or any(g.type in mapping.get(p.type, ()) and _overlaps(g, p) for g in scored)
            ]
            ignored = [g for g in gold if g not in scored]
            for pred in spans:
                label = _typed(pred, gold, mapping, exact)
                if label is None or label not in types:
                    continue
                hit = any(
                    g.type == label and ((g.start, g.end) == (pred.start, pred.end) if exact else _overlaps(g, pred))
                    for g in scored
                )
                if not hit and any(g.type == label and _overlaps(g, pred) for g in ignored):
                    continue
                n_p[label] += 1
                tp_p[label] += hit
            for g in scored:
                n_g[g.type] += 1
                tp_g[g.type] += any(
                    _typed(p, gold, mapping, exact) == g.type
                    and ((g.start, g.end) == (p.start, p.end) if exact else _overlaps(g, p))
                    for p in spans
                )
        table: dict[str, dict[str, float]] = {}
        rows = {**{t: (t,) for t in types}, **(groups or {}), "ALL": types}
        for label, keys in rows.items():
            tp, np_, tg, ng = (sum(c[k] for k in keys) for c in (tp_p, n_p, tp_g, n_g))
            p = tp / np_ if np_ else 0.0
            r = tg / ng if ng else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            table[label] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "gold": ng, "pred": np_}
        out[mode] = table
    return out


def score_aliases(docs: list[Doc], preds: list[list[Span]]) -> dict[str, float]:
    total = detected = same = 0
    for doc, spans in zip(docs, preds):
        for a, b in doc.synonyms:
            total += 1
            ids = [_best_id(spans, *a), _best_id(spans, *b)]
            if all(ids):
                detected += 1
                same += ids[0] == ids[1]
    return {
        "pairs": total,
        "both_detected": detected,
        "same_entity": same,
        "accuracy": round(same / total, 4) if total else 0.0,
        "accuracy_detected": round(same / detected, 4) if detected else 0.0,
    }


def _best_id(spans: list[Span], start: int, end: int) -> str | None:
    best: tuple[int, str | None] = (0, None)
    for s in spans:
        overlap = min(end, s.end) - max(start, s.start)
        if overlap > best[0] and s.entity_id:
            best = (overlap, s.entity_id)
    return best[1]


def sitrep_predictor(model: str) -> tuple[Predictor, Callable[[], object]]:
    from transforms.entities.mentions import EntityExtractor

    extractor = EntityExtractor(model=model)

    def predict(texts: Iterable[str]) -> Iterator[list[Span]]:
        for result in extractor.pipe(texts):
            nominal = {e.entity_id for e in result.entities if e.subtype in NOMINAL_SUBTYPES}
            yield [Span(m.start, m.end, m.type, m.entity_id, m.entity_id in nominal) for m in result.mentions]

    return predict, lambda: extractor


def model_predictor(model: str) -> Predictor:
    from transforms.entities.ner import load_model

    nlp = load_model(model)

    def predict(texts: Iterable[str]) -> Iterator[list[Span]]:
        for doc in nlp.pipe(texts):
            yield [
                Span(e.start_char, e.end_char, SPACY_TO_SITREP[e.label_], None)
                for e in doc.ents
                if e.label_ in SPACY_TO_SITREP
            ]

    return predict


def by_source(docs: list[Doc], predicted: list[list[Span]]) -> dict[str, float]:
    """re3d named-mention overlap F1 (all types) per publisher, and their mean: each source scored alone.

    sitrep's model is not trained on re3d, so every source is held out from the model; the rules were
    written looking at all five, which this table cannot undo (see docs/evaluation.md).
    """
    figures: dict[str, float] = {}
    for source in sorted({d.source for d in docs}):
        pairs = [(d, p) for d, p in zip(docs, predicted) if d.source == source]
        table = score([d for d, _ in pairs], [p for _, p in pairs], RE3D_MAP, RE3D_TYPES, named_only=True)
        figures[source] = round(table["overlap"]["ALL"]["f1"], 3)
    figures["mean"] = round(sum(figures.values()) / len(figures), 3)
    return figures


def speed(model: str, predictor: Predictor, eval_dir: Path = EVAL) -> dict[str, float]:
    from transforms.entities.ner import load_model

    texts = [p.read_text(encoding="utf-8") for p in sorted((eval_dir / "defense-news-dvids/data/corpus").glob("*.txt"))]
    words = sum(len(t.split()) for t in texts)
    nlp = load_model(model)
    list(predictor(texts[:3]))
    timings: dict[str, float] = {}
    for name, run in (("ner_only", lambda: list(nlp.pipe(texts))), ("extraction", lambda: list(predictor(texts)))):
        best = float("inf")
        for _ in range(3):
            began = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - began)
        timings[name] = round(words / best, 1)
    timings["ratio"] = round(timings["extraction"] / timings["ner_only"], 3)
    timings["words"] = words
    return timings


def _print_table(title: str, table: dict[str, dict[str, dict[str, float]]]) -> None:
    print(f"\n{title}")
    for label in table["overlap"]:
        e, o = table["exact"][label], table["overlap"][label]
        print(
            f"  {label:17s} gold {o['gold']:5d} pred {o['pred']:5d} | exact P {e['p']:.3f} R {e['r']:.3f} "
            f"F1 {e['f1']:.3f} | overlap P {o['p']:.3f} R {o['r']:.3f} F1 {o['f1']:.3f}"
        )


def _gate_values(results: dict) -> dict[str, float]:
    re3d = results["re3d"]["named"]["overlap"]
    conll = results["conll"]["all"]["overlap"]
    values = {f"re3d.named.overlap.{k}.f1": v["f1"] for k, v in re3d.items() if v["gold"]}
    re3d_all = results["re3d"]["all"]["overlap"]
    values |= {f"re3d.all.overlap.{k}.f1": v["f1"] for k, v in re3d_all.items() if v["gold"]}
    values |= {f"conll.overlap.{k}.f1": v["f1"] for k, v in conll.items()}
    values |= {f"conll.exact.{k}.f1": v["f1"] for k, v in results["conll"]["all"]["exact"].items()}
    values["re3d.aliases.accuracy"] = results["re3d"]["aliases"]["accuracy"]
    values["conll.per_org_loc.overlap.f1"] = results["conll"]["per_org_loc"]["overlap"]["f1"]
    values["conll.per_org_loc.exact.f1"] = results["conll"]["per_org_loc"]["exact"]["f1"]
    if "speed_words_per_s" in results:
        values["speed.ratio_to_ner_only"] = results["speed_words_per_s"]["ratio"]
    return values


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--model-only", action="store_true", help="score the spaCy model's own NER")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--no-gate", action="store_true", help="do not compare with the baseline file")
    parser.add_argument("--eval", type=Path, default=EVAL, help="the shared eval folder")
    args = parser.parse_args()
    eval_dir: Path = args.eval
    if not (eval_dir / "re3d-dev").is_dir() or not (eval_dir / "conll2003-dev").is_dir():
        print(f"eval data not found under {eval_dir}: skipped")
        return 0
    predictor = model_predictor(args.model) if args.model_only else sitrep_predictor(args.model)[0]
    results: dict = {"model": args.model, "model_only": args.model_only}
    re3d = load_re3d(eval_dir / "re3d-dev")
    re3d_pred = list(predictor(d.text for d in re3d))
    results["re3d"] = {
        "documents": len(re3d),
        "all": score(re3d, re3d_pred, RE3D_MAP, RE3D_TYPES, named_only=False, groups=RE3D_GROUPS),
        "named": score(re3d, re3d_pred, RE3D_MAP, RE3D_TYPES, named_only=True, groups=RE3D_GROUPS),
        "aliases": score_aliases(re3d, re3d_pred),
        "by_source": by_source(re3d, re3d_pred),
    }
    conll = load_conll(eval_dir / "conll2003-dev" / "eng.testa")
    conll_pred = list(predictor(d.text for d in conll))
    # CoNLL annotates names only: score it like re3d's named mentions (class nouns are not predictions)
    results["conll"] = {
        "documents": len(conll),
        "all": score(conll, conll_pred, CONLL_MAP, CONLL_TYPES, False, drop_nominal=True),
    }
    conll3 = score(conll, conll_pred, CONLL_MAP, ("PER", "ORG", "LOC"), False, drop_nominal=True)
    results["conll"]["per_org_loc"] = {m: conll3[m]["ALL"] for m in conll3}
    if not args.no_speed:
        results["speed_words_per_s"] = speed(args.model, predictor, eval_dir)
    _print_table("re3d dev, all gold mentions", results["re3d"]["all"])
    _print_table("re3d dev, named mentions", results["re3d"]["named"])
    print("\nre3d aliases (IsSynonymOf pairs):", results["re3d"]["aliases"])
    print("re3d named overlap F1 by source:", results["re3d"]["by_source"])
    _print_table("CoNLL-2003 dev (eng.testa)", results["conll"]["all"])
    print("  PER+ORG+LOC:", results["conll"]["per_org_loc"])
    if "speed_words_per_s" in results:
        print("\nspeed (words/s, DVIDS corpus, one process):", results["speed_words_per_s"])
    if args.model_only:
        return 0
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if args.no_gate or not BASELINE.exists():
        return 0
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))["floors"]
    values = _gate_values(results)
    failed = [f"{k}: {values.get(k)} < {v}" for k, v in floors.items() if k in values and values[k] < v]
    for line in failed:
        print("BELOW FLOOR", line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
