"""Entity extraction on defense-news style text written for these tests, plus properties on any text."""

from __future__ import annotations

import pytest
from entity_helpers import found as named
from hypothesis import HealthCheck, given, settings, strategies as st

from schemas.entities import Mention
from transforms.entities.gazetteer import entity_id
from transforms.entities.mentions import EntityExtractor, EntityResult


@pytest.fixture(scope="module")
def extractor() -> EntityExtractor:
    return EntityExtractor()


def _find(result: EntityResult, text: str) -> Mention:
    hits = [m for m in result.mentions if m.text == text]
    assert hits, f"{text!r} not among {[m.text for m in result.mentions]}"
    return hits[0]


def _entity(result: EntityResult, key: str | None):
    return next(e for e in result.entities if e.entity_id == key)


def test_combatant_command_aliases_share_one_id_across_articles(extractor: EntityExtractor) -> None:
    first = extractor.extract("Officials at U.S. Indo-Pacific Command reviewed the drill plan on Monday.")
    second = extractor.extract("A statement from INDOPACOM said the exercise would continue.")
    third = extractor.extract("Indo-Pacific Command moved two squadrons north.")
    ids = {
        _find(first, "U.S. Indo-Pacific Command").entity_id,
        _find(second, "INDOPACOM").entity_id,
        _find(third, "Indo-Pacific Command").entity_id,
    }
    assert len(ids) == 1 and None not in ids
    assert _entity(second, ids.pop()).canonical_name == "U.S. Indo-Pacific Command"


def test_pentagon_is_the_department_of_defense_with_its_wikidata_id(extractor: EntityExtractor) -> None:
    result = extractor.extract("The Pentagon said the Department of Defense would review the contract.")
    pentagon, dod = _find(result, "Pentagon"), _find(result, "Department of Defense")
    assert pentagon.entity_id == dod.entity_id == "Q11209"
    assert _entity(result, "Q11209").wikidata_id == "Q11209"


def test_acronym_defined_in_text_binds_to_long_form(extractor: EntityExtractor) -> None:
    text = "Units of the Northern Coastal Defense Brigade (NCDB) moved inland. Later the NCDB said its positions held."
    result = extractor.extract(text)
    long_form = _find(result, "Northern Coastal Defense Brigade")
    uses = [m for m in result.mentions if m.text == "NCDB"]
    assert len(uses) == 2
    assert all(m.entity_id == long_form.entity_id for m in uses)
    assert any(m.method == "acronym" for m in uses)


def test_rank_goes_to_title_and_surname_refers_back(extractor: EntityExtractor) -> None:
    text = (
        "Navy Adm. Jane Doe toured the pier in Norfolk on Tuesday. Doe told sailors the deployment "
        "would last seven months."
    )
    result = extractor.extract(text)
    person = _find(result, "Jane Doe")
    assert person.type == "PERSON"
    assert person.title == "Navy Adm."
    later = [m for m in result.mentions if m.text == "Doe"]
    assert later and later[0].entity_id == person.entity_id
    assert _entity(result, person.entity_id).canonical_name == "Jane Doe"


def test_marine_corps_rank_and_general_surname(extractor: EntityExtractor) -> None:
    text = (
        "Marine Corps Lt. Gen. Marcus Ellery spoke at Camp Lejeune. General Ellery said the force "
        "would train with allies."
    )
    result = extractor.extract(text)
    person = _find(result, "Marcus Ellery")
    assert person.title == "Marine Corps Lt. Gen."
    assert _find(result, "Ellery").entity_id == person.entity_id


def test_office_and_affiliation_of_a_minister(extractor: EntityExtractor) -> None:
    result = extractor.extract("Russian Defense Minister Andrei Belousov met commanders in Rostov.")
    person = _find(result, "Andrei Belousov")
    assert person.title == "Defense Minister"
    assert person.affiliation == "Russia"


def test_spokeswoman_for_an_organization(extractor: EntityExtractor) -> None:
    text = "Laura Kessling, a spokeswoman for U.S. Central Command, said no sailors were hurt."
    person = _find(extractor.extract(text), "Laura Kessling")
    assert person.title == "spokeswoman"
    assert person.affiliation == "U.S. Central Command"


