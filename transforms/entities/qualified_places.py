"""Places the statistical model took for people because a country follows them: "Abu Dhabi, United Arab
Emirates;" and "Hamad, Qatar;" in a list of port visits. A model "person" with no title, followed by a comma
and a country the article names there, then by the end of the list item (";", ",", ".", "and"), is a town of
that country, when it is an item of a list of places (a semicolon after the country, or before the name) or
follows a locative word ("in", "at", "from"): the gazetteer's town where it knows one of that country, else
a town by that name in that country. "Ali Hassan, Iraq's envoy" and "John Smith, Britain, and others" stay
people.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from transforms.entities.coreference import Candidate
from transforms.entities.gazetteer import Entry

__all__ = ["qualified_places"]

_ITEM_END = re.compile(r"\s*(?:[;,.)]|and\b|$)")
_LIST_AFTER = re.compile(r"\s*;")
_BEFORE = re.compile(r"(?:;\s+(?:and\s+)?|\b(?:in|at|from|to|near|visited|visiting)\s+)$")


def _placed(text: str, c: Candidate, country: Candidate) -> bool:
    """The name is an item of a list of places ("...; Hamad, Qatar; ...") or follows a locative word."""
    if _ITEM_END.match(text, country.end) is None:
        return False
    return (
        _LIST_AFTER.match(text, country.end) is not None
        or _BEFORE.search(text[max(0, c.start - 12) : c.start]) is not None
    )


def qualified_places(text: str, chosen: list[Candidate], lookup: Callable[[str], Entry | None]) -> list[Candidate]:
    """``chosen`` with each untitled model person followed by ", <country>" at the end of a list item a town of
    that country; a town the model found unknown to the gazetteers gets the country too ("Duqm, Oman")."""
    countries = {c.start: c for c in chosen if c.entry is not None and c.entry.subtype == "country"}
    out: list[Candidate] = []
    for c in chosen:
        country = countries.get(c.end + 2) if text[c.end : c.end + 2] == ", " else None
        if (
            country is not None
            and (c.type == "PERSON" or (c.type == "GPE" and c.entry is None))
            and c.method == "model"
            and c.title is None
            and _placed(text, c, country)
        ):
            iso = country.entry.country if country.entry is not None else None
            found = lookup(text[c.start : c.end])
            found = found if found is not None and found.type == "GPE" and found.country == iso else None
            c = replace(c, type="GPE", entry=found, subtype="city", country=iso, canonical=None, entity_id=None)
        out.append(c)
    return out
