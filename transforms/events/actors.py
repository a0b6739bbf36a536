"""The parties of an incident: who acted (actor1), on whom (actor2), with what, and where, read from the
entity mentions of the sentence that reports it and their place around the cue word.

The subject side (mentions before the cue) gives actor1, the object side (after it) actor2; a place is
a GPE, LOC or FACILITY after a locative preposition ("in", "near", "off", "over"), else the first one
that is not an actor. A mention's sector comes from its canonical entity (a service or command is
``military``, a ministry ``government``, a company ``company``, an armed group ``armed_group``) or,
for a nationality, from the noun after it ("Russian forces": military).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from schemas.entities import Entity, Mention
from schemas.events import Event, Sector
from transforms.events.cue_words import ship_prefixes

__all__ = ["Party", "Parties", "as_party", "parties", "per_place", "sector_of", "listed_places"]

_ACTOR_TYPES = frozenset({"ORG", "GPE", "NORP", "PERSON"})
_PLACE_TYPES = frozenset({"GPE", "LOC", "FACILITY"})
_LOCATIVE = re.compile(
    r"\b(?:in|near|at|off|over|outside|around|across|into|on|from|inside|along|toward|towards|to|of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_MILITARY_NOUN = re.compile(
    r"^[\s-]*(?:\w+\s+)?(?:forces?|troops?|soldiers?|army|military|navy|air force|sailors?|marines?|units?|"
    r"warships?|jets?|aircraft|drones?|missiles?|artillery|servicemen|personnel|operations?|strikes?|airstrikes?|"
    r"raids?|defen[cs]e forces|military)\b",
    re.IGNORECASE,
)
_REPORTER_AFTER = re.compile(
    r"^(?:['’]s(?:\s+[\w-]+){1,3})?(?:\s*,[^,]{0,60},)?\s+(?:said|says|told|reported|announced|stated|claimed|confirmed)\b",
    re.IGNORECASE,
)
# a verb of reaction between a subject and the cue: the subject reacts to the incident, it did not do it
# ("President X condemned the bombings", "Y vowed to hunt down those behind the attack")
_REACTION = re.compile(
    r"\b(?:condemn|denounc|deplor|mourn|vow|pledg|promis|paid tribute|pays tribute|offer(?:ed|s)? condolences|"
    r"respond|react|investigat|prais|welcom|criticiz|criticis|protest(?:ed|s) against|decr(?:y|ied|ies))\w*",
    re.IGNORECASE,
)
# a place name used as a modifier of the noun after it ("the U.S. consulate"), not a place followed by a word
# of the sentence ("in Termez on Monday", "Kabul said")
_MODIFIER = re.compile(
    r"[ \t]+(?!(?:on|in|at|and|or|but|to|for|of|with|from|by|as|is|are|was|were|near|after|before|during|when|"
    r"where|while|last|this|that|which|who|said|says|say|has|had|have|will|would|early|late|since|until|into|"
    r"over|under|amid|following|its|their|late|earlier|later|again|today|yesterday|overnight|officials?)\b)[a-z]"
)
_REPORTER_BEFORE = re.compile(r"\baccording to\s+(?:the\s+)?$", re.IGNORECASE)
_DATELINE_END = re.compile(r"\s[–—-]{1,2}\s|\)\s*[–—-]{1,2}|\s--")
_LIST_GAP = re.compile(r"(?:[,;]\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)(?:(?:in|at|near|off)\s+)?(?:the\s+)?", re.I)
_ARMED_NOUN = re.compile(r"^[\s-]*(?:\w+\s+)?(?:militants?|fighters?|rebels?|insurgents?|militias?|gunmen)\b", re.I)
_CIVILIAN_NOUN = re.compile(r"^[\s-]*(?:\w+\s+)?(?:civilians?|residents?|villagers?|people)\b", re.IGNORECASE)
_MILITARY_ORG_ENDINGS = (
    "army",
    "navy",
    "force",
    "guard",
    "corp",
    "command",
    "squadron",
    "wing",
    "strike group",
    "brigade",
    "battalion",
    "division",
    "regiment",
    "fleet",
    "marine",
)
_DESCRIBED = re.compile(r"(?:\s+[a-z][\w-]*)?\s+")
_POSSESSIVE = ("'s", "’s")
_SUBTYPE_SECTOR: dict[str, Sector] = {
    "service": "military",
    "command": "military",
    "combatant_command": "military",
    "fleet": "military",
    "unit": "military",
    "academy": "military",
    "armed_group": "armed_group",
    "separatist_entity": "armed_group",
    "ministry": "government",
    "government": "government",
    "legislature": "government",
    "agency": "government",
    "intelligence_agency": "government",
    "international_organization": "international",
    "alliance": "international",
    "company": "company",
    "ngo": "other",
    "think_tank": "other",
}


@dataclass(frozen=True, slots=True)
class Party:
    """One mention taking part in an incident, with its entity's country and its sector."""

    entity_id: str | None
    text: str
    country: str | None
    sector: Sector | None


