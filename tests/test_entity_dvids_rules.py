"""Rules read from DVIDS texts outside the gold (issue #16): aviation squadrons, ships named again without
their hull number, common words, head nouns, broken spans, concept acronyms, headlines and tickers."""

from __future__ import annotations

import functools

import pytest
from entity_helpers import candidate, found as _found, in_order

from transforms.entities.acronyms import concept_initials, find_definitions, long_form_type
from transforms.entities.common_words import common_word
from transforms.entities.compounds import join_compounds, with_legal_forms
from transforms.entities.coordinated import join_coordinated
from transforms.entities.coreference import Candidate
from transforms.entities.entity_types import retype
from transforms.entities.exercises import exercise_names
from transforms.entities.gazetteer import Entry
from transforms.entities.headlines import headline_name_end, headline_phrase, opening_headline
from transforms.entities.mentions import EntityExtractor
from transforms.entities.military_patterns import find_patterns
from transforms.entities.ner import DEFAULT_MODEL, model_available
from transforms.entities.short_names import base_short_names, ship_short_names
from transforms.entities.spans import trim
from transforms.entities.split_places import split_place_pairs
from transforms.entities.squadrons import squadron_patterns
from transforms.entities.state_abbreviations import spelled_states

needs_model = pytest.mark.skipif(not model_available(DEFAULT_MODEL), reason="entity model not installed")


@pytest.fixture(scope="module")
def extractor() -> EntityExtractor:
    return EntityExtractor()


def _named(extractor: EntityExtractor, text: str) -> list[tuple[str, str]]:
    """(surface, canonical name) of each mention of ``text``, in text order."""
    result = extractor.extract(text)
    entities = {e.entity_id: e for e in result.entities}
    return [(m.text, entities[m.entity_id].canonical_name) for m in result.mentions if m.entity_id]


def _names(text: str) -> dict[str, str]:
    return {text[m.start : m.end]: m.canonical for m in squadron_patterns(text)}


def test_a_coded_unit_name_loses_its_code() -> None:
    text = "Jets of Tactical Reconnaissance Squadron (VQR) 41 and of Airborne Tanker Squadron (VKT) 7 flew."
    assert _names(text) == {
        "Tactical Reconnaissance Squadron (VQR) 41": "Tactical Reconnaissance Squadron 41",
        "Airborne Tanker Squadron (VKT) 7": "Airborne Tanker Squadron 7",
    }


def test_a_designation_takes_the_long_form_the_article_spells_out() -> None:
    text = "Fleet Air Reconnaissance Squadron (VQ) 3 handed over to VQ-004, while VAW-121 stayed ashore."
    names = _names(text)
    assert names["VQ-004"] == "Fleet Air Reconnaissance Squadron 4"  # a kind with no settled name: the article's
    assert names["VAW-121"] == "VAW-121"  # a kind renamed over the years, not spelled out here: the designation


def test_a_kind_with_a_settled_name_keeps_it_whatever_the_article_writes() -> None:
    names = _names("Special Patrol Squadron (VP) 16 handed over to VP-047.")
    assert names["Special Patrol Squadron (VP) 16"] == "Patrol Squadron 16"
    assert names["VP-047"] == "Patrol Squadron 47"


def test_a_designation_the_article_does_not_spell_out_takes_its_kinds_official_name() -> None:
    names = _names("Jets of CVW-14 and VFA-94 flew with HSC-21 and VMFA 232.")
    assert names == {
        "CVW-14": "Carrier Air Wing 14",
        "VFA-94": "Strike Fighter Squadron 94",
        "HSC-21": "Helicopter Sea Combat Squadron 21",
        "VMFA 232": "Marine Fighter Attack Squadron 232",
    }


def test_letters_that_are_no_squadron_code_are_left_alone() -> None:
    assert _names("The ABC-12 document and the PDF-3 form were filed under IT-9.") == {}


def test_a_quoted_nickname_before_a_unit_names_it() -> None:
    text = 'The “Night Herons” of VP-45 and the "Iron Gulls" of Patrol Squadron (VP) 9 returned home.'
    names = _names(text)
    assert names["Night Herons"] == "Patrol Squadron 45"  # the article spells VP out, later
    assert names["Iron Gulls"] == "Patrol Squadron 9"


def test_a_quoted_phrase_before_no_unit_is_no_nickname() -> None:
    assert "Quiet Week" not in _names("It was a “Quiet Week” of training for the crews of the base.")


