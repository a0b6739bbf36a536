"""Incidents of an article (transforms.events.detect): type and subtype from the cue lexicon, parties,
weapons, place, date and toll. Every text here was written for this test."""

from __future__ import annotations

import datetime as dt
import functools

import pytest
from hypothesis import given, settings, strategies as st

from schemas.entities import Mention, Place
from schemas.events import Event
from transforms.entities.mentions import EntityExtractor
from transforms.events.actors import parties
from transforms.events.cue_words import event_cues
from transforms.events.parse import load_parser
from transforms.pipeline import normalize_text

ONTOLOGY = {
    "battles": {"armed_clash", "government_regains_territory", "non_state_actor_overtakes_territory"},
    "explosions_remote_violence": {
        "chemical_weapon",
        "air_drone_strike",
        "suicide_bomb",
        "shelling_artillery_missile_attack",
        "remote_explosive_landmine_ied",
        "grenade",
    },
    "violence_against_civilians": {"sexual_violence", "attack", "abduction_forced_disappearance"},
    "protests": {"peaceful_protest", "protest_with_intervention", "excessive_force_against_protesters"},
    "riots": {"violent_demonstration", "mob_violence"},
    "strategic_developments": {
        "agreement",
        "arrests",
        "change_to_group_activity",
        "disrupted_weapons_use",
        "headquarters_or_base_established",
        "looting_property_destruction",
        "non_violent_transfer_of_territory",
        "other",
    },
    "procurement": {"contract", "sale_approval", "delivery"},
    "deployment": {"deployment", "port_visit", "patrol_transit"},
    "exercise": {"exercise"},
    "weapons_test": {"test", "launch"},
    "platform_loss": {"shoot_down", "crash", "sinking", "capture"},
    "sanctions": {"sanctions"},
}

ARTICLE = """Russian forces launched 35 Shahed drones at Odesa overnight on Tuesday, killing at least four civilians and wounding 12, the regional governor said.

Lockheed Martin was awarded a $1.2 billion contract by the U.S. Army for Patriot interceptors.

The destroyer USS Carney pulled into Souda Bay, Greece, on March 2 for a scheduled port visit.

Marines from the 22nd Marine Expeditionary Unit joined Greek troops for the exercise on the island of Crete."""


@pytest.fixture(scope="module")
def events() -> tuple[Event, ...]:
    if load_parser() is None:
        pytest.skip("the spaCy parser package is not installed")
    return normalize_text(ARTICLE, published=dt.date(2025, 3, 6), extractor=EntityExtractor()).events


def test_every_cue_names_a_type_and_subtype_of_the_ontology() -> None:
    for cue in event_cues():
        assert cue.subtype in ONTOLOGY[cue.event_type], cue


def test_one_event_per_incident_with_its_type(events: tuple[Event, ...]) -> None:
    assert [(e.event_type, e.subtype) for e in events] == [
        ("explosions_remote_violence", "air_drone_strike"),
        ("procurement", "contract"),
        ("deployment", "port_visit"),
        ("exercise", "exercise"),
    ]


def test_strike_has_its_attacker_place_date_weapon_and_toll(events: tuple[Event, ...]) -> None:
    strike = events[0]
    assert (strike.actor1_text, strike.actor1_country, strike.actor1_sector) == ("Russian", "RUS", "military")
    assert strike.place_text == "Odesa"
    assert (strike.date, strike.date_granularity, strike.date_source) == (dt.date(2025, 3, 4), "day", "sentence")
    assert strike.platform_or_weapon  # the Shahed drones
    assert strike.fatalities is not None and (strike.fatalities.value, strike.fatalities.hedge) == (4, "at least")
    assert strike.injured is not None and strike.injured.value == 12
    assert ARTICLE[strike.start : strike.end].startswith("Russian forces launched")


def test_contract_has_its_parties_and_amount(events: tuple[Event, ...]) -> None:
    contract = events[1]
    assert (contract.actor1_text, contract.actor1_sector) == ("Lockheed Martin", "company")
    assert contract.actor2_text == "U.S. Army" and contract.actor2_sector == "military"
    assert (contract.amount, contract.currency) == (1.2e9, "USD")
    assert contract.date_source == "article"


