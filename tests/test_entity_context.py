"""Context-aware resolution (transforms/entities/in_context.py): each pattern on sentences written for the test."""

from __future__ import annotations

from dataclasses import replace

import pytest
from entity_helpers import all_context_rules

from transforms.entities.coreference import Candidate
from transforms.entities.entity_types import retype
from transforms.entities.gazetteer import Entry, entity_id
from transforms.entities.in_context import ContextRules, context_rules
from transforms.entities.language_names import as_language
from transforms.entities.mentions import EntityExtractor
from transforms.entities.ner import DEFAULT_MODEL, model_available

pytestmark = pytest.mark.skipif(not model_available(DEFAULT_MODEL), reason="entity model not installed")


@pytest.fixture(scope="module")
def extractor() -> EntityExtractor:
    return EntityExtractor()


@pytest.fixture(scope="module")
def rules() -> ContextRules:
    return all_context_rules()


def _found(extractor: EntityExtractor, text: str) -> dict[str, tuple[str, str, str | None, str | None]]:
    """surface -> (type, canonical name, subtype, country)"""
    result = extractor.extract(text)
    entities = {e.entity_id: e for e in result.entities}
    out = {}
    for m in result.mentions:
        e = entities.get(m.entity_id) if m.entity_id else None
        out[m.text] = (m.type, e.canonical_name if e else "", e.subtype if e else None, e.country if e else None)
    return out


def test_a_dateline_city_and_its_state_are_one_place(extractor: EntityExtractor) -> None:
    found = _found(extractor, "MAYPORT, Fla. -- The frigate crew came home to a crowd of families on Friday.")
    assert found["MAYPORT, Fla."][:2] == ("GPE", "Mayport, Florida")
    assert "Fla." not in found


def test_a_town_in_the_text_is_named_with_its_state_and_the_state_is_a_mention(extractor: EntityExtractor) -> None:
    found = _found(extractor, "The sailors trained at a range near San Diego, Calif., for two weeks.")
    assert found["San Diego"][1:] == ("San Diego, California", "city", "USA")
    assert found["Calif."][1:] == ("California", "state", "USA")


def test_a_state_after_a_town_carries_its_item_even_when_the_name_alone_is_ambiguous(
    extractor: EntityExtractor,
) -> None:
    result = extractor.extract("Crews flew from Albany, N.Y., and Seattle, Wash., to Atlanta, Ga., on Monday.")
    entities = {e.entity_id: e for e in result.entities}
    items = {m.text: (entities[m.entity_id].canonical_name, entities[m.entity_id].wikidata_id) for m in result.mentions}
    assert items["N.Y."] == ("New York", "Q1384")
    assert items["Wash."] == ("Washington State", "Q1223")
    assert items["Ga."] == ("Georgia", "Q1428")


def test_a_company_before_a_state_in_the_text_stays_a_company(extractor: EntityExtractor) -> None:
    found = _found(extractor, "Philip Morris Cos., New York, adopted a defense measure designed to stop a takeover.")
    assert found["Philip Morris Cos."][0] == "ORG"


def test_months_and_weekdays_are_not_places(extractor: EntityExtractor) -> None:
    found = _found(
        extractor, "Officials said a May 4 raid and the attack in March left the depot in ruins near Kandahar."
    )
    assert "May" not in found and "March" not in found
    assert found["Kandahar"][0] == "GPE"


def test_a_capital_that_speaks_is_its_government(extractor: EntityExtractor) -> None:
    found = _found(extractor, "Moscow and Ankara agreed on Monday to open a hotline, diplomats said.")
    assert found["Moscow"] == ("GPE", "Government of Russia", "government", "RUS")
    assert found["Ankara"][1:] == ("Government of Turkey", "government", "TUR")


def test_a_city_with_its_state_keeps_the_city_item_only_for_that_state(extractor: EntityExtractor) -> None:
    result = extractor.extract("Crews flew from Tampa, Fla., to Miami, Okla., and on to Tampa.")
    entities = {e.entity_id: e for e in result.entities}
    named = [(m.text, entities[m.entity_id].canonical_name, entities[m.entity_id].wikidata_id) for m in result.mentions]
    assert ("Tampa", "Tampa, Florida", "Q49255") in named
    assert ("Miami", "Miami, Oklahoma", None) in named
    assert ("Tampa", "Tampa, Florida", "Q49255") in named


