"""Where the lake's files live: a local folder, or an object store named by a URL (``pyarrow.fs``).

``open_store(root, storage)`` gives the ``Store`` of a data root: without ``storage`` it is the local
folder ``<root>/lake`` (as it always was); ``storage`` may name another local folder, a ``file://`` URL
or an object store URL that ``pyarrow.fs.FileSystem.from_uri`` understands, such as
``s3://bucket/prefix`` (options ride in the query string: ``?endpoint_override=host:9000&scheme=http``
for an S3-compatible server; credentials come from the usual ``AWS_*`` variables, never from the URL).

Every write is whole or invisible. Locally: a temporary file under ``_tmp/``, flushed, then renamed.
On an object store: a temporary object under ``_tmp/``, then a server-side copy to its key (an object
appears whole when its upload completes, so a killed run leaves at most objects under ``_tmp/``).

DuckDB reads an object store through an fsspec wrapper of the same pyarrow filesystem
(``attach_storage``): its own ``httpfs`` extension cannot be installed everywhere. A refreshed catalog
records its storage URL in ``_sitrep.storage`` so that any sitrep reader can attach it.
"""

from __future__ import annotations

import os
import posixpath
import uuid
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import duckdb
import pyarrow as pa
import pyarrow.fs as pafs

__all__ = [
    "Store",
    "StorageError",
    "open_store",
    "check_storage_url",
    "attach_storage",
    "register_store",
    "STORAGE_TABLE",
]

STORAGE_TABLE = "_sitrep.storage"


class StorageError(ValueError):
    """A storage setting that cannot be used; ``url`` is the value, ``reason`` why."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"storage {_redacted(url)!r}: {reason}")
        self.url = url
        self.reason = reason


def _redacted(url: str) -> str:
    """``url`` without any user or password in it."""
    if "://" not in url:
        return url
    parts = urlsplit(url)
    return parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()


def check_storage_url(url: str) -> str:
    """``url`` if it may name a lake's storage; ``StorageError`` if it carries credentials or has no place."""
    if "://" not in url:
        return url
    parts = urlsplit(url)
    if parts.username or parts.password:
        raise StorageError(
            url,
            "credentials do not belong in the URL (they would be recorded with every run); "
            "use AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
        )
    if parts.scheme != "file" and not (parts.netloc + parts.path).strip("/"):
        raise StorageError(url, "name a bucket (and a prefix), e.g. s3://bucket/sitrep")
    return url


