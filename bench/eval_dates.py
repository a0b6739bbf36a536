"""Score ``transforms.dates.expressions.extract_dates`` on the shared evaluation sets and gate on the baseline.

- TimeBank/AQUAINT (TempEval-3 TBAQ-cleaned, TimeML): each document resolved against its creation time
  (the DCT TIMEX3, which is not a prediction target); ranges are kept as two expressions because TimeML
  annotates each end separately.
- Recognizers-Text English date and date-period cases (end-to-end model cases whose results are all
  dates or date ranges, plus the date and date-period parser cases), each against its reference date.

Prints span precision/recall/F1 (strict and relaxed/overlap), TIMEX3 value accuracy (on matched spans)
and value F1 (a value is right when it agrees with the gold value at the gold's granularity), per type;
then speed on the defense news corpus. Writes bench/results/eval_dates.json; exits 1 when a figure falls
below bench/baselines/dates.json.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from schemas.temporal import TemporalExpression  # noqa: E402
from transforms.dates.expressions import extract_dates  # noqa: E402

EVAL = REPO.parent / "shared" / "eval"
RESULTS = REPO / "bench" / "results" / "eval_dates.json"
BASELINE = REPO / "bench" / "baselines" / "dates.json"


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    type: str
    value: str
    alternatives: tuple[str, ...] = ()  # resolved readings (Recognizers-Text lists past and future)
    interval: tuple[dt.date, dt.date] | None = None


@dataclass
class Tally:
    gold: int = 0
    pred: int = 0
    strict: int = 0
    relaxed: int = 0
    value_ok: int = 0
    per_type: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def add(self, golds: list[Gold], preds: list[TemporalExpression], text: str, tag: str) -> None:
        self.gold += len(golds)
        self.pred += len(preds)
        for p in preds:
            self.per_type[f"pred:{p.type}"] += 1
        used: set[int] = set()
        for g in golds:
            self.per_type[f"gold:{g.type}"] += 1
            best, overlap = None, 0
            for i, p in enumerate(preds):
                if i in used:
                    continue
                o = min(g.end, p.end) - max(g.start, p.start)
                if o > overlap:
                    best, overlap = i, o
            if best is None:
                self.errors.append(f"{tag}\tMISS\t{text[g.start : g.end]!r}\t{g.value}")
                continue
            used.add(best)
            p = preds[best]
            self.relaxed += 1
            self.per_type[f"relaxed:{g.type}"] += 1
            if (p.start, p.end) == (g.start, g.end):
                self.strict += 1
                self.per_type[f"strict:{g.type}"] += 1
            if value_agrees(p, g):
                self.value_ok += 1
                self.per_type[f"value:{g.type}"] += 1
            else:
                self.errors.append(
                    f"{tag}\tVALUE\t{text[g.start : g.end]!r}\tgold={g.value}\tpred={p.text!r}:{p.value}"
                )
        for i, p in enumerate(preds):
            if i not in used and not any(min(g.end, p.end) > max(g.start, p.start) for g in golds):
                self.errors.append(f"{tag}\tEXTRA\t{p.text!r}\t{p.value}")

    def summary(self) -> dict[str, object]:
        def prf(hit: int, gold: int, pred: int) -> dict[str, float]:
            p = hit / pred if pred else 0.0
            r = hit / gold if gold else 0.0
            return {
                "precision": round(p, 4),
                "recall": round(r, 4),
                "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            }

        types = sorted({k.split(":", 1)[1] for k in self.per_type if k.startswith("gold:")})
        per_type = {}
        for t in types:
            n, m = self.per_type[f"gold:{t}"], self.per_type[f"relaxed:{t}"]
            per_type[t] = {
                "gold": n,
                "predicted": self.per_type[f"pred:{t}"],
                "strict_recall": round(self.per_type[f"strict:{t}"] / n, 4) if n else 0.0,
                "relaxed_recall": round(m / n, 4) if n else 0.0,
                "value_accuracy": round(self.per_type[f"value:{t}"] / m, 4) if m else 0.0,
                "value_recall": round(self.per_type[f"value:{t}"] / n, 4) if n else 0.0,
            }
        return {
            "gold": self.gold,
            "predicted": self.pred,
            "strict": prf(self.strict, self.gold, self.pred),
            "relaxed": prf(self.relaxed, self.gold, self.pred),
            "value_accuracy": round(self.value_ok / self.relaxed, 4) if self.relaxed else 0.0,
            "value": prf(self.value_ok, self.gold, self.pred),
            "per_type": per_type,
        }


_UNIT_IN = {"E": (10, "Y"), "DE": (10, "Y"), "C": (100, "Y"), "CE": (100, "Y"), "L": (1000, "Y"), "Q": (3, "M")}


def _norm(value: str) -> str:
    """One spelling per meaning: ``W8``/``W08``, ``1997-XX-XX``/``1997``, decade ``198X``/``198``,
    century ``19XX``/``19``, and duration units written as decades, centuries or quarters (``P1E``,
    ``P2Q``) as years or months (``P10Y``, ``P6M``)."""
    value = value.upper().strip()
    value = re.sub(r"-W(\d)(?!\d)", r"-W0\1", value)
    while value.endswith("-XX"):
        value = value[:-3]
    if re.fullmatch(r"\d{2,3}X{1,2}", value):
        value = value.rstrip("X")
    duration = re.fullmatch(r"P(\d+|X)(DE|CE|E|C|L|Q)", value)
    if duration:
        factor, unit = _UNIT_IN[duration[2]]
        amount = duration[1]
        value = f"P{amount if amount == 'X' else int(amount) * factor}{unit}"
    return value


def _agrees(pred: str, gold: str) -> bool:
    """Equal, or equal at the gold's granularity (gold ``1998`` vs ``1998-03``); X in gold matches anything."""
    pred, gold = _norm(pred), _norm(gold)
    if len(pred) < len(gold):
        return False
    if len(pred) > len(gold) and (gold.startswith("P") or pred[len(gold)] not in "-T:"):
        return False
    return all(g == "X" or g == c for g, c in zip(gold, pred))


