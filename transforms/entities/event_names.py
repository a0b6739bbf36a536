"""Places inside the names of awards, cups, festivals and works.

- A place followed by capitalised words that end in an award's or a cup's head noun is a word of that name:
  "Africa" of "the Africa Movie Academy Award", "U.S." of "the U.S. Open", "Asia" of "the Asia Cup".
- A place right after a capitalised verb in "-ing" inside a sentence ends a title: "Killing Gaza" (a film),
  "Losing Iraq" (a book). Running text writes such a verb in lower case ("after killing two people in Gaza");
  a sentence that opens with it ("Visiting Kabul, the secretary ...") is left alone.

Neither is a mention of the place: its Wikidata item would be wrong (the award is not Africa, the film is not
Gaza).

An award is no entity of sitrep's types, and neither are the words of its name: a name the model found (no
gazetteer entry behind it) that ends in an award's head noun ("Intelligence Community Seal Medallion"), that
capitalised words ending in one follow ("Defense Performance-Based" of "... Performance-Based Logistics (PBL)
Award") or that names the award's category ("Best Actress" of "Award for Best Actress in a Leading Role") is
dropped. A known body inside the name stays ("Army" of "Army Achievement Medal").
"""

from __future__ import annotations

import re

from transforms.entities.coreference import Candidate

__all__ = ["award_words", "places_in_event_names"]

_NAME_END = re.compile(
    r"(?:[ ]+(?:of|for|and|de)?[ ]*[A-Z][\w'’.-]*){0,4}?[ ]+"
    r"(?:Award|Awards|Prize|Prizes|Cup|Festival|Championship|Championships|Games|Open|Trophy|Marathon)\b"
)
_AWARD = r"(?:Award|Prize|Medal|Medallion|Trophy|Ribbon)"
_ENDS_AWARD = re.compile(rf"\b{_AWARD}$")
_AWARD_AFTER = re.compile(rf"(?:[ ]+(?:of|for|and|the)?[ ]*(?:[A-Z][\w'’.-]*|\([A-Z]{{2,8}}\))){{0,5}}?[ ]+{_AWARD}\b")
# the category after an award's name: "Award for Best Actress in a Leading Role", "Prize for Peace"
_CATEGORY = re.compile(
    rf"\b{_AWARD}s?[ ]+for[ ]+(?:the[ ]+)?[A-Z][\w'’-]*(?:[ ]+(?:in|of|a|an|the|and|[A-Z][\w'’-]*))*"
)
# a capitalised "-ing" word of 6+ letters after a word or a comma of the same sentence, then one space
_TITLE_VERB = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{2,}ing $")
_PLACES = frozenset({"GPE", "LOC"})


def _in_title(text: str, place: Candidate, chosen: list[Candidate]) -> bool:
    verb = _TITLE_VERB.search(text, max(0, place.start - 40), place.start)
    if verb is None:
        return False
    # the word is no name of its own ("Reading", "Sterling", "Beijing" as places)
    return not any(c.start <= verb.start() < c.end for c in chosen)


def places_in_event_names(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """``chosen`` without the places that open the name of an award, a cup or a festival, or end a title."""
    return [
        c
        for c in chosen
        if c.type not in _PLACES or (_NAME_END.match(text, c.end) is None and not _in_title(text, c, chosen))
    ]


def award_words(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """``chosen`` without the model's names that are an award or words of an award's name (see the module)."""
    categories = [m.span() for m in _CATEGORY.finditer(text)]
    return [
        c
        for c in chosen
        if not c.model_only
        or not (
            _ENDS_AWARD.search(text, c.start, c.end)
            or _AWARD_AFTER.match(text, c.end)
            or any(s < c.start and c.end <= e for s, e in categories)
        )
    ]
