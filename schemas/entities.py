"""Records of the entity stage: one ``Mention`` per span of an article's text, one ``Entity`` per
canonical entity. They mirror ``schemas.tables.ENTITY_MENTIONS`` and ``ENTITIES``; the flow adds
article_id, revision, sentence and run_id when it builds rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["EntityType", "MentionMethod", "EntitySource", "ENTITY_TYPES", "Mention", "Entity"]

EntityType = Literal[
    "PERSON", "ORG", "GPE", "LOC", "NORP", "WEAPON", "PLATFORM", "VEHICLE", "FACILITY", "OPERATION", "EVENT"
]
MentionMethod = Literal["gazetteer", "model", "rule", "acronym", "coreference"]
EntitySource = Literal["gazetteer", "model", "rule"]

ENTITY_TYPES: tuple[EntityType, ...] = (
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "WEAPON",
    "PLATFORM",
    "VEHICLE",
    "FACILITY",
    "OPERATION",
    "EVENT",
)


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention: ``text == article_text[start:end]`` (character offsets, end exclusive)."""

    start: int
    end: int
    text: str
    type: EntityType
    entity_id: str | None
    title: str | None = None  # rank or office: "Navy Adm.", "Minister of Defence"
    affiliation: str | None = None  # organisation or country the title belongs to
    method: MentionMethod = "model"


@dataclass(frozen=True, slots=True)
class Entity:
    """One canonical entity; ``entity_id`` is a deterministic function of the canonical entity."""

    entity_id: str
    canonical_name: str
    type: EntityType
    subtype: str | None = None  # combatant_command, armed_group, cruise_missile, aircraft_carrier, city, ...
    country: str | None = None  # ISO 3166-1 alpha-3
    aliases: tuple[str, ...] = ()
    wikidata_id: str | None = None
    source: EntitySource = "model"