def test_a_province_is_a_province_unless_a_us_state_follows(extractor: EntityExtractor) -> None:
    result = extractor.extract("The reservists left Ontario, Calif., for a depot in Ontario, Canada, on Monday.")
    entities = {e.entity_id: e for e in result.entities}
    named = [(m.text, entities[m.entity_id].canonical_name, entities[m.entity_id].country) for m in result.mentions]
    assert ("Ontario", "Ontario, California", "USA") in named
    assert ("Ontario", "Ontario", "CAN") in named


def test_a_capital_as_a_place_stays_a_city(extractor: EntityExtractor) -> None:
    found = _found(extractor, "Delegates arrived in Moscow on Monday; talks in Washington follow next week.")
    assert found["Moscow"][2] == "city"
    assert found["Washington"][1:] == ("Washington, D.C.", "city", "USA")  # the capital, not the state


def test_a_unit_keeps_its_number(extractor: EntityExtractor) -> None:
    found = _found(extractor, "Submarine Group 9 and Patrol Squadron 47 joined the exercise off Guam on Monday.")
    assert found["Submarine Group 9"][:2] == ("ORG", "Submarine Group 9")
    assert found["Patrol Squadron 47"][:2] == ("ORG", "Patrol Squadron 47")


def test_two_commands_named_together_are_both_found(extractor: EntityExtractor) -> None:
    found = _found(extractor, "Planners from Africa and European Commands met in Stuttgart to share logistics.")
    assert found["Africa"][1] == "U.S. Africa Command"
    assert found["European Commands"][1] == "U.S. European Command"


def test_a_short_service_name_is_the_service_the_article_named(extractor: EntityExtractor) -> None:
    text = "The Royal Navy sent a destroyer to the Gulf. The Navy said the ship would stay until spring."
    found = _found(extractor, text)
    assert found["Navy"][1] == found["Royal Navy"][1] == "Royal Navy"


def test_a_short_service_name_follows_the_article_country(extractor: EntityExtractor) -> None:
    text = (
        "U.S. and American officials said the Army would send a brigade to Poland. Washington officials said "
        "the U.S. plan was final."
    )
    assert _found(extractor, text)["Army"][1] == "U.S. Army"


def test_rank_words_and_credit_words_are_not_people(extractor: EntityExtractor) -> None:
    text = "Story by Petty Officer 1st Class Dana Reyes. Navy Rear Adm. Lee Park thanked the crew of the cutter."
    found = _found(extractor, text)
    assert "Story" not in found and "Petty Officer" not in found and "Navy Rear" not in found
    assert found["Dana Reyes"][0] == "PERSON" and found["Lee Park"][0] == "PERSON"


def test_class_nouns_that_modify_a_trade_or_notice_are_not_weapons(extractor: EntityExtractor) -> None:
    found = _found(extractor, "A missile technician posted a missile warning while the tank crew slept.")
    assert not any(t == "WEAPON" or t == "PLATFORM" for t, *_ in found.values())


def test_a_ship_named_for_a_state_is_the_ship_even_where_the_state_came_first(extractor: EntityExtractor) -> None:
    text = (
        "Florida returns to port. The guided-missile submarine USS Florida (SSGN 728) left Guam. Florida fired drills."
    )
    result = extractor.extract(text)
    assert [m.type for m in result.mentions if m.text == "Florida"] == ["PLATFORM", "PLATFORM"]


def test_the_uk_countries_are_places_of_their_own(extractor: EntityExtractor) -> None:
    result = extractor.extract("Reservists from Scotland and Wales trained in England with the Royal Navy.")
    ids = {m.text: m.entity_id for m in result.mentions}
    assert (ids["Scotland"], ids["Wales"], ids["England"]) == ("Q22", "Q25", "Q21")


