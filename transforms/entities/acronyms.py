"""Acronyms defined in the text: "the Syrian Democratic Forces (SDF)", "SDF (Syrian Democratic Forces)" or
"the Syrian Democratic Forces, or SDF,". A long form in lower case ("electromagnetic interference (EMI)") is
a concept: neither it nor its acronym is a name.

A definition is accepted when the letters of the short form appear, in order, in the long form, the first
one at the start of the long form's first word, and the long form has no more words than the short form
has letters plus a few function words (the letter-matching idea of Schwartz and Hearst, 2003). The
entity stage then binds every later use of the short form in the article to the long form's entity.
Known acronyms ("INDOPACOM") are aliases in the gazetteers instead.

A long form nobody else named is typed by its head noun (``long_form_type``, words in ``data/context.toml``):
a system ("Global Positioning System (GPS)") is a PLATFORM, a plural of things ("Battery Coolant Units
(BCUs)") is no entity, anything else an organization.

An acronym never defined but made of the initials of an organization the article names in full ("ACC" after
"the Army Contracting Command") is that organization (``bind_initials``): the article's own name wins over a
gazetteer's global pick for the same letters.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from schemas.entities import EntityType
from transforms.entities.coreference import Candidate
from transforms.entities.documents import DOCUMENT_HEADS
from transforms.entities.entity_types import FACILITY_HEADS
from transforms.entities.gazetteer import read_data
from transforms.entities.spans import word_pattern

__all__ = [
    "AcronymDefinition",
    "find_definitions",
    "find_uses",
    "long_form_type",
    "no_thing_named",
    "initials",
    "bind_initials",
    "concept_initials",
    "quoted_short_names",
]


@dataclass(frozen=True, slots=True)
class AcronymDefinition:
    short: str
    long: str
    short_start: int
    short_end: int
    long_start: int
    long_end: int


_PAREN = re.compile(r"\(\s*([^()\n]{2,80}?)\s*\)")
_SHORT = re.compile(r"^[A-Z][A-Za-z0-9&./-]{1,11}$")
_ALL_CAPS = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
_WORD = re.compile(r"[\w'’&./-]+")
_STOP = re.compile(r"[.;:!?()\[\]\n\"“”]")
_OR_SHORT = re.compile(r",\s+or\s+([A-Z][A-Za-z0-9&]{1,7})(?=[,.;:)]|\s)")
_MINOR = frozenset({"of", "the", "for", "and", "in", "on", "to", "de", "al", "a", "an", "&"})


def _is_short(text: str) -> bool:
    """One acronym ("SDF"), or two all-caps ones, an office's short form after its parent's ("NAVSUP WSS")."""
    parts = text.split(" ")
    if len(parts) == 2:
        return all(_ALL_CAPS.match(p) for p in parts)
    return bool(_SHORT.match(text)) and sum(ch.isupper() for ch in text) >= 2 and len(text.split()) == 1


def _matches(short: str, long: str) -> int | None:
    """Start index in ``long`` of the shortest suffix whose letters spell ``short``, else None."""
    s = [ch.lower() for ch in short if ch.isalnum()]
    i, j = len(s) - 1, len(long) - 1
    while i >= 0:
        ch = s[i]
        while j >= 0 and (long[j].lower() != ch or (i == 0 and j > 0 and long[j - 1].isalnum())):
            j -= 1
        if j < 0:
            return None
        i -= 1
        j -= 1
    start = j + 1
    while start > 0 and long[start - 1].isalnum():
        start -= 1
    return start


def _long_window(text: str, end: int, letters: int) -> tuple[int, str]:
    begin = max(0, end - 250)
    window = text[begin:end]
    stops = list(_STOP.finditer(window))
    stop = stops[-1] if stops else None  # the last stop before the end
    if stop is not None:
        begin += stop.end()
        window = text[begin:end]
    words = list(_WORD.finditer(window))
    keep = words[-min(len(words), letters + 5, 2 * letters) :] if words else []
    if not keep:
        return end, ""
    return begin + keep[0].start(), text[begin + keep[0].start() : end]


def _definition(short: str, long_start: int, long: str, short_start: int, short_end: int) -> AcronymDefinition | None:
    stripped = long.rstrip(" ,")
    offset = _matches(short, stripped)
    if offset is None:
        return None
    long_text = stripped[offset:]
    words = [w for w in long_text.split() if w.lower() not in _MINOR]
    if not words or not long_text[:1].isalpha() or len(long_text.split()) < 2:
        return None
    if long_text[:1].islower() and not long_text.islower():
        return None  # a long form in lower case is all lower case ("electromagnetic interference"): a concept
    if len(words) > sum(ch.isupper() for ch in short) + 2:
        return None
    return AcronymDefinition(
        short, long_text, short_start, short_end, long_start + offset, long_start + offset + len(long_text)
    )


_CAPITALISED_RUN = re.compile(r"(?:[A-Z][\w'’.-]*\s+)*[A-Z][\w'’.-]*$")


def _nicknamed(short: str, long_start: int, long: str, short_start: int, short_end: int) -> AcronymDefinition | None:
    """A definition whose acronym opens with a nickname's letters, not the name's: "Abraham Lincoln Carrier
    Strike Group (ABECSG)", "ABE" for Abraham Lincoln. The acronym ends in the initials of two or more last words
    of the name and opens with the first letter of the one to three capitalised words before them."""
    run = _CAPITALISED_RUN.search(long.rstrip(" ,"))
    if run is None or not _ALL_CAPS.match(short):
        return None
    words = run.group().split()
    for k in range(len(words) - 1, 1, -1):
        head, tail = words[:-k], initials(" ".join(words[-k:]))
        nickname = short[: -len(tail)]
        if short.endswith(tail) and 1 <= len(head) <= 3 and 1 <= len(nickname) <= 4 and nickname[0] == head[0][0]:
            start = long_start + run.start()
            return AcronymDefinition(short, " ".join(words), short_start, short_end, start, start + len(run.group()))
    return None


def find_definitions(text: str) -> list[AcronymDefinition]:
    """Acronym definitions in ``text``, in order of appearance."""
    found: list[AcronymDefinition] = []
    for paren in _PAREN.finditer(text):
        inner = paren.group(1)
        if _is_short(inner):
            letters = sum(ch.isalnum() for ch in inner)
            long_start, long = _long_window(text, paren.start(), letters)
            definition = _definition(inner, long_start, long, paren.start(1), paren.end(1)) or _nicknamed(
                inner, long_start, long, paren.start(1), paren.end(1)
            )
            if definition:
                found.append(definition)
        else:
            before = re.search(r"([A-Z][A-Za-z0-9&./-]{1,11})\s*$", text[max(0, paren.start() - 14) : paren.start()])
            if before and _is_short(before.group(1)) and inner[:1].isupper():
                s_start = paren.start() - len(text[max(0, paren.start() - 14) : paren.start()]) + before.start(1)
                definition = _definition(
                    before.group(1), paren.start(1), inner, s_start, s_start + len(before.group(1))
                )
                if definition and definition.long_start == paren.start(1):
                    found.append(definition)
    for comma in _OR_SHORT.finditer(text):  # "the Aerophysics Research Facility, or ARF, fired"
        short = comma.group(1)
        if _is_short(short) and short.isupper():
            letters = sum(ch.isalnum() for ch in short)
            long_start, long = _long_window(text, comma.start(), letters)
            definition = _definition(short, long_start, long, comma.start(1), comma.end(1))
            if definition and not any(d.short_start == definition.short_start for d in found):
                found.append(definition)
    return sorted(found, key=lambda d: d.short_start)


def find_uses(text: str, short: str) -> list[tuple[int, int]]:
    """Offsets of ``short`` used as a whole word in ``text``."""
    pattern = word_pattern(short)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


@lru_cache(maxsize=1)
def _heads() -> tuple[frozenset[str], ...]:
    data = read_data("context.toml")["acronym_heads"]
    heads = ("systems", "plural_bodies", "concepts", "weapons", "equipment_units")
    return tuple(frozenset(data[k]) for k in heads)


def long_form_type(long: str) -> EntityType | None:
    """The type of an acronym's long form by its last word: "PLATFORM" for a system, "WEAPON" for a weapon
    ("Air-Launched Rapid Response Weapon"), "FACILITY" for a site or building ("Research Facility"), None for a
    plural of things ("Station Control Units"), a piece of equipment ("Ground Power Unit"), a concept ("Fiscal
    Year"), a law or treaty ("National Defense Authorization Act") or a long form in lower case ("electromagnetic
    interference"), "ORG" otherwise (plurals that name bodies, "Syrian Democratic Forces", stay organizations)."""
    if long[:1].islower() or no_thing_named(long):
        return None
    head = long.split()[-1] if long.split() else ""
    systems, bodies, _, weapons, _ = _heads()
    if head in systems:
        return "PLATFORM"
    if head in weapons:
        return "WEAPON"
    if head in FACILITY_HEADS and head not in ("Base", "Complex"):  # "Organic Industrial Base (OIB)": a concept
        return "FACILITY"  # "Aerophysics Research Facility (ARF)", "Naval Air Station (NAS)"
    if head.endswith("s") and not head.endswith(("ss", "us", "is")) and head not in bodies:
        return None
    return "ORG"


def no_thing_named(long: str) -> bool:
    """Whether an acronym's long form names a concept, a law or a treaty ("Fiscal Year", "National Defense
    Authorization Act") or a piece of equipment ("Aviation Ground Power Unit") by its head word: no entity,
    even where the model read it as an organization (a plural may be a body the gazetteers do not list,
    "Academic Staff Union of Universities", so it is not judged here)."""
    words = long.split()
    _, _, concepts, _, equipment = _heads()
    if not words:
        return False
    return (
        words[-1] in concepts
        or words[-1] in DOCUMENT_HEADS
        or (words[-1] == "Unit" and len(words) > 1 and words[-2] in equipment)
    )


_CAPS = re.compile(r"(?<![\w.&/-])[A-Z]{2,6}(?![\w&/-])")


def initials(name: str) -> str:
    """The capital initials of a name's words: "Army Contracting Command" -> "ACC" ("of", "the" left out)."""
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w[:1].isupper() and w.lower() not in _MINOR)


