"""The clauses of a sentence that each report an incident of their own: "X departed on May 1 while Y
departed on June 8", "Since leaving port on <date>, the group has completed <an exercise>, conducted
<operations> and made a port visit to <place>", "<an operation> in retaliation for <an attack>".

A sentence is cut at clause boundaries (a semicolon; "while"; ", and" / ", but"; "in retaliation for",
"in response to"; a comma or "and" right before a verb in the past tense; the comma closing an opening
"Since/After/Before/Following ..." phrase). Each part whose heaviest cue (``transforms.events.triggers``)
passes is a clause of its own; a part with no cue belongs to the clause before it; at the start of the
sentence it is left out of every clause (who reports, "the spokesman added that ..."), its date still read by the
clauses after it. A part whose cue is of the same type and subtype as the clause
before it is a clause of its own only when it names something of its own (a party, platform or place):
"conducted flight operations and drills" stays one exercise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from schemas.entities import Mention
from schemas.events import Event
from transforms.events.triggers import Found
from transforms.sentences import Sentence

__all__ = ["Clause", "clauses", "subjectless", "with_subject"]

_PAST = (
    r"(?:[a-z]{3,}ed|made|took|began|held|flew|sent|shot|left|struck|fired|hit|sank|won|signed|sold|led|met|"
    r"fought|built|brought|bought|seized|drove|threw|withdrew|arrived|returned)\b"
)
_BOUNDARY = re.compile(
    r";\s+(?:and\s+|while\s+)?"
    r"|,?\s+while\s+"
    r"|,\s+(?:and|but)\s+"
    r"|,?\s+(?:in retaliation for|in response to)\s+"
    rf"|(?:,\s+|\s+and\s+)(?={_PAST})"
)
_OPENER = re.compile(r"(?:Since|After|Before|Following|Upon)\s[^,;]{3,80}?,\s+")

_VERB_FIRST = re.compile(_PAST)
_HOW = frozenset({"WEAPON", "VEHICLE"})
Clause = tuple[int, int, Found]


def _parts(text: str, sentence: Sentence) -> list[tuple[int, int]]:
    cuts: list[tuple[int, int]] = []
    opener = _OPENER.match(text, sentence.start, sentence.end)
    if opener is not None:
        cuts.append((text.rindex(",", opener.start(), opener.end()), opener.end()))
    after = cuts[-1][1] if cuts else sentence.start
    cuts += [(m.start(), m.end()) for m in _BOUNDARY.finditer(text, after, sentence.end)]
    parts, at = [], sentence.start
    for a, b in cuts:
        if a > at:
            parts.append((at, a))
        at = b
    if at < sentence.end:
        parts.append((at, sentence.end))
    return parts


def clauses(
    text: str,
    sentence: Sentence,
    cue_of: Callable[[tuple[int, int]], Found | None],
    mentions: Sequence[Mention],
) -> list[Clause]:
    """The clauses of ``sentence`` with the cue of each, in order; ``cue_of`` gives the heaviest passing cue
    of a span. Fewer than two clauses means the sentence reports one incident at most."""
    found: list[list[object]] = []  # [start, end, cue or None]
    for start, end in _parts(text, sentence):
        cue = cue_of((start, end))
        if cue is not None and found and found[-1][2] is not None:
            last = found[-1][2]
            assert isinstance(last, Found)
            same = (last.cue.event_type, last.cue.subtype) == (cue.cue.event_type, cue.cue.subtype)
            if same and not _names_something(start, end, mentions):
                cue = None
        if cue is None and found:
            found[-1][1] = end
        elif found and found[-1][2] is None:  # a leading part with no cue ("the spokesman added that ...") is left out
            found[-1][:] = [start, end, cue]
        else:
            found.append([start, end, cue])
    return [
        (int(s), int(e), c) for s, e, c in found if isinstance(c, Found) and isinstance(s, int) and isinstance(e, int)
    ]


def _names_something(start: int, end: int, mentions: Sequence[Mention]) -> bool:
    """A party, platform or place of its own (a weapon is how, a date when: neither makes a second incident)."""
    return any(start <= m.start < end and m.type not in _HOW for m in mentions)


def subjectless(text: str, start: int, sentence: Sentence) -> bool:
    """A clause that opens on its verb ("..., conducted operations") or is an opening "Since ..." phrase:
    its subject is the sentence's."""
    return _VERB_FIRST.match(text, start) is not None or (
        start == sentence.start and _OPENER.match(text, start, sentence.end) is not None
    )


def with_subject(event: Event, sentence_event: Event) -> Event:
    """A clause with no subject of its own: the subject of its sentence ("Since leaving port, the group has
    ...", "..., and made a port visit")."""
    if sentence_event.actor1_text in (event.actor2_text, event.place_text):
        return event
    return replace(
        event,
        actor1_entity_id=sentence_event.actor1_entity_id,
        actor1_text=sentence_event.actor1_text,
        actor1_country=sentence_event.actor1_country,
        actor1_sector=sentence_event.actor1_sector,
    )
