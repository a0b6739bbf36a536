"""Rules for years and longer spans written out: years (digits, "FY 2020", "FY20", spoken "nineteen
eighty-nine"), decades ("the 1990s", "the '90s", "the nineties") and centuries ("the 20th century").

Each rule is a pattern and a handler that returns a ``Candidate`` (or None to reject the match); all are absolute.
"""

from __future__ import annotations

import datetime as dt
import re

from transforms.dates.grammar import ORDINAL, SPOKEN_YEAR, YEAR, Rule, compile_rule, day_number, year_number
from transforms.dates.resolution import Candidate, absolute
from transforms.dates.rules.calendar import candidate, preceded_by, year_from_two_digits
from transforms.dates.timex import Period, year_period

__all__ = ["YEAR_RULES"]

_COUNT_AFTER = re.compile(
    r"\s*(?:hours|hrs|GMT|UTC|Zulu|[ECMP][SD]T\b|local\b|troops|soldiers|people|men|"
    r"personnel|sailors|marines|airmen|rounds|km|miles|feet|meters|metres|pounds|kg|tons)",
    re.IGNORECASE,
)


MIN_SPOKEN = 1100
_NOUN_AFTER = re.compile(r"\s+(?:(?!(?:has|was|is|as|its|this|thus|has)\b)[a-z]+s|of)\b")
_SPOKEN_CUE = re.compile(r"(?:\b(?:in|since|until|by|of|from|before|after|year)\s+)$", re.IGNORECASE)


def _year(m: re.Match[str], text: str) -> Candidate | None:
    if m["spoken"]:
        year = year_number(m["spoken"])
        if (
            _COUNT_AFTER.match(text, m.end())
            or _NOUN_AFTER.match(text, m.end())
            or not MIN_SPOKEN <= year <= 2100
            or (
                (m["spoken"].lower().startswith("two") or m["spoken"].lower().split()[-1] == "hundred")
                and not preceded_by(text, m.start(), _SPOKEN_CUE)
            )
        ):
            return None  # "two thousand troops", "nineteen hundred people"
    elif m["y2"]:
        year = year_from_two_digits(int(m["y2"]))
    else:
        year = int(m["year"])
        if _COUNT_AFTER.match(text, m.end()) or year > 2100:
            return None
        if year < 1600 and not (m["fy"] or preceded_by(text, m.start())):
            return None
    return candidate(m, "year", absolute(year_period(year)))


_DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}


def _decade(m: re.Match[str], text: str) -> Candidate | None:
    if m["d"]:
        start = int(m["d"])
    elif m["d2"]:
        two = int(m["d2"])
        start = 1900 + two if two >= 30 else 2000 + two
    else:
        start = 1900 + 10 * _DECADE_WORDS[m["dw"].lower()]
    return candidate(m, "decade", absolute(Period("decade", dt.date(start, 1, 1))))


def _century(m: re.Match[str], text: str) -> Candidate | None:
    n = day_number(m["n"])
    if n is None or not 11 <= n <= 30:
        return None
    return candidate(m, "century", absolute(Period("century", dt.date((n - 1) * 100, 1, 1))))


YEAR_RULES: tuple[Rule, ...] = (
    compile_rule(
        "year",
        rf"(?:(?P<fy>fiscal(?:\s+year)?\s+|FY\s?|fiscal-))?(?P<year>{YEAR})"
        rf"|(?<![\w-])FY\s?-?(?P<y2>\d\d)(?!\d)|(?P<spoken>{SPOKEN_YEAR})",
        _year,
    ),
    compile_rule(
        "decade",
        r"(?<![\w$])(?:the\s+)?(?P<d>1[0-9]\d0|20\d0)['’]?s(?!\w)|(?<!\w)(?:the\s+)?['’](?P<d2>\d0)['’]?s(?!\w)"
        r"|(?<!\w)(?:the\s+)(?P<dw>twenties|thirties|forties|fifties|sixties|seventies|eighties"
        r"|nineties)(?!\w)",
        _decade,
    ),
    compile_rule("century", rf"(?<!\w)(?:the\s+)?(?P<n>{ORDINAL})[\s-]+century(?!\w)", _century),
)
