"""The shared part of the ``make_blind*.py`` scripts: from mentions listed by hand in reading order, find each
offset as the next whole-word occurrence of the surface, check the spans, list the annotated surfaces' other
occurrences that no span covers, and write the gold file (the line format of ``README.md``)."""

from __future__ import annotations

import json
import re
from pathlib import Path

# a mention: (surface, (type, canonical, country, wikidata)) or the same with the person's title after it
Mention = tuple


def org(canonical: str, country: str | None = "USA", qid: str | None = None) -> tuple:
    """An organization's (type, canonical, country, wikidata)."""
    return ("ORG", canonical, country, qid)


def per(canonical: str) -> tuple:
    """A U.S. person's (type, canonical, country, wikidata)."""
    return ("PERSON", canonical, "USA", None)


def loc(canonical: str, country: str | None = None, qid: str | None = None) -> tuple:
    """A place's (LOC) (type, canonical, country, wikidata)."""
    return ("LOC", canonical, country, qid)


def whole_word(surface: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", flags)


def write_gold(mentions: dict[str, list[Mention]], eval_dir: Path, out: Path) -> None:
    """Find, check and write the mentions of every document of ``mentions`` (paths under ``eval_dir``)."""
    rows = []
    for doc in sorted(mentions):
        text = (eval_dir / doc).read_text(encoding="utf-8")
        pos = 0
        spans = []
        for item in mentions[doc]:
            surface, (typ, canon, country, qid) = item[0], item[1]
            title = item[2] if len(item) > 2 else None
            m = whole_word(surface).search(text, pos)
            assert m, (doc, surface, pos)
            s, e = m.start(), m.end()
            assert text[s:e] == surface
            if title:
                assert typ == "PERSON"
            spans.append((s, e))
            rows.append(
                dict(
                    doc=doc,
                    start=s,
                    end=e,
                    text=surface,
                    type=typ,
                    canonical=canon,
                    country=country,
                    wikidata=qid,
                    title=title,
                )
            )
            pos = e
        spans.sort()
        for (a, b), (c, d) in zip(spans, spans[1:]):
            assert b <= c, (doc, a, b, c, d)
        # uncovered whole-word (case-insensitive) occurrences of annotated surfaces
        for surface in sorted({it[0] for it in mentions[doc]}):
            for m in whole_word(surface, re.I).finditer(text):
                if not any(a <= m.start() and m.end() <= b for a, b in spans):
                    ctx = text[max(0, m.start() - 30) : m.end() + 30].replace("\n", " ")
                    print("UNCOVERED", doc[31:34], m.start(), repr(m.group()), "|", ctx)

    rows.sort(key=lambda r: (r["doc"], r["start"]))
    with out.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(len(rows), "mentions written")
