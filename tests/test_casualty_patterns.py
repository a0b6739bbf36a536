"""Casualty and status claims on the usual phrasings of wire and defence news (transforms.events.clauses).

Every sentence was made up for this test, in the style of the reports the pipeline reads: passive and
active voice, "killing N", "left N dead", "N dead and M wounded", death tolls, prisoners, the missing,
hedges, ranges, number words, parts in apposition, and sentences whose verbs only look like casualties.
Each case gives the full set of claims expected of the sentence (span of the count, status, value).
"""

from __future__ import annotations

import pytest
from casualty_helpers import one_claim as _claim, read as _read

from transforms.entities.mentions import EntityExtractor
from transforms.events.parse import load_parser

pytestmark = pytest.mark.skipif(load_parser() is None, reason="the spaCy parser package is not installed")

Claim = tuple[str, str, float]

CASES: list[tuple[str, set[Claim]]] = [
    # passive and active voice
    ("Eight soldiers were killed by the rocket attack on the base.", {("Eight", "killed", 8)}),
    ("The rocket attack killed eight soldiers at the base outside the city.", {("eight", "killed", 8)}),
    ("Troops killed 30 militants in a raid on a camp in the hills.", {("30", "killed", 30)}),
    ("Officials confirmed reports that the group has killed 70 members of a local clan.", {("70", "killed", 70)}),
    ("Authorities said 120 soldiers had been killed since the offensive began.", {("120", "killed", 120)}),
    ("The ministry reported 1,200 troops killed in the first week of fighting.", {("1,200", "killed", 1200)}),
    # "killing N", "left N dead", "N dead and M wounded"
    (
        "Artillery fire hit the market, killing 14 civilians and wounding 20 more.",
        {("14", "killed", 14), ("20", "injured", 20)},
    ),
    ("The explosion left nine people dead near the checkpoint.", {("nine", "killed", 9)}),
    ("The strike on the convoy left 13 dead and 22 injured.", {("13", "killed", 13), ("22", "injured", 22)}),
    ("Officials reported 34 dead and 80 wounded after the bombing.", {("34", "killed", 34), ("80", "injured", 80)}),
    (
        "Four marines were dead and seven wounded after the helicopter went down.",
        {("Four", "killed", 4), ("seven", "injured", 7)},
    ),
    (
        "The blast killed six and wounded three others at the gate.",
        {("six", "killed", 6), ("three", "injured", 3)},
    ),
    (
        "One person died and four were hurt in the drone attack on the depot.",
        {("One", "killed", 1), ("four", "injured", 4)},
    ),
    (
        "A civilian was killed and another was injured when a shell hit the bus.",
        {("A civilian", "killed", 1), ("another", "injured", 1)},
    ),
    # death tolls
    ("The death toll from the barracks bombing rose to 61 on Tuesday.", {("61", "killed", 61)}),
    ("Officials put the death toll at 27 after the second strike.", {("27", "killed", 27)}),
    # idioms of death and injury
    ("The fire aboard the destroyer claimed the lives of 20 sailors.", {("20", "killed", 20)}),
    ("Nine soldiers lost their lives in the ambush on the supply road.", {("Nine", "killed", 9)}),
    ("Three soldiers suffered minor injuries in the blast.", {("Three", "injured", 3)}),
    ("Five soldiers died of their wounds in a field hospital.", {("Five", "killed", 5)}),
    ("Six sailors drowned when their patrol boat capsized in the storm.", {("Six", "killed", 6)}),
    ("The bodies of 11 soldiers were recovered from the rubble.", {("11", "killed", 11)}),
    (
        "Three others who were also shot reached the clinic but were soon pronounced dead.",
        {("Three", "killed", 3)},
    ),
    # "they" standing for the sentence's subject
    ("Four soldiers said they were wounded when the convoy was hit.", {("Four", "injured", 4)}),
    (
        "Three of the contractors later sued the company for causing them to suffer serious injuries.",
        {("Three", "injured", 3)},
    ),
    ("The ministry said they had killed 40 militants in the operation.", {("40", "killed", 40)}),
    # prisoners, hostages, the missing, the displaced, arrests
    ("Two hundred soldiers were taken prisoner after the garrison surrendered.", {("Two hundred", "captured", 200)}),
    ("Four journalists were taken hostage by the militants.", {("Four", "captured", 4)}),
    ("Rebels captured six government soldiers during the raid.", {("six", "captured", 6)}),
    ("Eleven crew members are missing after the frigate sank.", {("Eleven", "missing", 11)}),
    ("Two aid workers went missing near the front line.", {("Two", "missing", 2)}),
    ("Seven sailors remain unaccounted for after the collision.", {("Seven", "missing", 7)}),
    ("Some 3,000 residents fled their homes after the shelling.", {("Some 3,000", "displaced", 3000)}),
    ("Police detained 32 protesters outside the ministry.", {("32", "arrested", 32)}),
    ("Two hostages were freed by the kidnappers on Friday.", {("Two", "released", 2)}),
    # hedges, ranges and number words
    ("Up to 40 fighters were killed in the airstrikes, the monitoring group said.", {("Up to 40", "killed", 40)}),
    ("Between 30 and 50 insurgents died in the clashes.", {("Between 30 and 50", "killed", 40)}),
    ("About a dozen police officers were wounded in the riot.", {("About a dozen", "injured", 12)}),
    ("Two dozen soldiers were wounded in the mortar attack.", {("Two dozen", "injured", 24)}),
    (
        "At least three police officers and two civilians were killed in the attack.",
        {("At least three", "killed", 3), ("two", "killed", 2)},
    ),
    ("Thirty-one people were killed in the suicide bombing.", {("Thirty-one", "killed", 31)}),
    # parts in apposition
    ("The strike killed 23 people, including seven children.", {("23", "killed", 23), ("seven", "killed", 7)}),
    (
        "At least 12 civilians, including five children, were killed in the shelling of the village.",
        {("At least 12", "killed", 12), ("five", "killed", 5)},
    ),
    # a casualty, though no attack
    ("Two people were killed in a car crash on the highway near the base.", {("Two", "killed", 2)}),
    # verbs that only look like casualties
    ("The group released two videos showing the launch.", set()),
    ("The government freed four prisoners as part of the exchange.", {("four", "released", 4)}),
    ("Lawmakers killed the bill in committee last week.", set()),
    ("The company released its quarterly earnings on Monday, with two new contracts.", set()),
    ("The ministry said it would deploy 3,000 troops to the border.", set()),
    ("The frigate fired two missiles that hit the decommissioned target hulk.", set()),
    ("The plan would free up 12 billion dollars for the navy.", set()),
    # a count of the killed and the wounded together is a toll of neither
    ("More than 60 civilians were killed and injured in the bombings of two bus stations.", set()),
    ("The raids killed or wounded 45 people, the monitor said.", set()),
]