@dataclass(frozen=True, slots=True)
class Parties:
    actor1: Party | None
    actor2: Party | None
    place: Party | None
    weapons: tuple[str, ...]
    subject: Mention | None = None  # the mention actor1 was read from


def sector_of(mention: Mention, entity: Entity | None, after: str) -> Sector | None:
    """The sector of a mention; ``after`` is the text right after it ("forces shelled ...")."""
    if entity is not None and entity.subtype in _SUBTYPE_SECTOR:
        return _SUBTYPE_SECTOR[entity.subtype]
    if mention.type in ("NORP", "GPE"):
        if _MILITARY_NOUN.match(after):
            return "military"
        if _ARMED_NOUN.match(after):
            return "armed_group"
        if _CIVILIAN_NOUN.match(after):
            return "civilians"
        return "government" if mention.type == "GPE" else None
    names = (mention.text, entity.canonical_name) if entity is not None else (mention.text,)
    if mention.type == "ORG" and any(n.lower().rstrip("s").endswith(_MILITARY_ORG_ENDINGS) for n in names):
        return "military"  # "ACC": its canonical name, Army Contracting Command, is a command
    if mention.type == "PLATFORM" and (
        entity is None or entity.source == "gazetteer" or any(_navy_of(n) for n in names) or entity.subtype == "ship"
    ):
        return "military"
    return None


def _navy_of(name: str) -> str | None:
    """The country of a ship named with its navy's prefix ("USS Florida": USA), from data/ship_prefixes.toml."""
    first = name.split(" ", 1)[0]
    return ship_prefixes().get(first) if first != name else None


def as_party(text: str, mention: Mention, entities: Mapping[str, Entity]) -> Party:
    """The mention as a party: its entity, its country (the entity's, its place's, its navy's) and sector."""
    entity = entities.get(mention.entity_id) if mention.entity_id else None
    return Party(
        entity_id=mention.entity_id,
        text=mention.text,
        country=(entity.country if entity is not None else None)
        or (mention.place.country if mention.place else None)
        or (
            _navy_of(entity.canonical_name if entity is not None else mention.text)
            if mention.type == "PLATFORM"
            else None
        ),
        sector=sector_of(mention, entity, text[mention.end : mention.end + 40]),
    )


