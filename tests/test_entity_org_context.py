"""Model places and people that the words around them show are organizations (``org_context``)."""

from __future__ import annotations

from entity_helpers import candidate

from transforms.entities.acronyms import quoted_short_names
from transforms.entities.gazetteer import Entry, entity_id
from transforms.entities.org_context import orgs_by_context


def _read(text: str, chosen: list) -> list[tuple[str, str]]:
    return [(text[c.start : c.end], c.type) for c in orgs_by_context(text, chosen)]


def test_a_place_listed_after_a_class_noun_and_such_as_is_an_organization_in_every_mention() -> None:
    text = "Monitoring is done by NGOs such as Dar-Selim, and a lawyer at Dar-Selim in Tarnow said so."
    chosen = [
        candidate(text, "Dar-Selim", "GPE", text.index("lawyer")),
        candidate(text, "Tarnow", "GPE"),
    ]
    assert _read(text, chosen) == [("Dar-Selim", "ORG"), ("Tarnow", "GPE")]


def test_a_name_after_a_class_noun_or_described_as_one_is_an_organization() -> None:
    text = "The rights group Velmora sued. Osk Vantar, a small arms manufacturer based in Ulm, denied it."
    chosen = [candidate(text, "Velmora", "GPE"), candidate(text, "Osk Vantar", "PERSON"), candidate(text, "Ulm", "GPE")]
    assert _read(text, chosen) == [("Velmora", "ORG"), ("Osk Vantar", "ORG"), ("Ulm", "GPE")]


def test_a_person_described_by_a_phrase_where_the_class_noun_does_not_end_it_stays_a_person() -> None:
    text = "Dana Rusk, a former company executive, and Lio Marr, the group leader, spoke in Tarnow."
    chosen = [candidate(text, "Dana Rusk", "PERSON"), candidate(text, "Lio Marr", "PERSON")]
    assert _read(text, chosen) == [("Dana Rusk", "PERSON"), ("Lio Marr", "PERSON")]


def test_a_gazetteer_place_or_a_titled_person_is_not_retyped() -> None:
    town = Entry("E-tarnow", "Tarnow", "GPE", "city", "POL")
    text = "Firms such as Tarnow and companies like Gen. Rusk's were named."
    chosen = [candidate(text, "Tarnow", "GPE", entry=town, method="gazetteer")]
    assert _read(text, chosen) == [("Tarnow", "GPE")]


def test_a_business_trimmed_after_the_legal_form_is_named_without_the_form() -> None:
    text = "Orion Holdings bought the Brisk Marine Corp. Business this year."
    chosen = orgs_by_context(text, [candidate(text, "Brisk Marine Corp. Business", "ORG")])
    assert [(text[c.start : c.end], c.canonical) for c in chosen] == [("Brisk Marine Corp.", "Brisk Marine")]


def test_a_short_name_quoted_after_a_business_binds_to_the_company() -> None:
    text = 'Orion bought the Brisk Marine, Inc. Business ("Brisk") in May. Brisk employs 300 welders.'
    named = candidate(text, "Brisk Marine, Inc.", "ORG")
    later = candidate(text, "Brisk", "PERSON", text.index("Brisk employs"))
    out = quoted_short_names(text, [named, later])
    assert [(text[c.start : c.end], c.type) for c in out][-1] == ("Brisk", "ORG")


def test_the_class_word_and_a_word_after_the_legal_form_are_trimmed_off_an_organization() -> None:
    text = "The NGO Velmora Watch, the NGOs Aster Aid and the Brisk Marine Corp. Business agreed."
    chosen = [
        candidate(text, "NGO Velmora Watch", "ORG"),
        candidate(text, "NGOs Aster Aid", "ORG"),
        candidate(text, "Brisk Marine Corp. Business", "ORG"),
    ]
    assert _read(text, chosen) == [("Velmora Watch", "ORG"), ("Aster Aid", "ORG"), ("Brisk Marine Corp.", "ORG")]


def test_a_span_running_from_a_legal_form_into_a_town_is_the_company_and_the_town() -> None:
    text = "The award went to Brisk Marine Co of Tarnow, Ohio, not to Velm Corp. of America."
    chosen = [
        candidate(text, "Brisk Marine Co of Tarnow, Ohio", "GPE"),
        candidate(text, "Velm Corp. of America", "ORG"),
    ]
    assert _read(text, chosen) == [
        ("Brisk Marine Co", "ORG"),
        ("Tarnow, Ohio", "GPE"),
        ("Velm Corp. of America", "ORG"),
    ]


def test_a_cause_group_joins_its_members_word_but_service_members_do_not() -> None:
    text = "Veterans for Lasting Calm and Valdorians Against Velmora sued. Soldiers for Task Force Orrin ate."
    chosen = [
        candidate(text, "Lasting Calm", "ORG"),
        candidate(text, "Valdorians", "NORP"),
        candidate(text, "Velmora", "ORG"),
        candidate(text, "Task Force Orrin", "ORG"),
    ]
    assert _read(text, chosen) == [
        ("Veterans for Lasting Calm", "ORG"),
        ("Valdorians Against Velmora", "ORG"),
        ("Task Force Orrin", "ORG"),
    ]


def test_a_company_span_run_into_its_town_is_the_company_and_the_town() -> None:
    # the model's span ends at the town; the region after its comma says it is one
    text = "The contract went to Harlan Construction Co of Spokane, Washington, on Monday."
    chosen = [candidate(text, "Harlan Construction Co of Spokane", "ORG")]
    assert _read(text, chosen) == [("Harlan Construction Co", "ORG"), ("Spokane", "GPE")]
    one = "Peanut Corp. of America said."  # no town and region after "of": one name
    assert _read(one, [candidate(one, "Peanut Corp. of America", "ORG")]) == [("Peanut Corp. of America", "ORG")]


def test_a_company_span_run_into_a_known_city_is_the_company_and_the_city() -> None:
    text = "The contract was awarded Harlan Construction Co of Spokane. Work will start in May."
    spokane = Entry(entity_id("GPE", "Spokane, Washington"), "Spokane, Washington", "GPE", subtype="city")
    chosen = [candidate(text, "Harlan Construction Co of Spokane", "ORG")]
    read = orgs_by_context(text, chosen, lambda name: spokane if name == "Spokane" else None)
    assert [(text[c.start : c.end], c.type, c.entry) for c in read] == [
        ("Harlan Construction Co", "ORG", None),
        ("Spokane", "GPE", spokane),
    ]
    assert _read(text, chosen) == [("Harlan Construction Co of Spokane", "ORG")]  # no city known: one name
