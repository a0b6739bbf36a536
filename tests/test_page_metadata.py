"""Junk in a real page's metadata is cleaned by rule in the cleaner: impossible publication dates,
modification dates posing as publication dates, job titles and desks as authors, quoted people as
authors, the site's name in the title.

The pages are built in the style of defense news sites (navigation, JSON-LD, Open Graph tags, a
byline, a dateline, related links, a footer with the copyright and a script with a version number).
Each goes through what the ingest worker runs: ``clean_document`` then ``resolve_published``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from schemas.records import CleanArticle
from transforms.dates.published import resolve_published
from transforms.extract.author_labels import is_job_label, parse_author_rules
from transforms.extract.authors import clean_authors
from transforms.extract.byline import parse_byline, parse_names
from transforms.extract.clean import clean_document
from transforms.extract.credits import PageCredits
from transforms.extract.titles import strip_site_name

FETCHED = dt.date(2025, 6, 1)
BODY = (
    "The Army has ordered 40 more self-propelled howitzers under an existing contract, the service said Tuesday, "
    "as it works to refill stocks sent to partners over the past two years.",
    "The order, worth about $820 million, covers the vehicles, spare parts and training for crews at Fort Sill, "
    "Oklahoma, where the first battalion is expected to receive its guns in the spring of next year.",
    "Program officials said the production line in York, Pennsylvania, would move to two shifts in the autumn, "
    "and that a further lot of 24 guns remains an option in the contract if Congress funds it.",
)


def news_page(
    *,
    head: str = "",
    title: str = "Army orders 40 new howitzers",
    headline: str = "Army orders 40 new howitzers",
    byline: str = '<p class="byline">By Dana Whitfield</p>',
    dateline: str = "",
    body: tuple[str, ...] = BODY,
    after: str = "",
    site: str = "Defense Dispatch",
) -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body)
    first = f"<p>{dateline}</p>\n" if dateline else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:site_name" content="{site}">
{head}
<link rel="stylesheet" href="/static/site.css?ver=1.1.1">
</head><body>
<header><a href="/">{site}</a><nav><ul><li><a href="/land">Land</a></li><li><a href="/air">Air</a></li>
<li><a href="/sea">Naval</a></li><li><a href="/budget">Budget</a></li></ul></nav></header>
<main><article>{f"<h1>{headline}</h1>" if headline else ""}
{byline}
{first}{paragraphs}
{after}
</article>
<aside><h3>Related Stories</h3><ul><li><a href="/a">Navy tests new radar on destroyer</a></li>
<li><a href="/b">Budget talks stall over shipbuilding</a></li></ul></aside></main>
<footer><p>&copy; 2025 {site}. All rights reserved.</p></footer>
<script src="/static/app.js?ver=1.1.1"></script></body></html>"""


def json_ld(**fields: object) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Army orders 40 new howitzers"}
    return f'<script type="application/ld+json">{json.dumps(data | fields)}</script>'


def meta(prop: str, content: str) -> str:
    attribute = "property" if ":" in prop else "name"
    return f'<meta {attribute}="{prop}" content="{content}">'


def ingest_view(html: str, *, url: str | None = None, kind: str = "html") -> CleanArticle:
    """The article as the ingest worker stores it: cleaned, then dated."""
    article = clean_document(html.encode("utf-8"), kind=kind, url=url, max_date=FETCHED)  # type: ignore[arg-type]
    published, _source = resolve_published(article, url=url or article.canonical_url, max_date=FETCHED)
    return replace(article, published=published)


# -- publication dates ------------------------------------------------------------------------


def test_a_zero_timestamp_everywhere_in_the_metadata_yields_to_the_dateline() -> None:
    zero = "0001-01-01T00:00:00Z"
    head = meta("article:published_time", zero) + json_ld(datePublished=zero, dateModified=zero)
    html = news_page(head=head, dateline="WASHINGTON (March 3, 2024) — The Army has ordered more guns.")
    assert ingest_view(html).published == dt.date(2024, 3, 3)


