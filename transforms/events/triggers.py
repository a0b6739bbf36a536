"""The cue words of a sentence that report an incident: every match of ``data/event_cues.toml`` in an
article, and the heaviest one of a sentence or of a clause, leaving out cues said of what can or would
happen ("can launch"), of what is habitual ("routinely patrols") or denied ("will not use"), and cues
capitalised inside a name ("Strike Fighting Squadron")."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from transforms.events.cue_words import Cue, cue_pattern, event_cues
from transforms.sentences import Sentence

__all__ = ["Found", "Hit", "VIOLENT", "best_cue", "cue_hits"]

VIOLENT = frozenset({"battles", "explosions_remote_violence", "violence_against_civilians", "platform_loss", "riots"})
_HARM_BONUS = 1.5
_IRREALIS = re.compile(
    r"\b(?:can|could|may(?!\s+\d)|might|would|should|must|able to|designed to|designed for|capable of|"
    r"typically|usually|routinely|regularly|frequently|often|not|never|"
    r"for rapid|for quick|intended to|plans? to|proposal to|threatened to)\b(?:\s+[\w-]+){0,2}\s+$",
    re.IGNORECASE,
)

# a verb in a "before ..." phrase names a later act that dates the sentence's own ("Prior to deploying, the
# group completed an exercise": the exercise is reported, the deployment is another incident)
_LATER = re.compile(r"\b(?:prior to|before|ahead of)\s+$", re.IGNORECASE)

Hit = tuple[int, int, Cue]


@dataclass(frozen=True, slots=True)
class Found:
    """The cue that gives an incident its type: the cue and where its words lie in the article."""

    cue: Cue
    at: int
    end: int


def cue_hits(text: str) -> list[Hit]:
    """Every cue match of the text, sorted by start (one pass of ``cue_pattern`` over the whole text). Where
    later cues share the words of the one that matched ("launched": shelling where hostile, else a
    launch), they are hits too, so that one whose needs fail leaves the place to the next."""
    cues = event_cues()
    hits = []
    for m in cue_pattern().finditer(text.lower()):
        first = int((m.lastgroup or "c0")[1:])
        hits.append((m.start(), m.end(), cues[first]))
        for cue in cues[first + 1 :]:
            if (also := cue.pattern.match(text, m.start())) is not None:
                hits.append((m.start(), also.end(), cue))
    return hits


def _at(hit: Hit) -> int:
    return hit[0]


def best_cue(
    text: str,
    hits: list[Hit],
    sentence: Sentence,
    types: set[str],
    harmed: bool,
    title: bool,
    span: tuple[int, int] | None = None,
) -> Found | None:
    """The heaviest cue of the sentence (or of its part ``span``); a violent one weighs more where people
    were killed or hurt.

    A cue said of what can or would happen ("can launch", "designed for rapid deployment") reports no
    incident, nor one capitalised inside a name ("Strike Fighting Squadron") outside a title line."""
    start, end = span or (sentence.start, sentence.end)
    best: Found | None = None
    best_weight = 0.0
    for at, stop, cue in hits[bisect.bisect_left(hits, start, key=_at) :]:
        if at >= end:
            break
        if cue.needs and not cue.needs & types:
            continue
        if _IRREALIS.search(text, max(sentence.start, at - 40), at):
            continue
        if text[at:stop].lower().endswith("ing") and _LATER.search(text, max(sentence.start, at - 12), at):
            continue
        if not title and at > sentence.start and text[at].isupper() and text[at - 2 : at] not in ('" ', "“ ", ": "):
            continue
        weight = cue.weight + (_HARM_BONUS if harmed and cue.event_type in VIOLENT else 0.0)
        if best is None or weight > best_weight or (weight == best_weight and at < best.at):
            best, best_weight = Found(cue, at, stop), weight
    return best