@pytest.mark.parametrize(
    ("text", "title", "affiliation"),
    [
        (
            "said Lisa Ortega, deputy assistant secretary of defense for product support.",
            "deputy assistant secretary of defense for product support",
            None,
        ),
        (
            "said Kathy Marsh, chair, chief executive officer and president.",
            "chair, chief executive officer and president",
            None,
        ),
        ("said Ivan Mercer, product manager for Tactical UAS.", "product manager for Tactical UAS", "Tactical UAS"),
        ("Tom Reyes, Vexcor's chief financial officer, said.", "chief financial officer", "Vexcor"),
        (
            "Colin Park, commander of the 3rd Infantry Division, said.",
            "commander of the 3rd Infantry Division",
            "3rd Infantry Division",
        ),
    ],
)
def test_an_office_in_lower_case_after_a_name_is_the_title(
    extractor: EntityExtractor, text: str, title: str, affiliation: str | None
) -> None:
    result = extractor.extract(text)
    person = next(m for m in result.mentions if m.type == "PERSON")
    assert (person.title, person.affiliation) == (title, affiliation)
    if affiliation:  # the organisation the title names stays a mention of its own
        assert any(m.text == affiliation and m.type == "ORG" for m in result.mentions)


def test_an_office_after_the_name_wins_over_an_honorific_before_it(extractor: EntityExtractor) -> None:
    text = (
        "“It flew,” said Dr. Lena Voss, assistant secretary of the Air Force for Acquisition, Technology and Logistics."
    )
    person = _find(extractor.extract(text), "Lena Voss")
    assert person.title == "assistant secretary of the Air Force for Acquisition, Technology and Logistics"
    assert person.affiliation == "Air Force"
    assert _find(extractor.extract("said Dr. Lena Voss."), "Lena Voss").title == "Dr."  # nothing better: kept


def test_a_bracketed_portfolio_belongs_to_the_title(extractor: EntityExtractor) -> None:
    text = "“It worked,” said Mr. Omar Tate, Assistant Secretary of the Army (Acquisition, Logistics and Technology)."
    result = extractor.extract(text)
    person = _find(result, "Omar Tate")
    assert person.title == "Assistant Secretary of the Army (Acquisition, Logistics and Technology)"  # one office
    assert person.affiliation == "Army"
    assert not any("Logistics" in m.text for m in result.mentions)  # a word of the title, no organisation


def test_words_after_a_name_that_hold_no_office_are_no_title(extractor: EntityExtractor) -> None:
    result = extractor.extract("Lena Hart, who met the secretary of defense, said the talks went well.")
    assert _find(result, "Lena Hart").title is None


def test_a_word_of_office_alone_is_no_person_unless_a_person_bears_it_as_a_surname(extractor: EntityExtractor) -> None:
    text = "“It flew well,” said Tech. Sgt. Mara Ellison, Superintendent, Flight Programs, 46th Test Group."
    assert [m.text for m in extractor.extract(text).mentions if m.type == "PERSON"] == ["Mara Ellison"]
    surname = "Coretta Scott King spoke first. King later left for Atlanta."
    assert [m.text for m in extractor.extract(surname).mentions if m.type == "PERSON"] == ["Coretta Scott King", "King"]


def test_minister_of_defence_stands_for_a_person(extractor: EntityExtractor) -> None:
    result = extractor.extract("The Minister of Defence announced new funding for the Royal Navy.")
    title = [m for m in result.mentions if m.type == "PERSON"]
    assert title and title[0].title == "Minister of Defence"


def test_a_known_person_written_with_a_middle_name_or_initial_is_that_person(extractor: EntityExtractor) -> None:
    result = extractor.extract(
        "Defense Secretary Leon E. Panetta and Secretary of State Hillary Rodham Clinton met George H.W. Bush."
    )
    names = {e.entity_id: (e.canonical_name, e.wikidata_id) for e in result.entities}
    found = {m.text: names.get(m.entity_id or "") for m in result.mentions if m.type == "PERSON"}
    assert found["Leon E. Panetta"] == ("Leon Panetta", None)
    assert found["Hillary Rodham Clinton"] == ("Hillary Clinton", "Q6294")
    assert found["George H.W. Bush"] == ("George H.W. Bush", None)  # no "George W. Bush": his name is three words


