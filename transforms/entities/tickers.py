"""Stock tickers in a company's press release: "Lockheed Martin (NYSE: LMT)" writes the company's ticker
after its name; the ticker there and wherever the article writes it in the same form is that company,
not an organization of its own."""

from __future__ import annotations

import re
from dataclasses import replace

from transforms.entities.compounds import LEGAL_TAIL
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
        owner = next((c for c in out if c.type == "ORG" and _just_before(text, c, match.start())), None)
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


def _just_before(text: str, c: Candidate, start: int) -> bool:
    """Whether ``c`` ends right before ``start`` (a closing quote or bracket between, "Acme Group ("Acme")
    (NYSE: ACG)"), or before its legal form that does ("TransDigm Group Incorporated (NYSE: TDG)", the
    gazetteer's name without the form)."""
    between = text[c.end : start].rstrip().rstrip("\"”’')").rstrip() if c.end <= start else None
    return between is not None and (not between or LEGAL_TAIL.fullmatch(between) is not None)
