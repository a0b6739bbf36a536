"""Dedupe decisions and the banded near-duplicate search."""

from __future__ import annotations

import random

from conftest import PARAGRAPHS
from hypothesis import given, settings, strategies as st

from transforms.extract.dedupe import DedupeIndex, article_key_id, content_hash, simhash64

TEXT = "\n\n".join(PARAGRAPHS * 3)


def test_outcomes_in_order() -> None:
    index = DedupeIndex(max_distance=3)
    rev, sh = content_hash(TEXT), simhash64(TEXT)
    assert index.decide("a1", rev, sh).outcome == "new"
    index.add("a1", rev, sh)
    assert index.decide("a1", rev, sh).outcome == "unchanged"
    edited = TEXT + "\n\nAn editor's note was added to this story."
    assert index.decide("a1", content_hash(edited), simhash64(edited)).outcome == "revised"
    exact = index.decide("b2", rev, sh)
    assert (exact.outcome, exact.duplicate_of, exact.duplicate_kind) == ("duplicate", "a1", "exact")


def test_near_duplicate_names_the_first_article_seen() -> None:
    index = DedupeIndex(max_distance=7)
    index.add("a1", content_hash(TEXT), simhash64(TEXT))
    copy = TEXT.replace("Tuesday", "Wednesday")
    decision = index.decide("b2", content_hash(copy), simhash64(copy))
    assert decision.outcome == "duplicate" and decision.duplicate_kind == "near"
    index.add("b2", content_hash(copy), simhash64(copy), decision.duplicate_of)
    third = copy.replace("Fort Sill", "Fort Bliss")
    assert index.decide("c3", content_hash(third), simhash64(third)).duplicate_of == "a1"


def test_unrelated_text_is_new() -> None:
    index = DedupeIndex(max_distance=7)
    index.add("a1", content_hash(TEXT), simhash64(TEXT))
    other = "Naval forces completed a two-week exercise in the Baltic Sea with ships from nine allied nations " * 4
    assert index.decide("b2", content_hash(other), simhash64(other)).outcome == "new"


def test_article_ids_are_stable_and_distinct() -> None:
    assert article_key_id("https://a.example/x") == article_key_id("https://a.example/x")
    assert article_key_id("https://a.example/x") != article_key_id("https://a.example/y")
    assert len(article_key_id("k")) == 32


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**64 - 1), st.integers(0, 6), st.integers(0, 10_000))
def test_banded_search_finds_every_hash_within_distance(base: int, flips: int, seed: int) -> None:
    rng = random.Random(seed)
    bits = rng.sample(range(64), flips)
    near = base
    for bit in bits:
        near ^= 1 << bit
    index = DedupeIndex(max_distance=3)
    index.add("first", "rev-first", base)
    decision = index.decide("second", "rev-second", near)
    if flips <= 3:
        assert decision.duplicate_of == "first"
    else:
        assert decision.outcome == "new"
