"""Rules for holidays named in the lexicon ("Christmas", "Good Friday", "Thanksgiving 2019"):
a fixed day, the nth weekday of a month, or a day counted from Easter. Without a year, a holiday is
resolved later against the publication date.
"""

from __future__ import annotations

import datetime as dt
import re

from transforms.dates.grammar import YEAR, Rule, compile_rule
from transforms.dates.lexicon import alternation, lexicon
from transforms.dates.resolution import Candidate, absolute, partial
from transforms.dates.rules.calendar import candidate
from transforms.dates.timex import Period, day_period, easter, nth_weekday

__all__ = ["HOLIDAY_RULES"]

_LEX = lexicon()


def _holiday_day(rule: str, year: int) -> Period | None:
    if rule.startswith("easter"):
        return Period("day", easter(year) + dt.timedelta(days=int(rule[6:] or 0)))
    parts = rule.split()
    if len(parts) == 3:
        n, weekday, month = (int(p) for p in parts)
        return Period("day", nth_weekday(year, month, weekday, n))
    month, day = (int(p) for p in rule.split("-"))
    return day_period(year, month, day)


def _holiday(m: re.Match[str], text: str) -> Candidate | None:
    if not m["h"][:1].isupper():
        return None
    rule = _LEX.holidays[" ".join(m["h"].lower().split())]
    if m["year"]:
        return candidate(m, "holiday", absolute(_holiday_day(rule, int(m["year"]))))
    return candidate(m, "holiday", partial(lambda y: _holiday_day(rule, y), "XXXX-XX-XX", "day"))


HOLIDAY_RULES: tuple[Rule, ...] = (
    compile_rule("holiday", rf"(?<!\w)(?P<h>{alternation(_LEX.holidays)})(?!\w)(?:,?\s+(?P<year>{YEAR}))?", _holiday),
)
