"""A place mention resolved (``Resolution``: the GeoNames place, its point, feature, country, admin1,
method and confidence) and the great-circle distance between two points (``haversine_km``). Shared by
``transforms.geo.resolver`` (which re-exports both) and ``transforms.geo.geocode``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["Resolution", "haversine_km"]

_EARTH_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class Resolution:
    """A place mention resolved: the GeoNames place (id ``None`` for curated areas and facilities)."""

    geonames_id: int | None
    name: str
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_iso3: str | None
    admin1: str | None
    method: str  # "only" (one candidate), "qualifier", "context", "population"
    confidence: float  # 0..1: the margin of the chosen place over the next


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(a)))
