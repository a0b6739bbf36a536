"""Sources: what the user names on the command line or in a sources TOML file, and the documents in them.

A sources file is data (adding a site is an entry, not code)::

    [[source]]
    name = "Defense Dispatch"      # shown in tables and status
    kind = "directory"             # file | directory
    path = "sites/defense-dispatch"  # relative to the TOML file

    [[source]]
    name = "Defense Dispatch (feed)"
    kind = "feed"                  # url | feed | sitemap | page: need `url`; urls: `path` or `urls`; warc: `path`
    url = "https://www.defense-dispatch.example/feed/"
    robots = false                 # optional: ignore robots.txt for this source (default: honoured)
    max_items = 50                 # optional: at most this many article URLs per run
    schedule = "*/30 * * * *"      # optional, for `sitrep serve`: a cron schedule (UTC) ...
    # interval = 1800              # ... or an interval in seconds (one of the two)

On the command line an ``http(s)://`` argument is a ``url`` source (a feed, a sitemap or a page,
told apart by what comes back), ``@list.txt`` a ``urls`` source, and a ``.warc``/``.warc.gz`` file
a ``warc`` source. ``discover`` yields the local documents only; the web path (``flows.acquire.web``) takes
the sources for which ``is_web`` holds.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

__all__ = [
    "Source",
    "SourceError",
    "LocalDocument",
    "resolve_sources",
    "parse_sources_toml",
    "discover",
    "document_kind",
    "SUFFIXES",
    "WEB_KINDS",
    "SourceKind",
    "is_web",
    "read_url_list",
]

SourceKind = Literal["file", "directory", "url", "urls", "feed", "sitemap", "page", "warc"]
SUFFIXES: dict[str, Literal["html", "text"]] = {
    ".html": "html",
    ".htm": "html",
    ".html.gz": "html",
    ".htm.gz": "html",
    ".txt": "text",
    ".txt.gz": "text",
}
WEB_KINDS: frozenset[str] = frozenset({"url", "urls", "feed", "sitemap", "page", "warc"})
_URL_KINDS = ("url", "feed", "sitemap", "page")
_PATH_KINDS = ("file", "directory", "warc")


class SourceError(ValueError):
    """A source argument or sources-file entry that cannot be used; the message says which and why."""


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    kind: SourceKind
    path: Path | None = None  # file, directory, warc, urls (a file of URLs)
    url: str | None = None  # url, feed, sitemap, page
    urls: tuple[str, ...] = ()  # urls given inline in a sources file
    robots: bool = True  # honour robots.txt (a source may opt out)
    max_items: int | None = None  # at most this many article URLs per run
    schedule: str | None = None  # cron expression (UTC) for `sitrep serve`
    interval: int | None = None  # seconds between scheduled runs for `sitrep serve`


def is_web(source: Source) -> bool:
    """Whether the web path (``flows.acquire.web``) handles this source rather than ``discover``."""
    return source.kind in WEB_KINDS


def read_url_list(path: Path) -> list[str]:
    """The URLs of a URL-list file: one per line; blank lines and ``#`` comments skipped."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path}: not a readable URL list ({exc})") from exc
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _is_url(value: object) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://")) and len(value) > 8


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
        sources.append(_entry_source(entry, path.parent, where))
    return sources


