"""The word lists of the events stage, read once from ``data/``: the casualty and status language of
``claim_words.toml`` and the event cues of ``event_cues.toml``.

It answers questions about words (which status a verb's lemma states, which sector a noun names,
which cue a sentence holds); ``casualties`` and ``detect`` read the clauses.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any, cast

from schemas.events import ClaimStatus, Sector

__all__ = [
    "ClaimWords",
    "claim_words",
    "Cue",
    "event_cues",
    "cue_pattern",
    "feature_words",
    "CUE_PREFILTER",
    "one_person",
    "ship_prefixes",
    "ship_navies",
]


def _load(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("transforms.events.data").joinpath(name).read_text("utf-8"))


def _invert(table: dict[str, list[str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, words in table.items():
        for word in words:
            out.setdefault(" ".join(word.lower().split()), key)
    return out


@dataclass(frozen=True, slots=True)
class ClaimWords:
    """``claim_words.toml``: lemma -> status for verbs, intransitives and nouns; noun -> sector."""

    verbs: dict[str, ClaimStatus]
    intransitive: dict[str, ClaimStatus]
    nouns: dict[str, ClaimStatus]
    tolls: dict[str, ClaimStatus]
    people: dict[str, Sector]

    def sector(self, words: list[str]) -> tuple[bool, Sector | None]:
        """Whether the noun phrase ending in ``words`` (lower-case lemmas) counts people, and their sector.

        The longest ending that is listed decides ("police officer" before "officer"); the generic
        words ("people", "others") count people of no known sector."""
        for size in (3, 2, 1):
            if len(words) >= size:
                key = " ".join(words[-size:])
                if key in self.people:
                    sector = self.people[key]
                    return True, None if sector == "other" else sector
        return False, None


@functools.cache
def claim_words() -> ClaimWords:
    doc = _load("claim_words.toml")
    return ClaimWords(
        verbs=cast(dict[str, ClaimStatus], _invert(doc["verbs"])),
        intransitive=cast(dict[str, ClaimStatus], _invert(doc["intransitive"])),
        nouns=cast(dict[str, ClaimStatus], _invert(doc["nouns"])),
        tolls=cast(dict[str, ClaimStatus], _invert(doc["tolls"])),
        people=cast(dict[str, Sector], _invert(doc["people"])),
    )


CUE_PREFILTER = re.compile(
    r"\b(?:kill|slain|slay|execut|murder|massacr|behead|assassinat|die[ds]?\b|dead|death|perish|wound|injur|hurt|"
    r"maim|hospitali|captur|abduct|kidnap|prisoner|pows?\b|hostage|captive|arrest|detain|apprehend|rescu|evacu|"
    r"releas|freed|frees?\b|freeing|repatriat|swap|exchang|missing|disappear|unaccounted|displac|fled|flee|"
    r"refugee|toll|drown|fatalit|bodies|surrender|jail|imprison|shot\b|shoot|lives\b|life\b)",
    re.IGNORECASE,
)
"""The words without which a sentence holds no casualty or status claim: only these sentences are parsed."""


@functools.cache
def one_person() -> re.Pattern[str]:
    """ "a soldier", "one civilian", "another sailor": one person named without a number."""
    words = sorted((w for w in claim_words().people if " " not in w), key=len, reverse=True)
    return re.compile(
        rf"\b(?:a|an|one|another)\s+(?:[\w-]+\s+){{0,2}}?(?:{'|'.join(map(re.escape, words))})\b", re.IGNORECASE
    )


@dataclass(frozen=True, slots=True)
class Cue:
    """One event cue: a compiled pattern of its words, the event type and subtype it signals, its weight."""

    event_type: str
    subtype: str
    pattern: re.Pattern[str]
    weight: float
    needs: frozenset[str]  # what the sentence must hold one of: entity types, money, casualty, military
    words: str = ""  # the alternation of its words, lower case


@functools.cache
def event_cues() -> tuple[Cue, ...]:
    doc = _load("event_cues.toml")
    cues = []
    for entry in doc["cue"]:
        words = "|".join(sorted((w for w in entry["words"]), key=len, reverse=True))
        cues.append(
            Cue(
                event_type=entry["type"],
                subtype=entry["subtype"],
                pattern=re.compile(rf"\b(?<!-)(?:{words})(?![\w-])", re.IGNORECASE),
                weight=float(entry.get("weight", 1.0)),
                needs=frozenset(entry.get("needs", [])),
                words=words.lower(),
            )
        )
    return tuple(cues)


@functools.cache
def cue_pattern() -> re.Pattern[str]:
    """Every cue in one pattern over lower-case text, group ``c<i>`` for ``event_cues()[i]``: one pass over
    an article instead of one per cue. Where two cues match at one place, the first listed wins."""
    groups = "|".join(f"(?P<c{i}>{cue.words})" for i, cue in enumerate(event_cues()))
    return re.compile(rf"\b(?<!-)(?:{groups})(?![\w-])")


@functools.cache
def feature_words() -> dict[str, re.Pattern[str]]:
    """The ``[features]`` of ``event_cues.toml``: the words that make a sentence about armed forces
    (``military``), hostile (``hostile``) or about testing (``testing``)."""
    return {name: re.compile(str(p), re.IGNORECASE) for name, p in _load("event_cues.toml")["features"].items()}


@functools.cache
def ship_prefixes() -> dict[str, str]:
    """``data/ship_prefixes.toml``: a navy's ship prefix ("USS") to its country ("USA")."""
    return {str(k): str(v) for k, v in _load("ship_prefixes.toml")["prefixes"].items()}


@functools.cache
def ship_navies() -> dict[str, str]:
    """``data/ship_prefixes.toml``'s ``[navies]``: a ship prefix ("USS") to the force it names ("U.S. Navy")."""
    return {str(k): str(v) for k, v in _load("ship_prefixes.toml")["navies"].items()}
