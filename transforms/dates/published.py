"""An article's publication date and where it came from: page metadata, a dateline or "Published ..."
line near the start of the text, or a date in the URL path.

Order of trust: the metadata date when the page gave one; else a dateline ("WASHINGTON (May 31, 2022)
—", "REDSTONE ARSENAL, Alabama (May 31, 2022)", "NORFOLK, Va., Oct. 21, 2024 –", "HUNTSVILLE, AL – March
20, 2025 –") or a labelled line ("Published: 12 March 2024",
"Posted Mar 3, 2021") in the first lines; else ``/2019/12/10/``, ``/2019-12-10/`` or ``/20191210/`` in
the URL path. A date that cannot be a publication date (before 1900, after ``max_date``, the fetch
date, passed in: nothing here reads the clock; the rule of ``transforms.extract.published_bounds``) is never taken
from any source, and neither is a bare 1 January that only echoes a copyright year ("© 2021"): the
next source is tried instead.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal
from urllib.parse import urlsplit

from schemas.records import CleanArticle
from transforms.dates.expressions import extract_dates
from transforms.extract.published_bounds import plausible_publication_date

__all__ = ["PublishedSource", "find_publication_date", "resolve_published"]

PublishedSource = Literal["metadata", "dateline", "url"]

_HEAD_CHARS = 800
_HEAD_LINES = 8
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z.'’ -]{1,40}[A-Z.](?:,\s*[A-Z][A-Za-z.'’ -]{1,40})?"
    r"\s*\((?P<date>[^()\n]{6,40})\)\s*(?:[-–—:]|--|(?=[A-Z]))",
    re.MULTILINE,
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# "NORFOLK, Va., Oct. 21, 2024 –", "HUNTSVILLE, AL – March 20, 2025 –": a place, then a full date, then a dash
_BARE_DATELINE = re.compile(
    r"^\s*[A-Z][A-Za-z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.'’ -]{1,30}){0,2}?\s*(?:,|[-–—]{1,2})\s*"
    rf"(?P<date>(?i:{_MONTH})\s+\d{{1,2}},?\s+\d{{4}})\s*(?:[-–—]{{1,2}}|:)\s",
    re.MULTILINE,
)
_LABELLED = re.compile(
    r"^\s*(?:\W\s*)?(?P<label>published|posted|released|release\s+date|date|first\s+published|updated|last\s+updated|"
    r"modified)(?:\s+(?:on|at))?\s*[:|-]?\s*(?P<date>[^\n|]{6,60})",
    re.IGNORECASE | re.MULTILINE,
)
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?(?P<year>\d{4})", re.IGNORECASE)
_URL_DATE = re.compile(
    r"(?<![\d])(?P<y>(?:19|20)\d\d)(?P<sep>[/_-]?)(?P<m>0[1-9]|1[0-2]|(?<=[/_-])[1-9])(?P=sep)"
    r"(?P<d>0[1-9]|[12]\d|3[01]|(?<=[/_-])[1-9])(?!\d)"
)
_JAN_1_WRITTEN = re.compile(
    r"\b(?:jan(?:uary|\.)?\s+1(?:st)?\b|1(?:st)?\s+jan(?:uary)?\b|\d{4}-01-01\b|01/01/\d{4})", re.IGNORECASE
)


def _copyright_only(day: dt.date, text: str) -> bool:
    """A 1 January whose year appears in a copyright notice and that is nowhere written as a day."""
    if (day.month, day.day) != (1, 1):
        return False
    years = {int(m["year"]) for m in _COPYRIGHT.finditer(text)}
    return day.year in years and not _JAN_1_WRITTEN.search(text[: _HEAD_CHARS * 2])


def _first_day(snippet: str) -> dt.date | None:
    for expr in extract_dates(snippet, published=None):
        if (
            expr.type in ("DATE", "TIME")
            and expr.anchor == "none"
            and expr.start_date is not None
            and expr.start_date == expr.end_date
        ):
            return expr.start_date
    return None


def _from_text(text: str, max_date: dt.date) -> dt.date | None:
    head = "\n".join(text[:_HEAD_CHARS].splitlines()[:_HEAD_LINES])
    found: list[tuple[int, int, dt.date]] = []
    for match in (*_DATELINE.finditer(head), *_BARE_DATELINE.finditer(head)):
        day = _first_day(match["date"])
        if day is not None:
            found.append((0, match.start(), day))
    for match in _LABELLED.finditer(head):
        day = _first_day(match["date"])
        if day is not None:
            rank = 2 if match["label"].lower() in ("updated", "last updated", "modified") else 1
            found.append((rank, match.start(), day))
    for _, _, day in sorted(found, key=lambda f: (f[0], f[1])):
        if plausible_publication_date(day, max_date) and not _copyright_only(day, text):
            return day
    return None


def _from_url(url: str, max_date: dt.date) -> dt.date | None:
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    for match in _URL_DATE.finditer(path):
        try:
            day = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            continue
        if plausible_publication_date(day, max_date):
            return day
    return None


def find_publication_date(
    text: str, *, url: str | None, metadata_date: dt.date | None, max_date: dt.date
) -> tuple[dt.date | None, PublishedSource | None]:
    """The publication date of an article and its source; ``(None, None)`` when nothing trustworthy."""
    metadata_date = plausible_publication_date(metadata_date, max_date)
    if metadata_date is not None and not _copyright_only(metadata_date, text):
        return metadata_date, "metadata"
    day = _from_text(text, max_date)
    if day is not None:
        return day, "dateline"
    if url:
        day = _from_url(url, max_date)
        if day is not None:
            return day, "url"
    return None, None


def resolve_published(
    article: CleanArticle, *, url: str | None, max_date: dt.date
) -> tuple[dt.date | None, PublishedSource | None]:
    """The publication date of a cleaned article and its source.

    The cleaner's own date is the page metadata for HTML (already vetted against copyright years)
    and a head date line for a text paste; without a plausible one, the text's dateline and then the
    URL are tried.
    """
    published = plausible_publication_date(article.published, max_date)
    if published is not None:
        return published, "dateline" if article.method == "text" else "metadata"
    return find_publication_date(article.text, url=url, metadata_date=None, max_date=max_date)
