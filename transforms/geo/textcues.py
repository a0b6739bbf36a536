"""What the words around a place name say about it: the feature type the text implies ("the port of X",
"X province", "X air base") and a qualifier after a comma ("Alexandria, La.", "Tripoli, Lebanon") or "in"
("Tripoli in northern Lebanon"); the resolver keeps a qualifier only when it names a country or region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from transforms.geo.geoindex import GeoIndex
from transforms.geo.geonames import geo_toml

__all__ = ["Cue", "cue_at", "strip_feature_word", "demonym_stems", "name_parts", "whole_name", "FEATURE_WORDS"]

# A word after a name -> the feature class.code prefix it implies.
FEATURE_WORDS: dict[str, str] = {
    "province": "A.ADM1",
    "governorate": "A.ADM1",
    "oblast": "A.ADM1",
    "state": "A.ADM1",
    "region": "A.ADM1",
    "prefecture": "A.ADM1",
    "district": "A.ADM",
    "county": "A.ADM",
    "parish": "A.ADM",
    "township": "P",  # a township: the town of its name, or near it
    "air base": "S",
    "airbase": "S",
    "airfield": "S",
    "airport": "S",
    "naval base": "S",
    "base": "S",
    "port": "P",
    "city": "P",
    "town": "P",
    "village": "P",
    "river": "H",
    "sea": "H",
    "strait": "H",
}
_BEFORE = re.compile(
    r"\b(?:the )?(port|city|town|village|province|district|region|county|state|governorate|oblast)"
    r" of\s+$",
    re.IGNORECASE,
)
_BEFORE_CLASS = {"port": "P", "city": "P", "town": "P", "village": "P"}
_AFTER = re.compile(
    r"^\s+(province|governorate|oblast|prefecture|state|region|district|county|parish|air ?base|airfield|airport|"
    r"naval base|base|river|sea|strait)\b",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(
    r"^,\s+((?:[A-Z]\.){1,2}(?:[A-Z][a-z]?\.?)?|[A-Z][a-z]{1,4}\.|[A-Z][A-Za-z.\-]*(?: [A-Z][a-z]+)*)"
)

_IN_REGION = re.compile(  # the region a place lies in, as the news writes it: "Kramatorsk in eastern Ukraine"
    r"^\s+in\s+(?:the\s+)?(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north-?eastern|north-?western|south-?eastern|south-?western)\s+)?([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b"
)

_THE = re.compile(r"(?:^|[^\w-])[Tt]he $")


@dataclass(frozen=True, slots=True)
class Cue:
    """What the text around one mention says: a feature it implies and a qualifying region after a comma."""

    feature: str | None = None  # "A.ADM1", "P", "S", ...
    us_state: str | None = None  # "LA" for "Alexandria, La."
    qualifier: str | None = None  # "Lebanon" for "Tripoli, Lebanon": a place name to resolve first
    after_the: bool = False  # "the Pacific side", "the Atlantic flyway": an area's way, rarely a town's
    lies_in: bool = False  # the qualifier follows "in" ("Ontario in Canada"): it qualifies a region too


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    table: dict[str, str] = geo_toml("geo_variants.toml").get("us_state_abbreviations", {})
    return {k.rstrip(".").replace(".", ""): v for k, v in table.items()}


def cue_at(text: str, start: int, end: int) -> Cue:
    """The cue of the mention ``text[start:end]``: the 40 characters before it and the 40 after."""
    before, after = text[max(0, start - 40) : start], text[end : end + 40]
    feature = None
    inside = text[start:end].casefold()
    for word, implied in FEATURE_WORDS.items():
        if inside.endswith(" " + word):
            feature = implied
            break
    if feature is None and (m := _AFTER.match(after)) is not None:
        feature = FEATURE_WORDS.get(m.group(1).casefold().replace("airbase", "air base"), None)
    if feature is None and (m := _BEFORE.search(before)) is not None:
        word = m.group(1).casefold()
        feature = _BEFORE_CLASS.get(word) or FEATURE_WORDS.get(word)
    us_state = qualifier = None
    lies_in = False
    if (m := _QUALIFIER.match(after)) is not None:
        token = m.group(1)
        abbr = token.rstrip(".").replace(".", "")
        if abbr in _abbreviations() and (token.endswith(".") or "." in token):
            us_state = _abbreviations()[abbr]
        elif len(token) > 3 and token[-1] != ".":
            qualifier = token
    elif (m := _IN_REGION.match(after)) is not None:  # "Tripoli in northern Lebanon"
        qualifier, lies_in = m.group(1), True
    return Cue(feature, us_state, qualifier, _THE.search(before) is not None, lies_in)


def strip_feature_word(name: str) -> tuple[str, str | None]:
    """ "Idlib province" -> ("Idlib", "A.ADM1"); a name without such a word is returned as it is."""
    folded = name.casefold()
    for word, implied in FEATURE_WORDS.items():
        if folded.endswith(" " + word) and len(name) > len(word) + 2:
            return name[: -len(word) - 1].rstrip(), implied
    return name, None


_DEMONYM = (
    ("ians", ("ia", "y")),
    ("ian", ("ia", "y")),
    ("ans", ("a", "")),
    ("ers", ("",)),
    ("an", ("a", "")),
    ("er", ("",)),
    ("s", ("",)),
)
_PREFIX = re.compile(r"^(?:the )?(?:port|city|town|village|township) of\s+", re.IGNORECASE)


def demonym_stems(name: str) -> list[str]:
    """The place names a name may be derived from, when it is not one itself: its people or adjective
    ("Ohioans" -> "Ohio", "South Ossetian" -> "South Ossetia", "New Londoners" -> "New London") or a
    title before it ("Port of Los Angeles" -> "Los Angeles"). Most likely first; none for other names."""
    bare = _PREFIX.sub("", name)
    if bare != name and len(bare) > 2:
        return [bare]
    if not name[:1].isupper() or len(name) < 6:
        return []
    stems = []
    for suffix, endings in _DEMONYM:
        if name.endswith(suffix):
            stems += [name[: -len(suffix)] + ending for ending in endings]
    return [s for s in dict.fromkeys(stems) if len(s) > 3]


_MODIFIER = re.compile(
    r"^(?:(?:north|south|east|west|northeast|northwest|southeast|southwest|northern|southern|eastern|western|"
    r"central|upstate|downstate|metro|metropolitan|greater|downtown|historic|state of|city of|county of)\s+)+",
    re.IGNORECASE,
)
_DIRECTION = re.compile(r"^(?:north|south|east|west|central|upstate|downstate)", re.IGNORECASE)
# A name with one of these is a feature of its own (a river, a lake, a park), not the place it is named after.
_NATURAL = frozenset(
    "river lake creek valley mountain mountains mount island islands isle bay harbor harbour park square gulf "
    "delta sea coast beach falls canyon forest desert peninsula strait channel lakeshore national colony grove "
    "mill springs heights hills ridge point cape".split()
)
# Words of an institution or a street in a place, after its name ("Guernsey County Sheriff").
_INSTITUTION = frozenset(
    "sheriff sheriff's office department dept. hospital medical center centre police fire district road street "
    "avenue boulevard highway airport international metropolitan regional municipal school schools high h.s. "
    "town city hall courthouse council board commission jail library university college community criminal "
    "health emergency management court state patrol general heritage museum science area unified sanitation "
    "water utilities stadium arena racecourse station market zoo prison".split()
)


def name_parts(name: str) -> list[tuple[str, bool]]:
    """The place a longer name stands in, for a name the gazetteer does not know, most likely first: the
    name without a leading modifier ("Northeast Georgia", "Metropolitan Atlanta", "State of Illinois"),
    without trailing words of an institution or a street ("Guernsey County Sheriff", "St. Cloud Hospital",
    "North Druid Hills Road"), or after "of" ("Board of Charleston County"). None for a natural feature or
    landmark ("Neches River", "Gulf of Mexico", "Zion National Park"): it is not the place it is named after.
    Each part comes with whether a compass word was dropped ("West Africa"): such a part lies off its
    centre, so the resolver places it only in a region or town, never at a country's or continent's point."""
    words = name.split()
    if len(words) > 1 and words[-1].casefold() == "valley" and not any(w.casefold() in _NATURAL for w in words[:-1]):
        return [(" ".join(words[:-1]), False)]  # "Swat Valley", "Salinas Valley": the land around the town
    natural = any(w.casefold() in _NATURAL for w in words)
    parts = []
    bare = _MODIFIER.sub("", name)
    if bare != name and len(bare) > 2 and not natural:
        parts.append(bare)
    for k in range(len(words) - 1, 0, -1):
        if all(w.casefold() in _INSTITUTION or w.islower() for w in words[k:]):  # "Norman to": a ragged edge
            parts.append(" ".join(words[:k]))
    if " of " in name and not natural:
        parts.append(name.rsplit(" of ", 1)[1])
    parts = [_MODIFIER.sub("", p) for p in parts]
    off_centre = bool(_DIRECTION.match(name))
    return [(p, off_centre) for p in dict.fromkeys(parts) if len(p) > 2 and p[:1].isupper() and p != name]


_NEXT_WORD = re.compile(r"(?:-[A-Za-z][\w'’]*|\s[A-Z][\w'’-]*)")
_WORD_ON = re.compile(r"[A-Za-z][\w'’]*")  # the rest of a name after a span ending in a hyphen
_COMPASS_WORD = re.compile(r"North|South|East|West|Northern|Southern|Eastern|Western|Central")
_WORD_BEFORE = re.compile(r"[A-Z][\w'’]*(?:-|\s)$")


def whole_name(index: GeoIndex, text: str, start: int, end: int, surface: str) -> str:
    """The span's name, or a longer one the gazetteer knows that the text goes on to or began with: a span
    cut short at a hyphen or a space ("New South" of "New South Wales", "Port" of "Port-au-Prince",
    "Saint-" of "Saint-Marc", "Kartli" of "Kvemo-Kartli"), when the span is no place's own name; and a
    region after a compass word that makes another place of it ("South" + "Africa", "West" + "Virginia").
    "Arlington" in "North Arlington" is left as it is: a town may be a place of its own there."""
    exact = [p for p, alt in index.lookup(surface) if not alt]
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    hyphenated = text[end : end + 1] == "-" or surface.endswith("-")  # a word cut inside: "Port|-au-Prince"
    if exact and not hyphenated:
        if before is None or not _COMPASS_WORD.fullmatch(before.group(0).strip(" -")):
            return surface
        if all(index.feature(p).startswith("P") for p in exact):
            return surface
        longer = before.group(0) + surface
        return longer if any(not alt for _, alt in index.lookup(longer)) else surface
    pattern = _WORD_ON if surface.endswith("-") else _NEXT_WORD
    after = [m.group(0) for m in [pattern.match(text, end)] if m]
    if after and (two := _NEXT_WORD.match(text, end + len(after[0]))) is not None:
        after.append(after[0] + two.group(0))
    for tail in reversed(after):
        if any(not alt for _, alt in index.lookup(surface + tail)):
            return surface + tail
    if before is not None and any(not alt for _, alt in index.lookup(before.group(0) + surface)):
        return before.group(0) + surface
    return surface
