"""Sources: what the user names on the command line or in a sources TOML file, and the documents in them.

A sources file is data (adding a site is an entry, not code)::

    [[source]]
    name = "Defense Dispatch"      # shown in tables and status
    kind = "directory"             # file | directory
    path = "sites/defense-dispatch"  # relative to the TOML file

Web kinds (url, feed, sitemap, page, warc, URL lists) are not implemented yet and are refused with a
clear error rather than ignored.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

__all__ = [
    "Source",
    "SourceError",
    "LocalDocument",
    "resolve_sources",
    "parse_sources_toml",
    "discover",
    "document_kind",
    "SUFFIXES",
]

SourceKind = Literal["file", "directory"]
SUFFIXES: dict[str, Literal["html", "text"]] = {
    ".html": "html",
    ".htm": "html",
    ".html.gz": "html",
    ".htm.gz": "html",
    ".txt": "text",
    ".txt.gz": "text",
}
_WEB_KINDS = {"url", "feed", "sitemap", "page", "warc", "urls"}


class SourceError(ValueError):
    """A source argument or sources-file entry that cannot be used; the message says which and why."""


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    kind: SourceKind
    path: Path


@dataclass(frozen=True, slots=True)
class LocalDocument:
    """One file to load, with the source it came from."""

    source_name: str
    path: Path
    kind: Literal["html", "text"] | None  # None: a suffix sitrep does not read
    explicit: bool = False  # named by the user (a file source), not found inside a directory


def document_kind(path: Path) -> Literal["html", "text"] | None:
    name = path.name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return SUFFIXES[suffix]
    return None


def parse_sources_toml(path: Path) -> list[Source]:
    """Read a sources file; relative paths are taken from the file's folder."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SourceError(f"{path}: not a readable sources file ({exc})") from exc
    entries = data.get("source", [])
    if not isinstance(entries, list) or not entries:
        raise SourceError(f"{path}: no [[source]] entries")
    sources = []
    for i, entry in enumerate(entries, start=1):
        where = f"{path}: source #{i}"
        if not isinstance(entry, dict):
            raise SourceError(f"{where}: not a table")
        kind = entry.get("kind")
        if kind in _WEB_KINDS:
            raise SourceError(f"{where}: kind {kind!r} (web sources) is not supported yet")
        if kind not in ("file", "directory"):
            raise SourceError(f"{where}: kind must be 'file' or 'directory', got {kind!r}")
        if not isinstance(entry.get("path"), str):
            raise SourceError(f"{where}: 'path' is required")
        target = (path.parent / entry["path"]).resolve()
        name = entry.get("name") or target.name
        sources.append(Source(name=str(name), kind=kind, path=target))
    return sources


def resolve_sources(args: list[str]) -> list[Source]:
    """Turn command-line arguments into sources; raises SourceError naming the first bad one."""
    sources: list[Source] = []
    for arg in args:
        if arg.startswith(("http://", "https://", "@")):
            raise SourceError(f"{arg}: URL sources and URL lists are not supported yet")
        path = Path(arg)
        if not path.exists():
            raise SourceError(f"{arg}: no such file or directory")
        if path.is_dir():
            sources.append(Source(name=path.resolve().name, kind="directory", path=path.resolve()))
        elif path.suffix.lower() == ".toml":
            sources.extend(parse_sources_toml(path))
        else:
            sources.append(Source(name=path.resolve().parent.name, kind="file", path=path.resolve()))
    return sources


def discover(sources: list[Source]) -> Iterator[LocalDocument]:
    """Every document of every source, each path once, in a stable order (sorted per source).

    Hidden files and folders are skipped; files with other suffixes are yielded with ``kind=None``
    so the flow can count them instead of dropping them silently.
    """
    seen: set[Path] = set()
    for source in sources:
        if source.kind == "file":
            paths = [source.path]
        elif source.path.is_dir():
            paths = sorted(
                p
                for p in source.path.rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(source.path).parts)
            )
        else:
            raise SourceError(f"{source.path}: directory not found (source {source.name!r})")
        for path in paths:
            if path in seen:
                continue
            seen.add(path)
            yield LocalDocument(source.name, path, document_kind(path), explicit=source.kind == "file")
