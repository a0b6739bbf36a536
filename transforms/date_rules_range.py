"""Rules for ranges written compactly, where the two ends share a month or a century: "May 2-9",
"May 2 to 9, 2021", "2-9 May", "2014-2016", "2014-16", "fiscal 2019/20". Ranges of two full dates
("between May 2 and May 9", "from 2014 to 2016") are joined in ``date_combine`` instead.
"""

from __future__ import annotations

import re

from transforms.date_combine import range_resolver
from transforms.date_grammar import DAY, MONTH, YEAR, Rule, compile_rule, day_number, month_number, word_ok
from transforms.date_resolution import Candidate, absolute
from transforms.date_rules_calendar import day_resolver
from transforms.timex import year_period

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


RANGE_RULES: tuple[Rule, ...] = (
    compile_rule("day_range", rf"(?:(?P<from>from|between)\s+)?(?P<mon>{MONTH})\s*(?P<d1>{DAY}){_DASH}(?P<d2>{DAY})"
                              rf"(?:,?\s+(?P<year>{YEAR}))?", _day_range),
    compile_rule("day_range", rf"(?:(?P<from>from|between)\s+)?(?:the\s+)?(?P<d1>{DAY}){_DASH}(?:the\s+)?(?P<d2>{DAY})"
                              rf"(?:\s+of)?\s+(?P<mon>{MONTH})(?:,?\s+(?P<year>{YEAR}))?", _day_range),
    compile_rule("year_range", rf"(?:(?P<from>from)\s+)?(?:fiscal\s+(?:years?\s+)?|FY\s?)?(?P<y1>{YEAR})\s*(?:-|–|—|/)\s*"
                               r"(?P<y2>[12]\d{3}|\d\d)(?![\w%]|[.,]\d)", _year_range),
)
