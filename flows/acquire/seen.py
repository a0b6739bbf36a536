"""What each source has already fetched: the seen-state read from the ``fetches`` table, and its rows.

The key is ``(source_name, canonical_url)``; the canonical URL is courlan's normalized form with
tracking parameters and fragments removed, so ``?utm_source=...`` variants are one page. The latest
successful row of a key (fetched, not_modified or unchanged) gives its validators (ETag,
Last-Modified) and the raw id of its last body. An article counts as seen only when its raw id also
has a ``raw_documents`` row, so a run that stored bytes but died before cleaning them is finished
by the next run instead of being skipped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from flows.acquire.fetch_records import FetchResult, Validators
from transforms.extract.urls import canonical_url as to_canonical
from warehouse.lake import Lake

__all__ = ["SeenEntry", "SeenState", "read_seen", "canonical_url", "fetch_row"]

_SUCCESS = ("fetched", "not_modified", "unchanged")


def canonical_url(url: str) -> str:
    """The seen-check key of ``url``: its canonical form (``transforms.extract.urls``), or itself if it has none."""
    return to_canonical(url) or url


@dataclass(frozen=True)
class SeenEntry:
    canonical_url: str
    etag: str | None
    last_modified: str | None
    raw_id: str | None
    fetched_at: dt.datetime

    @property
    def validators(self) -> Validators | None:
        if self.etag is None and self.last_modified is None:
            return None
        return Validators(self.etag, self.last_modified)


@dataclass
class SeenState:
    """The latest successful fetch per (source, canonical URL), and the raw ids already processed."""

    entries: dict[tuple[str, str], SeenEntry] = field(default_factory=dict)
    processed: set[str] = field(default_factory=set)

    def get(self, source_name: str, url: str) -> SeenEntry | None:
        return self.entries.get((source_name, canonical_url(url)))

    def article(self, source_name: str, url: str) -> SeenEntry | None:
        """The entry of an article whose last body was stored and processed; None if it must be fetched."""
        entry = self.get(source_name, url)
        if entry is None or entry.raw_id is None or entry.raw_id not in self.processed:
            return None
        return entry

    def remember(self, row: dict[str, Any]) -> None:
        """Fold one ``fetches`` row in (rows must arrive in fetch-time order)."""
        if row["outcome"] not in _SUCCESS or not row.get("canonical_url"):
            return
        key = (row["source_name"], row["canonical_url"])
        previous = self.entries.get(key)
        self.entries[key] = SeenEntry(
            row["canonical_url"],
            row.get("etag") or (previous.etag if previous and row["outcome"] == "not_modified" else None),
            row.get("last_modified")
            or (previous.last_modified if previous and row["outcome"] == "not_modified" else None),
            row.get("raw_id") or (previous.raw_id if previous else None),
            row["fetched_at"],
        )


def read_seen(lake: Lake) -> SeenState:
    """The seen-state of every source from the lake's ``fetches`` and ``raw_documents`` tables."""
    state = SeenState()
    columns = ["source_name", "canonical_url", "outcome", "etag", "last_modified", "raw_id", "fetched_at"]
    table = lake.read_table("fetches", columns).sort_by([("fetched_at", "ascending")])
    for row in table.to_pylist():
        state.remember(row)
    state.processed = set(lake.read_table("raw_documents", ["raw_id"]).column("raw_id").to_pylist())
    return state


def fetch_row(
    source_name: str,
    url: str,
    result: FetchResult,
    *,
    outcome: str,
    raw_id: str | None,
    run_id: str,
    previous: SeenEntry | None = None,
) -> dict[str, Any]:
    """One ``fetches`` row for ``result``; a 304 keeps the previous body's raw id and validators."""
    keep = previous if outcome == "not_modified" else None
    return {
        "source_name": source_name,
        "url": url,
        "canonical_url": canonical_url(url),
        "final_url": result.final_url,
        "outcome": outcome,
        "http_status": result.status,
        "etag": result.etag or (keep.etag if keep else None),
        "last_modified": result.last_modified or (keep.last_modified if keep else None),
        "raw_id": raw_id or (keep.raw_id if keep else None),
        "attempts": max(result.attempts, 0),
        "error_type": result.error_type,
        "message": result.message,
        "fetched_at": result.fetched_at or dt.datetime.now(dt.UTC),
        "run_id": run_id,
    }
