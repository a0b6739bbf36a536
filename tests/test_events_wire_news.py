"""Incidents in wire stories about an attack and the reactions to it (issue #17): rules read from TimeBank's
AQUAINT texts, outside the incidents gold. Every text here was written for this test."""

from __future__ import annotations

import datetime as dt
import functools

import pytest

from transforms.entities.mentions import EntityExtractor
from transforms.entities.ner import DEFAULT_MODEL, model_available
from transforms.events.parse import load_parser
from transforms.pipeline import normalize_text

needs_models = pytest.mark.skipif(
    not model_available(DEFAULT_MODEL) or load_parser() is None, reason="entity model or parser not installed"
)
DAY = dt.date(2024, 5, 20)


@functools.cache
def _extractor() -> EntityExtractor:
    return EntityExtractor()


def _read(text: str):  # type: ignore[no-untyped-def]
    return normalize_text(text, published=DAY, extractor=_extractor(), language="en")


@needs_models
def test_lives_claimed_are_people_killed() -> None:
    found = _read("The two blasts in Karshi and Termez last week claimed at least 64 lives and injured 300.")
    killed = [c for c in found.claims if c.status == "killed"]
    assert [(c.toll.value, c.toll.hedge) for c in killed] == [(64.0, "at least")]


@needs_models
def test_a_bomb_that_exploded_is_an_explosion_not_a_clash() -> None:
    found = _read("A bomb exploded outside the city hall in Karshi on Sunday, killing nine people.")
    assert [(e.event_type, e.subtype) for e in found.events] == [
        ("explosions_remote_violence", "remote_explosive_landmine_ied")
    ]


@needs_models
def test_who_condemns_an_attack_is_not_its_actor() -> None:
    found = _read("Prime Minister Alisher Karimov on Monday condemned the bombing of the court house in Karshi.")
    assert found.events
    assert all(e.actor1_text is None for e in found.events)


@needs_models
def test_a_country_that_modifies_a_noun_is_not_the_place() -> None:
    found = _read("A bomb exploded at the U.S. consulate in Termez on Monday, killing two guards.")
    assert found.events
    assert found.events[0].place_text == "Termez"
