"""Regional offices of a command: "NAVFAC Northwest", "Naval Facilities Engineering Systems Command (NAVFAC)
Northwest", "U.S. Army South".

A known organization whose name ends in a unit noun ("Command", "Army", "Group"), or its acronym, directly
followed by a compass direction or an ocean that no other capitalised word follows, is one name with that word:
the span grows over it and the canonical name is the organization's name and the word. Candidates inside the
grown span (the direction read as an organization, an acronym written in parentheses) are left out. A model
span that is already a known command's name or acronym and the word ("NAVFAC Northwest") takes the same
canonical name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from transforms.entities.coreference import Candidate
from transforms.entities.gazetteer import Entry

__all__ = ["with_region"]

_REGION_WORDS = "North|South|East|West|Northwest|Northeast|Southwest|Southeast|Atlantic|Pacific"
_REGION = re.compile(
    r"(?:[ \t]+\([A-Z][A-Z0-9&]{1,9}\))?[ \t]+"
    rf"({_REGION_WORDS})(?![\w-]|[ \t]+[A-Z0-9])"
)


_ENDS_IN_REGION = re.compile(rf"(?P<body>.+?)[ \t]+(?P<region>{_REGION_WORDS})")


def _none(name: str) -> Entry | None:
    return None


def _named_region(
    text: str, c: Candidate, unit_nouns: frozenset[str], lookup: Callable[[str], Entry | None]
) -> Candidate:
    match = _ENDS_IN_REGION.fullmatch(text, c.start, c.end) if c.type == "ORG" and c.model_only else None
    if match is None:
        return c
    entry = lookup(match["body"])
    if entry is None or entry.type != "ORG" or entry.name.split()[-1] not in unit_nouns:
        return c
    return replace(c, canonical=f"{entry.name} {match['region']}")


def with_region(
    text: str, chosen: list[Candidate], unit_nouns: frozenset[str], lookup: Callable[[str], Entry | None] = _none
) -> list[Candidate]:
    """``chosen`` with each organization that a region word follows grown over it (see the module), and each
    model organization written as a known command and a region word ("NAVFAC Northwest") named so."""
    chosen = [_named_region(text, c, unit_nouns, lookup) for c in chosen]
    grown: dict[int, Candidate] = {}
    for i, c in enumerate(chosen):
        name = c.entry.name if c.entry is not None else c.canonical
        if c.type != "ORG" or not name or name.split()[-1] not in unit_nouns:
            continue
        match = _REGION.match(text, c.end)
        if match is None:
            continue
        grown[i] = replace(c, end=match.end(), entry=None, canonical=f"{name} {match.group(1)}", entity_id=None)
    if not grown:
        return chosen
    out: list[Candidate] = []
    for i, c in enumerate(chosen):
        if i in grown:
            out.append(grown[i])
        elif not any(g.start <= c.start and c.end <= g.end for g in grown.values()):
            out.append(c)
    return out
