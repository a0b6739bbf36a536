"""Unit names (issue #16): numbers before and after the name, abbreviations and acronyms written inside it."""

from __future__ import annotations

from dataclasses import replace

import pytest
from entity_helpers import candidate, found as _found

from transforms.entities.gazetteer import Entry
from transforms.entities.mentions import EntityExtractor
from transforms.entities.military_patterns import find_patterns
from transforms.entities.ner import DEFAULT_MODEL, model_available
from transforms.entities.unit_numbers import with_unit_numbers

needs_model = pytest.mark.skipif(not model_available(DEFAULT_MODEL), reason="entity model not installed")


@pytest.fixture(scope="module")
def extractor() -> EntityExtractor:
    return EntityExtractor()


def test_an_ordinal_before_any_capitalised_unit_name_is_a_unit() -> None:
    text = "Airmen of the 318th Range Support Squadron flew with the 7th Signal Command beside the 2nd Brigade."
    names = {m.canonical for m in find_patterns(text) if m.subtype == "unit"}
    assert {"318th Range Support Squadron", "7th Signal Command", "2nd Brigade"} <= names


def test_an_ordinal_does_not_swallow_a_phrase() -> None:
    text = "The 3rd and Final Group of talks ended."
    assert not [m for m in find_patterns(text) if m.subtype == "unit" and m.canonical.startswith("3rd and")]


def test_an_abbreviated_unit_is_named_in_full() -> None:
    matches = find_patterns("Spc. Jo Doe, 10th Mtn. staff, and Sgt. Al Roe, 25th Inf. Div., met in Hawaii.")
    assert [m.canonical for m in matches if m.subtype == "unit"] == ["25th Infantry Division"]


def test_a_space_force_delta_keeps_its_number() -> None:
    text = "Guardians of Mission Delta 7 briefed Space Delta 9 and Space Base Delta 3."
    names = [m.canonical for m in find_patterns(text) if m.subtype == "unit"]
    assert names == ["Mission Delta 7", "Space Delta 9", "Space Base Delta 3"]


def test_an_acronym_written_inside_a_unit_name_is_left_out_of_its_canonical_name() -> None:
    matches = find_patterns("Jets of Carrier Air Wing (CVW) 17 landed.")
    assert [(m.canonical, m.end - m.start) for m in matches] == [
        ("Carrier Air Wing 17", len("Carrier Air Wing (CVW) 17"))
    ]


@needs_model
def test_a_unit_with_an_acronym_inside_stays_one_mention(extractor: EntityExtractor) -> None:
    found = _found(extractor, "The destroyer joined Carrier Strike Group (CSG) 12 in the Red Sea on Tuesday.")
    assert found["Carrier Strike Group (CSG) 12"] == ("ORG", "Carrier Strike Group 12")
    assert "CSG" not in found


@needs_model
def test_a_unit_number_written_as_a_word_is_kept_as_digits(extractor: EntityExtractor) -> None:
    found = _found(extractor, "Rear Adm. Jo Doe, commander, Submarine Group Nine, visited the pier on Friday.")
    assert found["Submarine Group Nine"] == ("ORG", "Submarine Group 9")


@needs_model
def test_two_commands_before_a_singular_noun_are_both_found(extractor: EntityExtractor) -> None:
    found = _found(extractor, "Drills spanned both Central and European Command areas of responsibility last year.")
    assert found["Central"] == ("ORG", "U.S. Central Command")
    assert found["European Command"] == ("ORG", "U.S. European Command")


@needs_model
def test_a_unit_keeps_the_area_written_after_a_hyphen(extractor: EntityExtractor) -> None:
    found = _found(extractor, "Soldiers from U.S. Division-North met the governor in Tikrit on Sunday.")
    assert found["U.S. Division-North"] == ("ORG", "U.S. Division-North")


def test_initials_take_the_unit_number_written_after_them() -> None:
    text = (
        "Soldiers of KSST 3 briefed the 4th MBT. Later KSST 3 and the Ridge Strike Group (RSG) 9 escort, RSG 2, sailed."
    )
    cands = [
        candidate(text, "KSST", "ORG"),
        candidate(text, "MBT", "ORG"),
        candidate(text, "KSST", "ORG", at=text.index("Later")),
        replace(candidate(text, "RSG", "ORG", at=text.index("RSG 2")), canonical="Ridge Strike Group 9"),
    ]
    out = {text[c.start : c.end]: c.canonical for c in with_unit_numbers(text, cands)}
    assert out == {
        "KSST 3": "KSST 3",
        "4th MBT": "4th MBT",
        "RSG 2": "Ridge Strike Group 2",
    }  # the long form, renumbered