@needs_model
def test_squadrons_in_an_air_wing_list(extractor: EntityExtractor) -> None:
    text = (
        "The embarked air wing includes the “Grey Falcons” of Strike Fighter Squadron (VFA) 31, the “Sand "
        "Lizards” of VFA-57 and the “Lantern Owls” of Electronic Attack Squadron (VAQ) 140."
    )
    found = _found(extractor, text)
    assert found["VFA-57"] == ("ORG", "Strike Fighter Squadron 57")
    assert found["Grey Falcons"] == ("ORG", "Strike Fighter Squadron 31")
    assert found["Electronic Attack Squadron (VAQ) 140"] == ("ORG", "Electronic Attack Squadron 140")
    assert found["Lantern Owls"] == ("ORG", "Electronic Attack Squadron 140")


@needs_model
def test_a_ship_named_again_without_its_hull_number_is_the_same_ship(extractor: EntityExtractor) -> None:
    text = (
        "The cruiser USS Wrenfield (CG 81) sailed with the destroyer USS Harlow Point (DDG 140). "
        "Later, USS Wrenfield refuelled at sea while USS Harlow Point held station."
    )
    found = _found(extractor, text)
    assert found["USS Wrenfield"] == ("PLATFORM", "USS Wrenfield (CG 81)")
    assert found["USS Harlow Point"] == ("PLATFORM", "USS Harlow Point (DDG 140)")


@needs_model
def test_two_hulls_of_one_name_leave_the_short_name_alone(extractor: EntityExtractor) -> None:
    text = "USS Wrenfield (CG 81) replaced an older USS Wrenfield (DD 700). USS Wrenfield then sailed."
    found = _found(extractor, text)
    assert found["USS Wrenfield"] == ("PLATFORM", "USS Wrenfield")


@needs_model
def test_a_capitalised_common_word_the_article_writes_in_lower_case_is_dropped(extractor: EntityExtractor) -> None:
    text = (
        "Guardians of the squadron track objects in orbit. Their Surveillance mission never stops, and "
        "surveillance of the sky is shared with allies in Europe."
    )
    found = _found(extractor, text)
    assert "Surveillance" not in found
    assert found["Europe"][0] == "LOC"


def test_the_common_word_rule_inside_a_sentence() -> None:
    text = "Crews of a Surveillance mission say surveillance never stops; the Guardian quoted a guardian."
    assert common_word(text, candidate(text, "Surveillance", "ORG"))
    assert not common_word(text, candidate(text, "Guardian", "ORG"))  # "the Guardian": a body named by a common word
    short = "Mr. Rice said rice prices rose."
    assert not common_word(short, candidate(short, "Rice", "ORG"))  # four letters: a surname beside the word
    named = "The Sentinel Group met. Sentinel staff said a sentinel was posted."
    assert not common_word(named, candidate(named, "Sentinel", "ORG"), frozenset({"Sentinel"}))


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Halvorsen Wind Tunnel", "FACILITY"),
        ("Brightwater Production Building", "FACILITY"),
        ("Meridian Atoll", "LOC"),
        ("Tolland Reef", "LOC"),
        ("Kestrel Space Cell", "ORG"),
        ("Destroyer Squadron Nine", "ORG"),
        ("Ashcombe Research Laboratory", "ORG"),
        ("Carrowmore Law School", "ORG"),
    ],
)
def test_a_model_person_with_a_head_noun_of_another_kind_is_retyped(name: str, kind: str) -> None:
    text = f"Officials visited the {name} on Tuesday."
    cand = candidate(text, name, "PERSON")
    assert [c.type for c in retype(text, [cand], lambda _: None)] == [kind]


@pytest.mark.parametrize(
    ("surface", "kept"),
    [
        ("Sailors of", ""),  # one word of a name the model broke off
        ("Academy for", ""),
        ("Army Contracting Command-", "Army Contracting Command"),
        ("Integration of Space and", "Integration of Space"),
        ("Bank of England", "Bank of England"),  # a function word inside a name stays
        ("Airmen of the", ""),
    ],
)
def test_a_model_span_ending_on_a_function_word_is_cut(surface: str, kept: str) -> None:
    text = f"Reports said {surface} staff met on Monday."
    start = text.index(surface)
    s, e = trim(text, start, start + len(surface))
    assert text[s:e] == kept


@pytest.mark.parametrize(
    ("surface", "kept"),
    [
        ("Though Vance", "Vance"),  # a conjunction the model ran into the name after it
        ("Besides Okafor", "Okafor"),
        ("Once Brandt", "Brandt"),
        ("The Harbor Times", "Harbor Times"),
        ("First Harbor Bank", "First Harbor Bank"),  # an ordinary first word stays
    ],
)
def test_a_model_span_opened_by_a_conjunction_loses_it(surface: str, kept: str) -> None:
    text = f"{surface} said on Monday that talks went well."
    s, e = trim(text, 0, len(surface))
    assert text[s:e] == kept


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("-- By Dana Whitcomb Follow @dwhitcomb", "Dana Whitcomb"),  # a byline's invitation to follow the writer
        ("-- By Dana Whitcomb Follow", "Dana Whitcomb Follow"),  # no handle after it: the word stays
    ],
)
def test_a_byline_follow_before_a_handle_is_not_part_of_the_name(line: str, kept: str) -> None:
    start = line.index("Dana")
    end = start + len("Dana Whitcomb Follow")
    s, e = trim(line, start, end)
    assert line[s:e] == kept


