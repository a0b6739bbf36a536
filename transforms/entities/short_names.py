"""Places and ships named again by a short name.

A base or a town: "Cannon" after "Cannon Air Force Base" ("Cannon's
maintainers"), "Fairchild" after "Fairchild AFB", "Fort Carson" after the dateline "FORT CARSON, Colo.". The
model reads such a short name as a person (or, for a base, an organization); it is the place the article
named in full.

A ship named after a person is called by the surname: "Reagan" for USS Ronald Reagan, "Vinson" for USS Carl
Vinson. The model reads it as a person; it is the ship.

A name that is also the surname of a person the article names in full ("Maj. Gen. Lee Carson" beside Fort
Carson's "Carson", "President Ronald Reagan" beside the carrier) is left to the person rules.

An organization is called by its first or last words: "Yankees" after "New York Yankees", "Lockheed" after
"Lockheed Martin". Where exactly one longer organization of the article begins or ends with the model's
organization, the short name is that organization. A head noun alone ("the Agency") is left to the head-noun
rule of ``entity_types``, which weighs how often each organization so named is named.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from transforms.entities.coreference import Candidate, person_suffixes, ship_name
from transforms.entities.entity_types import LEGAL_FORMS as _LEGAL_FORMS, ORG_HEADS
from transforms.entities.gazetteer import Entry
from transforms.entities.spans import span_name

__all__ = ["base_short_names", "org_short_names", "ship_short_names"]

_BASE = re.compile(
    r"^(?P<name>(?:[A-Z][\w'’.-]*\s+){0,2}[A-Z][\w'’.-]*)\s+(?:Air Force Base|Air Base|AFB|Air National Guard Base|"
    r"Space Force Base|Naval Air Station|Naval Station|Army Airfield|Marine Corps Base|Marine Corps Air Station)$"
)
_PLACES = frozenset({"FACILITY", "GPE", "LOC"})
_PERSON_OR_ORG = frozenset({"PERSON", "ORG"})
_PERSON = frozenset({"PERSON"})
_SHORT_TYPES = frozenset({"ORG", "PERSON", "GPE"})  # model types a short name of an organization is read as


_INDEX_WORDS = frozenset({"Average", "Composite", "Index"})  # "Nasdaq Composite", "Dow Jones Industrial Average"
_INITIALS = re.compile(r"[A-Z0-9&.'’-]+")  # an acronym is the acronym rules' ("BAE", "SER")
_SURNAME = re.compile(r"[A-Z][a-z'’-]{2,}")  # the last word of a ship named after a person ("Reagan")


def _name(text: str, c: Candidate) -> str:
    return c.entry.name if c.entry is not None else (c.canonical or text[c.start : c.end])


def _short_name(text: str, c: Candidate) -> tuple[str, frozenset[str]] | None:
    """The short name of the place ``c`` and the model types it replaces: a base's name replaces a person or
    an organization ("Cannon's maintainers"); a town's name of two words or more only a person (an
    organization so named is often the town's team or government: "New York 3, California 14")."""
    name = _name(text, c)
    base = _BASE.match(name)
    if base is not None:
        return base.group("name"), _PERSON_OR_ORG
    head = name.split(",")[0]
    head = head.title() if head.isupper() else head  # a dateline in capitals: "FORT CARSON, Colo."
    return (head, _PERSON) if " " in head else None  # "Fort Carson, Colorado"; names of one word stay