def test_a_surname_in_the_possessive_is_the_person(extractor: EntityExtractor) -> None:
    result = extractor.extract("Defense Secretary Dana Whitfield toured the yard. After Whitfield's visit, crews left.")
    assert [m.type for m in result.mentions if m.text == "Whitfield"] == ["PERSON"]


def test_a_headline_verb_before_a_country_is_not_a_person(rules: ContextRules) -> None:
    text = "Minister Discusses Iran With Allies"
    headline = Candidate(start=9, end=23, type="PERSON", method="model", rank="model")
    person = Candidate(start=0, end=8, type="PERSON", method="model", rank="model")
    assert rules.apply(text, [person, headline], lambda s: None) == [person]
    jordan = "Coach Michael Jordan"  # "Jordan" may be a country, but it is a name too: kept
    named = Candidate(start=6, end=20, type="PERSON", method="model", rank="model")
    assert rules.apply(jordan, [named], lambda s: None) == [named]


def test_the_north_and_the_south_are_the_halves_of_a_divided_country_the_article_names(
    extractor: EntityExtractor,
) -> None:
    text = "South Korea and North Korea met in Panmunjom. The North's envoy left early; the South stayed."
    result = extractor.extract(text)
    entities = {e.entity_id: e.canonical_name for e in result.entities}
    halves = {m.text: entities.get(m.entity_id or "") for m in result.mentions if m.text in ("North", "South")}
    assert halves == {"North": "North Korea", "South": "South Korea"}
    # one half named, or "the North Pole": no country
    alone = _found(extractor, "North Korea fired a missile. The North Pole is far, and the South lost in 1865.")
    assert alone.get("South", ("", "", None, None))[1] != "South Korea"
    assert alone["North Pole"][1] != "North Korea"


def test_a_station_the_gazetteer_knows_as_a_city_of_the_state_after_it_is_that_town(extractor: EntityExtractor) -> None:
    town = _found(extractor, "He moved to College Station, TX, in 2019.")
    assert town["College Station"][:2] == ("GPE", "College Station, Texas") and town["TX"][:2] == ("GPE", "Texas")
    base = _found(extractor, "Jets left Naval Air Station Oceana, Va., on Monday.")
    assert base["Naval Air Station Oceana"][0] == "FACILITY"


def test_regions_of_the_united_states_are_places_unless_a_name_holds_them(extractor: EntityExtractor) -> None:
    found = _found(extractor, "Storms hit the Midwest and the Great Lakes, then New England.")
    assert found["Midwest"][:2] == ("LOC", "Midwestern United States")
    assert found["Great Lakes"][:2] == ("LOC", "Great Lakes") and found["New England"][:2] == ("LOC", "New England")
    assert "England" not in found
    assert _found(extractor, "Midwest Airlines said on Monday.")["Midwest Airlines"][0] == "ORG"


def test_a_city_s_short_form_is_the_city(extractor: EntityExtractor) -> None:
    found = _found(extractor, "Lawmakers in DC were furious. He flew to Vegas on Friday.")
    assert found["DC"][:2] == ("GPE", "Washington, D.C.") and found["Vegas"][:2] == ("GPE", "Las Vegas, Nevada")
    assert _found(extractor, "The DC Comics film opened.")["DC Comics"][0] == "ORG"


def test_a_one_word_place_that_is_an_english_word_no_list_knows_is_no_place(extractor: EntityExtractor) -> None:
    found = _found(extractor, "Gunmen attacked two Protestant towns near Belfast.")
    assert "Protestant" not in found and found["Belfast"][0] == "GPE"
    kept = _found(extractor, "Fighting spread across Saxony and Buffalo.")  # a name in web2; a city the lists know
    assert kept["Saxony"][0] == "GPE" and kept["Buffalo"][0] == "GPE"
    rule = context_rules((), frozenset())
    text = "ISIL fighters massed in Palmyra."  # "palmyra" is also a palm: after "in" it stays a place
    palmyra = Candidate(start=text.index("Palmyra"), end=len(text) - 1, type="GPE", method="model", rank="model")
    assert rule.apply(text, [palmyra], lambda s: None) == [palmyra]
    bare = "Palmyra fell."
    alone = Candidate(start=0, end=7, type="GPE", method="model", rank="model")
    assert rule.apply(bare, [alone], lambda s: None) == []


