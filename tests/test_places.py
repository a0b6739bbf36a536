"""The city index behind gazetteer lookups: forms, first city wins, entries made on demand, curated entries first."""

from __future__ import annotations

import spacy

from transforms.entities.gazetteer import build_gazetteer, entity_id, make_entry
from transforms.entities.places import Cities, city_entry, first_level_regions, place_entries, us_city_state


def test_a_city_is_found_by_its_name_its_ascii_form_and_its_capitals() -> None:
    cities = Cities.index([("Ţarţūs", "SYR"), ("Novo Mesto", "SVN")])
    for form in ("Ţarţūs", "Tartus", "ŢARŢŪS", "Tartus\u00a0"):
        entry = cities.lookup(form)
        assert entry is not None and (entry.name, entry.country, entry.subtype) == ("Tartus", "SYR", "city"), form
        assert "Ţarţūs" in entry.aliases
    assert cities.lookup("novo mesto") is not None  # multi-word names also case-folded
    assert cities.lookup("tartus") is None  # one word: case matters ("Nice" the city, not "nice")
    assert cities.lookup("Mesto") is None


def test_a_city_in_a_scholarly_transliteration_is_named_as_english_news_writes_it() -> None:
    cities = Cities.index([("Jalālābād", "AFG"), ("Kraków", "POL"), ("Nuku‘alofa", "TON")])
    assert cities.lookup("Jalalabad").name == "Jalalabad"  # type: ignore[union-attr]
    assert cities.lookup("Nuku'alofa").name == "Nuku'alofa"  # type: ignore[union-attr]
    assert cities.lookup("Krakow").name == "Kraków"  # type: ignore[union-attr]  # a plain accent stays


def test_the_first_city_to_have_a_form_keeps_it_and_ids_are_stable() -> None:
    cities = Cities.index([("Alexandria", "EGY"), ("Alexandria", "USA")])
    entry = cities.lookup("Alexandria")
    assert entry is not None and entry.country == "EGY"
    assert entry.entity_id == entity_id("GPE", "Alexandria")
    assert cities.lookup("ALEXANDRIA") == entry


def test_gazetteer_entries_come_before_the_cities_and_keep_their_fields() -> None:
    nlp = spacy.blank("en")
    port = make_entry("Mykolaiv", "GPE", subtype="port", country="UKR", aliases=["Nikolaev"])
    base = make_entry("Rota", "FACILITY", subtype="naval_base", country="ESP")
    cities = Cities.index([("Mykolaiv", "UKR"), ("Rota", "ESP"), ("Kramatorsk", "UKR")])
    gaz = build_gazetteer(nlp, [([port, base], "strong")], fallback=cities)
    assert gaz.lookup("Rota") == base  # a form an entry has is the entry's, not the city's
    assert gaz.lookup("MYKOLAIV") == port  # the city of the same ID gives way to the entry
    found = gaz.lookup("Kramatorsk")
    assert found is not None and found.subtype == "city" and found.country == "UKR"
    assert {"Kramatorsk", "KRAMATORSK", "Nikolaev"} <= gaz.forms()
    assert not list(gaz.matches(nlp("Shelling hit Kramatorsk.")))  # cities are looked up, never matched


def test_every_smaller_city_is_indexed_with_its_country() -> None:
    places = place_entries()
    assert len(places.cities.by_form) > 25_000
    entry = places.cities.lookup("Pokrovsk")
    assert entry is not None and entry.country == "UKR"
    assert places.cities.lookup("Kyiv") is None  # a capital is a matched entry, not in the index
    assert any(e.name == "Kyiv" and e.subtype == "city" for e in places.weak)


def test_a_us_city_whose_name_tells_its_state_is_named_with_it() -> None:
    assert us_city_state("San Diego") == "California"
    assert us_city_state("Norfolk") is None  # Virginia and Nebraska both have a city so named
    assert us_city_state("Manchester") is None  # England's is the larger
    assert us_city_state("Ontario") is None  # a Canadian province too
    assert city_entry("San Diego", "USA").name == "San Diego, California"
    assert "San Diego" in city_entry("San Diego", "USA").aliases
    assert city_entry("Washington", "USA").name == "Washington, D.C."
    assert city_entry("New York City", "USA").name == "New York City"  # the state's name is in it already
    assert city_entry("Norfolk", "USA").name == "Norfolk"
    assert city_entry("Kramatorsk", "UKR").name == "Kramatorsk"


def test_a_first_level_region_abroad_is_looked_up_before_a_town_of_its_name() -> None:
    lookup = place_entries().cities.lookup
    ontario = lookup("Ontario")
    assert ontario is not None and (ontario.subtype, ontario.country, ontario.wikidata_id) == ("region", "CAN", "Q1904")
    kerala = lookup("Kerala")
    assert kerala is not None and (kerala.subtype, kerala.country) == ("region", "IND")
    assert "Luzon" not in first_level_regions()  # an island of the area list, not a first-level region
    duluth = lookup("Duluth")
    assert duluth is not None and duluth.subtype == "city"  # towns are still found
