"""What the XML parser says about real feeds: ``transforms.formats.feeds.parse_feed`` over ``../shared/eval/feeds``.

For every saved feed: the items read, and the parser problems (``transforms.formats.xmlsafe.ParseProblem``),
fatal (content may be lost: ``flows.acquire.web`` turns the feed into a ``PartialFeed`` reject) or recovered.
Prints the totals and each feed with a problem; writes bench/results/feed_problems.json.

    .venv/bin/python bench/feed_problems.py [FOLDER]      # default: ../shared/eval/feeds
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from transforms.formats.feeds import FeedError, parse_feed  # noqa: E402

RESULTS = REPO / "bench" / "results" / "feed_problems.json"


def _feeds(folder: Path) -> list[Path]:
    """The saved feeds: every file but the licences, notes and the expected-parse JSON of rss-parser."""
    return [
        p
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name not in ("LICENSE", "SOURCE.md") and "/test/output/" not in p.as_posix()
    ]


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "eval" / "feeds"
    rows = []
    for path in _feeds(folder):
        name = path.relative_to(folder).as_posix()
        try:
            feed = parse_feed(path.read_bytes(), "https://feeds.example/" + path.name)
        except FeedError as exc:
            rows.append({"feed": name, "error": exc.message})
            continue
        rows.append(
            {
                "feed": name,
                "items": len(feed.items),
                "fatal": [f"{p.code}: {p}" for p in feed.fatal_problems],
                "recovered": sorted({p.code for p in feed.problems if p.severity == "recovered"}),
            }
        )
    parsed = [r for r in rows if "error" not in r]
    summary = {
        "files": len(rows),
        "feeds_parsed": len(parsed),
        "not_feeds": len(rows) - len(parsed),
        "items": sum(r["items"] for r in parsed),
        "feeds_with_fatal_problems": sum(1 for r in parsed if r["fatal"]),
        "feeds_with_recovered_problems_only": sum(1 for r in parsed if r["recovered"] and not r["fatal"]),
        "feeds_without_problems": sum(1 for r in parsed if not r["fatal"] and not r["recovered"]),
    }
    for key, value in summary.items():
        print(f"{key:36} {value}")
    for row in parsed:
        if row["fatal"] or row["recovered"]:
            print(f"  {row['feed']}: {row['items']} items; fatal {row['fatal']}; recovered {row['recovered']}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"summary": summary, "feeds": rows}, indent=1) + "\n")


if __name__ == "__main__":
    main()