def test_a_zero_json_ld_date_yields_to_the_meta_tag() -> None:
    head = json_ld(datePublished="0001-01-01") + meta("article:published_time", "2024-03-05T09:00:00Z")
    assert ingest_view(news_page(head=head)).published == dt.date(2024, 3, 5)


def test_a_json_ld_date_in_2199_yields_to_the_url() -> None:
    url = "https://www.defensedispatch.example/2023/02/01/army-orders-howitzers/"
    assert ingest_view(news_page(head=json_ld(datePublished="2199-05-04T10:00:00Z")), url=url).published == dt.date(
        2023, 2, 1
    )


def test_an_1899_date_yields_to_the_dateline() -> None:
    head = json_ld(datePublished="1899-05-04") + meta("article:published_time", "1899-05-04T08:00:00-05:00")
    html = news_page(head=head, dateline="FORT SILL, Okla. (Jan. 16, 2024) — Crews began training.")
    assert ingest_view(html).published == dt.date(2024, 1, 16)


def test_a_zero_date_line_in_a_text_paste_yields_to_the_dateline() -> None:
    text = "Army orders 40 new howitzers\n\nPosted Jan. 1, 0001\n\nWASHINGTON (March 3, 2024) — " + "\n\n".join(BODY)
    assert ingest_view(text, kind="text").published == dt.date(2024, 3, 3)


def test_no_date_at_all_rather_than_an_impossible_one() -> None:
    head = meta("article:published_time", "0001-01-01T00:00:00Z") + json_ld(datePublished="0001-01-01T00:00:00Z")
    assert ingest_view(news_page(head=head)).published is None


def test_a_modification_date_is_not_a_publication_date() -> None:
    head = meta("article:modified_time", "2024-05-04T12:00:00Z") + json_ld(dateModified="2024-05-04T12:00:00Z")
    html = news_page(head=head, dateline="WASHINGTON (March 3, 2024) — The Army has ordered more guns.")
    assert ingest_view(html).published == dt.date(2024, 3, 3)
    url = "https://www.defensedispatch.example/2024/03/02/army-orders-howitzers/"
    assert ingest_view(news_page(head=head), url=url).published == dt.date(2024, 3, 2)


def test_a_publication_date_next_to_a_modification_date_is_kept() -> None:
    head = (
        meta("article:published_time", "2024-03-01T08:00:00Z")
        + meta("article:modified_time", "2024-05-04T12:00:00Z")
        + json_ld(datePublished="2024-03-01T08:00:00Z", dateModified="2024-05-04T12:00:00Z")
    )
    assert ingest_view(news_page(head=head)).published == dt.date(2024, 3, 1)


def test_a_modification_date_the_page_also_shows_as_its_date_is_kept() -> None:
    head = meta("article:modified_time", "2024-05-04T12:00:00Z")
    html = news_page(
        head=head, byline='<p class="byline">By Dana Whitfield</p><time datetime="2024-05-04">May 4, 2024</time>'
    )
    assert ingest_view(html).published == dt.date(2024, 5, 4)


# -- authors ----------------------------------------------------------------------------------


def authors_of(html: str, url: str | None = None) -> tuple[str, ...]:
    return ingest_view(html, url=url).authors


@pytest.mark.parametrize(
    "label",
    [
        "National Security Writer",
        "Staff Writer",
        "Pentagon Correspondent",
        "Defense News Staff",
        "Editorial Board",
        "National Desk",
        "Submitted",
        "Senior Defense Reporter",
        "Web Desk",
        "Staff Reports",
        "Defense Dispatch Staff",
    ],
)
def test_a_job_title_or_desk_is_not_an_author(label: str) -> None:
    alone = news_page(head=meta("author", label), byline="")
    assert authors_of(alone) == ()
    beside = news_page(head=meta("author", label))
    assert authors_of(beside) == ("Dana Whitfield",)
    linked = news_page(head=json_ld(author={"@type": "Person", "name": label}), byline="")
    assert authors_of(linked) == ()


