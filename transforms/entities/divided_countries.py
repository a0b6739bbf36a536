"""The halves of a divided country named by their compass word alone: in an article that names both North
Korea and South Korea, "the North" is North Korea and "the South" South Korea (the usage of Korean and wire
news). The word must follow "the" and come before no capitalised word ("the North Pole", "the South China Sea"
are other names); an article that names only one half, or none, keeps "North" and "South" as they were."""

from __future__ import annotations

import re

from transforms.entities.coreference import Candidate
from transforms.entities.gazetteer import Entry

__all__ = ["country_halves"]

_HALF = re.compile(r"(?<![\w-])(?:[Tt]he|THE)[ \t]+(?P<half>North|South)(?![\w-])(?![ \t]+[A-Z])")


def country_halves(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """``chosen`` with each "the North" and "the South" made the half of a divided country the article names,
    where it names both halves of one country ("North Korea" and "South Korea")."""
    countries = {c.entry.name: c.entry for c in chosen if c.entry is not None and c.entry.subtype == "country"}
    halves: dict[str, Entry] = {}
    for name, entry in countries.items():
        word, _, rest = name.partition(" ")
        other = {"North": "South", "South": "North"}.get(word)
        if other is not None and f"{other} {rest}" in countries:
            halves[word] = entry
    if len(halves) != 2:  # no divided country, or two of them (North and South Korea beside South Sudan)
        return chosen
    out = list(chosen)
    for m in _HALF.finditer(text):
        start, end = m.span("half")
        entry = halves[m.group("half")]
        out = [c for c in out if not (c.start < end and start < c.end)]
        out.append(Candidate(start=start, end=end, type=entry.type, method="rule", rank="rule", entry=entry))
    return sorted(out, key=lambda c: c.start)