def test_a_place_qualified_by_its_country_is_not_an_actor(events: tuple[Event, ...]) -> None:
    visit = events[2]
    assert visit.place_text == "Souda Bay"
    assert visit.actor2_text is None
    assert (visit.actor1_text, visit.actor1_sector, visit.actor1_country) == ("U.S. Navy", "military", "USA")
    assert visit.date == dt.date(2025, 3, 2)


def test_sentences_of_one_incident_merge_and_keep_the_larger_toll() -> None:
    text = (
        "Militants ambushed an army convoy near Gao on Monday, killing three soldiers. "
        "The ambush near Gao also left five soldiers wounded. "
        "Later reports said seven soldiers were killed in the ambush."
    )
    found = normalize_text(text, published=dt.date(2025, 3, 6), extractor=EntityExtractor())
    assert len(found.events) == 1
    event = found.events[0]
    assert (event.event_type, event.subtype) == ("battles", "armed_clash")
    assert event.fatalities is not None and event.fatalities.value == 7
    assert event.injured is not None and event.injured.value == 5


def test_events_without_entities_still_have_a_type() -> None:
    found = normalize_text("The navy conducted a live-fire exercise in the Baltic Sea on Friday.", published=None)
    assert [(e.event_type, e.subtype) for e in found.events] == [("exercise", "exercise")]


def test_a_list_of_places_is_one_incident_per_place() -> None:
    text = (
        "During the cruise the destroyer made port visits in Split, Croatia; Souda Bay, Greece; and Naples, Italy.\n\n"
        "The crew also rested for a week."
    )
    found = normalize_text(text, published=dt.date(2025, 3, 6), extractor=EntityExtractor())
    visits = [e for e in found.events if e.subtype == "port_visit"]
    assert [e.place_text for e in visits] == ["Split", "Souda Bay", "Naples"]


def test_a_date_in_a_since_phrase_dates_only_its_own_event() -> None:
    text = (
        "Since leaving Norfolk on May 4, the destroyer has completed a live-fire exercise with the frigate "
        "HMS Kent and made a port visit to Souda Bay, Greece."
    )
    found = normalize_text(text, published=dt.date(2025, 6, 20), extractor=EntityExtractor())
    dates = {e.subtype: (e.date, e.date_source) for e in found.events}
    assert dates["exercise"] == (dt.date(2025, 6, 20), "article")  # after May 4: not dated by it
    assert dates["port_visit"] == (dt.date(2025, 6, 20), "article")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Before deploying, the frigate completed a gunnery exercise off Crete with two Greek corvettes.", "exercise"),
        ("Ahead of deploying to the Gulf, the destroyer held damage-control drills in port.", "exercise"),
    ],
)
def test_a_verb_after_before_names_a_later_act_not_the_incident(text: str, kind: str) -> None:
    found = normalize_text(text, published=dt.date(2025, 3, 6), extractor=_shared_extractor())
    assert [e.event_type for e in found.events] == [kind]


def test_a_title_names_the_incident_and_the_body_sentence_reports_it() -> None:
    text = "Destroyer arrives in Souda Bay\n\nThe destroyer USS Carney pulled into Souda Bay, Greece, on March 2."
    found = normalize_text(text, published=dt.date(2025, 3, 6), extractor=EntityExtractor())
    assert len(found.events) == 1
    assert text[found.events[0].start :].startswith("The destroyer USS Carney")


def test_a_cue_without_what_it_needs_is_no_incident() -> None:
    found = normalize_text("The judge clashed with the defense lawyer again. Click to make a purchase.", published=None)
    assert found.events == ()


def test_a_strike_on_a_market_is_an_air_or_drone_strike_with_its_toll() -> None:
    found = normalize_text(
        "Local officials said a strike on a weekly livestock market near the town on Oct. 19 killed at least 23 "
        "people, most of them herders.",
        published=dt.date(2025, 10, 21),
        extractor=EntityExtractor(),
    )
    assert [(e.event_type, e.subtype) for e in found.events] == [("explosions_remote_violence", "air_drone_strike")]
    event = found.events[0]
    assert event.fatalities is not None and (event.fatalities.value, event.fatalities.hedge) == (23, "at least")
    assert event.date == dt.date(2025, 10, 19)


