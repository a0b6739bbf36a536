"""An acronym's long form typed by its head noun (issue #16: product and technical acronyms typed ORG)."""

from __future__ import annotations

import pytest

from transforms.entities.acronyms import long_form_type
from transforms.entities.mentions import EntityExtractor
from transforms.entities.ner import DEFAULT_MODEL, model_available


@pytest.mark.parametrize(
    ("long", "expected"),
    [
        ("Stores Management System", "PLATFORM"),
        ("Battery Coolant Units", None),
        ("Remote Sensing Kits", None),
        ("Syrian Democratic Forces", "ORG"),
        ("Naval Sea Systems Command", "ORG"),
        ("Defense Logistics Agency", "ORG"),
        ("Reserve Officers' Training Corps", "ORG"),
    ],
)
def test_the_head_noun_types_a_long_form(long: str, expected: str | None) -> None:
    assert long_form_type(long) == expected


@pytest.mark.skipif(not model_available(DEFAULT_MODEL), reason="entity model not installed")
def test_a_plural_of_things_defined_as_an_acronym_is_no_entity() -> None:
    text = "The depot shipped spare Remote Sensing Kits (RSKs) to the brigade in June; the RSKs arrived on time."
    result = EntityExtractor().extract(text)
    assert not [m for m in result.mentions if "RSK" in m.text or "Kits" in m.text]