def test_a_sea_or_region_that_opens_a_body_s_name_is_part_of_it(extractor: EntityExtractor) -> None:
    found = _found(extractor, "Analysts at the Atlantic Council said the Arctic Institute agreed.")
    assert found["Atlantic Council"][0] == "ORG" and found["Arctic Institute"][0] == "ORG"
    assert "Atlantic" not in found and "Arctic" not in found
    ocean = _found(extractor, "Ships crossed the Atlantic Ocean and the Pacific.")
    assert ocean["Atlantic Ocean"][0] == "LOC" and ocean["Pacific"][0] == "LOC"


def test_a_person_made_of_dictionary_words_written_once_is_a_phrase(rules: ContextRules) -> None:
    text = "said Tech. Sgt. Mara Ellison, flight lead, Flight Programs, 46th Test Group."
    phrase = Candidate(start=43, end=58, type="PERSON", method="model", rank="model")
    assert text[phrase.start : phrase.end] == "Flight Programs"
    assert rules.apply(text, [phrase], lambda s: None) == []
    # a name whose words are all English words, when the article uses it again, stays a person
    again = "Hope Marsh spoke first. Marsh later left."
    person = Candidate(start=0, end=10, type="PERSON", method="model", rank="model")
    assert rules.apply(again, [person], lambda s: None) == [person]
    # a word web2 has as a name ("Will") keeps the person
    will = Candidate(start=0, end=10, type="PERSON", method="model", rank="model")
    assert rules.apply("Will Marsh spoke first.", [will], lambda s: None) == [will]


def test_a_sentence_opening_word_the_article_writes_in_lower_case_is_not_a_name(rules: ContextRules) -> None:
    text = "Crews worked all night. Smoke rose over the depot, and the smoke reached the port of Sidon."
    smoke = Candidate(start=24, end=29, type="ORG", method="model", rank="model")
    assert rules.apply(text, [smoke], lambda s: None) == []
    alone = Candidate(start=24, end=30, type="ORG", method="model", rank="model")  # no English word: a name
    assert rules.apply("Crews worked all night. Vexcor rose over the depot.", [alone], lambda s: None) == [alone]


def test_a_name_described_as_a_place_is_a_place(extractor: EntityExtractor) -> None:
    found = _found(extractor, "Sgt. Omar Haddad grew up in Basra and hails from Qalat Sukkar, a town in southern Iraq.")
    assert found["Qalat Sukkar"][0] == "GPE"
    described = _found(extractor, "Tal Rifat (also Tel Rifaat) is a town in northern Syria, near the border.")
    assert described["Tal Rifat"][0] == "GPE"


def test_a_quoted_sentence_opening_word_written_in_lower_case_elsewhere_is_not_a_name(rules: ContextRules) -> None:
    text = 'The report has ten parts. "Annex one lists the units," it says; the annex is short.'
    annex = Candidate(start=27, end=32, type="PERSON", method="model", rank="model")
    assert text[27:32] == "Annex"
    assert rules.apply(text, [annex], lambda s: None) == []


def test_a_person_ending_in_a_short_rank_is_not_a_person(extractor: EntityExtractor) -> None:
    found = _found(extractor, "Doe and his fellow Soldier Sgt. Jim Roe checked the radios. Sgt. Roe left at noon.")
    assert "Soldier Sgt" not in found and "Sgt" not in found
    assert found["Jim Roe"][0] == "PERSON"


def test_service_member_nouns_are_not_names(extractor: EntityExtractor) -> None:
    found = _found(extractor, "The Airmen trained with Soldiers of the 1st Cavalry Division near Fort Hood in May.")
    assert "Airmen" not in found and "Soldiers" not in found


