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
        ("Vehicle Auxiliary Power Unit", None),
        ("Marine Expeditionary Unit", "ORG"),
        ("Coastal Defence Procurement Act", None),
        ("Harbour Access Agreement", None),
        ("Joint Maritime Sensing Architecture", None),
        ("Orbital Relay Layer", None),
        ("Blended Maintenance Logistics", None),
        ("Distributed Littoral Operations", None),
        ("Light Armored Patrol Vehicle", "PLATFORM"),
        ("Amphibious Troop Carrier", "PLATFORM"),
        ("Unmanned Surface Vessel", "PLATFORM"),
        ("Long Range Surveillance Radar", "PLATFORM"),
    ],
)
def test_the_head_noun_types_a_long_form(long: str, expected: str | None) -> None:
    assert long_form_type(long) == expected


@pytest.mark.skipif(not model_available(DEFAULT_MODEL), reason="entity model not installed")
def test_a_plural_of_things_defined_as_an_acronym_is_no_entity() -> None:
    text = "The depot shipped spare Remote Sensing Kits (RSKs) to the brigade in June; the RSKs arrived on time."
    result = EntityExtractor().extract(text)
    assert not [m for m in result.mentions if "RSK" in m.text or "Kits" in m.text]


def _bound(text: str) -> dict[str, str]:
    result = EntityExtractor().extract(text)
    entities = {e.entity_id: e.canonical_name for e in result.entities}
    return {m.text: entities.get(m.entity_id or "", "") for m in result.mentions}


@pytest.mark.skipif(not model_available(DEFAULT_MODEL), reason="entity model not installed")
def test_an_undefined_acronym_is_the_organization_whose_initials_it_spells() -> None:
    text = "The Army Contracting Command signed the order on Monday. On Friday, ACC added a second option."
    assert _bound(text)["ACC"] == "Army Contracting Command"


@pytest.mark.skipif(not model_available(DEFAULT_MODEL), reason="entity model not installed")
def test_initials_shared_by_two_named_organizations_bind_to_neither() -> None:
    text = "The Army Contracting Command and the Air Combat Command met in May. Later ACC paid."
    assert _bound(text).get("ACC") != "Army Contracting Command"


@pytest.mark.skipif(not model_available(DEFAULT_MODEL), reason="entity model not installed")
def test_letters_the_gazetteers_know_as_a_place_are_not_bound_to_an_organization() -> None:
    text = "The family visited Universal Studios in June. Critics said it was a sad day for the US Constitution."
    assert _bound(text).get("US") != "Universal Studios"


@pytest.mark.skipif(not model_available(DEFAULT_MODEL), reason="entity model not installed")
def test_initials_that_take_a_services_first_syllable_bind_to_its_unit() -> None:
    text = "The Army Weather Support Team deployed to the island in May. In June ARWST 3 flew its first balloon."
    assert _bound(text)["ARWST 3"] == "Army Weather Support Team 3"


@pytest.mark.skipif(not model_available(DEFAULT_MODEL), reason="entity model not installed")
def test_a_law_and_a_piece_of_equipment_defined_as_acronyms_are_no_entities() -> None:
    text = (
        "Lawmakers amended the Coastal Defence Procurement Act (CDPA) in March; the CDPA now covers ferries. "
        "The depot fielded the Vehicle Auxiliary Power Unit (VAPU) to the 3rd Brigade, and each VAPU weighs 90 kg."
    )
    found = _bound(text)
    assert not [s for s in found if "CDPA" in s or "VAPU" in s or "Act" in s or "Power Unit" in s]


@pytest.mark.skipif(not model_available(DEFAULT_MODEL), reason="entity model not installed")
def test_a_vehicle_the_gazetteer_knows_by_its_acronym_is_that_vehicle() -> None:
    text = "Crews fitted the High Mobility Multipurpose Wheeled Vehicle (HMMWV) with a new turret. Each HMMWV got two."
    result = EntityExtractor().extract(text)
    entities = {e.entity_id: e for e in result.entities}
    named = {(m.text, m.type, entities[m.entity_id].canonical_name) for m in result.mentions}
    assert ("High Mobility Multipurpose Wheeled Vehicle", "PLATFORM", "Humvee") in named
    assert ("HMMWV", "PLATFORM", "Humvee") in named


@pytest.mark.skipif(not model_available(DEFAULT_MODEL), reason="entity model not installed")
def test_a_weapon_the_gazetteer_knows_by_its_acronym_is_that_weapon_whatever_the_long_form_ends_in() -> None:
    text = (
        "The Army ordered the Tube-launched Optically tracked, Wireless-Guided (TOW) Weapon System. Each TOW is cheap."
    )
    result = EntityExtractor().extract(text)
    entities = {e.entity_id: e for e in result.entities}
    named = [(m.text, m.type, entities[m.entity_id].canonical_name) for m in result.mentions if m.entity_id]
    assert ("TOW", "WEAPON", "BGM-71 TOW") in named
    assert not [n for n in named if n[0] == "Weapon System"]  # words for a kind of equipment are no name
