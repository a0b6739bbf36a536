"""A town followed by a U.S. state, in news style ("Tampa, Fla.", "NORFOLK, Va. --", "Seattle, Washington").

The town is that state's town, named "Town, State"; the gazetteer's city of that name keeps its entry and item
only when it lies in that state ("Tampa, Fla." is Tampa, "Miami, Okla." is not Miami, Florida). A dateline is
one place with its state. In running text the state is a mention of its own, with the state's item even where
the name alone is ambiguous ("Albany, N.Y.": the state of New York, not the city), the way the news golds and
CoNLL split "Tucson, Ariz."; "Washington, D.C." stays one name. A base before a state is a facility ("EDWARDS
AIR FORCE BASE, Calif."); a body the model named before a state is a place only in a dateline or after a
place's preposition. A town named with its state carries the item of ``data/city_wikidata.toml``'s
``[city_in_state]`` table, and so does every other mention the article makes of that town ("Buffalo" after
"Buffalo, N.Y."), where the name alone would be left without one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from transforms.entities.coreference import Candidate
from transforms.entities.gazetteer import Entry, make_entry
from transforms.entities.places import town_ids, us_town_states
from transforms.entities.truecase import opens_dateline

__all__ = ["town_items", "with_states"]

_PLACES = ("GPE", "LOC", "FACILITY")
# "in", "near", "from", "at" before a town; "of" after a comma, a company's seat ("Services, LLC, of Idaho Falls")
_PLACE_BEFORE = re.compile(r"(?:\b(?:[Ii]n|[Nn]ear|[Ff]rom|[Aa]t)|, of) $")
_SERVICE_WORD = re.compile(r"\b(?:Naval|Navy|Air|Army|Marine|Coast|Guard|Space|Weapons|Test|Research|Ranger)\b")
_MILITARY_SITE = re.compile(r"\b(?:Base|Station|Barracks|Airfield|Depot|Shipyard|Navy Yard)\b|^Camp\b")


def with_states(
    text: str,
    chosen: list[Candidate],
    pattern: re.Pattern[str],
    state_names: dict[str, str],
    state_entries: dict[str, Entry],
    lookup: Callable[[str], Entry | None] = lambda name: None,
) -> list[Candidate]:
    """``chosen`` with each town followed by a state (``pattern``, after the town's end) named with its state;
    ``state_names`` maps a state's written forms to its name, ``state_entries`` its name to its entry; ``lookup``
    finds the gazetteer's city of that name and state ("College Station, Texas": a town, not a station)."""
    merged: list[Candidate] = []
    drop: list[tuple[int, int]] = []
    states: list[Candidate] = []  # the states named after a town in running text
    for c in chosen:
        state = pattern.match(text, c.end) if c.type in _PLACES or c.entry is None else None
        # a region abroad followed by a U.S. state is that state's town ("Ontario, Calif."); a U.S. one is not
        region = c.entry is not None and c.entry.subtype == "region" and c.entry.country in (None, "USA")
        if state is None or region or (c.entry is not None and c.entry.subtype in ("country", "state")):
            merged.append(c)
            continue
        # a body named by the model before a state is a place in a dateline ("FALLS CHURCH, Va. --") or after a
        # place's preposition ("of Idaho Falls, Idaho"); else the state is the body's seat ("Philip Morris Cos.,
        # New York, adopted ...")
        placed = opens_dateline(text, c.start) or _PLACE_BEFORE.search(text, max(0, c.start - 8), c.start) is not None
        if c.type not in ("GPE", "LOC") and (c.entry is not None or c.type not in _PLACES and not placed):
            merged.append(c)
            continue
        surface = text[c.start : c.end]
        name = state_names[state.group("state")]
        c = _station_town(c, _cased(surface), name, lookup)
        is_city = c.entry is not None and c.entry.subtype == "city"
        # "EDWARDS AIR FORCE BASE, Calif." is a base; "FALLS CHURCH, Va." a town, whatever its last word
        if not is_city and (c.type == "FACILITY" or _MILITARY_SITE.search(_cased(surface))):
            merged.append(replace(c, type="FACILITY", entry=None, canonical=_cased(surface), country="USA"))
            continue
        city = c.entry.name.split(", ")[0] if c.entry is not None and c.entry.country == "USA" else _cased(surface)
        canonical = f"{city}, D.C." if name == "District of Columbia" else f"{city}, {name}"
        # the gazetteer's city of that state keeps its entry and item ("Tampa, Fla."); another state's
        # namesake ("Miami, Okla.") does not
        entry = c.entry if c.entry is not None and c.entry.name == canonical else None
        if (entry is None or entry.wikidata_id is None) and canonical in town_ids():
            entry = make_entry(canonical, "GPE", subtype="city", country="USA", wikidata_id=town_ids()[canonical])
        drop.append((c.end, state.end()))
        town = replace(c, type="GPE", entry=entry, canonical=canonical, subtype="city", country="USA")
        if name == "District of Columbia" or opens_dateline(text, c.start):
            merged.append(replace(town, end=state.end()))
            continue
        merged.append(town)
        start, end = state.span("state")
        states.append(
            Candidate(start=start, end=end, type="GPE", method="rule", rank="rule", entry=state_entries[name])
        )
    kept = [c for c in merged if not any(s <= c.start and c.end <= e for s, e in drop)]
    return sorted([*kept, *states], key=lambda c: c.start)


def _station_town(c: Candidate, surface: str, state: str, lookup: Callable[[str], Entry | None]) -> Candidate:
    """A "Station" that the gazetteer knows as a city of the state after it ("College Station, TX") is that
    city; a station of a service ("Naval Air Station Oceana, Va.") stays a military site."""
    if c.entry is not None or not surface.endswith(" Station") or _SERVICE_WORD.search(surface):
        return c
    city = lookup(surface)
    if city is None or city.subtype != "city" or city.name != f"{surface}, {state}":
        return c
    return replace(c, type="GPE", entry=city, subtype="city", country=city.country)


def town_items(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """``chosen`` with every mention of a town the article names with its state ("Norfolk" after "Norfolk,
    Va.") given that town's entry and item (run after the article's names are all chosen); first, a U.S. town
    named alone in an article that names one state only, where that state has a town of the name, is that
    state's town ("Saginaw" in a story about Michigan: Saginaw, Michigan, not Saginaw, Texas)."""
    chosen = _towns_of_the_state(chosen)
    towns = {
        c.entry.name: c.entry
        for c in chosen
        if c.entry is not None and c.entry.wikidata_id is not None and town_ids().get(c.entry.name)
    }
    towns |= {name.split(", ")[0]: entry for name, entry in towns.items()}  # the town's name alone
    return [_with_item(text, c, towns) if towns else c for c in chosen]


def _towns_of_the_state(chosen: list[Candidate]) -> list[Candidate]:
    states = {
        c.entry.name for c in chosen if c.entry is not None and c.entry.subtype == "state" and c.entry.country == "USA"
    }
    if len(states) != 1:
        return chosen
    (state,) = states
    out = []
    for c in chosen:
        entry = c.entry
        if entry is None or c.type != "GPE":
            out.append(c)
            continue
        # a U.S. town without its state and without an item ("New York City" has its own)
        alone = entry.subtype == "city" and entry.country == "USA" and entry.wikidata_id is None
        if alone and ", " not in entry.name and state in us_town_states().get(entry.name, ()):
            canonical = f"{entry.name}, {state}"
            item = town_ids().get(canonical)
            town = make_entry(canonical, "GPE", subtype="city", country="USA", wikidata_id=item, aliases=(entry.name,))
            c = replace(c, entry=town, canonical=canonical)
        out.append(c)
    return out


def _with_item(text: str, c: Candidate, towns: dict[str, Entry]) -> Candidate:
    name = c.entry.name if c.entry is not None else c.canonical
    town = towns.get(name or "") or towns.get(text[c.start : c.end])
    place = c.type == "GPE" or (c.type == "ORG" and c.model_only)  # "Norfolk hosted them": read as a body
    if town is None or not place or (c.entry is not None and c.entry.wikidata_id is not None):
        return c
    return replace(
        c, type="GPE", entry=town, canonical=town.name, subtype="city", country="USA", entity_id=town.entity_id
    )


def _cased(surface: str) -> str:
    """A dateline's capitals in their usual case: "NORFOLK" -> "Norfolk", "FORT BRAGG" -> "Fort Bragg"."""
    if not surface.isupper():
        return surface
    return " ".join("-".join(p.capitalize() for p in w.split("-")) for w in surface.split())  # "Harbor-Hickam"
