"""What a count counts, and what happened to it: the counted noun phrase and casualty events.

This module owns the reading of the words around a number that say what is counted ("27 Houthi
fighters", "12 F-35A jets", "a quarter of its tanks", "hundreds of thousands of Syrians") and the
casualty and status language of ``transforms/quantities/data/casualty_events.toml`` ("at least 17 killed",
"killing 12 soldiers", "left 40 wounded", "about 250 still missing", "the death toll rose to 45").
It answers questions about positions in a text; ``transforms.quantities.claims`` builds the records.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any, Protocol

from transforms.quantities.context import rules

__all__ = ["EntitySpanLike", "Counted", "counted_phrase", "casualty_event", "entity_inside"]

_TOKEN = re.compile(r"[ \u00a0]+([A-Za-z](?:\.[A-Za-z])+\.?|[A-Za-z][\w'’.&/-]*[\w]|[A-Za-z])(?=$|[\s,.;:!?)\]\"'”’])")
_OF = re.compile(r"[ \u00a0]+of(?=[ \u00a0])", re.IGNORECASE)


class EntitySpanLike(Protocol):
    """An entity mention found by the caller: offsets into the same text, its type and canonical id."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def type(self) -> str: ...

    @property
    def entity_id(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Counted:
    """The counted phrase at ``text[start:end]``, as written, and the event its head noun implies."""

    start: int
    end: int
    text: str
    noun_event: str | None


@dataclass(frozen=True, slots=True)
class _Events:
    after: re.Pattern[str]
    after_map: dict[str, str]
    before: re.Pattern[str]
    before_map: dict[str, str]
    nouns: dict[str, str]
    toll: re.Pattern[str]
    toll_event: str


def _alternation(phrases: list[str]) -> str:
    return "|".join(
        r"\s+".join(re.escape(p) for p in phrase.split()) for phrase in sorted(set(phrases), key=len, reverse=True)
    )


@functools.cache
def _events() -> _Events:
    doc: dict[str, Any] = tomllib.loads(
        resources.files("transforms.quantities.data").joinpath("casualty_events.toml").read_text("utf-8")
    )
    after_map: dict[str, str] = {}
    before_map: dict[str, str] = {}
    nouns: dict[str, str] = {}
    for event, table in doc["events"].items():
        for phrase in table.get("after", []):
            after_map.setdefault(" ".join(phrase.lower().split()), event)
        for phrase in table.get("before", []):
            before_map.setdefault(" ".join(phrase.lower().split()), event)
        for phrase in table.get("nouns", []):
            nouns.setdefault(" ".join(phrase.lower().split()), event)
    helpers = _alternation(doc["helpers"])
    return _Events(
        after=re.compile(
            rf"(?:,?\s+(?:{helpers})(?![\w-])){{0,3}},?\s+({_alternation(list(after_map))})(?![\w-])", re.IGNORECASE
        ),
        after_map=after_map,
        before=re.compile(rf"(?<![\w-])({_alternation(list(before_map))})[ \u00a0]+$", re.IGNORECASE),
        before_map=before_map,
        nouns=nouns,
        toll=re.compile(doc["toll"]["pattern"], re.IGNORECASE),
        toll_event=str(doc["toll"]["event"]),
    )


@functools.cache
def _determiners() -> re.Pattern[str]:
    return re.compile(rf"[ \u00a0]+(?:{_alternation(list(rules().of_determiners))})(?=[ \u00a0])", re.IGNORECASE)


def _is_plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s"))


def counted_phrase(text: str, pos: int, *, direct: bool, max_words: int | None = None) -> Counted | None:
    """The noun phrase counted by a number ending at ``pos``.

    "of [determiner] NP" is always read ("70 of the soldiers", "a quarter of its tanks"); a noun
    phrase right after the number only when ``direct`` ("27 Houthi fighters").
    """
    of = _OF.match(text, pos)
    if of is not None:
        det = _determiners().match(text, of.end())
        cursor = det.end() if det is not None else of.end()
        found = _noun_phrase(text, cursor, max_words or rules().object_max_words)
        if found is not None:
            return found
    return _noun_phrase(text, pos, max_words or rules().object_max_words) if direct else None


def _noun_phrase(text: str, pos: int, max_words: int) -> Counted | None:
    r = rules()
    events = _events()
    words: list[tuple[int, int, str]] = []
    cursor = pos
    while len(words) < max_words:
        m = _TOKEN.match(text, cursor)
        if m is None:
            break
        word = m.group(1)
        lower = word.lower()
        if not words and lower in r.object_drop:
            cursor = m.end()
            continue
        if lower in r.object_stop or lower in events.after_map or lower.endswith("ly"):
            if not (lower in events.nouns and words):
                break
        if words and lower.endswith(("ed", "ing")) and not word[0].isupper():
            break
        words.append((m.start(1), m.end(1), word))
        cursor = m.end()
        if _is_plural(lower) or lower in events.nouns:
            break
    while words and (words[-1][2].lower().endswith(("ed", "ing")) and not words[-1][2][0].isupper()):
        words.pop()
    if not words:
        return None
    start, end = words[0][0], words[-1][1]
    phrase = text[start:end]
    key = " ".join(phrase.lower().split())
    noun_event = events.nouns.get(key) or events.nouns.get(words[-1][2].lower())
    return Counted(start, end, phrase, noun_event)


def casualty_event(text: str, start: int, after: int, noun_event: str | None) -> str | None:
    """The event of a count spanning ``text[start:...]`` whose phrase ends at ``after``, or None."""
    events = _events()
    m = events.after.match(text, after)
    if m is not None:
        return events.after_map[" ".join(m.group(1).lower().split())]
    if noun_event is not None:
        return noun_event
    lo = max(0, start - 60)
    b = events.before.search(text, lo, start)
    if b is not None and b.end() == start:
        return events.before_map[" ".join(b.group(1).lower().split())]
    if events.toll.search(text[lo:start]):
        return events.toll_event
    return None


def entity_inside(entities: list[EntitySpanLike], start: int, end: int) -> str | None:
    """The id of the last entity mention lying inside ``[start, end)`` that has one."""
    found: str | None = None
    for entity in entities:
        if entity.start >= start and entity.end <= end and entity.entity_id:
            found = entity.entity_id
        elif entity.start >= end:
            break
    return found
