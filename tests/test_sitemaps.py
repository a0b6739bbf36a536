"""Sitemaps (urlset, index, Google News, gzipped, text) and article links found on section pages."""

from __future__ import annotations

import datetime as dt
import gzip

import pytest

from transforms.links import article_links, looks_like_article_path, same_site
from transforms.sitemaps import SitemapError, looks_like_sitemap, parse_sitemap

UTC = dt.timezone.utc
URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://www.harbor-watch.example/naval/2026/03/frigate-trials/</loc><lastmod>2026-03-03</lastmod></url>
  <url><loc> https://www.harbor-watch.example/air/2026/03/tanker-deal/ </loc></url>
  <url><loc>https://www.harbor-watch.example/naval/2026/03/frigate-trials/</loc></url>
  <url><loc>javascript:alert(1)</loc></url>
</urlset>"""
INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://www.harbor-watch.example/sitemap-2026-03.xml.gz</loc><lastmod>2026-03-04T06:00:00+00:00</lastmod></sitemap>
  <sitemap><loc>https://www.harbor-watch.example/sitemap-news.xml</loc></sitemap>
</sitemapindex>"""
NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://www.harbor-watch.example/land/2026/03/howitzer-deliveries-resume/</loc>
    <news:news><news:publication><news:name>Harbor Watch</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2026-03-04T07:45:00+01:00</news:publication_date>
      <news:title>Howitzer deliveries resume after audit</news:title></news:news></url>
</urlset>"""


def test_urlset_entries_deduplicated_and_checked() -> None:
    sitemap = parse_sitemap(URLSET)
    assert sitemap.kind == "urlset" and not sitemap.is_news
    assert [e.url for e in sitemap.entries] == ["https://www.harbor-watch.example/naval/2026/03/frigate-trials/",
                                                "https://www.harbor-watch.example/air/2026/03/tanker-deal/"]
    assert sitemap.entries[0].lastmod == dt.datetime(2026, 3, 3, tzinfo=UTC)


def test_index_and_news_sitemaps() -> None:
    index = parse_sitemap(INDEX)
    assert index.kind == "index" and len(index.entries) == 2
    news = parse_sitemap(NEWS)
    (entry,) = news.entries
    assert news.is_news and entry.news_title == "Howitzer deliveries resume after audit"
    assert entry.news_published == dt.datetime(2026, 3, 4, 6, 45, tzinfo=UTC)


def test_gzipped_and_text_sitemaps() -> None:
    assert parse_sitemap(gzip.compress(NEWS)).entries[0].news_title
    text = parse_sitemap(b"# list\nhttps://a.example/one-two-three\n/relative-story-path\n", "https://a.example/")
    assert text.kind == "text" and [e.url for e in text.entries][1] == "https://a.example/relative-story-path"
    assert looks_like_sitemap(gzip.compress(INDEX)) and not looks_like_sitemap(b"<rss>")


def test_sitemap_entity_expansion_and_bombs_are_harmless() -> None:
    laughs = (b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
              b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><urlset><url><loc>https://x.example/&c;</loc></url></urlset>')
    sitemap = parse_sitemap(laughs)
    assert all(len(e.url) < 200 for e in sitemap.entries)
    with pytest.raises(SitemapError, match="inflates"):
        parse_sitemap(gzip.compress(b"<urlset>" + b" " * 60_000_000))


@pytest.mark.parametrize("data", [b"<html><body></body></html>", b"\n\n", b"not a url\n"])
def test_not_sitemaps(data: bytes) -> None:
    with pytest.raises(SitemapError):
        parse_sitemap(data)


SECTION = b"""<html><head><base href="https://www.land-desk.example/land/"></head><body>
<nav><a href="/land/">Land</a> <a href="/topic/ukraine/">Ukraine</a> <a href="/account/login/">Log in</a>
<a href="/tag/artillery/">Artillery</a> <a href="/page/2/">Older</a></nav>
<main><a href="2026/03/04/army-orders-more-counter-drone-interceptors/">Army orders more interceptors</a>
<a href="/land/2026/03/03/marines-test-new-loitering-munition/#comments">Marines test munition</a>
<a href="https://land-desk.example/land/2026/03/04/army-orders-more-counter-drone-interceptors/">dup</a>
<a href="https://www.other-site.example/land/2026/03/04/rival-story-about-drones/">elsewhere</a>
<a href="/news/story/1234567">Wire item</a><a href="/images/tank-photo-2026.jpg">photo</a>
<a href="/feed/">RSS</a><a href="mailto:tips@land-desk.example">tips</a>
<a rel="nofollow" href="/land/2026/03/01/sponsored-content-about-boots/">sponsored</a></main></body></html>"""


def test_article_links_on_a_section_page() -> None:
    links = article_links(SECTION, "https://www.land-desk.example/land/")
    assert links == [
        "https://www.land-desk.example/land/2026/03/04/army-orders-more-counter-drone-interceptors/",
        "https://www.land-desk.example/land/2026/03/03/marines-test-new-loitering-munition/",
        "https://land-desk.example/land/2026/03/04/army-orders-more-counter-drone-interceptors/",
        "https://www.land-desk.example/news/story/1234567",
    ]


def test_article_path_shapes() -> None:
    assert looks_like_article_path("/naval/2026/03/frigate-trials")
    assert looks_like_article_path("/army-fast-tracks-coyote-interceptor-buy.html")
    for path in ("/", "/land/", "/topic/red-sea/", "/category/land-forces-news-today", "/2026/03/", "/page/2"):
        assert not looks_like_article_path(path), path
    assert same_site("https://www.a.example/x", "https://a.example/") and not same_site("https://b.example/", "https://a.example/")
    assert article_links(b"", "https://a.example/") == []
