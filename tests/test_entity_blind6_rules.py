"""Rules of the round that read blind6's misses (issue #16): an acronym defined twice for two units, hyphened
words in a coded unit's name, an acronym of a facility, "The Honorable" before a name, equipment words taken for
a person, a facility's name cut before its head, a title the model ran into a name, and offices named by their
portfolio."""

from __future__ import annotations

import pytest
from entity_helpers import all_context_rules, candidate

from transforms.entities.acronyms import long_form_type
from transforms.entities.facility_runs import facility_runs
from transforms.entities.gazetteer import make_entry
from transforms.entities.in_context import ContextRules
from transforms.entities.meetings import meeting_names
from transforms.entities.mentions import EntityExtractor
from transforms.entities.military_patterns import find_patterns
from transforms.entities.ner import DEFAULT_MODEL, model_available
from transforms.entities.squadrons import squadron_patterns
from transforms.entities.water_names import water_names

needs_model = pytest.mark.skipif(not model_available(DEFAULT_MODEL), reason="entity model not installed")


@pytest.fixture(scope="module")
def extractor() -> EntityExtractor:
    return EntityExtractor()


@pytest.fixture(scope="module")
def rules() -> ContextRules:
    return all_context_rules()


def _mentions(extractor: EntityExtractor, text: str) -> list[tuple[str, str, str | None, str | None]]:
    result = extractor.extract(text)
    names = {e.entity_id: e.canonical_name for e in result.entities}
    return [(text[m.start : m.end], m.type, names.get(m.entity_id), m.title) for m in result.mentions]


@needs_model
def test_letters_defined_twice_stand_for_the_nearest_definition(extractor: EntityExtractor) -> None:
    text = (
        "Rear Adm. Dana Whitcomb leads Carrier Strike Group (CSG) 4. Rear Adm. Luis Ortega leads Carrier Strike "
        "Group (CSG) 8. The CSG will sail next month."
    )
    units = [(s, c) for s, t, c, _ in _mentions(extractor, text) if t == "ORG"]
    assert units == [
        ("Carrier Strike Group (CSG) 4", "Carrier Strike Group 4"),
        ("Carrier Strike Group (CSG) 8", "Carrier Strike Group 8"),
        ("CSG", "Carrier Strike Group 8"),
    ]


def test_a_coded_unit_may_have_hyphened_words() -> None:
    text = "Pilots of Helicopter Anti-Submarine Squadron (HS) 7 flew the mission."
    (unit,) = squadron_patterns(text)
    assert (text[unit.start : unit.end], unit.canonical) == (
        "Helicopter Anti-Submarine Squadron (HS) 7",
        "Helicopter Anti-Submarine Squadron 7",
    )


def test_an_acronym_of_a_site_names_a_facility_but_a_base_of_industry_does_not() -> None:
    assert long_form_type("Hypervelocity Test Facility") == "FACILITY"
    assert long_form_type("Naval Air Station") == "FACILITY"
    assert long_form_type("Defense Industrial Base") == "ORG"


@needs_model
def test_the_honorable_opens_a_persons_name(extractor: EntityExtractor) -> None:
    text = (
        "The Honorable Marisol Quenby, Assistant Secretary of the Navy for Energy, toured the depot on Monday. "
        "Quenby met the depot's engineers."
    )
    people = [(s, c) for s, t, c, _ in _mentions(extractor, text) if t == "PERSON"]
    assert ("Marisol Quenby", "Marisol Quenby") in people
    assert ("Quenby", "Marisol Quenby") in people


def test_a_facility_cut_before_its_head_is_the_whole_run() -> None:
    text = "Engineers at the Harold Brennan Ballistic Missile Test Site in the Pacific fired the shot."
    cands = [candidate(text, "Harold Brennan Ballistic", "ORG"), candidate(text, "Missile", "PERSON")]
    (site,) = facility_runs(text, cands)
    assert (text[site.start : site.end], site.type) == ("Harold Brennan Ballistic Missile Test Site", "FACILITY")


def test_a_span_followed_by_more_capitals_than_a_facility_head_is_left() -> None:
    text = "The Harold Brennan Ballistic Missile Test Site Range Control Office said."
    cands = [candidate(text, "Harold Brennan Ballistic", "ORG")]
    assert facility_runs(text, cands) == cands


