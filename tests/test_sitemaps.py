"""Sitemaps (urlset, index, Google News, gzipped, text) and article links found on section pages."""

from __future__ import annotations

import datetime as dt
import gzip

import pytest

from transforms.extract.links import article_links, looks_like_article_path, same_site
from transforms.formats.sitemaps import SitemapError, looks_like_sitemap, parse_sitemap

UTC = dt.UTC
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
    assert [e.url for e in sitemap.entries] == [
        "https://www.harbor-watch.example/naval/2026/03/frigate-trials/",
        "https://www.harbor-watch.example/air/2026/03/tanker-deal/",
    ]
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
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><urlset><url><loc>https://x.example/&c;</loc></url></urlset>'
    )
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
    assert same_site("https://www.a.example/x", "https://a.example/") and not same_site(
        "https://b.example/", "https://a.example/"
    )
    assert article_links(b"", "https://a.example/") == []


# -- a damaged sitemap or index: the entries before the damage, and the parser's reason (issue #14) ---------


def _urls(n: int) -> str:
    return "".join(
        f"<url><loc>https://www.harbor-watch.example/naval/2026/03/story-{i}-frigate-trials/</loc>"
        f"<lastmod>2026-03-0{i}</lastmod></url>\n"
        for i in range(1, n + 1)
    )


_LAUGHS = (
    '<!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {c} "{f"&{p};" * 10}">' for p, c in zip("abcdefgh", "bcdefghi"))
    + "]>"
)
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'


def test_a_sitemap_with_an_entity_bomb_after_three_urls_keeps_them_and_reports_it() -> None:
    bomb = "<url><loc>https://www.harbor-watch.example/&i;</loc></url>\n"
    data = (_HEAD + _LAUGHS + _URLSET + _urls(3) + bomb + _urls(5)[-200:] + "</urlset>").encode()
    sitemap = parse_sitemap(data)
    assert [e.url for e in sitemap.entries][:3] == [
        f"https://www.harbor-watch.example/naval/2026/03/story-{i}-frigate-trials/" for i in (1, 2, 3)
    ]
    assert all(len(e.url) < 200 for e in sitemap.entries)
    (first, *_) = sitemap.fatal_problems
    assert first.code == "ERR_RESOURCE_LIMIT" and "amplification" in first.message.lower()


def test_a_truncated_sitemap_and_a_broken_index_say_so() -> None:
    cut = parse_sitemap((_HEAD + _URLSET + _urls(3)).encode()[:-50])  # inside the third <loc>
    assert [e.url.rsplit("/", 2)[-2] for e in cut.entries] == ["story-1-frigate-trials", "story-2-frigate-trials"]
    assert cut.fatal_problems[0].code == "ERR_TAG_NOT_FINISHED"
    assert "only 2 of 3 <url> elements" in cut.fatal_problems[1].message
    index = (
        _HEAD
        + '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "".join(
            f"<sitemap><loc>https://www.harbor-watch.example/sitemap-2026-0{i}.xml</loc></sitemap>\n" for i in (1, 2)
        )
        + "<!-- generated by the CMS "
        + "".join(
            f"<sitemap><loc>https://www.harbor-watch.example/sitemap-2026-0{i}.xml</loc></sitemap>\n" for i in (3, 4)
        )
        + "</sitemapindex>"
    ).encode()
    parsed = parse_sitemap(index)
    assert parsed.kind == "index" and len(parsed.entries) == 2
    codes = {p.code for p in parsed.fatal_problems}
    assert {"ERR_COMMENT_NOT_FINISHED", "ELEMENTS_LOST"} <= codes, parsed.problems
    assert "2 of 4 <sitemap>" in next(p.message for p in parsed.fatal_problems if p.code == "ELEMENTS_LOST")


def test_a_clean_sitemap_has_no_problems() -> None:
    assert parse_sitemap(URLSET).problems == () and parse_sitemap(INDEX).problems == ()
    assert parse_sitemap(b"https://a.example/one-two-three\n").problems == ()
