"""Feeds: every format, other encodings, gzip, broken XML, entity expansion, and the real feed corpus."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import time
from pathlib import Path

import pytest
from conftest import EVAL
from hypothesis import given, settings, strategies as st

from transforms.formats.feeds import FeedError, looks_like_feed, parse_feed, parse_feed_date

UTC = dt.UTC
RSS2 = """<?xml version="1.0" encoding="{enc}"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel><title>{channel}</title><link>https://www.harbor-watch.example/</link>
<atom:link rel="self" href="https://www.harbor-watch.example/feed/"/>
<item><title>{title}</title><link>https://www.harbor-watch.example/naval/2026/03/frigate-trials/?utm_source=rss</link>
<pubDate>Tue, 03 Mar 2026 14:30:00 +0100</pubDate><dc:creator>Lena Marsh</dc:creator><category>Naval</category>
<guid isPermaLink="false">hw-2231</guid><description>Sea trials resume.</description></item>
<item><title>Relative link</title><link>/air/2026/03/tanker-deal/</link></item>
<item><title>No link, permalink guid</title><guid>https://www.harbor-watch.example/land/2026/03/howitzers/</guid></item>
<item><title>No link at all</title><guid isPermaLink="false">x-1</guid></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://brief.example/">
  <title>Coastal Brief</title><link rel="self" href="https://brief.example/atom.xml"/>
  <link rel="alternate" type="text/html" href="https://brief.example/"/>
  <entry><title>Patrol boats delivered</title><id>tag:brief.example,2026:101</id>
    <link rel="alternate" type="text/html" href="news/patrol-boats-delivered"/>
    <link rel="replies" href="news/patrol-boats-delivered#comments"/>
    <published>2026-02-27T09:15:00-05:00</published><updated>2026-02-28T10:00:00Z</updated>
    <author><name>Ravi Okafor</name></author><category term="Coast Guard"/></entry>
</feed>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://ordnance.example/"><title>Ordnance Notes</title><link>https://ordnance.example/</link></channel>
<item rdf:about="https://ordnance.example/2026/01/shell-plant-expands"><title>Shell plant expands</title>
<link>https://ordnance.example/2026/01/shell-plant-expands</link><dc:date>2026-01-12T08:00:00Z</dc:date></item>
</rdf:RDF>"""

RSS091 = b"""<?xml version="1.0"?><rss version="0.91"><channel><title>Old Wire</title>
<link>http://oldwire.example/</link><item><title>Depot fire contained</title>
<link>http://oldwire.example/stories/depot-fire.html</link></item></channel></rss>"""

JSON_FEED = json.dumps(
    {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Airlift Daily",
        "home_page_url": "https://airlift.example/",
        "items": [
            {
                "id": "1",
                "url": "https://airlift.example/c-390-order",
                "title": "C-390 order signed",
                "date_published": "2026-03-01T12:00:00Z",
                "authors": [{"name": "J. Ito"}],
                "tags": ["airlift"],
            },
            {"id": "2", "content_text": "no url"},
        ],
    }
).encode()

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title>
<link>https://laughs.example/a-b-c</link></item></channel></rss>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&x;</title><link>https://x.example/story-one-two</link></item></channel></rss>"""


def test_rss2_items_dates_authors_links() -> None:
    feed = parse_feed(
        RSS2.format(enc="utf-8", channel="Harbor Watch", title="Frigate trials").encode(),
        "https://www.harbor-watch.example/feed/",
    )
    assert feed.format == "rss" and feed.title == "Harbor Watch"
    assert [i.url for i in feed.items] == [
        "https://www.harbor-watch.example/naval/2026/03/frigate-trials/?utm_source=rss",
        "https://www.harbor-watch.example/air/2026/03/tanker-deal/",
        "https://www.harbor-watch.example/land/2026/03/howitzers/",
    ]
    first = feed.items[0]
    assert first.published == dt.datetime(2026, 3, 3, 13, 30, tzinfo=UTC)
    assert (first.authors, first.categories, first.guid) == (("Lena Marsh",), ("Naval",), "hw-2231")


