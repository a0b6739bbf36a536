"""Place names with a lower-case particle inside ("Dar es Salaam", "Dar-es-Salaam", "Rio de Janeiro", "Port of
Spain"), which the model reads as two names around the particle: rejoined when the whole is a place the
gazetteer knows."""

from __future__ import annotations

import re
from collections.abc import Callable

from transforms.entities.coreference import Candidate
from transforms.entities.gazetteer import Entry

__all__ = ["rejoin_places"]

_PARTICLES = re.compile(r"[ \t-]+(?:[a-z]{1,3}[ \t-]+){1,2}")


def rejoin_places(text: str, cands: list[Candidate], lookup: Callable[[str], Entry | None]) -> list[Candidate]:
    """``cands`` with two model spans around a particle replaced by the place they name together."""
    ordered = sorted(cands, key=lambda c: c.start)
    out: list[Candidate] = []
    i = 0
    while i < len(ordered):
        a = ordered[i]
        b = ordered[i + 1] if i + 1 < len(ordered) else None
        if b is not None and a.method == "model" and b.method == "model" and _PARTICLES.fullmatch(text, a.end, b.start):
            whole = text[a.start : b.end]
            entry = lookup(whole) or lookup(whole.replace("-", " "))  # "Dar-es-Salaam"
            if entry is not None and entry.type in ("GPE", "LOC"):
                out.append(
                    Candidate(start=a.start, end=b.end, type=entry.type, method="model", rank="model", entry=entry)
                )
                i += 2
                continue
        out.append(a)
        i += 1
    return out
