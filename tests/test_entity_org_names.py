"""ORG canonical names in context (issue #16, third round): each rule on sentences written for the test."""

from __future__ import annotations

import pytest
from entity_helpers import found as _found

from transforms.entities.acronyms import find_definitions
from transforms.entities.mentions import EntityExtractor
from transforms.entities.ner import DEFAULT_MODEL, model_available

pytestmark = pytest.mark.skipif(not model_available(DEFAULT_MODEL), reason="entity model not installed")


@pytest.fixture(scope="module")
def extractor() -> EntityExtractor:
    return EntityExtractor()


def test_a_service_named_in_a_title_standing_alone_is_that_service(extractor: EntityExtractor) -> None:
    text = (
        "The U.S. Army ordered new radios for its brigades in Texas. The Assistant Secretary of the Army said "
        "the first sets would reach soldiers next spring."
    )
    found = _found(extractor, text)
    army = [s for s, (t, name) in found.items() if t == "ORG" and name == "U.S. Army"]
    assert "Army" in army
    assert "Assistant Secretary of the Army" not in found


def test_a_service_in_a_lowercase_title_after_a_name_is_that_service(extractor: EntityExtractor) -> None:
    text = (
        "The U.S. Air Force will test the new engine in Ohio, said Jane Rowley, assistant secretary of the "
        "Air Force for Acquisition, Technology and Logistics."
    )
    found = _found(extractor, text)
    assert found.get("Air Force") == ("ORG", "U.S. Air Force")
    assert found.get("Jane Rowley", ("", ""))[0] == "PERSON"


def test_a_chief_of_staff_title_names_the_service_without_a_person(extractor: EntityExtractor) -> None:
    text = "The Army will buy new trucks, the Chief of Staff of the Army told lawmakers in Washington on Tuesday."
    result = extractor.extract(text)
    army = [m for m in result.mentions if m.text == "Army"]
    assert len(army) == 2 and all(m.type == "ORG" for m in army)
    assert not [m for m in result.mentions if m.type == "PERSON"]


def test_two_acronyms_in_parentheses_define_an_office_of_a_command() -> None:
    text = (
        "Engineers from Naval Air Systems Command Fleet Readiness Center (NAVAIR FRC) repaired the engines. "
        "NAVAIR FRC will train new mechanics in Florida."
    )
    found = {(d.short, d.long) for d in find_definitions(text)}
    assert ("NAVAIR FRC", "Naval Air Systems Command Fleet Readiness Center") in found


def test_a_later_use_of_a_two_part_acronym_is_the_long_name(extractor: EntityExtractor) -> None:
    text = (
        "Engineers from Naval Air Systems Command Fleet Readiness Center (NAVAIR FRC) repaired the engines. "
        "NAVAIR FRC will train new mechanics in Florida next year."
    )
    found = _found(extractor, text)
    assert found.get("NAVAIR FRC") == ("ORG", "Naval Air Systems Command Fleet Readiness Center")


def test_parentheses_with_a_capitalised_phrase_are_not_an_acronym() -> None:
    text = "The drill moved to the Baltic Sea (BALTOPS Phase) after a storm hit the first site."
    assert not find_definitions(text)


def test_a_title_case_headline_phrase_is_not_a_name(extractor: EntityExtractor) -> None:
    text = "Marines Train With Allied Partners Among Desert Dunes\n\nThe Marines trained in the desert near Yuma."
    found = _found(extractor, text)
    assert found.get("Yuma") == ("GPE", "Yuma")
    assert not [s for s in found if "With" in s.split() or "Among" in s.split()]


def test_a_name_holding_without_is_kept(extractor: EntityExtractor) -> None:
    text = "The charity Doctors Without Borders opened a clinic in Gaza City, said Jane Rowley of the U.N."
    found = _found(extractor, text)
    assert any("Borders" in s for s, (t, _) in found.items() if t == "ORG")


def test_a_command_acronym_followed_by_a_region_is_its_regional_office(extractor: EntityExtractor) -> None:
    text = (
        "Naval Facilities Engineering Systems Command (NAVFAC) Southwest awarded a pier contract in San Diego. "
        "NAVFAC Southwest expects the work to end in 2027."
    )
    found = _found(extractor, text)
    office = ("ORG", "Naval Facilities Engineering Systems Command Southwest")
    assert found.get("NAVFAC Southwest") == office
    assert found.get("Naval Facilities Engineering Systems Command (NAVFAC) Southwest") == office
    assert "Southwest" not in found


def test_a_region_word_before_another_name_is_not_taken() -> None:
    from transforms.entities.coreference import Candidate
    from transforms.entities.regional_offices import with_region

    text = "Sailors of Submarine Group West Coast units and of Submarine Group East met in the Pacific."
    a, b = text.index("Submarine"), text.rindex("Submarine")
    first = Candidate(start=a, end=a + 15, type="ORG", method="rule", rank="rule", canonical="Submarine Group")
    second = Candidate(start=b, end=b + 15, type="ORG", method="rule", rank="rule", canonical="Submarine Group")
    out = with_region(text, [first, second], frozenset({"Group"}))
    assert [(text[c.start : c.end], c.canonical) for c in out] == [
        ("Submarine Group", "Submarine Group"),
        ("Submarine Group East", "Submarine Group East"),
    ]


