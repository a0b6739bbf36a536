"""A U.S. state's abbreviation standing alone as a place: the "N.D." of "GRAND FORKS AIR FORCE BASE, N.D.", the
"Colo." of "U.S. AIR FORCE ACADEMY, Colo." after a base or an academy (a town before it takes the state into
its own name: "Fort Carson, Colorado"). It is that state, with the state's entry, not a place named "N.D."."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from transforms.entities.coreference import Candidate
from transforms.entities.gazetteer import Entry

__all__ = ["spelled_states"]


def spelled_states(
    text: str, chosen: list[Candidate], state_names: Mapping[str, str], states: Mapping[str, Entry]
) -> list[Candidate]:
    """``chosen`` with each unresolved place written as a state's abbreviation ("N.D.", "Colo.") made that
    state (``state_names``: abbreviation -> state name; ``states``: state name -> the U.S. state's entry, so
    that "Ga." is the state of Georgia, not the country)."""
    out = []
    for c in chosen:
        surface = text[c.start : c.end]
        name = state_names.get(surface) if c.type == "GPE" and c.entry is None and surface.endswith(".") else None
        entry = states.get(name) if name is not None else None
        if entry is not None:
            c = replace(c, entry=entry, canonical=None, subtype=entry.subtype, country=entry.country)
        out.append(c)
    return out
