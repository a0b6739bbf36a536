"""First-level regions that no longer exist but that the news still names ("Nyanza Province", "Orientale",
"Rhône-Alpes", "NWFP"), placed at the middle of the current subdivisions that took their land.

The data (``transforms/geo/data/former_regions.toml``) lists, per former region, its country, the year it
ended and its successors by name; the points come from the current subdivisions
(``transforms.geo.subdivisions``), so no coordinate is written by hand. A former region has feature code
``ADM1H`` (GeoNames' historical first-level division), no admin1 code (it may span several) and no
population, so that a current place of the same name comes first; and the resolver reads a former
region only where a qualifier or another place of the article names its country.
"""

from __future__ import annotations

import math
import tomllib
from importlib import resources

from transforms.geo.subdivisions import Subdivision

__all__ = ["former_regions", "FormerRegionError"]

_FILE = "former_regions.toml"


class FormerRegionError(ValueError):
    """The data names a successor that the current subdivisions do not hold."""


def _mean_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of points on the sphere (their mean unit vector), so that a region across the
    antimeridian does not land on the other side of the Earth."""
    x = y = z = 0.0
    for lat, lon in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += math.cos(la) * math.cos(lo)
        y += math.cos(la) * math.sin(lo)
        z += math.sin(la)
    return (
        round(math.degrees(math.atan2(z, math.hypot(x, y))), 5),
        round(math.degrees(math.atan2(y, x)), 5),
    )


def former_regions(current: list[Subdivision], data: str | None = None) -> list[Subdivision]:
    """The former regions of ``data`` (TOML text; default: the package's file) as subdivisions, each at the
    middle of its successors among ``current``. Raises ``FormerRegionError`` for a successor not found."""
    if data is None:
        data = resources.files("transforms.geo.data").joinpath(_FILE).read_text(encoding="utf-8")
    by_name = {(sub.country, name.casefold()): sub for sub in current for name in sub.names}
    out = []
    for item in tomllib.loads(data).get("region", []):
        country = item["country"]
        missing = [s for s in item["successors"] if (country, s.casefold()) not in by_name]
        if missing:
            raise FormerRegionError(f"{item['name']} ({country}): no current subdivision named {missing}")
        lat, lon = _mean_point(
            [(by_name[(country, s.casefold())].lat, by_name[(country, s.casefold())].lon) for s in item["successors"]]
        )
        names = tuple(dict.fromkeys((item["name"], *item.get("aliases", ()))))
        out.append(Subdivision(names, lat, lon, country, "", "ADM1H", 0))
    return out