@pytest.mark.parametrize(
    ("text", "name", "rank"),
    [
        ("“We are ready,” said COL Danielle Meyers, project manager.", "Danielle Meyers", "COL"),
        ("SFC John Ruiz and the crew agreed.", "John Ruiz", "SFC"),
        ("Lt Col Sarah Hughes flew the mission.", "Sarah Hughes", "Lt Col"),
        ("Wg Cdr Raj Patel flew the mission.", "Raj Patel", "Wg Cdr"),
    ],
)
def test_ranks_abbreviated_in_capitals_or_without_periods_are_titles(
    extractor: EntityExtractor, text: str, name: str, rank: str
) -> None:
    person = _find(extractor.extract(text), name)
    assert (person.type, person.title) == ("PERSON", rank)


def test_transliteration_variants_are_one_person(extractor: EntityExtractor) -> None:
    texts = [
        "President Volodymyr Zelenskyy thanked the allies.",
        "President Volodymyr Zelensky thanked the allies.",
        "President Volodymyr Zelenskiy thanked the allies.",
    ]
    ids = {
        _find(extractor.extract(t), name).entity_id
        for t, name in zip(texts, ["Volodymyr Zelenskyy", "Volodymyr Zelensky", "Volodymyr Zelenskiy"])
    }
    assert len(ids) == 1
    a = extractor.extract("Yevgeny Prigozhin led the mutiny. Prigojine later died.")
    assert _find(a, "Prigojine").entity_id == _find(a, "Yevgeny Prigozhin").entity_id


def test_surname_variant_in_the_same_article(extractor: EntityExtractor) -> None:
    result = extractor.extract("Defense Minister Sergei Shoigu visited the front. Shoygu praised the troops.")
    assert _find(result, "Shoygu").entity_id == _find(result, "Sergei Shoigu").entity_id


def test_countries_carry_iso_alpha3(extractor: EntityExtractor) -> None:
    result = extractor.extract(
        "Talks between Syria and the United States resumed, while Britain and South Korea watched."
    )
    countries = {e.canonical_name: e.country for e in result.entities if e.subtype == "country"}
    assert countries["Syria"] == "SYR"
    assert countries["United States"] == "USA"
    assert countries["United Kingdom"] == "GBR"
    assert countries["South Korea"] == "KOR"


def test_demonyms_give_the_country_of_a_norp(extractor: EntityExtractor) -> None:
    result = extractor.extract("Syrian and Iraqi forces met Turkish officers near the border.")
    for word, code in (("Syrian", "SYR"), ("Iraqi", "IRQ"), ("Turkish", "TUR")):
        mention = _find(result, word)
        assert mention.type == "NORP"
        assert _entity(result, mention.entity_id).country == code


def test_cities_carry_their_country(extractor: EntityExtractor) -> None:
    result = extractor.extract("Air raid sirens sounded in Kharkiv overnight, officials in Kyiv and Damascus said.")
    for city, code in (("Kharkiv", "UKR"), ("Kyiv", "UKR"), ("Damascus", "SYR")):
        mention = _find(result, city)
        assert mention.type == "GPE"
        assert _entity(result, mention.entity_id).country == code


def test_weapons_and_platforms_are_told_apart(extractor: EntityExtractor) -> None:
    text = (
        "An MQ-9 Reaper fired a Hellfire while F-35A jets and a Bayraktar TB2 flew nearby; the battery "
        "used S-400 and Pantsir-S1 systems against Kalibr and Iskander missiles, and Leopard 2 tanks moved up "
        "beside HIMARS launchers firing GMLRS rockets. Soldiers carried Javelin missiles."
    )
    result = extractor.extract(text)
    platforms = {"MQ-9 Reaper", "F-35A", "Bayraktar TB2", "S-400", "Pantsir-S1", "Leopard 2", "HIMARS launchers"}
    weapons = {"Hellfire", "Kalibr", "Iskander", "GMLRS rockets", "Javelin missiles"}
    for name in platforms:
        assert _find(result, name).type == "PLATFORM", name
    for name in weapons:
        assert _find(result, name).type == "WEAPON", name


