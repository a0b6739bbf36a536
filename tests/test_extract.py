"""transforms.extract.clean.clean_document: the gates, the HTML path with its post-filter, the text path."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import trafilatura
from hypothesis import HealthCheck, given, settings, strategies as st

import transforms.extract.clean as extract_module
from schemas.records import CleanArticle
from transforms.errors import (
    BinaryContent,
    EmptyDocument,
    InvalidEncoding,
    NoArticleText,
    TooLarge,
    TransformError,
)
from transforms.extract.clean import clean_document
from transforms.extract.page_dates import linked_data_date, vet_published

FIXTURES = Path(__file__).parent / "fixtures" / "clean"
MAX_DATE = dt.date(2025, 1, 1)
PARAGRAPHS = (
    "The Army awarded a contract worth $1.2 billion on Tuesday for new rocket launchers, officials said at a "
    "briefing at the Pentagon, adding that the first deliveries are expected within two years.",
    "Gen. Jane Doe, who leads the program office, told reporters that between 300 and 400 soldiers will train "
    "on the system this year at Fort Sill, Oklahoma, before units deploy to Europe in the spring.",
    "The service plans to buy 48 launchers in the first lot and about 250 missiles, according to budget "
    "documents released in March, and lawmakers have asked for a briefing on the schedule.",
)


def page(*paragraphs: str, head: str = "", title: str = "Army buys rocket launchers", charset: str = "utf-8") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs or PARAGRAPHS)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="{charset}"><title>{title}</title>{head}</head><body>'
        '<nav><ul><li><a href="/land">Land</a></li><li><a href="/air">Air</a></li></ul></nav>'
        f"<article><h1>{title}</h1>{body}</article></body></html>"
    )


def clean(html: str | bytes, **options: Any) -> CleanArticle:
    data = html.encode("utf-8") if isinstance(html, str) else html
    options.setdefault("max_date", MAX_DATE)
    return clean_document(data, kind=options.pop("kind", "html"), **options)


# -- golden files ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["navy_frigate", "army_vehicle", "paste_frigate", "paste_engineers"])
def test_golden(name: str) -> None:
    golden = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    call = golden["call"]
    article = clean_document(
        (FIXTURES / call["file"]).read_bytes(),
        kind=call["kind"],
        url=call["url"],
        max_date=dt.date.fromisoformat(call["max_date"]),
    )
    got = dataclasses.asdict(article)
    got["published"] = article.published.isoformat() if article.published else None
    got = {k: list(v) if isinstance(v, tuple) else v for k, v in got.items()}
    assert got == golden["expected"]


def test_post_filter_removes_what_plain_trafilatura_keeps() -> None:
    data = (FIXTURES / "navy_frigate.html").read_bytes()
    plain = trafilatura.extract(data) or ""
    ours = clean(data).text
    for chrome in ("Share this article", "She can be reached at", "Navy awards radar contract"):
        assert chrome in plain
        assert chrome not in ours
    assert "32 vertical launch cells" in ours


# -- gates, in order --------------------------------------------------------------------------


def test_too_large_comes_first() -> None:
    with pytest.raises(TooLarge) as caught:
        clean(b"%PDF-1.4" + b"\x00" * 100, max_bytes=50)
    assert caught.value.value == 108


@pytest.mark.parametrize("kind", ["html", "text"])
def test_whitespace_only_is_empty(kind: str) -> None:
    with pytest.raises(EmptyDocument):
        clean(b" \r\n\t \n", kind=kind)


def test_binary_comes_before_encoding() -> None:
    with pytest.raises(BinaryContent):
        clean(b"%PDF-1.7\n\xe2\xe3\xcf\xd3 not utf-8 either")


def test_undecodable_bytes_are_invalid_encoding() -> None:
    data = page().replace("$1.2 billion", "\u20ac1.2 billion").encode("cp1252")  # its <meta> says UTF-8
    assert "\u20ac1.2 billion" in clean(data).text  # what no declaration decodes is guessed (transforms.extract.decode)
    assert "\u20ac1.2 billion" in clean(data, declared_charset="windows-1252").text
    noise = bytes(range(0x80, 0x100)) * 4  # high bytes that read as text in no charset
    with pytest.raises(InvalidEncoding, match=r"not valid UTF-8 at byte \d+"):
        clean(page().encode().replace(b"$1.2 billion", noise))


def test_a_page_without_article_text_is_rejected() -> None:
    nav_only = "<html><body><nav><a href='/a'>Land</a> <a href='/b'>Air</a></nav></body></html>"
    with pytest.raises(NoArticleText):
        clean(nav_only)


def test_min_words_is_a_gate() -> None:
    with pytest.raises(NoArticleText, match="minimum 500") as caught:
        clean(page(), min_words=500)
    assert caught.value.field == "word_count"
    assert clean(page(), min_words=20).word_count > 20


# -- dates never depend on the wall clock -----------------------------------------------------


def test_copyright_year_alone_gives_no_date() -> None:
    data = (FIXTURES / "copyright_only.html").read_bytes()
    params = {"max_date": "2024-01-01", "original_date": True, "extensive_search": True}
    raw = trafilatura.bare_extraction(data, with_metadata=True, date_extraction_params=params)
    assert isinstance(raw, trafilatura.settings.Document)
    assert raw.date == "2021-01-01"  # htmldate's fallback to the copyright year
    assert clean(data, max_date=dt.date(2024, 1, 1)).published is None


def test_linked_data_date_reads_both_iso_forms_as_written() -> None:
    assert linked_data_date('{"datePublished": "20180619T055000+0900"}') == "2018-06-19"  # not the UTC date
    assert linked_data_date('{"@type": "NewsArticle", "datePublished":"2024-03-05T23:10:00-05:00"}') == "2024-03-05"
    assert linked_data_date('{"datePublished": "2024-02-30"}') is None
    assert linked_data_date('{"dateModified": "2024-03-05"}') is None


def test_a_basic_form_json_ld_date_is_the_publication_date() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "20240305T055000+0900"}</script>'
    )
    assert clean(page(head=head)).published == dt.date(2024, 3, 5)


def _trafilatura_passes(html: str, url: str | None = None) -> list[bool]:
    """The ``fast`` flag of each trafilatura pass ``clean_document`` makes over ``html``."""
    passes: list[bool] = []
    original = extract_module._trafilatura

    def spy(*args: Any, **kwargs: Any) -> Any:
        passes.append(kwargs["fast"])
        return original(*args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(extract_module, "_trafilatura", spy)
        try:
            clean(html, url=url)
        except NoArticleText:
            pass
    return passes


def test_a_short_article_gets_the_fallback_extractors_a_front_page_does_not() -> None:
    short = page()  # about a hundred words: short for the fast pass
    article = '<link rel="canonical" href="https://news.example.com/2024/03/05/army-launchers/">'
    assert _trafilatura_passes(page(head=article)) == [True, False]
    assert _trafilatura_passes(short, url="https://news.example.com/2024/03/05/army-launchers") == [True, False]
    front = '<link rel="canonical" href="https://news.example.com/">'
    assert _trafilatura_passes(page(head=front)) == [True]
    assert _trafilatura_passes(short, url="https://news.example.com/category/land/") == [True]
    assert _trafilatura_passes(short, url="https://news.example.com/tag/artillery") == [True]


def test_a_stated_new_years_day_is_kept() -> None:
    head = '<meta property="article:published_time" content="2024-01-01T08:00:00Z">'
    assert clean(page(head=head)).published == dt.date(2024, 1, 1)


def test_a_date_after_max_date_is_never_returned() -> None:
    data = (FIXTURES / "future_dated.html").read_bytes()
    published = clean(data, max_date=dt.date(2025, 1, 1)).published
    assert published is None or published <= dt.date(2025, 1, 1)


def test_max_date_not_the_clock_bounds_the_date() -> None:
    # 2030 lies after today's date; it is found only because max_date allows it
    data = (FIXTURES / "future_dated.html").read_bytes()
    assert clean(data, max_date=dt.date(2031, 1, 1)).published == dt.date(2030, 9, 15)


def test_a_month_only_date_never_takes_todays_day() -> None:
    # htmldate reads "2024-03" through dateutil, which fills the day from the wall clock
    head = '<meta property="article:published_time" content="2024-03">'
    params = {"max_date": "2025-01-01", "original_date": True, "extensive_search": True}
    raw = trafilatura.bare_extraction(page(head=head), with_metadata=True, date_extraction_params=params)
    assert isinstance(raw, trafilatura.settings.Document) and (raw.date or "").startswith("2024-03-")
    assert clean(page(head=head)).published is None
    full = '<meta property="article:published_time" content="2024-03-12T10:00:00Z"><meta name="x" content="2024-03">'
    assert clean(page(head=full)).published == dt.date(2024, 3, 12)


@pytest.mark.parametrize(
    ("value", "html", "expected"),
    [
        ("2024-03-12", "<p>2024-03-12</p>", dt.date(2024, 3, 12)),
        ("2024-03-12", "<p>no date written</p>", dt.date(2024, 3, 12)),
        ("2024-03-25", '<meta content="2024-03">', None),
        ("2024-03-25", "<p>In March 2024 the Army...</p><time>March 25, 2024</time>", dt.date(2024, 3, 25)),
        ("2024-03-01", "<p>/news/2024/03/slug</p>", None),
        ("2024-03-01", "<p>/news/2024/03/01/slug</p>", dt.date(2024, 3, 1)),
        ("2021-01-01", "<footer>\u00a9 2021 Example</footer>", None),
        ("2021-01-01", "<p>1 January 2021</p>", dt.date(2021, 1, 1)),
        ("2021-01-01", "<p>2021\u5e741\u67081\u65e5</p>", dt.date(2021, 1, 1)),
        ("2026-05-01", "<p>2026-05-01</p>", None),
        ("not a date", "", None),
    ],
)
def test_vet_published(value: str, html: str, expected: dt.date | None) -> None:
    assert vet_published(value, html, dt.date(2026, 1, 1)) == expected


def test_text_dateline_respects_max_date() -> None:
    data = (FIXTURES / "paste_engineers.txt").read_bytes()
    assert clean(data, kind="text", max_date=dt.date(2024, 12, 31)).published == dt.date(2024, 6, 3)
    assert clean(data, kind="text", max_date=dt.date(2024, 6, 2)).published is None


# -- metadata -------------------------------------------------------------------------------


def test_canonical_url_only_when_it_agrees_with_og_url() -> None:
    agree = '<link rel="canonical" href="https://a.example/x"><meta property="og:url" content="http://a.example/x/">'
    differ = (
        '<link rel="canonical" href="https://mirror.example/x"><meta property="og:url" content="https://a.example/x">'
    )
    assert clean(page(head=agree)).canonical_url == "https://a.example/x"
    assert clean(page(head=differ)).canonical_url is None
    assert clean(page(), url="https://a.example/x").canonical_url is None


def test_site_suffix_in_the_title_yields_to_the_headline() -> None:
    headline = "Army buys rocket launchers"
    html = page(title=f"{headline} \u00bb Land \u00bb Test Wire").replace(
        f"<h1>{headline} \u00bb Land \u00bb Test Wire</h1>", f"<p>{headline}</p>"
    )
    assert f"<p>{headline}</p>" in html
    article = clean(html)
    assert article.title == headline
    assert not article.text.startswith(headline)


def test_military_bylines_keep_rank_and_ordinal() -> None:
    head = '<meta name="author" content="Petty Officer 3rd Class Luis Ortega">'
    byline = '<span class="byline">Story by Petty Officer 3rd Class Luis Ortega</span>'
    article = clean(page(head=head).replace("<article>", f"<article>{byline}"))
    assert article.authors == ("Petty Officer 3rd Class Luis Ortega",)


def test_language_is_detected_when_trafilatura_gives_none() -> None:
    french = (
        "Le ministère des Armées a commandé mardi douze nouveaux lance-roquettes pour l'armée de Terre, "
        "a annoncé la ministre lors d'une conférence de presse à Paris.",
        "Les premières livraisons sont attendues dans deux ans, selon les documents budgétaires publiés "
        "en mars, et les députés ont demandé une audition sur le calendrier du programme.",
    )
    assert clean(page(*french, title="Nouveaux lance-roquettes")).language == "fr"
    assert clean(page()).language == "en"


def test_windows_1252_page_declared_in_meta() -> None:
    quoted = "\u201cWe need them now,\u201d said Col. Ren\u00e9e M\u00fcller \u2014 the program manager."
    data = page(PARAGRAPHS[0], quoted, PARAGRAPHS[1], charset="windows-1252").encode("cp1252")
    assert quoted in clean(data).text


def test_html_fragment_without_html_element() -> None:
    fragment = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    assert clean(fragment).text.startswith("The Army awarded")


def test_text_is_normalized() -> None:
    decomposed = unicodedata.normalize("NFD", "Ren\u00e9e M\u00fcller said the caf\u00e9 closed.")
    html = page(PARAGRAPHS[0] + "\u00a0 \u00a0", decomposed + "  <br>  ", PARAGRAPHS[1])
    text = clean(html).text
    assert unicodedata.is_normalized("NFC", text)
    assert "Ren\u00e9e M\u00fcller" in text
    assert all(p == p.strip() and "  " not in p for p in text.split("\n\n"))
    assert "\n\n\n" not in text


def test_cleaning_does_not_depend_on_what_was_cleaned_before() -> None:
    # trafilatura's deduplicate option keeps a process-wide cache; sitrep must not use it
    first, second = clean(page()), clean(page())
    assert first == second and first.word_count > 50


# -- properties --------------------------------------------------------------------------------

_TAGS = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<article>", "<h1>", "<br>", "<script>", "<!--", "&amp;"])
_HTMLISH = st.lists(st.one_of(_TAGS, st.sampled_from(PARAGRAPHS), st.text(max_size=40)), max_size=25).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=600), _HTMLISH.map(str.encode)), st.sampled_from(["html", "text"]))
def test_arbitrary_input_raises_only_transform_errors(data: bytes, kind: str) -> None:
    try:
        article = clean(data, kind=kind, min_words=1)
    except TransformError:
        return
    assert article.text and "\n\n\n" not in article.text
    assert article.published is None or article.published <= MAX_DATE
