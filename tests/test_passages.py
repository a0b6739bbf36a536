"""warehouse.passages: the passage of an article around a search's matches, with the matches' offsets."""

from __future__ import annotations

import re

from hypothesis import given, strategies as st

from warehouse.passages import ELLIPSIS, Passage, find_spans, passage, passage_for_query, query_terms

OPENING = "The ministry published its annual report on Monday, listing budgets and staff numbers. "
TEXT = (
    OPENING * 6 + "Late on Tuesday a drone strike hit a fuel depot near Kharkiv, officials said. "
    "The strike started a fire that burned for hours. " + "Talks on grain exports continued in Istanbul. " * 8
)


def marked(p: Passage) -> list[str]:
    return [p.text[s:e] for s, e in p.highlights]


def test_query_terms_keep_the_whole_string_then_words_without_operators() -> None:
    assert query_terms("drone strike") == ["drone strike", "drone", "strike"]
    assert query_terms('"fuel depot" AND Kharkiv NOT Kyiv -Odesa') == [
        '"fuel depot" AND Kharkiv NOT Kyiv -Odesa',
        "fuel depot",
        "Kharkiv",
    ]
    assert query_terms("title:HIMARS") == ["title:HIMARS", "HIMARS"]
    assert query_terms("  ") == []
    assert query_terms("depot 17.") == ["depot 17.", "depot", "17"]


def test_the_passage_is_the_matching_part_not_the_opening() -> None:
    p = passage_for_query(TEXT, "drone strike")
    assert "drone strike hit a fuel depot near Kharkiv" in p.text
    assert not p.text.startswith("The ministry published")
    assert p.text.startswith(ELLIPSIS + "Late on Tuesday") and p.text.endswith(ELLIPSIS)
    assert marked(p) == ["drone strike", "strike"]  # the phrase, then the word alone in the next sentence
    assert len(p.text) <= 280 + 2


def test_matching_ignores_case_and_only_marks_words_that_start_with_the_term() -> None:
    text = "An AIRSTRIKE, then more Strikes; the strikers went home."
    assert [text[s:e] for s, e in find_spans(text, ["nothing", "strike"])] == ["Strike", "strike"]
    assert [text[s:e] for s, e in find_spans(text, ["strike"])] == [
        "STRIKE",
        "Strike",
        "strike",
    ]  # first term: anywhere


def test_no_match_gives_the_opening_without_highlights() -> None:
    p = passage_for_query(TEXT, "submarine")
    assert p.highlights == () and p.text.startswith("The ministry published") and p.text.endswith(ELLIPSIS)
    short = passage_for_query("Short text.", "zz")
    assert short == Passage("Short text.")


def test_spans_given_by_offsets_are_used_as_they_are() -> None:
    start = TEXT.index("Kharkiv")
    p = passage(TEXT, [(start, start + 7), (10_000, 10_007), (5, 5)])  # past the end and empty: ignored
    assert marked(p) == ["Kharkiv"]
    assert p.as_fields()["highlights"] == [list(p.highlights[0])]


def test_offsets_are_code_points_with_text_outside_the_basic_plane() -> None:
    text = "Sirens 🚨 in 𝐊yiv: a drone strike hit the port."
    p = passage_for_query(text, "drone")
    assert p.text == text and marked(p) == ["drone"]


@given(st.text(max_size=600), st.text(max_size=20), st.integers(min_value=20, max_value=400))
def test_never_raises_and_every_highlight_is_a_match(text: str, q: str, width: int) -> None:
    p = passage_for_query(text, q, width)
    terms = query_terms(q)
    for s, e in p.highlights:
        assert 0 <= s < e <= len(p.text)
        assert any(re.fullmatch(re.escape(t), p.text[s:e], flags=re.IGNORECASE) for t in terms)
    assert list(p.highlights) == sorted(p.highlights)
    core = p.text.removeprefix(ELLIPSIS).removesuffix(ELLIPSIS)
    assert core in text


def test_a_piece_cut_out_of_a_longer_text_gets_its_partial_words_dropped_and_ellipses() -> None:
    piece = "ment said the $4 billion order for new radars would be signed in Warsaw next mon"
    start = piece.index("$4 billion")
    p = passage(piece, [(start, start + 10)], cut_before=True, cut_after=True)
    assert p.text == ELLIPSIS + "said the $4 billion order for new radars would be signed in Warsaw next" + ELLIPSIS
    assert marked(p) == ["$4 billion"]