def test_a_model_span_of_a_known_commands_initials_and_a_region_is_named_by_both() -> None:
    from transforms.entities.coreference import Candidate
    from transforms.entities.gazetteer import Entry
    from transforms.entities.regional_offices import with_region

    command = Entry("E-orvcom", "Orvik Engineering Systems Command", "ORG", "command", "USA", aliases=("ORVCOM",))
    text = "ORVCOM Northwest awarded the contract; ORVLAB Northwest did not."
    spans = [("ORVCOM Northwest", 0), ("ORVLAB Northwest", text.index("ORVLAB"))]
    chosen = [Candidate(start=a, end=a + len(s), type="ORG", method="model", rank="model") for s, a in spans]
    out = with_region(text, chosen, frozenset({"Command"}), {"ORVCOM": command}.get)
    assert [c.canonical for c in out] == ["Orvik Engineering Systems Command Northwest", None]


def test_news_agencies_and_papers_are_organizations_with_their_full_names(extractor: EntityExtractor) -> None:
    text = (
        "The frigate docked in Busan on Monday, Yonhap reported, and the LA Times said the crew had spent three "
        "months at sea; documents published by Wikileaks described an earlier patrol."
    )
    found = _found(extractor, text)
    assert found.get("Yonhap") == ("ORG", "Yonhap News Agency")
    assert found.get("LA Times") == ("ORG", "Los Angeles Times")
    assert found.get("Wikileaks") == ("ORG", "WikiLeaks")


def test_ap_alone_is_not_the_news_agency(extractor: EntityExtractor) -> None:
    text = "The crew loaded AP rounds for the cannon before the exercise off Okinawa."
    found = _found(extractor, text)
    assert found.get("AP", ("", ""))[1] != "Associated Press"


def test_the_platforms_where_claims_are_posted_are_organizations(extractor: EntityExtractor) -> None:
    text = (
        "The militia said on Telegram that it had downed a drone, and its commander posted a video on "
        "Facebook. Dropbox and LinkedIn removed the files."
    )
    found = _found(extractor, text)
    assert {name: found[name][0] for name in ("Telegram", "Facebook", "Dropbox", "LinkedIn")} == dict.fromkeys(
        ("Telegram", "Facebook", "Dropbox", "LinkedIn"), "ORG"
    )


def test_an_acronym_that_opens_with_a_nickname_is_defined_by_the_name_before_it() -> None:
    text = "Ships of the Bruno Tallis Carrier Strike Group (BUZCSG) sailed. Sen. Jo Ames (D-Calif.) and Kestrel (GOLD)."
    found = [(d.short, d.long) for d in find_definitions(text)]
    assert found == [("BUZCSG", "Bruno Tallis Carrier Strike Group")]
    assert find_definitions("The Bruno Tallis Carrier Strike Group (XYZCSG) sailed.") == []  # no nickname of the name


@pytest.mark.parametrize(
    ("text", "surface", "canonical"),
    [
        ("The NATO Parliamentary Assembly met in Vilnius on Monday.", "NATO Parliamentary Assembly", None),
        ("A motion before the UN Human Rights Council was withdrawn.", "UN Human Rights Council", None),
        (
            "The suit was filed in US District Court for the Eastern District of Virginia last week.",
            "US District Court for the Eastern District of Virginia",
            None,
        ),
        (
            "Members of the Senate Maritime Security Subcommittee questioned the admiral.",
            "Senate Maritime Security Subcommittee",
            "Senate Maritime Security Subcommittee",
        ),
        (
            "The U.N. Office for the Coordination of Humanitarian Affairs said convoys were stopped.",
            "U.N. Office for the Coordination of Humanitarian Affairs",
            "Office for the Coordination of Humanitarian Affairs",
        ),
        (  # a body with a name of its own: no part of the parent, named as written
            "Delegates of the Space Force Veterans Association met at the harbour on Monday.",
            "Space Force Veterans Association",
            "Space Force Veterans Association",
        ),
        (
            "The order went to General Dynamics Harbour Systems last week.",
            "General Dynamics Harbour Systems",
            "General Dynamics Harbour Systems",
        ),
    ],
)
def test_a_body_named_after_its_parent_is_one_organization(
    extractor: EntityExtractor, text: str, surface: str, canonical: str | None
) -> None:
    found = _found(extractor, text)
    assert found.get(surface, ("", ""))[0] == "ORG"
    if canonical is not None:
        assert found[surface][1] == canonical


def test_a_coalition_named_after_its_enemy_is_not_a_part_of_it(extractor: EntityExtractor) -> None:
    found = _found(extractor, "Members of the ISIL Coalition met in Rome on Monday.")
    assert "ISIL Coalition" not in found


def test_a_person_after_a_parent_is_not_a_body(extractor: EntityExtractor) -> None:
    found = _found(extractor, "NATO Secretary General Mark Rutte visited the base in Poland on Friday.")
    assert found.get("NATO", ("", ""))[1] == "NATO"
    assert found.get("Mark Rutte", ("", ""))[0] == "PERSON"
