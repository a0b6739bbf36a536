"""Entity rules read from wire news outside every gold set (TimeBank's AQUAINT texts, issue #16): wire credits
in datelines, one person written with and without a middle initial, place names split at a particle."""

from __future__ import annotations

import functools
from dataclasses import replace

import pytest
from entity_helpers import candidate, found as _found

from transforms.entities.coreference import Candidate, surnames_as_people
from transforms.entities.entity_types import retype
from transforms.entities.event_names import award_words, places_in_event_names
from transforms.entities.gazetteer import Entry
from transforms.entities.mentions import EntityExtractor
from transforms.entities.ner import DEFAULT_MODEL, model_available
from transforms.entities.other_languages import english, trusted_span
from transforms.entities.short_names import org_short_names
from transforms.entities.split_places import rejoin_places
from transforms.entities.wire_credits import wire_credits

needs_model = pytest.mark.skipif(not model_available(DEFAULT_MODEL), reason="entity model not installed")


@pytest.fixture(scope="module")
def extractor() -> EntityExtractor:
    return EntityExtractor()


def test_a_wire_credit_closes_a_dateline() -> None:
    text = (
        "LUSAKA, Zambia (AP) _ Rain fell.\nMOMBASA (Reuters) - Ships sailed.\nTroops fired AP (armor-piercing) rounds."
    )
    assert [name for _, _, name in wire_credits(text)] == ["Associated Press", "Reuters"]


@needs_model
def test_the_credit_is_the_agency(extractor: EntityExtractor) -> None:
    found = _found(extractor, "LUSAKA, Zambia (AP) _ The finance minister resigned on Friday.")
    assert found["AP"] == ("ORG", "Associated Press")


@needs_model
def test_a_middle_initial_does_not_make_another_person(extractor: EntityExtractor) -> None:
    result = extractor.extract(
        "Police said Martin Oduya left the city. Martin K. Oduya was charged on Monday, and Oduya denied it."
    )
    ids = {m.text: m.entity_id for m in result.mentions if m.type == "PERSON"}
    assert ids["Martin Oduya"] == ids["Martin K. Oduya"] == ids["Oduya"]


@needs_model
def test_two_different_middle_initials_stay_two_people(extractor: EntityExtractor) -> None:
    result = extractor.extract("Judge Martin K. Oduya and his brother Martin L. Oduya spoke in Nairobi.")
    ids = {m.text: m.entity_id for m in result.mentions if m.type == "PERSON"}
    assert ids["Martin K. Oduya"] != ids["Martin L. Oduya"]


@needs_model
def test_a_father_and_son_with_one_middle_initial_fewer_stay_two_people(extractor: EntityExtractor) -> None:
    result = extractor.extract("Martin K. L. Oduya founded the firm in 1980; Martin L. Oduya, his son, runs it.")
    ids = {m.text: m.entity_id for m in result.mentions if m.type == "PERSON"}
    assert ids["Martin K. L. Oduya"] != ids["Martin L. Oduya"]


@needs_model
def test_a_place_split_at_its_particle_is_one_place(extractor: EntityExtractor) -> None:
    found = _found(extractor, "Envoys flew from Dar es Salaam to Rio de Janeiro on Tuesday.")
    assert found["Dar es Salaam"] == ("GPE", "Dar es Salaam")
    assert found["Rio de Janeiro"] == ("GPE", "Rio de Janeiro")
    assert "Dar" not in found and "Salaam" not in found


@needs_model
def test_a_given_name_alone_is_the_one_person_of_that_name(extractor: EntityExtractor) -> None:
    result = extractor.extract(
        "Tomas Ferrante met his uncle Luis Alberto Ferrante in Lima. Tomas smiled, and Luis Alberto waved."
    )
    entities = {e.entity_id: e.canonical_name for e in result.entities}
    names = {m.text: entities.get(m.entity_id or "") for m in result.mentions if m.type == "PERSON"}
    assert names["Tomas"] == "Tomas Ferrante"
    assert names["Luis Alberto"] == "Luis Alberto Ferrante"


