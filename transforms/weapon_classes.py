"""Weapon and military-platform classes: common nouns such as "barrel bombs", "warplanes" or "tanks",
each resolved to one canonical class entity ("barrel bomb", subtype ``weapon_class``; "military
aircraft", subtype ``platform_class``) read from ``transforms/data/weapon_classes.toml``.

Owns the class entries, their matcher and the context rule: a form listed under ``forms`` is military by
itself; a form under ``cue_forms`` (an everyday word: "aircraft", "rockets", "tanks") counts only when its
sentence holds a military cue word, another weapon or platform mention, or a self-standing class form. A
form right after a civilian modifier ("commercial aircraft", "model rockets", "fuel tanks") or right before
a word of ``not_after`` ("submarine cable") is never a mention. Class mentions rank below every named
mention (the caller gives them the weak rank), so "Patriot missiles" stays the named system.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from transforms.gazetteer import SUBTYPE_TYPE, Entry, make_entry

__all__ = ["ClassMatch", "WeaponClasses", "weapon_classes", "expand_form"]

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])|\n")
_WORD_BEFORE = re.compile(r"([A-Za-z][\w'-]*)[ \t]*$")
_WORD_AFTER = re.compile(r"^[ \t]*([A-Za-z][\w'-]*)")


@dataclass(frozen=True, slots=True)
class ClassMatch:
    """A class noun found in a text: character offsets and the class entry it names."""

    start: int
    end: int
    entry: Entry


def expand_form(form: str) -> list[str]:
    """``"barrel bomb(s)"`` -> ``["barrel bomb", "barrel bombs"]``; other forms as they are."""
    return [form[:-3], form[:-3] + "s"] if form.endswith("(s)") else [form]


def _pattern(form: str) -> str:
    parts = [re.escape(word) for word in form.split()]
    body = r"\s+".join(parts).replace(r"\-", r"[-‐‑]")
    first = form[0]
    if first.islower() and not any(c.isupper() for c in form):
        body = f"[{first}{first.upper()}]" + body[1:]
    return body


def _alternation(forms: Iterable[str]) -> re.Pattern[str] | None:
    unique = sorted(set(forms), key=len, reverse=True)
    if not unique:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(_pattern(f) for f in unique) + r")(?![\w-])")


class WeaponClasses:
    """The class entries and a finder for their forms in a text."""

    def __init__(self, data: dict) -> None:
        self.entries: list[Entry] = []
        self._by_form: dict[str, tuple[Entry, bool]] = {}
        self._lower: set[str] = set()
        for item in data.get("class", ()):
            subtype = item["subtype"]
            entry = make_entry(item["name"], SUBTYPE_TYPE[subtype], subtype=subtype,
                               aliases=[f for form in (*item.get("forms", ()), *item.get("cue_forms", ()))
                                        for f in expand_form(form)])
            self.entries.append(entry)
            for key, needs_cue in (("forms", False), ("cue_forms", True)):
                for form in item.get(key, ()):
                    for surface in expand_form(form):
                        self._by_form.setdefault(_fold(surface), (entry, needs_cue))
                        if surface.islower():
                            self._lower.add(_fold(surface))
        self._regex = _alternation(f for f in _forms(data))
        self._cues = _alternation(data.get("cues", ()))
        self._civilian = {w.casefold() for w in data.get("not_before", ())}
        self._not_after = {w.casefold() for w in data.get("not_after", ())}

    def find(self, text: str, anchors: Iterable[tuple[int, int]] = ()) -> list[ClassMatch]:
        """Class mentions in ``text``; ``anchors`` are spans of other weapon or platform mentions (cues)."""
        if self._regex is None:
            return []
        found: list[tuple[int, int, Entry, bool]] = []
        for match in self._regex.finditer(text):
            entry, needs_cue = self._by_form[_fold(match.group())]
            before = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
            after = _WORD_AFTER.match(text[match.end():match.end() + 40])
            if (before and before.group(1).casefold() in self._civilian) or (
                    after and after.group(1).casefold() in self._not_after):
                continue
            if match.group()[0].isupper() and _fold(match.group()) in self._lower and (
                    not _starts_sentence(text, match.start()) or (after and after.group(1)[0].isupper())):
                continue  # "Missile Defense Agency", "the Tank Museum": part of a name
            found.append((match.start(), match.end(), entry, needs_cue))
        if not any(needs_cue for *_, needs_cue in found):
            return [ClassMatch(s, e, entry) for s, e, entry, _ in found]
        bounds = _sentences(text)
        anchored = [*anchors, *((s, e) for s, e, _, cue in found if not cue)]
        out: list[ClassMatch] = []
        for start, end, entry, needs_cue in found:
            if needs_cue:
                s0, s1 = next(((a, b) for a, b in bounds if a <= start < b), (0, len(text)))
                if not (self._cued(text, s0, s1, start, end)
                        or any(s0 <= a < s1 and (a, b) != (start, end) for a, b in anchored)):
                    continue
            out.append(ClassMatch(start, end, entry))
        return out

    def _cued(self, text: str, s0: int, s1: int, start: int, end: int) -> bool:
        if self._cues is None:
            return False
        sentence = text[s0:start] + " " * (end - start) + text[end:s1]
        return self._cues.search(sentence) is not None


def _forms(data: dict) -> Iterator[str]:
    for item in data.get("class", ()):
        for form in (*item.get("forms", ()), *item.get("cue_forms", ())):
            yield from expand_form(form)


def _starts_sentence(text: str, index: int) -> bool:
    head = text[max(0, index - 4):index].rstrip(" \t\"'“‘(")
    return not head or head[-1] in ".!?:\n"


def _fold(surface: str) -> str:
    return re.sub(r"\s+", " ", surface).replace("‐", "-").replace("‑", "-").casefold()


def _sentences(text: str) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        bounds.append((start, match.end()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


@lru_cache(maxsize=1)
def weapon_classes() -> WeaponClasses:
    """The class finder built from ``transforms/data/weapon_classes.toml`` (built once)."""
    raw = resources.files("transforms.data").joinpath("weapon_classes.toml").read_text(encoding="utf-8")
    return WeaponClasses(tomllib.loads(raw))
