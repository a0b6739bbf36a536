"""WARC and WARC.gz files (as Common Crawl News ships them) to loaded documents.

Each ``response`` record with an HTTP payload becomes one ``LoadedDocument``: source_uri is the
record's ``WARC-Target-URI``, fetched_at its ``WARC-Date``, http_status and content_type come from
the archived HTTP headers, and the body (de-chunked, content-encoding removed, under the byte cap)
goes to the raw zone. A record that is not an HTML or text page, is too large, or has a non-2xx
status becomes a ``LoadFailure``; requests, metadata and other record types are passed over.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from flows.acquire.load import LoadedDocument, LoadFailure
from warehouse.lake import Lake

__all__ = ["WarcRecord", "iter_warc", "load_warc"]

_PAGE_TYPES: dict[str, Literal["html", "text"]] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
}
WarcRecord = tuple[str, dt.datetime, int | None, str | None, bytes | None, str | None]
"""``(target_uri, warc_date, http_status, content_type, body or None when over the cap, error)``."""


def _warc_date(value: str | None) -> dt.datetime:
    if value:
        try:
            parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
        except ValueError:
            pass
    return dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _read_capped(record: Any, max_bytes: int) -> bytes | None:
    stream = record.content_stream()
    data: bytes = stream.read(max_bytes + 1)
    return None if len(data) > max_bytes else data


def iter_warc(path: Path, *, max_bytes: int) -> Iterator[WarcRecord]:
    """The HTTP response records of a WARC (gzipped or not), in file order."""
    with open(path, "rb") as handle:
        head = handle.read(1024)
        if head[:2] == b"\x1f\x8b":
            try:
                head = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS).decompress(head, 16)
            except zlib.error as exc:
                raise ValueError(f"{path.name}: broken gzip ({exc})") from exc
        if not head.startswith((b"WARC/", b"filedesc://")) and head:
            raise ValueError(f"{path.name}: not a WARC file (no WARC/ header)")
        handle.seek(0)
        try:
            for record in ArchiveIterator(handle, arc2warc=True):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                when = _warc_date(record.rec_headers.get_header("WARC-Date"))
                status_text = record.http_headers.get_statuscode()
                status = int(status_text) if status_text and status_text.isdigit() else None
                content_type = record.http_headers.get_header("Content-Type")
                try:
                    body = _read_capped(record, max_bytes)
                    error = None
                except (OSError, EOFError, ValueError) as exc:
                    body, error = None, f"{type(exc).__name__}: {exc}"
                yield uri, when, status, content_type, body, error
        except ArchiveLoadFailed as exc:
            raise ValueError(f"{path.name}: not a readable WARC file ({exc})") from exc


def load_warc(path: Path, source_name: str, lake: Lake, *, max_bytes: int) -> Iterator[LoadedDocument | LoadFailure]:
    """Load every page record of ``path`` into the raw zone; a bad record is a LoadFailure, the rest go on."""
    try:
        for uri, when, status, content_type, body, error in iter_warc(path, max_bytes=max_bytes):
            media = (content_type or "text/html").split(";", 1)[0].strip().lower()
            kind = _PAGE_TYPES.get(media)
            if error is not None:
                yield LoadFailure(source_name, uri, "BadRecord", error)
            elif body is None:
                yield LoadFailure(source_name, uri, "TooLarge", f"WARC record over the {max_bytes}-byte cap")
            elif status is not None and not 200 <= status < 300:
                yield LoadFailure(
                    source_name,
                    uri,
                    f"HTTP{status}",
                    f"archived response has status {status}",
                    lake.put_raw(body) if body else None,
                )
            elif kind is None:
                yield LoadFailure(source_name, uri, "UnsupportedType", f"archived content type {media}")
            else:
                yield LoadedDocument(
                    source_name=source_name,
                    source_uri=uri,
                    kind=kind,
                    raw_id=lake.put_raw(body),
                    data=body,
                    stored_size=len(body),
                    content_encoding=None,
                    fetched_at=when,
                    http_status=status,
                    final_url=uri,
                    content_type=content_type,
                )
    except (OSError, ValueError) as exc:
        yield LoadFailure(source_name, path.as_uri(), "BadWarc", str(exc))
