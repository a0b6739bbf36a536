"""The Corps of Engineers' districts are organizations, not places (issue #16: units read as places)."""

from __future__ import annotations

import pytest
from entity_helpers import candidate

from transforms.entities.engineer_districts import engineer_districts
from transforms.entities.gazetteer import make_entry
from transforms.entities.mentions import EntityExtractor
from transforms.entities.ner import DEFAULT_MODEL, model_available

CORPS = make_entry("U.S. Army Corps of Engineers", "ORG", aliases=["Corps of Engineers"])


def _named(text: str, chosen: list) -> list[tuple[str, str, str | None]]:
    return [(text[c.start : c.end], c.type, c.canonical) for c in engineer_districts(text, chosen)]


def test_a_district_after_the_corps_name_is_one_name_and_after_a_comma_its_own() -> None:
    text = "The U.S. Army Corps of Engineers Tulsa District and the Corps of Engineers, Mobile District, met."
    chosen = [
        candidate(text, "U.S. Army Corps of Engineers", "ORG", entry=CORPS, method="gazetteer"),
        candidate(text, "Tulsa", "GPE"),
        candidate(text, "Corps of Engineers", "ORG", text.index(" and "), entry=CORPS, method="gazetteer"),
        candidate(text, "Mobile District", "LOC"),
    ]
    assert _named(text, chosen) == [
        (
            "U.S. Army Corps of Engineers Tulsa District",
            "ORG",
            "U.S. Army Corps of Engineers Tulsa District",
        ),
        ("Corps of Engineers", "ORG", None),
        ("Mobile District", "ORG", "U.S. Army Corps of Engineers Mobile District"),
    ]


def test_a_district_is_a_place_where_the_corps_is_not_named_and_a_division_of_troops_stays() -> None:
    text = "The Mobile District school board and the 3rd Infantry Division met."
    chosen = [candidate(text, "Mobile District", "LOC"), candidate(text, "3rd Infantry Division", "ORG")]
    assert _named(text, chosen) == [("Mobile District", "LOC", None), ("3rd Infantry Division", "ORG", None)]
    with_corps = "The Corps of Engineers and the 3rd Infantry Division met."
    units = [
        candidate(with_corps, "Corps of Engineers", "ORG", entry=CORPS, method="gazetteer"),
        candidate(with_corps, "Infantry Division", "ORG"),
    ]
    assert _named(with_corps, units)[1] == ("Infantry Division", "ORG", None)


def test_an_engineer_district_is_an_organization_in_any_article() -> None:
    text = "Waste left by the Manhattan Engineer District was buried there."
    assert _named(text, [candidate(text, "Manhattan Engineer District", "LOC")]) == [
        ("Manhattan Engineer District", "ORG", "Manhattan Engineer District")
    ]


@pytest.mark.skipif(not model_available(DEFAULT_MODEL), reason="entity model not installed")
def test_the_extractor_names_a_district_after_the_corps() -> None:
    result = EntityExtractor().extract(
        "TULSA, Okla. - The U.S. Army Corps of Engineers, Tulsa District, awarded a dredging contract. The "
        "Tulsa District maintains the channel."
    )
    entities = {e.entity_id: e for e in result.entities}
    named = [(m.text, entities[m.entity_id].canonical_name) for m in result.mentions if m.entity_id]
    assert named.count(("Tulsa District", "U.S. Army Corps of Engineers Tulsa District")) == 2