@needs_model
def test_a_given_name_shared_by_two_people_stays_alone(extractor: EntityExtractor) -> None:
    result = extractor.extract("Tomas Ferrante and Tomas Okafor spoke in Lima on Monday. Tomas left early.")
    entities = {e.entity_id: e.canonical_name for e in result.entities}
    lone = [entities.get(m.entity_id or "") for m in result.mentions if m.text == "Tomas"]
    assert lone and all(name == "Tomas" for name in lone)


def test_a_hyphenated_place_split_at_its_particle_is_rejoined() -> None:
    text = "Bombs hit Dar-es-Salaam, Tanzania."
    city = Entry(entity_id="E-dar", name="Dar es Salaam", type="GPE", subtype="city", country="TZA")
    a = Candidate(start=10, end=13, type="GPE", method="model", rank="model")
    b = Candidate(start=17, end=23, type="GPE", method="model", rank="model")
    joined = rejoin_places(text, [a, b], lambda s: city if s == "Dar es Salaam" else None)
    assert [(text[c.start : c.end], c.entry) for c in joined] == [("Dar-es-Salaam", city)]


def test_two_places_around_a_particle_that_name_no_place_stay_two() -> None:
    text = "Trains ran from Lyon to Paris."
    a = Candidate(start=16, end=20, type="GPE", method="model", rank="model")
    b = Candidate(start=24, end=29, type="GPE", method="model", rank="model")
    assert rejoin_places(text, [a, b], lambda _: None) == [a, b]


def test_a_place_reading_of_a_name_whose_surname_stands_alone_is_a_person() -> None:
    text = "Foreign Minister Wojciech Brzeska arrived. Reporters asked Brzeska about Las Vegas Sands."
    full = Candidate(start=17, end=33, type="GPE", method="model", rank="model")
    alone = Candidate(start=59, end=66, type="PERSON", method="model", rank="model")
    assert [c.type for c in retype(text, [full, alone], lambda _: None)] == ["PERSON", "PERSON"]


@needs_model
def test_states_that_no_longer_exist_are_places_with_their_wikidata_item(extractor: EntityExtractor) -> None:
    result = extractor.extract(
        "The radar was built in the Soviet Union and sold to Yugoslavia. After the USSR broke up, Belgrade kept it."
    )
    entities = {e.entity_id: e for e in result.entities}
    by_text = {m.text: entities[m.entity_id] for m in result.mentions if m.entity_id in entities}
    assert by_text["Soviet Union"].type == "GPE" and by_text["Soviet Union"].wikidata_id == "Q15180"
    assert by_text["USSR"].entity_id == by_text["Soviet Union"].entity_id
    assert by_text["Yugoslavia"].type == "GPE" and by_text["Yugoslavia"].country is None


def test_a_surname_the_model_typed_otherwise_is_the_person_named_in_full() -> None:
    text = "Richard De Fatta spoke. De Fatta said the Washington office agreed, as George Washington would."

    cand = functools.partial(candidate, text)

    capital = Entry("Q61", "Washington, D.C.", "GPE", "city", "USA")
    chosen = [
        cand("Richard De Fatta", "PERSON"),
        cand("De Fatta", "ORG", at=20),
        cand("Washington", "GPE", entry=capital),
        cand("George Washington", "PERSON"),
    ]
    retyped = [(text[c.start : c.end], c.type) for c in surnames_as_people(text, chosen)]
    assert retyped[1] == ("De Fatta", "PERSON")
    assert retyped[2] == ("Washington", "GPE")  # a name the gazetteer knows stays what it is


@needs_model
def test_a_town_in_a_list_of_port_visits_is_a_town_of_its_country(extractor: EntityExtractor) -> None:
    result = extractor.extract(
        "The ship made port visits to Chennai, India; Abu Dhabi, United Arab Emirates; Hamad, Qatar; and "
        "Duqm, Oman. Ali Hassan, Iraq's envoy, met the crew."
    )
    entities = {e.entity_id: e for e in result.entities}
    places = {m.text: entities[m.entity_id].country for m in result.mentions if m.type == "GPE"}
    assert places["Abu Dhabi"] == "ARE" and places["Hamad"] == "QAT" and places["Duqm"] == "OMN"
    assert "Ali Hassan" not in places


