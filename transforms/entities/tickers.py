"""Stock tickers in a company's press release: "Lockheed Martin (NYSE: LMT)" writes the company's ticker
after its name; the ticker there and wherever the article writes it in the same form is that company,
not an organization of its own."""

from __future__ import annotations

import re
from dataclasses import replace

from transforms.entities.coreference import Candidate
from transforms.entities.spans import span_name

__all__ = ["ticker_mentions"]

_TICKER = re.compile(
    r"\(\s*(?:NYSE(?:\s+American)?|NASDAQ|Nasdaq|LSE|TSX|Euronext(?:\s+Paris)?|ASX|TSE|KRX)\s*:\s*"
    r"(?P<ticker>[A-Z][A-Z.]{0,5})\s*\)"
)


def ticker_mentions(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """``chosen`` with each ticker written after an organization's name made a mention of that organization
    (replacing what the model made of the letters)."""
    out = list(chosen)
    for match in _TICKER.finditer(text):
        owner = next(
            (c for c in out if c.type == "ORG" and c.end <= match.start() and not text[c.end : match.start()].strip()),
            None,
        )
        if owner is None:
            continue
        if owner.entry is None and owner.canonical is None:  # the company's name, as the ticker's too
            owner = replace(owner, canonical=span_name(text, owner.start, owner.end))
        start, end = match.span("ticker")
        out = [c for c in out if not (c.start < end and start < c.end)]
        out.append(replace(owner, start=start, end=end, method="rule", rank="acronym", title=None))
        out = [  # the ticker again ("Shares of LMT rose"): the company, whatever the model made of it
            replace(owner, start=c.start, end=c.end, method="rule", rank="acronym", title=None)
            if c.model_only and text[c.start : c.end] == match.group("ticker")
            else c
            for c in out
        ]
    return sorted(out, key=lambda c: c.start)
