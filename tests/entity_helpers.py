"""What several entity tests share: the mentions of a text as surface -> (type, canonical name)."""

from __future__ import annotations

from transforms.entities.mentions import EntityExtractor

__all__ = ["found"]


def found(extractor: EntityExtractor, text: str) -> dict[str, tuple[str, str]]:
    """surface -> (type, canonical name; "" for a mention without an entity)"""
    result = extractor.extract(text)
    entities = {e.entity_id: e for e in result.entities}
    return {
        m.text: (m.type, entities[m.entity_id].canonical_name if m.entity_id in entities else "")
        for m in result.mentions
    }
