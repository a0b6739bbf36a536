"""News feeds to items: RSS 0.9x, 1.0 (RDF) and 2.0, Atom, and JSON Feed, from raw bytes.

Pure: bytes in, a ``Feed`` out. Parsing goes through ``transforms.formats.xmlsafe`` (no entity expansion,
capped gunzip, recovered markup, encodings from the prolog or sniffed). Elements are matched by
local name, so namespaced and non-namespaced variants of each format read the same way. Item links
are resolved against ``xml:base``, the feed's own link and the URL the feed was fetched from.
An item without a usable http(s) link is dropped; dates that cannot be read are left ``None``.
A damaged feed gives the items the parser could read plus its ``problems`` (``transforms.formats.xmlsafe``):
the caller decides what a fatal one means (``flows.acquire.web`` records a reject and fetches the items).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

from lxml import etree

from transforms.formats.xmlsafe import MAX_XML_BYTES, ParseProblem, XmlError, localname, maybe_gunzip, parse_xml

__all__ = [
    "Feed",
    "FeedItem",
    "FeedError",
    "FeedFormat",
    "ParseProblem",
    "parse_feed",
    "parse_feed_date",
    "looks_like_feed",
]

FeedFormat = Literal["rss", "rdf", "atom", "json"]
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


class FeedError(XmlError):
    """Bytes that are not a feed of any known format."""


@dataclass(frozen=True, slots=True)
class FeedItem:
    url: str
    title: str | None = None
    published: dt.datetime | None = None  # UTC; naive dates are taken as UTC
    updated: dt.datetime | None = None
    summary: str | None = None
    guid: str | None = None
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Feed:
    format: FeedFormat
    title: str | None
    link: str | None
    items: tuple[FeedItem, ...]
    problems: tuple[ParseProblem, ...] = ()  # what the XML parser reported, fatal ones first

    @property
    def fatal_problems(self) -> tuple[ParseProblem, ...]:
        """The problems after which items may have been lost (the feed was read only in part)."""
        return tuple(p for p in self.problems if p.severity == "fatal")


def parse_feed_date(value: str | None) -> dt.datetime | None:
    """An RFC 822 (RSS) or ISO 8601 / RFC 3339 (Atom, JSON Feed) date as aware UTC; None if unreadable."""
    if not value or not value.strip():
        return None
    text = value.strip()
    parsed: dt.datetime | None = None
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        iso = text.replace("Z", "+00:00").replace("z", "+00:00")
        if len(iso) >= 10 and iso[10:11] in (" ", "t"):
            iso = iso[:10] + "T" + iso[11:]
        try:
            parsed = dt.datetime.fromisoformat(iso)
        except ValueError:
            return None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC)


def looks_like_feed(data: bytes) -> bool:
    """A cheap sniff on the first bytes: an RSS, RDF or Atom root, or a JSON Feed version key."""
    try:
        head = maybe_gunzip(data[:65536] if data[:2] != b"\x1f\x8b" else data, MAX_XML_BYTES)[:2048].lower()
    except XmlError:
        return False
    if head.lstrip().startswith(b"{"):
        return b"jsonfeed.org/version" in head
    return any(marker in head for marker in (b"<rss", b"<rdf:rdf", b"<feed", b"purl.org/rss/1.0"))


def parse_feed(data: bytes, base_url: str | None = None, *, limit: int = MAX_XML_BYTES) -> Feed:
    """Parse feed bytes (XML or JSON, optionally gzipped); raises FeedError if it is no feed."""
    try:
        data = maybe_gunzip(data, limit)
    except XmlError as exc:
        raise FeedError(exc.message, field=exc.field, value=exc.value) from exc
    if data.lstrip()[:1] == b"{" or data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{":
        return _json_feed(data, base_url)
    try:
        parsed = parse_xml(data, limit=limit, records=("item", "entry"))
    except XmlError as exc:
        raise FeedError(exc.message, field=exc.field, value=exc.value) from exc
    root, kind = parsed.root, localname(parsed.root)
    if kind not in ("rss", "rdf", "feed"):  # a feed wrapped in another document (an XHTML page)
        nested = next((e for e in root.iter() if localname(e) in ("rss", "rdf", "feed")), None)
        if nested is not None:
            root, kind = nested, localname(nested)
    if kind in ("rss", "rdf"):
        return replace(_rss(root, base_url, kind), problems=parsed.problems)  # type: ignore[arg-type]
    if kind == "feed":
        return replace(_atom(root, base_url), problems=parsed.problems)
    fatal = next((p for p in parsed.problems if p.severity == "fatal"), None)
    cause = f" ({fatal})" if fatal is not None else ""
    raise FeedError(f"not a feed: root element <{kind or '?'}>{cause}", field="root", value=kind)


# -- XML helpers ---------------------------------------------------------------------------------


def _children(element: etree._Element, *names: str) -> list[etree._Element]:
    return [child for child in element if localname(child) in names]


def _text(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    text = " ".join("".join(element.itertext()).split())
    return text or None


def _first_text(element: etree._Element, *names: str) -> str | None:
    for name in names:
        for child in _children(element, name):
            text = _text(child)
            if text:
                return text
    return None


def _base(element: etree._Element, fallback: str | None) -> str | None:
    """The effective xml:base of ``element`` (ancestors' bases resolved against ``fallback``)."""
    chain = [e.get(_XML_BASE) for e in [*reversed(list(element.iterancestors())), element]]
    base = fallback
    for value in chain:
        if value:
            base = urljoin(base or "", value.strip()) if base else value.strip()
    return base


def _http_url(href: str | None, base: str | None) -> str | None:
    if not href:
        return None
    href = href.strip()
    url = urljoin(base, href) if base else href
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return url


def _names(values: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


# -- RSS 0.9x / 1.0 / 2.0 ------------------------------------------------------------------------


def _rss(root: etree._Element, base_url: str | None, fmt: FeedFormat) -> Feed:
    channel = next(iter(_children(root, "channel")), root)
    base = _base(channel, base_url or _self_link(channel))
    feed_link = _http_url(_first_text(channel, "link"), base)
    items = channel.iter() if fmt == "rss" else root.iter()
    parsed = []
    for item in items:
        if localname(item) != "item":
            continue
        entry = _rss_item(item, _base(item, base) or feed_link)
        if entry is not None:
            parsed.append(entry)
    return Feed(fmt, _first_text(channel, "title"), feed_link, tuple(parsed))


def _rss_item(item: etree._Element, base: str | None) -> FeedItem | None:
    guid_el = next(iter(_children(item, "guid")), None)
    guid = _text(guid_el)
    url = _http_url(_first_text(item, "link"), base)
    if url is None:
        for link in _children(item, "link"):  # an atom:link inside an RSS item
            url = url or _http_url(link.get("href"), base)
    if url is None and guid and (guid_el is None or guid_el.get("isPermaLink", "true").lower() != "false"):
        url = _http_url(guid, base)
    if url is None:
        about = next((v for k, v in item.attrib.items() if str(k).endswith("about")), None)
        url = _http_url(about, base)
    if url is None:
        return None
    published = parse_feed_date(_first_text(item, "pubdate", "date", "published", "issued"))
    updated = parse_feed_date(_first_text(item, "updated", "modified"))
    authors = _names(_text(a) for a in _children(item, "author", "creator"))
    categories = _names(_text(c) for c in _children(item, "category", "subject"))
    return FeedItem(
        url,
        _first_text(item, "title"),
        published,
        updated or published,
        _first_text(item, "description", "summary"),
        guid,
        authors,
        categories,
    )


# -- Atom ----------------------------------------------------------------------------------------


def _atom_link(element: etree._Element, base: str | None) -> str | None:
    links = _children(element, "link")
    ranked = sorted(
        links,
        key=lambda link: (link.get("rel", "alternate") != "alternate", "html" not in (link.get("type") or "text/html")),
    )
    for link in ranked:
        if link.get("rel", "alternate") in ("alternate", "self", "related", "via") or not link.get("rel"):
            url = _http_url(link.get("href"), _base(link, base))
            if url and (link.get("rel", "alternate") == "alternate"):
                return url
    for link in ranked:
        url = _http_url(link.get("href"), _base(link, base))
        if url and link.get("rel") not in ("self", "replies", "edit", "enclosure", "license"):
            return url
    return None


def _self_link(element: etree._Element) -> str | None:
    """The absolute ``rel="self"`` link of a feed (Atom, or atom:link in RSS): a base of last resort."""
    for link in _children(element, "link"):
        if link.get("rel") == "self":
            return _http_url(link.get("href"), None)
    return None


def _atom(root: etree._Element, base_url: str | None) -> Feed:
    base = _base(root, base_url or _self_link(root))
    feed_link = _atom_link(root, base)
    entries = []
    for entry in root.iter():
        if localname(entry) != "entry":
            continue
        entry_base = _base(entry, base or feed_link)
        url = _atom_link(entry, entry_base)
        guid = _first_text(entry, "id")
        if url is None:
            url = _http_url(guid, entry_base)
        if url is None:
            continue
        published = parse_feed_date(_first_text(entry, "published", "issued", "created"))
        updated = parse_feed_date(_first_text(entry, "updated", "modified"))
        authors = _names(_first_text(a, "name") or _text(a) for a in _children(entry, "author"))
        categories = _names(c.get("term") or _text(c) for c in _children(entry, "category"))
        entries.append(
            FeedItem(
                url,
                _first_text(entry, "title"),
                published or updated,
                updated or published,
                _first_text(entry, "summary", "content"),
                guid,
                authors,
                categories,
            )
        )
    return Feed("atom", _first_text(root, "title"), feed_link, tuple(entries))


# -- JSON Feed -----------------------------------------------------------------------------------


def _json_feed(data: bytes, base_url: str | None) -> Feed:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise FeedError(f"not a JSON feed: {exc}", field="json") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("items"), list):
        raise FeedError("not a JSON feed: no 'items' list", field="items")
    home = _http_url(_str(doc.get("home_page_url")), base_url)
    items = []
    for raw in doc["items"]:
        if not isinstance(raw, dict):
            continue
        url = _http_url(_str(raw.get("url")) or _str(raw.get("external_url")), home or base_url)
        if url is None:
            url = _http_url(_str(raw.get("id")), None)
        if url is None:
            continue
        authors = raw.get("authors") or ([raw["author"]] if isinstance(raw.get("author"), dict) else [])
        names = _names(_str(a.get("name")) for a in authors if isinstance(a, dict))
        tags = _names(_str(t) for t in raw.get("tags") or [] if isinstance(t, str))
        published = parse_feed_date(_str(raw.get("date_published")))
        updated = parse_feed_date(_str(raw.get("date_modified")))
        items.append(
            FeedItem(
                url,
                _str(raw.get("title")),
                published,
                updated or published,
                _str(raw.get("summary")),
                _str(raw.get("id")),
                names,
                tags,
            )
        )
    return Feed("json", _str(doc.get("title")), home, tuple(items))


def _str(value: Any) -> str | None:
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        text = str(value).strip()
        return text or None
    return None
