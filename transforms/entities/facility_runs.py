"""A facility's name the model cut before its head noun: "Ronald Reagan Ballistic| Missile Defense Test Site",
"Trump| Tower". Where a model span is followed, in the same run of capitalised words, by at most four more
capitalised words the last of which is a facility's head ("Site", "Facility", "Tower": ``FACILITY_HEADS``), the
whole run is one FACILITY, and the model's spans inside it are left out."""

from __future__ import annotations

import re
from dataclasses import replace

from transforms.entities.coreference import Candidate
from transforms.entities.entity_types import FACILITY_HEADS

__all__ = ["facility_runs"]

_RUN = re.compile(r"(?:[ \t]+[A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,4}\b(?![ \t]*[-–][A-Z]|[ \t]+[A-Z])")
_HEADS = FACILITY_HEADS - {"Base", "Complex", "Field", "Drive"}  # "Industrial Base", "Mark Field": too often no site


def facility_runs(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` with each model span cut before a facility's head grown to the head (see the module)."""
    grown: list[Candidate] = []
    for c in cands:
        if not c.model_only or c.type not in ("PERSON", "ORG", "GPE", "LOC"):
            continue
        run = _RUN.match(text, c.end)
        if run is None or run.group().split()[-1] not in _HEADS:
            continue
        grown.append(replace(c, end=run.end(), type="FACILITY", entry=None, canonical=None))
    if not grown:
        return cands
    grown = [g for g in grown if not any(o.start < g.start and g.end == o.end for o in grown)]  # "Missile| Test Site"
    inside = [c for c in cands if c.model_only and any(g.start <= c.start and c.end <= g.end for g in grown)]
    return [c for c in cands if c not in inside] + grown