@needs_model
def test_a_place_that_opens_the_name_of_an_award_or_cup_is_no_mention(extractor: EntityExtractor) -> None:
    found = _found(
        extractor,
        "She won the Africa Movie Academy Award. Serena won the U.S. Open, and the Asia Cup went to India. "
        "Troops in Africa trained.",
    )
    places = [m.start for m in extractor.extract("She won the Africa Movie Academy Award.").mentions]
    assert places == []
    assert "U.S." not in found and "Asia" not in found
    assert found["India"][0] == "GPE" and found["Africa"][0] == "LOC"  # the place named on its own stays


def test_the_model_names_of_an_award_and_its_category_are_no_mentions() -> None:
    text = (
        "Sgt. Ada Reyes received the Harbour Valor Medal and her unit the Fleet Readiness Excellence Award for "
        "Best Depot in a Coastal Region, given by the Navy."
    )
    cand = functools.partial(candidate, text)
    chosen = [
        cand("Ada Reyes", "PERSON"),
        cand("Harbour Valor Medal", "ORG"),
        cand("Fleet Readiness", "ORG"),  # cut before the rest of the award's name
        cand("Best Depot", "ORG"),
        cand("Coastal Region", "LOC"),
        cand("Navy", "ORG", entry=Entry("navy", "U.S. Navy", "ORG")),
    ]
    kept = [text[c.start : c.end] for c in award_words(text, chosen)]
    assert kept == ["Ada Reyes", "Navy"]


def test_a_known_body_inside_an_award_name_stays() -> None:
    text = "She received the Army Achievement Medal."
    army = candidate(text, "Army", "ORG", entry=Entry("army", "U.S. Army", "ORG"))
    assert award_words(text, [army]) == [army]


def test_a_place_that_ends_a_title_opened_by_a_verb_is_no_mention() -> None:
    text = "He made two films, including Killing Gaza. Visiting Kabul, she spoke of Gaza and Beijing."

    cand = functools.partial(candidate, text, method="gazetteer")

    first_gaza = cand("Gaza", "GPE")
    kept = [cand("Kabul", "GPE"), cand("Gaza", "GPE", first_gaza.end), cand("Beijing", "GPE")]
    assert places_in_event_names(text, [first_gaza, *kept]) == kept


def test_the_given_name_of_the_one_person_so_named_is_that_person() -> None:
    text = "Michèle Flournoy spoke. Michèle made clear her plans. Mark Lee and Mark Cho met; Mark left."

    cand = functools.partial(candidate, text)

    chosen = [
        cand("Michèle Flournoy", "PERSON"),
        cand("Michèle", "GPE", at=20),
        cand("Mark Lee", "PERSON"),
        cand("Mark Cho", "PERSON"),
        cand("Mark", "ORG", at=70),
    ]
    retyped = [(text[c.start : c.end], c.type) for c in surnames_as_people(text, chosen)]
    assert retyped[1] == ("Michèle", "PERSON")
    assert retyped[4] == ("Mark", "ORG")  # two people named Mark: which one is not known


@needs_model
def test_a_short_name_defined_in_quotes_is_the_company(extractor: EntityExtractor) -> None:
    result = extractor.extract(
        'Harborline Group completed its purchase of Keswick Marine Systems, Inc. ("Keswick"). '
        "Keswick builds sonar domes, and Keswick's revenue grew."
    )
    ids = {m.text: m.entity_id for m in result.mentions}
    types = {m.text: m.type for m in result.mentions}
    assert types["Keswick"] == "ORG"
    assert ids["Keswick"] == ids["Keswick Marine Systems, Inc."]  # the legal form is part of the mention


def test_a_town_that_opens_a_false_two_word_person_stays_a_town() -> None:
    text = "The Cookville Fire department raised funds at the fire station in Cookville."

    cand = functools.partial(candidate, text)

    chosen = [cand("Cookville Fire", "PERSON"), cand("Cookville", "GPE", at=20)]
    assert [c.type for c in surnames_as_people(text, chosen)] == ["PERSON", "GPE"]  # "fire" is a common word here