def test_an_interceptor_is_a_weapon_of_its_own_beside_the_system_that_fires_it(extractor: EntityExtractor) -> None:
    result = extractor.extract("The Army ordered PAC-3 MSE interceptors for its Patriot batteries.")
    assert _find(result, "PAC-3 MSE").type == "WEAPON"
    assert _find(result, "Patriot batteries").type == "PLATFORM"


def test_expeditionary_bases_are_facilities_named_in_full(extractor: EntityExtractor) -> None:
    found = named(extractor, "Troops left FOB Delmar for PB Arrow and COP Halsey, then Forward Operating Base Delmar.")
    assert found["FOB Delmar"] == ("FACILITY", "Forward Operating Base Delmar")
    assert found["PB Arrow"] == ("FACILITY", "Patrol Base Arrow")
    assert found["COP Halsey"] == ("FACILITY", "Combat Outpost Halsey")
    assert found["Forward Operating Base Delmar"] == ("FACILITY", "Forward Operating Base Delmar")


def test_ships_classes_and_units(extractor: EntityExtractor) -> None:
    text = (
        "The USS Harry S. Truman (CVN 75) and two Arleigh Burke-class destroyers of Carrier Strike Group 8 "
        "sailed with the 5th Fleet while the 101st Airborne Division trained ashore. HMS Trent followed."
    )
    result = extractor.extract(text)
    ship = _find(result, "USS Harry S. Truman (CVN 75)")
    assert ship.type == "PLATFORM"
    assert _find(result, "Arleigh Burke-class destroyers").type == "PLATFORM"
    for unit in ("Carrier Strike Group 8", "5th Fleet", "101st Airborne Division"):
        assert _find(result, unit).type == "ORG", unit
    assert _find(result, "HMS Trent").type == "PLATFORM"
    fleet = _entity(result, _find(result, "5th Fleet").entity_id)
    assert fleet.canonical_name == "U.S. 5th Fleet"


def test_named_operations(extractor: EntityExtractor) -> None:
    result = extractor.extract(
        "Under Operation Prosperity Guardian and the newly named Operation Sea Lantern, ships escorted tankers."
    )
    assert _find(result, "Operation Prosperity Guardian").type == "OPERATION"
    new = _find(result, "Operation Sea Lantern")
    assert new.type == "OPERATION"
    assert new.entity_id == entity_id("OPERATION", "Operation Sea Lantern")


def test_armed_groups_and_companies(extractor: EntityExtractor) -> None:
    text = (
        "Houthi fighters, who call themselves Ansar Allah, fired on ships, while al-Shabaab and Boko Haram "
        "claimed attacks. Lockheed Martin and Rheinmetall won contracts."
    )
    result = extractor.extract(text)
    assert _find(result, "Ansar Allah").entity_id == _find(result, "Houthi").entity_id
    for name, subtype in (
        ("al-Shabaab", "armed_group"),
        ("Boko Haram", "armed_group"),
        ("Lockheed Martin", "company"),
        ("Rheinmetall", "company"),
    ):
        mention = _find(result, name)
        assert mention.type == "ORG"
        assert _entity(result, mention.entity_id).subtype == subtype


def test_nato_wikidata_and_pipe_matches_extract(extractor: EntityExtractor) -> None:
    texts = ["NATO ministers met in Brussels.", "", "The alliance met again."]
    piped = list(extractor.pipe(texts, batch_size=2))
    assert piped == [extractor.extract(t) for t in texts]
    assert _find(piped[0], "NATO").entity_id == "Q7184"
    assert piped[1].mentions == ()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_never_raises_and_offsets_slice(extractor: EntityExtractor, text: str) -> None:
    result = extractor.extract(text)
    for mention in result.mentions:
        assert text[mention.start : mention.end] == mention.text
    assert {m.entity_id for m in result.mentions if m.entity_id} <= {e.entity_id for e in result.entities} | {
        m.entity_id for m in result.mentions if m.type == "PERSON"
    }


_WORDS = st.sampled_from(
    [
        "Gen.",
        "Jane",
        "Doe",
        "NATO",
        "(SDF)",
        "Syrian",
        "the",
        "Operation",
        "Iron",
        "USS",
        "Nimitz",
        "F-35A",
        "said",
        ",",
        ".",
        "Kyiv",
        "al-Shabaab",
        "Democratic",
        "Forces",
        "\n",
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_WORDS, max_size=40).map(" ".join))
def test_defense_like_text_is_deterministic_and_sliced(extractor: EntityExtractor, text: str) -> None:
    first, second = extractor.extract(text), extractor.extract(text)
    assert first == second
    for mention in first.mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.start < mention.end


