"""A ship or strike group acts for its navy (transforms.events.forces), and "the strike group", "the ship"
stand for the last one of their kind named before them (transforms.events.antecedents). Every text here
was written for this test."""

from __future__ import annotations

import datetime as dt

import pytest

from schemas.entities import Entity, Mention
from schemas.events import Event
from transforms.entities.gazetteer import entity_id
from transforms.entities.mentions import EntityExtractor
from transforms.events.actors import parties
from transforms.events.antecedents import antecedent, description_kind
from transforms.events.forces import force_of, with_force
from transforms.events.parse import load_parser
from transforms.pipeline import normalize_text

US_NAVY = "Q11220"  # the gazetteer's U.S. Navy: its Wikidata id


def _m(text: str, word: str, kind: str, eid: str, nth: int = 0) -> Mention:
    at = -1
    for _ in range(nth + 1):
        at = text.index(word, at + 1)
    return Mention(at, at + len(word), word, kind, eid, method="rule")  # type: ignore[arg-type]


def _ship(eid: str, name: str, subtype: str = "ship") -> Entity:
    return Entity(eid, name, "PLATFORM", subtype=subtype, source="rule")


def _group(eid: str, name: str) -> Entity:
    return Entity(eid, name, "ORG", subtype="unit", source="rule")


# --- rule 1: the force of a ship or a strike group -------------------------------------------------


def test_a_ship_with_a_navy_prefix_acts_for_that_navy_with_the_gazetteer_id() -> None:
    text = "USS Dorsey (DDG 131) departed Yokosuka."
    ship = _m(text, "USS Dorsey (DDG 131)", "PLATFORM", "E1")
    force = force_of(ship, [ship], {"E1": _ship("E1", "USS Dorsey (DDG 131)", "destroyer")})
    assert force is not None
    assert (force.entity_id, force.name, force.country, force.platform) == (US_NAVY, "U.S. Navy", "USA", "E1")


def test_the_prefix_may_come_from_the_canonical_name_of_a_short_mention() -> None:
    text = "Dorsey departed Yokosuka."
    ship = _m(text, "Dorsey", "PLATFORM", "E1")
    force = force_of(ship, [ship], {"E1": _ship("E1", "USS Dorsey (DDG 131)")})
    assert force is not None and force.name == "U.S. Navy"


def test_a_navy_missing_from_the_gazetteer_gets_the_entity_stage_id_of_its_name() -> None:
    text = "HMNZS Tarapunga sailed from Auckland."
    ship = _m(text, "HMNZS Tarapunga", "PLATFORM", None)  # type: ignore[arg-type]
    force = force_of(ship, [ship], {})
    assert force is not None
    assert force.entity_id == entity_id("ORG", "Royal New Zealand Navy")
    assert (force.name, force.country, force.platform) == ("Royal New Zealand Navy", "NZL", None)


def test_a_coast_guard_cutter_acts_for_the_coast_guard_not_the_navy() -> None:
    text = "USCGC Harriet Lane arrived in Apra Harbor."
    cutter = _m(text, "USCGC Harriet Lane", "PLATFORM", "E1")
    force = force_of(cutter, [cutter], {})
    assert force is not None and force.name == "U.S. Coast Guard" and force.country == "USA"


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("Admiral Vinogradov", "no prefix"),
        ("BRP Andres Bonifacio", "a prefix the navy and the coast guard share"),
        ("ZZS Orkan", "a prefix the table does not hold"),
    ],
)
def test_no_force_without_a_known_prefix_of_one_service(name: str, why: str) -> None:
    text = f"{name} entered the strait."
    ship = _m(text, name, "PLATFORM", "E1")
    assert force_of(ship, [ship], {"E1": _ship("E1", name)}) is None, why