def test_atom_with_xml_base() -> None:
    feed = parse_feed(ATOM)
    (entry,) = feed.items
    assert feed.format == "atom" and entry.url == "https://brief.example/news/patrol-boats-delivered"
    assert entry.published == dt.datetime(2026, 2, 27, 14, 15, tzinfo=UTC)
    assert entry.updated == dt.datetime(2026, 2, 28, 10, tzinfo=UTC)
    assert entry.authors == ("Ravi Okafor",) and entry.categories == ("Coast Guard",)


def test_rss1_rdf_and_rss091_and_json_feed() -> None:
    rdf = parse_feed(RDF)
    assert rdf.format == "rdf" and rdf.items[0].published == dt.datetime(2026, 1, 12, 8, tzinfo=UTC)
    assert parse_feed(RSS091).items[0].url == "http://oldwire.example/stories/depot-fire.html"
    js = parse_feed(JSON_FEED)
    assert js.format == "json" and [i.url for i in js.items] == ["https://airlift.example/c-390-order"]
    assert js.items[0].authors == ("J. Ito",)


@pytest.mark.parametrize("encoding", ["iso-8859-1", "windows-1251"])
def test_declared_encodings(encoding: str) -> None:
    title = "Défense aérienne renforcée" if encoding == "iso-8859-1" else "Учения ПВО завершены"
    data = RSS2.format(enc=encoding, channel="Каналы" if "1251" in encoding else "Canal", title=title).encode(encoding)
    assert parse_feed(data).items[0].title == title


def test_undeclared_latin1_and_gzip() -> None:
    data = (
        RSS2.format(enc="x", channel="Garde côtière", title="Frégate livrée")
        .replace(' encoding="x"', "")
        .encode("latin-1")
    )
    assert parse_feed(data).title == "Garde côtière"
    assert parse_feed(gzip.compress(data)).items[0].title == "Frégate livrée"


def test_broken_xml_is_recovered() -> None:
    broken = RSS2.format(enc="utf-8", channel="Harbor & Watch", title="Trials <b>resume").encode()
    broken = broken.replace(b"</channel></rss>", b"")  # unescaped &, unclosed tags, truncated end
    assert len(parse_feed(broken, "https://www.harbor-watch.example/").items) >= 1


def test_billion_laughs_is_not_expanded() -> None:
    started = time.perf_counter()
    try:
        feed = parse_feed(BILLION_LAUGHS)
    except FeedError:
        return  # refusing it is as good as not expanding it
    assert time.perf_counter() - started < 2
    assert all(len(i.title or "") < 1000 for i in feed.items) and len(feed.title or "") < 1000


def test_external_entities_are_not_loaded() -> None:
    feed = parse_feed(EXTERNAL_ENTITY)
    assert "root:" not in (feed.items[0].title or "")


def test_a_gzip_bomb_feed_is_refused() -> None:
    bomb = gzip.compress(b"<rss>" + b" " * 60_000_000)
    with pytest.raises(FeedError, match="inflates to more than"):
        parse_feed(bomb)


@pytest.mark.parametrize("data", [b"", b"<html><body>hi</body></html>", b'{"a": 1}', b"\x89PNG\r\n"])
def test_not_feeds_raise_feed_error(data: bytes) -> None:
    with pytest.raises(FeedError):
        parse_feed(data)


def test_dates() -> None:
    assert parse_feed_date("2026-03-01") == dt.datetime(2026, 3, 1, tzinfo=UTC)
    assert parse_feed_date("Seg, 24 Set 2018 10:00:00 -0300") is None
    assert looks_like_feed(RSS091) and looks_like_feed(JSON_FEED) and not looks_like_feed(b"<html>")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
def test_parse_feed_never_raises_anything_but_feed_error(data: bytes) -> None:
    try:
        parse_feed(b"<?xml version='1.0'?><rss><channel><item><link>" + data)
    except FeedError:
        pass


# -- the real feed corpus in ../shared/eval/feeds (skipped when absent) ---------------------------------

CORPUS = EVAL / "feeds"
NEWS_FEEDS = {  # file: items it has (SOURCE.md), each a real news feed
    "rss-parser/test/input/guardian.rss": 55,
    "rss-parser/test/input/heise.atom": 15,
    "rss-parser/test/input/uolNoticias.rss": 15,
    "rss-parser/test/input/encoding.rss": 40,
    "node-feedparser/test/feeds/iconv.xml": 10,
    "node-feedparser/test/feeds/compressed.xml": 10,
    "node-feedparser/test/feeds/illegally-nested.xml": 10,
    "node-feedparser/test/feeds/tpm.atom": 20,
    "node-feedparser/test/feeds/wapowellness.xml": 29,
    "feedjira/spec/sample_feeds/TechCrunch.xml": 20,
    "feedjira/spec/sample_feeds/RSSWithComments.xml": 30,
    "feedjira/spec/sample_feeds/google_alerts_atom.xml": 20,
}


