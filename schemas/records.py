"""Typed records passed between the layers.

The pyarrow schemas in ``schemas.tables`` are the storage contract; the frozen dataclasses here are
what transforms return and flows pass around before rows are built from them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["CleanArticle", "ExtractionMethod", "DocumentKind"]

ExtractionMethod = Literal["trafilatura", "text"]
DocumentKind = Literal["html", "text"]


@dataclass(frozen=True, slots=True)
class CleanArticle:
    """One document after cleaning: main text plus the metadata read from the page or text."""

    text: str
    method: ExtractionMethod
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: dt.date | None = None
    language: str | None = None
    sitename: str | None = None
    canonical_url: str | None = None
    description: str | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = field(default=())

    @property
    def word_count(self) -> int:
        return len(self.text.split())