def parties(
    text: str,
    start: int,
    end: int,
    cue_start: int,
    mentions: Sequence[Mention],
    entities: Mapping[str, Entity],
    *,
    blocked: Sequence[tuple[int, int]] = (),
    country_target: bool = False,
) -> Parties:
    """The parties of the incident whose cue starts at ``cue_start`` in the sentence ``text[start:end]``.

    ``blocked``: spans that are no party (the sentence's dates: "March" is no actor); ``country_target``:
    a country after the cue is a party (sanctions, sales, attacks), not only a place; a dateline's place
    ("SAN DIEGO –") is never an actor, and the place only when the sentence names no other."""
    inside = [
        m
        for m in mentions
        if start <= m.start and m.end <= end and not any(a < m.end and m.start < b for a, b in blocked)
    ]
    dateline = [m for m in inside if _in_dateline(text, m)]
    inside = [m for m in inside if m not in dateline]
    places = [
        m
        for m in inside
        if m.type in _PLACE_TYPES
        and _LOCATIVE.search(text, max(start, m.start - 20), m.start)
        and text[m.end : m.end + 2] not in _POSSESSIVE  # "on Ukraine's security": whose, not where
    ]
    heads = [m for m in places if not _MODIFIER.match(text, m.end)]  # "at U.S. embassies in Kenya": Kenya
    places = heads or places
    place = next((m for m in places if m.start > cue_start), None) or (places[0] if places else None)
    actors = [
        m
        for m in inside
        if m.type in _ACTOR_TYPES
        and m not in places
        and not _reporter(text, m)
        and not _qualifies_place(text, m, inside)
        and not _descriptor(text, m, inside)
    ]
    reacting = _REACTION.search(text, start, cue_start) is not None  # the sentence reacts to the incident
    before = [] if reacting else [m for m in actors if m.end <= cue_start]
    after = [m for m in actors if m.start > cue_start and (m.type != "GPE" or country_target)]
    if place is None:
        place = next((m for m in inside if m.type in _PLACE_TYPES and m.start > cue_start and m not in after), None)
    if place is None and dateline:
        place = next((m for m in dateline if m.type in _PLACE_TYPES), None)
    actor1 = _head_of(before) if before else None
    platforms = [m for m in inside if m.type == "PLATFORM" and m.end <= cue_start]
    if actor1 is None:  # "USS Carney pulled into ...": the ship or aircraft that acted stands for its force
        actor1 = platforms[-1] if platforms else None  # the nearest is the named one
    elif platforms and platforms[0].start < actor1.start and _named_ship(platforms[0], entities):
        actor1 = platforms[0]  # "HMS Dauntless (D33), with a Spanish frigate, arrived": the ship is the subject
    actor2 = after[0] if after else None
    if place is None:
        others = [m for m in inside if m.type in _PLACE_TYPES and m is not actor1 and m is not actor2]
        place = others[0] if others else None
    weapons = tuple(dict.fromkeys(m.entity_id for m in inside if m.type in ("WEAPON", "PLATFORM") and m.entity_id))
    return Parties(
        actor1=as_party(text, actor1, entities) if actor1 else None,
        actor2=as_party(text, actor2, entities) if actor2 else None,
        place=as_party(text, place, entities) if place else None,
        weapons=weapons,
        subject=actor1,
    )


def _head_of(before: list[Mention]) -> Mention:
    """The subject among the mentions before the cue: the first one that is not a title's affiliation."""
    for m in before:
        if m.type != "PERSON" or len(before) == 1:
            return m
    return before[0]


def _descriptor(text: str, mention: Mention, inside: list[Mention]) -> bool:
    """ "Aircraft carrier USS Halsey": one word the model took for an organisation, right before the ship or
    unit it describes, is no party of its own."""
    return (
        mention.type == "ORG"
        and mention.method == "model"
        and " " not in mention.text
        and any(
            m.type in ("PLATFORM", "ORG")
            and 0 < m.start - mention.end <= 12
            and _DESCRIBED.fullmatch(text, mention.end, m.start)
            for m in inside
        )
    )


def _named_ship(mention: Mention, entities: Mapping[str, Entity]) -> bool:
    """A ship or unit named as such ("USS Stout", "HMS Dauntless"), not a class of platform ("a frigate")."""
    entity = entities.get(mention.entity_id or "")
    return bool(_navy_of(mention.text) or (entity is not None and _navy_of(entity.canonical_name)))


def _reporter(text: str, mention: Mention) -> bool:
    """ "Ukraine's air force said", "according to the ministry": who tells, not who acts."""
    return bool(
        _REPORTER_AFTER.match(text[mention.end : mention.end + 90])
        or _REPORTER_BEFORE.search(text, max(0, mention.start - 20), mention.start)
    )


def _qualifies_place(text: str, mention: Mention, inside: list[Mention]) -> bool:
    """ "Souda Bay, Greece": the country or region after a place names where the place is."""
    return mention.type == "GPE" and any(
        m.end < mention.start
        and (m.type in _PLACE_TYPES or m.method == "model")
        and text[m.end : mention.start] in (", ", ",")
        for m in inside
    )


