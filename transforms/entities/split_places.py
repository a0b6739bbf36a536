"""Place names the model cut or joined wrongly.

- A lower-case particle inside ("Dar es Salaam", "Dar-es-Salaam", "Rio de Janeiro", "Port of Spain"): the model
  reads two names around the particle; rejoined when the whole is a place the gazetteer knows.
- Two places joined by a hyphen ("the U.S.-Japan alliance", "the Russia-Ukraine war"): the model reads one
  name; split into the two places when the gazetteer knows both.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from transforms.entities.coreference import Candidate
from transforms.entities.gazetteer import Entry

__all__ = ["rejoin_places", "split_place_pairs"]

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


_PAIR = re.compile(r"(?P<a>[A-Z][\w.'’]*(?: [A-Z][\w.'’]*)?)-(?P<b>[A-Z][\w.'’]*(?: [A-Z][\w.'’]*)?)")
_PLACES = frozenset({"GPE", "LOC"})


def split_place_pairs(text: str, cands: list[Candidate], lookup: Callable[[str], Entry | None]) -> list[Candidate]:
    """``cands`` with each model name that is two known places joined by a hyphen made the two places."""
    out: list[Candidate] = []
    for c in cands:
        pair = _PAIR.fullmatch(text, c.start, c.end) if c.model_only else None
        found = [(k, lookup(pair.group(k))) for k in ("a", "b")] if pair is not None else []
        places = [(k, e) for k, e in found if e is not None and e.type in _PLACES]
        if pair is None or len(places) < 2:
            out.append(c)
            continue
        for k, entry in places:
            out.append(
                Candidate(
                    start=pair.start(k), end=pair.end(k), type=entry.type, method="model", rank="model", entry=entry
                )
            )
    return out
