"""What surrounds a number and changes its meaning: hedges, bounds, and the contexts that are not quantities.

This module owns ``transforms/quantities/data/quantity_rules.toml``: the qualifier phrases before and after a
number ("about", "at least", "up to", "or more"), the masks of expressions whose digits are not
quantities (dates, times, year spans, phone numbers, URLs, ages), and the designation test
("Type 055", "F-35A", "Resolution 2254", "5th Fleet"). It answers questions about positions in a
text; it builds no records.
"""

from __future__ import annotations

import bisect
import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = [
    "Qualified",
    "Rules",
    "rules",
    "qualifier_before",
    "qualifier_after",
    "masked_spans",
    "Masks",
    "designation_before",
    "year_context",
]

_CAPITALISED_BEFORE = re.compile(r"(?<![\w.'’-])([A-Z][\w.]*(?:-[\w.]+)*|\([A-Z][A-Z0-9-]+\))[ \u00a0]$")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[\s-]+$")
_WORD_AFTER = re.compile(r"\s+([a-z][a-z-]*)")


@dataclass(frozen=True, slots=True)
class Qualified:
    """A qualifier phrase at ``text[start:end]`` and the column value it stands for."""

    start: int
    end: int
    qualifier: str


@dataclass(frozen=True, slots=True)
class Rules:
    """``quantity_rules.toml``, compiled once."""

    before: re.Pattern[str]
    before_map: dict[str, str]
    after: re.Pattern[str]
    after_map: dict[str, str]
    approximate: frozenset[str]
    mask: re.Pattern[str]
    not_designators: frozenset[str]
    year_prepositions: frozenset[str]
    object_stop: frozenset[str]
    object_drop: frozenset[str]
    object_max_words: int
    of_determiners: tuple[str, ...]
    change_words: frozenset[str]
    year_nouns: frozenset[str]


def _phrases(table: dict[str, list[str]]) -> tuple[dict[str, str], str]:
    mapping = {phrase.lower(): name for name, phrases in table.items() for phrase in phrases}
    alternation = "|".join(
        r"\s+".join(re.escape(part) for part in phrase.split()) for phrase in sorted(mapping, key=len, reverse=True)
    )
    return mapping, alternation


@functools.cache
def rules() -> Rules:
    doc: dict[str, Any] = tomllib.loads(
        resources.files("transforms.quantities.data").joinpath("quantity_rules.toml").read_text("utf-8")
    )
    qualifiers = doc["qualifiers"]
    before_map, before_alt = _phrases(qualifiers["before"])
    after_map, after_alt = _phrases(qualifiers["after"])
    masks = doc["masks"]
    month = masks["month"]
    mask = "|".join(f"(?:{pattern.format(month=month)})" for pattern in masks["patterns"])
    objects = doc["objects"]
    return Rules(
        before=re.compile(rf"(?:(?<![\w.])|(?<=[~≈]))({before_alt})[ \u00a0]*$", re.IGNORECASE),
        before_map=before_map,
        after=re.compile(rf"[ \u00a0]*({after_alt})(?![\w+])", re.IGNORECASE),
        after_map=after_map,
        approximate=frozenset(qualifiers["approximate"]),
        mask=re.compile(mask),
        not_designators=frozenset(w.lower() for w in doc["designations"]["not_designators"]),
        year_prepositions=frozenset(doc["designations"]["year_prepositions"]),
        object_stop=frozenset(w.lower() for w in objects["stop"]),
        object_drop=frozenset(w.lower() for w in objects["drop_leading"]),
        object_max_words=int(objects["max_words"]),
        of_determiners=tuple(sorted(objects["of_determiners"], key=len, reverse=True)),
        change_words=frozenset(doc["ranges"]["change_words"]),
        year_nouns=frozenset(doc["designations"]["year_nouns"]),
    )


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def qualifier_before(text: str, pos: int, floor: int) -> Qualified | None:
    """The hedge or bound written right before ``pos`` ("about ", "at least ", "~"), not before ``floor``."""
    lo = max(floor, pos - 30)
    window = text[lo:pos]
    m = rules().before.search(window)
    if m is None:
        return None
    name = rules().before_map.get(_key(m.group(1)))
    return Qualified(lo + m.start(1), pos, name) if name else None