def test_a_short_name_typed_a_place_and_a_person_is_the_body_named_after_a_place() -> None:
    text = "Brinmoor Tarrant grew. Talks with Tarrant stalled, then Tarrant said the deal was off."
    town = Entry("gpe:brinmoor", "Brinmoor", "GPE", "city", "GBR")
    cands = [
        _at(text, "Brinmoor Tarrant"),
        Candidate(
            start=text.index("Tarrant s"), end=text.index("Tarrant s") + 7, type="GPE", method="model", rank="model"
        ),
        Candidate(
            start=text.rindex("Tarrant"), end=text.rindex("Tarrant") + 7, type="PERSON", method="model", rank="model"
        ),
    ]
    out = retype(text, cands, lambda name: town if name == "Brinmoor" else None)
    assert [(c.type, c.canonical) for c in out[1:]] == [("ORG", "Brinmoor Tarrant")] * 2


def test_a_body_named_after_a_place_is_an_organization(extractor: EntityExtractor) -> None:
    text = "Shares of Las Vegas Sands fell on Monday. Sands said the casinos in Macau would reopen."
    found = _found(extractor, text)
    assert found["Las Vegas Sands"][0] == "ORG"
    assert found["Sands"][:2] == ("ORG", "Las Vegas Sands")


def test_a_place_with_a_place_word_or_prefix_stays_a_place(extractor: EntityExtractor) -> None:
    found = _found(extractor, "Fighting was reported in Wadi Barada on Tuesday, and protests in Mexico City on Friday.")
    assert found["Mexico City"][0] == "GPE"
    assert found.get("Wadi Barada", ("GPE",))[0] != "ORG"


def _at(text: str, surface: str, type_: str = "ORG", method: str = "model") -> Candidate:
    start = text.index(surface)
    return Candidate(start=start, end=start + len(surface), type=type_, method=method, rank="model")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "opener"),
    [
        ("The talks failed. Eventually, the envoy left Doha.", "Eventually"),
        ("Three firms bid. Together, they won the tender.", "Together"),
        ("The memo leaked. Whoever wrote it knew the base.", "Whoever"),
        ("The colonel declined. Reached by phone, his aide said nothing.", "Reached"),
    ],
)
def test_a_sentence_opener_that_is_a_common_word_is_not_a_name(rules: ContextRules, text: str, opener: str) -> None:
    assert rules.apply(text, [_at(text, opener)], lambda s: None) == []


def test_a_sentence_opener_that_is_a_word_of_a_name_in_the_article_is_kept(rules: ContextRules) -> None:
    text = "Prime Minister Theresa May spoke first. May said the deal was done."
    full = _at(text, "Theresa May", "PERSON")
    short = Candidate(start=text.rindex("May"), end=text.rindex("May") + 3, type="PERSON", method="model", rank="model")
    assert rules.apply(text, [full, short], lambda s: None) == [full, short]


@pytest.mark.parametrize(
    ("text", "opener", "type_"),
    [
        ("The convoy was lost at sea. Recovered on March 4 by a trawler, two crew survived.", "Recovered", "PERSON"),
        ("The yard was closed. Rusted hulls that line its quay will be scrapped.", "Rusted", "ORG"),
        ("The wing stood down. Tankers, fighters and crews flew home.", "Tankers", "ORG"),
        ("The envoy waved. Wrapped in a grey coat, she boarded the plane.", "Wrapped", "PERSON"),
        ("Clinics were closed. Vandalism and threats rose all year.", "Vandalism", "PERSON"),
        ("Rates held. Concern centred on the currency markets.", "Concern", "ORG"),
        ("The pier was shut. Port officials reopened it on Monday.", "Port", "GPE"),
    ],
)
def test_an_opener_that_is_an_english_word_never_capitalised_inside_a_sentence_is_no_name(
    rules: ContextRules, text: str, opener: str, type_: str
) -> None:
    assert rules.apply(text, [_at(text, opener, type_)], lambda s: None) == []


@pytest.mark.parametrize(
    ("text", "opener", "type_"),
    [
        ("Analysts expect cuts. Ford plans to close plants, a Ford memo said.", "Ford", "ORG"),  # named inside
        ("The Army named a panel. Army leaders met on Friday.", "Army", "ORG"),  # capitalised inside a sentence
        ("League table:\nHarriers 4 3 1 0 10\nRovers 4 2 1 1 7", "Harriers", "ORG"),  # a line of a table
        ("The race was close. Baker won by a second, said Baker's coach.", "Baker", "PERSON"),
    ],
)
def test_an_opener_that_the_article_uses_as_a_name_or_an_organisation_word_is_kept(
    rules: ContextRules, text: str, opener: str, type_: str
) -> None:
    found = _at(text, opener, type_)
    assert rules.apply(text, [found], lambda s: None) == [found]


