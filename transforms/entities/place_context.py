"""Unfamiliar towns the model reads as people or organizations, told by the words around them. Conflict reports
name villages and districts no gazetteer lists ("Karabilah", "Sarmin", "Al-Sinek"), and the model, having
seen few of them, often types them a person or an organization. A one- or two-word model name is a place:

- when the model read it as a person and it is listed, with "and" or "or", beside a town or region the
  gazetteer knows ("Mosul and Raqqah", "Aleppo, Sarmin and Idlib"): a country or a U.S. state is no such
  partner ("Russia and Wagner"), nor a town whose name is an English word ("Metro"); a word of a person's full
  name in the article or a name with a rank or office before it stays a person ("Vladimir Putin ... Putin and
  Kyiv"). An organization so listed stays one: clubs and firms are named after towns ("Porto and Benfica");
- read as a person, after "<someone>-held", "-controlled", "-occupied", "-besieged" ("insurgent-held
  Karabilah"); an organization is often so controlled ("a Democratic-controlled House");
- after "the town of", "the port city of", "the province of" (a person after them is already a place), or
  before "-based" ("Norfolk-based squadron", "a Vergennes-based maker");
- before or ending in a lower-case place noun ("the Al Qa'im region", "the Al-Sinek neighborhood", "the Zagros
  mountains"): a district, region or neighbourhood is a GPE, mountains, a valley or a desert a LOC.

The other mentions of the same name in the article, where the model made them people or organizations too, are
the place as well (one sense per article).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from schemas.entities import EntityType
from transforms.entities.common_words import dictionary
from transforms.entities.coreference import Candidate
from transforms.entities.gazetteer import Entry

__all__ = ["places_by_context"]

Lookup = Callable[[str], Entry | None]

_HELD = re.compile(r"\b[A-Za-z'’]+-(?:held|controlled|occupied|besieged|administered)[ \t]+$")
_PLACE_OF = re.compile(
    r"\b(?:town|city|village|port|province|district|region|governorate|suburb|outskirts|neighbou?rhood)"
    r"[ \t]+of[ \t]+$"
)
_NOUN_AFTER = re.compile(
    r"[ \t]+(?:(?P<admin>region|province|district|governorate|neighbou?rhood|village|countryside|suburbs?)"
    r"|(?P<natural>mountains|valley|desert))\b"
)
_COMMA = re.compile(r"[ \t]*,[ \t]*")
_AND = re.compile(r"(?:[ \t]*,)?[ \t]+(?:and|or)[ \t]+")
_WIDE = frozenset({"country", "state"})  # "Russia and Wagner", "Texas and Halliburton": no town's partner
_TYPES = frozenset({"PERSON", "ORG"})


def places_by_context(
    text: str, chosen: list[Candidate], lookup: Lookup, titled: Callable[[str, int], bool]
) -> list[Candidate]:
    """``chosen`` with the model's people and organizations that the context shows are places made places
    (see the module); a list is read again while it yields places ("Qamenas, Sarmin and Talamenes")."""
    person_words = {
        w
        for c in chosen
        if c.type == "PERSON" and len(text[c.start : c.end].split()) > 1
        for w in text[c.start : c.end].split()
    }
    found: set[str] = set()
    for _ in range(4):
        places: dict[str, EntityType] = {}
        for i, cand in enumerate(chosen):
            surface = text[cand.start : cand.end]
            kind = _kind(text, cand, chosen, i, lookup, found) if _open(cand, surface) else None
            if kind is not None and not (
                cand.type == "PERSON" and (surface in person_words or titled(text, cand.start))
            ):
                places.setdefault(surface, kind)
        if not places:
            return chosen
        found |= set(places)
        chosen = [
            _as_place(c, places[text[c.start : c.end]], lookup(text[c.start : c.end]))
            if _open(c, text[c.start : c.end]) and text[c.start : c.end] in places
            else c
            for c in chosen
        ]
    return chosen


def _as_place(cand: Candidate, kind: EntityType, entry: Entry | None) -> Candidate:
    """The candidate made a place: the gazetteer's place of that name where it knows one ("Thessaloniki")."""
    if entry is not None and entry.type in ("GPE", "LOC"):
        return replace(cand, type=entry.type, entry=entry)
    return replace(cand, type=kind)


def _open(cand: Candidate, surface: str) -> bool:
    """A model person or organization of one or two words that no gazetteer names."""
    return cand.model_only and cand.type in _TYPES and len(surface.split()) <= 2 and surface[:1].isupper()


def _kind(
    text: str, cand: Candidate, chosen: list[Candidate], i: int, lookup: Lookup, found: set[str]
) -> EntityType | None:
    window = max(0, cand.start - 60)
    after = _NOUN_AFTER.match(text, cand.end) or _NOUN_AFTER.fullmatch(" " + text[cand.start : cand.end].split()[-1])
    if after is not None:
        return "GPE" if after.group("admin") else "LOC"
    if (
        _PLACE_OF.search(text, window, cand.start)
        or (cand.type == "PERSON" and _HELD.search(text, window, cand.start))  # "a Democratic-controlled House"
        or text.startswith("-based", cand.end)  # "Norfolk-based Airborne Early Warning Squadron"
    ):
        return "GPE"
    if cand.type != "PERSON" or " " in text[cand.start : cand.end]:
        return None  # an organization listed with towns is often a club or a firm named after one ("Porto")
    before = chosen[i - 1] if i > 0 else None
    after_c = chosen[i + 1] if i + 1 < len(chosen) else None
    and_before = before is not None and _AND.fullmatch(text, before.end, cand.start) is not None
    and_after = after_c is not None and _AND.fullmatch(text, cand.end, after_c.start) is not None
    comma_before = before is not None and _COMMA.fullmatch(text, before.end, cand.start) is not None
    # "Ostrava and X", "X and Ostrava", "Ostrava, X and Y": a list that closes with "and" or "or"
    if before is not None and (and_before or (comma_before and and_after)) and _town(text, before, lookup, found):
        return "GPE"
    if after_c is not None and and_after and _town(text, after_c, lookup, found):
        return "GPE"
    return None


def _town(text: str, cand: Candidate, lookup: Lookup, found: set[str]) -> bool:
    """A place below a country or a U.S. state that the gazetteer knows, or one this rule found."""
    if cand.type not in ("GPE", "LOC"):
        return False
    surface = text[cand.start : cand.end]
    if surface in found:
        return True
    entry = cand.entry or lookup(surface)
    return (
        entry is not None
        and entry.type in ("GPE", "LOC")
        and entry.subtype not in _WIDE
        and surface.lower() not in dictionary()  # "Metro, Rewe and Lidl": a town's name that is a word
    )