@needs_model
def test_a_numbered_unit_is_named_with_the_parent_written_after_it(extractor: EntityExtractor) -> None:
    text = (
        "Soldiers of the 2nd Brigade Combat Team, 3rd Infantry Division, met the 1st Battalion, 5th Marines. "
        "Later the 2nd BCT left, and the 2nd Brigade Combat Team returned."
    )
    by_text = [(surface, name) for surface, _, name in in_order(extractor, text)]
    brigade = "2nd Brigade Combat Team, 3rd Infantry Division"
    assert by_text.count(("2nd Brigade Combat Team", brigade)) == 2 and ("2nd BCT", brigade) in by_text
    assert ("1st Battalion", "1st Battalion, 5th Marines") in by_text
    assert ("3rd Infantry Division", "3rd Infantry Division") in by_text  # the parent keeps its own mention


@needs_model
def test_a_unit_given_two_parents_keeps_no_shared_name(extractor: EntityExtractor) -> None:
    text = "The 2nd Battalion, 5th Marines and the 2nd Battalion, 7th Marines trained. The 2nd Battalion left."
    assert [name for surface, _, name in in_order(extractor, text) if surface == "2nd Battalion"] == [
        "2nd Battalion, 5th Marines",
        "2nd Battalion, 7th Marines",
        "2nd Battalion",
    ]


@needs_model
def test_an_acronym_of_a_concept_is_no_name(extractor: EntityExtractor) -> None:
    text = (
        "The award moves the radar from Low Rate Initial Production (LRIP) to full rate in Fiscal Year (FY) 2027 "
        "for the Army Contracting Command (ACC). LRIP lots end, and the ACC will manage it through FY 2030."
    )
    found = _found(extractor, text)
    assert not {"LRIP", "Low Rate Initial Production", "FY", "Fiscal Year"} & set(found)
    assert found["ACC"] == ("ORG", "Army Contracting Command")


@needs_model
def test_a_ticker_after_a_company_is_that_company(extractor: EntityExtractor) -> None:
    text = (
        "RESTON, Va. – Halcyon Avionics Corporation (NYSE: HAVC) reported revenue of $2.1 billion for the "
        "quarter. Shares of HAVC rose 3 percent."
    )
    found = _found(extractor, text)
    company = found["Halcyon Avionics Corporation"]
    assert company[0] == "ORG"
    assert found["HAVC"] == company


@needs_model
def test_a_phrase_of_the_opening_headline_is_no_name(extractor: EntityExtractor) -> None:
    text = (
        "Minister Praises Changes to Border Patrol Rules\n\n"
        "Defense Minister Anna Kowalczyk praised changes to the rules on Monday, her office said in Warsaw."
    )
    found = _found(extractor, text)
    assert not [s for s in found if "Praises" in s or "Changes" in s]
    assert found["Anna Kowalczyk"][0] == "PERSON"


@needs_model
def test_a_title_case_credit_line_later_in_the_text_keeps_its_name(extractor: EntityExtractor) -> None:
    text = (
        "Troops return home.\n\nThe battalion returned from Poland on Monday, and its service ended.\n"
        "Northern Forces Press Service\n"
    )
    found = _found(extractor, text)
    assert any("Press Service" in s for s in found)


@needs_model
def test_a_joint_base_named_for_two_bases_is_one_facility(extractor: EntityExtractor) -> None:
    text = (
        "JOINT BASE ELMWOOD-HARTLEY, Alaska -- Airmen at Joint Base Elmwood-Hartley and at Joint Base "
        "Copper Ridge-Maddox trained on Tuesday."
    )
    found = _found(extractor, text)
    assert found["Joint Base Elmwood-Hartley"] == ("FACILITY", "Joint Base Elmwood-Hartley")
    assert found["JOINT BASE ELMWOOD-HARTLEY"][1] == "Joint Base Elmwood-Hartley"
    assert "Maddox" not in found and "Hartley" not in found


