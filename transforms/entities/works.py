"""Titles of works: books, films, shows and reports named in a text ("author of The Harbour Wars", "books
including Iron Coast and Salt Roads", "on NPR's “Weekend Desk”").

No work is an entity of sitrep's types, and the names inside a title are the title's words, not mentions
("Harbour" is no place in "The Harbour Wars"). A title is found only by a cue that leaves no doubt: "author of"
before it; a work noun with "titled", "called", "entitled" or "including" (or a quotation mark) before it, and
the titles listed after that one ("show", "report" and the like, verbs too, only with "titled" or
"entitled"); a quoted title after a possessive on air ("on NBC's “Morning Brief”"). A capitalised word after
a bare work noun ("the report Congress requested") is no title, nor a quote after a verb ('emails show
"Putin approved it"').
"""

from __future__ import annotations

import re

__all__ = ["work_titles"]

_WORD = r"[A-Z0-9][\w'’-]*"
_TITLE = rf"(?:(?:The|A|An)\s+)?{_WORD}(?:\s+(?:(?:of|the|and|in|on|for|to|a|an|at|with)\s+)*{_WORD})*"
# nouns of works that are no verbs; "show", "play", "report" and "study" are verbs too ('emails show "Putin
# approved it"'), and take a title only after "titled" or "entitled"
_WORK = r"(?:book|novel|memoir|film|movie|documentary|podcast|album|song|essay)s?"
_WORK_OR_VERB = r"(?:show|series|play|report|study)s?"
_OPEN = r"[“\"‘']?"
_AUTHOR = re.compile(rf"\b(?:author|co-author|writer)\s+of\s+{_OPEN}(?P<title>{_TITLE})")
_NAMED = re.compile(
    rf"\b(?:{_WORK},?\s+(?:titled|called|entitled|including|such\s+as)|{_WORK_OR_VERB},?\s+(?:titled|entitled))\s+"
    rf"(?:(?:best-?selling|acclaimed)\s+)?{_OPEN}(?P<title>{_TITLE})(?P<more>(?:[”\"’']?,\s+(?:and\s+)?{_OPEN}{_TITLE})*)"
)
_QUOTED_AFTER_NOUN = re.compile(rf"\b{_WORK}\s+[“\"](?P<title>[A-Z][^”\"\n]{{1,80}})[”\"]")
_ON_AIR = re.compile(r"\bon\s+[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)?['’]s?\s+[“\"](?P<title>[A-Z][^”\"\n]{1,80})[”\"]")
_LISTED = re.compile(rf"{_OPEN}(?P<title>{_TITLE})")


def work_titles(text: str) -> list[tuple[int, int]]:
    """The character spans of the work titles ``text`` names by a cue (see the module's doc)."""
    spans: list[tuple[int, int]] = []
    for regex in (_AUTHOR, _QUOTED_AFTER_NOUN, _ON_AIR):
        spans += [m.span("title") for m in regex.finditer(text)]
    for m in _NAMED.finditer(text):
        spans.append(m.span("title"))
        start = m.start("more")
        for item in _LISTED.finditer(text, start, m.end("more")):
            spans.append(item.span("title"))
    return spans
