"""Several incidents in one sentence (transforms.events.segments) and ships or units as actor1
(transforms.events.actors). Every text here was written for this test."""

from __future__ import annotations

import datetime as dt

import pytest

from schemas.entities import Entity, Mention
from schemas.events import Event
from transforms.entities.mentions import EntityExtractor
from transforms.events.actors import listed_places, sector_of
from transforms.events.cue_words import ship_prefixes
from transforms.events.parse import load_parser
from transforms.events.segments import subjectless
from transforms.pipeline import normalize_text
from transforms.sentences import split_sentences


def _events(text: str) -> tuple[Event, ...]:
    if load_parser() is None:
        pytest.skip("the spaCy parser package is not installed")
    return normalize_text(text, published=dt.date(2024, 9, 30), extractor=EntityExtractor()).events


def test_two_clauses_joined_by_while_give_two_incidents_with_their_own_dates() -> None:
    text = "The destroyer USS Halsey departed Norfolk on Aug. 2 while USS Stout departed on Sept. 14."
    found = _events(text)
    assert [e.event_type for e in found] == ["deployment", "deployment"]
    assert [e.date for e in found] == [dt.date(2024, 8, 2), dt.date(2024, 9, 14)]
    first, second = found
    assert first.end <= second.start  # each keeps its own clause
    assert second.actor1_text == "U.S. Navy"  # USS Stout acts for its navy (tests/test_events_forces.py)


def test_an_opening_since_phrase_and_a_list_of_verb_clauses_share_the_subject() -> None:
    text = (
        "Since leaving homeport on July 3, the Carl Vinson Carrier Strike Group has completed a maritime exercise "
        "with the Royal Australian Navy, conducted a live-fire exercise with USS Essex and made a port visit to Guam."
    )
    found = _events(text)
    kinds = [e.event_type for e in found]
    assert kinds == ["deployment", "exercise", "exercise", "deployment"]  # leaving homeport, two exercises, a visit
    assert found[0].date == dt.date(2024, 7, 3) and found[0].actor1_text == found[1].actor1_text
    assert len({e.start for e in found}) == len(found)  # one event per clause, none merged into another
    visit = found[-1]
    assert visit.place_text == "Guam"
    subjects = {e.actor1_text for e in found if e.start > text.index("conducted")}
    assert subjects and all(s is not None and "Strike Group" in s for s in subjects)


def test_an_attack_given_as_the_reason_of_a_strike_is_an_incident_of_its_own_with_its_toll() -> None:
    text = (
        "Turkish forces launched artillery strikes on militant positions near Zakho on Friday in retaliation "
        "for a May 9 bomb attack on a border post that killed two soldiers."
    )
    found = _events(text)
    assert len(found) == 2
    assert found[1].subtype == "remote_explosive_landmine_ied"
    assert found[1].date == dt.date(2024, 5, 9)  # "May 9" is a date, not the modal "may"
    assert found[1].fatalities is not None and found[1].fatalities.value == 2
    assert found[0].fatalities is None and found[0].place_text == "Zakho"


def test_drills_said_twice_in_one_clause_list_stay_one_exercise() -> None:
    text = "Sailors aboard the frigate conducted gunnery drills and completed damage control exercises on Tuesday."
    assert [e.event_type for e in _events(text)] == ["exercise"]


def test_habitual_activity_is_no_incident() -> None:
    text = "The squadron is based at Manama and routinely patrols the northern Gulf."
    assert not [e for e in _events(text) if e.subtype == "patrol_transit"]


def test_verb_first_clause_has_no_subject_of_its_own() -> None:
    text = "The group sailed west, conducted drills and returned."
    sentence = split_sentences(text)[0]
    assert subjectless(text, text.index("conducted"), sentence)
    assert not subjectless(text, 0, sentence)


def test_a_ship_named_with_its_navy_prefix_is_military_of_that_navy() -> None:
    assert ship_prefixes()["HMS"] == "GBR"
    ship = Entity("E1", "HMS Dauntless (D33)", "PLATFORM", subtype="ship", source="rule")
    mention = Mention(0, 9, "Dauntless", "PLATFORM", "E1", method="coreference")
    assert sector_of(mention, ship, " sailed") == "military"


def test_an_acronym_of_a_command_is_military_by_its_canonical_name() -> None:
    command = Entity("E2", "Naval Sea Systems Command", "ORG", source="model")
    mention = Mention(0, 6, "NAVSEA", "ORG", "E2", method="acronym")
    assert sector_of(mention, command, " awarded") == "military"


def test_a_ship_subject_gives_actor1_its_navy() -> None:
    text = "HMS Dauntless (D33) arrived in Gibraltar on Monday for a scheduled port visit."
    found = _events(text)
    assert found and found[0].actor1_sector == "military" and found[0].actor1_country == "GBR"
    assert found[0].actor1_text == "Royal Navy" and found[0].platform_or_weapon


def test_a_denied_or_habitual_act_is_no_incident() -> None:
    text = "The ministry said its forces will not use cluster munitions and never fired artillery at the town."
    assert not [e for e in _events(text) if e.event_type == "explosions_remote_violence"]


def _m(text: str, word: str, kind: str, entity_id: str, method: str = "model") -> Mention:
    at = text.index(word)
    return Mention(at, at + len(word), word, kind, entity_id, method=method)  # type: ignore[arg-type]


def test_a_listed_name_typed_a_person_is_a_place_where_its_country_follows() -> None:
    text = "The frigate made port visits to Valletta, Malta; Port Said, Egypt; and Limassol, Cyprus."
    mentions = [
        _m(text, "Valletta", "GPE", "E1"),
        _m(text, "Malta", "GPE", "E2"),
        _m(text, "Port Said", "PERSON", "E3"),
        _m(text, "Egypt", "GPE", "E4"),
        _m(text, "Limassol", "GPE", "E5"),
        _m(text, "Cyprus", "GPE", "E6"),
    ]
    entities = {"E4": Entity("E4", "Egypt", "GPE", subtype="country", country="EGY", source="gazetteer")}
    found = listed_places(text, 0, len(text), text.index("port visits"), mentions, entities)
    assert [p.text for p in found] == ["Valletta", "Port Said", "Limassol"]
    assert found[1].country == "EGY"


def test_a_person_in_a_list_of_people_is_no_place() -> None:
    text = "The minister met Anna Berg, Sweden; and Ola Lund at the port visit of the frigate."
    mentions = [
        _m(text, "Anna Berg", "PERSON", "E1"),
        _m(text, "Sweden", "GPE", "E2"),
        _m(text, "Ola Lund", "PERSON", "E3"),
    ]
    assert listed_places(text, 0, len(text), 0, mentions, {}) == []
