"""Rules for the reporting periods of business and budget news: "year-end", "the year ended June 30",
"for the full year", "the 1988 quarter".

A company or a ministry reports on a period it has just named: "for the year" is the year under
discussion (the last period the text named, else the publication year); "the 1988 period" is the
quarter under discussion in another year; "the fiscal year ended Sept. 30" is a twelve-month span
(TIMEX3 ``P1Y``) whose end date is tagged on its own; "year-end" is December 31 of the coming year-end,
or of the last one after "since" or in a past-tense clause.
"""

from __future__ import annotations

import re

from schemas.temporal import Anchor
from transforms.dates.grammar import YEAR, Rule, compile_rule
from transforms.dates.resolution import (
    Candidate,
    Context,
    Resolved,
    fixed,
    from_publication,
    from_reference,
    pick_occurrence,
)
from transforms.dates.timex import Period, day_period, period_of, quarter_period, year_period

__all__ = ["BUSINESS_RULES"]

_WITHIN_YEAR = frozenset({"day", "week", "month", "quarter", "half", "season"})
_SINCE = re.compile(r"(?:since|from)\s+(?:the\s+)?$", re.IGNORECASE)


def _year_end(m: re.Match[str], text: str) -> Candidate | None:
    since = _SINCE.search(text, max(0, m.start() - 12), m.start()) is not None

    def resolve(ctx: Context) -> Resolved:
        pub = ctx.published
        if pub is None:
            return Resolved("DATE", "XXXX-12-31", granularity="day")
        options = [p for p in (day_period(pub.year - 1, 12, 31), day_period(pub.year, 12, 31)) if p is not None]
        if since:
            chosen = max((p for p in options if p.start <= pub), key=lambda p: p.start, default=None)
        elif ctx.tense == "past":
            chosen = pick_occurrence(options, pub, "past")
        else:
            chosen = min((p for p in options if p.start >= pub), key=lambda p: p.start, default=None)
        if chosen is None:
            return Resolved("DATE", "XXXX-12-31", granularity="day")
        return Resolved("DATE", chosen.value, chosen.start, chosen.end, "day", "END", "publication", pub, chosen)

    return Candidate(m.start(), m.end(), "year_end", resolve)


def _year_ended(m: re.Match[str], text: str) -> Candidate | None:
    start, end = m.span("span")
    return Candidate(start, end, "duration", fixed("DURATION", "P1Y", "year"))


def _year_under_discussion(m: re.Match[str], text: str) -> Candidate | None:
    start, end = m.span("span")
    if m["pre"]:
        start = m.start("pre")
    in_text = from_reference(
        lambda p: period_of(p.start, "year") if p.granularity in _WITHIN_YEAR else None, "XXXX", "year"
    )
    this_year = from_publication(lambda d: period_of(d, "year"), "XXXX", "year")

    def resolve(ctx: Context) -> Resolved | None:
        ref = ctx.reference
        return in_text(ctx) if ref is not None and ref.granularity in _WITHIN_YEAR else this_year(ctx)

    return Candidate(start, end, "that_unit", resolve)


def _year_quarter(m: re.Match[str], text: str) -> Candidate | None:
    year = int(m["year"])
    whole = year_period(year)
    if whole is None:
        return None

    def resolve(ctx: Context) -> Resolved:
        ref = ctx.reference
        if ref is None or ref.granularity != "quarter":
            ref = period_of(ctx.published, "quarter").shift(-1) if ctx.published is not None else None
        period: Period | None = quarter_period(year, (ref.start.month - 1) // 3 + 1) if ref is not None else None
        if period is None:
            return Resolved("DATE", whole.value, whole.start, whole.end, "year", None, "none", None, whole)
        anchor: Anchor = (
            "text" if ctx.reference is not None and ctx.reference.granularity == "quarter" else "publication"
        )
        anchor_date = ref.start if anchor == "text" and ref is not None else ctx.published
        return Resolved("DATE", period.value, period.start, period.end, "quarter", None, anchor, anchor_date, period)

    return Candidate(m.start(), m.end(), "year_quarter", resolve)


BUSINESS_RULES: tuple[Rule, ...] = (
    compile_rule("year_end", r"(?<![\w-])(?:(?:the\s+)?year[\s-]end|year['’]s\s+end)(?![\w-])", _year_end),
    compile_rule(
        "year_ended",
        r"(?<![\w-])(?P<span>the\s+(?:(?:fiscal|financial|calendar|full|latest)\s+)?year)"
        r"\s+(?:ended|ending|that\s+ended|that\s+ends|to)\s+(?=(?-i:[A-Z0-9]))",
        _year_ended,
    ),
    compile_rule(
        "year_under_discussion",
        r"(?<![\w-])(?:(?:for|in|during|of|over)\s+|(?P<pre>earlier|later)\s+in\s+)"
        r"(?P<span>the\s+(?:full\s+|fiscal\s+|current\s+|calendar\s+)?year)"
        r"(?![\w-]|['’]s|\s+(?:ago|earlier|before|after|ended|ending|to|when|in\s+which"
        r"|that|of|and\s+a\s+half|or))",
        _year_under_discussion,
    ),
    compile_rule(
        "year_quarter", rf"(?<![\w-])the\s+(?P<year>{YEAR})\s+(?:fiscal\s+)?(?:quarter|period)(?![\w-])", _year_quarter
    ),
)
