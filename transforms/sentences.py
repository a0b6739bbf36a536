"""Sentence spans of an article's text, shared by every normalizer so rows can be joined per sentence.

A rule-based splitter tuned for news: a sentence ends at ``.``, ``!`` or ``?`` (optionally followed by
closing quotes or brackets) before white space and an upper-case letter, digit or opening quote, unless
the word before the period is a known abbreviation ("Gen.", "U.S.", "Jan.", "No.") or a single capital
initial ("John F. Kennedy"). Paragraph breaks (blank lines) always end a sentence. Offsets are character
offsets into the text, end exclusive.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Sentence", "split_sentences", "sentence_index", "is_abbreviation"]


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int


_BOUNDARY = re.compile(r"""[.!?]+['"’”)\]]*(?=\s+['"‘“(\[]?[A-Z0-9])""")
_PARAGRAPH = re.compile(r"\n\s*\n")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    text = resources.files("transforms").joinpath("abbreviations.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def is_abbreviation(text: str, period: int) -> bool:
    """Whether the period at ``period`` ends an abbreviation ("Mr.", "Gen.", "U.S.", an initial), not a sentence."""
    match = _WORD_BEFORE.search(text, max(0, period - 20), period)
    if match is None:
        return False
    word = match.group(1)
    if len(word) == 1 and word.isupper():  # an initial: "John F. Kennedy"
        return True
    if "." in word and all(len(part) <= 2 for part in word.split(".") if part):  # U.S, U.N, e.g
        return True
    return word.lower() in _abbreviations()


def split_sentences(text: str) -> list[Sentence]:
    """Sentence spans covering the non-blank text, in order; never raises."""
    spans: list[Sentence] = []
    for para in _paragraph_spans(text):
        start = para[0]
        for match in _BOUNDARY.finditer(text, para[0], para[1]):
            if text[match.start()] == "." and match.end() - match.start() == 1 and is_abbreviation(text, match.start()):
                continue
            _append(spans, text, start, match.end())
            start = match.end()
        _append(spans, text, start, para[1])
    return spans


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _PARAGRAPH.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _append(spans: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append(Sentence(len(spans), start, end))


def sentence_index(sentences: Sequence[Sentence], offset: int) -> int | None:
    """The index of the sentence holding character ``offset`` (None if it falls between sentences)."""
    starts = [s.start for s in sentences]
    i = bisect_right(starts, offset) - 1
    if i >= 0 and sentences[i].start <= offset < sentences[i].end:
        return i
    return None
