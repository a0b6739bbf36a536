"""Casualty and status claims read by clause (transforms.events.casualties): the patterns of issue #17.

Each sentence was written for this test. The quantity stage alone (the ``event`` of a count before the
events stage) gets every one of these wrong; the claims and the corrected quantities get them right.
"""

from __future__ import annotations

import pytest
from casualty_helpers import one_claim as _claim, read as _read

from transforms.entities.mentions import EntityExtractor
from transforms.events.parse import load_parser
from transforms.pipeline import normalize_text
from transforms.quantities.claims import extract_quantities

pytestmark = pytest.mark.skipif(load_parser() is None, reason="the spaCy parser package is not installed")


@pytest.fixture(scope="module")
def extractor() -> EntityExtractor:
    return EntityExtractor()


def test_toll_goes_to_the_people_not_to_the_towns(extractor: EntityExtractor) -> None:
    text = "At least 30 people in 12 towns were killed in the overnight strikes, regional officials said."
    before = {q.text: q.event for q in extract_quantities(text)}
    assert before["12"] == "killed" and before["At least 30"] is None  # the quantity stage alone
    found = _read(text, extractor)
    claim = _claim(found, "At least 30")
    assert (claim.status, claim.toll.value, claim.toll.low, claim.toll.hedge) == ("killed", 30, 30, "at least")
    assert [c.text for c in found.claims] == ["At least 30"]
    assert {q.text: q.event for q in found.quantities} == {"At least 30": "killed", "12": None}


def test_nationality_subject_keeps_the_claim_and_its_country(extractor: EntityExtractor) -> None:
    found = _read("Three French soldiers were killed when their armored vehicle hit a mine near Gao.", extractor)
    claim = _claim(found, "Three")
    assert (claim.status, claim.toll.value, claim.who, claim.who_country) == ("killed", 3, "military", "FRA")


def test_deaths_of_police_officers(extractor: EntityExtractor) -> None:
    text = "The interior ministry confirmed the deaths of at least five police officers in the ambush."
    assert all(q.event is None for q in extract_quantities(text))
    claim = _claim(_read(text, extractor), "at least five")
    assert (claim.status, claim.toll.value, claim.toll.hedge, claim.who) == ("killed", 5, "at least", "police")


def test_released_videos_are_no_claim(extractor: EntityExtractor) -> None:
    text = "The militant group released two videos of the raid on Thursday."
    assert [q.event for q in extract_quantities(text)] == ["rescued"]
    found = _read(text, extractor)
    assert found.claims == ()
    assert [q.event for q in found.quantities] == [None]


def test_freed_prisoners_are_released_not_captured(extractor: EntityExtractor) -> None:
    text = "The government freed four prisoners under the exchange deal brokered by Qatar."
    assert [q.event for q in extract_quantities(text)] == ["captured"]
    claim = _claim(_read(text, extractor), "four")
    assert claim.status == "released" and claim.toll.value == 4


def test_a_soldier_is_a_claim_of_one_and_conjoined_verbs_keep_their_own_status(extractor: EntityExtractor) -> None:
    found = _read("A soldier was killed and two were wounded in the clash near the border crossing.", extractor)
    assert (_claim(found, "A soldier").status, _claim(found, "A soldier").toll.value) == ("killed", 1)
    assert _claim(found, "two").status == "injured"


def test_active_verb_names_who_did_it_and_who_suffered(extractor: EntityExtractor) -> None:
    found = _read(
        "A Russian missile strike on Odesa killed 12 civilians and wounded 30 others, Ukrainian officials said.",
        extractor,
    )
    killed, injured = _claim(found, "12"), _claim(found, "30")
    assert (killed.status, killed.who, killed.by_text) == ("killed", "civilians", "Russian")
    assert injured.status == "injured"


def test_arrests_missing_and_death_toll(extractor: EntityExtractor) -> None:
    found = _read(
        "Police arrested 14 suspects after the bombing. About 250 sailors remain missing after the sinking. "
        "The death toll rose to 45 on Sunday.",
        extractor,
    )
    assert _claim(found, "14").status == "arrested"
    missing = _claim(found, "About 250")
    assert (missing.status, missing.toll.hedge, missing.who) == ("missing", "about", "military")
    assert _claim(found, "45").status == "killed"


def test_without_a_parser_the_rule_keeps_only_counts_of_people() -> None:
    found = normalize_text("At least 30 people in 12 towns were killed. The group released two videos.", published=None)
    assert [c.text for c in found.claims] == []  # neither "12 towns" nor "two videos" count people
    found = normalize_text("Officials said 17 soldiers were killed in the attack.", published=None)
    assert [(c.text, c.status, c.method) for c in found.claims] == [("17", "killed", "rule")]


def test_left_dead_and_injured(extractor: EntityExtractor) -> None:
    found = _read("The blast left 40 people dead and dozens injured, the governor said.", extractor)
    assert (_claim(found, "40").status, _claim(found, "dozens").status) == ("killed", "injured")
