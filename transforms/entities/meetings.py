"""Named meetings: a run of capitalised words closed by a meeting's head noun ("the Space and Missile Defense
Symposium", "the Shangri-La Dialogue") is one EVENT, "and", "of", "on" and "for" inside it. The model cuts
such names at "and" and reads the halves as places or bodies ("Space", "Missile Defense Symposium"). A year
written before the name is not part of it. A name with a word the gazetteers know ("NATO Summit", "Manama
Dialogue") is left to the other steps: the news golds annotate the body or the place in it. A "Forum" is no
head: as often a body ("World Economic Forum", "Pacific Islands Forum"). Not a meeting: the tail of a longer
name ("Organisation of the Islamic Conference"), a name that goes on ("National Conference of Bishops", "World
Conference on Women"), a town before its state ("Lees Summit, Mo.")."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from transforms.entities.gazetteer import Entry, read_data
from transforms.entities.military_patterns import PatternMatch

__all__ = ["meeting_names"]

_WORD = r"(?!(?:The|A|An|This|That|Our|Its|At|In|On|During|For)\b)[A-Z][\w’'-]*"
_MEETING = re.compile(
    rf"\b{_WORD}(?:[ ]+(?:(?:and|of|on|for)[ ]+)?{_WORD}){{0,6}}?[ ]+"
    r"(?:Symposium|Conference|Summit|Expo|Exposition|Dialogue)\b(?![ ]+[A-Z])"
)
_LONGER_BEFORE = re.compile(r"[A-Z][\w’'-]*[ ]+(?:of|for|on)[ ]+(?:the[ ]+)?$")


@lru_cache(maxsize=1)
def _name_goes_on() -> re.Pattern[str]:
    """ "of", "on" or "for" and a capital after the name, not a day or a month ("... Symposium on Tuesday")."""
    calendar = "|".join(w for w in read_data("context.toml")["calendar"] if not w.endswith("."))
    return re.compile(rf"[ ]+(?:of|on|for)[ ]+(?:the[ ]+)?(?!(?:{calendar})\b)[A-Z]")


@lru_cache(maxsize=1)
def _state_after() -> re.Pattern[str]:
    """A U.S. state after a comma, as news style writes it after a town ("Lees Summit, Mo.", "Lees Summit , Mo .")."""
    forms = sorted(read_data("context.toml")["state_abbreviations"], key=len, reverse=True)
    spelled = "|".join(re.escape(f.rstrip(".")) + r"[ ]?\." if f.endswith(".") else re.escape(f) for f in forms)
    return re.compile(rf"[ ]?,[ ]+(?:{spelled})")


def meeting_names(text: str, lookup: Callable[[str], Entry | None] = lambda name: None) -> list[PatternMatch]:
    """Each named meeting of ``text`` as one EVENT (see the module); not one with a word that ``lookup`` knows
    ("NATO Summit", "UK-France Summit", "Manama Dialogue"): the body or place it names stays a mention of its
    own, as the news golds annotate it."""
    return [
        PatternMatch(m.start(), m.end(), "EVENT", "meeting", m.group())
        for m in _MEETING.finditer(text)
        if not _LONGER_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
        and not _name_goes_on().match(text, m.end())
        and not _state_after().match(text, m.end())
        and not any(lookup(w) is not None for w in re.split(r"[ -]+", m.group())[:-1])
    ]
