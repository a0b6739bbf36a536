"""The tense around a temporal expression, read from cue words of its sentence.

Owns one decision: whether a partial date ("March 3", "Tuesday", "in July") points to the past or the
future of the publication date. The nearest cue before the expression in its sentence decides ("will
meet on March 3" is future, "met on March 3" past); when nothing precedes it, the nearest cue after it.
Past cues are a word list plus regular past-tense verbs (``-ed``); a modal ("would", "could") or a
verb of planning ("planned", "scheduled", "was to") cancels them: future-in-the-past reads as the
``nearest`` date. A deadline word right before the date ("payable", "effective", "by", "until",
"as soon as") makes the tense irrelevant (``nearest`` too). A past participle right after a modal or
future cue ("will be deployed") keeps that cue's reading; one further away ("will now appeal, Cuba
predicted") is a new clause and reads as past. Without any cue the tense is ``none``: the caller picks
the nearest reading for a partial date and the last occurrence for a bare weekday.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from transforms.dates.lexicon import alternation, lexicon

__all__ = ["Tense", "tense_at"]

Tense = Literal["past", "future", "none", "nearest"]
_PARTICIPLE_GAP = 14  # characters between "will"/"would" and an -ed word that still forms one verb group
_WINDOW = 120
_AFTER_WINDOW = 200  # a fronted date ("In January, a week after ..., a bombing killed") waits longer for its verb


@lru_cache(maxsize=1)
def _cues() -> re.Pattern[str]:
    lex = lexicon()
    future = alternation(lex.future_cues)
    past = alternation(lex.past_cues)
    modal = alternation(lex.modal_cues + lex.prospective_cues)
    return re.compile(
        rf"(?P<future>(?<![\w’'])(?:{future})(?![\w’']))|(?P<modal>(?<![\w’'])(?:{modal})(?![\w’']))|(?P<past>(?<![\w’'])(?:{past})(?![\w’']))|(?P<ed>(?<![\w’'])(?-i:[a-z]{{2,}}(?<!e)ed)(?![\w’']))",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _neutral() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w’'])(?:{alternation(lexicon().neutral_cues)})\s+(?:the\s+)?$", re.IGNORECASE)


def tense_at(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> Tense:
    """The tense of the clause around ``text[start:end]`` inside the sentence ``[sentence_start, sentence_end)``."""
    neutral = _neutral().search(text, max(sentence_start, start - 24), start) is not None
    cues = _cues()
    before_from = max(sentence_start, start - _WINDOW)
    last: Tense = "none"
    seen = False
    last_end = before_from
    for match in cues.finditer(text, before_from, start):
        group = match.lastgroup or "modal"
        if group in ("ed", "past") and seen and last != "past" and match.start() - last_end <= _PARTICIPLE_GAP:
            continue  # a participle after "will be" / "would be paid" keeps the modal's reading
        last, seen, last_end = _TENSE_OF[group], True, match.end()
    if neutral:
        return "future" if last == "future" else "nearest"  # "will double by August"; "payable Jan. 2"
    if seen:
        return last
    after = cues.search(text, end, min(sentence_end, end + _AFTER_WINDOW))
    if after is None:
        return "none"
    if " ".join(after.group().lower().split()) in _prospective():
        return "past"  # "On Friday, the government planned to pay": the date is when the plan was made
    return _TENSE_OF[after.lastgroup or "modal"]


@lru_cache(maxsize=1)
def _prospective() -> frozenset[str]:
    return frozenset(lexicon().prospective_cues)


_TENSE_OF: dict[str, Tense] = {"future": "future", "past": "past", "ed": "past", "modal": "nearest"}
