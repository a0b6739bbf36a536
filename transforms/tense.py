"""The tense around a temporal expression, read from cue words of its sentence.

Owns one decision: whether a partial date ("March 3", "Tuesday", "in July") points to the past or the
future of the publication date. The nearest cue before the expression in its sentence decides ("will
meet on March 3" is future, "met on March 3" past); when nothing precedes it, the nearest cue after it.
Past cues are a word list plus regular past-tense verbs (``-ed``); a modal ("would", "could") cancels
them (future-in-the-past reads as the nearest date). A deadline word right before the
date ("payable", "effective", "by", "through") makes the tense irrelevant. Without any cue the tense is
``none`` and the caller picks the nearest reading.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from transforms.temporal_lexicon import alternation, lexicon

__all__ = ["Tense", "tense_at"]

Tense = Literal["past", "future", "none"]
_WINDOW = 120


@lru_cache(maxsize=1)
def _cues() -> re.Pattern[str]:
    lex = lexicon()
    future = alternation(lex.future_cues)
    past = alternation(lex.past_cues)
    modal = alternation(lex.modal_cues)
    return re.compile(
        rf"(?P<future>(?<![\w’'])(?:{future})(?![\w’']))|(?P<modal>(?<![\w’'])(?:{modal})(?![\w’']))|(?P<past>(?<![\w’'])(?:{past})(?![\w’']))|(?P<ed>(?<![\w’'])(?-i:[a-z]{{2,}}(?<!e)ed)(?![\w’']))",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _neutral() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w’'])(?:{alternation(lexicon().neutral_cues)})\s+(?:the\s+)?$", re.IGNORECASE)


def tense_at(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> Tense:
    """The tense of the clause around ``text[start:end]`` inside the sentence ``[sentence_start, sentence_end)``."""
    if _neutral().search(text, max(sentence_start, start - 24), start):
        return "none"
    cues = _cues()
    before_from = max(sentence_start, start - _WINDOW)
    last: Tense = "none"
    seen = False
    for match in cues.finditer(text, before_from, start):
        group = match.lastgroup or "modal"
        if group == "ed" and seen and last != "past":
            continue  # a participle after "will be" / "would be" keeps the modal's reading
        last, seen = _TENSE_OF[group], True
    if seen:
        return last
    after = cues.search(text, end, min(sentence_end, end + _WINDOW))
    return "none" if after is None else _TENSE_OF[after.lastgroup or "modal"]


_TENSE_OF: dict[str, Tense] = {"future": "future", "past": "past", "ed": "past", "modal": "none"}
