"""A kind of body standing alone is no name (issue #16): "the Company's products", "our Strike Group"."""

from __future__ import annotations

import pytest
from entity_helpers import candidate, found

from transforms.entities.generic_bodies import generic_body
from transforms.entities.mentions import EntityExtractor
from transforms.entities.ner import DEFAULT_MODEL, model_available


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("Shares rose after the Company's results.", "Company", True),
        ("Our Strike Group presence deters.", "Strike Group", True),
        ("The Joint Force depends on satellites.", "Joint Force", True),
        ("The Task Force sailed at dawn.", "Task Force", True),
        ("The Carrier Strike Group sailed.", "Carrier Strike Group", False),
        ("The Joint Staff met on Monday.", "Joint Staff", False),
        ("Special Forces trained there.", "Special Forces", False),
        ("Acme Company won.", "Acme Company", False),
    ],
)
def test_a_model_org_made_only_of_kind_words_is_generic(text: str, surface: str, expected: bool) -> None:
    assert generic_body(text, candidate(text, surface, "ORG"), []) is expected


def test_a_gazetteer_body_or_another_type_is_never_generic() -> None:
    text = "The Company's results were strong."
    assert not generic_body(text, candidate(text, "Company", "ORG", method="gazetteer"), [])
    assert not generic_body(text, candidate(text, "Company", "PERSON"), [])


def test_a_kind_that_ends_or_opens_a_body_named_in_the_text_is_its_short_form() -> None:
    text = "The Harbour Works Company opened a yard. The Company hired 40 welders."
    named = candidate(text, "Harbour Works Company", "ORG")
    assert not generic_body(text, candidate(text, "Company", "ORG", at=30), [named])
    text = "The Department of Harbours said so. The Department will respond."
    named = candidate(text, "Department of Harbours", "ORG")
    assert not generic_body(text, candidate(text, "Department", "ORG", at=10), [named])


@pytest.mark.skipif(not model_available(DEFAULT_MODEL), reason="entity model not installed")
def test_the_extractor_makes_no_entity_of_a_kind_standing_alone() -> None:
    spans = found(EntityExtractor(), "Shares rose after the Company's results. Our Strike Group presence deters.")
    assert "Company" not in spans and "Strike Group" not in spans
