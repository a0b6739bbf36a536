"""Article authors: the people who wrote an article, read from the page and cleaned by rule.

trafilatura normalizes author names by dropping digits and dots, which mangles military bylines
("Petty Officer 3rd Class Jane Doe" becomes "Petty Officer", "Staff Sgt. Jane Doe" becomes
"Staff Sgt Jane Doe", a "Story by" label can come out as the author). This module reads the names
from the page's author ``<meta>`` tags and byline elements, puts the page's full form in place of a
shortened one, drops labels that hold no name, and falls back to the page's names when nothing of
trafilatura's is left.

Then every name is cleaned by the same rules (word lists in ``authors.toml``):

- a job title, desk or label ("National Security Writer", "Defense News Staff", "Submitted") is dropped;
- a quoted or cited person ("said Lt. Gen. John Smith"), and a name the page shows only inside a
  quotation, caption or comment and in no author field, is dropped: only a byline position counts;
- the site itself, its publisher and its host name are dropped (``source_name`` and ``domain`` say
  who published the article), unless an article byline says "By" that name (a personal site);
- a wire service is named one way ("AP", "The Associated Press" -> "Associated Press"), and it and
  other organisations (a JSON-LD ``Organization``, the copyright holder) are the credit only when the
  page names no person: ``authors`` lists people, and a wire credit stands in for an unsigned story.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lxml.html import HtmlElement

from transforms.extract.author_labels import agency_name, is_job_label, is_speech
from transforms.extract.boilerplate_rules import BoilerplateRules, load_rules
from transforms.extract.byline import parse_byline, parse_names
from transforms.extract.credits import PageCredits, is_copyright_holder

__all__ = ["page_authors", "reconcile_authors", "split_author_string", "html_authors", "clean_authors"]

_META_NAMES = frozenset(
    {"author", "article:author", "byl", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator"}
)
_BYLINE_XPATH = (
    ".//*[@rel='author' or contains(translate(@class, 'BYLINE', 'byline'), 'byline')"
    " or contains(@class, 'author-name') or @itemprop='author']"
)
_TOKEN = re.compile(r"[^\W_]+")
_MAX_ELEMENTS = 10
_BYLINE_POSITION_CHARS = 160  # a byline element is short; a paragraph quoting someone is not
_BYLINE_EXTRA_WORDS = 6
_NOT_A_BYLINE_TAGS = frozenset({"blockquote", "q", "figcaption", "figure"})
_NOT_A_BYLINE_CLASS = re.compile(
    r"(?:^|[-_])(?:pull)?(?:quote|comments?|caption|repl(?:y|ies)|testimonial)(?:$|[-_])", re.IGNORECASE
)


def split_author_string(value: str | None) -> tuple[str, ...]:
    """trafilatura's ``"A; B"`` author field as a tuple of names."""
    if not value:
        return ()
    names = (" ".join(part.split()) for part in value.split(";"))
    return tuple(dict.fromkeys(name for name in names if name))


def page_authors(
    tree: HtmlElement, rules: BoilerplateRules | None = None, bylines: Sequence[HtmlElement] | None = None
) -> tuple[str, ...]:
    """Names (or a wire service) in the page's author meta tags and byline elements, in page order."""
    r = rules or load_rules()
    found: list[str] = []
    for meta in tree.iterfind(".//meta[@content]"):
        key = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key in _META_NAMES and content and "://" not in content:
            found.extend(parse_names(content, r))
    for element in _byline_elements(tree) if bylines is None else bylines:
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
    return tuple(dict.fromkeys(kept))


def html_authors(tree: HtmlElement, html: str, extracted: str | None, *, credits: PageCredits) -> tuple[str, ...]:
    """The authors of a page: trafilatura's ``extracted`` string checked against the page, then cleaned."""
    r = load_rules()
    bylines = _byline_elements(tree)
    on_page = page_authors(tree, r, bylines) + tuple(n for name in credits.person_authors for n in parse_names(name, r))
    on_page = tuple(dict.fromkeys(on_page))
    confirmed = (*on_page, *credits.person_authors, *credits.organisation_authors)
    bylined = tuple(name for element in bylines for name in parse_byline(element.text_content(), r))
    evidence = _Evidence(credits, html, tree, _token_lists(confirmed), _token_lists(bylined))
    first = _classify(reconcile_authors(split_author_string(extracted), on_page, r), evidence)
    if not first.people:
        second = _classify(on_page, evidence)
        first = _Credits(second.people, first.organisations + second.organisations)
    return first.people or tuple(dict.fromkeys(first.organisations))


def clean_authors(names: Iterable[str]) -> tuple[str, ...]:
    """Authors read from text (no page around them): job titles and quoted people out, wire services named
    one way and kept only when no person is named."""
    credits = _classify(tuple(names), None)
    return credits.people or tuple(dict.fromkeys(credits.organisations))


@dataclass(frozen=True, slots=True)
class _Evidence:
    credits: PageCredits
    html: str
    tree: HtmlElement
    confirmed: tuple[tuple[str, ...], ...]  # names in author meta tags, byline elements or JSON-LD authors
    bylined: tuple[tuple[str, ...], ...]  # names an article byline gives with "By"