@needs_model
def test_a_title_the_model_ran_into_a_name_is_the_persons_title(extractor: EntityExtractor) -> None:
    text = (
        "WASHINGTON - Officials met on Tuesday.\n\n"
        "Secretary of Defense Lloyd Austin said the money would go to shipbuilding. Minister of Defence Ben "
        "Wallace welcomed the news in London.\n\nAustin will travel to Japan next week."
    )
    people = [(s, c, title) for s, t, c, title in _mentions(extractor, text) if t == "PERSON"]
    assert ("Lloyd Austin", "Lloyd Austin", "Secretary of Defense") in people
    assert ("Ben Wallace", "Ben Wallace", "Minister of Defence") in people
    assert ("Austin", "Lloyd Austin", None) in people


@needs_model
def test_an_office_keeps_its_portfolio_unless_the_portfolio_is_a_place(extractor: EntityExtractor) -> None:
    text = (
        "Under Secretary of Defense for Policy Dorota Kwasniak visited the troops. Jan Novak, Prime Minister of "
        "Slovakia, met them later."
    )
    titles = {s: title for s, t, _, title in _mentions(extractor, text) if t == "PERSON"}
    assert titles["Dorota Kwasniak"] == "Under Secretary of Defense for Policy"
    assert titles["Jan Novak"] == "Prime Minister"


def test_words_for_equipment_name_no_person_even_when_the_article_repeats_them(rules: ContextRules) -> None:
    text = "The Space, Missile Defense and Special Programs office bought radars. Defense officials agreed."
    kept = rules.apply(text, [candidate(text, "Missile Defense", "PERSON")], lambda name: None)
    assert kept == []


def test_a_phrase_of_dictionary_words_repeated_with_no_equipment_word_may_stay_a_person(rules: ContextRules) -> None:
    text = "Heath Streak bowled. Streak took two wickets."
    (kept,) = rules.apply(text, [candidate(text, "Heath Streak", "PERSON")], lambda name: None)
    assert text[kept.start : kept.end] == "Heath Streak"


@needs_model
def test_a_name_after_a_listed_office_is_a_person_even_where_the_model_missed_it(extractor: EntityExtractor) -> None:
    text = (
        "Army Chief of Staff Gen. Tomas Ferrand and Sergeant Major Ula Brisk joined him. Secretary of the Army "
        "Christine Wormuth spoke by video. Under Secretary of the Air Force Kristyn Jones toured the base."
    )
    people = {s: title for s, t, _, title in _mentions(extractor, text) if t == "PERSON"}
    assert people["Christine Wormuth"] == "Secretary of the Army"
    assert people["Kristyn Jones"] == "Under Secretary of the Air Force"


@needs_model
def test_an_office_before_a_rank_and_a_name_is_no_person_of_its_own(extractor: EntityExtractor) -> None:
    text = "Chief of Naval Operations Adm. Lisa Franchetti met sailors in Norfolk on Friday."
    people = [(s, title) for s, t, _, title in _mentions(extractor, text) if t == "PERSON"]
    assert people == [("Lisa Franchetti", "Adm.")]


def test_an_expeditionary_force_keeps_its_ordinal() -> None:
    text = "The 3rd Marine Expeditionary Force trained near Okinawa."
    assert [(text[p.start : p.end], p.canonical) for p in find_patterns(text) if p.subtype == "unit"] == [
        ("3rd Marine Expeditionary Force", "3rd Marine Expeditionary Force")
    ]


@needs_model
def test_a_bare_service_before_a_foreign_one_named_in_full_is_the_articles_own(extractor: EntityExtractor) -> None:
    text = (
        "CAMP LEJEUNE, N.C. -- Marines with the 2nd Marine Division fired mortars here on Tuesday, their first "
        "range day since they came home to North Carolina. Royal Marines from a visiting commando unit joined them."
    )
    services = [(s, c) for s, t, c, _ in _mentions(extractor, text) if t == "ORG" and s.endswith("Marines")]
    assert services == [("Marines", "U.S. Marine Corps"), ("Royal Marines", "Royal Marines")]


@needs_model
def test_a_known_surname_the_model_read_as_a_place_is_the_person_the_article_names(
    extractor: EntityExtractor,
) -> None:
    text = (
        "President Zelensky thanked the donors. Zelenskyy's office said Ukrainian troops had repelled an attack "
        "near the river."
    )
    people = [(s, t, c) for s, t, c, _ in _mentions(extractor, text) if s.startswith("Zelensk")]
    assert people == [
        ("Zelensky", "PERSON", "Volodymyr Zelenskyy"),
        ("Zelenskyy", "PERSON", "Volodymyr Zelenskyy"),
    ]


