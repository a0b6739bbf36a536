"""Majority types: the model types the mentions of one name in one article differently, and a name it types an
organization at least twice, and twice as often as otherwise, is an organization at every model mention."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from transforms.entities.coreference import Candidate

__all__ = ["majority_types"]

_VOTING = frozenset({"PERSON", "ORG", "GPE", "LOC"})  # the model types an organization's mentions may outvote


def majority_types(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` with each model span of a name the model types an organization at least twice, and twice as
    often as it types it otherwise, made an organization ("UC Global" a place once, an organization 32 times).
    Only towards an organization: a company the model sometimes reads as a person or a place is common in
    business news, while a person's or a place's name typed an organization twice is more often the model's
    error than the person's ("Anheuser"), and overruling it turned people and teams into places."""
    kinds: dict[str, Counter[str]] = {}
    for cand in cands:
        if cand.model_only and cand.type in _VOTING:
            kinds.setdefault(text[cand.start : cand.end], Counter())[cand.type] += 1
    out = []
    for cand in cands:
        votes = kinds.get(text[cand.start : cand.end]) if cand.model_only else None
        if votes is not None and len(votes) > 1:
            (top, n), *_ = votes.most_common(1)
            if top == "ORG" != cand.type and n >= 2 and n >= 2 * votes[cand.type]:
                cand = replace(cand, type="ORG")
        out.append(cand)
    return out