# -- context rules: all-caps lines, datelines, head nouns, locatives, regimes, glosses, titles, sports slots --

from transforms.entities.entity_types import gloss_spans, regime_spans  # noqa: E402
from transforms.entities.teams import team_slots  # noqa: E402
from transforms.entities.truecase import acronym_forms, dateline_places, recase  # noqa: E402


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "UKRAINE SAYS DRONES HIT CRIMEA BRIDGE\nUkraine says its drones hit the bridge.",
            "Ukraine says drones hit Crimea bridge\nUkraine says its drones hit the bridge.",
        ),
        ("NATO WARNS RUSSIA\nMembers met.", "NATO Warns Russia\nMembers met."),
        ("KYIV — The army said.", "Kyiv — The army said."),
        ("No capitals here.", "No capitals here."),
        # a shouted phrase in running text, whose word the article also writes in lower case
        ('A quiet trip. "QUIET CAR. Window seat," she wrote.', 'A quiet trip. "Quiet Car. Window seat," she wrote.'),
        # a known acronym inside it is a word too, unless the article writes it in capitals elsewhere
        ('A quiet trip. "QUIET NATO CAR." NATO met.', 'A quiet trip. "Quiet NATO Car." NATO met.'),
        # acronyms side by side are not shouting
        ("NATO said US CENTCOM forces moved.", "NATO said US CENTCOM forces moved."),
    ],
)
def test_recase_headlines_keeps_length_and_acronyms(text: str, expected: str) -> None:
    out = recase(text, acronym_forms({"NATO", "Russia", "RUSSIA"}))
    assert out == expected and len(out) == len(text)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("KYIV, Ukraine — Russian drones struck the city overnight.", ["KYIV", "Ukraine"]),
        ("FORT BRAGG, N.C. (DVIDS) -- Paratroopers jumped.", ["FORT BRAGG", "N.C."]),
        ("BAGHDAD 2016-10-17\nIraqi forces advanced.", ["BAGHDAD"]),
        ("The minister said on Monday.", []),
    ],
)
def test_dateline_places(text: str, places: list[str]) -> None:
    assert [text[s:e] for s, e in dateline_places(text)] == places


@pytest.mark.parametrize(
    ("text", "surface", "type_"),
    [
        ("KYIV, Ukraine — Officials said the strike hit a depot.", "KYIV", "GPE"),
        (
            "HOUTHIS CLAIM STRIKE ON RED SEA TANKER\nThe Houthis said they hit a tanker in the Red Sea.",
            "RED SEA",
            "LOC",
        ),
        ("Fighters captured the Tharthar Barrage after days of fighting.", "Tharthar Barrage", "FACILITY"),
        ("ISIL attacks in Karabilah killed twelve civilians, officials said.", "Karabilah", "GPE"),
        ("Airstrikes continued near Karabilah. Karabilah was cleared four days later.", "Karabilah", "GPE"),
        ("Abu Ghadiya ran the network's logistics from Syria.", "Abu Ghadiya", "PERSON"),
    ],
)
def test_context_rules_type_spans(extractor: EntityExtractor, text: str, surface: str, type_: str) -> None:
    assert _find(extractor.extract(text), surface).type == type_


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Sanctions target the Assad regime and its backers.", "Assad regime"),
        ("Sanctions target Assad's brutal regime.", "Assad's brutal regime"),
        ("a transition away from the regime of Assad.", "regime of Assad"),
    ],
)
def test_regime_spans(text: str, span: str) -> None:
    name = text.index("Assad")
    found = regime_spans(text, name, name + len("Assad"))
    assert found is not None and text[found[0] : found[1]] == span


def test_regime_is_an_organization_not_a_person(extractor: EntityExtractor) -> None:
    result = extractor.extract("The UK will keep pressure on the Assad regime, the minister said.")
    assert _find(result, "Assad regime").type == "ORG"


