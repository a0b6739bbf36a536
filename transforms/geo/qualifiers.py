"""What a qualifier after a name says ("Tripoli, Lebanon", "Alexandria, La.", "Mississauga, Ontario in
Canada"): the country and first-level region it names, and whether it puts the name outside every place
the gazetteer knows by that name. The qualifier itself is found by ``transforms.geo.textcues.cue_at``;
used by ``transforms.geo.resolver``.
"""

from __future__ import annotations

from collections.abc import Sequence

from transforms.geo.geoindex import GeoIndex, name_key
from transforms.geo.textcues import Cue

__all__ = ["outside_qualifier", "qualifier_region"]


def qualifier_region(index: GeoIndex, cue: Cue) -> tuple[str | None, str | None] | None:
    """The (country, admin1) a qualifier names ("Lebanon", "Texas"), if it is a country or region."""
    if cue.qualifier is None:
        return None
    for place, alt in index.lookup(cue.qualifier):
        feature = index.feature(place)
        if feature == "A.PCLI" and not alt:
            return index.country(place), None
        if feature == "A.ADM1" and not alt:
            return index.country(place), index.admin1(place)
    return None


def outside_qualifier(
    index: GeoIndex, cue: Cue, pick: int | None, candidates: Sequence[tuple[int, bool]], picks: dict[str, int | None]
) -> bool:
    """A town whose qualifier names countries or regions none of the name's places lies in ("Stroud,
    Ontario" where only England's Stroud is known): a place the gazetteer lacks, not one to guess.
    ``picks``: the place chosen for each name of the article (by name key); a qualifier the article names
    counts as that place, another as every country or region of its very name."""
    if pick is None or cue.qualifier is None or cue.us_state is not None:
        return False
    if not index.feature(pick).startswith("P") or index.feature(pick) == "P.PPLC":
        return False
    key = name_key(cue.qualifier)
    named = picks.get(key)
    found = [(named, False)] if named is not None else index.lookup(cue.qualifier)
    readings = {  # the countries of the regions of that very name ("Sudanese" is no qualifier)
        index.country(p)
        for p, alt in found
        if not alt and index.feature(p) in ("A.PCLI", "A.ADM1") and name_key(index.name[p]) == key
    }
    readings.discard(None)
    return bool(readings) and all(index.country(p) not in readings for p, _ in candidates)