def _corpus_files() -> list[Path]:
    skip = ("FirstEntry", "notafeed", "LICENSE", "SOURCE.md", "unrecognized.rss")
    return [
        p
        for p in sorted(CORPUS.rglob("*"))
        if p.is_file() and "/test/output/" not in p.as_posix() and not any(s in p.name for s in skip)
    ]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/eval/feeds is absent")
@pytest.mark.parametrize(("name", "expected"), sorted(NEWS_FEEDS.items()))
def test_real_news_feeds_yield_all_their_items(name: str, expected: int) -> None:
    feed = parse_feed((CORPUS / name).read_bytes(), "https://feeds.example/" + Path(name).name)
    assert len(feed.items) == expected
    assert all(i.url.startswith(("http://", "https://")) for i in feed.items)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/eval/feeds is absent")
def test_real_feed_corpus_floor() -> None:
    files = _corpus_files()
    yielding = [p for p in files if len(parse_feed(p.read_bytes(), "https://feeds.example/" + p.name).items) > 0]
    assert len(yielding) >= 90, f"{len(yielding)} of {len(files)} feeds yield items"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/eval/feeds is absent")
def test_windows_1251_feed_reads_cyrillic() -> None:
    feed = parse_feed((CORPUS / "node-feedparser/test/feeds/iconv.xml").read_bytes())
    assert any("а" in (i.title or "") or "о" in (i.title or "") for i in feed.items)
    gz = parse_feed((CORPUS / "node-feedparser/test/feeds/compressed.xml").read_bytes())
    assert [i.title for i in gz.items] == [i.title for i in feed.items]


# -- a damaged feed: the items before the damage, and the parser's own reason (issue #14) ---------------------

_LAUGHS_DTD = (
    '<!DOCTYPE rss [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
    + "]>"
)


def _story(n: int) -> str:
    slugs = [
        "navy-awards-frigate-follow-on-contract",
        "army-fields-counter-drone-battery",
        "air-force-tests-tanker-boom",
        "marines-receive-amphibious-vehicles",
        "coast-guard-commissions-cutter",
    ]
    return (
        f"<item><title>Story {n}: {slugs[n - 1].replace('-', ' ')}</title>"
        f"<link>https://www.harbor-watch.example/2026/03/{slugs[n - 1]}/</link>"
        f"<pubDate>Tue, 0{n} Mar 2026 09:00:00 GMT</pubDate><description>Officials said on Tuesday the work "
        f"continues.</description></item>\n"
    )


def _feed(body: str, *, dtd: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{dtd}<rss version="2.0"><channel><title>Harbor Watch</title>'
        f"<link>https://www.harbor-watch.example/</link>\n{body}"
    ).encode()


def _slugs(feed: object) -> list[str]:
    return [item.url.rstrip("/").rsplit("/", 1)[-1] for item in feed.items]  # type: ignore[attr-defined]


def test_an_entity_bomb_after_three_items_keeps_the_three_and_reports_lxmls_reason() -> None:
    bomb = "<item><title>&lol9;</title><link>https://www.harbor-watch.example/2026/03/bomb/</link></item>\n"
    data = _feed(_story(1) + _story(2) + _story(3) + bomb + _story(4) + "</channel></rss>", dtd=_LAUGHS_DTD)
    feed = parse_feed(data, "https://www.harbor-watch.example/feed/")
    assert _slugs(feed)[:3] == [
        "navy-awards-frigate-follow-on-contract",
        "army-fields-counter-drone-battery",
        "air-force-tests-tanker-boom",
    ]
    assert "marines-receive-amphibious-vehicles" not in _slugs(feed)  # after the bomb: not read, and said so
    fatal = feed.fatal_problems
    assert fatal and fatal[0].code == "ERR_RESOURCE_LIMIT" and fatal[0].severity == "fatal"
    assert "entity amplification" in fatal[0].message.lower() and fatal[0].line >= 1
    assert all(len(i.title or "") < 1000 for i in feed.items)


