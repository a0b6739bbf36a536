"""Article authors: trafilatura's author string checked against the names the page itself shows.

trafilatura normalizes author names by dropping digits and dots, which mangles military bylines
("Petty Officer 3rd Class Jane Doe" becomes "Petty Officer", "Staff Sgt. Jane Doe" becomes
"Staff Sgt Jane Doe", a "Story by" label can come out as the author). This module reads the names
from the page's author ``<meta>`` tags and byline elements, puts the page's full form in place of a
shortened one, drops labels that hold no name, and falls back to the page's names when nothing of
trafilatura's is left.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml.html import HtmlElement

from transforms.byline import parse_names
from transforms.rules import BoilerplateRules, load_rules

__all__ = ["page_authors", "reconcile_authors", "split_author_string"]

_META_NAMES = frozenset(
    {"author", "article:author", "byl", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator"}
)
_BYLINE_XPATH = (
    ".//*[@rel='author' or contains(concat(' ', normalize-space(@class), ' '), ' byline ')"
    " or contains(@class, '-byline') or contains(@class, 'byline__') or contains(@class, 'author-name')]"
)
_TOKEN = re.compile(r"[^\W_]+")
_MAX_ELEMENTS = 10


def split_author_string(value: str | None) -> tuple[str, ...]:
    """trafilatura's ``"A; B"`` author field as a tuple of names."""
    if not value:
        return ()
    names = (" ".join(part.split()) for part in value.split(";"))
    return tuple(dict.fromkeys(name for name in names if name))


def page_authors(tree: HtmlElement, rules: BoilerplateRules | None = None) -> tuple[str, ...]:
    """Names in the page's author meta tags and byline elements, in page order, without repeats."""
    r = rules or load_rules()
    found: list[str] = []
    for meta in tree.iterfind(".//meta[@content]"):
        key = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key in _META_NAMES and content and "://" not in content:
            found.extend(parse_names(content, r))
    for element in tree.xpath(_BYLINE_XPATH)[:_MAX_ELEMENTS]:
        if isinstance(element, HtmlElement):
            found.extend(parse_names(element.text_content(), r))
    return tuple(dict.fromkeys(found))


def reconcile_authors(
    extracted: Iterable[str], on_page: tuple[str, ...], rules: BoilerplateRules | None = None
) -> tuple[str, ...]:
    """trafilatura's names, each replaced by the page's fuller form where the page has one."""
    r = rules or load_rules()
    kept: list[str] = []
    for name in extracted:
        tokens = _tokens(name)
        fuller = next((full for full in on_page if tokens and _tokens(full)[: len(tokens)] == tokens), None)
        if fuller is not None:
            kept.append(fuller)
        elif _holds_a_name(name, r):
            kept.append(name)
    return tuple(dict.fromkeys(kept or on_page))


def _tokens(name: str) -> list[str]:
    return _TOKEN.findall(name.casefold())


def _holds_a_name(name: str, r: BoilerplateRules) -> bool:
    """False for labels such as "Story by", "Petty Officer", "Staff": rank, role and opener words only."""
    b = r.byline
    rest = b.prefix.sub(" ", b.roles.sub(" ", b.ranks.sub(" ", name)) + " ")
    return any(ch.isalpha() for ch in rest)