# the syllables U.S. military acronyms take from a service word that opens a name: "ARSST" of "Army Space Support
# Team", "NAVSUP" style names of the Navy, "MARFOR" of the Marines
_SERVICE_SYLLABLES = {"Army": "AR", "Naval": "NAV", "Navy": "NAV", "Marine": "MAR", "Marines": "MAR"}


def initial_forms(name: str) -> set[str]:
    """The initials of a name, and where it opens with a service word, the military form that takes the
    service's first syllable: "Army Space Support Team" -> {"ASST", "ARSST"}."""
    forms = {initials(name)}
    first, _, rest = name.partition(" ")
    if first in _SERVICE_SYLLABLES and rest:
        forms.add(_SERVICE_SYLLABLES[first] + initials(rest))
    return forms


_SYSTEMS = frozenset({"PLATFORM", "WEAPON"})


def _system_name(surface: str) -> bool:
    """A system named in three or more capitalised words, no hull number or code in brackets ("Integrated
    Battle Command System"): its initials may be its acronym ("IBCS")."""
    return "(" not in surface and len(initials(surface)) >= 3


def bind_initials(
    text: str, chosen: list[Candidate], is_place: Callable[[str], bool] = lambda letters: False
) -> list[Candidate]:
    """``chosen`` with each undefined acronym that spells the initials of exactly one organization (or one
    system: "IBCS" of the "Integrated Battle Command System") named in full in the article bound to it
    (replacing what the model or, for an organization, a gazetteer made of the same letters). Letters that
    ``is_place`` (the gazetteers know them as a place: "US", "UK") are not bound ("the US Constitution" in
    a story that names Universal Studios)."""
    named: dict[str, list[Candidate]] = {}
    for c in chosen:
        surface = text[c.start : c.end]
        if c.rank == "acronym" or len(surface.split()) < 2:
            continue
        if c.type == "ORG" and len(initials(surface)) >= 2:
            for form in initial_forms(surface):
                named.setdefault(form, []).append(c)
        elif c.type in _SYSTEMS and _system_name(surface):
            named.setdefault(initials(surface), []).append(c)
    if not named:
        return chosen
    out = list(chosen)
    for match in _CAPS.finditer(text):
        owners = named.get(match.group())
        if owners is None or len({_key(text, o) for o in owners}) != 1 or is_place(match.group()):
            continue
        long = owners[0]
        here = [c for c in out if c.start < match.end() and match.start() < c.end]
        if any(c.rank == "acronym" or (c.start, c.end) != match.span() or c.type != "ORG" for c in here):
            continue  # a defined acronym, part of a longer name, or another kind of thing ("US")
        if long.type != "ORG" and not all(c.model_only for c in here):
            continue  # a system's letters that a gazetteer knows as something else stay that
        bound = Candidate(
            start=match.start(),
            end=match.end(),
            type=long.type,
            method="acronym",
            rank="acronym",
            entry=long.entry,
            canonical=long.canonical or (None if long.entry else text[long.start : long.end]),
            subtype=long.subtype,
        )
        out = [c for c in out if c not in here] + [bound]
    return sorted(out, key=lambda c: c.start)


