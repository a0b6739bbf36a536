"""Article links on an index or section page: same site, crawlable, and shaped like an article.

Pure: HTML bytes or text and the page's URL in, a list of absolute URLs out (document order, each
once, fragments dropped). A link counts as an article when it stays on the page's site (``www.``
ignored), courlan does not flag it as navigation or uncrawlable (login, feeds, tags, pagination,
media files), and its path looks like a story: a slug of several words, a date in the path, or a
long numeric id. Section fronts, home pages and category listings are left out.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

import lxml.html
from courlan import is_navigation_page, is_not_crawlable
from lxml import etree

__all__ = ["article_links", "looks_like_article_path", "same_site"]

_SLUG_WORD = re.compile(r"[a-z0-9]+", re.IGNORECASE)
_DATE_IN_PATH = re.compile(r"/(?:19|20)\d{2}/(?:0?[1-9]|1[0-2])(?:/|$)|/(?:19|20)\d{2}-\d{2}-\d{2}")
_NUMERIC_ID = re.compile(r"(?:^|[/_-])\d{5,}(?:[/._-]|$)")
_NOT_PAGES = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|pdf|zip|mp[34]|mov|avi|docx?|xlsx?|pptx?|css|js|json|xml|rss|ico)$", re.IGNORECASE
)
_SECTION_WORDS = frozenset(
    {
        "section",
        "category",
        "categories",
        "tag",
        "tags",
        "topic",
        "topics",
        "author",
        "authors",
        "page",
        "search",
        "about",
        "contact",
        "subscribe",
        "newsletter",
        "privacy",
        "terms",
        "login",
        "register",
        "feed",
        "rss",
        "archive",
        "archives",
        "video",
        "videos",
    }
)


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def same_site(url: str, page_url: str) -> bool:
    """Whether ``url`` is on the host of ``page_url`` (a leading ``www.`` ignored, ports compared)."""
    a, b = urlsplit(url), urlsplit(page_url)
    return _host(url) == _host(page_url) and (a.port or 0) == (b.port or 0)


def looks_like_article_path(path: str) -> bool:
    """A path shaped like a story rather than a section, tag or listing page."""
    clean = path.rstrip("/")
    if not clean or _NOT_PAGES.search(clean):
        return False
    segments = [s for s in clean.split("/") if s]
    if not segments:
        return False
    last = re.sub(r"\.(?:html?|php|aspx?|shtml)$", "", segments[-1], flags=re.IGNORECASE)
    if any(s.lower() in _SECTION_WORDS for s in segments[:1]) and len(segments) <= 2 and not _NUMERIC_ID.search(clean):
        return False
    if last.lower() in _SECTION_WORDS or last.isdigit() and len(last) < 5:
        return False
    words = _SLUG_WORD.findall(last)
    if len(words) >= 4 and ("-" in last or "_" in last):
        return True
    return bool(_DATE_IN_PATH.search(clean + "/") and len(words) >= 2) or bool(_NUMERIC_ID.search(clean))


def _strip_fragment(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def article_links(html: bytes | str, page_url: str) -> list[str]:
    """Absolute URLs of the article links on ``html`` (the page at ``page_url``), in order, each once."""
    if not html or not (html.strip() if isinstance(html, str) else html.strip()):
        return []
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    base = page_url
    for element in tree.iter("base"):
        href = element.get("href")
        if href:
            base = urljoin(page_url, href.strip())
            break
    found: dict[str, None] = {}
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
            continue
        if "nofollow" in (anchor.get("rel") or "").lower().split():
            continue
        url = _strip_fragment(urljoin(base, href))
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not same_site(url, page_url):
            continue
        if url == _strip_fragment(page_url) or is_not_crawlable(url) or is_navigation_page(url):
            continue
        if looks_like_article_path(parts.path):
            found.setdefault(url)
    return list(found)