@needs_model
def test_a_common_word_that_opens_a_quote_in_backquotes_is_no_name(extractor: EntityExtractor) -> None:
    found = _found(extractor, "``Together, we will win,'' Albright said. ``Ultimately, it is theirs,'' she added.")
    assert "Together" not in found and "Ultimately" not in found
    assert found["Albright"][0] == "PERSON"


@needs_model
def test_a_council_named_with_a_hyphen_over_a_known_name_is_one_organization(extractor: EntityExtractor) -> None:
    found = _found(extractor, "Ministers met at the NATO-Russia Council in Brussels. Russia objected, NATO said.")
    assert found["NATO-Russia Council"][0] == "ORG"
    assert found["Russia"][0] == "GPE" and found["NATO"][0] == "ORG"  # named on their own, they stay


def test_in_another_language_only_the_models_people_in_full_are_kept() -> None:
    text = "Asimismo, el juez José de la Torre citó a Marta Ruiz en Sevilla. Rey de la casa."

    model = functools.partial(candidate, text)

    assert trusted_span(text, model("José de la Torre", "PERSON")) and trusted_span(text, model("Marta Ruiz", "PERSON"))
    assert not trusted_span(text, model("Asimismo", "GPE")) and not trusted_span(text, model("Rey de", "PERSON"))
    assert not trusted_span(text, model("Sevilla", "GPE"))  # a place the gazetteers do not know: left out
    assert english(None) and english("en") and not english("es")


@needs_model
def test_a_spanish_article_keeps_its_people_and_known_places(extractor: EntityExtractor) -> None:
    text = "Asimismo, el juez José Castro citó a Cristina de Borbón en Madrid. Esta semana declaró."
    found = {(m.text, m.type) for m in extractor.extract(text, "es").mentions}
    assert {("José Castro", "PERSON"), ("Madrid", "GPE")} <= found
    assert not {m for m in found if m[0] in ("Asimismo", "Esta", "Cristina")}  # the English model's misreadings


def test_an_organization_called_by_its_first_or_last_words_is_that_organization() -> None:
    text = (
        "Harbor Vale Sands bought a hotel. Sands paid cash. Kestrel Marine Corp. sued, and Kestrel won. "
        "The Carrow Composite fell as Carrow rose."
    )
    chosen = [
        candidate(text, "Harbor Vale Sands", "ORG"),
        candidate(text, "Sands", "ORG", text.index("paid") - 6),
        candidate(text, "Kestrel Marine Corp.", "ORG"),
        candidate(text, "Kestrel", "ORG", text.index("won") - 8),
        candidate(text, "Carrow Composite", "ORG"),
        candidate(text, "Carrow", "ORG", text.index("rose") - 7),
    ]
    out = org_short_names(text, chosen, _lookup)
    assert out[1].canonical == "Harbor Vale Sands"
    assert out[3].canonical == "Kestrel Marine Corp."
    assert out[5] == chosen[5]  # a market index is not the company


def test_a_short_name_that_ends_a_span_holding_another_name_stays_itself() -> None:
    text = "Delegates at the Review Conference of the Halden Convention praised the Halden Convention."
    chosen = [
        candidate(text, "Review Conference of the Halden Convention", "ORG"),
        candidate(text, "Halden Convention", "ORG", text.index("praised")),
    ]
    assert org_short_names(text, chosen, _lookup) == chosen


def test_an_organization_named_by_its_head_noun_is_not_its_office_but_is_its_company() -> None:
    text = "The Tern Fires Command Project Office met the Tern Fires Command. Orla Group Inc. said Orla Group won."
    chosen = [
        candidate(text, "Tern Fires Command Project Office", "ORG"),
        candidate(text, "Tern Fires Command", "ORG", text.index("met")),
        candidate(text, "Orla Group Inc.", "ORG"),
        candidate(text, "Orla Group", "ORG", text.index("said")),
    ]
    out = org_short_names(text, chosen, _lookup)
    assert out[1] == chosen[1]
    assert out[3].canonical == "Orla Group Inc."