@needs_model
def test_a_name_that_holds_and_is_one_organization(extractor: EntityExtractor) -> None:
    found = _found(
        extractor,
        "Soldiers of the 1st Space Brigade, U.S. Army Space and Missile Defense Command, tracked space debris. "
        "The Sexual Assault Prevention and Response Program, which puts prevention first, grew.",
    )
    assert found["U.S. Army Space and Missile Defense Command"][0] == "ORG"
    assert found["Sexual Assault Prevention and Response Program"][0] == "ORG"
    assert "Space" not in found and "Missile Defense Command" not in found


def test_a_capitalised_concept_that_holds_and_is_no_name() -> None:
    text = (
        "The Army Integrated Air and Missile Defense program grew; air defense and missile defense need radars. "
        "A Joint Manufacturing and Technology Center does manufacturing. The Space and Missile Defense "
        "Symposium opened in space."
    )
    center = candidate(text, "Technology Center", "PERSON")
    symposium = [candidate(text, "Space", "GPE"), candidate(text, "Missile Defense Symposium", "GPE")]
    cands = [candidate(text, "Army Integrated Air", "FACILITY"), candidate(text, "Missile Defense", "ORG"), center]
    out = join_coordinated(text, cands + symposium)
    assert {(text[c.start : c.end], c.type) for c in out} == {
        ("Joint Manufacturing and Technology Center", "ORG"),
        ("Space", "GPE"),  # an event's name is no concept: left to the model
        ("Missile Defense Symposium", "GPE"),
    }


def test_a_base_or_a_town_named_again_by_its_short_name_is_that_place() -> None:
    text = "CANNON AIR FORCE BASE, N.M. Cannon's airmen met Lt. Col. Ann Reno. FORT CARSON, Colo. Fort Carson grew."
    base = Entry(entity_id="E1", name="Cannon Air Force Base", type="FACILITY", subtype="military_base")
    cands = [
        Candidate(start=0, end=21, type="FACILITY", method="rule", rank="rule", entry=base),
        candidate(text, "Cannon", "ORG", 25),
        candidate(text, "Ann Reno", "PERSON"),
        Candidate(
            start=text.index("FORT"),
            end=text.index("Colo.") + 5,
            type="GPE",
            method="rule",
            rank="rule",
            canonical="Fort Carson, Colorado",  # as the dateline rules name it
        ),
        candidate(text, "Fort Carson", "PERSON", text.index("Colo.")),
    ]
    out = base_short_names(text, cands)
    assert (out[1].type, out[1].entry) == ("FACILITY", base)
    assert (out[4].type, out[4].canonical) == ("GPE", "Fort Carson, Colorado")
    assert out[2] == cands[2]


def test_a_base_short_name_that_is_a_persons_surname_stays_the_person() -> None:
    text = "CANNON AIR FORCE BASE, N.M. Col. Ann Cannon spoke. Cannon said more."
    base = Entry(entity_id="E1", name="Cannon Air Force Base", type="FACILITY", subtype="military_base")
    cands = [
        Candidate(start=0, end=21, type="FACILITY", method="rule", rank="rule", entry=base),
        candidate(text, "Ann Cannon", "PERSON"),
        candidate(text, "Cannon", "PERSON", text.index("said") - 7),
    ]
    assert base_short_names(text, cands) == cands


@needs_model
def test_two_institutions_joined_by_and_stay_two(extractor: EntityExtractor) -> None:
    found = _found(extractor, "She studied at Princeton and Yale Law School before she joined the Navy.")
    assert "Yale Law School" in found
    assert not any(" and " in surface for surface in found)


@needs_model
def test_a_name_cut_at_its_hyphen_is_whole(extractor: EntityExtractor) -> None:
    found = _found(
        extractor, "The dredging contracts went to Morrish-Wallace Construction Inc., of Cheboygan, Michigan."
    )
    assert found["Morrish-Wallace Construction Inc."][0] == "ORG"
    assert "Morrish" not in found and "Wallace Construction Inc." not in found


def test_an_organization_cut_at_a_hyphen_is_widened_over_its_hyphenated_words() -> None:
    text = "Bids came from UWP-Hachette and the UK-France Summit, not from Al-Shabaab or the Alito-Prelogar camp."

    model = functools.partial(candidate, text)

    kept = join_compounds(
        text,
        [model("UWP", "ORG"), model("France Summit", "ORG"), model("Shabaab", "ORG"), model("Prelogar", "PERSON")],
        lambda _: None,
    )
    assert [text[c.start : c.end] for c in kept] == ["UWP-Hachette", "UK-France Summit", "Shabaab", "Prelogar"]


@needs_model
def test_two_people_joined_by_a_hyphen_stay_two(extractor: EntityExtractor) -> None:
    result = extractor.extract(
        "Justice Samuel Alito questioned Elizabeth Prelogar. The Alito-Prelogar exchange lasted minutes."
    )
    assert not any("-" in m.text for m in result.mentions if m.type == "PERSON")