def test_a_strike_group_acts_for_the_navy_of_the_ship_it_is_named_for() -> None:
    text = "The Gerald R. Ford Carrier Strike Group, led by USS Gerald R. Ford (CVN 78), entered the Adriatic."
    group = _m(text, "Gerald R. Ford Carrier Strike Group", "ORG", "G1")
    ship = _m(text, "USS Gerald R. Ford (CVN 78)", "PLATFORM", "S1")
    entities = {"G1": _group("G1", "Gerald R. Ford Carrier Strike Group")}
    force = force_of(group, [group, ship], entities)
    assert force is not None and (force.entity_id, force.platform) == (US_NAVY, None)


def test_a_strike_group_whose_ship_is_not_named_or_known_by_number_keeps_its_name() -> None:
    text = "The Gerald R. Ford Carrier Strike Group and Carrier Strike Group 12 entered the Adriatic with USS Ramage."
    named = _m(text, "Gerald R. Ford Carrier Strike Group", "ORG", "G1")
    numbered = _m(text, "Carrier Strike Group 12", "ORG", "G2")
    other_ship = _m(text, "USS Ramage", "PLATFORM", "S1")
    mentions = [named, numbered, other_ship]
    assert force_of(named, mentions, {}) is None  # USS Ramage is not the ship the group is named for
    assert force_of(numbered, mentions, {}) is None


def test_with_force_puts_the_force_in_actor1_and_keeps_the_ship_as_platform() -> None:
    text = "HMS Severn (P282) escorted a Russian corvette through the Dover Strait on Friday."
    ship = _m(text, "HMS Severn (P282)", "PLATFORM", "S1")
    place = _m(text, "Dover Strait", "LOC", "P1")
    entities = {"S1": _ship("S1", "HMS Severn (P282)")}
    found = parties(text, 0, len(text), text.index("escorted"), [ship, place], entities)
    assert found.actor1 is not None and found.actor1.text == "HMS Severn (P282)"  # the stage's own reading
    forced = with_force(text, 0, text.index("escorted"), found, [ship, place], entities)
    assert forced.actor1 is not None
    assert (forced.actor1.entity_id, forced.actor1.text, forced.actor1.country, forced.actor1.sector) == (
        "Q172771",  # the gazetteer's Royal Navy
        "Royal Navy",
        "GBR",
        "military",
    )
    assert "S1" in forced.weapons and forced.place == found.place


def test_with_force_keeps_an_actor_that_is_no_ship_or_group() -> None:
    text = "The 31st Marine Expeditionary Unit conducted an amphibious landing near Zambales."
    unit = _m(text, "31st Marine Expeditionary Unit", "ORG", "U1")
    found = parties(text, 0, len(text), text.index("landing"), [unit], {})
    assert with_force(text, 0, text.index("landing"), found, [unit], {}) == found


# --- rule 2: a definite description stands for the last named one of its kind -----------------------


def test_the_strike_group_is_the_last_named_strike_group() -> None:
    text = (
        "The Carl Vinson Strike Group left San Diego in May with USS Carl Vinson (CVN 70) and USS Sterett.\n\n"
        "In June, the strike group conducted a port visit to Busan."
    )
    group = _m(text, "Carl Vinson Strike Group", "ORG", "G1")
    carrier = _m(text, "USS Carl Vinson (CVN 70)", "PLATFORM", "S1")
    destroyer = _m(text, "USS Sterett", "PLATFORM", "S2")
    start = text.index("In June")
    found = antecedent(text, start, text.index("port visit"), [group, carrier, destroyer], {})
    assert found == group
    clause = parties(text, start, len(text), text.index("port visit"), [group, carrier, destroyer], {})
    assert clause.actor1 is None  # today's reading: no mention on the subject side
    forced = with_force(text, start, text.index("port visit"), clause, [group, carrier, destroyer], {})
    assert forced.actor1 is not None and forced.actor1.entity_id == US_NAVY


def test_the_carrier_skips_the_escorts_and_takes_the_last_carrier() -> None:
    text = "USS Carl Vinson (CVN 70) sailed with USS Sterett (DDG 104). The carrier then launched aircraft."
    carrier = _m(text, "USS Carl Vinson (CVN 70)", "PLATFORM", "S1")
    destroyer = _m(text, "USS Sterett (DDG 104)", "PLATFORM", "S2")
    mentions = [carrier, destroyer]
    start, cue = text.index("The carrier"), text.index("launched")
    assert antecedent(text, start, cue, mentions, {}) == carrier
    clause = parties(text, start, len(text), cue, mentions, {})
    forced = with_force(text, start, cue, clause, mentions, {})
    assert forced.actor1 is not None and forced.actor1.text == "U.S. Navy"
    assert "S1" in forced.weapons and "S2" not in forced.weapons  # the carrier is the platform, not its escort


