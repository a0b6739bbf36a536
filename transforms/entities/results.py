"""The last step of the entity stage: the chosen candidates of a text get entity IDs and canonical
names (a title standing for a person takes the ID of the person who holds it), and become the
``EntityResult``: the mentions in text order and the distinct entities they resolve to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from schemas.entities import Entity, EntitySource, Mention
from transforms.entities.coreference import Candidate, assign_person_ids
from transforms.entities.gazetteer import Entry, entity_id
from transforms.entities.spans import span_name

__all__ = ["EntityResult", "entity_result", "entry_entity", "resolve"]

_WIKIDATA = re.compile(r"Q[1-9][0-9]*")


@dataclass(frozen=True, slots=True)
class EntityResult:
    """The mentions of one text (in text order) and the distinct entities they resolve to."""

    mentions: tuple[Mention, ...]
    entities: tuple[Entity, ...]


def resolve(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """``chosen`` with entity IDs and canonical names; a title standing for a person gets that person's."""
    chosen = assign_person_ids(text, chosen)  # a new list: its items are replaced below, one by one
    for i, cand in enumerate(chosen):
        if cand.entity_id is not None:
            continue
        if cand.entry is not None:
            chosen[i] = replace(cand, entity_id=cand.entry.entity_id)
        elif cand.type != "PERSON" or cand.rank != "title":
            canonical = cand.canonical or span_name(text, cand.start, cand.end)
            chosen[i] = replace(cand, canonical=canonical, entity_id=entity_id(cand.type, canonical))
    chosen = _ships_with_hull(chosen)
    for i, cand in enumerate(chosen):
        if cand.rank == "title" and cand.entity_id is None:
            holder = _apposed(text, cand, chosen) or _title_holder(cand, chosen)
            if holder is not None:
                chosen[i] = replace(cand, entity_id=holder.entity_id, canonical=holder.canonical)
    return chosen


_HULL = re.compile(r"^(?P<name>\S+\s.+?)\s+\((?:T-)?[A-Z]{2,4}[- ]?\d{1,4}\)$")


def _ships_with_hull(chosen: list[Candidate]) -> list[Candidate]:
    """A ship named with its prefix but without its hull number ("USS Shiloh") is the ship the article names
    with one ("USS Shiloh (CG 67)"), when exactly one ship of that name has a hull number there."""
    hulled: dict[str, set[tuple[str | None, str | None]]] = {}
    by_id: dict[str, Candidate] = {}
    for c in chosen:
        match = _HULL.match(c.canonical or (c.entry.name if c.entry else "")) if c.type == "PLATFORM" else None
        if match is not None and c.entity_id is not None:
            hulled.setdefault(match.group("name"), set()).add((c.entity_id, c.canonical))
            by_id.setdefault(c.entity_id, c)
    out = []
    for c in chosen:
        name = c.canonical or (c.entry.name if c.entry else None)
        ships = hulled.get(name or "") if c.type == "PLATFORM" else None
        if ships and len(ships) == 1:
            ((ship_id, _),) = ships
            ship = by_id[ship_id or ""]
            c = replace(c, entity_id=ship.entity_id, canonical=ship.canonical, entry=ship.entry)
        out.append(c)
    return out


def entity_result(text: str, chosen: list[Candidate]) -> EntityResult:
    mentions: list[Mention] = []
    entities: dict[str, Entity] = {}
    surfaces: dict[str, list[str]] = {}
    for c in chosen:
        surface = text[c.start : c.end]
        mentions.append(Mention(c.start, c.end, surface, c.type, c.entity_id, c.title, c.affiliation, c.method))
        if c.entity_id is None or c.rank == "title":
            continue
        surfaces.setdefault(c.entity_id, []).append(surface)
        if c.entity_id not in entities:
            entities[c.entity_id] = _entity(c)
    result = []
    for key, entity in entities.items():
        if entity.source != "gazetteer":
            aliases = tuple(sorted(set(surfaces[key]) - {entity.canonical_name}))
            entity = Entity(
                entity.entity_id,
                entity.canonical_name,
                entity.type,
                entity.subtype,
                entity.country,
                aliases,
                entity.wikidata_id,
                entity.source,
            )
        result.append(entity)
    return EntityResult(tuple(mentions), tuple(result))


def entry_entity(entity_id: str, e: Entry) -> Entity:
    """The entity of a gazetteer entry."""
    return Entity(entity_id, e.name, e.type, e.subtype, e.country, e.aliases, e.wikidata_id, "gazetteer")


def _entity(c: Candidate) -> Entity:
    assert c.entity_id is not None
    if c.entry is not None:
        return entry_entity(c.entity_id, c.entry)
    source: EntitySource = "rule" if c.method in ("rule", "acronym") else "model"
    wikidata = c.entity_id if _WIKIDATA.fullmatch(c.entity_id) else None  # a known person's ID is their item
    return Entity(c.entity_id, c.canonical or "", c.type, c.subtype, c.country, (), wikidata, source)


def _apposed(text: str, cand: Candidate, chosen: list[Candidate]) -> Candidate | None:
    """The person named right next to a title, separated by a comma only ("X, the Foreign Minister")."""
    for other in chosen:
        if other.type == "PERSON" and other.rank != "title" and other.entity_id:
            gap = text[other.end : cand.start] if other.end <= cand.start else text[cand.end : other.start]
            if gap.strip() == "," and len(gap) <= 3:
                return other
    return None


def _title_holder(cand: Candidate, chosen: list[Candidate]) -> Candidate | None:
    holders = [
        c
        for c in chosen
        if c.type == "PERSON"
        and c.rank != "title"
        and c.title
        and c.entity_id
        and (c.title == cand.title or (cand.title or "") in c.title)
    ]
    if not holders:
        return None
    before = [c for c in holders if c.start < cand.start]
    return before[-1] if before else holders[0]
