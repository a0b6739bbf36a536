"""The clean stage: raw document bytes to one :class:`CleanArticle`.

This module owns the order of the gates (size, emptiness, binary, encoding, article text) and the
HTML path: trafilatura's ``bare_extraction`` with metadata, dated against a caller-given
``max_date`` so the wall clock never leaks in (``transforms.extract.page_dates`` vets the date), then
sitrep's own post-filter (the rules of ``boilerplate.toml``) over the extracted paragraphs. The page's
metadata is cleaned by rule: authors by ``transforms.extract.authors``, the title by ``transforms.extract.titles``
(both told the site's names by ``transforms.extract.credits``), keyword strings split into tags here.
Plain text goes through ``transforms.extract.text``.
Both paths end in the same normalization: NFC, single spaces, paragraphs split by one blank line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin, urlsplit

import courlan
import py3langid
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.settings import Document
from trafilatura.utils import load_html

from schemas.records import CleanArticle
from transforms.errors import EmptyDocument, NoArticleText, TooLarge
from transforms.extract.authors import clean_authors, html_authors
from transforms.extract.boilerplate import strip_boilerplate
from transforms.extract.credits import page_credits
from transforms.extract.decode import decode_html, decode_text, sniff_binary
from transforms.extract.page_dates import linked_data_date, vet_published
from transforms.extract.published_bounds import plausible_publication_date
from transforms.extract.text import (
    clean_text,
    count_words,
    join_paragraphs,
    looks_like_title,
    normalize_text,
    split_paragraphs,
)
from transforms.extract.titles import strip_site_name, title_element_text, url_sections, whole_title

__all__ = ["clean_document", "extract_html", "detect_language", "ExtractionOptions", "DEFAULT_OPTIONS"]


@dataclass(frozen=True, slots=True)
class ExtractionOptions:
    """The trafilatura switches sitrep uses, chosen on the newspaper4k pages (bench/eval_extraction.py).

    Precision mode and no comments lift precision a lot for little recall; tables stay (specification
    and budget tables are content). trafilatura's ``deduplicate`` is never used: its cache is
    process-wide, so an article's text would depend on what was cleaned before it.
    """

    favor_precision: bool = True
    include_comments: bool = False
    include_tables: bool = True
    fast: bool = True  # fallback extractors only for pages the main one finds short (see _RESCUE_WORDS)


DEFAULT_OPTIONS = ExtractionOptions()

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TITLE_SEPARATORS = frozenset("|»›·:/-–—")


def clean_document(
    data: bytes,
    *,
    kind: Literal["html", "text"],
    url: str | None = None,
    max_date: dt.date,
    declared_charset: str | None = None,
    max_bytes: int = 10_000_000,
    min_words: int = 25,
) -> CleanArticle:
    """Clean one raw document, or raise a :class:`TransformError` subclass saying why not.

    Gates in order: :class:`TooLarge`, :class:`EmptyDocument`, :class:`BinaryContent`,
    :class:`InvalidEncoding`, :class:`NoArticleText` (nothing extracted or fewer than ``min_words``
    words as ``count_words`` counts them, so Chinese, Japanese and Thai are measured fairly).
    ``max_date`` is the latest acceptable publication date (the fetch date); no date after it is returned.
    """
    if len(data) > max_bytes:
        raise TooLarge(
            f"document of {len(data)} bytes exceeds the cap of {max_bytes}", field="byte_size", value=len(data)
        )
    if not data.strip():
        raise EmptyDocument("empty document", field="byte_size", value=len(data))
    sniff_binary(data)
    if kind == "html":
        article = extract_html(decode_html(data, declared_charset), url=url, max_date=max_date)
    elif kind == "text":
        article = _clean_plain(decode_text(data, declared_charset), max_date)
    else:
        raise ValueError(f"unknown document kind: {kind!r}")
    words = count_words(article.text)
    if words == 0:
        raise NoArticleText("no article text extracted", field="word_count", value=0)
    if words < min_words:
        raise NoArticleText(
            f"only {words} words of article text (minimum {min_words})", field="word_count", value=words
        )
    return article


_RESCUE_WORDS = 120
"""A fast extraction shorter than this is retried with trafilatura's fallback extractors."""