def test_language_gloss_spellings_are_not_new_mentions(extractor: EntityExtractor) -> None:
    text = "The Hamrin Mountains (Arabic: Jabal Hamrin, Kurdish: Ciyaye Hemrin) are a ridge in Iraq."
    assert [text[s:e] for s, e in gloss_spans(text)] == ["(Arabic: Jabal Hamrin, Kurdish: Ciyaye Hemrin)"]
    result = extractor.extract(text)
    assert not [m for m in result.mentions if "Ciyaye" in m.text or "Jabal" in m.text]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Abboud Qanbar(Arabic: Abud), also known as Abu Haidar,[1] is an Iraqi general.", "Abboud Qanbar"),
        ("The plan was drafted by Mohan al-Freiji.[2] It was approved.", "Mohan al-Freiji"),
    ],
)
def test_model_spans_stop_at_brackets_and_reference_marks(extractor: EntityExtractor, text: str, name: str) -> None:
    assert _find(extractor.extract(text), name).type == "PERSON"


def test_demonym_of_a_titled_person_is_the_affiliation_not_a_mention(extractor: EntityExtractor) -> None:
    text = "Iraqi Prime Minister Haider al-Abadi visited Mosul. Later, Iraqi Prime Minister Haider al-Abadi left."
    result = extractor.extract(text)
    assert not [m for m in result.mentions if m.type == "NORP"]
    assert _find(result, "Haider al-Abadi").affiliation == "Iraq"


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        (
            "Division results played on Saturday, league standings after the match:\nFire 3 Rapid ( B ) 1\n"
            "Standings: goals scored\nFire 4 3 1 0 9 3 12",
            ["Fire", "Rapid ( B )", "Fire"],
        ),
        (
            "Baseball standings after games played, league leaders won the match:\nHOUSTON 72 63 .533 -\n"
            "ST LOUIS 69 65 .515 2 1/2\nHOUSTON AT ST LOUIS",
            ["HOUSTON", "ST LOUIS", "HOUSTON", "ST LOUIS"],
        ),
    ],
)
def test_team_slots_in_results_tables(text: str, slots: list[str]) -> None:
    assert sorted(text[s:e] for s, e in team_slots(text)) == sorted(slots)


def test_national_teams_stay_countries(extractor: EntityExtractor) -> None:
    text = (
        "Soccer results of the World Cup qualifier match played on Saturday: Wales beat Moldova 2-0 and "
        "the league standings after the match were updated. Wales scored two goals in the final half."
    )
    assert _find(extractor.extract(text), "Moldova").type == "GPE"


