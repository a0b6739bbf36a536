"""Names inside other names and names by their kind: a place inside a work's title is not a mention, a dam
the model calls MISC is a facility, and so is a base named after its kind ("Naval Air Station Pensacola"), a
direction's part of a place is an area, a shouted phrase is not an acronym, a company's one-word alias that
is also a given name does not take a person's first name."""

from __future__ import annotations

from functools import lru_cache

from transforms.entities.mentions import EntityExtractor


@lru_cache(maxsize=1)
def _extractor() -> EntityExtractor:
    return EntityExtractor()


def _mentions(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.type) for m in _extractor().extract(text).mentions]


def test_place_inside_a_title_is_part_of_the_title() -> None:
    mentions = _mentions("The reporter won a prize for her series on the Afghanistan Papers last year.")
    assert ("Afghanistan", "GPE") not in mentions


def test_named_dam_is_a_facility() -> None:
    mentions = _mentions("Engineers inspected the Mosul Dam upstream of the city on Tuesday.")
    assert ("Mosul Dam", "FACILITY") in mentions


def test_shouted_phrase_is_not_an_acronym() -> None:
    text = 'Riders wanted a quiet ride. "QUIET CAR. Window seat," one passenger wrote on the train.'
    assert all(name != "CAR" for name, _ in _mentions(text))


def test_company_alias_that_is_a_given_name_leaves_the_person_whole() -> None:
    result = _extractor().extract("Ecuador's then-President Rafael Correa met the delegation in Quito.")
    people = [(m.text, m.title) for m in result.mentions if m.type == "PERSON"]
    assert people == [("Rafael Correa", "President")]
    assert not any(m.type == "ORG" for m in result.mentions)


def test_base_names_are_facilities_not_cities() -> None:
    assert ("Naval Submarine Base Kings Bay", "FACILITY") in _mentions(
        "Sailors returned to Naval Submarine Base Kings Bay, Georgia, on Friday."
    )
    assert ("Naval Air Station Pensacola", "FACILITY") in _mentions("The squadron flew to Naval Air Station Pensacola.")
    dateline = _mentions("EDWARDS AIR FORCE BASE, Calif. -- The bomber landed after a long flight.")
    assert ("EDWARDS AIR FORCE BASE", "FACILITY") in dateline
    assert all(kind != "GPE" or "BASE" not in name for name, kind in dateline)


def test_parts_of_places_named_by_direction_are_areas() -> None:
    mentions = _mentions("Heavy snow fell across the Upper Midwest and the Northeast, and later in Northern Virginia.")
    assert {("Upper Midwest", "LOC"), ("Northeast", "LOC"), ("Northern Virginia", "LOC")} <= set(mentions)


def test_a_service_named_in_a_us_title_is_the_us_service_even_beside_another_navy() -> None:
    result = _extractor().extract(
        "The Royal Navy sent a frigate to the Gulf. Secretary of the Navy Jane Roe praised the allied crews on Monday."
    )
    names = {e.entity_id: e.canonical_name for e in result.entities}
    services = [(m.text, names[m.entity_id]) for m in result.mentions if m.type == "ORG"]
    assert services == [("Royal Navy", "Royal Navy"), ("Navy", "U.S. Navy")]
