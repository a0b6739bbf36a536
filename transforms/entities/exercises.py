"""Named exercises the model typed as a place, a person or an organization: "the Valiant Shield exercise",
"during Northern Edge 2025 exercises". A name the gazetteers do not know, written right before "exercise" or
"drill", is the exercise's name (OPERATION, subtype military_exercise), with the year that follows it; so is a
model name closed by a capitalised "Exercise", with the iteration's number after it ("Warfighter Exercise
21-01"). Known names stay what they are ("a Navy exercise", "the Indian Ocean exercise"). An operation named
in full ("Operation Silent Sentry") is also named by the words after "Operation" alone ("the Silent Sentry
team"), whatever the model typed them."""

from __future__ import annotations

import re
from dataclasses import replace

from transforms.entities.coreference import Candidate

__all__ = ["exercise_names"]

_NEXT = re.compile(r"(?P<year>[ ]+\d{4})?[ ]+(?:exercise|exercises|drill|drills)\b")
_RETYPED = frozenset({"PERSON", "ORG", "GPE", "LOC", "FACILITY"})
_ITERATION = re.compile(r"[ ]+\d{2,4}(?:-\d{1,3})?\b(?![.,]\d)")  # "Warfighter Exercise 21-01", "... 2025"
_HEADS = frozenset({"Exercise", "Exercises"})


def exercise_names(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` with each unknown model name written before "exercise", or closed by a capitalised "Exercise"
    ("Warfighter Exercise 21-01"), made the exercise it names."""
    operations = {
        text[c.start : c.end].split(None, 1)[1]: c
        for c in cands
        if c.type == "OPERATION" and not c.model_only and text[c.start : c.end].startswith("Operation ")
    }
    out = []
    for c in cands:
        if c.model_only and c.type in _RETYPED:
            end = _exercise_end(text, c)
            full = operations.get(text[c.start : c.end])
            if end is not None:
                c = replace(c, end=end, type="OPERATION", subtype="military_exercise", canonical=text[c.start : end])
            elif full is not None:  # "the Silent Sentry team" after "Operation Silent Sentry"
                c = replace(c, type="OPERATION", entry=full.entry, canonical=full.canonical, subtype=full.subtype)
        out.append(c)
    return out


def _exercise_end(text: str, c: Candidate) -> int | None:
    """Where the exercise a model name names ends: with the year of "<name> 2025 exercise", or with the iteration's
    number of "Warfighter Exercise 21-01"; ``None`` if the name names no exercise."""
    after = _NEXT.match(text, c.end)
    if after is not None and not text[c.start : c.end].isupper():  # "the RCP exercise": an unknown acronym
        return after.end("year") if after.group("year") else c.end
    if _named_exercise(text[c.start : c.end]):
        number = _ITERATION.match(text, c.end)
        return number.end() if number is not None else c.end
    return None


def _named_exercise(surface: str) -> bool:
    """A name of two words or more closed by "Exercise" ("Warfighter Exercise"), not the word alone."""
    words = surface.split()
    return len(words) > 1 and words[-1] in _HEADS