def _key(text: str, c: Candidate) -> str:
    return c.entry.entity_id if c.entry is not None else _normalize_name(c.canonical or text[c.start : c.end])


def _normalize_name(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


def concept_initials(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """``chosen`` without the model's undefined acronyms that spell the initials of a phrase the article writes in
    lower case ("MDO" beside "multi-domain operations"): a concept, as a lower-case long form in parentheses is."""
    return [c for c in chosen if not (c.model_only and _concept(text, text[c.start : c.end]))]


def _concept(text: str, surface: str) -> bool:
    if not re.fullmatch(r"[A-Z]{3,6}", surface):
        return False
    letters = surface.lower()
    pattern = r"[ -]".join(rf"{ch}[a-z]*" for ch in letters)
    for match in re.finditer(rf"(?<![\w-]){pattern}(?![\w-])", text):
        if not any(word in STOP_WORDS for word in re.split(r"[ -]", match.group())):
            return True
    return False


_QUOTED_SHORT = re.compile(  # after the name, maybe its legal suffix (", Inc.") and "Business", then ("Short")
    r"(?:,?[ \t]+(?:Inc|Incorporated|Corp|Corporation|Co|Company|Ltd|Limited|LLC|PLC|plc|GmbH|AG|S\.A|N\.V)\.?)?"
    r"(?:[ \t]+(?:Business|Businesses|Segment))?"
    r"[ \t]*\([ \t]*[\"“](?P<short>[A-Z][\w&.'’ -]{1,40}?)[\"”][ \t]*\)"
)


def quoted_short_names(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """``chosen`` with the short name a press release defines in quotes after a name ('the Simmonds Precision
    Products, Inc. Business ("Simmonds")', 'Lockheed Martin Corporation ("Lockheed")') bound, at every use
    outside the name itself, to that name's entity (replacing what the model made of it)."""
    out = list(chosen)
    for named in chosen:
        match = _QUOTED_SHORT.match(text, named.end)
        if match is None or named.type == "PERSON":
            continue
        short = match.group("short")
        for start, end in find_uses(text, short):  # the headline's use before the definition names it too
            if named.start <= start and end <= named.end:
                continue
            out = [c for c in out if not (c.start < end and start < c.end)]
            out.append(
                replace(
                    named,
                    start=start,
                    end=end,
                    method="acronym",
                    rank="acronym",
                    canonical=named.canonical or (None if named.entry else text[named.start : named.end]),
                )
            )
    return sorted(out, key=lambda c: c.start)