def value_agrees(p: TemporalExpression, g: Gold) -> bool:
    values = p.value.split("/") if "/" in p.value and not p.value.startswith("P") else [p.value]
    if any(_agrees(v, g.value) for v in values) or any(_agrees(v, a) for v in values for a in g.alternatives):
        return True
    if g.interval is not None and p.start_date is not None and p.end_date is not None:
        start, end = g.interval
        return p.start_date == start and p.end_date in (end, end - dt.timedelta(days=1))
    return False


# --- TimeBank ---------------------------------------------------------------------------------------
_TOKEN = re.compile(r"<[^>]+>|[^<]+")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_timeml(path: Path) -> tuple[str, dt.date, list[Gold]]:
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    dct_value = dict(_ATTR.findall(dct_match.group(0)))["value"] if dct_match else ""
    dct = dt.date.fromisoformat(dct_value[:10])
    body = raw[raw.index("<TEXT>") + 6 : raw.index("</TEXT>")]
    parts: list[str] = []
    pos = 0
    golds: list[Gold] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    for token in _TOKEN.findall(body):
        if token.startswith("<"):
            if token.startswith("<TIMEX3"):
                open_timex = (pos, dict(_ATTR.findall(token)))
            elif token.startswith("</TIMEX3") and open_timex is not None:
                start, attrs = open_timex
                if attrs.get("functionInDocument") != "CREATION_TIME":
                    golds.append(Gold(start, pos, attrs.get("type", "DATE"), attrs.get("value", "")))
                open_timex = None
            continue
        chunk = html.unescape(token)
        parts.append(chunk)
        pos += len(chunk)
    return "".join(parts), dct, golds


def eval_timebank(limit: int | None = None) -> tuple[dict[str, object], list[str]]:
    tally = Tally()
    files = sorted((EVAL / "timebank-tbaq").glob("*/*.tml"))[:limit]
    for path in files:
        text, dct, golds = read_timeml(path)
        preds = extract_dates(text, published=dct, merge_ranges=False)
        tally.add(golds, preds, text, path.stem)
    return tally.summary() | {"documents": len(files)}, tally.errors


# --- Recognizers-Text -------------------------------------------------------------------------------
_DATE_TYPES = {"datetimeV2.date", "datetimeV2.daterange", "date", "daterange"}


def _interval(timex: str, res: dict[str, str]) -> tuple[dt.date, dt.date] | None:
    for start_key, end_key in (("start", "end"), ("startDate", "endDate")):
        if start_key in res and end_key in res:
            try:
                return dt.date.fromisoformat(res[start_key][:10]), dt.date.fromisoformat(res[end_key][:10])
            except ValueError:
                return None
    return None


def _recognizer_cases() -> Iterable[tuple[str, str, dt.date, list[Gold]]]:
    folder = EVAL / "recognizers-text" / "Specs" / "DateTime" / "English"
    for name in ("DateTimeModel.json", "DateParser.json", "DatePeriodParser.json"):
        path = folder / name
        if not path.exists():
            continue
        for case in json.loads(path.read_text(encoding="utf-8-sig")):
            ref = case.get("Context", {}).get("ReferenceDateTime")
            if not ref or "python" in case.get("NotSupported", "").lower():
                continue
            results = case.get("Results", [])
            kinds = {r.get("TypeName") or r.get("Type") for r in results}
            if not kinds <= _DATE_TYPES or (name == "DateTimeModel.json" and not results and False):
                continue
            text = case["Input"]
            golds = []
            for r in results:
                start = r["Start"]
                end = r["End"] + 1 if "End" in r else start + r["Length"]
                if "Resolution" in r:
                    values = r["Resolution"].get("values", [])
                    timex = values[0].get("timex", "") if values else ""
                    alts = tuple(v["value"] for v in values if "value" in v)
                    interval = next((iv for v in values if (iv := _interval(timex, v))), None)
                else:
                    v = r["Value"]
                    timex = v.get("Timex", "")
                    alts = tuple(
                        x["date"] for x in (v.get("FutureResolution", {}), v.get("PastResolution", {})) if "date" in x
                    )
                    interval = _interval(timex, v.get("PastResolution", {}))
                    future = _interval(timex, v.get("FutureResolution", {}))
                    interval = interval or future
                if timex.startswith("("):
                    golds.append(Gold(start, end, "DATE", timex, alts, interval))
                else:
                    golds.append(Gold(start, end, "DATE", timex, alts, interval))
            yield name, text, dt.date.fromisoformat(ref[:10]), golds


