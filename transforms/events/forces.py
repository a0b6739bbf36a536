"""The armed force that acts through a ship or a strike group: actor1 of what the ship or group does.

ACLED's convention, which the incident gold follows: the actor is the force ("U.S. Navy"), the ships,
aircraft and units it acts with are how it acted (``platform_or_weapon``). A ship's force is the navy
its prefix names (``data/ship_prefixes.toml``, ``[navies]``: "USS Florida" is the U.S. Navy's); a strike
group's is the force of the ship it is named for, where the article names that ship with its prefix
("Nimitz Carrier Strike Group" and "USS Nimitz (CVN 68)"). The force's entity is the gazetteer's entry of
that name (its id, its country), else the id the entity stage gives an organisation of that name
(``transforms.entities.gazetteer.entity_id``), with the prefix's country.

Nothing is derived from less: a ship with no prefix or one two services share (BRP), a group known by
its number only ("Carrier Strike Group 11") or whose ship the article does not name keeps its own name
as actor1. A definite description with no mention ("the strike group conducted ...") is first linked to
its antecedent (``transforms.events.antecedents``).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from schemas.entities import Entity, Mention
from transforms.entities.gazetteer import Entry, entity_id, load_entries, normalize
from transforms.events.actors import Parties, Party, as_party
from transforms.events.antecedents import antecedent
from transforms.events.cue_words import ship_navies, ship_prefixes
from transforms.events.ships import group_ship, names_of, ship_name, ship_prefix

__all__ = ["Force", "force_of", "with_force"]


@dataclass(frozen=True, slots=True)
class Force:
    """A force that acts through a platform: its entity, canonical name and country, and the entity id of
    the ship that stands for it (None for a strike group: a group is no platform)."""

    entity_id: str
    name: str
    country: str | None
    platform: str | None


@functools.cache
def _organisations() -> dict[str, Entry]:
    return {normalize(e.name).casefold(): e for e in load_entries() if e.type == "ORG"}


def _navy(prefix: str) -> tuple[str, str, str | None] | None:
    """The force a ship prefix names: (entity id, canonical name, country)."""
    name = ship_navies().get(prefix)
    if name is None:
        return None
    entry = _organisations().get(normalize(name).casefold())
    if entry is not None:
        return entry.entity_id, entry.name, entry.country or ship_prefixes().get(prefix)
    return entity_id("ORG", name), name, ship_prefixes().get(prefix)


def force_of(mention: Mention, mentions: Sequence[Mention], entities: Mapping[str, Entity]) -> Force | None:
    """The force of a ship named with its navy's prefix, or of a strike group named for such a ship."""
    prefix = ship_prefix(mention, entities)
    if prefix is not None:
        navy = _navy(prefix)
        return Force(*navy, platform=mention.entity_id) if navy is not None else None
    ship = group_ship(mention, entities)
    if ship is None:
        return None
    navies = {
        navy
        for m in mentions
        if (p := ship_prefix(m, entities)) is not None
        and any(ship_name(n) == ship for n in names_of(m, entities))
        and (navy := _navy(p)) is not None
    }
    if len(navies) != 1:  # the ship is not named, or ships of two navies bear its name: no force
        return None
    return Force(*navies.pop(), platform=None)


def with_force(
    text: str,
    start: int,
    cue_start: int,
    found: Parties,
    mentions: Sequence[Mention],
    entities: Mapping[str, Entity],
) -> Parties:
    """The parties with actor1 the force of the ship or strike group that is the clause's subject; a
    subject said as "the strike group" or "the ship" is its antecedent's. The ship goes to the weapons and
    platforms; where no force is known, the antecedent itself is actor1 and any other subject is kept."""
    subject = found.subject
    if subject is None and found.actor1 is None:
        subject = antecedent(text, start, cue_start, mentions, entities)
        if subject is None:
            return found
        found = replace(found, actor1=as_party(text, subject, entities), subject=subject)
    if subject is None:
        return found
    force = force_of(subject, mentions, entities)
    if force is None:
        return found
    weapons = found.weapons
    if force.platform is not None and force.platform not in weapons:
        weapons = (*weapons, force.platform)
    return replace(
        found,
        actor1=Party(entity_id=force.entity_id, text=force.name, country=force.country, sector="military"),
        weapons=weapons,
    )
