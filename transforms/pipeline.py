"""Normalizing one cleaned article: sentences, dates, entities and quantities, in one pure call.

This is the composition every caller shares (the ingest workers, ``sitrep normalize``, reprocessing),
so that a document normalizes the same way wherever it runs. Dates are resolved against the
publication date passed in; nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from schemas.temporal import TemporalExpression
from transforms.sentences import Sentence, split_sentences
from transforms.temporal import extract_dates

__all__ = ["EMPTY", "Normalized", "normalize_text"]


@dataclass(frozen=True, slots=True)
class Normalized:
    """Everything the normalizers found in one text; offsets index that text."""

    sentences: tuple[Sentence, ...]
    dates: tuple[TemporalExpression, ...]


EMPTY = Normalized(sentences=(), dates=())
"""What an article carries when its normalization failed (the failure is reported separately)."""


def normalize_text(text: str, *, published: dt.date | None) -> Normalized:
    """Run every normalizer over ``text``; never raises on any string."""
    return Normalized(
        sentences=tuple(split_sentences(text)),
        dates=tuple(extract_dates(text, published=published)),
    )
