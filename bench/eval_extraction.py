"""Score sitrep's HTML text extraction against newspaper4k's expected texts, next to plain trafilatura.

For every page of ``<data>/html/<name>.html`` that has ``<data>/txt/<name>.txt``, both
``transforms.extract.clean.clean_document`` and ``trafilatura.extract(html)`` (library defaults) are scored
by bag-of-tokens overlap with the expected text: lowercased word tokens (characters of unspaced
scripts such as Chinese, Japanese, Thai and Burmese count one token each), multiset intersection,
precision / recall / F1 micro-averaged (pooled counts) and macro-averaged (mean over pages), over
all pages and over the English ones (metadata ``language`` "en", else py3langid on the expected text).

The expected texts are newspaper4k's own output, not human gold: read the figures as agreement.
sitrep's publication dates are also compared with the metadata's ``publish_date`` (information only).
Writes ``bench/results/eval_extraction.json``; exits 1 when sitrep's F1 falls below the floors in
``bench/baselines/extraction.json`` or below plain trafilatura's F1, 0 otherwise (also when the
data folder is absent, after saying so).

    python bench/eval_extraction.py [DATA_DIR] [--max-date YYYY-MM-DD] [--write-baseline]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import py3langid
import trafilatura

from transforms.errors import TransformError
from transforms.extract.clean import clean_document

__all__ = ["Score", "tokens", "overlap", "main"]

ROOT = Path(__file__).resolve().parent
DEFAULT_DATA = ROOT.parent.parent / "shared" / "eval" / "newspaper4k-pages" / "tests" / "data"
RESULTS = ROOT / "results" / "eval_extraction.json"
BASELINE = ROOT / "baselines" / "extraction.json"
# A fixed "fetch date" so the run does not depend on the clock; later than every page in the set.
DEFAULT_MAX_DATE = dt.date(2026, 11, 1)

_UNSPACED = r"\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_UNSPACED}]|[^\W{_UNSPACED}]+")
SYSTEMS = ("sitrep", "trafilatura")
SUBSETS = ("all", "english")


@dataclass(frozen=True, slots=True)
class Overlap:
    """Token counts for one page and one system."""

    matched: int
    predicted: int
    expected: int


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float
    f1: float


def tokens(text: str) -> Counter[str]:
    """Bag of lowercased word tokens."""
    return Counter(_TOKEN.findall(text.casefold()))


def overlap(predicted: str, expected: str) -> Overlap:
    p, e = tokens(predicted), tokens(expected)
    return Overlap(sum((p & e).values()), sum(p.values()), sum(e.values()))


def _prf(matched: int, predicted: int, expected: int) -> Score:
    precision = matched / predicted if predicted else 0.0
    recall = matched / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1)


def micro(rows: Sequence[Overlap]) -> Score:
    return _prf(sum(r.matched for r in rows), sum(r.predicted for r in rows), sum(r.expected for r in rows))


def macro(rows: Sequence[Overlap]) -> Score:
    scores = [_prf(r.matched, r.predicted, r.expected) for r in rows]
    n = len(scores) or 1
    return Score(sum(s.precision for s in scores) / n, sum(s.recall for s in scores) / n, sum(s.f1 for s in scores) / n)


def _is_english(name: str, expected: str, data: Path) -> bool:
    meta = data / "metadata" / f"{name}.json"
    if meta.exists():
        language = json.loads(meta.read_text(encoding="utf-8")).get("language")
        if language:
            return bool(language == "en")
    return bool(py3langid.classify(expected)[0] == "en")


def _sitrep(max_date: dt.date, dates: dict[str, str | None]) -> Callable[[bytes], str]:
    """sitrep's text; the date it found goes to ``dates`` (under the key "last") for the date check."""

    def run(html: bytes) -> str:
        try:
            article = clean_document(html, kind="html", max_date=max_date)
        except TransformError:
            dates["last"] = None
            return ""
        dates["last"] = article.published.isoformat() if article.published else None
        return article.text

    return run


def _expected_date(name: str, data: Path) -> str | None:
    meta = data / "metadata" / f"{name}.json"
    if not meta.exists():
        return None
    value = json.loads(meta.read_text(encoding="utf-8")).get("publish_date")
    return str(value)[:10] if value else None


def _trafilatura(html: bytes) -> str:
    return trafilatura.extract(html) or ""