_BRENMOOR = Entry("E-brenmoor", "Brenmoor", "GPE", "city", "GBR")
_TALLIS = Entry("E-tallis", "Tallis University", "ORG", "university", "GBR", aliases=("Tallis",), weak=("Tallis",))


def _lookup(name: str) -> Entry | None:
    """The gazetteer of these tests: one town and one university, called by its first word."""
    return {"Brenmoor": _BRENMOOR, "Tallis": _TALLIS}.get(name)


def test_a_short_name_the_gazetteer_knows_is_its_organization_not_the_longer_one() -> None:
    text = "She teaches at Tallis Law School. Tallis said the Orla Group Inc. paid; Orla denied it."
    chosen = [
        candidate(text, "Tallis Law School", "ORG"),
        candidate(text, "Tallis", "PERSON", text.index("said") - 7),
        candidate(text, "Orla Group Inc.", "ORG"),
        candidate(text, "Orla", "ORG", text.index("denied") - 5),
    ]
    out = org_short_names(text, chosen, _lookup)
    assert (out[1].type, out[1].entry) == ("ORG", _TALLIS)
    assert out[3].canonical == "Orla Group Inc."


def test_a_model_person_or_unknown_place_that_begins_a_company_name_is_the_company() -> None:
    text = (
        "Talvik Mining Ltd and Brenmoor Holdings Plc bid. Talvik rose. Gorsey Rovers FC lost; Gorsey said so. "
        "Quenby Aggregates Plc fell; Quenby cut jobs. Brenmoor fell. Hapoel Ostra won in Ostra."
    )
    chosen = [
        candidate(text, "Talvik Mining Ltd", "ORG"),
        candidate(text, "Brenmoor Holdings Plc", "ORG"),
        candidate(text, "Talvik", "PERSON", text.index("rose") - 7),
        candidate(text, "Gorsey Rovers FC", "ORG"),
        candidate(text, "Gorsey", "PERSON", text.index("said") - 7),
        candidate(text, "Quenby Aggregates Plc", "ORG"),
        candidate(text, "Quenby", "GPE", text.index("cut") - 7),
        candidate(text, "Brenmoor", "GPE", text.index("fell.") - 9),
        candidate(text, "Hapoel Ostra", "ORG"),
        candidate(text, "Ostra", "GPE", len(text) - 6),
    ]
    out = org_short_names(text, chosen, _lookup)
    assert (out[2].type, out[2].canonical) == ("ORG", "Talvik Mining Ltd")
    assert (out[4].type, out[4].canonical) == ("ORG", "Gorsey Rovers FC")
    assert (out[6].type, out[6].canonical) == ("ORG", "Quenby Aggregates Plc")
    assert out[7] == chosen[7]  # a known place keeps its reading
    assert out[9] == chosen[9]  # a place that ends a name is the place


def test_a_person_named_with_a_title_elsewhere_is_not_an_organization_named_after_them() -> None:
    text = "President Harlow founded NATO. The Harlow Memorial Library Inc. holds Harlow's papers."
    titled = replace(candidate(text, "Harlow", "PERSON", 10), title="President")
    chosen = [
        titled,
        candidate(text, "Harlow Memorial Library Inc.", "ORG"),
        candidate(text, "Harlow", "PERSON", text.index("papers") - 10),
    ]
    assert org_short_names(text, chosen, _lookup) == chosen


def test_a_head_noun_alone_is_left_to_the_head_noun_rule() -> None:
    text = "The CIA paid an Orvan Security Agency team; the Agency denied it."
    chosen = [
        candidate(text, "Orvan Security Agency", "ORG"),
        candidate(text, "Agency", "ORG", text.index("denied") - 7),
    ]
    assert org_short_names(text, chosen, _lookup) == chosen


