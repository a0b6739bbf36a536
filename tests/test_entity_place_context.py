"""Unfamiliar towns the model reads as people or organizations, told by their context (issue #16): each cue on
sentences written for the test, with candidates standing in for the model's output."""

from __future__ import annotations

from entity_helpers import candidate

from transforms.entities.coreference import Candidate
from transforms.entities.gazetteer import Entry
from transforms.entities.place_context import places_by_context

_TOWNS = {
    "Ostrava": Entry("E1", "Ostrava", "GPE", subtype="city"),
    "Ruritania": Entry("E2", "Ruritania", "GPE", subtype="country"),
}


def _lookup(name: str) -> Entry | None:
    return _TOWNS.get(name)


def _untitled(text: str, start: int) -> bool:
    return False


def _types(text: str, chosen: list[Candidate]) -> list[tuple[str, str]]:
    out = places_by_context(text, chosen, _lookup, _untitled)
    return [(text[c.start : c.end], c.type) for c in out]


def test_a_town_after_held_or_town_of_or_before_a_place_noun_is_a_place() -> None:
    text = "Troops took rebel-held Velkamar, then the port city of Dorvik and the Sarnath district. Velkamar fell."
    chosen = [
        candidate(text, "Velkamar", "PERSON"),
        candidate(text, "Dorvik", "ORG"),
        candidate(text, "Sarnath", "ORG"),
        candidate(text, "Velkamar", "PERSON", text.index("fell") - 9),
    ]
    assert _types(text, chosen) == [("Velkamar", "GPE"), ("Dorvik", "GPE"), ("Sarnath", "GPE"), ("Velkamar", "GPE")]


def test_a_person_listed_with_a_known_town_is_a_town() -> None:
    text = "Shelling hit Ostrava, Keldrin and Mavor overnight."
    chosen = [
        candidate(text, "Ostrava", "GPE", entry=_TOWNS["Ostrava"], method="gazetteer"),
        candidate(text, "Keldrin", "PERSON"),
        candidate(text, "Mavor", "PERSON"),
    ]
    assert _types(text, chosen) == [("Ostrava", "GPE"), ("Keldrin", "GPE"), ("Mavor", "GPE")]


def test_people_organizations_and_country_partners_stay_as_the_model_read_them() -> None:
    text = (
        "Anton Keldrin spoke. Keldrin and Ostrava agreed; Ruritania and Mavor signed; Ostrava and Brisk Holdings met."
    )
    chosen = [
        candidate(text, "Anton Keldrin", "PERSON"),
        candidate(text, "Keldrin", "PERSON", text.index("Keldrin and")),
        candidate(text, "Ostrava", "GPE", entry=_TOWNS["Ostrava"], method="gazetteer"),
        candidate(text, "Ruritania", "GPE", entry=_TOWNS["Ruritania"], method="gazetteer"),
        candidate(text, "Mavor", "PERSON"),
        candidate(text, "Ostrava", "GPE", text.index("Ostrava and"), entry=_TOWNS["Ostrava"], method="gazetteer"),
        candidate(text, "Brisk", "ORG"),
    ]
    types = [t for _, t in _types(text, chosen)]
    assert types == ["PERSON", "PERSON", "GPE", "GPE", "PERSON", "GPE", "ORG"]


def test_an_organization_after_controlled_stays_an_organization() -> None:
    text = "The Democratic-controlled House passed the bill; the House will vote again."
    chosen = [candidate(text, "House", "ORG"), candidate(text, "House", "ORG", text.index("will") - 6)]
    assert _types(text, chosen) == [("House", "ORG"), ("House", "ORG")]


def test_a_name_before_based_is_a_place() -> None:
    text = "The Dorvik-based squadron and a Velkamar-based maker flew; Dorvik Holdings paid."
    chosen = [
        candidate(text, "Dorvik", "ORG"),
        candidate(text, "Velkamar", "PERSON"),
        candidate(text, "Dorvik Holdings", "ORG"),
    ]
    assert _types(text, chosen) == [("Dorvik", "GPE"), ("Velkamar", "GPE"), ("Dorvik Holdings", "ORG")]