def _is_listed_place(text: str, mention: Mention, inside: list[Mention]) -> bool:
    """A place of a list; a name the entity model typed a person or an organisation is one where a country
    or region follows it as it follows the other places ("Abu Dhabi, United Arab Emirates")."""
    if mention.type in _PLACE_TYPES:
        return True
    return (
        mention.type in ("PERSON", "ORG")
        and mention.method == "model"
        and any(q.type == "GPE" and text[mention.end : q.start] in (", ", ",") for q in inside)
    )


def listed_places(
    text: str, start: int, end: int, cue_start: int, mentions: Sequence[Mention], entities: Mapping[str, Entity]
) -> list[Party]:
    """The places of a list after the cue ("port visits in Colombo, Sri Lanka; Chennai, India; and Duqm"):
    one incident each, as ACLED codes one event per location. A country or region right after a place
    ("Colombo, Sri Lanka") says where that place is and is not one of the list."""
    inside = [m for m in mentions if start <= m.start and m.end <= end]
    places = [
        m
        for m in inside
        if m.start > cue_start and _is_listed_place(text, m, inside) and not _qualifies_place(text, m, inside)
    ]
    if len(places) < 2:
        return []
    listed = [places[0]]
    for m in places[1:]:
        gap = text[listed[-1].end : m.start]
        qualifier = next((q for q in inside if q.type == "GPE" and listed[-1].end < q.start < m.start), None)
        if qualifier is not None and _qualifies_place(text, qualifier, inside):
            gap = text[qualifier.end : m.start]
        if not _LIST_GAP.fullmatch(gap):
            break
        listed.append(m)
    if len(listed) < 2 or sum(m.type in _PLACE_TYPES for m in listed) < 2:
        return []
    return [_listed_party(text, m, inside, entities) for m in listed]


def _listed_party(text: str, mention: Mention, inside: list[Mention], entities: Mapping[str, Entity]) -> Party:
    party = as_party(text, mention, entities)
    if mention.type in _PLACE_TYPES:
        return party
    qualifiers = [q for q in inside if q.type == "GPE" and q.start - mention.end in (1, 2)]
    entity = entities.get(qualifiers[0].entity_id or "") if qualifiers else None
    country = entity.country if entity is not None else None
    return Party(party.entity_id, party.text, country, None)


def _in_dateline(text: str, mention: Mention) -> bool:
    """ "SAN DIEGO –", "REDSTONE ARSENAL, Ala. (May 31, 2022) –", "SEOUL, Aug. 20 (Yonhap) --": a mention in
    the dateline of a line that opens in capitals."""
    line = text.rfind("\n", 0, mention.start) + 1
    end = _DATELINE_END.search(text, line, min(len(text), line + 160))
    if end is None or mention.end > end.start():
        return False
    opening = text[line : line + 12].split(",")[0].split("(")[0]
    return sum(c.isupper() for c in opening) > sum(c.islower() for c in opening)


def per_place(
    text: str,
    event: Event,
    mentions: Sequence[Mention],
    entities: Mapping[str, Entity],
    home: str | None,
) -> list[Event]:
    """The event with its forces' country, once per place of a list after its cue (the first keeps the toll)."""
    if event.actor1_sector == "military" and event.actor1_country is None and home is not None:
        event = replace(event, actor1_country=home)
    at = text.find(event.trigger, event.start, event.end)
    places = listed_places(text, event.start, event.end, max(at, event.start), mentions, entities)
    if not places:
        return [event]
    if event.actor2_text in {p.text for p in places}:  # a place of the list is no party
        event = replace(event, actor2_entity_id=None, actor2_text=None, actor2_country=None, actor2_sector=None)
    return [
        replace(event, place_entity_id=p.entity_id, place_text=p.text, place_country=p.country)
        if i == 0
        else replace(
            event,
            place_entity_id=p.entity_id,
            place_text=p.text,
            place_country=p.country,
            fatalities=None,
            injured=None,
            captured=None,
            missing=None,
        )
        for i, p in enumerate(places)
    ]