def test_a_short_name_of_two_organizations_or_of_a_person_stays_itself() -> None:
    text = "Orrin Labs and Orrin Foods merged; Orrin said so. Dana Pell met Pell Group. Pell spoke."
    chosen = [
        candidate(text, "Orrin Labs", "ORG"),
        candidate(text, "Orrin Foods", "ORG"),
        candidate(text, "Orrin", "ORG", text.index("said") - 6),
        candidate(text, "Dana Pell", "PERSON"),
        candidate(text, "Pell Group", "ORG"),
        candidate(text, "Pell", "ORG", text.index("spoke") - 5),
    ]
    assert org_short_names(text, chosen, _lookup) == chosen


@pytest.mark.parametrize("name", ["Talvik Global S.L.", "Orrin Marine Oyj", "Pell Holdings LLC", "Quenby Freight B.V."])
def test_a_name_ending_in_a_legal_form_is_an_organization(name: str) -> None:
    text = f"The contract went to {name} last year."
    out = retype(text, [candidate(text, name, "PERSON")], lambda s: None)
    assert out[0].type == "ORG"


def test_a_name_the_model_types_an_organization_twice_as_often_is_one_everywhere() -> None:
    text = "Tarvin rose. Tarvin fell. Tarvin said so. Ostrava Kell met Ostrava Kell."
    chosen = [
        candidate(text, "Tarvin", "ORG"),
        candidate(text, "Tarvin", "ORG", text.index("fell") - 7),
        candidate(text, "Tarvin", "PERSON", text.index("said") - 7),
        candidate(text, "Ostrava Kell", "ORG"),
        candidate(text, "Ostrava Kell", "PERSON", text.index("met")),
    ]
    out = retype(text, chosen, lambda s: None)
    assert [c.type for c in out] == ["ORG", "ORG", "ORG", "ORG", "PERSON"]  # one vote is no majority


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Jets and the aircraft carrier Harlan T. Moss are headed to the Gulf.", "Harlan T. Moss", "PLATFORM"),
        ("It will replace the carrier Dana Whitcombe, on patrol since March.", "Dana Whitcombe", "PLATFORM"),
        ("Shares of the Dutch carrier Avalo rose.", "Avalo", "PERSON"),  # an airline's one word stays the model's
    ],
)
def test_a_name_after_a_ship_kind_is_the_ship(text: str, name: str, kind: str) -> None:
    out = retype(text, [candidate(text, name, "PERSON")], lambda s: None)
    assert out[0].type == kind


def test_a_person_whose_surname_is_a_head_noun_stays_a_person() -> None:
    text = "Ilse Hill spoke first. Hill said the talks went well. Tomas Church waited at Quarry Hill."
    chosen = [
        candidate(text, "Ilse Hill", "PERSON"),
        candidate(text, "Hill", "PERSON", text.index("said") - 5),
        candidate(text, "Tomas Church", "PERSON"),
        candidate(text, "Quarry Hill", "PERSON"),
    ]
    out = retype(text, chosen, lambda s: None)
    assert [(text[c.start : c.end], c.type) for c in out] == [
        ("Ilse Hill", "PERSON"),  # the article calls her "Hill"
        ("Hill", "PERSON"),
        ("Tomas Church", "FACILITY"),  # nothing tells a person: the head noun decides
        ("Quarry Hill", "LOC"),
    ]


def test_a_titled_name_that_ends_in_a_head_noun_is_a_person(extractor: EntityExtractor) -> None:
    found = _found(
        extractor, "Lt. Gen. Oren Post and Sen. Tomas Church met Vice Adm. Ruth Vale, commander, Submarine Forces."
    )
    assert found.get("Oren Post", ("", ""))[0] == "PERSON"
    assert found.get("Tomas Church", ("", ""))[0] == "PERSON"
    assert found.get("Submarine Forces", ("ORG", ""))[0] != "PERSON"  # an office's body after a comma


def test_a_street_word_used_alone_is_no_surname() -> None:
    text = "Signs read Corran Drive. Residents use 'Drive' instead of 'Street' on Corran Drive."
    chosen = [
        candidate(text, "Corran Drive", "PERSON"),
        candidate(text, "Drive", "PERSON", text.index("'Drive'") + 1),
    ]
    assert [c.type for c in retype(text, chosen, lambda s: None)][0] == "FACILITY"
