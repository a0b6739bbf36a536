"""A page's title without the site's name: "Army orders 40 new howitzers | Land | Defense Dispatch"
gives "Army orders 40 new howitzers".

This module owns two rules. First, trafilatura, when a page has no ``og:title`` and no single
``<h1>``, cuts the ``<title>`` at its last separator and keeps a side blindly ("F-35 - What went
wrong" becomes "F-35", "Defense Dispatch | Army orders ..." becomes "Defense Dispatch"): the whole
``<title>`` is taken back then. Second, a leading or trailing segment is cut off only when it names
the site (``og:site_name``, ``application-name``, the JSON-LD publisher or the host name, see
``transforms.extract.credits``), with the section labels ("News", "Land", the page's own categories)
that stand between it and the headline. Where no site name is found nothing is cut, and a title is
never cut to nothing. Section words come from ``transforms/extract/data/page_titles.toml``.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from transforms.extract.credits import PageCredits

__all__ = ["TitleRules", "load_title_rules", "strip_site_name", "whole_title", "title_element_text", "url_sections"]

_SEPARATOR = re.compile(r"(\s+(?:[|–—•·»›/~⁄*⋆‹«<>]|-{1,2}|::)\s+)")
_LAST_SEPARATOR = re.compile(r"^(.+)?\s+[–•·—|⁄*⋆~‹«<›»>:-]\s+(.+)$")  # how trafilatura cuts a <title>
_HOST = re.compile(r"[^\W_][\w-]*\.(?:com|net|org|mil|gov|info|news|co\.uk|co|[a-z]{2})\b", re.IGNORECASE)
_TLD = re.compile(r"\.(?:com|net|org|mil|gov|info|news|co\.uk|co|[a-z]{2})$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TitleRules:
    """What ``page_titles.toml`` says, compiled once."""

    sections: frozenset[str]
    section_max_words: int


@functools.cache
def load_title_rules(name: str = "page_titles.toml") -> TitleRules:
    """Load the rules file shipped in ``transforms.extract.data`` (cached per name); ``ValueError`` on a bad key."""
    doc = tomllib.loads(resources.files("transforms.extract.data").joinpath(name).read_text(encoding="utf-8"))
    sections, limit = doc.get("sections"), doc.get("section_max_words")
    if not isinstance(sections, list) or not all(isinstance(s, str) for s in sections):
        raise ValueError("title rules: sections must be a list of strings")
    if not isinstance(limit, int) or limit < 1:
        raise ValueError("title rules: section_max_words must be a positive integer")
    return TitleRules(frozenset(_key(s) for s in sections), limit)


def title_element_text(tree: HtmlElement) -> str | None:
    """The text of the page's ``<title>``, on one line."""
    element = tree.find(".//head//title")
    if element is None:
        element = tree.find(".//title")
    text = " ".join(element.text_content().split()) if element is not None else ""
    return text or None


def whole_title(extracted: str | None, title_text: str | None, credits: PageCredits) -> str | None:
    """``extracted`` (trafilatura's title), or the whole ``<title>`` when trafilatura's blind cut at its
    last separator is not known to have dropped only a site name.

    The cut is undone when the side kept names the site ("Defense Dispatch" of "Defense Dispatch |
    Army orders ..."), when the side dropped names it (so that the rule here cuts it with its section
    labels), when the side dropped is longer than the side kept ("F-35" of "F-35 - What went wrong
    with the fighter's engine"), when it goes on in lower case ("... - and more are coming"), and
    when a leading side dropped is no host name ("Army vs. Navy | The rivalry ...", which trafilatura
    cuts for its dot). Otherwise trafilatura's cut ("Headline - 中国日报网") stands.
    """
    if not extracted or not title_text or _key(extracted) == _key(title_text):
        return extracted
    cut = _LAST_SEPARATOR.match(title_text)
    if cut is None or not cut[1]:
        return extracted
    first, second = cut[1].strip(), cut[2].strip()
    if _key(extracted) == _key(first):
        kept, dropped, leading_dropped = first, second, False
    elif _key(extracted) == _key(second):
        kept, dropped, leading_dropped = second, first, True
    else:
        return extracted
    if (
        credits.names_the_site(kept)
        or _names_site(dropped, credits, load_title_rules().sections)
        or len(dropped) > len(kept)
        or dropped[:1].islower()
        or (leading_dropped and not _HOST.search(dropped))
    ):
        return title_text
    return extracted


