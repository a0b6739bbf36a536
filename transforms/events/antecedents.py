"""What a definite description that opens a clause stands for: "the strike group", "the carrier", "the
ship", "the squadron" is the most recent mention of that kind earlier in the article.

The kinds: a strike group named as such ("Nimitz Strike Group", not the bare "Strike Group"); a ship
named with its navy's prefix ("USS Howard (DDG 83)"), of the class the noun says where it says one (a
carrier: hull CV or CVN, or an aircraft carrier entity; a destroyer: DD or DDG; ...); a squadron named as
such ("Strike Fighter Squadron 147"). The description must be the clause's subject: it opens the
clause (after an opening phrase and its comma, a dateline's dash or a joining "and" at most) and is no
possessive ("the ship's crew"). No earlier mention of the kind, or an unnamed one said after it ("a
Chinese survey vessel ... the vessel"): no antecedent, nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from schemas.entities import Entity, Mention
from transforms.events.ships import hull_of, is_named_group, names_of, ship_prefix

__all__ = ["antecedent", "description_kind"]

_DESCRIPTION = re.compile(
    r"\b[Tt]he\s+(?:[a-z][a-z-]*\s+){0,2}"
    r"(?P<noun>strike group|carrier|ship|vessel|warship|destroyer|cruiser|frigate|submarine|squadron)"
    r"(?![\w-]|['’]s\b)"
)
_OPENING_END = (",", "–", "—", "-", ";", ":")
_JOINING = frozenset({"and", "but", "while", "then", "and then", "later", "and later"})
_HULLS = {
    "carrier": ("CV", "CVN"),
    "destroyer": ("DD", "DDG"),
    "cruiser": ("CG",),
    "frigate": ("FF", "FFG"),
    "submarine": ("SSN", "SSBN", "SSGN", "SS", "SSK"),
}
_SUBTYPES = {
    "carrier": "aircraft_carrier",
    "destroyer": "destroyer",
    "cruiser": "cruiser",
    "frigate": "frigate",
    "submarine": "submarine",
}
_SQUADRON = re.compile(r"\bSquadron(?:\s+\([A-Z-]+\))?(?:\s+\d+)?$")


def description_kind(text: str, start: int, cue_start: int) -> tuple[str, int] | None:
    """The noun of the definite description that opens the clause ``text[start:cue_start]`` and where the
    description starts, or None."""
    found = _DESCRIPTION.search(text, start, cue_start)
    if found is None:
        return None
    opening = text[start : found.start()].strip()
    if opening and not opening.endswith(_OPENING_END) and opening.strip(" ,").lower() not in _JOINING:
        return None  # "Aircraft from the strike group flew ...": the description is no subject
    return found.group("noun"), found.start()


def _of_kind(noun: str, entities: Mapping[str, Entity]) -> Callable[[Mention], bool]:
    def ship(m: Mention) -> bool:
        if ship_prefix(m, entities) is None:
            return False
        if noun not in _HULLS:  # "the ship", "the vessel", "the warship"
            return True
        entity = entities.get(m.entity_id or "")
        return hull_of(m, entities) in _HULLS[noun] or (entity is not None and entity.subtype == _SUBTYPES[noun])

    if noun == "strike group":
        return is_named_group
    if noun == "squadron":
        return lambda m: m.type == "ORG" and any(_SQUADRON.search(n) for n in names_of(m, entities))
    return ship


def antecedent(
    text: str, start: int, cue_start: int, mentions: Sequence[Mention], entities: Mapping[str, Entity]
) -> Mention | None:
    """The mention a definite description opening the clause stands for: the most recent one of its kind
    before it in the article, or None."""
    described = description_kind(text, start, cue_start)
    if described is None:
        return None
    noun, at = described
    kind = _of_kind(noun, entities)
    earlier = [m for m in mentions if m.end <= at and kind(m)]
    if not earlier:
        return None
    last = max(earlier, key=lambda m: m.start)
    other = re.compile(rf"\b(?:an?|another|one)\s+(?:[\w-]+\s+){{0,3}}?{noun}\b", re.IGNORECASE)
    if other.search(text, last.end, at):  # "a Chinese survey vessel ... the vessel": another one, unnamed
        return None
    return last