def _trafilatura(
    tree: HtmlElement,
    *,
    url: str | None,
    max_date: dt.date,
    options: ExtractionOptions,
    fast: bool,
    with_metadata: bool = True,
) -> Document | None:
    doc = bare_extraction(
        tree,
        url=url,
        with_metadata=with_metadata,
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,
            "max_date": max_date.isoformat(),
        },
        favor_precision=options.favor_precision,
        include_comments=options.include_comments,
        include_tables=options.include_tables,
        include_images=False,
        include_links=False,
        deduplicate=False,
        fast=fast,
    )
    return doc if isinstance(doc, Document) else None


def _short(doc: Document | None) -> bool:
    return doc is None or count_words(doc.text or "") < _RESCUE_WORDS  # words as CJK and Thai count them


def _navigation_page(url: str | None, canonical_href: str | None, doc: Document | None) -> bool:
    """Whether the page says it is a site's home page or a listing (section, tag, author, archive).

    Such a page holds no article, so a short first pass is not worth the fallback extractors, which
    cost most on exactly these big, link-heavy pages (a quarter of a second on a news front page).
    Its URL, canonical link or ``og:url`` tells: the path is ``/``, or courlan's navigation patterns match it.
    """
    for candidate in (url, canonical_href, doc.url if doc is not None else None):
        if not candidate:
            continue
        parts = urlsplit(candidate)
        if parts.scheme not in ("http", "https", ""):
            continue
        if (parts.path in ("", "/") and not parts.query and parts.netloc) or courlan.is_navigation_page(
            parts.path + "/"
        ):
            return True
    return False


def extract_html(
    html: str, *, url: str | None = None, max_date: dt.date, options: ExtractionOptions = DEFAULT_OPTIONS
) -> CleanArticle:
    """Main text and metadata of an HTML page (may return empty text; ``clean_document`` gates it)."""
    tree = _parse(_CONTROL.sub("", html))
    if tree is None:
        raise NoArticleText("not parseable as HTML", field="html", value=len(html))
    canonical_href = _canonical_href(tree)
    credits, title_text = page_credits(tree, url=url), title_element_text(tree)
    doc = _trafilatura(tree, url=url, max_date=max_date, options=options, fast=options.fast)
    if options.fast and _short(doc) and not _navigation_page(url, canonical_href, doc):
        # a hard page: let trafilatura's fallback extractors try as well
        again = _parse(_CONTROL.sub("", html))
        if again is not None:  # the metadata of the first pass stands; only the text is extracted again
            retry = _trafilatura(
                again, url=url, max_date=max_date, options=options, fast=False, with_metadata=doc is None
            )
            if doc is None or retry is None:
                doc = retry or doc
            else:
                doc.text = retry.text
    if not isinstance(doc, Document) or not doc.text:
        raise NoArticleText("no article text found in the page", field="text", value=None)
    paragraphs = split_paragraphs(doc.text, unwrap=True)
    sections = (*(doc.categories or ()), *(doc.tags or ()), *url_sections(url), *url_sections(canonical_href))
    title = strip_site_name(whole_title(_one_line(doc.title), title_text, credits), credits, sections)
    title, paragraphs = _split_headline(title, paragraphs)
    text = join_paragraphs(strip_boilerplate(paragraphs))
    return CleanArticle(
        text=text,
        method="trafilatura",
        title=title,
        authors=html_authors(tree, html, _one_line(doc.author), credits=credits),
        published=vet_published(linked_data_date(html), html, max_date, url)
        or vet_published(doc.date, html, max_date, url),
        language=doc.language or detect_language(text),
        sitename=_one_line(doc.sitename),
        canonical_url=_canonical(doc.url, canonical_href, url),
        description=_one_line(doc.description),
        categories=_labels(doc.categories),
        tags=_labels(doc.tags),
    )


