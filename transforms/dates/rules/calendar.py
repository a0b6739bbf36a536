"""Rules for calendar dates written out: full and partial dates, months, seasons, years, decades,
centuries, quarters and halves, and holidays.

Each rule is a pattern and a handler that returns a ``Candidate`` (or None to reject the match). A date
with its year is absolute; one without a year is resolved later against the publication date.
"""

from __future__ import annotations

import datetime as dt
import re

from schemas.temporal import Granularity
from transforms.dates.grammar import (
    DAY,
    MONTH,
    ORDINAL,
    SEASON,
    SPOKEN_YEAR,
    WEEKDAY,
    YEAR,
    YEAR_ANY,
    Rule,
    compile_rule,
    day_number,
    month_number,
    weekday_number,
    word_ok,
    year_number,
)
from transforms.dates.lexicon import alternation, lexicon
from transforms.dates.resolution import Candidate, Context, Resolved, Resolver, absolute, partial, pick_occurrence
from transforms.dates.timex import (
    Period,
    day_period,
    easter,
    month_period,
    nth_weekday,
    period_of,
    quarter_period,
    season_period,
    year_period,
)

__all__ = ["CALENDAR_RULES", "year_from_two_digits", "preceded_by", "day_resolver"]

_LEX = lexicon()
_CUE = re.compile(
    r"(?:\b(?:in|since|until|till|by|of|from|through|during|early|late|mid|before|after|last|next|"
    r"this|to|and|or|between|throughout|around|over|for|on|the|that|each|every|past|coming|"
    r"end|beginning|start|middle)\s+|mid-)$",
    re.IGNORECASE,
)


_SHORT_MONTHS = frozenset(w for w in _LEX.months if any(o != w and o.startswith(w) for o in _LEX.months))
_SEASON_CUE = re.compile(
    r"(?:\b(?:in|during|by|until|since|through|throughout|over|before|after|early|late|for|"
    r"this|that|last|next|of)\s+(?:the\s+)?|mid-)$",
    re.IGNORECASE,
)


def preceded_by(text: str, start: int, cue: re.Pattern[str] = _CUE) -> bool:
    return cue.search(text, max(0, start - 24), start) is not None


def year_from_two_digits(two: int) -> int:
    return 2000 + two if two < 50 else 1900 + two


def _candidate(m: re.Match[str], rule: str, resolver: Resolver, group: str | None = None) -> Candidate:
    start, end = m.span(group) if group else m.span()
    return Candidate(start, end, rule, resolver)


def day_resolver(month: int, day: int, year: int | None, weekday: int | None) -> Resolver | None:
    if year is not None:
        period = day_period(year, month, day)
        return absolute(period) if period is not None else None
    if day_period(2000, month, day) is None:  # not a date in any year (leap day is fine in 2000)
        return None

    def build(y: int) -> Period | None:
        p = day_period(y, month, day)
        if p is None or (weekday is not None and p.start.isoweekday() != weekday):
            return None
        return p

    resolver = partial(build, f"XXXX-{month:02d}-{day:02d}", "day")
    if weekday is None:
        return resolver
    plain = partial(lambda y: day_period(y, month, day), f"XXXX-{month:02d}-{day:02d}", "day")

    def resolve(ctx: Context) -> Resolved | None:
        result = resolver(ctx)
        return result if result is None or result.start_date is not None or ctx.published is None else plain(ctx)

    return resolve


def _iso(m: re.Match[str], text: str) -> Candidate | None:
    period = day_period(int(m["y"]), int(m["m"]), int(m["d"]))
    if period is None:
        return None
    if m["hh"]:
        value = f"{period.value}T{m['hh']}:{m['mi']}"
        return _candidate(
            m, "iso", lambda ctx: Resolved("TIME", value, period.start, period.end, "minute", period=period)
        )
    return _candidate(m, "iso", absolute(period))


def _numeric(m: re.Match[str], text: str) -> Candidate | None:
    a, b, y = int(m["a"]), int(m["b"]), m["y"]
    year = int(y) if len(y) == 4 else year_from_two_digits(int(y))
    month, day = (b, a) if m["sep"] == "." or a > 12 else (a, b)
    period = day_period(year, month, day)
    return _candidate(m, "numeric", absolute(period)) if period is not None else None


def _month_day(m: re.Match[str], text: str) -> Candidate | None:
    if not word_ok(m["mon"]) or (m["wd"] and not word_ok(m["wd"])):
        return None
    day = day_number(m["day"])
    if day is None or (m["day"].isdigit() and len(m["day"]) == 1 and m["day"] == "0"):
        return None
    year = int(m["year"]) if m["year"] else None
    resolver = day_resolver(month_number(m["mon"]), day, year, weekday_number(m["wd"]) if m["wd"] else None)
    return _candidate(m, "month_day", resolver) if resolver else None


def _month_year(m: re.Match[str], text: str) -> Candidate | None:
    if not word_ok(m["mon"]):
        return None
    return _candidate(m, "month_year", absolute(month_period(year_number(m["year"]), month_number(m["mon"]))))


