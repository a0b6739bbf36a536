"""Score ``transforms.quantities.claims.extract_quantities`` on the shared evaluation sets and gate on the baseline.

- quantulum3's English test sentences (``quantities.json`` and ``quantities.ambiguity.json``): each
  expected quantity has a surface, a value and a unit name. Its unit names are mapped to sitrep's
  standard units below (with the conversion factor), so a value counts as right when, converted, it is
  within 0.5% of sitrep's value (or sitrep's value lies within the gold range's bounds) and the kind,
  unit and currency agree. Expected quantities that the issue puts out of scope are reported with the
  reason and left out of the scores: years used as dates, designations (model and course numbers), and
  laboratory notation (e-notation, powers, physics units no news report uses). Predictions overlapping an
  excluded quantity are neither right nor wrong.
- re3d (dev): the Quantity and Money spans with confidence >= 0.5, over each whole document; sitrep's
  money kind is "Money", every other kind "Quantity". re3d has no gold values: spans only.

Prints span precision/recall/F1 (exact and overlap), value accuracy for all cases and per kind, then
speed on the defense news corpus. Writes bench/results/eval_quantities.json; exits 1 when a figure falls
below bench/baselines/quantities.json.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from schemas.quantities import Quantity  # noqa: E402
from transforms.quantities.claims import extract_quantities  # noqa: E402

EVAL = REPO.parent / "shared" / "eval"
RESULTS = REPO / "bench" / "results" / "eval_quantities.json"
BASELINE = REPO / "bench" / "baselines" / "quantities.json"

# quantulum3 unit name -> (sitrep kind, sitrep unit, factor, offset, currency)
_M = "measure"
UNITS: dict[str, tuple[str, str | None, float, float, str | None]] = {
    "dimensionless": ("count", None, 1, 0, None),
    "percentage": ("percent", "%", 1, 0, None),
    "dozen": ("count", None, 12, 0, None),
    "dollar": ("money", None, 1, 0, "USD"),
    "euro": ("money", None, 1, 0, "EUR"),
    "pound sterling": ("money", None, 1, 0, "GBP"),
    "cent": ("money", None, 0.01, 0, "USD"),
    "dime": ("money", None, 0.1, 0, "USD"),
    "penny": ("money", None, 0.01, 0, "GBP"),
    "dollar per hour": ("money", "/h", 1, 0, "USD"),
    "dollar per kilogram": ("money", "/kg", 1, 0, "USD"),
    "metre": (_M, "m", 1, 0, None),
    "kilometre": (_M, "km", 1, 0, None),
    "mile": (_M, "km", 1.609344, 0, None),
    "inch": (_M, "m", 0.0254, 0, None),
    "nanometre": (_M, "m", 1e-9, 0, None),
    "picometre": (_M, "m", 1e-12, 0, None),
    "attometre": (_M, "m", 1e-18, 0, None),
    "square kilometre": (_M, "km2", 1, 0, None),
    "square mile": (_M, "km2", 2.589988110336, 0, None),
    "cubic kilometre": (_M, "km3", 1, 0, None),
    "litre": (_M, "L", 1, 0, None),
    "centilitre": (_M, "L", 0.01, 0, None),
    "cubic centimetre": (_M, "L", 0.001, 0, None),
    "gallon": (_M, "L", 3.785411784, 0, None),
    "cup": (_M, "L", 0.2365882365, 0, None),
    "tablespoon": (_M, "L", 0.01478676478125, 0, None),
    "kilogram": (_M, "kg", 1, 0, None),
    "milligram": (_M, "kg", 1e-6, 0, None),
    "pound-mass": (_M, "kg", 0.45359237, 0, None),
    "tonne": (_M, "t", 1, 0, None),
    "ton per day": (_M, "t/d", 1, 0, None),
    "second": (_M, "h", 1 / 3600, 0, None),
    "minute": (_M, "h", 1 / 60, 0, None),
    "hour": (_M, "h", 1, 0, None),
    "day": (_M, "d", 1, 0, None),
    "week": (_M, "d", 7, 0, None),
    "month": (_M, "d", 30.436875, 0, None),
    "year": (_M, "d", 365.2425, 0, None),
    "kilometre per hour": (_M, "km/h", 1, 0, None),
    "count per week": ("count", "/wk", 1, 0, None),
    "degree Celsius": (_M, "degC", 1, 0, None),
    "degree fahrenheit": (_M, "degC", 5 / 9, -160 / 9, None),
    "degree Fahrenheit": (_M, "degC", 5 / 9, -160 / 9, None),
    "kelvin": (_M, "degC", 1, -273.15, None),
    "watt": (_M, "W", 1, 0, None),
    "watt hour": (_M, "Wh", 1, 0, None),
    "megawatt hour": (_M, "Wh", 1e6, 0, None),
    "british thermal unit": (_M, "J", 1055.05585262, 0, None),
    "electronvolt": (_M, "eV", 1, 0, None),
    "teraelectronvolt": (_M, "eV", 1e12, 0, None),
    "gigahertz": (_M, "Hz", 1e9, 0, None),
    "byte": (_M, "B", 1, 0, None),
    "megabyte": (_M, "B", 1e6, 0, None),
    "exabyte": (_M, "B", 1e18, 0, None),
    "kibibyte": (_M, "B", 1024, 0, None),
    "bit": (_M, "bit", 1, 0, None),
    "kilobit per second": (_M, "bit/s", 1000, 0, None),
    "gray": (_M, "Gy", 1, 0, None),
    "milligray": (_M, "Gy", 0.001, 0, None),
    "litre per kilometre": (_M, "L/km", 1, 0, None),
}
# Units of laboratory and astronomy text (no news report states them); their cases are out of scope.
LAB_UNITS = frozenset(
    {
        "inverse second",
        "watt per minute",
        "kilometre per square second",
        "inverse femtobarn",
        "joule second",
        "candela second",
        "joule per square metre per year",
        "kilogram per cubic centimetre",
        "barn",
        "minute of arc",
        "second of arc",
        "gigayear",
        "megayear",
        "baker's dozen",
        "gross",
    }
)
_LAB_NOTATION = re.compile(r"\d[eE][-+]?\d|[×x]\s?10|\d\^\d")
_CAPITALISED_OR_CODE_BEFORE = re.compile(r"(?:\b[A-Z][\w.]*|\b\w*\d\w*)[ \u00a0]$")


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    kind: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    currency: str | None = None
    excluded: str | None = None


@dataclass
class Tally:
    gold: int = 0
    pred: int = 0
    exact: int = 0
    overlap_gold: int = 0
    overlap_pred: int = 0
    value_ok: int = 0
    per_kind: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    errors: list[str] = field(default_factory=list)

    def add(self, golds: list[Gold], preds: list[Quantity], text: str, *, values: bool, typed: bool) -> None:
        scored = [g for g in golds if g.excluded is None]
        excluded = [g for g in golds if g.excluded is not None]
        kept = [p for p in preds if not any(_overlaps(p, g) for g in excluded)]
        self.gold += len(scored)
        self.pred += len(kept)
        for g in scored:
            self.per_kind[g.kind]["gold"] += 1
        for p in kept:
            self.per_kind[_type(p.kind) if typed else p.kind]["pred"] += 1
            if any(_overlaps(p, g) and _same_type(p, g, typed) for g in scored):
                self.overlap_pred += 1
            else:
                self.errors.append(f"FP {p.text!r} ({p.kind}) in {text[max(0, p.start - 40) : p.end + 40]!r}")
        for g in scored:
            matches = [p for p in kept if _overlaps(p, g) and _same_type(p, g, typed)]
            kind = self.per_kind[g.kind]
            if any(p.start == g.start and p.end == g.end for p in matches):
                self.exact += 1
                kind["exact"] += 1
            if matches:
                self.overlap_gold += 1
                kind["overlap"] += 1
            if values:
                if any(_value_ok(p, g) for p in matches):
                    self.value_ok += 1
                    kind["value_ok"] += 1
                else:
                    got = [(p.text, p.value, p.unit, p.currency, p.kind) for p in matches]
                    self.errors.append(
                        f"VALUE {text[g.start : g.end]!r} want {g.value} {g.unit or ''}{g.currency or ''} "
                        f"({g.kind}) got {got} in {text!r}"
                    )

    def summary(self, *, values: bool) -> dict[str, object]:
        out: dict[str, object] = {
            "gold": self.gold,
            "predicted": self.pred,
            "exact": _prf(self.exact, self.exact, self.pred, self.gold),
            "overlap": _prf(self.overlap_pred, self.overlap_gold, self.pred, self.gold),
        }
        if values:
            out["value_accuracy"] = round(self.value_ok / self.gold, 4) if self.gold else None
        out["per_kind"] = {
            kind: {
                "gold": c["gold"],
                "predicted": c["pred"],
                "exact_recall": round(c["exact"] / c["gold"], 4) if c["gold"] else None,
                "overlap_recall": round(c["overlap"] / c["gold"], 4) if c["gold"] else None,
                **({"value_accuracy": round(c["value_ok"] / c["gold"], 4) if c["gold"] else None} if values else {}),
            }
            for kind, c in sorted(self.per_kind.items())
        }
        return out


def _prf(tp_pred: int, tp_gold: int, pred: int, gold: int) -> dict[str, float]:
    p = tp_pred / pred if pred else 0.0
    r = tp_gold / gold if gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def _overlaps(p: Quantity, g: Gold) -> bool:
    return p.start < g.end and g.start < p.end


def _type(kind: str) -> str:
    return "Money" if kind == "money" else "Quantity"


def _same_type(p: Quantity, g: Gold, typed: bool) -> bool:
    return _type(p.kind) == g.kind if typed else True


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return abs(a - b) <= 0.005 * abs(b) + 1e-12


def _value_ok(p: Quantity, g: Gold) -> bool:
    kind_ok = p.kind == g.kind or (g.kind == "count" and p.kind == "fraction")
    if not kind_ok or (p.unit or None) != g.unit or p.currency != g.currency:
        return False
    if _close(p.value, g.value):
        return True
    return g.low is not None and g.high is not None and p.value is not None and g.low <= p.value <= g.high


def _exclusion(text: str, start: int, end: int, item: dict[str, object]) -> str | None:
    unit = str(item["unit"])
    surface = text[start:end]
    if unit in LAB_UNITS or _LAB_NOTATION.search(surface):
        return "laboratory notation or unit (e-notation, powers; physics, astronomy and archaic counting units)"
    if unit == "dimensionless":
        if re.fullmatch(r"(?:1[6-9]|20)\d\d", surface):
            return "year used as a date (left to the dates normalizer)"
        if _CAPITALISED_OR_CODE_BEFORE.search(text[max(0, start - 20) : start]) and surface.isdigit():
            word = re.search(r"(\S+)[ \u00a0]$", text[:start])
            if word and word.group(1).lower() not in {"the", "a", "in", "of", "is", "and", "took", "only"}:
                return "designation (a model, product or course number)"
    if unit not in UNITS:
        return None
    return None


def quantulum_cases() -> tuple[list[tuple[str, list[Gold]]], list[tuple[str, str]]]:
    folder = EVAL / "quantulum3"
    cases: list[tuple[str, list[Gold]]] = []
    excluded: list[tuple[str, str]] = []
    for name in ("quantities.json", "quantities.ambiguity.json"):
        for case in json.loads((folder / name).read_text(encoding="utf-8")):
            text: str = case["req"]
            golds: list[Gold] = []
            cursor = 0
            for item in case["res"]:
                surface = item["surface"]
                start = text.find(surface, cursor)
                if start < 0:
                    start = text.find(surface)
                end = start + len(surface)
                cursor = end
                reason = _exclusion(text, start, end, item)
                mapped = UNITS.get(str(item["unit"]))
                if reason is None and mapped is None:
                    reason = None
                    mapped = ("measure", f"?{item['unit']}", 1, 0, None)
                assert mapped is not None or reason is not None
                kind, unit, factor, offset, currency = mapped or ("count", None, 1, 0, None)
                value = float(item["value"]) * factor + offset
                spread = item.get("uncertainty")
                low = high = None
                if spread is not None:
                    ends = sorted(
                        (
                            (float(item["value"]) - spread) * factor + offset,
                            (float(item["value"]) + spread) * factor + offset,
                        )
                    )
                    low, high = ends
                if kind == "count" and 0 < abs(float(item["value"])) < 1 and spread is None:
                    kind = "fraction"
                golds.append(Gold(start, end, kind, value, low, high, unit, currency, reason))
                if reason:
                    excluded.append((surface, reason))
            cases.append((text, golds))
    return cases, excluded


def re3d_documents() -> list[tuple[str, list[Gold]]]:
    docs: list[tuple[str, list[Gold]]] = []
    for folder in sorted((EVAL / "re3d-dev").iterdir()):
        if not (folder / "documents.json").exists():
            continue
        texts = {}
        for line in (folder / "documents.json").read_text(encoding="utf-8").splitlines():
            if line.strip():
                doc = json.loads(line)
                texts[doc["_id"]] = doc["text"]
        golds: dict[str, list[Gold]] = defaultdict(list)
        for line in (folder / "entities.json").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            e = json.loads(line)
            if e["type"] in ("Quantity", "Money") and float(e.get("confidence", 1)) >= 0.5:
                golds[e["documentId"]].append(Gold(int(e["begin"]), int(e["end"]), e["type"]))
        docs.extend((text, sorted(set(golds[doc_id]), key=lambda g: g.start)) for doc_id, text in texts.items())
    return docs


def speed() -> dict[str, float]:
    texts = [
        p.read_text(encoding="utf-8") for p in sorted((EVAL / "defense-news-dvids" / "data" / "corpus").glob("*.txt"))
    ]
    words = sum(len(t.split()) for t in texts)
    extract_quantities(texts[0])
    rounds, expressions, started = 0, 0, time.perf_counter()
    while time.perf_counter() - started < 3.0:
        expressions = sum(len(extract_quantities(t)) for t in texts)
        rounds += 1
    elapsed = (time.perf_counter() - started) / rounds
    return {
        "documents": len(texts),
        "words": words,
        "expressions": expressions,
        "seconds": round(elapsed, 4),
        "words_per_s": round(words / elapsed),
        "expressions_per_s": round(expressions / elapsed),
    }


def _print(name: str, summary: dict[str, object]) -> None:
    exact, overlap = summary["exact"], summary["overlap"]
    assert isinstance(exact, dict) and isinstance(overlap, dict)
    value = summary.get("value_accuracy")
    print(
        f"{name}: gold {summary['gold']} predicted {summary['predicted']}  exact P/R/F1 "
        f"{exact['precision']:.3f}/{exact['recall']:.3f}/{exact['f1']:.3f}  overlap P/R/F1 "
        f"{overlap['precision']:.3f}/{overlap['recall']:.3f}/{overlap['f1']:.3f}"
        + (f"  value accuracy {value:.3f}" if value is not None else "")
    )
    per_kind = summary["per_kind"]
    assert isinstance(per_kind, dict)
    for kind, row in per_kind.items():
        print(f"    {kind:<9} " + "  ".join(f"{k} {v}" for k, v in row.items()))


def _floors_hold(results: dict[str, object], floors: dict[str, object], path: str = "") -> list[str]:
    failures: list[str] = []
    for key, floor in floors.items():
        got = results.get(key) if isinstance(results, dict) else None
        if isinstance(floor, dict):
            failures += _floors_hold(got if isinstance(got, dict) else {}, floor, f"{path}{key}.")
        elif isinstance(floor, (int, float)) and not isinstance(floor, bool):
            if not isinstance(got, (int, float)) or got < floor:
                failures.append(f"{path}{key}: {got} < floor {floor}")
    return failures


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    results: dict[str, object] = {}
    if (EVAL / "quantulum3").is_dir():
        cases, excluded = quantulum_cases()
        tally = Tally()
        for text, golds in cases:
            tally.add(golds, extract_quantities(text), text, values=True, typed=False)
        for text in json.loads((EVAL / "quantulum3" / "errors.json").read_text(encoding="utf-8")):
            extract_quantities(text)
        summary = tally.summary(values=True)
        summary["excluded"] = [{"surface": s, "reason": r} for s, r in excluded]
        results["quantulum3"] = summary
        _print("quantulum3", summary)
        print(f"    excluded {len(excluded)}: " + "; ".join(f"{s!r} ({r.split(' (')[0]})" for s, r in excluded))
        if verbose:
            print("\n".join("    " + e for e in tally.errors))
    if (EVAL / "re3d-dev").is_dir():
        tally = Tally()
        for text, golds in re3d_documents():
            tally.add(golds, extract_quantities(text), text, values=False, typed=True)
        summary = tally.summary(values=False)
        results["re3d"] = summary
        _print("re3d-dev", summary)
        if verbose:
            print("\n".join("    " + e for e in tally.errors))
    if (EVAL / "defense-news-dvids").is_dir() and "--no-speed" not in sys.argv:
        results["speed"] = speed()
        s = results["speed"]
        assert isinstance(s, dict)
        print(
            f"speed: {s['words_per_s']} words/s, {s['expressions_per_s']} expressions/s "
            f"({s['expressions']} expressions in {s['documents']} documents, {s['words']} words)"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if BASELINE.exists():
        floors = json.loads(BASELINE.read_text(encoding="utf-8"))
        if "speed" not in results:  # --no-speed, or no corpus to time: no speed floor to hold
            floors.pop("speed", None)
        failures = _floors_hold(results, floors)
        for failure in failures:
            print(f"BELOW FLOOR {failure}")
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