@pytest.fixture(scope="module")
def extractor() -> EntityExtractor:
    return EntityExtractor()


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_claims_of_a_sentence(sentence: str, expected: set[Claim], extractor: EntityExtractor) -> None:
    found = _read(sentence, extractor)
    assert {(c.text, c.status, c.toll.value) for c in found.claims} == expected


def test_enough_cases() -> None:
    assert len(CASES) >= 30 and sum(not expected for _, expected in CASES) >= 5


def test_hedges_and_bounds_are_kept(extractor: EntityExtractor) -> None:
    up_to = _claim(_read("Up to 40 fighters were killed in the airstrikes.", extractor), "Up to 40").toll
    assert (up_to.hedge, up_to.low, up_to.high) == ("up to", None, 40)
    span = _claim(_read("Between 30 and 50 insurgents died in the clashes.", extractor), "Between 30 and 50").toll
    assert (span.low, span.high) == (30, 50)
    some = _claim(_read("Some 3,000 residents fled their homes after the shelling.", extractor), "Some 3,000").toll
    assert some.hedge == "about"


def test_who_suffered_and_by_whom(extractor: EntityExtractor) -> None:
    found = _read("Six Ukrainian soldiers were captured by Russian forces near the river crossing.", extractor)
    claim = _claim(found, "Six")
    assert (claim.status, claim.who, claim.who_country, claim.by_text) == ("captured", "military", "UKR", "Russian")
    lives = _claim(_read("The fire aboard the destroyer claimed the lives of 20 sailors.", extractor), "20")
    assert (lives.who, lives.by_text) == ("military", "fire")
    journalists = _claim(_read("Four journalists were taken hostage by the militants.", extractor), "Four")
    assert (journalists.who, journalists.by_text) == ("civilians", "militants")


def test_a_part_is_its_own_claim_but_the_toll_counts_the_whole_once(extractor: EntityExtractor) -> None:
    found = _read("The strike killed 23 people, among them seven children.", extractor)
    whole, part = _claim(found, "23"), _claim(found, "seven")
    assert (whole.part_of, part.part_of, part.who) == (None, whole.start, "civilians")
    assert [e.fatalities.value for e in found.events if e.fatalities] == [23]


def test_a_road_accident_is_a_casualty_but_no_attack(extractor: EntityExtractor) -> None:
    found = _read("Two people were killed in a car crash on the highway near the base.", extractor)
    assert [c.status for c in found.claims] == ["killed"]
    assert all(e.event_type not in ("violence_against_civilians", "battles") for e in found.events)


def test_a_toll_with_no_violence_is_no_incident_but_stays_a_claim(extractor: EntityExtractor) -> None:
    found = _read("Two people were hurt when a parade balloon struck a lamp post downtown.", extractor)
    assert [(c.text, c.status) for c in found.claims] == [("Two", "injured")] and found.events == ()
    shot = _read("Two people were shot dead outside the market on Sunday.", extractor)
    assert [e.fatalities.value for e in shot.events if e.fatalities] == [2]