@pytest.mark.parametrize(
    "byline",
    [
        '<p class="byline">By Jane Doe, Senior Defense Reporter</p>',
        '<div class="author">Jane Doe, Senior Defense Reporter</div>',
        '<p class="byline">By <a rel="author" href="/staff/jane-doe">Jane Doe</a>, National Security Writer</p>',
    ],
)
def test_a_name_glued_to_its_title_keeps_the_name(byline: str) -> None:
    assert authors_of(news_page(byline=byline)) == ("Jane Doe",)
    assert authors_of(news_page(head=meta("author", "Jane Doe, Senior Defense Reporter"), byline="")) == ("Jane Doe",)


@pytest.mark.parametrize(
    "credit,expected",
    [
        ("By Reuters", "Reuters"),
        ("Reuters", "Reuters"),
        ("Associated Press", "Associated Press"),
        ("The Associated Press", "Associated Press"),
        ("AP", "Associated Press"),
        ("AFP", "Agence France-Presse"),
    ],
)
def test_a_wire_service_alone_is_the_credit_under_one_name(credit: str, expected: str) -> None:
    assert authors_of(news_page(head=meta("author", credit), byline="")) == (expected,)
    byline = f'<p class="byline">{credit}</p>' if credit.startswith("By") else f'<p class="byline">By {credit}</p>'
    assert authors_of(news_page(byline=byline)) == (expected,)


def test_a_wire_service_beside_a_person_yields_to_the_person() -> None:
    html = news_page(head=meta("author", "Associated Press"), byline='<p class="byline">By Dana Whitfield, AP</p>')
    assert authors_of(html) == ("Dana Whitfield",)


def test_the_site_or_its_publisher_is_not_an_author() -> None:
    assert authors_of(news_page(head=meta("author", "Defense Dispatch"), byline="")) == ()
    publisher = json_ld(
        author={"@type": "Organization", "name": "Frontline Media Group"},
        publisher={"@type": "Organization", "name": "Frontline Media Group"},
    )
    assert authors_of(news_page(head=publisher, byline="")) == ()
    # a publisher named as author next to the writer, known from the copyright line
    owner = meta("author", "Frontline Media Group") + json_ld(author=[{"@type": "Person", "name": "Dana Whitfield"}])
    html = news_page(head=owner, byline="").replace("&copy; 2025 Defense Dispatch", "&copy; 2025 Frontline Media Group")
    assert authors_of(html) == ("Dana Whitfield",)
    # the domain names the site too
    assert (
        authors_of(
            news_page(head=meta("author", "DefenseDispatch"), byline=""),
            url="https://www.defensedispatch.example/2024/03/02/howitzers/",
        )
        == ()
    )


def test_a_site_name_that_is_also_a_persons_name_stays_when_it_is_the_byline() -> None:
    html = news_page(site="Dana Whitfield", byline='<p class="byline">By Dana Whitfield</p>')
    assert authors_of(html) == ("Dana Whitfield",)


QUOTE = (
    '<blockquote class="pullquote"><p>\u201cWe will not slow down the fielding of these guns.\u201d</p>'
    '<cite class="quote-author">Lt. Gen. John Smith</cite></blockquote>'
)


def test_a_quoted_person_is_not_an_author() -> None:
    said = BODY + ("\u201cWe will not slow down,\u201d said Lt. Gen. John Smith, who leads the program.",)
    assert authors_of(news_page(byline="", body=said, after=QUOTE)) == ()
    assert authors_of(news_page(body=said, after=QUOTE)) == ("Dana Whitfield",)
    assert authors_of(news_page(byline='<p class="author">said Lt. Gen. John Smith</p>')) == ()


def test_a_commenter_is_not_an_author() -> None:
    comments = (
        '<section id="comments"><div class="comment"><span class="comment-author">Mark Ellison</span>'
        "<p>Good to see the line moving to two shifts at last.</p></div></section>"
    )
    assert authors_of(news_page(byline="", after=comments)) == ()