def test_scores_versions_and_table_rows_are_no_unit_numbers() -> None:
    text = (
        "Results:\nKRT 2 OBX 0\nThe PGU 1.1 replaced the old one. BLF 54 6 59 .441 17\n"
        "The pact began 40 years ago: ZAT 40 years on, DDG 83 sailed and QRA 27 met."
    )
    alliance = Entry("E1", "Quiet Rim Alliance", "ORG", "alliance")
    cands = [candidate(text, s, "ORG") for s in ("KRT", "OBX", "PGU", "BLF", "ZAT", "DDG")]
    cands.append(candidate(text, "QRA", "ORG", entry=alliance, method="gazetteer"))
    assert [(c.start, c.end) for c in with_unit_numbers(text, cands)] == [(c.start, c.end) for c in cands]


def test_numbered_initials_name_the_unit_not_the_formation_named_after_a_ship() -> None:
    text = "The Kestrel Carrier Strike Group (CSG) sailed. CSG 14 then left port."
    cand = replace(candidate(text, "CSG", "ORG", at=text.index("CSG 14")), canonical="Kestrel Carrier Strike Group")
    (out,) = with_unit_numbers(text, [cand])
    assert (text[out.start : out.end], out.canonical) == ("CSG 14", "Carrier Strike Group 14")


def test_ordinals_coordinated_with_a_unit_share_its_unit_word() -> None:
    text = "Crews of the 4th and 9th Fleet and of the 1st, 2nd and 3rd Battalions met; 1st and 2nd place went home."
    names = {(text[m.start : m.end], m.canonical) for m in find_patterns(text) if m.subtype == "unit"}
    assert {("4th", "4th Fleet"), ("1st", "1st Battalion"), ("2nd", "2nd Battalion")} <= names
    assert ("3rd Battalions", "3rd Battalion") in names
    assert not [n for n in names if n[1].endswith("place")]


def test_an_ordinal_and_initials_nothing_else_found_are_a_unit() -> None:
    text = "Pilots of the 612th QXTS flew the jet while the 3rd DDG watch stood by."
    out = with_unit_numbers(text, [])
    assert [(text[c.start : c.end], c.canonical, c.type) for c in out] == [("612th QXTS", "612th QXTS", "ORG")]


def test_a_merchant_or_research_vessel_is_a_vehicle_ship() -> None:
    text = (
        "Drones hit the MV Corran Star and the M/T Vela Dawn; the RV Petrel Sound stood by. "
        "The call is at 9 a.m. MT Tuesday."
    )
    ships = [(p.canonical, p.type, p.subtype) for p in find_patterns(text) if p.subtype == "ship"]
    assert ships == [
        ("MV Corran Star", "VEHICLE", "ship"),
        ("M/T Vela Dawn", "VEHICLE", "ship"),
        ("RV Petrel Sound", "VEHICLE", "ship"),
    ]


def test_recurring_exercises_are_named_without_the_word_exercise(extractor: EntityExtractor) -> None:
    result = extractor.extract(
        "The frigate sailed for RIMPAC 2024 after Marines fired rockets during Balikatan 25. The Malabar coast lay east."
    )
    entities = {e.entity_id: e for e in result.entities}
    kinds = {m.text: (m.type, entities[m.entity_id].subtype) for m in result.mentions if m.entity_id in entities}
    assert kinds["RIMPAC"] == ("OPERATION", "military_exercise")
    assert kinds["Balikatan"] == ("OPERATION", "military_exercise")
    assert kinds.get("Malabar", ("GPE", None))[0] != "OPERATION"  # a coast, not the exercise


def test_the_longest_unit_word_wins_and_numbered_marines_are_a_regiment() -> None:
    text = "Soldiers of the 2nd Armored Brigade Combat Team trained with 1st Battalion, 3rd Marines."
    names = {m.canonical for m in find_patterns(text) if m.subtype == "unit"}
    assert {"2nd Armored Brigade Combat Team", "3rd Marines"} <= names


@needs_model
def test_a_unit_number_said_digit_by_digit_is_one_number() -> None:
    text = "The carrier and Carrier Air Wing One Seven (CVW-17) left port; Submarine Group Nine stayed."
    result = EntityExtractor().extract(text)
    entities = {e.entity_id: e for e in result.entities}
    named = {m.text: entities[m.entity_id].canonical_name for m in result.mentions if m.entity_id}
    assert named["Carrier Air Wing One Seven"] == named["CVW-17"] == "Carrier Air Wing 17"
    assert named["Submarine Group Nine"] == "Submarine Group 9"
