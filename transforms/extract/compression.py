"""Inflating gzip bodies with a cap, so that a small file cannot become a huge one (a gzip bomb).

Used for ``.gz`` files, gzip-encoded web bodies and raw documents stored compressed. Feeds and
sitemaps have their own lenient inflater in ``transforms.formats.xmlsafe`` (it keeps what a truncated
stream yields, which a parser in recovery mode can still use).
"""

from __future__ import annotations

import gzip
import io
import zlib

from transforms.errors import TooLarge, TransformError

__all__ = ["GZIP_MAGIC", "BrokenGzip", "gunzip_capped"]

GZIP_MAGIC = b"\x1f\x8b"


class BrokenGzip(TransformError):
    """The bytes are not a complete, valid gzip stream."""


def gunzip_capped(data: bytes, limit: int) -> bytes:
    """``data`` inflated; raises TooLarge past ``limit`` bytes and BrokenGzip on a corrupt stream."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            out = handle.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise BrokenGzip(f"gzip: {exc}", field="gzip") from exc
    if len(out) > limit:
        raise TooLarge(f"inflates past {limit} bytes", field="gzip", value=limit)
    return out
