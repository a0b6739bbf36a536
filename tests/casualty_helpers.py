"""What the casualty-claim tests share: a text read by the pipeline on a fixed publication date, and the one
claim whose count reads ``span``."""

from __future__ import annotations

import datetime as dt

from schemas.events import CasualtyClaim
from transforms.entities.mentions import EntityExtractor
from transforms.pipeline import Normalized, normalize_text

__all__ = ["read", "one_claim"]


def read(text: str, extractor: EntityExtractor) -> Normalized:
    return normalize_text(text, published=dt.date(2025, 4, 8), extractor=extractor)


def one_claim(found: Normalized, span: str) -> CasualtyClaim:
    matches = [c for c in found.claims if c.text == span]
    assert len(matches) == 1, (span, found.claims)
    return matches[0]