def test_a_double_barrelled_surname_cut_at_its_hyphen_is_one_person() -> None:
    text = "Rep. Marta Olvera-Quist spoke. Olvera-Quist said no. The Lenz-Bauer talks ended; Lenz left, Bauer stayed."
    model = functools.partial(candidate, text)
    kept = join_compounds(
        text,
        [
            model("Marta Olvera", "PERSON"),
            model("Quist", "PERSON"),
            model("Quist", "PERSON", text.index("Quist said")),
            model("Lenz", "PERSON"),
            model("Bauer", "PERSON"),
        ],
        lambda _: None,
    )
    assert [text[c.start : c.end] for c in kept] == ["Marta Olvera-Quist", "Olvera-Quist", "Lenz", "Bauer"]


def test_an_acronym_after_a_comma_and_or_is_defined_and_a_lower_case_long_form_is_a_concept() -> None:
    text = (
        "The Halvorsen Ballistics Facility, or HBF, measured electromagnetic interference, or EMI, and "
        "a field training exercise (FTX) followed."
    )
    defined = {d.short: d.long for d in find_definitions(text)}
    assert defined == {
        "HBF": "Halvorsen Ballistics Facility",
        "EMI": "electromagnetic interference",
        "FTX": "field training exercise",
    }
    assert long_form_type("electromagnetic interference") is None
    assert long_form_type("Air-Launched Rapid Response Weapon") == "WEAPON"


@needs_model
def test_concept_acronyms_are_no_names_and_a_defined_one_is_its_long_form(extractor: EntityExtractor) -> None:
    found = _found(
        extractor,
        "The test measured electromagnetic interference, or EMI, which jams signals. EMI rose. "
        "The Halvorsen Ballistics Facility, or HBF, fired a round. HBF staff cheered.",
    )
    assert "EMI" not in found
    assert found["HBF"] == ("FACILITY", "Halvorsen Ballistics Facility")  # a site, by its head word


def test_a_nickname_in_quotes_right_after_a_squadron_names_it() -> None:
    text = "The wing flies VFA-136 “Knighthawks,” VFA-211 “Fighting Checkmates,” and VFA-22 “We are ready.”"
    found = {text[p.start : p.end]: p.canonical for p in squadron_patterns(text)}
    assert found == {
        "VFA-136": "Strike Fighter Squadron 136",
        "VFA-211": "Strike Fighter Squadron 211",
        "VFA-22": "Strike Fighter Squadron 22",
        "Knighthawks": "Strike Fighter Squadron 136",
        "Fighting Checkmates": "Strike Fighter Squadron 211",  # "We are ready." is a quote, not a nickname
    }


def test_a_common_word_right_after_a_datelines_dash_opens_a_sentence() -> None:
    text = "FORT CARSON, Colo. – Space-based assets help the 1st Space Brigade bring space to the fight."
    space = candidate(text, "Space", "GPE")
    assert common_word(text, space, frozenset({"Space"}))  # a word of a longer name, yet a sentence's opener


@needs_model
def test_a_name_headed_by_a_weapon_word_is_a_weapon(extractor: EntityExtractor) -> None:
    found = _found(
        extractor,
        "The U.S. Army awarded Raytheon a contract for the Kestrel Weapon System. "
        "The Missile Defense Agency and the Strategic Missile Forces watched.",
    )
    assert found["Kestrel Weapon System"][0] == "WEAPON"  # a made-up name: "TOW" is the gazetteer's now
    assert found["Missile Defense Agency"][0] == "ORG" and found["Strategic Missile Forces"][0] == "ORG"


@needs_model
def test_a_base_named_before_its_kind_is_one_facility(extractor: EntityExtractor) -> None:
    found = _found(
        extractor,
        "GRAND FORKS AIR FORCE BASE, N.D. – Grand Forks Air Force Base today celebrated. "
        "Airmen at Minot Air Force Base cheered, and the Air Force said so.",
    )
    assert found["GRAND FORKS AIR FORCE BASE"] == ("FACILITY", "Grand Forks Air Force Base")
    assert found["Grand Forks Air Force Base"] == ("FACILITY", "Grand Forks Air Force Base")
    assert found["Minot Air Force Base"][0] == "FACILITY"
    assert "Grand Forks" not in found and "Minot Air" not in found


