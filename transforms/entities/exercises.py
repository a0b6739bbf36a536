"""Named exercises the model typed as a place, a person or an organization: "the Valiant Shield exercise",
"during Northern Edge 2025 exercises". A name the gazetteers do not know, written right before "exercise" or
"drill", is the exercise's name (OPERATION, subtype military_exercise), with the year that follows it. Known
names stay what they are ("a Navy exercise", "the Indian Ocean exercise")."""

from __future__ import annotations

import re
from dataclasses import replace

from transforms.entities.coreference import Candidate

__all__ = ["exercise_names"]

_NEXT = re.compile(r"(?P<year>[ ]+\d{4})?[ ]+(?:exercise|exercises|drill|drills)\b")
_RETYPED = frozenset({"PERSON", "ORG", "GPE", "LOC", "FACILITY"})


def exercise_names(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` with each unknown model name written before "exercise" made the exercise it names."""
    out = []
    for c in cands:
        after = _NEXT.match(text, c.end) if c.model_only and c.type in _RETYPED else None
        if after is not None and not text[c.start : c.end].isupper():  # "the RCP exercise": an unknown acronym
            end = after.end("year") if after.group("year") else c.end
            c = replace(c, end=end, type="OPERATION", subtype="military_exercise", canonical=text[c.start : end])
        out.append(c)
    return out
