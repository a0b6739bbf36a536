"""A name the entity stage reads without context ("Georgia": the country) and the geocoder reads, from the
article's other places, as a U.S. state: the mention is the state's (transforms.pipeline)."""

from __future__ import annotations

import pytest

from transforms.entities.mentions import EntityExtractor
from transforms.entities.ner import DEFAULT_MODEL, model_available
from transforms.pipeline import normalize_text

pytestmark = pytest.mark.skipif(not model_available(DEFAULT_MODEL), reason="entity model not installed")


@pytest.fixture(scope="module")
def extractor() -> EntityExtractor:
    return EntityExtractor()


def _georgia(text: str, extractor: EntityExtractor) -> set[tuple[str | None, str | None]]:
    found = normalize_text(text, published=None, extractor=extractor)
    entities = {e.entity_id: e for e in found.entities}
    return {
        (entities[m.entity_id].subtype, entities[m.entity_id].country)
        for m in found.mentions
        if m.text == "Georgia" and m.entity_id
    }


def test_georgia_beside_atlanta_and_alabama_is_the_state(extractor: EntityExtractor) -> None:
    text = "ATLANTA - Storms hit Georgia and Alabama on Monday, the governor of Georgia said. Savannah lost power."
    assert _georgia(text, extractor) == {("state", "USA")}


def test_georgia_beside_russia_and_tbilisi_stays_the_country(extractor: EntityExtractor) -> None:
    text = (
        "TBILISI - Russia and Georgia fought in 2008, and Georgia still wants to join NATO, officials in Tbilisi said."
    )
    assert _georgia(text, extractor) == {("country", "GEO")}
