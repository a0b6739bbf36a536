"""What several entity tests share: the mentions of a text as surface -> (type, canonical name) or as a list in
reading order, a candidate span made at a surface of a text, and the context rules alone."""

from __future__ import annotations

from transforms.entities.coreference import Candidate
from transforms.entities.gazetteer import Entry, load_entries
from transforms.entities.in_context import ContextRules, context_rules
from transforms.entities.mentions import EntityExtractor
from transforms.entities.places import place_entries

__all__ = ["all_context_rules", "candidate", "found", "in_order"]


def all_context_rules() -> ContextRules:
    """The context rules alone, built from every gazetteer entry, to test a rule on hand-made candidates."""
    places = place_entries()
    return context_rules((*load_entries(), *places.countries), places.capitals)


def candidate(
    text: str, surface: str, type_: str, at: int = 0, entry: Entry | None = None, *, method: str = "model"
) -> Candidate:
    """A candidate found by ``method`` (also its rank) at the first ``surface`` of ``text`` from ``at`` on."""
    start = text.index(surface, at)
    return Candidate(start=start, end=start + len(surface), type=type_, method=method, rank=method, entry=entry)  # type: ignore[arg-type]


def found(extractor: EntityExtractor, text: str) -> dict[str, tuple[str, str]]:
    """surface -> (type, canonical name; "" for a mention without an entity)"""
    return {surface: (type_, name) for surface, type_, name in in_order(extractor, text)}


def in_order(extractor: EntityExtractor, text: str) -> list[tuple[str, str, str]]:
    """(surface, type, canonical name; "" for a mention without an entity) of every mention, in reading order:
    for a text that names one thing twice, or two things by one surface."""
    result = extractor.extract(text)
    entities = {e.entity_id: e for e in result.entities}
    return [
        (m.text, m.type, entities[m.entity_id].canonical_name if m.entity_id in entities else "")
        for m in result.mentions
    ]
