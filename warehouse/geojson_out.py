"""GeoJSON for GIS tools: the rows of a relation with ``lat`` and ``lon`` columns as a FeatureCollection
of points (RFC 7946: coordinates are [longitude, latitude], WGS84), every other column a property.

Used by ``sitrep export ... --format geojson`` (``warehouse.export``): the marts ``places`` and
``article_places`` have points, and so does any query (or a later events table) that selects ``lat`` and
``lon``. Values are written as ``sitrep sql --format json`` writes them (``warehouse.render``). Rows without
a point are left out.
"""

from __future__ import annotations

import json
from typing import TextIO

import duckdb

from warehouse.render import rendered, unique_names

__all__ = ["write_geojson", "POINT_COLUMNS"]

POINT_COLUMNS = (("lat", "lon"), ("latitude", "longitude"))


def write_geojson(relation: duckdb.DuckDBPyRelation, out: TextIO) -> int:
    """Write ``relation`` to ``out`` as a GeoJSON FeatureCollection; returns the number of features.

    Raises ValueError when the relation has no ``lat``/``lon`` (or ``latitude``/``longitude``) columns."""
    names = unique_names(relation.columns)
    lowered = [n.casefold() for n in names]
    pair = next((p for p in POINT_COLUMNS if p[0] in lowered and p[1] in lowered), None)
    if pair is None:
        raise ValueError("a GeoJSON export needs lat and lon columns")
    lat_i, lon_i = lowered.index(pair[0]), lowered.index(pair[1])
    keys = [json.dumps(name, ensure_ascii=False) + ":" for name in names]
    count = 0
    out.write('{"type": "FeatureCollection", "features": [')
    for row in rendered(relation, "json").iter_rows():
        lat, lon = row[lat_i], row[lon_i]
        if lat == "null" or lon == "null":
            continue
        props = ",".join(k + v for i, (k, v) in enumerate(zip(keys, row)) if i not in (lat_i, lon_i))
        out.write(
            ("\n" if not count else ",\n")
            + f'{{"type": "Feature", "geometry": {{"type": "Point", "coordinates": [{lon}, {lat}]}}, '
            + f'"properties": {{{props}}}}}'
        )
        count += 1
    out.write("\n]}\n")
    return count