def test_a_base_written_with_a_short_kind_or_named_after_its_kind_is_one_facility() -> None:
    text = (
        "Crews flew from Minot AFB and Aviano ARB to NAS Whidbey Island. Sailors at Naval Station Rota Sailors "
        "met Marines of Marine Corps Air Station Beaufort. At Joint Base Elmendorf-Richardson Airmen trained. "
        "The cruiser left Naval Base Kitsap June 4."
    )
    found = {(text[p.start : p.end], p.canonical) for p in find_patterns(text) if p.subtype == "military_base"}
    assert found == {
        ("Minot AFB", "Minot Air Force Base"),
        ("Aviano ARB", "Aviano Air Reserve Base"),
        ("NAS Whidbey Island", "Naval Air Station Whidbey Island"),
        ("Naval Station Rota", "Naval Station Rota"),
        ("Marine Corps Air Station Beaufort", "Marine Corps Air Station Beaufort"),
        ("Joint Base Elmendorf-Richardson", "Joint Base Elmendorf-Richardson"),
        ("Naval Base Kitsap", "Naval Base Kitsap"),
    }
    text = "NAS President Mara Quist spoke; the Afghan AAF flew; the NAS Report was late."
    assert [p for p in find_patterns(text) if p.subtype == "military_base"] == []


@needs_model
def test_a_base_named_after_its_kind_is_not_split_by_a_service_name(extractor: EntityExtractor) -> None:
    found = _found(extractor, "Pilots landed at Marine Corps Air Station Beaufort on Friday.")
    assert found["Marine Corps Air Station Beaufort"] == ("FACILITY", "Marine Corps Air Station Beaufort")
    assert "Marine Corps" not in found


@needs_model
def test_a_navy_rating_with_its_class_is_the_title(extractor: EntityExtractor) -> None:
    result = extractor.extract(
        "By Mass Communication Specialist 3rd Class Brian Sloan. "
        "Aviation Boatswain's Mate 2nd Class Ana Lee worked the deck."
    )
    titles = {m.text: m.title for m in result.mentions}
    assert titles == {
        "Brian Sloan": "Mass Communication Specialist 3rd Class",
        "Ana Lee": "Aviation Boatswain's Mate 2nd Class",
    }


@needs_model
def test_an_unknown_all_caps_place_in_running_text_is_no_place(extractor: EntityExtractor) -> None:
    found = _found(
        extractor,
        "He added that the AIAMD program supports the theater and that SATCOM links matter in DC and the UAE.\n"
        "BAGHDAD, Iraq - Troops moved.",
    )
    assert "AIAMD" not in found and "SATCOM" not in found
    assert found["UAE"][0] == "GPE" and found["BAGHDAD"][0] == "GPE"


def test_a_squadron_or_air_wing_code_with_a_space_before_its_number() -> None:
    text = "Strike Fighter Squadron (VFA) 137 flew with VFA 94 and CVW 5; the VA 22 form was filed."
    found = {text[p.start : p.end]: p.canonical for p in squadron_patterns(text)}
    assert found["VFA 94"] == "Strike Fighter Squadron 94"
    assert found["CVW 5"] == "Carrier Air Wing 5"
    assert "VA 22" not in found  # a two-letter code needs its hyphen


def test_an_undefined_acronym_of_a_lower_case_phrase_is_a_concept() -> None:
    text = "Army space is vital to multi-domain operations. The MDO concept matters, and so does the CIA in the field."
    chosen = [candidate(text, s, "ORG") for s in ("MDO", "CIA")]
    assert [text[c.start : c.end] for c in concept_initials(text, chosen)] == ["CIA"]  # "in the field": stop words


@needs_model
def test_a_given_name_left_between_a_rank_and_a_surname_is_the_persons(extractor: EntityExtractor) -> None:
    result = extractor.extract("Story by Army Sgt. 1st Class Tyrone C. Marshall Jr., American Forces Press Service.")
    people = {m.text: m.title for m in result.mentions if m.type == "PERSON"}
    assert people == {"Tyrone C. Marshall Jr.": "Army Sgt. 1st Class"}


def test_a_name_the_model_ran_into_headline_words_is_the_name_alone() -> None:
    text = (
        "Reyes, Okafor Discuss Maritime Ties\n\nDefense Minister Ana Reyes met Adm. Tunde Okafor today. Okafor said "
        "the talks went well, and Reyes discussed ties with the navy."
    )
    start = text.index("Okafor Discuss")
    assert headline_name_end(
        text, opening_headline(text), start, start + len("Okafor Discuss Maritime")
    ) == start + len("Okafor")
    body = text.index("Tunde Okafor")
    assert (
        headline_name_end(text, opening_headline(text), body, body + len("Tunde Okafor")) is None
    )  # not in the headline