@dataclass(frozen=True)
class Store:
    """A lake folder (``base``) on a pyarrow filesystem; ``scheme`` is ``""`` for the local disk."""

    fs: pafs.FileSystem
    base: str
    scheme: str = ""
    url: str | None = None  # as configured; None for the default <root>/lake

    @property
    def local(self) -> bool:
        return not self.scheme

    def join(self, *parts: str) -> str:
        return posixpath.join(self.base, *parts)

    def uri(self, path: str) -> str:
        """``path`` as DuckDB and other readers name it: a local path, or ``s3://bucket/...``."""
        return path if self.local else f"{self.scheme}://{path}"

    def check(self) -> None:
        """``StorageError`` when an object store cannot be reached or its bucket does not exist."""
        if self.local:
            return
        bucket = self.base.split("/", 1)[0]
        try:
            found = self.fs.get_file_info(bucket).type != pafs.FileType.NotFound
        except OSError as exc:
            raise StorageError(self.url or self.base, str(exc).splitlines()[0]) from exc
        if not found:
            raise StorageError(self.url or self.base, f"there is no bucket {bucket!r} (sitrep never creates one)")

    # -- reading --------------------------------------------------------------------------------

    def exists(self, path: str) -> bool:
        return self.fs.get_file_info(path).type != pafs.FileType.NotFound

    def read_bytes(self, path: str) -> bytes:
        """The file's bytes; ``FileNotFoundError`` when there is none."""
        with self.fs.open_input_stream(path) as stream:
            return bytes(stream.read())

    def files(self, folder: str) -> list[str]:
        """Every file below ``folder`` (recursively), sorted; empty when the folder does not exist."""
        infos = self.fs.get_file_info(pafs.FileSelector(folder, recursive=True, allow_not_found=True))
        return sorted(i.path for i in infos if i.type == pafs.FileType.File)

    # -- writing --------------------------------------------------------------------------------

    def put(self, path: str, data: bytes | pa.Buffer) -> None:
        """Write ``data`` to ``path`` whole or not at all (replacing what is there)."""
        if self.local:
            tmp = Path(self.join("_tmp", uuid.uuid4().hex))
            tmp.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as handle:
                handle.write(memoryview(data))
                handle.flush()
                os.fsync(handle.fileno())
            target = Path(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, target)
            _fsync_dir(target.parent)
            return
        tmp_key = self.join("_tmp", uuid.uuid4().hex)
        stream = self.fs.open_output_stream(tmp_key)
        stream.write(data)
        stream.close()  # the upload completes here; a failure before it leaves nothing under ``path``
        self.fs.move(tmp_key, path)  # a server-side copy: ``path`` appears whole

    def copy(self, source: str, target: str) -> None:
        """Copy one file whole (locally: through a temporary file and a rename)."""
        if self.local:
            self.put(target, self.read_bytes(source))
        else:
            self.fs.copy_file(source, target)

    def delete(self, path: str) -> None:
        self.fs.delete_file(path)

    def delete_dir(self, folder: str) -> None:
        """Remove ``folder`` and all below it, if it exists."""
        if self.fs.get_file_info(folder).type == pafs.FileType.Directory:
            self.fs.delete_dir(folder)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_store(root: Path, storage: str | None = None) -> Store:
    """The store of the data root ``root``: ``storage`` (a path or URL) or, without it, ``<root>/lake``."""
    if not storage:
        return Store(pafs.LocalFileSystem(), Path(root, "lake").absolute().as_posix())
    if "://" not in storage:
        return Store(pafs.LocalFileSystem(), Path(storage).absolute().as_posix(), url=storage)
    check_storage_url(storage)
    try:
        fs, path = pafs.FileSystem.from_uri(storage)
    except (pa.ArrowInvalid, OSError, ValueError) as exc:
        raise StorageError(storage, str(exc).splitlines()[0]) from exc
    scheme = "" if isinstance(fs, pafs.LocalFileSystem) else urlsplit(storage).scheme
    return Store(fs, path.rstrip("/"), scheme, storage)


@cache
def _fsspec_class(scheme: str) -> Any:
    """An fsspec filesystem class over a pyarrow filesystem that answers to ``scheme://`` paths."""
    from fsspec.implementations.arrow import ArrowFSWrapper

    return type(f"ArrowFS_{scheme}", (ArrowFSWrapper,), {"protocol": (scheme,)})


def attach_storage(con: duckdb.DuckDBPyConnection) -> None:
    """Let ``con`` read the object store its catalog's views name (a no-op for a local lake).

    The storage is what the catalog recorded at its last refresh; an older catalog records none.
    """
    recorded = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = '_sitrep' AND table_name = 'storage'"
    ).fetchall()
    if not recorded or not recorded[0][0]:
        return
    rows = con.execute(f"SELECT url FROM {STORAGE_TABLE}").fetchall()
    url = rows[0][0] if rows else None
    if url:
        register_store(con, open_store(Path("."), url))


def register_store(con: duckdb.DuckDBPyConnection, store: Store) -> None:
    """Register ``store``'s filesystem on ``con`` so that ``scheme://`` paths read through it."""
    if store.local:
        return
    wrapper = _fsspec_class(store.scheme)(store.fs)
    if not con.filesystem_is_registered(wrapper.protocol[0]):
        con.register_filesystem(wrapper)