@dataclass(frozen=True, slots=True)
class _Credits:
    people: tuple[str, ...]
    organisations: tuple[str, ...]


def _classify(names: Sequence[str], evidence: _Evidence | None) -> _Credits:
    people: list[str] = []
    organisations: list[str] = []
    site_words = evidence.credits.site_words() if evidence else frozenset()
    for name in names:
        if is_speech(name):
            continue  # "said Lt. Gen. John Smith": a quoted person
        agency = agency_name(name)
        if agency is not None:
            organisations.append(agency)
            continue
        if evidence is not None and evidence.credits.names_the_site(name) and not _among(name, evidence.bylined):
            continue  # the site or its publisher
        if is_job_label(name, site_words):
            continue  # "National Security Writer", "Defense Dispatch Staff"
        if evidence is None:
            people.append(name)
        elif name in evidence.credits.organisation_authors:
            organisations.append(name)
        elif _among(name, evidence.confirmed) or _in_byline_position(evidence.tree, name):
            people.append(name)
    if evidence is not None and len(people) > 1:  # the publisher named beside the writer ("Condé Nast")
        holders = [name for name in people if is_copyright_holder(name, evidence.html)]
        if len(holders) < len(people):
            organisations.extend(holders)
            people = [name for name in people if name not in holders]
    return _Credits(tuple(dict.fromkeys(people)), tuple(organisations))


def _byline_elements(tree: HtmlElement) -> list[HtmlElement]:
    return [e for e in tree.xpath(_BYLINE_XPATH)[:_MAX_ELEMENTS] if isinstance(e, HtmlElement) and e.tag != "meta"]


def _in_byline_position(tree: HtmlElement, name: str) -> bool:
    """Whether the page shows ``name`` in a short element outside any quotation, caption or comment.

    A pull quote's attribution, a photo caption and a commenter's name are read as authors by
    extractors that look for "author" in class names; a paragraph that quotes someone is long.
    """
    tokens = _tokens(name)
    if not tokens:
        return False
    body = tree.find(".//body")
    for element in (body if body is not None else tree).iter():
        if not isinstance(element, HtmlElement) or element.tag in ("script", "style"):
            continue
        for piece, owner in ((element.text, element), (element.tail, element.getparent())):
            if owner is None or not piece or tokens[-1] not in piece.casefold():
                continue
            holder = _smallest_holder(owner, tokens)
            if holder is not None and not _quoted(holder) and _reads_as_byline(holder.text_content(), tokens):
                return True
    return False


def _reads_as_byline(text: str, tokens: list[str]) -> bool:
    """A byline, not a sentence about the person: no verb of saying, and either a byline the parser
    reads with this name, or a few words around the name without a full stop ("Posted by X on May 3")."""
    line = " ".join(text.split())
    if is_speech(line):
        return False
    if any(_tokens(name) == tokens for name in parse_names(line)):
        return True
    return len(_tokens(line)) - len(tokens) <= _BYLINE_EXTRA_WORDS and not line.endswith(".")


def _smallest_holder(element: HtmlElement, tokens: list[str]) -> HtmlElement | None:
    """``element`` or its nearest ancestor whose text holds all of ``tokens`` in order, if it is short."""
    node: HtmlElement | None = element
    for _ in range(4):
        if node is None:
            return None
        content = node.text_content()
        if len(content) > _BYLINE_POSITION_CHARS * 4:
            return None
        if _contains(_tokens(content), tokens):
            return node if len(" ".join(content.split())) <= _BYLINE_POSITION_CHARS else None
        node = node.getparent()
    return None


def _quoted(element: HtmlElement) -> bool:
    for node in (element, *element.iterancestors()):
        if node.tag in _NOT_A_BYLINE_TAGS:
            return True
        marks = f"{node.get('class') or ''} {node.get('id') or ''}".split()
        if any(_NOT_A_BYLINE_CLASS.search(mark) for mark in marks):
            return True
    return False


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def _tokens(name: str) -> list[str]:
    return _TOKEN.findall(name.casefold())


def _token_lists(names: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(dict.fromkeys(t for t in (tuple(_tokens(n)) for n in names) if t))


def _among(name: str, known: tuple[tuple[str, ...], ...]) -> bool:
    """Whether ``name`` is one of ``known``: same first and last word, the shorter one's words found in
    order in the longer ("Dana A Ford" and "Dana A. Ford", "Amanda Tan" and 'Amanda "Tania Mae" Tan')."""
    tokens = tuple(_tokens(name))
    return bool(tokens) and any(_same_person(tokens, other) for other in known)


def _same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if short[0] != long[0] or short[-1] != long[-1]:
        return False
    rest = iter(long)
    return all(token in rest for token in short)


def _holds_a_name(name: str, r: BoilerplateRules) -> bool:
    """False for labels such as "Story by", "Petty Officer", "Staff": rank, role and opener words only."""
    b = r.byline
    rest = b.prefix.sub(" ", b.roles.sub(" ", b.ranks.sub(" ", name)) + " ")
    return any(ch.isalpha() for ch in rest)