_LANGID_CHARS = 2000
"""Language identification reads this much of the text: as sure as the whole, at a fraction of the cost."""


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language by py3langid, ``None`` for text without letters."""
    if not any(ch.isalpha() for ch in text):
        return None
    language, _score = py3langid.classify(text[:_LANGID_CHARS])
    return str(language)


def _clean_plain(text: str, max_date: dt.date) -> CleanArticle:
    cleaned = clean_text(text)
    return CleanArticle(
        text=cleaned.text,
        method="text",
        title=cleaned.title,
        authors=clean_authors(cleaned.authors),
        published=plausible_publication_date(cleaned.published, max_date),
        language=detect_language(cleaned.text),
    )


def _parse(html: str) -> HtmlElement | None:
    tree = load_html(html)
    if tree is None:  # a fragment without <html>: wrap it so lxml builds a whole document
        tree = load_html(f"<html><body>{html}</body></html>")
    return tree


def _canonical_href(tree: HtmlElement) -> str | None:
    for link in tree.iterfind(".//link[@href]"):
        if "canonical" in (link.get("rel") or "").lower().split():
            href = (link.get("href") or "").strip()
            return href or None
    return None


def _canonical(found: str | None, canonical_href: str | None, url: str | None) -> str | None:
    """The canonical link when trafilatura's URL agrees with it, else ``None``.

    trafilatura prefers ``og:url`` over ``<link rel=canonical>``; when the two name different
    pages (a syndication mirror, a bare id) neither is trusted. Agreement ignores the scheme and a
    trailing slash, and the canonical link's own form is returned.
    """
    if not found or not canonical_href:
        return None
    absolute = _normalized(urljoin(url or found, canonical_href))
    if absolute is None or _url_key(absolute) != _url_key(found):
        return None
    return absolute


def _normalized(url: str) -> str | None:
    try:
        return str(courlan.normalize_url(url)) if courlan.is_valid_url(url) else None
    except (ValueError, TypeError):
        return None


def _url_key(url: str) -> str:
    normalized = _normalized(url) or url
    return normalized.split("://", 1)[-1].rstrip("/")


_LABEL_SEPARATORS = re.compile(r"\s*[,;，、；]\s*")
_LABEL_MAX_WORDS = 6
"""A category or tag longer than this is a sentence or a headline, not a label."""


def _labels(values: list[str] | None) -> tuple[str, ...]:
    """Categories or tags, one label each: a keywords string ("howitzers, Army,Fort Sill") is split, and
    a headline or sentence put in the keywords is not a label."""
    if not values:
        return ()
    labels = (_one_line(part) for v in values for part in _LABEL_SEPARATORS.split(v))
    return tuple(dict.fromkeys(label for label in labels if label and len(label.split()) <= _LABEL_MAX_WORDS))


def _one_line(value: str | None) -> str | None:
    if not value:
        return None
    text = " ".join(normalize_text(value).split())
    return text or None


def _split_headline(title: str | None, paragraphs: list[str]) -> tuple[str | None, list[str]]:
    """Drop the headline when it opens the text; a page title with a site suffix yields to it.

    ``"Navy picks radar » Local » Daily Planet"`` as title and ``"Navy picks radar"`` as the first
    paragraph give the title ``"Navy picks radar"``; a kicker glued before the headline is dropped too.
    """
    if not title or not paragraphs:
        return title, paragraphs
    first, rest = paragraphs[0], paragraphs[1:]
    head, whole = _key(first), _key(title)
    if head == whole:
        return title, rest
    if not head or not looks_like_title(first):
        return title, paragraphs
    if whole.startswith(head) and whole[len(head) :].lstrip()[:1] in _TITLE_SEPARATORS:
        return first, rest
    if head.endswith(whole):
        return title, rest
    return title, paragraphs


def _key(text: str) -> str:
    return " ".join(text.casefold().split()).strip(" .:-–—|")
