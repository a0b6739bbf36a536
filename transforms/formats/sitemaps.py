"""Sitemaps to URLs: ``<urlset>``, ``<sitemapindex>``, Google News sitemaps, gzipped, or plain text.

Pure: bytes in, a ``Sitemap`` out. A urlset gives pages (with ``lastmod`` and, for a news sitemap,
the ``news:publication_date`` and ``news:title``); an index gives child sitemaps to fetch next.
A plain-text sitemap (one URL per line) is read too. XML goes through ``transforms.formats.xmlsafe``; a
damaged sitemap gives the entries the parser could read plus its ``problems`` (fatal ones first).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin, urlsplit

from lxml import etree

from transforms.formats.feeds import parse_feed_date
from transforms.formats.xmlsafe import MAX_XML_BYTES, ParseProblem, XmlError, localname, maybe_gunzip, parse_xml

__all__ = ["Sitemap", "SitemapEntry", "SitemapError", "ParseProblem", "parse_sitemap", "looks_like_sitemap"]


class SitemapError(XmlError):
    """Bytes that are not a sitemap."""


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    url: str
    lastmod: dt.datetime | None = None
    news_title: str | None = None
    news_published: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Sitemap:
    kind: Literal["urlset", "index", "text"]
    entries: tuple[SitemapEntry, ...]  # pages for a urlset or text sitemap, child sitemaps for an index
    problems: tuple[ParseProblem, ...] = ()  # what the XML parser reported, fatal ones first

    @property
    def fatal_problems(self) -> tuple[ParseProblem, ...]:
        """The problems after which entries may have been lost (the sitemap was read only in part)."""
        return tuple(p for p in self.problems if p.severity == "fatal")

    @property
    def is_news(self) -> bool:
        return any(e.news_published is not None or e.news_title is not None for e in self.entries)


def looks_like_sitemap(data: bytes) -> bool:
    """A cheap sniff: a ``<urlset`` or ``<sitemapindex`` root near the start (gzip inflated)."""
    try:
        head = maybe_gunzip(data, MAX_XML_BYTES)[:2048].lower()
    except XmlError:
        return False
    return b"<urlset" in head or b"<sitemapindex" in head


def _http(url: str | None, base: str | None) -> str | None:
    if not url:
        return None
    url = urljoin(base, url.strip()) if base else url.strip()
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def _child_text(element: etree._Element, name: str) -> str | None:
    for child in element:
        if localname(child) == name:
            text = "".join(child.itertext()).strip()
            if text:
                return text
    return None


def _news(element: etree._Element) -> tuple[str | None, dt.datetime | None]:
    for child in element:
        if localname(child) == "news":
            return _child_text(child, "title"), parse_feed_date(_child_text(child, "publication_date"))
    return None, None


def _text_sitemap(data: bytes, base_url: str | None) -> Sitemap:
    text = data.decode("utf-8", errors="replace")
    urls = [_http(line, base_url) for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    entries = tuple(SitemapEntry(u) for u in dict.fromkeys(u for u in urls if u))
    if not entries:
        raise SitemapError("not a sitemap: no <urlset>, <sitemapindex> or URL lines", field="root")
    return Sitemap("text", entries)


def parse_sitemap(data: bytes, base_url: str | None = None, *, limit: int = MAX_XML_BYTES) -> Sitemap:
    """Parse sitemap bytes; raises SitemapError when they are none of the known forms."""
    try:
        data = maybe_gunzip(data, limit)
    except XmlError as exc:
        raise SitemapError(exc.message, field=exc.field, value=exc.value) from exc
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return _text_sitemap(data, base_url)
    try:
        parsed = parse_xml(data, limit=limit, records=("url", "sitemap"))
    except XmlError as exc:
        raise SitemapError(exc.message, field=exc.field, value=exc.value) from exc
    root, kind = parsed.root, localname(parsed.root)
    if kind not in ("urlset", "sitemapindex"):
        fatal = next((p for p in parsed.problems if p.severity == "fatal"), None)
        cause = f" ({fatal})" if fatal is not None else ""
        raise SitemapError(f"not a sitemap: root element <{kind or '?'}>{cause}", field="root", value=kind)
    child_name = "url" if kind == "urlset" else "sitemap"
    entries: dict[str, SitemapEntry] = {}
    for element in root:
        if localname(element) != child_name:
            continue
        url = _http(_child_text(element, "loc"), base_url)
        if url is None or url in entries:
            continue
        title, published = _news(element)
        entries[url] = SitemapEntry(url, parse_feed_date(_child_text(element, "lastmod")), title, published)
    return Sitemap("urlset" if kind == "urlset" else "index", tuple(entries.values()), parsed.problems)