def test_military_ratings_and_dotted_initials_are_kept_whole() -> None:
    dvids = '<p class="byline">By Mass Communication Specialist 3rd Class Brian Sloan</p>'
    assert authors_of(news_page(byline=dvids)) == ("Mass Communication Specialist 3rd Class Brian Sloan",)
    dotted = '<div class="storyByline">By <strong>Dana A. Ford</strong>, <strong>Tom Watkins</strong>, Defense Dispatch</div>'
    assert authors_of(news_page(byline=dotted)) == ("Dana A. Ford", "Tom Watkins")


@pytest.mark.parametrize(
    "caption",
    [
        "Col. Dave Butler, Army spokesman",
        "Gen. James Rainey, commanding general of Army Futures Command",
        "John Kirby, Pentagon press secretary",
        "Lt. Gen. John Smith, Army Futures Command, said",
    ],
)
def test_a_caption_or_attribution_under_a_pasted_headline_is_not_a_byline(caption: str) -> None:
    text = f"Army orders 40 new howitzers\n\n{caption}\n\n" + "\n\n".join(BODY)
    article = ingest_view(text, kind="text")
    assert article.authors == ()
    assert article.title == "Army orders 40 new howitzers"


def test_a_pasted_byline_with_a_job_title_keeps_the_name() -> None:
    text = "Army orders 40 new howitzers\n\nJane Doe, Senior Defense Reporter\n\n" + "\n\n".join(BODY)
    assert ingest_view(text, kind="text").authors == ("Jane Doe",)
    wire = "Army orders 40 new howitzers\n\nBy Reuters\n\n" + "\n\n".join(BODY)
    assert ingest_view(wire, kind="text").authors == ("Reuters",)


# -- titles -----------------------------------------------------------------------------------


HEADLINE = "Army orders 40 new howitzers"


def title_of(title: str, *, url: str | None = None, site: str = "Defense Dispatch", head: str = "") -> str | None:
    return ingest_view(news_page(title=title, headline="", site=site, head=head), url=url).title


@pytest.mark.parametrize(
    "title",
    [
        f"Defense Dispatch | {HEADLINE}",
        f"{HEADLINE} - Defense Dispatch",
        f"{HEADLINE} \u2014 Defense Dispatch",
        f"{HEADLINE} -- DEFENSE DISPATCH",
        f"{HEADLINE} | Land | Defense Dispatch",
        f"{HEADLINE} | News | Defense Dispatch",
        f"{HEADLINE} | Defense Dispatch News",
        f"Defense Dispatch: {HEADLINE}",
    ],
)
def test_the_site_name_is_stripped_from_the_title(title: str) -> None:
    assert title_of(title) == HEADLINE


def test_the_host_name_and_the_publisher_name_the_site_too() -> None:
    url = "https://www.frontlinemonitor.example/2024/03/02/howitzers/"
    assert title_of(f"{HEADLINE} | FrontlineMonitor.com", url=url, site="") == HEADLINE
    publisher = json_ld(publisher={"@type": "Organization", "name": "Frontline Monitor"})
    assert title_of(f"{HEADLINE} | News | Frontline Monitor", site="", head=publisher) == HEADLINE


@pytest.mark.parametrize(
    "title,site",
    [
        (f"{HEADLINE} - and more are coming", "Defense Dispatch"),
        ("F-35 - What went wrong with the fighter's engine", "Defense Dispatch"),
        ("Defense Dispatch readers pick the best howitzer of 2024", "Defense Dispatch"),
        ("Army vs. Navy | The rivalry behind the budget fight", "Defense Dispatch"),
        ("Defense Dispatch", "Defense Dispatch"),  # a title that is only the site's name stays
    ],
)
def test_a_real_part_of_the_headline_is_never_stripped(title: str, site: str) -> None:
    assert title_of(title, site=site) == title  # from <title>, which trafilatura cuts blindly
    assert title_of("Army", site=site, head=meta("og:title", title)) == title  # from og:title, taken whole


def test_another_sites_name_is_not_cut() -> None:
    syndicated = f"{HEADLINE} | Land | Frontline Monitor"
    assert title_of("Army", head=meta("og:title", syndicated)) == syndicated


