"""Names the statistical model cut at a hyphen: "Morrish" and "Wallace Construction Inc." of
"Morrish-Wallace Construction Inc.", "Domain Operations" of "Joint All-Domain Operations", "Indo" of
"Indo-Asia-Pacific". Two model spans that meet at a hyphen are one name; a model span that is one piece of a
hyphenated capitalised compound whose other piece no name covers is no name of its own: dropped when it
follows the hyphen ("Domain Operations"), or when it is one word before it ("Indo", "Extended" of
"Extended-Range"). A longer name before the hyphen stays ("Rock Island Arsenal-Joint Manufacturing and
Technology Center"), as do people, never joined either ("the Alito-Prelogar exchange" names two), and a
name after an Arabic article ("al-", "Al-": "Al-Shabaab").
"""

from __future__ import annotations

import re

from transforms.entities.coreference import Candidate

__all__ = ["join_compounds"]

_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "bin", "ibn", "abu"})
_DROPPED = frozenset({"ORG", "FACILITY"})  # places and people keep their pieces ("Iran-Iraq")
_PIECE_BEFORE = re.compile(r"([A-Za-z][\w.]*)-$")  # "All-" before a span


def _model_name(c: Candidate) -> bool:
    return c.method == "model" and c.entry is None


def _piece_after(text: str, c: Candidate) -> bool:
    """The span follows a capitalised word and a hyphen ("All-" before "Domain Operations")."""
    before = _PIECE_BEFORE.search(text[max(0, c.start - 30) : c.start])
    return before is not None and before.group(1)[0].isupper() and before.group(1).lower() not in _ARTICLES


def _piece_before(text: str, c: Candidate) -> bool:
    """A one-word span before a hyphen and a capitalised word ("Indo-Asia", "Extended-Range")."""
    return re.match(r"-[A-Z]", text[c.end : c.end + 2]) is not None and " " not in text[c.start : c.end]


def join_compounds(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` with model spans that meet at a hyphen joined and lone pieces of hyphenated names dropped."""
    models = {c.start: c for c in cands if _model_name(c)}
    out: list[Candidate] = []
    used: set[int] = set()
    for c in sorted(cands, key=lambda c: c.start):
        if id(c) in used:
            continue
        following = models.get(c.end + 1) if _model_name(c) and text[c.end : c.end + 1] == "-" else None
        if following is not None and "PERSON" not in (c.type, following.type):  # "the Alito-Prelogar exchange"
            longer = following if following.length >= c.length else c
            out.append(Candidate(start=c.start, end=following.end, type=longer.type, method="model", rank="model"))
            used |= {id(c), id(following)}
            continue
        if _model_name(c) and c.type in _DROPPED and (_piece_after(text, c) or _piece_before(text, c)):
            continue
        out.append(c)
    return out
