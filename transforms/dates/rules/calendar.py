"""Rules for calendar dates written out: ISO and numeric dates, full and partial dates, months and
seasons; and the helpers the other calendar families share (``candidate``, ``preceded_by``,
``year_from_two_digits``, ``day_resolver``, ``YEAR_REL``). Years, decades and centuries are in
``rules.years``, quarters and halves in ``rules.quarters``, holidays in ``rules.holidays``.

Each rule is a pattern and a handler that returns a ``Candidate`` (or None to reject the match). A date
with its year is absolute; one without a year is resolved later against the publication date.
"""

from __future__ import annotations

import re

from transforms.dates.grammar import (
    DAY,
    MONTH,
    SEASON,
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
from transforms.dates.lexicon import lexicon
from transforms.dates.resolution import Candidate, Context, Resolved, Resolver, absolute, partial, pick_occurrence
from transforms.dates.timex import Period, day_period, month_period, period_of, season_period

__all__ = ["CALENDAR_RULES", "YEAR_REL", "candidate", "year_from_two_digits", "preceded_by", "day_resolver"]

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


def candidate(m: re.Match[str], rule: str, resolver: Resolver, group: str | None = None) -> Candidate:
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
        return candidate(
            m, "iso", lambda ctx: Resolved("TIME", value, period.start, period.end, "minute", period=period)
        )
    return candidate(m, "iso", absolute(period))


def _numeric(m: re.Match[str], text: str) -> Candidate | None:
    a, b, y = int(m["a"]), int(m["b"]), m["y"]
    year = int(y) if len(y) == 4 else year_from_two_digits(int(y))
    month, day = (b, a) if m["sep"] == "." or a > 12 else (a, b)
    period = day_period(year, month, day)
    return candidate(m, "numeric", absolute(period)) if period is not None else None


def _month_day(m: re.Match[str], text: str) -> Candidate | None:
    if not word_ok(m["mon"]) or (m["wd"] and not word_ok(m["wd"])):
        return None
    day = day_number(m["day"])
    if day is None or (m["day"].isdigit() and len(m["day"]) == 1 and m["day"] == "0"):
        return None
    year = int(m["year"]) if m["year"] else None
    resolver = day_resolver(month_number(m["mon"]), day, year, weekday_number(m["wd"]) if m["wd"] else None)
    return candidate(m, "month_day", resolver) if resolver else None


def _month_year(m: re.Match[str], text: str) -> Candidate | None:
    if not word_ok(m["mon"]):
        return None
    return candidate(m, "month_year", absolute(month_period(year_number(m["year"]), month_number(m["mon"]))))


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
    return candidate(m, "month", _relative_month(month_number(word), m["rel"], m["yrel"]))


def _season(m: re.Match[str], text: str) -> Candidate | None:
    code = _LEX.seasons[m["s"].lower()]
    rel = (m["rel"] or "").lower().split()[-1] if m["rel"] else None
    if m["year"]:
        return candidate(m, "season", absolute(season_period(year_number(m["year"]), code)))
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

    return candidate(m, "season", resolve)


_REL = r"(?:last|next|this|this\s+past|this\s+coming|coming|past)"
YEAR_REL = r"(?:last|this|next)"
"""A year relative to publication: "last year", "this year", "next year"."""

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
    compile_rule("month", rf"(?:(?P<rel>{_REL})\s+)?(?P<mon>{MONTH})(?:\s+(?P<yrel>{YEAR_REL})\s+year)?", _month),
    compile_rule(
        "season",
        rf"(?:(?P<rel>{_REL}|the)\s+)?(?P<s>{SEASON})(?:(?:\s+of)?\s+(?P<year>{YEAR_ANY})"
        rf"|\s+(?P<yrel>{YEAR_REL})\s+year)?",
        _season,
    ),
)