def test_the_squadron_is_the_named_squadron_itself_as_its_force_is_unknown() -> None:
    text = "Patrol Squadron (VP) 47 arrived at Misawa. The squadron flew maritime patrols over the Sea of Japan."
    squadron = _m(text, "Patrol Squadron (VP) 47", "ORG", "U1")
    start = text.index("The squadron")
    entities = {"U1": _group("U1", "Patrol Squadron 47")}
    clause = parties(text, start, len(text), text.index("patrols"), [squadron], entities)
    forced = with_force(text, start, text.index("patrols"), clause, [squadron], entities)
    assert forced.actor1 is not None and forced.actor1.text == "Patrol Squadron (VP) 47"
    assert forced.actor1.sector == "military"


def test_no_antecedent_without_an_earlier_named_one_of_the_kind() -> None:
    text = "Sailors trained for weeks off Hawaii. The strike group then conducted a port visit to Suva."
    start = text.index("The strike group")
    assert antecedent(text, start, text.index("port visit"), [], {}) is None
    destroyer_only = "USS Sterett (DDG 104) trained off Hawaii. The carrier then conducted a port visit to Suva."
    ship = _m(destroyer_only, "USS Sterett (DDG 104)", "PLATFORM", "S1")
    start = destroyer_only.index("The carrier")
    assert antecedent(destroyer_only, start, destroyer_only.index("port visit"), [ship], {}) is None


def test_a_description_that_is_no_subject_or_another_unnamed_ship_links_nothing() -> None:
    text = "USS Sterett (DDG 104) left Manila. Aircraft from the ship then flew patrols over the shoal."
    assert description_kind(text, text.index("Aircraft"), text.index("flew")) is None
    shadowed = "USS Sterett (DDG 104) left Manila. A Chinese survey vessel followed. The vessel then anchored."
    ship = _m(shadowed, "USS Sterett (DDG 104)", "PLATFORM", "S1")
    start = shadowed.index("The vessel")
    assert description_kind(shadowed, start, shadowed.index("anchored")) == ("vessel", start)
    assert antecedent(shadowed, start, shadowed.index("anchored"), [ship], {}) is None
    possessive = "USS Sterett (DDG 104) left Manila. The ship's crew then conducted a drill."
    assert description_kind(possessive, possessive.index("The ship"), possessive.index("drill")) is None


# --- through the whole stage ------------------------------------------------------------------------


def _events(text: str) -> tuple[Event, ...]:
    if load_parser() is None:
        pytest.skip("the spaCy parser package is not installed")
    return normalize_text(text, published=dt.date(2025, 3, 4), extractor=EntityExtractor()).events


def test_a_ship_subject_gives_its_navy_as_actor1_through_the_stage() -> None:
    found = _events("USS Ralph Johnson (DDG 114) departed Yokosuka on Monday for a patrol in the South China Sea.")
    assert found and found[0].actor1_text == "U.S. Navy" and found[0].actor1_entity_id == US_NAVY
    assert (found[0].actor1_country, found[0].actor1_sector) == ("USA", "military")
    assert found[0].platform_or_weapon  # the ship is kept, as the platform


def test_the_strike_group_of_a_later_paragraph_acts_for_the_navy_through_the_stage() -> None:
    text = (
        "The Carl Vinson Carrier Strike Group departed San Diego on Jan. 6 with USS Carl Vinson (CVN 70).\n\n"
        "Over the following weeks, the strike group conducted a port visit to Busan."
    )
    visits = [e for e in _events(text) if e.subtype == "port_visit"]
    assert visits and visits[-1].actor1_text == "U.S. Navy"