def url_sections(url: str | None) -> tuple[str, ...]:
    """The words of a URL's path segments ("/news/land/..." gives "news", "land"), as section candidates."""
    if not url:
        return ()
    try:
        path = urlsplit(url).path
    except ValueError:
        return ()
    return tuple(segment.replace("-", " ").replace("_", " ") for segment in path.split("/") if segment)


def strip_site_name(
    title: str | None, credits: PageCredits, sections: Iterable[str] = (), rules: TitleRules | None = None
) -> str | None:
    """``title`` without a leading or trailing site name (and the section labels beside it)."""
    if not title:
        return title
    r = rules or load_title_rules()
    known = r.sections | {_key(s) for s in sections if s}
    cut = _strip_whole_names(title, credits) or _strip_segments(title, credits, known, r)
    return cut if cut and any(ch.isalnum() for ch in cut) else title


def _strip_whole_names(title: str, credits: PageCredits) -> str | None:
    """A title that starts or ends with a whole site name that itself holds a separator
    ("LinkNaija | Nigeria's popular news platform: ..."); other names are cut segment by segment."""
    folded = title.casefold()
    for name in sorted(credits.site_names, key=len, reverse=True):
        n = name.casefold()
        if len(n) >= len(folded) or not _SEPARATOR.search(name):
            continue
        if folded.startswith(n) and re.match(r"\s*(?:[:|–—•·»›~-]{1,2})\s+", title[len(n) :]):
            return re.sub(r"^\s*(?:[:|–—•·»›~-]{1,2})\s+", "", title[len(n) :])
        if folded.endswith(n) and re.search(r"\s+(?:[|–—•·»›~-]{1,2})\s*$", title[: -len(n)]):
            return re.sub(r"\s+(?:[|–—•·»›~-]{1,2})\s*$", "", title[: -len(n)])
    return None


def _strip_segments(title: str, credits: PageCredits, sections: frozenset[str], r: TitleRules) -> str | None:
    pieces = _SEPARATOR.split(title)
    segments, separators = pieces[0::2], pieces[1::2]
    start, end = 0, len(segments)
    if end - start > 1 and _names_site(segments[end - 1], credits, sections):
        end -= 1
        while end - start > 1 and _is_section(segments[end - 1], sections, r):
            end -= 1
    if end - start > 1 and _names_site(segments[start], credits, sections):
        start += 1
        while end - start > 1 and _is_section(segments[start], sections, r):
            start += 1
    if (start, end) != (0, len(segments)):
        kept = [segments[start]]
        for index in range(start + 1, end):
            kept.extend((separators[index - 1], segments[index]))
        return "".join(kept).strip()
    colon = re.match(r"^(?P<site>[^:]{2,80}?):\s+(?P<rest>\S.*)$", title)
    if colon is not None and _names_site(colon["site"], credits, frozenset()):
        return colon["rest"]
    return None


def _names_site(segment: str, credits: PageCredits, sections: frozenset[str]) -> bool:
    """The site's name, its host name ("DefenseDispatch.com"), or the name with a section ("CNN Politics")."""
    text = segment.strip()
    if credits.names_the_site(text) or credits.names_the_site(_TLD.sub("", text)):
        return True
    words = text.split()
    for cut in range(1, len(words)):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        if credits.names_the_site(head) and _key(tail) in sections:
            return True
        if credits.names_the_site(tail) and _key(head) in sections:
            return True
    return False


def _is_section(segment: str, sections: frozenset[str], r: TitleRules) -> bool:
    return len(segment.split()) <= r.section_max_words and _key(segment) in sections


def _key(text: str) -> str:
    return " ".join(text.casefold().split()).strip(" .:-–—|")
