"""What the article's other place names say about one name, beyond their countries: the names in a list
with it ("Washington, Oregon and Idaho": regions named with regions are regions), and the first-level
regions all of its names may lie in (the towns of one local story share a state: "New London", "Mount
Pleasant" and "Winfield" each have one in Iowa). Used by ``transforms.geo.resolver``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from transforms.geo.geoindex import GeoIndex

__all__ = ["Shares", "list_members", "peer_score", "region_shares", "support_score"]

_W_PEER, _MAX_PEERS = 1.5, 6.0  # per other list member picked as a region of the candidate's country
_LIST_GAP = re.compile(r"\s*(?:,|,?\s+(?:and|or)|/|&)\s*")  # between two items of a list of places
_W_SUPPORT, _MAX_SUPPORT = 0.75, 1.5  # per other name that may lie in the candidate's region (its share)

Shares = dict[int, Counter[tuple[str, str]]]


def list_members(text: str, spans: Sequence[tuple[int, int]]) -> list[list[int]]:
    """The lists of places in ``text``: runs of two or more span positions, each joined to the next by a
    comma, "and", "or" ("British Columbia, Alberta, Manitoba, Ontario and New Brunswick")."""
    order = sorted(range(len(spans)), key=lambda i: spans[i])
    lists: list[list[int]] = []
    for a, b in zip(order, order[1:]):
        if not _LIST_GAP.fullmatch(text[spans[a][1] : spans[b][0]]):
            continue
        if lists and lists[-1][-1] == a:
            lists[-1].append(b)
        else:
            lists.append([a, b])
    return lists


def peer_score(index: GeoIndex, place: int, member_picks: Iterable[int | None]) -> float:
    """The bonus of a region candidate for each other member of its lists picked as a region of its country."""
    if index.feature(place) != "A.ADM1":
        return 0.0
    country = index.country(place)
    peers = sum(
        1 for p in member_picks if p is not None and index.feature(p) == "A.ADM1" and index.country(p) == country
    )
    return min(_MAX_PEERS, _W_PEER * peers)


def region_shares(index: GeoIndex, candidates: Sequence[Sequence[tuple[int, bool]]]) -> Shares:
    """Per name (its position in ``candidates``), the (country, admin1) regions its candidates lie in, each
    with an equal share of one; under the key -1, the sum of all names' shares."""
    out: Shares = {-1: Counter()}
    for number, places in enumerate(candidates):
        regions = {(index.country(p), index.admin1(p)) for p, _ in places}
        known = [(c, a) for c, a in regions if c is not None and a is not None]
        if known:
            out[number] = Counter({r: 1 / len(known) for r in known})
            out[-1].update(out[number])
    return out


def support_score(shares: Shares, number: int, region: tuple[str, str]) -> float:
    """The bonus of a candidate of name ``number`` in ``region``: the other names' shares of that region."""
    own = shares.get(number)
    shared = shares[-1][region] - (own[region] if own else 0.0)
    return min(_MAX_SUPPORT, _W_SUPPORT * shared)
