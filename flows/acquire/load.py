"""Loading local files into the raw zone: read (size-capped), gunzip (capped), store, describe.

I/O only. A file that cannot be loaded becomes a ``LoadFailure`` carrying the reason; the flow turns
it into a ``rejects`` row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from flows.acquire.sources import LocalDocument
from transforms.errors import TooLarge
from transforms.extract.compression import BrokenGzip, gunzip_capped
from warehouse.lake import Lake

__all__ = ["LoadedDocument", "LoadFailure", "FileRead", "ReadError", "read_file", "load_document"]


@dataclass(frozen=True, slots=True)
class LoadedDocument:
    source_name: str
    source_uri: str
    kind: Literal["html", "text"]
    raw_id: str
    data: bytes  # decompressed bytes, what the cleaner reads
    stored_size: int  # bytes as stored in the raw zone
    content_encoding: str | None
    fetched_at: dt.datetime  # the file's modification time, or the fetch time, UTC
    http_status: int | None = None  # web documents only
    final_url: str | None = None  # web documents: the URL after redirects
    content_type: str | None = None  # web documents: the response's media type


@dataclass(frozen=True, slots=True)
class LoadFailure:
    source_name: str
    source_uri: str
    error_type: str
    message: str
    raw_id: str | None = None


@dataclass(frozen=True, slots=True)
class FileRead:
    """A file's bytes as stored and as the cleaner reads them (gunzipped)."""

    stored: bytes
    data: bytes
    content_encoding: str | None
    modified_at: dt.datetime


@dataclass(frozen=True, slots=True)
class ReadError:
    """Why a file could not be read; ``stored`` holds its bytes when they were read (a broken gzip)."""

    error_type: str
    message: str
    stored: bytes | None = None


def read_file(path: Path, *, max_bytes: int) -> FileRead | ReadError:
    """Read a file under the size caps (on disk, and inflated for ``.gz``)."""
    try:
        stat = path.stat()
        if stat.st_size > max_bytes:
            return ReadError("TooLarge", f"{stat.st_size} bytes, over the {max_bytes}-byte cap")
        stored = path.read_bytes()
    except OSError as exc:
        return ReadError(type(exc).__name__, f"cannot read file: {exc.strerror or exc}")
    encoding = "gzip" if path.name.lower().endswith(".gz") else None
    data = stored
    if encoding == "gzip":
        try:
            data = gunzip_capped(stored, max_bytes)
        except (BrokenGzip, TooLarge) as exc:
            return ReadError("BadGzip", str(exc) if isinstance(exc, BrokenGzip) else f"gzip: {exc}", stored)
    modified = dt.datetime.fromtimestamp(stat.st_mtime, tz=dt.UTC)
    return FileRead(stored, data, encoding, modified)


def load_document(doc: LocalDocument, lake: Lake, *, max_bytes: int) -> LoadedDocument | LoadFailure:
    """Read one file into the raw zone. Never raises for a bad file: returns a LoadFailure."""
    uri = doc.path.as_uri()
    if doc.kind is None:
        return LoadFailure(
            doc.source_name, uri, "UnsupportedType", f"{doc.path.name}: not .html, .htm or .txt (optionally .gz)"
        )
    read = read_file(doc.path, max_bytes=max_bytes)
    if isinstance(read, ReadError):
        # bytes that were read (a bad gzip) still go to the raw zone, so nothing read is lost
        raw_id = lake.put_raw(read.stored) if read.stored is not None else None
        return LoadFailure(doc.source_name, uri, read.error_type, read.message, raw_id)
    return LoadedDocument(
        source_name=doc.source_name,
        source_uri=uri,
        kind=doc.kind,
        raw_id=lake.put_raw(read.stored),
        data=read.data,
        stored_size=len(read.stored),
        content_encoding=read.content_encoding,
        fetched_at=read.modified_at,
    )
