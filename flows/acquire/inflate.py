"""Content decoding of a response body: gzip and deflate inflated in bounded pieces, so a bomb never fills memory.

The fetcher (``flows.acquire.http``) inflates each raw chunk here and counts the inflated bytes against its cap;
an unknown encoding or a body that does not inflate is a ``FetchFailure`` (not worth another try).
"""

from __future__ import annotations

import zlib

from flows.acquire.fetch_records import FetchFailure

__all__ = ["inflater_for", "inflate"]


def inflater_for(encoding: str) -> zlib._Decompress | None:
    """A decompressor for a ``Content-Encoding`` (gzip, deflate); None for identity; FetchFailure for others."""
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj()
    if encoding in ("identity", ""):
        return None
    raise FetchFailure("UnsupportedEncoding", f"content encoding {encoding!r} is not supported")


def inflate(inflater: zlib._Decompress, data: bytes, budget: int) -> list[bytes]:
    """Inflate ``data`` in pieces no larger than ``budget`` + 64 KiB, so a bomb never fills memory."""
    out: list[bytes] = []
    try:
        piece = inflater.decompress(data, max(budget, 1))
        out.append(piece)
        total = len(piece)
        while inflater.unconsumed_tail and total <= budget:
            piece = inflater.decompress(inflater.unconsumed_tail, max(budget - total, 1))
            out.append(piece)
            total += len(piece)
    except zlib.error as exc:
        raise FetchFailure("BadGzip", f"body does not inflate: {exc}") from exc
    return out
