"""Weapon and platform detection: generic weapon nouns, names before class nouns, designations and the
gazetteer's systems, on sentences written for these tests; and the eval's notion of a named gold span."""

from __future__ import annotations

import importlib.util
import sys
from functools import lru_cache

import pytest
from conftest import REPO
from hypothesis import HealthCheck, given, settings, strategies as st

from schemas.entities import Mention
from transforms.entities.mentions import EntityExtractor, EntityResult
from transforms.entities.military_patterns import find_patterns


@pytest.fixture(scope="module")
def extractor() -> EntityExtractor:
    return EntityExtractor()


def _find(result: EntityResult, text: str) -> Mention:
    hits = [m for m in result.mentions if m.text == text]
    assert hits, f"{text!r} not among {[(m.text, m.type) for m in result.mentions]}"
    return hits[0]


def _armed(result: EntityResult) -> list[str]:
    return [m.text for m in result.mentions if m.type in ("WEAPON", "PLATFORM")]


def _canonical(result: EntityResult, mention: Mention) -> str:
    return next(e.canonical_name for e in result.entities if e.entity_id == mention.entity_id)


# -- generic weapon nouns ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "canonical"),
    [
        ("The cell hid weapons and cash in a farmhouse near the border.", "weapons", "weapon"),
        ("Investigators traced the weaponry to a depot in the east.", "weaponry", "weapon"),
        ("Couriers smuggled arms to the militants during the war.", "arms", "arms"),
        ("The patrol seized ammunition and two rifles from the truck.", "ammunition", "ammunition"),
        ("The group stored explosives in a garage in the suburbs.", "explosives", "explosives"),
        ("Soldiers fired live rounds and rubber bullets at the crowd.", "rubber bullets", "ammunition"),
        (
            "Monitors said the regime dropped chlorine on the district during the offensive.",
            "chlorine",
            "chemical weapon",
        ),
        ("Doctors treated victims of a sarin attack in the suburbs.", "sarin", "chemical weapon"),
        ("The attacker stabbed two guards with a knife during the attack.", "knife", "small arms"),
        ("Guerrillas planted mines along the road before the offensive.", "mines", "landmine"),
        ("The militia fired artillery shells and mortar rounds into the valley.", "mortar rounds", "mortar"),
    ],
)
def test_generic_weapon_nouns(extractor: EntityExtractor, text: str, surface: str, canonical: str) -> None:
    result = extractor.extract(text)
    mention = _find(result, surface)
    assert mention.type == "WEAPON"
    assert _canonical(result, mention) == canonical


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("UN weapons inspectors arrived at the airport on Tuesday.", "weapons"),
        ("The villagers greeted the aid workers with open arms.", "arms"),
        ("Congress debated new gun control laws after the election.", "gun"),
        ("Police evacuated the school after a bomb threat on Monday.", "bomb"),
        ("Miners were trapped in two coal mines after the flood.", "mines"),
        ("The lifeguard added chlorine to the pool.", "chlorine"),
        ("The chef sharpened his knife before dinner.", "knife"),
        ("Explosives experts examined the suitcase at the station.", "Explosives"),
        ("Investors avoided shell companies registered offshore.", "shell"),
    ],
)
def test_everyday_uses_are_not_weapons(extractor: EntityExtractor, text: str, word: str) -> None:
    assert not [m for m in _armed(extractor.extract(text)) if word in m]


# -- a name right before a class noun ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "type_"),
    [
        ("Insurgents fired Hadid rockets at the airbase overnight.", "Hadid", "WEAPON"),
        ("The militia showed off Qadir missiles at a parade in the capital.", "Qadir", "WEAPON"),
        ("The army fielded Varta armoured vehicles along the river.", "Varta", "PLATFORM"),
        ("The ministry ordered XQ-58 drones for the air force.", "XQ-58", "PLATFORM"),
    ],
)
def test_a_name_before_a_class_noun_is_a_system(extractor: EntityExtractor, text: str, name: str, type_: str) -> None:
    result = extractor.extract(text)
    mention = _find(result, name)
    assert mention.type == type_
    assert _canonical(result, mention) == name
    assert not [m for m in result.mentions if m.start > mention.end and m.type == type_]  # the head is no mention


