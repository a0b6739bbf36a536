"""Acquisition offices named by their portfolio are one organization (issue #16: program offices cut apart)."""

from __future__ import annotations

import pytest
from entity_helpers import found

from transforms.entities.mentions import EntityExtractor
from transforms.entities.ner import DEFAULT_MODEL, model_available
from transforms.entities.program_offices import program_offices


def _offices(text: str) -> list[tuple[str, str]]:
    return [(text[p.start : p.end], p.canonical) for p in program_offices(text)]


def test_a_program_executive_office_runs_to_the_end_of_its_portfolio() -> None:
    text = (
        "The Program Executive Office for Harbour Sensors and Arctic Radios, with PEO Coastal Fires, said the "
        "PEO Sea, Air and Land office and is done."
    )
    assert _offices(text) == [
        (
            "Program Executive Office for Harbour Sensors and Arctic Radios",
            "Program Executive Office Harbour Sensors and Arctic Radios",
        ),
        ("PEO Coastal Fires", "Program Executive Office Coastal Fires"),
        ("PEO Sea, Air and Land", "Program Executive Office Sea, Air and Land"),
    ]


def test_two_offices_joined_by_and_stay_two() -> None:
    text = "The Program Executive Office Coastal Fires and PEO Arctic Radios signed."
    assert [s for s, _ in _offices(text)] == ["Program Executive Office Coastal Fires", "PEO Arctic Radios"]
    text = "It was a joint effort of PEO Sea and Land and Army Contracting Command-Orlando."
    assert [s for s, _ in _offices(text)] == ["PEO Sea and Land"]
    text = "PEO Coastal Fires’ budget and PEO Arctic Radios’s team grew."
    assert [s for s, _ in _offices(text)] == ["PEO Coastal Fires", "PEO Arctic Radios"]


def test_pm_before_letters_is_a_project_office_and_before_a_name_is_not() -> None:
    text = "PM HSR signed the order; PM Modi spoke later, and PM HSR Alpha did not."
    assert _offices(text) == [("PM HSR", "Project Manager HSR")]
    assert _offices("The call is at 3 PM EST, the vote at 11:30 PM ET, and PM GMT met.") == []


@pytest.mark.skipif(not model_available(DEFAULT_MODEL), reason="entity model not installed")
def test_the_extractor_keeps_an_office_whole() -> None:
    spans = found(EntityExtractor(), "The Army's Program Executive Office Harbour Sensors and Space awarded it.")
    assert spans["Program Executive Office Harbour Sensors and Space"][0] == "ORG"
    assert "Space" not in spans


def test_a_project_office_named_by_its_portfolio_is_one_office() -> None:
    text = (
        "The Capability Office’s Ground Robotics Systems (GRS) Project Office and the Soldier Sensors Program "
        "Office met; the Joint Project Office is elsewhere."
    )
    assert _offices(text) == [
        ("Ground Robotics Systems (GRS) Project Office", "Ground Robotics Systems Project Office"),
        ("Soldier Sensors Program Office", "Soldier Sensors Program Office"),
    ]


@pytest.mark.skipif(not model_available(DEFAULT_MODEL), reason="entity model not installed")
def test_letters_inside_an_office_stand_for_the_systems_not_the_office() -> None:
    text = (
        "PM GRS fields robots. The Ground Robotics Systems (GRS) Project Office (PM GRS) awarded a contract "
        "for 40 GRS to Acme Robotics."
    )
    result = EntityExtractor().extract(text)
    entities = {e.entity_id: e for e in result.entities}
    named = [(m.text, m.type, entities[m.entity_id].canonical_name) for m in result.mentions if m.entity_id]
    assert named.count(("PM GRS", "ORG", "Project Manager GRS")) == 2
    office = ("Ground Robotics Systems (GRS) Project Office", "ORG", "Ground Robotics Systems Project Office")
    assert office in named
    assert ("GRS", "ORG", "Ground Robotics Systems Project Office") not in named