def test_a_headline_phrase_with_an_inflected_common_word_is_no_name() -> None:
    text = "Hagel Welcomes Pact With Tokyo\n\nDefense Secretary Chuck Hagel welcomed the accord on Tuesday."
    assert headline_phrase(text, opening_headline(text), 0, len("Hagel Welcomes Pact"))
    other = "Reyes Visits Kiel Base\n\nReyes toured the yard."
    assert not headline_phrase(other, opening_headline(other), 11, 15)  # "Kiel"


def test_named_exercises_are_operations() -> None:
    text = "Sailors joined Exercise Pacific Dragon 2026 off Kauai. Exercise planners met the Navy."
    found = [(text[p.start : p.end], p.type, p.subtype) for p in find_patterns(text) if p.type == "OPERATION"]
    assert found == [("Exercise Pacific Dragon 2026", "OPERATION", "military_exercise")]
    text = "Jets flew in the Iron Lance 2025 exercise near Guam, and in a Navy exercise too."
    cands = [
        candidate(text, "Iron Lance", "GPE"),
        candidate(text, "Navy", "ORG", method="gazetteer"),
    ]
    lance, navy = exercise_names(text, cands)
    assert (text[lance.start : lance.end], lance.type, lance.subtype) == (
        "Iron Lance 2025",
        "OPERATION",
        "military_exercise",
    )
    assert navy == cands[1]


@needs_model
def test_straits_written_in_the_plural_are_the_strait(extractor: EntityExtractor) -> None:
    found = _found(extractor, "The ships sailed the Straits of Hormuz and the Straits of Bab al Mandeb in May.")
    assert found["Straits of Hormuz"] == ("LOC", "Strait of Hormuz")
    assert found["Straits of Bab al Mandeb"] == ("LOC", "Bab el-Mandeb")


@needs_model
def test_equipment_named_like_an_organization_is_a_platform(extractor: EntityExtractor) -> None:
    text = (
        "The Army ordered the Integrated Sensor Command System and new Light Tactical Vehicles. "
        "ISCS links radars, the program office said. The Department of Motor Vehicles was closed."
    )
    found = _found(extractor, text)
    assert found["Integrated Sensor Command System"][0] == "PLATFORM"
    assert found["ISCS"] == ("PLATFORM", "Integrated Sensor Command System")  # its initials, bound to it
    assert found.get("Department of Motor Vehicles", ("ORG",))[0] == "ORG"


def test_a_name_before_a_comma_and_a_legal_form_is_that_company() -> None:
    text = "The Army paid Acme Widgets, Inc., Huntsville, and North Wind Site Services, LLC of Idaho Falls."
    acme, north, llc = (
        candidate(text, "Acme Widgets", "PERSON"),
        candidate(text, "North Wind Site Services", "ORG"),
        candidate(text, "LLC", "ORG"),
    )
    out = with_legal_forms(text, [acme, north, llc])
    assert [(text[c.start : c.end], c.type, c.canonical) for c in out] == [
        ("Acme Widgets, Inc.", "ORG", "Acme Widgets"),
        ("North Wind Site Services, LLC", "ORG", "North Wind Site Services"),
    ]


def test_a_company_whose_span_holds_its_legal_form_is_named_without_it() -> None:
    text = "Bids came from Acme Widgets LLC, Borealis Marine Co Ltd and Harbour Limited Editions; Orix Inc. lost."
    cands = [
        candidate(text, "Acme Widgets LLC", "ORG"),
        candidate(text, "Borealis Marine Co Ltd", "ORG"),
        candidate(text, "Harbour Limited Editions", "ORG"),
        candidate(text, "Orix Inc.", "ORG"),
    ]
    out = with_legal_forms(text, cands)
    assert [c.canonical for c in out] == ["Acme Widgets", "Borealis Marine", None, "Orix"]


@needs_model
def test_a_ticker_after_a_company_and_its_legal_form_is_that_company(extractor: EntityExtractor) -> None:
    # the gazetteer names the company without its form, which stands between the name and the ticker
    text = "Northrop Grumman Incorporated (NYSE: NRGX) reported revenue. Shares of NRGX rose 3 percent."
    assert _found(extractor, text)["NRGX"] == ("ORG", "Northrop Grumman")


def test_a_carrier_called_by_its_surname_is_the_ship() -> None:
    text = "USS Carl Vinson (CVN 70) sailed. Vinson's crew trained, and Adm. Ann Rourke met them. Rourke smiled."
    ship = Entry(entity_id="E2", name="USS Carl Vinson (CVN 70)", type="PLATFORM", subtype="aircraft_carrier")
    cands = [
        Candidate(start=0, end=24, type="PLATFORM", method="rule", rank="rule", entry=ship),
        candidate(text, "Vinson", "PERSON", 30),
        candidate(text, "Ann Rourke", "PERSON"),
        candidate(text, "Rourke", "PERSON", text.index("smiled") - 7),
    ]
    out = ship_short_names(text, cands)
    assert (out[1].type, out[1].entry) == ("PLATFORM", ship)
    assert out[3] == cands[3]  # a person's surname stays the person's


