"""Weapon and military-platform classes: common nouns such as "barrel bombs", "warplanes" or "tanks",
each resolved to one canonical class entity ("barrel bomb", subtype ``weapon_class``; "military
aircraft", subtype ``platform_class``) read from ``transforms/entities/data/weapon_classes.toml``.

Owns the class entries, their matcher and the context rule: a form listed under ``forms`` is military by
itself; a form under ``cue_forms`` (an everyday word: "aircraft", "rockets", "tanks") counts only when its
sentence holds a military cue word, another weapon or platform mention, or a self-standing class form. A
form right after a civilian modifier ("commercial aircraft", "model rockets", "fuel tanks") or right before
a word of ``not_after`` ("submarine cable") is never a mention, nor are a class's own ``not_before`` /
``not_after`` words ("open arms", "weapons inspectors"), nor a singular count noun that modifies the noun after
it ("missile defense", "weapon prototype": a lower-case content word follows that is not a verb). Class
mentions rank below every named mention (``class_candidates`` gives them the weak rank), so "Patriot missiles"
stays the named system.

A name right before a class noun names a system of that class, whatever the model made of it: "Toophan" of
"Toophan missiles", "Zelzal" of "Zelzal rockets", "XQ-58" of "XQ-58 drones" is a WEAPON or PLATFORM mention
(rank ``rule``), and the class noun is its head, not a mention of its own (as after a gazetteer name). The
name is one or two capitalised words or a designation, not the first word of a sentence (unless it holds a
digit), not a known entity of another type, and not a generic word ("Navy", "Monday").
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.lang.en.stop_words import STOP_WORDS

from transforms.entities.coreference import Candidate
from transforms.entities.gazetteer import SUBTYPE_TYPE, Entry, make_entry, normalize

__all__ = ["ClassMatch", "WeaponClasses", "weapon_classes", "expand_form", "class_candidates"]

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])|\n")
_WORD_BEFORE = re.compile(r"([A-Za-z][\w'-]*)[ \t]*$")
_WORD_AFTER = re.compile(r"^[ \t]*([A-Za-z][\w'-]*)")
_TOKEN = re.compile(r"[^\W_][\w‐‑-]*")


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
    return re.compile(r"(?<![\w‐‑-])(?:" + "|".join(_pattern(f) for f in unique) + r")(?![\w‐‑-])")


class WeaponClasses:
    """The class entries and a finder for their forms in a text."""

    def __init__(self, data: dict) -> None:
        self.entries: list[Entry] = []
        self._by_form: dict[str, tuple[Entry, bool, int]] = {}
        self._own: list[tuple[frozenset[str], frozenset[str]]] = []  # per class: its not_before, not_after
        self._lower: set[str] = set()
        for item in data.get("class", ()):
            subtype = item["subtype"]
            entry = make_entry(
                item["name"],
                SUBTYPE_TYPE[subtype],
                subtype=subtype,
                wikidata_id=item.get("wikidata"),
                aliases=[f for form in (*item.get("forms", ()), *item.get("cue_forms", ())) for f in expand_form(form)],
            )
            self.entries.append(entry)
            self._own.append(
                (
                    frozenset(w.casefold() for w in item.get("not_before", ())),
                    frozenset(w.casefold() for w in item.get("not_after", ())),
                )
            )
            for key, needs_cue in (("forms", False), ("cue_forms", True)):
                for form in item.get(key, ()):
                    for surface in expand_form(form):
                        self._by_form.setdefault(_fold(surface), (entry, needs_cue, len(self._own) - 1))
                        if surface.islower():
                            self._lower.add(_fold(surface))
        self._regex = _alternation(f for f in _forms(data))
        self._first_words = {_fold(f.split()[0]) for f in _forms(data)}  # only these tokens can start a form
        self._cues = _alternation(data.get("cues", ()))
        self._civilian = {w.casefold() for w in data.get("not_before", ())}
        self._not_after = {w.casefold() for w in data.get("not_after", ())}
        self._verbs = frozenset(w.casefold() for w in data.get("verbs_after", ()))
        # singular count nouns ("missile" beside "missiles"), not mass nouns or agents ("sarin attack")
        self._countable = frozenset(f for f in self._by_form if f + "s" in self._by_form)

    def find(self, text: str, anchors: Iterable[tuple[int, int]] = ()) -> list[ClassMatch]:
        """Class mentions in ``text``; ``anchors`` are spans of other weapon or platform mentions (cues)."""
        if self._regex is None:
            return []
        found: list[tuple[int, int, Entry, bool]] = []
        for match in self._matches(text):
            entry, needs_cue, index = self._by_form[_fold(match.group())]
            own_before, own_after = self._own[index]
            before = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
            after = _WORD_AFTER.match(text[match.end() : match.end() + 40])
            word_before = before.group(1).casefold() if before else ""
            word_after = after.group(1).casefold() if after else ""
            if (
                word_before in self._civilian
                or word_before in own_before
                or word_after in self._not_after
                or word_after in own_after
                or self._modifier(match.group(), text[match.end() : match.end() + 40])
            ):
                continue
            if (
                match.group()[0].isupper()
                and _fold(match.group()) in self._lower
                and (not _starts_sentence(text, match.start()) or (after and after.group(1)[0].isupper()))
            ):
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
                if not (
                    self._cued(text, s0, s1, start, end)
                    or any(s0 <= a < s1 and (a, b) != (start, end) for a, b in anchored)
                ):
                    continue
            out.append(ClassMatch(start, end, entry))
        return out

    def _matches(self, text: str) -> Iterator[re.Match[str]]:
        """What ``self._regex.finditer(text)`` finds, trying the regex only at tokens that can start a form."""
        assert self._regex is not None
        done = 0
        for token in _TOKEN.finditer(text):
            if token.start() >= done and _fold(token.group()) in self._first_words:
                match = self._regex.match(text, token.start())
                if match is not None:
                    done = match.end()
                    yield match

    def _modifier(self, form: str, after: str) -> bool:
        """Whether a singular count noun of a class modifies the noun after it ("missile defense commander", "weapon
        prototype", "bomb attack"): the next word is a lower-case content word, not a verb ("the missile hit")."""
        if _fold(form) not in self._countable or not after[:1] == " ":
            return False
        word = re.match(r" ([a-z][a-z-]+)\b(?![.'’])", after)
        if word is None:
            return False
        w = word.group(1)
        return len(w) > 2 and w not in STOP_WORDS and not w.endswith("ed") and w not in self._verbs

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
    head = text[max(0, index - 4) : index].rstrip(" \t\"'“‘(")
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
    """The class finder built from ``transforms/entities/data/weapon_classes.toml`` (built once)."""
    raw = resources.files("transforms.entities.data").joinpath("weapon_classes.toml").read_text(encoding="utf-8")
    return WeaponClasses(tomllib.loads(raw))


_JOIN = re.compile(r"[ \t]*-?[ \t]*")
_NAME_WORD = (
    r"(?:[A-Z][a-z]+(?:-[A-Z0-9][A-Za-z0-9]*)?"  # Scud, Toophan, Fateh-110, Scud-B
    r"|(?=[\w-]*\d)[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+"  # XQ-58, KN-23
    r"|(?=[\w-]*\d)[A-Z]+\d[A-Z0-9]*|\d+[A-Z]+\d*)"
)  # TB2, 9M133
_NAMED_BEFORE = re.compile(rf"(?<![\w.'’&-])({_NAME_WORD})(?:[ ]({_NAME_WORD}))?[ ]$")
_GENERIC = frozenset(
    "The A An This That These Those Its Their His Her Our Your New Old Other More Most Some Many Several Few Both "
    "All Any Each No Two Three Four Five Six Navy Army Air Force Forces Marine Marines Coalition Government "
    "Regime Allied Allies Western Eastern Northern Southern Enemy Rebel Rebels Military Militia Soviet Modern "
    "Advanced Heavy Light Small Large Long Short Guided Unguided Chemical Nuclear Ballistic Cruise Hypersonic "
    "Unmanned Armed Armored Armoured Special Combat Strategic Tactical Naval National State Federal Royal "
    "January February March April May June July August September October November December Monday Tuesday "
    "Wednesday Thursday Friday Saturday Sunday Mr Mrs Ms Dr President Minister General Colonel Captain "
    "Officials".split()
)


def class_candidates(text: str, cands: list[Candidate], lookup: Callable[[str], Entry | None]) -> list[Candidate]:
    """``cands`` with class-noun candidates added at the weak rank, so a named mention always wins an
    overlap. A class noun right after a named weapon or platform is that system's head noun ("Kalibr cruise
    missiles", "F-16 fighter planes"): no class mention there. A bare model span inside a class noun
    ("Barrel" of a sentence-initial "Barrel bombs") gives way to it. A name right before a class noun is a
    named mention of the class's type ("Zelzal" of "Zelzal rockets"); a one-word model span on it gives way."""
    armed = [c for c in cands if c.type in ("WEAPON", "PLATFORM")]
    out: list[Candidate] = []
    dropped: set[int] = set()
    for m in weapon_classes().find(text, [(c.start, c.end) for c in armed]):
        if any(
            c.start < m.end and m.start < c.end or (c.end <= m.start and _JOIN.fullmatch(text, c.end, m.start))
            for c in armed
        ):
            continue
        named = _named(text, m, cands, lookup)
        if named is not None:
            dropped |= {id(c) for c in cands if c.start < m.start and named.start < c.end}
            out.append(named)
            continue
        inside = [c for c in cands if c.model_only and m.start <= c.start and c.end <= m.end]
        if not any(c.start < m.end and m.start < c.end for c in cands if c not in inside):
            dropped |= {id(c) for c in inside}
        out.append(Candidate(start=m.start, end=m.end, type=m.entry.type, method="rule", rank="weak", entry=m.entry))
    return [c for c in cands if id(c) not in dropped] + out


def _named(text: str, m: ClassMatch, cands: list[Candidate], lookup: Callable[[str], Entry | None]) -> Candidate | None:
    """The name right before class match ``m`` ("Zelzal" of "Zelzal rockets") as a mention of its type."""
    if not text[m.start].islower():
        return None
    found = _NAMED_BEFORE.search(text, max(0, m.start - 60), m.start)
    if found is None:
        return None
    words = [(found.start(i), found.end(i)) for i in (1, 2) if found.group(i)]
    while words:
        start, end = words[0]
        word = text[start:end]
        before = [c for c in cands if c.start < m.start and start < c.end]
        blocked = (
            word in _GENERIC
            or (_starts_sentence(text, start) and not any(ch.isdigit() for ch in word))
            or any(c.entry is not None or c.method != "model" or c.start < start or len(words) > 1 for c in before)
        )
        if not blocked:
            break
        words = words[1:]
    if not words:
        return None
    start, end = words[0][0], words[-1][1]
    name = normalize(text[start:end])
    entry = lookup(name)
    if entry is not None and entry.type != m.entry.type:
        return None
    subtype = m.entry.name.replace(" ", "_").replace("-", "_")
    return Candidate(
        start=start,
        end=end,
        type=m.entry.type,
        method="rule",
        rank="rule",
        entry=entry,
        canonical=name,
        subtype=subtype if subtype in SUBTYPE_TYPE else None,
    )
