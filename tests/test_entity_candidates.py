"""The entity ``Candidate`` is a frozen record built by keyword: each step returns new candidates."""

from __future__ import annotations

import copy
from dataclasses import FrozenInstanceError

import pytest

from transforms.entities.coreference import Candidate, assign_person_ids
from transforms.entities.entity_types import retype


def _model(start: int, end: int, type_: str = "PERSON") -> Candidate:
    return Candidate(start=start, end=end, type=type_, method="model", rank="model")  # type: ignore[arg-type]


def test_a_candidate_is_frozen_and_built_by_keyword() -> None:
    cand = _model(0, 8)
    with pytest.raises(FrozenInstanceError):
        cand.entity_id = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Candidate(0, 8, "PERSON", "model", "model")  # type: ignore[misc]


def test_person_ids_are_given_on_new_candidates() -> None:
    text = "Jane Doe spoke first. Later Doe left the room."
    cands = [_model(0, 8), _model(28, 31)]
    before = copy.deepcopy(cands)
    out = assign_person_ids(text, cands)
    assert cands == before
    assert out[0].entity_id is not None and out[1].entity_id == out[0].entity_id  # the surname is Jane Doe
    assert out[1].canonical == out[0].canonical


def test_retyping_gives_new_candidates() -> None:
    text = "Forces of the Assad regime shelled the town."
    cands = [_model(14, 19)]
    before = copy.deepcopy(cands)
    out = retype(text, cands, lambda name: None)
    assert cands == before
    assert [(c.start, c.end, c.type) for c in out] == [(14, 26, "ORG")]  # "Assad regime"
