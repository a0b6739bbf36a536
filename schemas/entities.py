"""Records of the entity stage: one ``Mention`` per span of an article's text, one ``Entity`` per
canonical entity. They mirror ``schemas.tables.ENTITY_MENTIONS`` and ``ENTITIES``; the flow adds
article_id, revision, sentence and run_id when it builds rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["EntityType", "MentionMethod", "EntitySource", "ENTITY_TYPES", "Place", "Mention", "Entity"]

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
class Place:
    """Where a place is: a GeoNames place (``geonames_id`` None for the project's curated areas and
    facilities) with its point, feature, country and first-level region, and how it was chosen."""

    geonames_id: int | None
    name: str
    lat: float
    lon: float
    feature_class: str  # GeoNames: P populated place, A administrative area, L area, H water, T terrain, S facility
    feature_code: str  # PPL, ADM1, ADM1H (a former region), PCLI, SEA, AIRB, ...
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None  # GeoNames admin1 code ("TX", "07")
    method: str  # only | qualifier | context | population
    confidence: float  # 0..1


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
    place: Place | None = None  # where a GPE, LOC or FACILITY mention lies, resolved in its article's context


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
    place: Place | None = None  # a place's canonical point: its name resolved with its country alone
