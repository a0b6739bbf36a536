"""Publication dates written in the head of a plain-text article.

A paste from a browser carries its date as a short line under the headline: a dateline
("TAIPEI, Sept. 12, 2024"), a stamp ("Updated June 3, 2024 at 4:15 p.m. EDT", "Published 2024-06-03")
or a bare date. This module reads such a line; it never looks inside body sentences, and it never
guesses a missing year (and so never consults the clock).
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["read_date_line", "MAX_DATE_LINE_CHARS", "MAX_DATE_LINE_WORDS"]

MAX_DATE_LINE_CHARS = 90
MAX_DATE_LINE_WORDS = 12
_SENTENCE = re.compile(r"(?<![ap]\.m)\.$", re.IGNORECASE)  # ends like a sentence, not like "4:15 p.m."

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_PATTERNS = (
    re.compile(rf"(?<![\w]){_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})(?!\d)", re.IGNORECASE),
    re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})\.?\s+{_MONTH}\s*,?\s+(?P<year>\d{{4}})(?!\d)", re.IGNORECASE),
    re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)"),
)


def read_date_line(line: str) -> dt.date | None:
    """The date a short head line states, or ``None`` (sentences and long lines are body text)."""
    text = line.strip()
    if not text or len(text) > MAX_DATE_LINE_CHARS or len(text.split()) > MAX_DATE_LINE_WORDS:
        return None
    if _SENTENCE.search(text):
        return None  # "The drill ended March 3, 2024." is body text
    for pattern in _PATTERNS:
        found = pattern.search(text)
        if found is None:
            continue
        month_text = found.group("month")
        month = int(month_text) if month_text.isdigit() else _MONTHS[month_text.lower()]
        try:
            return dt.date(int(found.group("year")), month, int(found.group("day")))
        except ValueError:
            return None
    return None