def _relative_month(month: int, rel: str | None, yrel: str | None) -> Resolver:
    def build(y: int) -> Period | None:
        return month_period(y, month)

    unresolved = f"XXXX-{month:02d}"
    if yrel is None and rel is None:
        return partial(build, unresolved, "month")

    def resolve(ctx: Context) -> Resolved | None:
        if ctx.published is None:
            return Resolved("DATE", unresolved, granularity="month")
        pub = ctx.published
        if yrel is not None:
            period = build(pub.year + _LEX.shift_words.get(yrel.lower(), 0))
        else:
            key = (rel or "").lower().split()[-1]
            shift = _LEX.shift_words.get(key, 0)
            options = [p for p in (build(pub.year - 1), build(pub.year), build(pub.year + 1)) if p is not None]
            if shift < 0:
                period = max((p for p in options if p.end < pub.replace(day=1)), key=lambda p: p.start, default=None)
            elif shift > 0:
                period = min((p for p in options if p.start > pub), key=lambda p: p.start, default=None)
            else:
                period = build(pub.year)
        if period is None:
            return None
        return Resolved("DATE", period.value, period.start, period.end, "month", None, "publication", pub, period)

    return resolve


def _month(m: re.Match[str], text: str) -> Candidate | None:
    word = m["mon"]
    if not word_ok(word):
        return None
    ambiguous = word.lower().rstrip(".") in _LEX.ambiguous or word.lower() in ("march", "may")
    if ambiguous and not (m["rel"] or m["yrel"] or preceded_by(text, m.start())):
        return None
    if word.lower() in _SHORT_MONTHS and not (m["rel"] or m["yrel"]):  # "Jan Kavan", but "in Jan." is kept
        return None
    return _candidate(m, "month", _relative_month(month_number(word), m["rel"], m["yrel"]))


def _season(m: re.Match[str], text: str) -> Candidate | None:
    code = _LEX.seasons[m["s"].lower()]
    rel = (m["rel"] or "").lower().split()[-1] if m["rel"] else None
    if m["year"]:
        return _candidate(m, "season", absolute(season_period(year_number(m["year"]), code)))
    if rel in (None, "the"):
        after = text[m.end() : m.end() + 4].lower()
        if not preceded_by(text, m.start() if rel is None else m.start("rel"), _SEASON_CUE) or after.startswith(" of"):
            return None
    shift = _LEX.shift_words.get(rel or "", None) if rel not in (None, "the") else None
    yshift = _LEX.shift_words.get((m["yrel"] or "").lower(), None)

    def resolve(ctx: Context) -> Resolved | None:
        if ctx.published is None:
            return Resolved("DATE", f"XXXX-{code}", granularity="season")
        pub = ctx.published
        options = [p for p in (season_period(pub.year + k, code) for k in (-1, 0, 1)) if p is not None]
        current = period_of(pub, "season")
        if yshift is not None:
            period = season_period(pub.year + yshift, code)
        elif shift is None:
            period = pick_occurrence(options, pub, ctx.tense)
        elif shift < 0:
            period = max((p for p in options if p.start < current.start), key=lambda p: p.start, default=None)
        elif shift > 0:
            period = min((p for p in options if p.start > current.start), key=lambda p: p.start, default=None)
        else:
            period = current if current.value.endswith(code) else season_period(pub.year, code)
        if period is None:
            return None
        return Resolved("DATE", period.value, period.start, period.end, "season", None, "publication", pub, period)

    return _candidate(m, "season", resolve)


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
    return _candidate(m, "year", absolute(year_period(year)))


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
    return _candidate(m, "decade", absolute(Period("decade", dt.date(start, 1, 1))))


def _century(m: re.Match[str], text: str) -> Candidate | None:
    n = day_number(m["n"])
    if n is None or not 11 <= n <= 30:
        return None
    return _candidate(m, "century", absolute(Period("century", dt.date((n - 1) * 100, 1, 1))))


_QUARTER_ORD = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "last": 4,
    "final": 4,
}


def _quarter_resolver(index: int, unit: str, year: int | None, yshift: int | None) -> Resolver:
    def build(y: int) -> Period | None:
        if unit == "half":
            return Period("half", dt.date(y, 1 if index == 1 else 7, 1)) if index in (1, 2) else None
        return quarter_period(y, index)

    code = f"H{index}" if unit == "half" else f"Q{index}"
    granularity: Granularity = "half" if unit == "half" else "quarter"
    if year is not None:
        return absolute(build(year))
    if yshift is None:
        nearest = partial(build, f"XXXX-{code}", granularity)

        def reported(ctx: Context) -> Resolved | None:
            """A quarter is reported after it begins: the latest one begun, unless the clause is future."""
            if ctx.published is None or ctx.tense in ("future", "nearest"):
                return nearest(Context(ctx.published, "none", ctx.reference))
            pub = ctx.published
            begun = [p for p in (build(pub.year - 1), build(pub.year)) if p is not None and p.start <= pub]
            if not begun:
                return nearest(ctx)
            p = max(begun, key=lambda q: q.start)
            return Resolved("DATE", p.value, p.start, p.end, granularity, None, "publication", pub, p)

        return reported

    def resolve(ctx: Context) -> Resolved | None:
        if ctx.published is None:
            return Resolved("DATE", f"XXXX-{code}", granularity=granularity)
        period = build(ctx.published.year + yshift)
        if period is None:
            return None
        return Resolved(
            "DATE",
            period.value,
            period.start,
            period.end,
            period.granularity,
            None,
            "publication",
            ctx.published,
            period,
        )

    return resolve


