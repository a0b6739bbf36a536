"""Places inside the names of awards, cups and festivals: "Africa" of "the Africa Movie Academy Award", "U.S." of
"the U.S. Open", "Asia" of "the Asia Cup". A place followed by capitalised words that end in such a head noun is
a word of that name, not a mention of the place (its Wikidata item would be wrong: the award is not Africa).
"""

from __future__ import annotations

import re

from transforms.entities.coreference import Candidate

__all__ = ["places_in_event_names"]

_NAME_END = re.compile(
    r"(?:[ ]+(?:of|for|and|de)?[ ]*[A-Z][\w'’.-]*){0,4}?[ ]+"
    r"(?:Award|Awards|Prize|Prizes|Cup|Festival|Championship|Championships|Games|Open|Trophy|Marathon)\b"
)
_PLACES = frozenset({"GPE", "LOC"})


def places_in_event_names(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """``chosen`` without the places that open the name of an award, a cup or a festival."""
    return [c for c in chosen if c.type not in _PLACES or _NAME_END.match(text, c.end) is None]
