"""Titles of works are no entities, nor the names inside them (issue #16: book and show titles as names)."""

from __future__ import annotations

import pytest
from entity_helpers import found

from transforms.entities.mentions import EntityExtractor
from transforms.entities.ner import DEFAULT_MODEL, model_available
from transforms.entities.works import work_titles


def _titles(text: str) -> list[str]:
    return [text[s:e] for s, e in work_titles(text)]


def test_a_title_after_author_of_is_a_work() -> None:
    assert _titles("said Mara Quist, author of The Harbour Wars, a history of the port.") == ["The Harbour Wars"]


def test_titles_listed_after_a_work_noun_and_including_are_works() -> None:
    text = "She wrote several books, including best-selling Iron Coast, Salt Roads, and The Long Watch of Brest."
    assert _titles(text) == ["Iron Coast", "Salt Roads", "The Long Watch of Brest"]


def test_a_quoted_title_on_air_or_after_a_work_noun_is_a_work() -> None:
    text = "He said so on KTVX’s “Morning Brief” and again in the documentary “Steel Tide” last year."
    assert _titles(text) == ["Steel Tide", "Morning Brief"]


def test_no_title_without_a_cue() -> None:
    assert _titles("The report Congress requested was late, said the director of Orion Labs.") == []
    assert _titles("She is the author of the amendment.") == []
    assert _titles('Emails show "Admiral Quist approved the plan" in May.') == []  # "show" is a verb here
    assert _titles("Several reports, including Harbour Daily, said so.") == []
    assert _titles("A report titled Coastal Fires in Retreat came out.") == ["Coastal Fires in Retreat"]


@pytest.mark.skipif(not model_available(DEFAULT_MODEL), reason="entity model not installed")
def test_the_extractor_makes_no_entity_inside_a_title() -> None:
    text = "Colonel Ana Reyes met Mara Quist, author of The Baltic Laboratory, in Riga on Monday."
    spans = found(EntityExtractor(), text)
    assert "Mara Quist" in spans and "Riga" in spans
    assert not [s for s in spans if "Baltic" in s or "Laboratory" in s]