def test_a_dateline_place_is_the_place_and_never_the_actor() -> None:
    text = "SAN DIEGO, Calif. – The strike group departed for a scheduled deployment to the Western Pacific on Monday."
    found = normalize_text(text, published=dt.date(2025, 6, 4), extractor=EntityExtractor())
    assert [(e.event_type, e.subtype) for e in found.events] == [("deployment", "deployment")]
    assert found.events[0].actor1_text not in ("SAN DIEGO", "Calif.")


_WORDS = st.sampled_from(
    [
        "killed",
        "three",
        "soldiers",
        "were",
        "a",
        "strike",
        "on",
        "Kyiv",
        "contract",
        "$4 billion",
        "USS Carney",
        "exercise",
        "in",
        "the",
        ",",
        ".",
        "\n\n",
        "SAN DIEGO –",
        "released",
        "at least",
        "Monday",
        "deaths of",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS, max_size=40).map(" ".join) | st.text(max_size=200))
def test_the_events_stage_never_raises_and_keeps_spans_inside_the_text(text: str) -> None:
    found = normalize_text(text, published=dt.date(2025, 1, 1))
    for event in found.events:
        assert 0 <= event.start < event.end <= len(text)
    for claim in found.claims:
        assert text[claim.start : claim.end] == claim.text


@functools.cache
def _shared_extractor() -> EntityExtractor:
    return EntityExtractor()


@settings(max_examples=40, deadline=None)
@given(st.lists(_WORDS, min_size=3, max_size=30).map(" ".join))
def test_claims_read_on_the_parse_never_raise(text: str) -> None:
    if load_parser() is None:
        pytest.skip("the spaCy parser package is not installed")
    found = normalize_text(text, published=dt.date(2025, 1, 1), extractor=_shared_extractor())
    for claim in found.claims:
        assert text[claim.start : claim.end] == claim.text and claim.toll.value >= 0


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        (
            "A year after the school shooting in the town, assault weapons must be registered.",
            ("attack", "school shooting"),
        ),
        ("Marines assaulted the compound at dawn, the army said.", ("armed_clash", "assaulted")),
        ("The navy ordered four assault ships for the amphibious force.", None),
        (
            "The wing flew 1,200 combat sorties into Syria and dropped 800 pieces of ordnance during the deployment.",
            ("air_drone_strike", "flew 1,200 combat sorties"),
        ),
        ("Workers staged protests against the closure of the naval base.", ("peaceful_protest", "protests")),
    ],
)
def test_a_shooting_of_civilians_is_an_attack_and_an_assault_weapon_no_assault(
    sentence: str, kind: tuple[str, str] | None
) -> None:
    found = normalize_text(sentence, published=dt.date(2025, 4, 8))
    kinds = [(e.subtype, e.trigger) for e in found.events]
    if kind is None:
        assert all(e.event_type != "battles" for e in found.events)
    else:
        assert kinds == [kind]


def test_in_protest_of_is_a_motive_not_a_protest() -> None:
    found = normalize_text("The army fired two missiles at the sea in apparent protest of the drills.", published=None)
    assert found.events and all(e.event_type != "protests" for e in found.events)


def test_a_cue_whose_needs_fail_leaves_its_words_to_the_next() -> None:
    """ "launched" is shelling only where the sentence is hostile; otherwise the launch cue reads it."""
    if load_parser() is None:
        pytest.skip("the spaCy parser package is not installed")
    text = "The U.S. Army, with the U.S. Navy, launched a hypersonic missile from a range in Florida on March 26."
    found = normalize_text(text, published=dt.date(2025, 4, 8), extractor=_shared_extractor())
    assert [(e.event_type, e.subtype, e.trigger) for e in found.events] == [("weapons_test", "launch", "launched")]


def test_a_place_without_an_entity_country_takes_its_geocoded_country() -> None:
    text = "Marines trained ashore near Souda Bay on Tuesday."
    at = text.index("Souda Bay")
    point = Place(None, "Souda Bay", 35.48, 24.15, "H", "BAY", "GRC", None, "context", 0.9)
    bay = Mention(at, at + len("Souda Bay"), "Souda Bay", "LOC", None, place=point)
    found = parties(text, 0, len(text), text.index("trained"), [bay], {})
    assert found.place is not None and (found.place.text, found.place.country) == ("Souda Bay", "GRC")
