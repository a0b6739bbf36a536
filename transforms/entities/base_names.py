"""A base or a town named again by its short name: "Cannon" after "Cannon Air Force Base" ("Cannon's
maintainers"), "Fairchild" after "Fairchild AFB", "Fort Carson" after the dateline "FORT CARSON, Colo.". The
model reads such a short name as a person (or, for a base, an organization); it is the place the article
named in full.

A name that is also the surname of a person the article names in full ("Maj. Gen. Lee Carson" beside Fort
Carson's "Carson") is left to the person rules.
"""

from __future__ import annotations

import re
from dataclasses import replace

from transforms.entities.coreference import Candidate
from transforms.entities.gazetteer import normalize
from transforms.entities.spans import TRAILING

__all__ = ["base_short_names"]

_BASE = re.compile(
    r"^(?P<name>(?:[A-Z][\w'’.-]*\s+){0,2}[A-Z][\w'’.-]*)\s+(?:Air Force Base|Air Base|AFB|Air National Guard Base|"
    r"Space Force Base|Naval Air Station|Naval Station|Army Airfield|Marine Corps Base|Marine Corps Air Station)$"
)
_PLACES = frozenset({"FACILITY", "GPE", "LOC"})
_PERSON_OR_ORG = frozenset({"PERSON", "ORG"})
_PERSON = frozenset({"PERSON"})


def _short_name(text: str, c: Candidate) -> tuple[str, frozenset[str]] | None:
    """The short name of the place ``c`` and the model types it replaces: a base's name replaces a person or
    an organization ("Cannon's maintainers"); a town's name of two words or more only a person (an
    organization so named is often the town's team or government: "New York 3, California 14")."""
    name = c.entry.name if c.entry is not None else (c.canonical or text[c.start : c.end])
    base = _BASE.match(name)
    if base is not None:
        return base.group("name"), _PERSON_OR_ORG
    head = name.split(",")[0]
    head = head.title() if head.isupper() else head  # a dateline in capitals: "FORT CARSON, Colo."
    return (head, _PERSON) if " " in head else None  # "Fort Carson, Colorado"; names of one word stay


def base_short_names(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """``chosen`` with each model person or organization that is the short name of a base the article names
    in full, and each model person that is the name of a town the article qualifies ("Fort Carson, Colo."),
    made a mention of that place."""
    places: dict[str, tuple[Candidate, frozenset[str]]] = {}
    for c in chosen:
        if c.type in _PLACES and not c.model_only:
            short = _short_name(text, c)
            if short is not None:
                places.setdefault(short[0], (c, short[1]))
    if not places:
        return chosen
    surnames = {
        " ".join(words[i:])
        for c in chosen
        if c.type == "PERSON" and len(words := text[c.start : c.end].split()) >= 2
        for i in range(1, len(words))
    }
    out = []
    for c in chosen:
        place, types = places.get(text[c.start : c.end], (None, frozenset()))
        if place is not None and c.model_only and c.type in types and text[c.start : c.end] not in surnames:
            canonical = place.canonical or normalize(TRAILING.sub("", text[place.start : place.end]))
            c = replace(c, type=place.type, entry=place.entry, canonical=canonical, subtype=place.subtype)
        out.append(c)
    return out