def qualifier_after(text: str, pos: int) -> Qualified | None:
    """A bound written right after a number ending at ``pos`` ("or more", "-plus", "+", "or so")."""
    m = rules().after.match(text, pos)
    if m is None:
        return None
    name = rules().after_map.get(_key(m.group(1)))
    return Qualified(pos, m.end(), name) if name else None


class Masks:
    """The spans of ``text`` whose digits are not quantities (dates, times, phones, URLs, ages, entities).

    The mask patterns run one line at a time, on the lines a caller asks about, the first time it
    asks: most lines of an article hold no number, and none of these expressions spans a line break.
    """

    __slots__ = ("_text", "_spans", "_scanned", "_starts", "_ends")

    def __init__(self, text: str, extra: list[tuple[int, int]]) -> None:
        self._text = text
        self._spans = list(extra)
        self._scanned: set[int] = set()  # the start offsets of the lines already scanned
        self._merge()

    def covers(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` overlaps a masked span."""
        self._scan(start, max(start, end - 1))
        i = bisect.bisect_left(self._starts, end) - 1
        return i >= 0 and self._ends[i] > start

    def _scan(self, first: int, last: int) -> None:
        """Run the mask patterns over the lines holding offsets ``first`` to ``last``, once each."""
        text, found = self._text, False
        line = text.rfind("\n", 0, first) + 1
        while True:
            stop = text.find("\n", line)
            stop = len(text) if stop < 0 else stop
            if line not in self._scanned:
                self._scanned.add(line)
                for m in rules().mask.finditer(text, line, stop):
                    self._spans.append(m.span())
                    found = True
            if stop >= last or stop >= len(text):
                break
            line = stop + 1
        if found:
            self._merge()

    def _merge(self) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(self._spans):
            if merged and start < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            elif end > start:
                merged.append((start, end))
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]


def masked_spans(text: str, extra: list[tuple[int, int]] = []) -> Masks:  # noqa: B006 - read only
    return Masks(text, list(extra))


def designation_before(text: str, start: int, *, strict: bool) -> bool:
    """True when what precedes the digits at ``start`` makes them part of a name.

    ``strict``: only what glues to the digits ("F-35", "A400M", "J1149.5+6663"); otherwise also a
    capitalised word that is not an ordinary sentence opener ("Type 055", "Boeing 737"), which the
    caller tests only for bare numbers (no unit, currency or percent).
    """
    before = text[start - 1] if start > 0 else " "
    if strict:
        return before.isalnum() or before in "_/" or (before in "-+" and start > 1 and text[start - 2].isalnum())
    m = _CAPITALISED_BEFORE.search(text, max(0, start - 30), start)
    if m is not None:
        word = m.group(1).rstrip(".").lower()
        return word.startswith("(") or word not in rules().not_designators
    return False


def year_context(text: str, start: int, end: int) -> bool:
    """True when a bare four-digit number in 1600-2099 reads as a year.

    News style writes counts from 1,000 up with a separator ("2,000 troops"), so a bare "2014" is a
    year, unless it is followed by a plural noun and not preceded by a word that introduces a year
    ("in", "since", "the", "quarter"): "2000 troops" is a count, "the 2014 elections" a year.
    """
    m = _WORD_BEFORE.search(text, max(0, start - 20), start)
    if m is not None and m.group(1).lower() in rules().year_prepositions:
        return True
    after = _WORD_AFTER.match(text, end)
    if after is None or after.group(1) in rules().object_stop:
        return True
    word = after.group(1)
    return not (word.endswith("s") and not word.endswith(("ss", "us", "is")) and word not in rules().year_nouns)