@pytest.mark.parametrize(
    ("text", "not_a_system"),
    [
        ("Hamas rockets were fired from the strip at two towns.", "Hamas"),
        ("Russian warplanes struck the village on Sunday.", "Russian"),
        ("On Monday rockets hit the port, the army said.", "Monday"),
        ("Several missiles struck the depot, the army said.", "Several"),
    ],
)
def test_names_of_other_kinds_before_class_nouns_stay_as_they_are(
    extractor: EntityExtractor, text: str, not_a_system: str
) -> None:
    result = extractor.extract(text)
    assert not [m for m in result.mentions if not_a_system in m.text and m.type in ("WEAPON", "PLATFORM")]


# -- designations and the gazetteer --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "type_"),
    [
        ("A 2S19 fired from the tree line.", "2S19", "PLATFORM"),
        ("The crew launched a 9M133 at the bunker.", "9M133", "WEAPON"),
        ("Bombers dropped a FAB-1500 on the plant.", "FAB-1500", "WEAPON"),
        ("A ZSU-23-4 guarded the bridge.", "ZSU-23-4", "PLATFORM"),
        ("The frigate carries SS-N-27 missiles.", "SS-N-27", "WEAPON"),
        ("Pilots fired an R-77 at the drone.", "R-77", "WEAPON"),
        ("A BRDM-2 led the column.", "BRDM-2", "PLATFORM"),
    ],
)
def test_designations(text: str, surface: str, type_: str) -> None:
    matches = [(text[p.start : p.end], p.type) for p in find_patterns(text)]
    assert (surface, type_) in matches


@pytest.mark.parametrize(
    "text",
    [
        "Sen. Jane Doe (R-Texas) spoke on Monday.",
        "Flight F-1500 was delayed.",
        "The U-1234 form is due in May.",
    ],
)
def test_designation_lookalikes_are_not_matched(text: str) -> None:
    assert not [p for p in find_patterns(text) if p.type in ("WEAPON", "PLATFORM")]


@pytest.mark.parametrize(
    ("text", "surface", "type_"),
    [
        ("The regime fired Scud missiles at rebel towns.", "Scud missiles", "WEAPON"),
        ("Militants fired Katyusha rockets across the border.", "Katyusha rockets", "WEAPON"),
        ("Fighters carried Strela launchers and a Dragunov into the hills.", "Dragunov", "WEAPON"),
        ("The rebels used Konkurs and DShK guns against the checkpoint.", "Konkurs", "WEAPON"),
        ("Separatists fired Grad rockets from Grad launchers.", "Grad rockets", "WEAPON"),
        ("Separatists fired Grad rockets from Grad launchers.", "Grad launchers", "PLATFORM"),
        ("Two Su-22 jets and a Mi-25 helicopter attacked the town.", "Su-22", "PLATFORM"),
    ],
)
def test_systems_of_the_gazetteer(extractor: EntityExtractor, text: str, surface: str, type_: str) -> None:
    assert _find(extractor.extract(text), surface).type == type_


_WORDS = st.sampled_from(
    [
        "Hadid",
        "rockets",
        "missiles",
        "2S19",
        "9M-133",
        "FAB-1500",
        "ZSU-23-4",
        "weapons",
        "arms",
        "open",
        "Scud",
        "Grad",
        "launchers",
        "The",
        "fired",
        "army",
        "-",
        ".",
        ",",
        "\n",
        "chlorine",
        "knife",
        "Monday",
        "SS-N-27",
        "Su-22",
        "jets",
        "armoured",
        "vehicles",
        "’s",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_WORDS, max_size=30).map(" ".join))
def test_weapon_like_text_never_raises_and_offsets_slice(extractor: EntityExtractor, text: str) -> None:
    result = extractor.extract(text)
    for mention in result.mentions:
        assert text[mention.start : mention.end] == mention.text and mention.start < mention.end
    assert {m.entity_id for m in result.mentions if m.type in ("WEAPON", "PLATFORM")} <= {
        e.entity_id for e in result.entities
    }


# -- the eval's "named" gold spans ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_entities", REPO / "bench" / "eval_entities.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_entities", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("span", "named"),
    [
        ("AK-47", True),
        ("T-72 tanks", True),
        ("the 9K720", True),
        ("2S19 howitzers", True),
        ("al-Zarqawi", True),
        ("U.S.-led coalition aircraft", True),
        ("weapons", False),
        ("such weapons", False),
        ("122mm rockets", False),
        ("33°47′N 44°30′E", False),
        ("The Army", True),
        ("his rifle", False),
    ],
)
def test_eval_named_definition(span: str, named: bool) -> None:
    assert _eval_module().is_named(span) is named
