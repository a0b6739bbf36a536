"""Who a page says published it and wrote it, as its own metadata states.

This module owns reading, from a parsed page: the site's names (``og:site_name``,
``application-name``, the JSON-LD ``publisher``, the host name of the page's URL), the JSON-LD
``author`` entries with their ``@type`` (Person or Organization), and whether a name is the page's
copyright holder ("© 2025 Frontline Media Group"). ``transforms.extract.authors`` uses them to tell a
writer from the site or its publisher, and ``transforms.extract.titles`` to find the site's name in a title.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from transforms.extract.author_labels import squash

__all__ = ["PageCredits", "page_credits", "is_copyright_holder"]

_SITE_META = frozenset(
    {
        "og:site_name",
        "application-name",
        "apple-mobile-web-app-title",
        "publisher",
        "dc.publisher",
        "article:publisher",
        "twitter:site",
    }
)
_SEPARATORS = re.compile(r"\s+[|–—:·•»/-]{1,2}\s+|\s+-{2}\s+")
_MAX_SCRIPTS = 20
_MAX_SCRIPT_CHARS = 200_000
_COPYRIGHT_MARKS = ("©", "&copy;", "&#169;", "(c)", "(C)", "Copyright", "copyright", "COPYRIGHT")
_MAX_NOTES = 200
_NOTE_CHARS = 120
_GENERIC_HOST_LABELS = frozenset({"www", "m", "en", "edition", "amp", "news", "com", "co", "org", "net", "gov", "mil"})


@dataclass(frozen=True, slots=True)
class PageCredits:
    """The site's names and the JSON-LD authors of one page (all as written, without repeats)."""

    site_names: tuple[str, ...] = ()
    host_labels: tuple[str, ...] = ()  # "defensedispatch" for www.defensedispatch.example
    person_authors: tuple[str, ...] = ()  # JSON-LD author entries typed Person (or untyped)
    organisation_authors: tuple[str, ...] = ()  # JSON-LD author entries typed Organization

    def site_keys(self) -> frozenset[str]:
        """The squashed forms a value takes when it names the site ("Sott.net" -> "sottnet")."""
        keys = {squash(name) for name in self.site_names} | set(self.host_labels)
        return frozenset(k for k in keys if k)

    def names_the_site(self, value: str) -> bool:
        """Whether ``value`` is the site's name, its publisher's or its host's ("DefenseDispatch")."""
        key = squash(value)
        return bool(key) and key in self.site_keys()

    def site_words(self) -> frozenset[str]:
        """Lower-cased words of the site's names, for "Defense Dispatch Staff"."""
        return frozenset(w for name in self.site_names for w in re.findall(r"[^\W_]+", name.lower()))


def page_credits(tree: HtmlElement, *, url: str | None = None) -> PageCredits:
    """Read the site's names and the JSON-LD authors of ``tree``; ``url``, ``og:url`` and the canonical
    link give host names."""
    sites: list[str] = []
    urls: list[str | None] = [url]
    for meta in tree.iterfind(".//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        content = " ".join((meta.get("content") or "").split()).lstrip("@")
        if key in _SITE_META and content and "://" not in content:
            sites.append(content)
            sites.extend(part for part in _SEPARATORS.split(content) if part and part != content)
        elif key == "og:url":
            urls.append(content)
    for link in tree.iterfind(".//link[@href]"):
        if "canonical" in (link.get("rel") or "").lower().split():
            urls.append(link.get("href"))
    persons: list[str] = []
    organisations: list[str] = []
    for data in _linked_data(tree):
        for node in _walk(data):
            for publisher in _entries(node.get("publisher")):
                if publisher[0]:
                    sites.append(publisher[0])
            for name, kind in _entries(node.get("author")):
                if name:
                    (organisations if kind == "organization" else persons).append(name)
    hosts = [_host_label(u) for u in urls]
    return PageCredits(
        site_names=tuple(dict.fromkeys(sites)),
        host_labels=tuple(dict.fromkeys(h for h in hosts if h)),
        person_authors=tuple(dict.fromkeys(persons)),
        organisation_authors=tuple(dict.fromkeys(organisations)),
    )


def is_copyright_holder(name: str, html: str) -> bool:
    """Whether ``html`` writes ``name`` as the holder of its copyright ("© 2023 Condé Nast", "Copyright (c) X")."""
    if not name.strip():
        return False
    holder = re.compile(r"^[^<>\n]{0,24}?" + re.escape(name.strip()) + r"(?!\w)", re.IGNORECASE)
    return any(holder.search(note) for note in _copyright_notes(html))


@functools.lru_cache(maxsize=4)
def _copyright_notes(html: str) -> tuple[str, ...]:
    """The characters after each copyright mark of ``html`` (literal scans: pages run to megabytes)."""
    notes: list[str] = []
    for mark in _COPYRIGHT_MARKS:
        at = html.find(mark)
        while at >= 0 and len(notes) < _MAX_NOTES:
            notes.append(html[at + len(mark) : at + len(mark) + _NOTE_CHARS])
            at = html.find(mark, at + len(mark))
    return tuple(notes)


def _host_label(url: str | None) -> str | None:
    """The distinctive label of a URL's host: "defensedispatch" for https://www.defensedispatch.example/a."""
    if not url:
        return None
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2:
        return None
    candidates = [label for label in labels[:-1] if label not in _GENERIC_HOST_LABELS]
    return squash(candidates[-1]) if candidates else None


def _linked_data(tree: HtmlElement) -> Iterator[object]:
    scripts = tree.xpath(".//script[@type='application/ld+json']")
    for script in scripts[:_MAX_SCRIPTS]:
        text = (script.text or "").strip()
        if not text or len(text) > _MAX_SCRIPT_CHARS:
            continue
        try:
            yield json.loads(text)
        except ValueError:
            continue


def _walk(data: object, depth: int = 0) -> Iterator[dict[str, object]]:
    """Every JSON object in ``data`` (``@graph`` lists and nesting included), to a bounded depth."""
    if depth > 6:
        return
    if isinstance(data, dict):
        yield data
        for value in data.values():
            if isinstance(value, (dict, list)):
                yield from _walk(value, depth + 1)
    elif isinstance(data, list):
        for item in data[:200]:
            yield from _walk(item, depth + 1)


def _entries(value: object) -> Iterator[tuple[str | None, str]]:
    """``(name, kind)`` of an ``author`` or ``publisher`` value: a string, an object or a list of them."""
    items = value if isinstance(value, list) else [value]
    for item in items[:50]:
        if isinstance(item, str):
            name = " ".join(item.split())
            yield (name if name and "://" not in name else None), "person"
        elif isinstance(item, dict):
            raw = item.get("name")
            kinds = item.get("@type")
            kind_list = kinds if isinstance(kinds, list) else [kinds]
            organisation = any(
                isinstance(k, str) and ("organization" in k.lower() or "organisation" in k.lower()) for k in kind_list
            )
            text = " ".join(raw.split()) if isinstance(raw, str) else None
            yield text or None, "organization" if organisation else "person"