def _entry_source(entry: dict[str, object], folder: Path, where: str) -> Source:
    kind = entry.get("kind")
    if kind not in ("file", "directory", *sorted(WEB_KINDS)):
        raise SourceError(f"{where}: kind must be one of file, directory, {', '.join(sorted(WEB_KINDS))}; got {kind!r}")
    robots, max_items = entry.get("robots", True), entry.get("max_items")
    if not isinstance(robots, bool):
        raise SourceError(f"{where}: 'robots' must be true or false, got {robots!r}")
    if max_items is not None and (not isinstance(max_items, int) or isinstance(max_items, bool) or max_items < 1):
        raise SourceError(f"{where}: 'max_items' must be a positive integer, got {max_items!r}")
    options: dict[str, object] = {"robots": robots, "max_items": max_items, **_schedule(entry, where)}
    if kind in _URL_KINDS:
        url = entry.get("url")
        if not _is_url(url):
            raise SourceError(f"{where}: 'url' (http:// or https://) is required for kind {kind!r}, got {url!r}")
        name = entry.get("name") or urlsplit(str(url)).netloc
        return Source(name=str(name), kind=kind, url=str(url), **options)  # type: ignore[arg-type]
    if kind == "urls" and "urls" in entry:
        urls = entry["urls"]
        if not isinstance(urls, list) or not urls or not all(_is_url(u) for u in urls):
            raise SourceError(f"{where}: 'urls' must be a non-empty list of http(s) URLs")
        return Source(name=str(entry.get("name") or "urls"), kind="urls", urls=tuple(map(str, urls)), **options)  # type: ignore[arg-type]
    if not isinstance(entry.get("path"), str):
        raise SourceError(f"{where}: 'path' is required for kind {kind!r}")
    target = (folder / str(entry["path"])).resolve()
    name = entry.get("name") or (target.stem if kind in ("urls", "warc") else target.name)
    if kind in ("urls", "warc") and not target.is_file():
        raise SourceError(f"{where}: {target}: no such file")
    return Source(name=str(name), kind=kind, path=target, **options)  # type: ignore[arg-type]


def _schedule(entry: dict[str, object], where: str) -> dict[str, object]:
    """The optional ``schedule`` (cron, 5 fields) or ``interval`` (seconds) of an entry."""
    cron, interval = entry.get("schedule"), entry.get("interval")
    if cron is not None and interval is not None:
        raise SourceError(f"{where}: give 'schedule' or 'interval', not both")
    if cron is not None and (not isinstance(cron, str) or len(cron.split()) != 5):
        raise SourceError(f"{where}: 'schedule' must be a cron expression of 5 fields, got {cron!r}")
    if interval is not None and (not isinstance(interval, int) or isinstance(interval, bool) or interval < 1):
        raise SourceError(f"{where}: 'interval' must be a positive number of seconds, got {interval!r}")
    return {"schedule": cron, "interval": interval}


def _select(path: Path, name: str, arg: str) -> Source:
    matches = [s for s in parse_sources_toml(path) if s.name == name]
    if not matches:
        raise SourceError(f"{arg}: no source named {name!r} in {path}")
    return matches[0]


def resolve_sources(args: list[str]) -> list[Source]:
    """Turn command-line arguments into sources; raises SourceError naming the first bad one."""
    sources: list[Source] = []
    for arg in args:
        if arg.startswith(("http://", "https://")):
            if not _is_url(arg) or not urlsplit(arg).hostname:
                raise SourceError(f"{arg}: not a usable URL")
            sources.append(Source(name=urlsplit(arg).netloc, kind="url", url=arg))
            continue
        if arg.startswith("@"):
            listing = Path(arg[1:])
            if not listing.is_file():
                raise SourceError(f"{arg}: no such URL list file")
            bad = [u for u in read_url_list(listing) if not _is_url(u)]
            if bad:
                raise SourceError(f"{arg}: not an http(s) URL: {bad[0]!r}")
            sources.append(Source(name=listing.stem, kind="urls", path=listing.resolve()))
            continue
        if "#" in arg and arg.split("#", 1)[0].lower().endswith(".toml"):
            file, name = arg.split("#", 1)
            if not Path(file).is_file():
                raise SourceError(f"{arg}: no such sources file")
            sources.append(_select(Path(file), name, arg))
            continue
        path = Path(arg)
        if not path.exists():
            raise SourceError(f"{arg}: no such file or directory")
        if path.is_dir():
            sources.append(Source(name=path.resolve().name, kind="directory", path=path.resolve()))
        elif path.suffix.lower() == ".toml":
            sources.extend(parse_sources_toml(path))
        elif path.name.lower().endswith((".warc", ".warc.gz")):
            sources.append(Source(name=path.resolve().parent.name, kind="warc", path=path.resolve()))
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
        if is_web(source) or source.path is None:
            continue
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
