"""The events stage in one call: casualty claims by clause, then incidents, then the quantity stage's
casualty ``event`` corrected by the claims.

Where the sentences were parsed, a count's ``event`` in the quantities table is the status its claim
states (in the quantity stage's words: ``injured`` is ``wounded``), or none when the clause says the
number counts no people with a status ("12 towns", "two videos").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from schemas.entities import Entity, Mention
from schemas.events import CasualtyClaim, Event
from schemas.quantities import Quantity
from schemas.temporal import TemporalExpression
from transforms.events.casualties import cue_sentences, read_claims
from transforms.events.detect import detect_events
from transforms.events.parse import ClauseParser
from transforms.sentences import Sentence

__all__ = ["EventsFound", "find_events"]

_CASUALTY_EVENTS = frozenset({"killed", "wounded", "captured", "missing", "rescued", "displaced"})
_QUANTITY_WORD = {"injured": "wounded"}


@dataclass(frozen=True, slots=True)
class EventsFound:
    claims: tuple[CasualtyClaim, ...]
    events: tuple[Event, ...]
    quantities: tuple[Quantity, ...]  # the input quantities, their casualty event read by clause


def find_events(
    text: str,
    *,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    entities: Sequence[Entity],
    quantities: Sequence[Quantity],
    dates: Sequence[TemporalExpression],
    published: dt.date | None,
    parser: ClauseParser | None,
    language: str | None = None,
) -> EventsFound:
    """Claims and incidents of ``text``; never raises on any text."""
    by_id = {e.entity_id: e for e in entities}
    claims = read_claims(text, sentences, quantities, mentions, by_id, parser, language)
    events = detect_events(text, sentences, mentions, by_id, quantities, dates, claims, published, language)
    if parser is not None:
        quantities = _corrected(text, sentences, quantities, claims)
    return EventsFound(tuple(claims), tuple(events), tuple(quantities))


def _corrected(
    text: str, sentences: Sequence[Sentence], quantities: Sequence[Quantity], claims: Sequence[CasualtyClaim]
) -> list[Quantity]:
    parsed = cue_sentences(text, sentences, quantities)
    status = {(c.start, c.end): c.status for c in claims}
    out = []
    for q in quantities:
        claim = status.get((q.start, q.end))
        if claim is not None:
            q = replace(q, event=_QUANTITY_WORD.get(claim, claim))
        elif q.event in _CASUALTY_EVENTS and any(s.start <= q.start < s.end for s in parsed):
            q = replace(q, event=None)
        out.append(q)
    return out
