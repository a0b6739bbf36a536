"""Plain-text articles: whitespace normalization, title and byline reading, boilerplate removal.

This module owns the cleaning of text pasted from a browser or saved as ``.txt``: it normalizes
the characters (NFC, one kind of space, one kind of line break, no control characters), splits the
text into paragraphs (re-joining hard-wrapped lines), reads a headline-like first line as the title,
a byline below it as the authors and a dateline as the publication date, and drops boilerplate
with ``transforms.extract.boilerplate``.
``normalize_text`` and ``join_paragraphs`` are shared with the HTML path in ``transforms.extract.clean``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from transforms.extract.boilerplate import classify_line, strip_boilerplate
from transforms.extract.boilerplate_rules import BoilerplateRules, load_rules
from transforms.extract.byline import parse_byline
from transforms.extract.dateline import read_date_line

__all__ = [
    "CleanText",
    "clean_body",
    "clean_text",
    "count_words",
    "normalize_text",
    "split_paragraphs",
    "join_paragraphs",
    "looks_like_title",
]

_LINE_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Removed outright: C0/C1 controls (tab and line breaks are handled before), zero-width space,
# soft hyphen, word joiner, BOM, and the interlinear annotation and object replacement marks.
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u00ad\u200b\u2060\ufeff\ufff9-\ufffc]")
_SPACES = re.compile(r"[^\S\n]+")
# Scripts written without spaces between words: each Han or kana character counts as a word, and
# a run of Thai, Lao, Khmer or Myanmar letters as one word per four characters (a typical word length).
_HAN_KANA = re.compile(
    r"[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f]"
)
_SOUTHEAST_ASIAN = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]+")
_SENTENCE_END = ".!?:;。！？…\"'”’»)]"


@dataclass(frozen=True, slots=True)
class CleanText:
    """A cleaned plain-text article: title, authors and date read from its head; body paragraphs in ``text``."""

    title: str | None
    authors: tuple[str, ...]
    text: str
    published: dt.date | None = None

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(self.text.split("\n\n")) if self.text else ()


def normalize_text(text: str) -> str:
    """NFC, ``\\n`` line breaks, single spaces, no invisible characters, lines stripped."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)  # every non-newline white space, tab and NBSP included
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def split_paragraphs(text: str, *, unwrap: bool = True) -> list[str]:
    """Normalized paragraphs, one per non-empty line; with ``unwrap``, hard-wrapped lines are re-joined.

    A line is joined to the one before when that one does not end a sentence and this one starts
    in lower case, which is how a wrapped sentence continues and a new paragraph does not.
    """
    paragraphs: list[str] = []
    previous_blank = True
    for line in normalize_text(text).split("\n"):
        if not line:
            previous_blank = True
            continue
        if (
            unwrap
            and not previous_blank
            and paragraphs
            and paragraphs[-1][-1] not in _SENTENCE_END
            and line[0].islower()
        ):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        previous_blank = False
    return paragraphs


def count_words(text: str) -> int:
    """Words in ``text``: white-space separated tokens holding a letter or digit, plus the words of
    unspaced scripts (``CleanArticle.word_count`` splits on white space only)."""
    han = len(_HAN_KANA.findall(text))
    southeast = sum(-(-len(run) // 4) for run in _SOUTHEAST_ASIAN.findall(text))
    rest = _SOUTHEAST_ASIAN.sub(" ", _HAN_KANA.sub(" ", text))
    return han + southeast + len(_TOKEN_WITH_ALNUM.findall(rest))


_TOKEN_WITH_ALNUM = re.compile(r"(?<!\S)\S*?[^\W_]")
"""One match per white-space separated token that holds a letter or digit (up to its first one)."""


def join_paragraphs(paragraphs: Sequence[str]) -> str:
    """Paragraphs separated by one blank line."""
    return "\n\n".join(p for p in paragraphs if p)


def looks_like_title(line: str, rules: BoilerplateRules | None = None) -> bool:
    """Headline-like: short, few words, has letters, no terminal period, not chrome, not a byline."""
    r = rules or load_rules()
    text = line.strip()
    if not text or len(text) > r.title_max_chars or len(text.split()) > r.title_max_words:
        return False
    if not any(ch.isalpha() for ch in text):
        return False
    if len(text.split()) <= 6 and read_date_line(text) is not None:
        return False  # a dateline ("TAIPEI, Sept. 12, 2024"), not a headline
    end = text.rstrip("\"'”’»)]")
    if end.endswith((".", "。", ",", ";", ":")) and not end.endswith("..."):
        return False
    return classify_line(text, r) is None and not parse_byline(text, r)


def clean_body(text: str, rules: BoilerplateRules | None = None) -> str:
    """Normalize and drop boilerplate from article text that has no head to read; idempotent."""
    return join_paragraphs(strip_boilerplate(split_paragraphs(text, unwrap=True), rules or load_rules()))


def clean_text(text: str, rules: BoilerplateRules | None = None) -> CleanText:
    """Clean a plain-text article. Never raises; an input with no article text gives ``text == ""``."""
    r = rules or load_rules()
    paragraphs = split_paragraphs(text, unwrap=True)
    start = 0
    while start < len(paragraphs) and classify_line(paragraphs[start], r) is not None:
        start += 1  # chrome above the headline ("Skip to content", "Advertisement")
    head = _read_head(paragraphs[start:], r)
    rest = [p for i, p in enumerate(paragraphs[start:]) if i not in head.used]
    body = strip_boilerplate(rest, r)
    return CleanText(title=head.title, authors=head.authors, text=join_paragraphs(body), published=head.published)


@dataclass(frozen=True, slots=True)
class _Head:
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: dt.date | None = None
    used: frozenset[int] = frozenset()  # paragraphs that were the kicker, title or byline


def _read_head(paragraphs: Sequence[str], r: BoilerplateRules) -> _Head:
    """Title, authors and date from the first paragraphs (chrome and a dateline may sit between them)."""
    if not paragraphs:
        return _Head()
    title: str | None = None
    authors = parse_byline(paragraphs[0], r)
    if authors:  # a byline first: the paste starts below the headline
        used, scan_from = {0}, 1
    else:
        title_at = 1 if _is_kicker(paragraphs, r) else 0
        if len(paragraphs) <= title_at + 1 or not looks_like_title(paragraphs[title_at], r):
            return _Head()
        title = paragraphs[title_at]
        used, scan_from = set(range(title_at + 1)), title_at + 1
    published: dt.date | None = None
    for index in range(scan_from, min(len(paragraphs), scan_from + r.header_window)):
        paragraph = paragraphs[index]
        found = () if authors else parse_byline(paragraph, r)
        date = read_date_line(paragraph)
        published = published or date
        if found:
            authors = found
            used.add(index)
        elif classify_line(paragraph, r) is None and date is None:
            break  # the first body paragraph ends the head
    return _Head(title, authors, published, frozenset(used))


def _is_kicker(paragraphs: Sequence[str], r: BoilerplateRules) -> bool:
    """A short section label above a longer headline ("Naval" over "Navy picks ...")."""
    if len(paragraphs) < 3:
        return False
    label, headline, after = paragraphs[0], paragraphs[1], paragraphs[2]
    words = len(label.split())
    return (
        words <= r.kicker_max_words
        and len(headline.split()) > words + 2
        and looks_like_title(label, r)
        and looks_like_title(headline, r)
        and (bool(parse_byline(after, r)) or not looks_like_title(after, r))
    )
