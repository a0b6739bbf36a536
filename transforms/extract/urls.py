"""URLs as keys: the one canonical form sitrep uses for article ids, seen-checks and domains.

A canonical URL is normalized by courlan with tracking parameters and the fragment removed, so the
same article reached through a feed (``?utm_source=rss``) and through a sitemap has one key.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from courlan import normalize_url

__all__ = ["canonical_url", "domain_of"]


def canonical_url(url: str | None) -> str | None:
    """``url`` normalized, tracking parameters and fragment removed; None for a non-http(s) or broken URL."""
    if not url or not url.startswith(("http://", "https://")):
        return None
    try:
        return str(normalize_url(url, strict=True))
    except (ValueError, TypeError):
        return None


def domain_of(url: str | None) -> str | None:
    """The host of ``url`` without a leading ``www.``; None when there is none."""
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None