def evaluate(data: Path, max_date: dt.date) -> dict[str, object]:
    found: dict[str, str | None] = {}
    systems: dict[str, Callable[[bytes], str]] = {"sitrep": _sitrep(max_date, found), "trafilatura": _trafilatura}
    date_checks = Counter[str]()
    pages: list[dict[str, object]] = []
    rows: dict[str, dict[str, list[Overlap]]] = {s: {k: [] for k in SUBSETS} for s in SYSTEMS}
    seconds = dict.fromkeys(SYSTEMS, 0.0)
    for html_path in sorted((data / "html").glob("*.html")):
        txt_path = data / "txt" / f"{html_path.stem}.txt"
        if not txt_path.exists():
            continue
        html, expected = html_path.read_bytes(), txt_path.read_text(encoding="utf-8")
        english = _is_english(html_path.stem, expected, data)
        page: dict[str, object] = {"name": html_path.stem, "english": english}
        for system, run in systems.items():
            started = time.perf_counter()
            predicted = run(html)
            seconds[system] += time.perf_counter() - started
            counts = overlap(predicted, expected)
            rows[system]["all"].append(counts)
            if english:
                rows[system]["english"].append(counts)
            page[system] = asdict(_prf(counts.matched, counts.predicted, counts.expected)) | asdict(counts)
        expected_date = _expected_date(html_path.stem, data)
        page["published"], page["expected_published"] = found.get("last"), expected_date
        if expected_date:
            date_checks["pages with a date"] += 1
            date_checks["same date"] += found.get("last") == expected_date
            date_checks["no date"] += found.get("last") is None
        pages.append(page)
    summary = {
        subset: {
            system: {"micro": asdict(micro(rows[system][subset])), "macro": asdict(macro(rows[system][subset]))}
            for system in SYSTEMS
        }
        | {"pages": len(rows["sitrep"][subset])}
        for subset in SUBSETS
    }
    return {
        "data": str(data),
        "max_date": max_date.isoformat(),
        "tokenization": "casefolded \\w+ runs; unspaced-script characters one token each",
        "summary": summary,
        "seconds": {k: round(v, 2) for k, v in seconds.items()},
        "published_vs_metadata": dict(date_checks),
        "pages": pages,
    }


def _table(result: dict[str, object]) -> str:
    summary = result["summary"]
    assert isinstance(summary, dict)
    lines = [f"{'subset':8} {'pages':>5} {'system':12} {'avg':6} {'P':>6} {'R':>6} {'F1':>6}"]
    for subset in SUBSETS:
        block = summary[subset]
        for system in SYSTEMS:
            for average in ("micro", "macro"):
                s = block[system][average]
                lines.append(
                    f"{subset:8} {block['pages']:>5} {system:12} {average:6} "
                    f"{s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}"
                )
    return "\n".join(lines)


def _floors(result: dict[str, object]) -> dict[str, dict[str, dict[str, float]]]:
    summary = result["summary"]
    assert isinstance(summary, dict)
    return {
        subset: {
            average: {k: math.floor(v * 100) / 100 for k, v in summary[subset]["sitrep"][average].items()}
            for average in ("micro", "macro")
        }
        for subset in SUBSETS
    }


def _failures(result: dict[str, object], floors: dict[str, dict[str, dict[str, float]]]) -> list[str]:
    summary = result["summary"]
    assert isinstance(summary, dict)
    failures = []
    for subset in SUBSETS:
        for average in ("micro", "macro"):
            ours = summary[subset]["sitrep"][average]
            floor = floors.get(subset, {}).get(average, {}).get("f1")
            if floor is not None and ours["f1"] < floor:
                failures.append(f"{subset} {average} F1 {ours['f1']:.3f} is below the floor {floor:g}")
            theirs = summary[subset]["trafilatura"][average]
            if ours["f1"] < theirs["f1"]:
                failures.append(f"{subset} {average} F1 {ours['f1']:.3f} is below trafilatura's {theirs['f1']:.3f}")
    return failures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA, help="newspaper4k tests/data folder")
    parser.add_argument("--max-date", type=dt.date.fromisoformat, default=DEFAULT_MAX_DATE)
    parser.add_argument("--write-baseline", action="store_true", help="write the floors from this run")
    args = parser.parse_args(argv)
    data: Path = args.data
    if not (data / "html").is_dir() or not (data / "txt").is_dir():
        print(f"skipped: no newspaper4k pages at {data}")
        return 0
    result = evaluate(data, args.max_date)
    print(_table(result))
    print(f"seconds: {result['seconds']}")
    print(f"sitrep published date vs newspaper4k metadata: {result['published_vs_metadata']}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT.parent)}")
    if args.write_baseline:
        BASELINE.parent.mkdir(parents=True, exist_ok=True)
        about = "Floors for sitrep's token P/R/F1 on the newspaper4k pages, rounded down from a measured run. F1 gates."
        BASELINE.write_text(json.dumps({"about": about, "sitrep": _floors(result)}, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {BASELINE.relative_to(ROOT.parent)}")
    if not BASELINE.exists():
        print(f"no baseline at {BASELINE.relative_to(ROOT.parent)}: nothing to compare against")
        return 0
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))["sitrep"]
    failures = _failures(result, floors)
    for failure in failures:
        print(f"FAIL: {failure}")
    if not failures:
        print("ok: sitrep F1 at or above the baseline floors and plain trafilatura")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