def test_a_truncated_feed_keeps_the_whole_items_and_reports_the_cut() -> None:
    data = _feed(_story(1) + _story(2) + _story(3))[:-60]  # the connection dropped inside the third item
    feed = parse_feed(data, "https://www.harbor-watch.example/feed/")
    # the third item is cut: even where its link survived, it is not trusted
    assert _slugs(feed) == ["navy-awards-frigate-follow-on-contract", "army-fields-counter-drone-battery"]
    (first, *rest) = feed.fatal_problems
    assert first.code == "ERR_TAG_NOT_FINISHED" and "Premature end of data" in first.message
    assert [p.message for p in rest if p.code == "ELEMENTS_LOST"] == ["only 2 of 3 <item> elements could be read"]
    cut_in_link = _feed(_story(1) + _story(2))[:-150]  # inside the second item's link
    assert _slugs(parse_feed(cut_in_link)) == ["navy-awards-frigate-follow-on-contract"]
    whole_items = parse_feed(_feed(_story(1) + _story(2)))  # cut after the last item: none lost, still said
    assert len(whole_items.items) == 2 and whole_items.fatal_problems[0].code == "ERR_TAG_NOT_FINISHED"


@pytest.mark.parametrize(
    ("damage", "code", "lost"),
    [
        ("<item><title><![CDATA[Story 3 opens a section it never closes</title>", "ERR_CDATA_NOT_FINISHED", "3 of 5"),
        ("<!-- an editor's note that is never closed ", "ERR_COMMENT_NOT_FINISHED", "2 of 4"),
        ("</channel></rss>", "ERR_DOCUMENT_END", "2 of 4"),
        ("<d>" * 300, "ERR_RESOURCE_LIMIT", "2 of 4"),
    ],
)
def test_broken_markup_past_item_two_keeps_items_one_and_two_and_says_why(damage: str, code: str, lost: str) -> None:
    data = _feed(_story(1) + _story(2) + damage + _story(3) + _story(4) + "</channel></rss>")
    feed = parse_feed(data, "https://www.harbor-watch.example/feed/")
    assert _slugs(feed)[:2] == ["navy-awards-frigate-follow-on-contract", "army-fields-counter-drone-battery"]
    codes = [p.code for p in feed.fatal_problems]
    assert code in codes, feed.problems
    # the items after the damage are lost: the count of <item> tags in the bytes says so too
    counted = [p for p in feed.fatal_problems if p.code == "ELEMENTS_LOST"]
    assert counted and counted[0].message == f"only {lost} <item> elements could be read"
    assert len(feed.items) == 2


def test_a_clean_feed_has_no_problems_and_local_slips_are_not_fatal() -> None:
    assert parse_feed(_feed(_story(1) + _story(2) + "</channel></rss>")).problems == ()
    sloppy = (
        _story(2).replace("Story 2", "Story 2 &nbsp; R&D and &amp co").replace("<description>", "<description><p>A<br>")
    )
    feed = parse_feed(_feed(_story(1) + sloppy + _story(3) + "</channel></rss>"))
    assert len(feed.items) == 3 and feed.problems and feed.fatal_problems == ()
    assert {p.severity for p in feed.problems} == {"recovered"}


def test_whitespace_before_the_xml_declaration_keeps_the_declared_encoding() -> None:
    data = RSS2.format(enc="windows-1252", channel="Défense", title="Frégate livrée à la marine")
    feed = parse_feed(("\n  " + data).encode("cp1252"))
    assert feed.items[0].title == "Frégate livrée à la marine" and feed.problems == ()


def test_a_bomb_before_any_item_gives_no_items_and_the_parsers_reason() -> None:
    data = f'<?xml version="1.0"?>\n{_LAUGHS_DTD}<rss version="2.0">&lol9;<channel></channel></rss>'.encode()
    feed = parse_feed(data)
    assert feed.items == () and feed.fatal_problems[0].code == "ERR_RESOURCE_LIMIT"
    with pytest.raises(FeedError, match=r"not a feed: root element <html> \(Maximum entity amplification"):
        parse_feed(data.replace(b"<rss", b"<html").replace(b"</rss>", b"</html>"))