def test_an_ism_after_a_prefix_is_not_a_mention_and_a_language_stays(rules: ContextRules) -> None:
    text = "The note was drafted in Kurdish, for Arabic-speaking staff, and decried anti-Semitism."
    kurdish, arabic = _at(text, "Kurdish", "NORP"), _at(text, "Arabic", "NORP")
    language = replace(kurdish, canonical="Kurdish language", subtype="language")
    assert rules.apply(text, [kurdish, arabic, _at(text, "Semitism", "PERSON")], lambda s: None) == [language, arabic]
    kept = "The contractor was non-CIA, an English officer said."
    officer, agency = _at(kept, "English", "NORP"), _at(kept, "CIA")
    assert rules.apply(kept, [agency, officer], lambda s: None) == [agency, officer]


def test_a_nationality_word_after_in_that_ends_its_phrase_is_the_language(extractor: EntityExtractor) -> None:
    found = _found(extractor, "The orders were typed in fluent English by an aide. He shouted in Spanish, then left.")
    assert found["English"] == ("NORP", "English language", "language", None)
    assert found["Spanish"] == ("NORP", "Spanish language", "language", None)
    for text in ("The crew sat in English prisons for a year.", "The port was in French, British and Dutch hands."):
        assert _found(extractor, text)[text.split()[4].strip(",")][2] == "nationality", text


def test_a_language_repeated_after_resolution_takes_the_languages_entity() -> None:
    text = "He answered in Farsi, then left."
    resolved = replace(_at(text, "Farsi", "NORP"), entity_id="E-nationality")  # a name repeated after resolve
    language = as_language(text, resolved, [resolved])
    assert (language.canonical, language.entity_id) == ("Farsi language", entity_id("NORP", "Farsi language"))
    assert as_language(text, _at(text, "Farsi", "NORP"), []).entity_id is None  # resolve gives it later


def test_a_head_noun_alone_is_the_organization_the_article_names(extractor: EntityExtractor) -> None:
    text = "The CIA ran the program for years. Officials at the CIA said the Agency had closed it in 2019."
    found = _found(extractor, text)
    assert found["Agency"][:2] == ("ORG", "Central Intelligence Agency")


def test_a_head_noun_before_a_noun_is_the_organization_most_named_not_a_longer_one(
    extractor: EntityExtractor,
) -> None:
    text = (
        "The CIA hired them. Officials at the CIA and the CIA station agreed. A contractor trained by an Orvan "
        "Security Agency ran it. The casino was a front for Agency operations in Macau."
    )
    found = _found(extractor, text)
    assert found["Agency"][:2] == ("ORG", "Central Intelligence Agency")


def test_an_unknown_acronym_inside_a_noun_phrase_is_a_technical_term(rules: ContextRules) -> None:
    text = "Emails came from a static IP address; the SIM card was gone. Later XYZ said it had no comment."
    cands = [_at(text, "IP"), _at(text, "SIM"), _at(text, "XYZ")]
    assert [text[c.start : c.end] for c in rules.apply(text, cands, lambda s: None)] == ["XYZ"]


def test_a_common_abbreviation_is_no_organization_or_person(rules: ContextRules) -> None:
    text = "Kickoff is at 8 p.m. ET. Voters need an ID, he said. Adjusted EPS rose. The MVP's team won; XYZ said so."
    cands = [_at(text, "ET"), _at(text, "ID"), _at(text, "EPS"), _at(text, "MVP", "PERSON"), _at(text, "XYZ")]
    assert [text[c.start : c.end] for c in rules.apply(text, cands, lambda s: None)] == ["XYZ"]


