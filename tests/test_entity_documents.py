"""Treaties, laws and charters are no entities (issue #16: treaties typed ORG), nor the places in their names."""

from __future__ import annotations

import pytest
from entity_helpers import found

from transforms.entities.documents import document_at, document_name
from transforms.entities.mentions import EntityExtractor
from transforms.entities.ner import DEFAULT_MODEL, model_available


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("Tallinn Maritime Accord", True),
        ("Lisbon Accords", True),
        ("Bergen Convention on Naval Mines", True),
        ("Treaty of Narva", True),
        ("Coastal Defence Procurement Act", True),
        ("Harbour Access Agreement", True),
        ("North Atlantic Treaty Organization", False),
        ("Liberal National Convention", False),
        ("Republican Convention", False),
        ("Charter Aviation", False),
        ("Act", False),
        ("Protocol Office", False),
        ("Palace of Conventions", False),
    ],
)
def test_a_document_is_named_by_its_head_word(surface: str, expected: bool) -> None:
    assert document_name(surface) is expected


@pytest.mark.skipif(not model_available(DEFAULT_MODEL), reason="entity model not installed")
def test_a_treaty_the_model_reads_as_a_body_is_no_entity() -> None:
    text = (
        "Ministers from Estonia and Finland signed the Tallinn Maritime Accord on Tuesday, and both said the "
        "Bergen Convention on Naval Mines still binds them."
    )
    spans = found(EntityExtractor(), text)
    assert "Estonia" in spans and "Finland" in spans
    assert not [s for s in spans if "Accord" in s or "Convention" in s or s in ("Tallinn", "Bergen")]


@pytest.mark.skipif(not model_available(DEFAULT_MODEL), reason="entity model not installed")
def test_a_place_named_elsewhere_is_not_repeated_inside_a_treaty() -> None:
    text = "Ministers met in Tallinn on Monday. On Tuesday they signed the Tallinn Maritime Accord."
    result = EntityExtractor().extract(text)
    assert [m.start for m in result.mentions if m.text == "Tallinn"] == [text.index("Tallinn")]


def test_a_name_that_stops_before_a_document_head_is_part_of_the_document() -> None:
    text = "the goal of the Lisbon Climate Accord, with ministers gathering"
    start = text.index("Lisbon")
    assert document_at(text, start, start + len("Lisbon Climate"))
    assert not document_at(text, text.index("ministers"), text.index("ministers") + 9)
