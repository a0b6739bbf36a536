"""What the name of a ship or a strike group says: a ship's navy prefix ("USS") and hull designation
("CVN 68"), and the ship a strike group is named for ("Nimitz Carrier Strike Group": Nimitz).

A name is read on the mention and on its entity's canonical name ("Theodore Roosevelt" is the entity
"USS Theodore Roosevelt (CVN 71)"). The prefixes are those of ``data/ship_prefixes.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from schemas.entities import Entity, Mention
from transforms.events.cue_words import ship_prefixes

__all__ = ["names_of", "ship_prefix", "hull_of", "ship_name", "group_ship", "is_named_group"]

_HULL = re.compile(r"\(\s*([A-Z]{1,5})[\s-]?\d+\s*\)")
_GROUP = re.compile(
    r"^(?P<ship>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*?)\s+(?:(?:Carrier|Expeditionary)\s+)?Strike\s+Group(?:\s+\d+)?$"
)
_NAMED_GROUP = re.compile(r"^\S.*\sStrike\s+Group(?:\s+\d+)?$")


def names_of(mention: Mention, entities: Mapping[str, Entity]) -> tuple[str, ...]:
    """The mention's text and its entity's canonical name."""
    entity = entities.get(mention.entity_id or "")
    return (mention.text, entity.canonical_name) if entity is not None else (mention.text,)


def ship_prefix(mention: Mention, entities: Mapping[str, Entity]) -> str | None:
    """The navy prefix the ship is named with ("USS"), on its mention or its canonical name; None for a
    name with no known prefix ("Admiral Kuznetsov", "the frigate")."""
    if mention.type != "PLATFORM":
        return None
    for name in names_of(mention, entities):
        first, _, rest = name.partition(" ")
        if rest and first in ship_prefixes():
            return first
    return None


def hull_of(mention: Mention, entities: Mapping[str, Entity]) -> str | None:
    """The letters of the ship's hull designation ("USS Nimitz (CVN 68)": CVN), where its name gives one."""
    for name in names_of(mention, entities):
        found = _HULL.search(name)
        if found:
            return found.group(1)
    return None


def ship_name(name: str) -> str:
    """A ship's name without its prefix and hull designation: "USS Nimitz (CVN 68)" -> "Nimitz"."""
    first, _, rest = name.partition(" ")
    if rest and first in ship_prefixes():
        name = rest
    return _HULL.sub("", name).strip()


def is_named_group(mention: Mention) -> bool:
    """A strike group named as such ("Nimitz Strike Group", "Carrier Strike Group 11"), not the bare
    words "Strike Group"."""
    return mention.type == "ORG" and _NAMED_GROUP.match(mention.text) is not None


def group_ship(mention: Mention, entities: Mapping[str, Entity]) -> str | None:
    """The ship a strike group is named for ("Nimitz Carrier Strike Group": "Nimitz"); None for a group
    known by its number only ("Carrier Strike Group 11")."""
    if mention.type != "ORG":
        return None
    for name in names_of(mention, entities):
        found = _GROUP.match(name)
        if found and found.group("ship") not in ("Carrier", "Expeditionary", "The"):
            return found.group("ship")
    return None
