"""Real-data check of charset decoding: what this sitrep's decoder reads, next to an older one's.

Every file under the given folders (default: ``../shared/eval/feeds`` and
``../shared/eval/newspaper4k-pages``) is decoded by ``transforms.extract.decode.decode_document`` (``.txt`` and
``.json`` as text, the rest as HTML) and by the ``transforms/extract/decode.py`` of a git revision (``--against``,
default ``main``). Counts: files each decodes, files both decode to the same text, files both decode
but differently (must be none: the guess is only a last step), files only the new one decodes (with
the charset it guessed and how long the decode took), and the errors left. Figures are printed and
written to ``bench/results/charset_check.json``; exit 1 when a file the old decoder read decodes
differently now.

    python bench/charset_check.py [FOLDER...] [--against REV]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import types
from collections import Counter
from pathlib import Path
from typing import Any

from transforms.errors import TransformError
from transforms.extract.decode import decode_document

__all__ = ["main"]

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "eval"
RESULTS = REPO / "bench" / "results" / "charset_check.json"


def _old_decoder(revision: str) -> types.ModuleType:
    source = subprocess.run(
        ["git", "-C", str(REPO), "show", f"{revision}:transforms/extract/decode.py"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    module = types.ModuleType(f"decode_at_{revision}")
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(source, f"{revision}:transforms/extract/decode.py", "exec"), module.__dict__)  # noqa: S102 - our own file
    return module


def _kind(path: Path) -> str:
    return "text" if path.suffix.lower() in (".txt", ".json", ".md") else "html"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[EVAL / "feeds", EVAL / "newspaper4k-pages"])
    parser.add_argument("--against", default="main", help="git revision of the decoder to compare with")
    args = parser.parse_args(argv)
    old = _old_decoder(args.against)
    files = sorted((p, folder) for folder in args.folders if folder.is_dir() for p in folder.rglob("*") if p.is_file())
    if not files:
        print(f"no files under {', '.join(map(str, args.folders))}: nothing to check")
        return 0
    counts: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    newly: list[dict[str, Any]] = []
    changed: list[str] = []
    errors: Counter[str] = Counter()
    for path, folder in files:
        data, kind = path.read_bytes(), _kind(path)
        counts["files"] += 1
        try:
            before: str | None = (old.decode_text if kind == "text" else old.decode_html)(data)
            counts["old_decoded"] += 1
        except TransformError:
            before = None
        started = time.perf_counter()
        try:
            after, charset = decode_document(data, kind=kind)  # type: ignore[arg-type]
        except TransformError as exc:
            errors[type(exc).__name__] += 1
            if before is not None:
                changed.append(f"{path}: decoded before, {type(exc).__name__} now")
            continue
        seconds = time.perf_counter() - started
        counts["new_decoded"] += 1
        sources[charset.source] += 1
        if before is None:
            newly.append(
                {
                    "file": str(path.relative_to(folder.parent)),
                    "charset": charset.name,
                    "source": charset.source,
                    "ms": round(seconds * 1000, 1),
                    "start": after[:80],
                }
            )
        elif before == after:
            counts["same_text"] += 1
        else:
            changed.append(f"{path}: decoded differently")
    report = {
        "against": args.against,
        "folders": [str(f) for f in args.folders],
        **counts,
        "decoded_differently": len(changed),
        "newly_decoded": len(newly),
        "charset_sources": dict(sources),
        "errors": dict(errors),
        "new": newly,
        "changed": changed,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(
        f"{counts['files']} files: {counts['old_decoded']} decoded by {args.against}, {counts['new_decoded']} now; "
        f"{counts['same_text']} to the same text, {len(changed)} differently, {len(newly)} newly"
    )
    print(f"charset sources now: {dict(sources)}; errors left: {dict(errors)}")
    for item in newly:
        print(f"  new: {item['file']}  {item['charset']} ({item['source']}, {item['ms']} ms)  {item['start']!r}")
    for line in changed:
        print(f"  CHANGED: {line}")
    print(f"wrote {RESULTS.relative_to(REPO)}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
