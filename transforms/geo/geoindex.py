"""The compact index of the gazetteer: places as columns (arrays, not objects) and a table from each
normalized name to the places that bear it.

``geo_index()`` builds it once per process from ``transforms.geo.geonames`` (a few seconds: the JSON of
235,000 cities); ``GeoIndex.to_bytes``/``from_bytes`` give the same index as one pickled blob that loads
in a fraction of a second, which the flows keep in a cache file (``flows.run.geo_cache``) and which the
forkserver loads before it forks the workers, so they share its pages. Nothing here touches the file
system but the package data.
"""

from __future__ import annotations

import pickle
import re
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from transforms.geo.geonames import Place, ascii_fold, geo_toml, read_places

__all__ = ["GeoIndex", "geo_index", "name_key", "set_geo_index", "FORMAT"]

FORMAT = 3  # bumped whenever the layout or the data rules change: a cached blob of another format is rebuilt

_PUNCT = re.compile(r"[’'`ʼ‘.]")
_SPACE = re.compile(r"[\s\-_/,]+")
_PREFIXES = ("al ", "el ", "ad ", "an ", "as ", "ar ", "at ", "az ", "ash ", "the ")
_ABBREV = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "point"}


def name_key(name: str) -> str:
    """The form names are compared in: no diacritics, case or punctuation; "St." before another word is
    "saint" ("St. Louis", "South St. Paul"), "Ft." "fort", "Mt." "mount"."""
    key = _SPACE.sub(" ", _PUNCT.sub("", ascii_fold(name)).casefold()).strip()
    words = key.split(" ")
    if len(words) > 1 and any(w in _ABBREV for w in words[:-1]):  # "South St. Paul", "Port St. Lucie"
        key = " ".join(_ABBREV.get(w, w) if i < len(words) - 1 else w for i, w in enumerate(words))
    return key


def _bare(key: str) -> str | None:
    """The key without an Arabic article or "the": "al hudaydah" -> "hudaydah"."""
    for prefix in _PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix) + 2:
            return key[len(prefix) :]
    return None


@dataclass(slots=True)
class GeoIndex:
    """Places as parallel columns; ``keys`` (sorted name keys) and ``offsets`` index ``postings``, where a
    place ``p`` is ``2 * p``, or ``2 * p + 1`` when it matched an alternate name only. Feature, country
    and admin1 are codes into the small ``labels`` table, so the whole index pickles to a few flat blobs."""

    geonames_id: array  # int64, -1 where the place has none
    lat: array
    lon: array
    population: array
    name: list[str]
    feature_code: array  # index into labels: "P.PPL", "A.ADM1", ...
    country_code: array  # index into labels: ISO3 or ""
    admin1_code: array  # index into labels: "TX", "07" or ""
    labels: list[str]
    keys: list[str]
    offsets: array
    postings: array

    def __len__(self) -> int:
        return len(self.name)

    def feature(self, place: int) -> str:
        return self.labels[self.feature_code[place]]

    def country(self, place: int) -> str | None:
        return self.labels[self.country_code[place]] or None

    def admin1(self, place: int) -> str | None:
        return self.labels[self.admin1_code[place]] or None

    def _find(self, key: str) -> array | None:
        i = bisect_left(self.keys, key)
        if i < len(self.keys) and self.keys[i] == key:
            return self.postings[self.offsets[i] : self.offsets[i + 1]]
        return None

    def lookup(self, text: str) -> list[tuple[int, bool]]:
        """The places a name may stand for, each with whether it matched only an alternate name."""
        key = name_key(text)
        found = self._find(key)
        if found is None:
            bare = _bare(key)
            found = self._find(bare) if bare else None
        if found is None:
            return []
        best: dict[int, bool] = {}
        for code in found:
            place, alt = divmod(code, 2)
            best[place] = best.get(place, True) and bool(alt)
        return list(best.items())

    def to_bytes(self) -> bytes:
        state = (
            FORMAT,
            *(getattr(self, f).tobytes() for f in _ARRAYS),
            "\n".join(self.name),
            "\n".join(self.labels),
            "\n".join(self.keys),
        )
        return pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def from_bytes(cls, blob: bytes) -> GeoIndex:
        state = pickle.loads(blob)
        if state[0] != FORMAT:
            raise ValueError(f"geo index format {state[0]}, expected {FORMAT}")
        columns = {}
        for field, raw in zip(_ARRAYS, state[1 : 1 + len(_ARRAYS)]):
            column = array(_TYPECODES[field])
            column.frombytes(raw)
            columns[field] = column
        name, labels, keys = (s.split("\n") for s in state[1 + len(_ARRAYS) :])
        return cls(name=name, labels=labels, keys=keys, **columns)


_TYPECODES = {
    "geonames_id": "q",
    "lat": "d",
    "lon": "d",
    "population": "q",
    "feature_code": "H",
    "country_code": "H",
    "admin1_code": "H",
    "offsets": "I",
    "postings": "I",
}
_ARRAYS = tuple(_TYPECODES)


def build_index(places: list[Place]) -> GeoIndex:
    columns: dict[str, array[Any]] = {field: array(code) for field, code in _TYPECODES.items()}
    names: list[str] = []
    labels: dict[str, int] = {"": 0}
    postings: dict[str, set[int]] = {}
    variants = geo_toml("geo_variants.toml").get("variants", {})
    for i, place in enumerate(places):
        columns["geonames_id"].append(place.geonames_id if place.geonames_id is not None else -1)
        columns["lat"].append(place.lat)
        columns["lon"].append(place.lon)
        columns["population"].append(place.population)
        names.append(place.names[0])
        for field, label in (
            ("feature_code", f"{place.feature_class}.{place.feature_code}"),
            ("country_code", place.country or ""),
            ("admin1_code", place.admin1 or ""),
        ):
            columns[field].append(labels.setdefault(label, len(labels)))
        for n, name in enumerate(place.names):
            key = name_key(name)
            bare = _bare(key)
            for k in (key, bare) if bare else (key,):
                postings.setdefault(k, set()).add(2 * i + (1 if n else 0))
    for variant, canonical in variants.items():  # news spellings the alternate names lack
        found = {c for c in postings.get(name_key(canonical), ()) if c % 2 == 0}
        postings.setdefault(name_key(variant), set()).update(found)
    keys = sorted(postings)
    columns["offsets"].append(0)
    for key in keys:
        codes = postings[key]
        columns["postings"].extend(sorted(c for c in codes if c % 2 == 0 or c - 1 not in codes))
        columns["offsets"].append(len(columns["postings"]))
    return GeoIndex(name=names, labels=list(labels), keys=keys, **columns)


_OVERRIDE: list[GeoIndex] = []


def set_geo_index(index: GeoIndex) -> None:
    """Use ``index`` (loaded from a cache by the caller) instead of building one in this process."""
    _OVERRIDE[:] = [index]
    geo_index.cache_clear()


@lru_cache(maxsize=1)
def geo_index() -> GeoIndex:
    """The process's index: the one set by ``set_geo_index``, or one built from the reference data."""
    if _OVERRIDE:
        return _OVERRIDE[0]
    return build_index(list(read_places()))