def test_marines_read_as_a_person_are_service_members(rules: ContextRules) -> None:
    text = "The Sailors and Marines of the strike group sailed; Marine Dorval, a poet, wrote. XYZ said so."
    cands = [_at(text, "Marines", "PERSON"), _at(text, "Marine Dorval", "PERSON"), _at(text, "XYZ")]
    kept = [text[c.start : c.end] for c in rules.apply(text, cands, lambda s: None)]
    assert kept == ["Marine Dorval", "XYZ"]


def test_an_office_written_short_is_no_organization(rules: ContextRules) -> None:
    text = "The loans are at issue in the AG’s suit, and the SG's brief disagreed. XYZ said so."
    cands = [_at(text, "AG"), _at(text, "SG"), _at(text, "XYZ")]
    assert [text[c.start : c.end] for c in rules.apply(text, cands, lambda s: None)] == ["XYZ"]


def test_a_party_and_state_tag_and_a_mach_number_are_no_organizations(rules: ContextRules) -> None:
    text = "Rep. Dana Holt (R-ND) and Sen. Lee Park, D-Calif., said it flew at Mach 6. XYZ said so; Mach agreed."
    cands = [_at(text, "R-ND"), _at(text, "D-Calif."), _at(text, "Mach"), _at(text, "XYZ")]
    last = text.rindex("Mach")  # a person so named, no number after it
    cands.append(Candidate(start=last, end=last + 4, type="PERSON", method="model", rank="model"))
    assert [text[c.start : c.end] for c in rules.apply(text, cands, lambda s: None)] == ["XYZ", "Mach"]


def test_the_supreme_court_is_the_court_of_the_article_country(extractor: EntityExtractor) -> None:
    text = "The Supreme Court heard the case from Texas. U.S. officials and the U.S. Justice Department argued."
    assert _found(extractor, text)["Supreme Court"][:2] == ("ORG", "Supreme Court of the United States")


def test_the_service_that_opens_a_rank_is_the_articles_service(extractor: EntityExtractor) -> None:
    text = (
        "NORFOLK, Va. -- The U.S. Navy and the U.S. Army held a briefing in Virginia. "
        "Navy Rear Adm. Dana Holloway and Army Sgt. Lee Park of Fort Drum answered questions."
    )
    found = _found(extractor, text)
    assert found["Navy"][:2] == ("ORG", "U.S. Navy")
    assert found["Army"][:2] == ("ORG", "U.S. Army")
    assert found["Dana Holloway"][0] == "PERSON"


def test_a_state_that_runs_on_into_a_name_joins_no_place(extractor: EntityExtractor) -> None:
    text = "Crews of Air Force Active Duty, New Mexico Air National Guardsmen and others trained in Austin, Texas."
    found = _found(extractor, text)
    assert "Air Force Active Duty, New Mexico" not in found
    assert found["Austin"][:2] == ("GPE", "Austin, Texas")


@pytest.mark.parametrize(
    ("headline", "title"),
    [
        ("Crews Dine With Under Secretary of Defense", "Under Secretary of Defense"),
        ("Minister Discusses Talks With Ruritanian Defense Minister", "Ruritanian Defense Minister"),
    ],
)
def test_a_title_case_headline_before_a_title_is_no_part_of_it(
    extractor: EntityExtractor, headline: str, title: str
) -> None:
    text = f"{headline}\n\nWASHINGTON – Officials met on Monday to talk."
    people = [m.text for m in extractor.extract(text).mentions if m.type == "PERSON"]
    assert title in people
    assert not any("With" in p for p in people)


def test_a_portfolio_before_a_name_does_not_swallow_the_name(extractor: EntityExtractor) -> None:
    text = "Minister for Foreign Affairs Dana Kettle announced $20 million in aid. The Minister of Defence agreed."
    people = {m.text: m.title for m in extractor.extract(text).mentions if m.type == "PERSON"}
    assert "Dana Kettle" in people and people["Dana Kettle"] is not None
    assert "Minister of Defence" in people  # a title standing alone is still one


def test_a_name_after_a_portfolio_of_common_words_is_a_person_with_the_rank_before_it(
    extractor: EntityExtractor,
) -> None:
    text = "Troops met Under Secretary of Defense for Policy Tamsin Quorvald on Monday."
    people = {m.text: m.title for m in extractor.extract(text).mentions if m.type == "PERSON"}
    assert people == {"Tamsin Quorvald": "Under Secretary of Defense for Policy"}  # the office, with its portfolio


