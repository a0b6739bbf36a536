"""Vetting the publication date that trafilatura (htmldate) reports for a page.

A date that cannot be a publication date (``0001-01-01``, before 1900, after ``max_date``) is
dropped by the rule of ``transforms.extract.published_bounds``. A date the page gives only as a modification
date (``article:modified_time``, JSON-LD ``dateModified``, "Updated May 4, 2024"), which htmldate
falls back to when a page has no publication date, is dropped too: it bounds the publication day
from above but is not it, and the dateline or URL are better evidence.

htmldate also fills gaps it cannot read from the page: a page whose only date is a copyright year comes
back as 1 January of that year, a year-month string such as ``2024-03`` as the 1st of the month or,
through ``dateutil``, as *today's* day of that month, so the wall clock leaks into the data. This
module keeps a reported date only when it is not after ``max_date`` and, in those two suspect
cases (1 January, or a page that states the year and month without a day), only when the page
writes the full date somewhere (meta tags, JSON-LD, URL or text).

htmldate runs without its "extensive search" (dateparser over every locale: about 1.6 s of CPU per
process before the first date it reads, paid again by every worker). What that search added on real
pages was mostly a JSON-LD ``datePublished`` in ISO's basic form (``20180619T055000+0900``), which
``linked_data_date`` reads; see ``transforms.extract.clean``.
"""

from __future__ import annotations

import datetime as dt
import re

from transforms.extract.published_bounds import plausible_publication_date

__all__ = ["vet_published", "linked_data_date", "modified_only", "states_day", "states_month_only"]

_WINDOW = 40  # characters either side of a year: enough for "Wednesday, the 12th of September, 2024"
_MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december",
    "jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec",
)


_LINKED_DATA_DATE = re.compile(
    r'"datePublished"\s*:\s*"\s*(?P<y>\d{4})(?P<sep>-?)(?P<m>\d{2})(?P=sep)(?P<d>\d{2})(?=[T\s"])'
)


def linked_data_date(html: str) -> str | None:
    """The first JSON-LD ``datePublished`` as ``YYYY-MM-DD``, in ISO's extended or basic form.

    The date is the one written, in the page's own time zone (``20180619T055000+0900`` is 19 June),
    as a reader of the page sees it. ``None`` when the page has none or it is not a calendar date.
    """
    m = _LINKED_DATA_DATE.search(html)
    if m is None:
        return None
    try:
        return dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
    except ValueError:
        return None


def vet_published(value: str | None, html: str, max_date: dt.date, url: str | None = None) -> dt.date | None:
    """The reported date if it can be a publication date and is supported by the page, else ``None``."""
    if not value:
        return None
    try:
        date = plausible_publication_date(dt.date.fromisoformat(value[:10]), max_date)
    except ValueError:
        return None
    if date is None:
        return None
    if (date.month, date.day) == (1, 1) or states_month_only(html, date):
        return date if states_day(html, date) else None
    if modified_only(html, date, url):
        return None
    return date


_META_OR_TIME_TAG = re.compile(r"<(?:meta|time)\b[^>]*>", re.IGNORECASE)
_MODIFIED_ATTRIBUTE = re.compile(
    r"(?:name|property|itemprop)\s*=\s*[\"']?[\w:.-]*(?:modif|updated|revised|last-?mod)", re.IGNORECASE
)
_LINKED_DATA_MODIFIED = re.compile(r'"date(?:Modified|Updated|modified|updated)"\s*:\s*"[^"]{0,40}"')
_STAMP_WORDS = ("updated", "Updated", "UPDATED", "modified", "Modified", "MODIFIED", "revised", "Revised")
_STAMP_CHARS = 60  # "Updated on: Wednesday, September 12, 2024 at 10:15"