def eval_recognizers() -> tuple[dict[str, object], list[str]]:
    tallies: dict[str, Tally] = {}
    total = Tally()
    for name, text, ref, golds in _recognizer_cases():
        preds = [e for e in extract_dates(text, published=ref) if e.type == "DATE"]
        tally = tallies.setdefault(name, Tally())
        tally.add(golds, preds, text, name)
        total.add(golds, preds, text, name)
    return total.summary() | {"files": {k: t.summary() for k, t in tallies.items()}}, total.errors


# --- speed ------------------------------------------------------------------------------------------
def speed(repeats: int = 5) -> dict[str, float]:
    corpus = EVAL / "defense-news-dvids" / "data" / "corpus"
    dates: dict[str, dt.date] = {}
    for manifest in ("manifest.csv", "manifest_manual.csv"):
        if (corpus / manifest).exists():
            with open(corpus / manifest, encoding="utf-8") as fh:
                for row in csv.DictReader(fh):
                    if row.get("published_date"):
                        dates[row["id"]] = dt.date.fromisoformat(row["published_date"][:10])
    docs = [(p.read_text(encoding="utf-8"), dates.get(p.stem)) for p in sorted(corpus.glob("*.txt"))]
    words = sum(len(t.split()) for t, _ in docs)
    extract_dates("warm up on May 3, 2021", published=dt.date(2021, 5, 4))
    best = float("inf")
    found = 0
    for _ in range(repeats):
        began = time.perf_counter()
        found = sum(len(extract_dates(t, published=d)) for t, d in docs)
        best = min(best, time.perf_counter() - began)
    return {
        "documents": len(docs),
        "words": words,
        "expressions": found,
        "seconds": round(best, 4),
        "words_per_second": round(words / best),
        "expressions_per_second": round(found / best),
    }


def _print(name: str, s: dict[str, object]) -> None:
    strict, relaxed, value = s["strict"], s["relaxed"], s["value"]
    assert isinstance(strict, dict) and isinstance(relaxed, dict) and isinstance(value, dict)
    print(f"{name}: gold {s['gold']} predicted {s['predicted']}")
    print(f"  span strict   P {strict['precision']:.3f} R {strict['recall']:.3f} F1 {strict['f1']:.3f}")
    print(f"  span relaxed  P {relaxed['precision']:.3f} R {relaxed['recall']:.3f} F1 {relaxed['f1']:.3f}")
    print(
        f"  value accuracy {s['value_accuracy']:.3f}  value P {value['precision']:.3f} R {value['recall']:.3f}"
        f" F1 {value['f1']:.3f}"
    )
    per_type = s["per_type"]
    assert isinstance(per_type, dict)
    for t, row in per_type.items():
        print(
            f"    {t:9s} gold {row['gold']:5d} pred {row['predicted']:5d} strict-R {row['strict_recall']:.3f}"
            f" relaxed-R {row['relaxed_recall']:.3f} value-acc {row['value_accuracy']:.3f}"
            f" value-R {row['value_recall']:.3f}"
        )


def _floors(results: dict[str, object]) -> dict[str, float]:
    def get(path: str) -> float:
        node: object = results
        for key in path.split("."):
            assert isinstance(node, dict)
            node = node[key]
        assert isinstance(node, (int, float))
        return float(node)

    keys = [
        "timebank.value.f1",
        "timebank.relaxed.f1",
        "timebank.strict.f1",
        "timebank.value_accuracy",
        "recognizers.value.f1",
        "recognizers.relaxed.f1",
    ]
    return {k: get(k) for k in keys}


def main(argv: list[str]) -> int:
    if not (EVAL / "timebank-tbaq").exists():
        print("evaluation data not found; skipped")
        return 0
    timebank, tb_errors = eval_timebank()
    recognizers, rt_errors = eval_recognizers()
    _print("TimeBank+AQUAINT (TBAQ-cleaned)", timebank)
    _print("Recognizers-Text date/date-period", recognizers)
    files = recognizers["files"]
    assert isinstance(files, dict)
    for name, s in files.items():
        _print(f"  {name}", s)
    results: dict[str, object] = {"timebank": timebank, "recognizers": recognizers}
    if "--no-speed" not in argv:
        results["speed"] = speed()
        print("speed (defense-news-dvids):", results["speed"])
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    if "--errors" in argv:
        for line in tb_errors + rt_errors:
            print(line)
    floors = _floors(results)
    failed = []
    if BASELINE.exists():
        baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
        failed = [f"{k}: {floors.get(k, 0.0):.4f} < {v}" for k, v in baseline.items() if floors.get(k, 0.0) < v]
    for line in failed:
        print("BELOW BASELINE", line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
