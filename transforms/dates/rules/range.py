"""Rules for ranges written compactly, where the two ends share a month or a century: "May 2-9",
"May 2 to 9, 2021", "2-9 May", "2014-2016", "2014-16", "fiscal 2019/20". Ranges of two full dates
("between May 2 and May 9", "from 2014 to 2016") are joined in ``combine`` instead.
"""

from __future__ import annotations

import re

from transforms.dates.combine import range_resolver
from transforms.dates.grammar import DAY, MONTH, YEAR, Rule, compile_rule, day_number, month_number, word_ok
from transforms.dates.resolution import Candidate, absolute
from transforms.dates.rules.calendar import day_resolver
from transforms.dates.timex import year_period

__all__ = ["RANGE_RULES"]

_DASH = r"\s*(?:-|–|—|to|through|thru|until|till)\s*"


def _day_range(m: re.Match[str], text: str) -> Candidate | None:
    if not word_ok(m["mon"]):
        return None
    first, last = day_number(m["d1"]), day_number(m["d2"])
    if first is None or last is None or not first < last:
        return None
    month = month_number(m["mon"])
    year = int(m["year"]) if m["year"] else None
    a, b = day_resolver(month, first, year, None), day_resolver(month, last, year, None)
    if a is None or b is None:
        return None
    start = m.start("from") if m["from"] else m.start()
    return Candidate(start, m.end(), "range", range_resolver(a, b))


def _year_range(m: re.Match[str], text: str) -> Candidate | None:
    first = int(m["y1"])
    tail = m["y2"]
    last = int(tail) if len(tail) == 4 else first // 100 * 100 + int(tail)
    if not first < last <= first + 200:
        return None
    a, b = year_period(first), year_period(last)
    if a is None or b is None:
        return None
    start = m.start("from") if m["from"] else m.start()
    return Candidate(start, m.end(), "range", range_resolver(absolute(a), absolute(b)))


def _second_day(m: re.Match[str], text: str) -> Candidate | tuple[Candidate, ...] | None:
    """The bare second day of "April 24 and 25" or "March 3, 4": the month of the first, its own span;
    with a year after the pair ("March 3 and 4, 2021") both days take it, as two candidates."""
    if not word_ok(m["mon"]):
        return None
    first, second = day_number(m["d1"]), day_number(m["d2"])
    if first is None or second is None or not first < second:
        return None
    year = int(m["year"]) if m["year"] else None
    resolver = day_resolver(month_number(m["mon"]), second, year, None)
    if resolver is None:
        return None
    if year is None:
        start, end = m.span("d2")
        return Candidate(start, end, "month_day", resolver)
    head = day_resolver(month_number(m["mon"]), first, year, None)
    if head is None:
        return None
    return (
        Candidate(m.start(), m.end("d1"), "month_day", head, priority=1),
        Candidate(m.start("d2"), m.end(), "month_day", resolver, priority=1),
    )


RANGE_RULES: tuple[Rule, ...] = (
    compile_rule(
        "second_day",
        rf"(?P<mon>{MONTH})\s*(?P<d1>{DAY})\s*(?:,\s*|\s+and\s+|\s+or\s+|\s*&\s*)"
        rf"(?P<d2>(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?)(?![\w,.]\d|\s*(?:{MONTH})|[\w%$]"
        rf"|\s+(?!and\b|or\b|in\b|at\b|to\b|on\b|when\b|as\b|after\b|before\b|with\b|"
        rf"the\b|a\b|an\b)[a-z])(?:,?\s+(?P<year>{YEAR}))?",
        _second_day,
    ),
    compile_rule(
        "day_range",
        rf"(?:(?P<from>from|between)\s+)?(?P<mon>{MONTH})\s*(?P<d1>{DAY}){_DASH}(?P<d2>{DAY})"
        rf"(?:,?\s+(?P<year>{YEAR}))?",
        _day_range,
    ),
    compile_rule(
        "day_range",
        rf"(?:(?P<from>from|between)\s+)?(?:the\s+)?(?<![\w.,/:-])(?P<d1>{DAY}){_DASH}(?:the\s+)?(?P<d2>{DAY})"
        rf"(?:\s+of)?\s+(?P<mon>{MONTH})(?:,?\s+(?P<year>{YEAR}))?",
        _day_range,
    ),
    compile_rule(
        "year_range",
        rf"(?:(?P<from>from)\s+)?(?:fiscal\s+(?:years?\s+)?|FY\s?)?(?P<y1>{YEAR})\s*(?:-|–|—|/)\s*"
        r"(?P<y2>[12]\d{3}|\d\d)(?![\w%]|[.,]\d)",
        _year_range,
    ),
)