def test_two_places_joined_by_a_hyphen_are_two_places() -> None:
    text = "The U.S.-Japan alliance and the Acme-Wallace Group met."
    places = {"U.S.": Entry("Q30", "United States", "GPE"), "Japan": Entry("Q17", "Japan", "GPE")}
    cands = [candidate(text, "U.S.-Japan", "GPE"), candidate(text, "Acme-Wallace Group", "ORG")]
    out = split_place_pairs(text, cands, places.get)
    assert [(text[c.start : c.end], c.entry.name if c.entry else None) for c in out] == [
        ("U.S.", "United States"),
        ("Japan", "Japan"),
        ("Acme-Wallace Group", None),
    ]


def test_a_state_abbreviation_standing_alone_is_the_us_state() -> None:
    text = "GRAND FORKS AIR FORCE BASE, N.D. and KINGS BAY, Ga. were named."
    georgia = Entry(entity_id="E3", name="Georgia", type="GPE", subtype="state", country="USA")
    dakota = Entry(entity_id="Q1207", name="North Dakota", type="GPE", subtype="state", country="USA")
    cands = [candidate(text, "N.D.", "GPE"), candidate(text, "Ga.", "GPE"), candidate(text, "FORCE", "GPE")]
    names = {"N.D.": "North Dakota", "Ga.": "Georgia"}
    nd, ga, other = spelled_states(text, cands, names, {"Georgia": georgia, "North Dakota": dakota})
    assert (nd.entry, ga.entry) == (dakota, georgia)  # the U.S. state, not the country named Georgia
    assert other == cands[2]


def test_a_plural_in_men_opening_a_sentence_is_a_common_word_for_a_place_not_for_a_person() -> None:
    text = "Gunmen fired on the convoy. Carmen said the convoy turned back."
    assert common_word(text, candidate(text, "Gunmen", "GPE"))
    assert not common_word(text, candidate(text, "Carmen", "PERSON"))


def test_a_ship_class_named_for_people_keeps_their_whole_name() -> None:
    text = (
        "The Henry J. Kaiser-class oiler, a Lewis and Clark-class cargo ship and JMSDF’s Hyuga-class destroyer sailed."
    )
    classes = {text[p.start : p.end]: p.canonical for p in find_patterns(text) if p.subtype == "ship_class"}
    assert classes == {
        "Henry J. Kaiser-class": "Henry J. Kaiser-class",
        "Lewis and Clark-class": "Lewis and Clark-class",
        "Hyuga-class destroyer": "Hyuga-class",  # not "JMSDF’s Hyuga-class": no possessive in a class name
    }


@needs_model
def test_a_strike_group_designation_wins_over_a_company_of_the_same_letters(extractor: EntityExtractor) -> None:
    named = dict(_named(extractor, "CSG 5 sailed with DESRON 15 on Monday, the Navy said."))
    assert named["CSG 5"] == "Carrier Strike Group 5"
    assert named["DESRON 15"] == "Destroyer Squadron 15"


@needs_model
def test_a_guard_station_and_a_reserve_station_are_facilities(extractor: EntityExtractor) -> None:
    text = (
        "The squadron at Sepulveda Air National Guard Station trained with crews from Pittsburgh Air Reserve Station."
    )
    found = {(m.text, m.type) for m in extractor.extract(text).mentions}
    assert ("Sepulveda Air National Guard Station", "FACILITY") in found
    assert ("Pittsburgh Air Reserve Station", "FACILITY") in found


@needs_model
def test_the_guards_components_are_bodies_of_their_own(extractor: EntityExtractor) -> None:
    text = "Members of the Army National Guard and the Air National Guard trained. The National Guard said so."
    assert _named(extractor, text) == [
        ("Army National Guard", "Army National Guard"),
        ("Air National Guard", "Air National Guard"),
        ("National Guard", "National Guard"),  # the whole Guard, not the component the article named first
    ]


@needs_model
def test_army_commands_named_with_and_are_one_name(extractor: EntityExtractor) -> None:
    text = (
        "To the U.S. Army Space and Missile Defense Command team and the Army Aviation and Missile Command, it worked."
    )
    assert _named(extractor, text) == [
        ("U.S. Army Space and Missile Defense Command", "U.S. Army Space and Missile Defense Command"),
        ("Army Aviation and Missile Command", "U.S. Army Aviation and Missile Command"),
    ]
