"""Passages: the window of an article's text around what a reader looked for, with the matches marked.

Pure functions (text in, values out) for the dashboard's article list: a search string gives the terms
to mark (:func:`query_terms`), the terms give their places in the text (:func:`find_spans`), and the
places give the passage shown, a window of about ``width`` characters cut at word boundaries, placed where
the most matches fall (:func:`passage`). Offsets are Python ``str`` offsets (code points), end exclusive,
into the passage returned, not into the article (the page converts them to its own string indices).
A text without a match gives its opening, with no highlight.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Passage", "query_terms", "find_spans", "passage", "passage_for_query", "ELLIPSIS"]

ELLIPSIS = "…"
WIDTH = 280
_LEAD = 60  # characters of context kept before the first match of the window
_OPERATORS = {"AND", "OR", "NOT"}
_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+")
_SENTENCE_START = re.compile(r"[.!?]\s+|\n")


@dataclass(frozen=True, slots=True)
class Passage:
    """``text``: the window shown; ``highlights``: ``(start, end)`` of each match inside it, in order."""

    text: str
    highlights: tuple[tuple[int, int], ...] = ()

    def as_fields(self) -> dict[str, object]:
        """The ``passage`` / ``highlights`` fields of an API row (highlights as ``[start, end]`` lists)."""
        return {"passage": self.text, "highlights": [list(h) for h in self.highlights]}


def query_terms(q: str, *, whole: bool = True) -> list[str]:
    """What to mark for a search string: the whole string as typed (a phrase; not with ``whole=False``),
    then each quoted phrase and each word, without search operators (``AND``, ``OR``, ``NOT``, a
    ``-word``, a ``field:`` prefix).

    >>> query_terms('drone strike -Kyiv')
    ['drone strike -Kyiv', 'drone', 'strike']
    """
    typed = " ".join(q.split())
    terms: list[str] = [typed] if typed and whole else []
    negate = False
    for phrase, token in _TOKEN.findall(q):
        if token in _OPERATORS:
            negate = token == "NOT"
            continue
        if negate or token.startswith("-"):
            negate = False
            continue
        if phrase:
            words = [" ".join(phrase.split())]
        else:
            words = _WORD.findall(token.split(":", 1)[1] if re.match(r"^\w+:\S", token) else token)
        for word in words:
            if (len(word) > 1 or word.isdigit()) and word not in terms:
                terms.append(word)
    return terms


def find_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Where the terms occur in ``text`` (case-insensitive), sorted and not overlapping.

    The first term is matched anywhere (as a substring search matches it); the others only where a word
    starts, so that ``strike`` marks "strikes" but not "airstrike". A span of an earlier term wins over
    an overlapping span of a later one.
    """
    taken: list[tuple[int, int]] = []
    for index, term in enumerate(t for t in terms if t.strip()):
        prefix = "" if index == 0 else r"(?<!\w)"
        for m in re.finditer(prefix + re.escape(term), text, flags=re.IGNORECASE):
            if m.end() > m.start() and not any(m.start() < e and s < m.end() for s, e in taken):
                taken.append((m.start(), m.end()))
    return sorted(taken)


def _window_start(text: str, spans: Sequence[tuple[int, int]], width: int) -> int:
    """Where the window starts: a little before the match whose window holds the most matches."""
    best, best_count = 0, 0
    for start, _ in spans:
        lo = max(0, start - _LEAD)
        count = sum(1 for s, e in spans if s >= lo and e <= lo + width)
        if count > best_count:
            best, best_count = lo, count
    if best == 0:
        return 0
    first = next(s for s, _ in spans if s >= best)
    sentence = None
    for m in _SENTENCE_START.finditer(text, best, first):
        sentence = m.end()
    if sentence is not None:
        return sentence
    space = text.find(" ", best, first)
    return space + 1 if space != -1 else best


def _window_end(text: str, start: int, width: int, last_needed: int) -> int:
    end = max(start + width, last_needed)
    if end >= len(text):
        return len(text)
    space = text.rfind(" ", max(start, last_needed), end)
    return space if space > start else end


def passage(
    text: str,
    spans: Sequence[tuple[int, int]],
    width: int = WIDTH,
    *,
    cut_before: bool = False,
    cut_after: bool = False,
) -> Passage:
    """The window of ``text`` (about ``width`` characters, cut at spaces, with an ellipsis where the
    text goes on) holding the most of ``spans``, and those spans' offsets inside it.

    Spans outside the text or empty are ignored; with none left the window is the text's opening.
    ``cut_before`` / ``cut_after``: ``text`` is itself a piece cut out of a longer text (at any character),
    so that its first / last word may be partial and an ellipsis is due there too.
    """
    valid = sorted({(max(0, s), min(len(text), e)) for s, e in spans if 0 <= s < e and s < len(text)})
    start = _window_start(text, valid, width) if valid else 0
    first = next(((s, e) for s, e in valid if s >= start), None)
    if cut_before and start == 0:
        space = text.find(" ", 0, first[0] if first else len(text))
        start = space + 1 if space != -1 else 0
    end = _window_end(text, start, width, first[1] if first else 0)
    if cut_after and end == len(text):
        space = text.rfind(" ", max(start, first[1] if first else start), end)
        end = space if space > start else end
    body = text[start:end]
    stripped = len(body) - len(body.lstrip())
    body = body.strip()
    head = ELLIPSIS if start > 0 or cut_before else ""
    tail = ELLIPSIS if end < len(text) or cut_after else ""
    shift = len(head) - start - stripped
    marks = tuple(
        (s + shift, e + shift) for s, e in valid if s >= start + stripped and e <= start + stripped + len(body)
    )
    return Passage(head + body + tail, marks)


def passage_for_query(text: str, q: str, width: int = WIDTH) -> Passage:
    """The passage of ``text`` around the matches of the search string ``q``."""
    return passage(text, find_spans(text, query_terms(q)), width)