# -- tags and categories ----------------------------------------------------------------------


def test_a_keywords_string_is_split_into_tags() -> None:
    head = meta("keywords", "howitzers, Army,Fort Sill ;artillery, howitzers") + meta("article:section", "Land")
    article = ingest_view(news_page(head=head))
    assert article.tags == ("howitzers", "Army", "Fort Sill", "artillery")
    assert article.categories == ("Land",)


def test_a_headline_in_the_keywords_is_not_a_tag() -> None:
    head = meta("keywords", f"{HEADLINE} as the Army refills its stocks, artillery")
    assert ingest_view(news_page(head=head)).tags == ("artillery",)


# -- the rules themselves ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Reuters", ("Reuters",)),
        ("By REUTERS | Wire copy", ("Reuters",)),
        ("By AP", ("Associated Press",)),
        ("Jane Doe, Senior Defense Reporter", ("Jane Doe",)),
        ("Sgt. Jane Doe, 1st Armored Division Public Affairs", ("Sgt. Jane Doe",)),
        (
            "By Dana A. Ford, James S.A. Corey, and Tom Watkins, CNN",
            ("Dana A. Ford", "James S.A. Corey", "Tom Watkins"),
        ),
        ("Col. Dave Butler, Army spokesman", ()),
        ("John Kirby, Pentagon press secretary", ()),
        ("Lt. Gen. John Smith, Army Futures Command commander, said", ()),
        ("said Lt. Gen. John Smith", ()),
        ("According to Col. Jane Doe, Army spokeswoman", ()),
        ("Reuters", ()),  # a closing wire tag, not a byline (an author field may hold it: see parse_names)
    ],
)
def test_parse_byline_reads_only_a_byline(line: str, authors: tuple[str, ...]) -> None:
    assert parse_byline(line) == authors


def test_parse_names_reads_a_wire_service_in_an_author_field() -> None:
    assert parse_names("Reuters") == ("Reuters",)
    assert parse_names("The Associated Press") == ("Associated Press",)
    assert parse_names("said Lt. Gen. John Smith") == ()


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("National Security Writer", True),
        ("Defense News Staff", True),
        ("Submitted", True),
        ("N/A", True),
        ("Sam Writer", False),
        ("Jane Doe", False),
        ("Associated Press", False),
        ("Hill Story", True),
    ],
)
def test_is_job_label(value: str, label: bool) -> None:
    assert is_job_label(value) is label


def test_a_bad_rules_file_names_the_key() -> None:
    with pytest.raises(ValueError, match=r"\[speech\]"):
        parse_author_rules("[labels]\njobs = []\nqualifiers = []\n[bylines]\njournalism_roles = []\n[agencies]\n")
    with pytest.raises(ValueError, match="labels.jobs"):
        parse_author_rules("[labels]\njobs = 'writer'\n[speech]\n[bylines]\n[agencies]\n")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=6))
def test_clean_authors_never_raises_and_is_idempotent(names: list[str]) -> None:
    once = clean_authors(names)
    assert clean_authors(once) == once


@settings(max_examples=300, deadline=None)
@given(title=st.text(max_size=120), site=st.text(max_size=30))
def test_strip_site_name_never_raises_nor_empties_a_title(title: str, site: str) -> None:
    credits = PageCredits(site_names=(site,) if site.strip() else ())
    cut = strip_site_name(title, credits)
    assert cut is not None and cut in title
    assert bool(cut.strip()) == bool(title.strip()) or not any(ch.isalnum() for ch in title)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    script=st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=300),
    author=st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40),
)
def test_junk_json_ld_never_breaks_the_cleaner(script: str, author: str) -> None:
    head = (
        f'<script type="application/ld+json">{script}</script>'
        f'<script type="application/ld+json">{json.dumps({"author": [author, {"name": [author]}]})}</script>'
    )
    article = ingest_view(news_page(head=head))
    assert article.text and all(isinstance(a, str) and a for a in article.authors)