# -- weapon and platform classes (common nouns) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "type_", "canonical"),
    [
        (
            "Government helicopters dropped barrel bombs on the eastern districts overnight.",
            "barrel bombs",
            "WEAPON",
            "barrel bomb",
        ),
        ("Barrel bombs fell on two markets, the monitoring group said.", "Barrel bombs", "WEAPON", "barrel bomb"),
        (
            "Government helicopters dropped barrel bombs on the eastern districts overnight.",
            "helicopters",
            "PLATFORM",
            "military helicopter",
        ),
        (
            "Inspectors confirmed the use of chemical weapons in the northern province.",
            "chemical weapons",
            "WEAPON",
            "chemical weapon",
        ),
        ("A car bomb exploded outside the checkpoint, killing four police officers.", "car bomb", "WEAPON", "car bomb"),
        ("Engineers cleared three VBIEDs from the road into the city.", "VBIEDs", "WEAPON", "car bomb"),
        ("Patrols found IEDs buried along the supply route.", "IEDs", "WEAPON", "improvised explosive device"),
        ("The militants fired mortars at the airbase before dawn.", "mortars", "WEAPON", "mortar"),
        ("Separatist units fired artillery shells into the town.", "artillery shells", "WEAPON", "artillery shell"),
        ("Militants fired a barrage of rockets at the border town.", "rockets", "WEAPON", "rocket"),
        ("The regime tested two ballistic missiles over the sea.", "ballistic missiles", "WEAPON", "ballistic missile"),
        (
            "The destroyer shot down three cruise missiles over the Red Sea.",
            "cruise missiles",
            "WEAPON",
            "cruise missile",
        ),
        (
            "Rebels used anti-tank guided missiles against the convoy.",
            "anti-tank guided missiles",
            "WEAPON",
            "anti-tank missile",
        ),
        ("Farmers keep finding landmines in fields near the old front line.", "landmines", "WEAPON", "landmine"),
        (
            "Rights groups said cluster munitions were used in the village.",
            "cluster munitions",
            "WEAPON",
            "cluster munition",
        ),
        (
            "The army said it downed five kamikaze drones overnight.",
            "kamikaze drones",
            "WEAPON",
            "one-way attack drone",
        ),
        ("The army said its drones tracked the convoy for hours.", "drones", "PLATFORM", "drone"),
        ("Russian warplanes struck rebel positions in the south.", "warplanes", "PLATFORM", "military aircraft"),
        ("The air force scrambled fighter jets after the incursion.", "fighter jets", "PLATFORM", "fighter jet"),
        (
            "Coalition aircraft bombed the militants' headquarters.",
            "Coalition aircraft",
            "PLATFORM",
            "military aircraft",
        ),
        ("The ministry said enemy fire hit two aircraft at the airbase.", "aircraft", "PLATFORM", "military aircraft"),
        ("Troops backed by tanks advanced on the town.", "tanks", "PLATFORM", "tank"),
        (
            "The brigade lost several armoured vehicles in the assault.",
            "armoured vehicles",
            "PLATFORM",
            "armored vehicle",
        ),
        ("The navy sent two warships and a submarine to the strait.", "warships", "PLATFORM", "warship"),
        ("The navy sent two warships and a submarine to the strait.", "submarine", "PLATFORM", "submarine"),
    ],
)
def test_weapon_and_platform_classes(
    extractor: EntityExtractor, text: str, surface: str, type_: str, canonical: str
) -> None:
    result = extractor.extract(text)
    mention = _find(result, surface)
    assert mention.type == type_
    entity = _entity(result, mention.entity_id)
    assert entity.canonical_name == canonical
    assert entity.subtype == ("weapon_class" if type_ == "WEAPON" else "platform_class")
    assert mention.entity_id == (entity.wikidata_id or entity_id(type_, canonical))


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("The airline ordered 40 commercial aircraft from the European planemaker.", "aircraft"),
        ("Students launched model rockets at the science fair.", "rockets"),
        ("The fuel tanks at the depot were refilled on Tuesday.", "tanks"),
        ("A news helicopter filmed the flooding downtown.", "helicopter"),
        ("The company repaired a submarine cable in the Baltic Sea.", "submarine"),
        ("Delivery drones will serve three suburbs from next year.", "drones"),
        ("The bricklayer mixed mortar for the new wall.", "mortar"),
        ("Two suicide bombers blew themselves up at the market.", "bombers"),
        ("The think tanks published a report on housing.", "tanks"),
    ],
)
def test_class_nouns_outside_military_context_are_not_mentions(
    extractor: EntityExtractor, text: str, surface: str
) -> None:
    result = extractor.extract(text)
    assert not [m for m in result.mentions if surface in m.text and m.type in ("WEAPON", "PLATFORM")]


@pytest.mark.parametrize(
    ("text", "named", "canonical"),
    [
        ("Ukraine's Patriot missiles intercepted the attack.", "Patriot missiles", None),
        ("Russia fired Kalibr cruise missiles at the port.", "Kalibr cruise missiles", None),
        ("The regiment received new Javelin missiles and Stinger missiles.", "Javelin missiles", "FGM-148 Javelin"),
        ("Iran supplied Shahed drones to Russia's army.", "Shahed drones", "Shahed-136"),
    ],
)
def test_class_nouns_never_override_named_systems(
    extractor: EntityExtractor, text: str, named: str, canonical: str | None
) -> None:
    result = extractor.extract(text)
    mention = _find(result, named)
    entity = _entity(result, mention.entity_id)
    assert entity.subtype not in ("weapon_class", "platform_class")
    if canonical:
        assert entity.canonical_name == canonical
    assert not any(e.subtype in ("weapon_class", "platform_class") for e in result.entities)


def test_class_mentions_share_one_entity_across_forms(extractor: EntityExtractor) -> None:
    result = extractor.extract("Helicopters dropped a barrel bomb on the hospital; more barrel bombs fell later.")
    ids = {m.entity_id for m in result.mentions if m.text in ("barrel bomb", "barrel bombs")}
    assert len(ids) == 1
