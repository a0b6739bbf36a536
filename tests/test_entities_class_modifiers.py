"""Class nouns that modify the noun after them are not weapon mentions (issue #16: over-firing class nouns)."""

from __future__ import annotations

import pytest

from transforms.entities.weapon_classes import weapon_classes


def _found(text: str) -> list[str]:
    return [text[m.start : m.end] for m in weapon_classes().find(text)]


@pytest.mark.parametrize(
    "text",
    [
        "She serves as the air and missile defense commander of the group.",
        "The weapon prototype was ready for loading after months of work.",
        "Police said the bomb squad cleared the street.",
        "He serves as a technician in the boat's missile division.",
        "The weapons officer briefed the crew.",
    ],
)
def test_a_singular_class_noun_before_a_noun_is_a_modifier(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("A missile hit the depot before dawn, the army said.", "missile"),
        ("The missile landed in a field near the border.", "missile"),
        ("Troops found the missile, intact, near the road.", "missile"),
        ("Rebels fired missiles near the base overnight.", "missiles"),
        ("Doctors treated victims of a sarin attack in the suburbs.", "sarin"),
        ("Police said a car bomb attack hit the market on Friday.", "car bomb"),
    ],
)
def test_a_class_noun_as_subject_object_or_agent_stays_a_mention(text: str, surface: str) -> None:
    assert _found(text) == [surface]