def test_a_kind_written_once_for_several_waters_is_each_ones() -> None:
    text = "Crews dredged the Wabasha and Kettle Rivers, then Lakes Tamsin, Orrin and St. Clair near Ludlow Bay."
    found = [(text[p.start : p.end], p.canonical, p.type) for p in water_names(text)]
    assert found == [
        ("Wabasha", "Wabasha River", "LOC"),
        ("Kettle Rivers", "Kettle River", "LOC"),
        ("Ludlow Bay", "Ludlow Bay", "LOC"),
        ("Lakes Tamsin", "Lake Tamsin", "LOC"),
        ("Orrin", "Lake Orrin", "LOC"),
        ("St. Clair", "Lake St. Clair", "LOC"),
    ]


def test_people_named_rivers_and_a_bay_inside_a_longer_name_are_no_waters() -> None:
    text = "Jane Smith and John Rivers said the Ludlow Bay Disposal Facility opened at Port Ellis Bay."
    assert water_names(text) == []


def test_a_named_meeting_is_one_event_but_not_the_tail_of_a_longer_name_or_a_town() -> None:
    text = (
        "He spoke at the 2020 Space and Missile Defense Symposium on Tuesday. The Organisation of the Islamic "
        "Conference met. The National Conference of Mayors met in Lees Summit, Mo., with the Manama Dialogue."
    )
    manama = make_entry("Manama", "GPE", subtype="city", country="BHR")
    found = meeting_names(text, lambda name: manama if name == "Manama" else None)
    # "Manama Dialogue" holds a known place: the place stays a mention of its own
    assert [text[p.start : p.end] for p in found] == ["Space and Missile Defense Symposium"]


@needs_model
def test_an_operation_named_in_full_is_named_by_its_words_alone_too(extractor: EntityExtractor) -> None:
    text = "Airmen run Operation Quiet Lantern from the base. The Quiet Lantern team tracks jammers."
    ops = [(s, t, c) for s, t, c, _ in _mentions(extractor, text) if "Lantern" in s]
    assert ops == [
        ("Operation Quiet Lantern", "OPERATION", "Operation Quiet Lantern"),
        ("Quiet Lantern", "OPERATION", "Operation Quiet Lantern"),
    ]


@needs_model
def test_a_company_joined_at_a_hyphen_is_named_without_its_legal_form(extractor: EntityExtractor) -> None:
    text = "The contract went to Marsh-Fenwick Dredging Inc., of Alpena, Michigan."
    companies = [(s, c) for s, t, c, _ in _mentions(extractor, text) if t == "ORG"]
    assert companies == [("Marsh-Fenwick Dredging Inc.", "Marsh-Fenwick Dredging")]


@needs_model
def test_a_town_alone_in_a_story_about_one_state_is_that_states_town(extractor: EntityExtractor) -> None:
    text = "Barges will leave Saginaw in May, the Michigan office of the district said on Friday."
    towns = [(s, c) for s, t, c, _ in _mentions(extractor, text) if s == "Saginaw"]
    assert towns == [("Saginaw", "Saginaw, Michigan")]
    text = "Barges will leave Saginaw in May, the district's offices in Michigan and Texas said."
    towns = [(s, c) for s, t, c, _ in _mentions(extractor, text) if s == "Saginaw"]
    assert towns == [("Saginaw", "Saginaw")]  # two states: no telling which Saginaw


@needs_model
def test_gps_is_the_satellite_system_and_earth_a_place(extractor: EntityExtractor) -> None:
    text = "Jammers on the ground disrupt GPS signals. The satellites circle the Earth twice a day."
    found = {s: (t, c) for s, t, c, _ in _mentions(extractor, text)}
    assert found["GPS"] == ("PLATFORM", "Global Positioning System")
    assert found["Earth"] == ("LOC", "Earth")


@needs_model
def test_a_name_after_a_ships_kind_is_the_ship_and_foreign_ranks_are_titles(extractor: EntityExtractor) -> None:
    text = (
        "The French frigate Languedoc escorted the tanker. Air Chief Marshal Sir Richard Knighton met Col. Gen. "
        "Oleksandr Syrskyi in Kyiv."
    )
    found = {s: (t, title) for s, t, _, title in _mentions(extractor, text)}
    assert found["Languedoc"] == ("PLATFORM", None)
    assert found["Richard Knighton"] == ("PERSON", "Air Chief Marshal")
    assert found["Oleksandr Syrskyi"] == ("PERSON", "Col. Gen.")
    assert "Col" not in found
