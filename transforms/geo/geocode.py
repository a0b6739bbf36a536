"""The place of every GPE, LOC and FACILITY mention of one article, and of every place entity.

``geocode(text, mentions, entities)`` is the hook the pipeline calls after the entity stage
(``transforms.pipeline.normalize_text``). Each place mention gets the place its name stands for in this
article (``transforms.geo.resolver``: the article's other places, the countries of its nationalities,
the dateline, the words around it); each place entity gets its canonical place, the one its name stands
for with its own country alone as context, so an entity's point is the same in every article while a
mention's may differ ("Tripoli" in a Lebanon story). Countries and NORP entities keep their ISO3 code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from schemas.entities import Entity, Mention, Place
from transforms.geo.geoindex import geo_index
from transforms.geo.resolver import Resolution, resolve_places

__all__ = ["geocode", "PLACE_TYPES", "canonical_place"]

PLACE_TYPES = frozenset({"GPE", "LOC", "FACILITY"})


def _place(res: Resolution | None) -> Place | None:
    if res is None:
        return None
    return Place(
        res.geonames_id,
        res.name,
        res.lat,
        res.lon,
        res.feature_class,
        res.feature_code,
        res.country_iso3,
        res.admin1,
        res.method,
        res.confidence,
    )


@lru_cache(maxsize=65536)
def _canonical(index_id: int, name: str, country: str | None) -> Place | None:
    index = geo_index()
    countries = [country] if country else []
    return _place(resolve_places(name, [(0, len(name))], countries=countries, index=index)[0])


def canonical_place(name: str, country: str | None) -> Place | None:
    """The place an entity's canonical name stands for, with its country (if any) as the only context."""
    return _canonical(id(geo_index()), name, country)


def geocode(
    text: str, mentions: Sequence[Mention], entities: Sequence[Entity]
) -> tuple[tuple[Mention, ...], tuple[Entity, ...]]:
    """``mentions`` and ``entities`` with their places (other records unchanged)."""
    countries = {e.entity_id: e.country for e in entities if e.country}
    evidence = [countries[m.entity_id] for m in mentions if m.type == "NORP" and m.entity_id in countries]
    places = [i for i, m in enumerate(mentions) if m.type in PLACE_TYPES]
    if not places:
        return tuple(mentions), tuple(entities)
    resolved = resolve_places(text, [(mentions[i].start, mentions[i].end) for i in places], countries=evidence)
    out = list(mentions)
    for i, res in zip(places, resolved):
        out[i] = replace(out[i], place=_place(res))
    geo_entities = [
        replace(e, place=canonical_place(e.canonical_name, e.country)) if e.type in PLACE_TYPES else e for e in entities
    ]
    return tuple(out), tuple(geo_entities)