def test_a_named_body_before_a_leaders_title_stays_a_mention(extractor: EntityExtractor) -> None:
    text = "Security was tight as the Orvik Liberation Front commander Tamsin Quorvald spoke."
    found = {m.text: m.type for m in extractor.extract(text).mentions}
    assert found == {"Orvik Liberation Front": "ORG", "Tamsin Quorvald": "PERSON"}


def test_a_plural_acronym_is_no_organisation(extractor: EntityExtractor) -> None:
    text = "The wing has supported ICBMs, ASATs and MRBMs since 2001. ARRSTs have deployed there since then, and DTRA said so."
    orgs = [m.text for m in extractor.extract(text).mentions if m.type == "ORG"]
    assert not {"ASATs", "ARRSTs", "MRBMs"} & set(orgs), orgs
    assert "DTRA" in orgs


def test_a_body_of_water_named_kind_of_place_is_one_place(extractor: EntityExtractor) -> None:
    text = "The exercise in the Gulf of Alaska ended, and boats crossed the Straits of Florida on Monday."
    found = {(m.text, m.type) for m in extractor.extract(text).mentions}
    assert found == {("Gulf of Alaska", "LOC"), ("Straits of Florida", "LOC")}


def test_a_bay_named_before_its_kind_is_not_a_bay_of_the_next_place() -> None:
    from transforms.entities.water_names import water_names

    text = "The river empties into the Saginaw Bay of Lake Huron. The Gulf of Alaska is cold."
    found = sorted(text[p.start : p.end] for p in water_names(text))
    assert found == ["Gulf of Alaska", "Saginaw Bay"]  # the bay by its own name; no "Bay of Lake Huron"


def test_a_dateline_with_a_postal_code_and_a_hyphen_is_one_place(extractor: EntityExtractor) -> None:
    found = _found(extractor, "BUFFALO, NY - The district awarded a contract on Monday.")
    assert found["BUFFALO, NY"][:2] == ("GPE", "Buffalo, New York")
    assert "BUFFALO" not in found and "NY" not in found


def test_a_town_the_model_read_as_a_body_is_a_town_after_a_place_preposition(extractor: EntityExtractor) -> None:
    found = _found(
        extractor, "The contract went to North Wind Site Services, LLC, of Idaho Falls, Idaho, for the work."
    )
    assert found["Idaho Falls"][:2] == ("GPE", "Idaho Falls, Idaho")


def test_a_town_named_with_its_state_carries_its_item_and_so_do_its_other_mentions(extractor: EntityExtractor) -> None:
    result = extractor.extract("Sailors from Norfolk, Va., and Portland, Maine, met. Norfolk hosted them.")
    entities = {e.entity_id: e for e in result.entities}
    items = [(m.text, entities[m.entity_id].wikidata_id) for m in result.mentions if m.entity_id]
    assert items.count(("Norfolk", "Q49231")) == 2  # the town alone is ambiguous: it takes the item from its state
    assert ("Portland", "Q49201") in items


def test_offices_of_courts_and_firms_are_titles_not_ranks_or_names(extractor: EntityExtractor) -> None:
    result = extractor.extract(
        "Solicitor General Dana Whitlock argued and Chief Justice Omar Reyes listened. Acme Chairman and Chief "
        "Executive Lena Park said sales rose."
    )
    titles = {m.text: m.title for m in result.mentions if m.type == "PERSON"}
    assert titles["Dana Whitlock"] == "Solicitor General"  # not the rank "General"
    assert titles["Omar Reyes"] == "Chief Justice"
    assert "Lena Park" in titles  # not "Executive Lena Park"


def test_an_article_before_a_title_is_no_affiliation(extractor: EntityExtractor) -> None:
    result = extractor.extract("The spokesman for the Harbour Widget Council, Jane Doe, said so.")
    person = next(m for m in result.mentions if m.text == "Jane Doe")
    assert (person.title, person.affiliation) == ("spokesman", "Harbour Widget Council")  # not "The"