def _quarter(m: re.Match[str], text: str) -> Candidate | None:
    index = _QUARTER_ORD.get(m["ord"].lower())
    unit = m["unit"].lower()
    if m["ord"].lower() in ("last", "final"):  # "the last half of 1989", "the final quarter of 2020"
        if not (m["year2"] or m["yrel2"]):
            return None
        index = 2 if unit == "half" else 4
    if index is None or (unit == "half" and index > 2):
        return None
    year = m["year"] or m["year2"]
    yrel = m["yrel"] or m["yrel2"]
    yshift = _LEX.shift_words.get(yrel.lower(), 0) if yrel else None
    hyphen = text[m.start("ord") : m.end("unit")].find("-") >= 0
    if unit == "half" and not (year or yrel or hyphen):
        return None
    return _candidate(m, "quarter", _quarter_resolver(index, unit, int(year) if year else None, yshift))


def _quarter_code(m: re.Match[str], text: str) -> Candidate | None:
    index = int(m["q"])
    unit = "half" if m["kind"].upper() == "H" else "quarter"
    if unit == "half" and index > 2:
        return None
    year = m["year"] or m["year0"]
    if m["y2"] or m["y3"]:
        year = str(year_from_two_digits(int(m["y2"] or m["y3"])))
    if year is None and unit == "half":
        return None
    return _candidate(m, "quarter", _quarter_resolver(index, unit, int(year) if year else None, None))


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
        return _candidate(m, "holiday", absolute(_holiday_day(rule, int(m["year"]))))
    return _candidate(m, "holiday", partial(lambda y: _holiday_day(rule, y), "XXXX-XX-XX", "day"))


_REL = r"(?:last|next|this|this\s+past|this\s+coming|coming|past)"
_YREL = r"(?:last|this|next)"
_QORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|last|final)"

CALENDAR_RULES: tuple[Rule, ...] = (
    compile_rule(
        "iso",
        r"(?<![\w/.-])(?P<y>[12]\d{3})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)"
        r"(?:T(?P<hh>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::[0-5]\d)?)?(?![\w/-])",
        _iso,
    ),
    compile_rule(
        "numeric",
        r"(?<![\w/.:,-])(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep)"
        r"(?P<y>[12]\d{3}|\d\d)(?![\w/]|[.-]\d)",
        _numeric,
    ),
    compile_rule(
        "month_day",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s*(?P<day>{DAY})"
        rf"(?:(?:\s*,\s*|\s+)(?P<year>{YEAR}))?",
        _month_day,
    ),
    compile_rule(
        "day_month",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH})"
        rf"(?:,?\s+(?:of\s+)?(?P<year>{YEAR}))?",
        _month_day,
    ),
    compile_rule("month_year", rf"(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<year>{YEAR_ANY})", _month_year),
    compile_rule("month", rf"(?:(?P<rel>{_REL})\s+)?(?P<mon>{MONTH})(?:\s+(?P<yrel>{_YREL})\s+year)?", _month),
    compile_rule(
        "season",
        rf"(?:(?P<rel>{_REL}|the)\s+)?(?P<s>{SEASON})(?:(?:\s+of)?\s+(?P<year>{YEAR_ANY})"
        rf"|\s+(?P<yrel>{_YREL})\s+year)?",
        _season,
    ),
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
    compile_rule(
        "quarter",
        rf"(?<!\w)(?:(?P<year>{YEAR})(?:['’]s)?\s+|(?P<yrel>{_YREL})\s+year['’]s\s+|the\s+)?"
        rf"(?:fiscal[\s-]+)?(?P<ord>{_QORD})[\s-]+(?:fiscal[\s-]+)?(?P<unit>quarter|half)(?!\w)"
        rf"(?:\s+(?:of\s+)?(?:(?:fiscal\s+(?:year\s+)?)?(?P<year2>{YEAR})"
        rf"|(?:the\s+)?(?P<yrel2>{_YREL})\s+(?:fiscal\s+)?year))?",
        _quarter,
    ),
    compile_rule(
        "quarter_code",
        rf"(?<![\w-])(?:(?P<year0>{YEAR})\s*)?(?P<kind>[QH])(?P<q>[1-4])(?!\w)"
        rf"(?:\s*(?:FY\s?)?(?P<year>{YEAR})|\s*FY\s?(?P<y2>\d\d)(?!\d)|['’](?P<y3>\d\d))?",
        _quarter_code,
        0,
    ),
    compile_rule("holiday", rf"(?<!\w)(?P<h>{alternation(_LEX.holidays)})(?!\w)(?:,?\s+(?P<year>{YEAR}))?", _holiday),
)