def modified_only(html: str, date: dt.date, url: str | None = None) -> bool:
    """Whether ``html`` gives ``date`` as a modification date and nowhere else (nor in ``url``).

    A modification field is a ``<meta>`` or ``<time>`` whose name says modified, updated, revised or
    last-modified (``article:modified_time``, ``og:updated_time``, ``itemprop="dateModified"``), a
    JSON-LD ``dateModified`` and a written "Updated ..." / "Last modified ..." stamp.
    """
    spans = _modification_spans(html)
    if not any(states_day(html[a:b], date) for a, b in spans):
        return False
    pieces, at = [], 0
    for a, b in spans:
        pieces.append(html[at:a])
        at = max(at, b)
    pieces.append(html[at:])
    return not states_day(" ".join(pieces) + " " + (url or ""), date)


def _modification_spans(html: str) -> list[tuple[int, int]]:
    """Where ``html`` holds modification fields, in order (found with literal scans: pages run to megabytes)."""
    spans = [m.span() for m in _META_OR_TIME_TAG.finditer(html) if _MODIFIED_ATTRIBUTE.search(m.group())]
    spans.extend(m.span() for m in _LINKED_DATA_MODIFIED.finditer(html))
    for word in _STAMP_WORDS:
        at = html.find(word)
        while at >= 0:
            end = at + len(word)
            stop = min(
                (
                    i
                    for i in (html.find("<", end, end + _STAMP_CHARS), html.find("\n", end, end + _STAMP_CHARS))
                    if i >= 0
                ),
                default=end + _STAMP_CHARS,
            )
            spans.append((at, stop))
            at = html.find(word, end)
    return sorted(spans)


def states_day(text: str, date: dt.date) -> bool:
    """Whether ``text`` writes ``date`` in full: numeric (Y-M-D, D.M.Y, M/D/Y, 年月日) or English words."""
    y, m, d = str(date.year), _number(date.month), _number(date.day)
    month = _month_word(date.month)
    pattern = (
        rf"(?<!\d){y}\s?[-/.年]\s?{m}\s?[-/.月]\s?{d}(?!\d)"
        rf"|(?<!\d){y}{date.month:02d}{date.day:02d}(?!\d)"
        rf"|(?<!\d){d}[-/.]{m}[-/.]{y}(?!\d)|(?<!\d){m}[-/.]{d}[-/.]{y}(?!\d)"
        rf"|{month}\.?\s+{d}(?:st|nd|rd|th)?,?\s+{y}(?!\d)"
        rf"|(?<!\d){d}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{month}\.?,?\s+{y}(?!\d)"
    )
    return _found_near_year(pattern, text, date.year)


def states_month_only(text: str, date: dt.date) -> bool:
    """Whether ``text`` gives ``date``'s year and month without a day ("2024-03", "March 2024")."""
    y, m = str(date.year), _number(date.month)
    month = _month_word(date.month)
    pattern = (
        rf"(?<!\d){y}[-/.]{m}(?![-/.]?\d)"
        rf"|(?<!\d){y}\s+{month}\b(?!\.?\s*\d)"
        rf"|(?<!\d)(?<!\d\s)(?<!\d(?:st|nd|rd|th)\s){month}\.?,?\s+{y}(?!\d)"
    )
    return _found_near_year(pattern, text, date.year)


def _found_near_year(pattern: str, text: str, year: int) -> bool:
    """``pattern`` (which always contains the year) matched only around each occurrence of the year.

    Pages run to megabytes; scanning a small window per occurrence keeps this linear and cheap.
    """
    compiled = re.compile(pattern, re.IGNORECASE)
    y = str(year)
    at = text.find(y)
    while at >= 0:
        if compiled.search(text, max(0, at - _WINDOW), at + len(y) + _WINDOW):
            return True
        at = text.find(y, at + 1)
    return False


def _number(value: int) -> str:
    return f"0?{value}"


def _month_word(month: int) -> str:
    full, short = (names.split("|")[month - 1] for names in _MONTH_NAMES)
    return f"(?:{full}|{short})"
