"""Deciding what a cleaned document is relative to what the lake already holds.

Four outcomes, decided in a fixed order so that a rerun over the same input decides the same:

- ``unchanged``: the article (same key) already has this revision (content hash); nothing is written;
- ``revised``: the article exists with another revision; a new revision row is written;
- ``duplicate``: another article already has this exact text, or a text whose 64-bit simhash lies
  within ``max_distance`` bits; the row is written with ``duplicate_of`` naming the first article seen;
- ``new``: none of the above.

Near-duplicate search uses the pigeonhole trick: split the 64 bits into ``max_distance + 1`` bands;
two hashes within ``max_distance`` bits agree exactly on at least one band, so only hashes that share
a band are compared.

``DedupeIndex.layer()`` gives an empty index over an existing one: it decides against both and records
its own ``add``s only, so a batch can be decided without changing the index it was given. The caller
keeps an ``IndexEntry`` for each row it adds and ``extend``s the index with them afterwards; the index then
decides as if they had been added to it directly.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from trafilatura.deduplication import Simhash

__all__ = ["Decision", "Outcome", "IndexEntry", "DedupeIndex", "simhash64", "content_hash", "article_key_id"]

Outcome = Literal["new", "revised", "unchanged", "duplicate"]


def simhash64(text: str) -> int:
    """64-bit Charikar simhash of the text's tokens (trafilatura's implementation)."""
    return int(Simhash(text, length=64).hash)


def content_hash(text: str) -> str:
    """The revision id: sha256 hex of the cleaned text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_key_id(key: str) -> str:
    """Stable article id from its key (canonical URL, else the URL it was read from)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Decision:
    outcome: Outcome
    duplicate_of: str | None = None
    duplicate_kind: Literal["exact", "near"] | None = None


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One stored article revision as the index records it (the arguments of ``DedupeIndex.add``)."""

    article_id: str
    revision: str
    simhash: int
    duplicate_of: str | None = None


@dataclass
class DedupeIndex:
    """What has been seen: revisions per article, first article per text hash, simhash bands."""

    max_distance: int = 7
    _revisions: dict[str, set[str]] = field(default_factory=dict)  # article_id -> revisions
    _first_by_revision: dict[str, str] = field(default_factory=dict)  # revision -> article_id
    _root: dict[str, str] = field(default_factory=dict)  # article_id -> the article it duplicates
    _bands: list[dict[int, list[tuple[int, str]]]] = field(default_factory=list)
    _base: DedupeIndex | None = field(default=None, repr=False)  # a layer's index underneath (read only)

    def __post_init__(self) -> None:
        if not 0 <= self.max_distance < 16:
            raise ValueError(f"max_distance must be in 0..15, got {self.max_distance}")
        self._bands = [{} for _ in range(self.max_distance + 1)]

    def layer(self) -> DedupeIndex:
        """An empty index over this one: it decides against both, and its ``add`` leaves this one as it is."""
        return DedupeIndex(max_distance=self.max_distance, _base=self)

    def _layers(self) -> list[DedupeIndex]:
        """The indexes this one decides against, the one underneath first (the order rows were added in)."""
        return [self] if self._base is None else [*self._base._layers(), self]

    def _band_keys(self, simhash: int) -> list[int]:
        count = self.max_distance + 1
        width, extra = divmod(64, count)
        keys, shift = [], 0
        for i in range(count):
            bits = width + (1 if i < extra else 0)
            keys.append((simhash >> shift) & ((1 << bits) - 1))
            shift += bits
        return keys

    def add(self, article_id: str, revision: str, simhash: int, duplicate_of: str | None = None) -> None:
        """Record a stored row (from the lake or just decided)."""
        self._revisions.setdefault(article_id, set()).add(revision)
        self._first_by_revision.setdefault(revision, article_id)
        if duplicate_of is not None:
            self._root.setdefault(article_id, duplicate_of)
        for band, key in zip(self._bands, self._band_keys(simhash)):
            band.setdefault(key, []).append((simhash, article_id))

    def extend(self, entries: Iterable[IndexEntry]) -> None:
        """``add`` each entry, in order (the entries of a batch decided on a ``layer``, say)."""
        for entry in entries:
            self.add(entry.article_id, entry.revision, entry.simhash, entry.duplicate_of)

    def root_of(self, article_id: str) -> str:
        """The first-seen article that ``article_id`` duplicates (itself if it is an original)."""
        layers, seen = self._layers(), {article_id}
        while (parent := _first(layer._root.get(article_id) for layer in layers)) is not None and parent not in seen:
            seen.add(parent)
            article_id = parent
        return article_id

    def _nearest(self, article_id: str, simhash: int) -> str | None:
        best: tuple[int, str] | None = None
        layers = self._layers()
        for i, key in enumerate(self._band_keys(simhash)):
            for other_hash, other_id in (item for layer in layers for item in layer._bands[i].get(key, ())):
                if other_id == article_id:
                    continue
                distance = (other_hash ^ simhash).bit_count()
                if distance <= self.max_distance and (best is None or distance < best[0]):
                    best = (distance, other_id)
        return None if best is None else best[1]

    def decide(self, article_id: str, revision: str, simhash: int) -> Decision:
        """Classify one candidate; the caller ``add``s it when it writes a row."""
        layers = self._layers()
        known = [layer._revisions[article_id] for layer in layers if article_id in layer._revisions]
        if any(revision in revisions for revisions in known):
            return Decision("unchanged")
        if known:
            return Decision("revised")
        first = _first(layer._first_by_revision.get(revision) for layer in layers)
        if first is not None and first != article_id:
            return Decision("duplicate", self.root_of(first), "exact")
        near = self._nearest(article_id, simhash)
        if near is not None:
            return Decision("duplicate", self.root_of(near), "near")
        return Decision("new")


def _first(values: Iterable[str | None]) -> str | None:
    """The first value that is not None (what ``setdefault`` kept, over layers in the order of adding)."""
    return next((value for value in values if value is not None), None)