def base_short_names(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """``chosen`` with each model person or organization that is the short name of a base the article names
    in full, and each model person that is the name of a town the article qualifies ("Fort Carson, Colo."),
    made a mention of that place."""
    places: dict[str, tuple[Candidate, frozenset[str]]] = {}
    for c in chosen:
        if c.type in _PLACES and not c.model_only:
            short = _short_name(text, c)
            if short is not None:
                places.setdefault(short[0], (c, short[1]))
    if not places:
        return chosen
    surnames = person_suffixes(text, chosen)
    out = []
    for c in chosen:
        place, types = places.get(text[c.start : c.end], (None, frozenset()))
        if place is not None and c.model_only and c.type in types and text[c.start : c.end] not in surnames:
            canonical = place.canonical or span_name(text, place.start, place.end)
            c = replace(c, type=place.type, entry=place.entry, canonical=canonical, subtype=place.subtype)
        out.append(c)
    return out


def ship_short_names(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """``chosen`` with each one-word model person that is the surname of a ship named after a person in the
    article ("Reagan" beside "USS Ronald Reagan (CVN 76)") made a mention of that ship, unless a person of the
    article bears that surname."""
    ships: dict[str, Candidate] = {}
    for c in chosen:
        name = ship_name(_name(text, c)) if c.type == "PLATFORM" else None
        words = name.split() if name else []
        if len(words) >= 2 and _SURNAME.fullmatch(words[-1]):
            ships.setdefault(words[-1], c)
    people = person_suffixes(text, chosen)
    out = []
    for c in chosen:
        surface = text[c.start : c.end]
        kind = c.type in ("PERSON", "PLATFORM")  # "Reagan", or "the carrier Reagan" already read as a ship
        ship = ships.get(surface) if c.model_only and kind and surface not in people else None
        if ship is not None:
            c = replace(c, type="PLATFORM", entry=ship.entry, canonical=ship.canonical, subtype=ship.subtype)
        out.append(c)
    return out


def _calls(short: list[str], name: list[str]) -> bool:
    """Whether an organization called ``name`` is called ``short`` too: its first words before capitalised
    words that are not an index's ("Lockheed" of "Lockheed Martin", not "Nasdaq" of "Nasdaq Composite"), or
    its last words after capitalised words ("Sands" of "Las Vegas Sands"; not "Ottawa Convention" of "Review
    Conference of the Ottawa Convention", "Immigration and Naturalization Service" of "Reno and Immigration
    and Naturalization Service": the longer span holds another name)."""
    n = len(short)
    if n >= len(name):
        return False
    if name[:n] == short and name[-1] not in _INDEX_WORDS:
        if short[-1] in ORG_HEADS - _LEGAL_FORMS and not set(name[n:]) <= _LEGAL_FORMS:
            return False  # "Integrated Fires Mission Command" is not its "... Project Office"
        return all(w[:1].isupper() for w in name[n:])
    return name[-n:] == short and all(w[:1].isupper() for w in name[:-n])


def _known_place(model_type: str, entry: Entry | None) -> bool:
    """The model read a place the gazetteer knows."""
    return entry is not None and model_type == "GPE" and entry.type in ("GPE", "LOC")


def _short_of(words: list[str], name: list[str], model_type: str) -> bool:
    """Whether a model mention of ``model_type`` reading ``words`` is the short name of the organization
    ``name``: any first or last words for a model organization; the first words for a model person ("Gencor"
    after "Gencor Ltd", "Raith" after "Raith Rovers FC": a person's surname ends a name, it does not begin an
    organization's); for a model place the gazetteer does not know, the first words of a company named with
    its legal form ("Costain" after "Costain Group Plc"; a town begins many names that are not the town's:
    "Hapoel Taibe", "Amazon Affairs Department")."""
    if not _calls(words, name):
        return False
    if model_type == "ORG":
        return True
    head = name[: len(words)] == words
    return head and (model_type == "PERSON" or name[-1] in _LEGAL_FORMS)


def org_short_names(text: str, chosen: list[Candidate], lookup: Callable[[str], Entry | None]) -> list[Candidate]:
    """``chosen`` with each model organization, person or unknown place (not an acronym, not a person's
    surname, not a place of the gazetteers) that is the short name of exactly one longer organization named
    elsewhere in the article made a mention of it (see ``_short_of``), or of the organization the gazetteers
    call so: "Harvard" beside "Harvard Law School" is the university."""
    longer = [c for c in chosen if c.type == "ORG" and len(text[c.start : c.end].split()) >= 2]
    if not longer:
        return chosen
    people = person_suffixes(text, chosen)
    people |= {
        text[c.start : c.end] for c in chosen if c.type == "PERSON" and c.title is not None
    }  # "President Truman"
    out = []
    for c in chosen:
        surface = text[c.start : c.end]
        if (
            c.type in _SHORT_TYPES
            and c.model_only
            and not _INITIALS.fullmatch(surface)
            and surface not in people
            and not _known_place(c.type, known := lookup(surface))
            and surface not in ORG_HEADS  # "the Agency": the head-noun rule weighs every such organization
        ):
            words, named = surface.split(), {}
            for o in longer:
                other = text[o.start : o.end].split()
                if _short_of(words, other, c.type) and not (o.start <= c.start < o.end):
                    named[o.entry.name if o.entry else o.canonical or span_name(text, o.start, o.end)] = o
            if len(named) == 1 and known is not None and known.type == "ORG":
                c = replace(c, type="ORG", entry=known, canonical=None, subtype=None, country=None)
            elif len(named) == 1:
                (name, o), *_ = named.items()
                c = replace(c, type="ORG", entry=o.entry, canonical=name, subtype=o.subtype, country=o.country)
        out.append(c)
    return out
