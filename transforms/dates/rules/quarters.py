"""Rules for quarters and halves of a year: "the first quarter of 2020", "last year's fourth quarter",
"the second half", "Q3 2021", "Q1 FY22", "H2'19". A quarter without a year is the latest one begun
at publication, unless its clause speaks of the future.

Each rule is a pattern and a handler that returns a ``Candidate`` (or None to reject the match).
"""

from __future__ import annotations

import datetime as dt
import re

from schemas.temporal import Granularity
from transforms.dates.grammar import YEAR, Rule, compile_rule
from transforms.dates.lexicon import lexicon
from transforms.dates.resolution import Candidate, Context, Resolved, Resolver, absolute, partial
from transforms.dates.rules.calendar import YEAR_REL, candidate, year_from_two_digits
from transforms.dates.timex import Period, quarter_period

__all__ = ["QUARTER_RULES"]

_LEX = lexicon()

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
    return candidate(m, "quarter", _quarter_resolver(index, unit, int(year) if year else None, yshift))


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
    return candidate(m, "quarter", _quarter_resolver(index, unit, int(year) if year else None, None))


_QORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|last|final)"

QUARTER_RULES: tuple[Rule, ...] = (
    compile_rule(
        "quarter",
        rf"(?<!\w)(?:(?P<year>{YEAR})(?:['’]s)?\s+|(?P<yrel>{YEAR_REL})\s+year['’]s\s+|the\s+)?"
        rf"(?:fiscal[\s-]+)?(?P<ord>{_QORD})[\s-]+(?:fiscal[\s-]+)?(?P<unit>quarter|half)(?!\w)"
        rf"(?:\s+(?:of\s+)?(?:(?:fiscal\s+(?:year\s+)?)?(?P<year2>{YEAR})"
        rf"|(?:the\s+)?(?P<yrel2>{YEAR_REL})\s+(?:fiscal\s+)?year))?",
        _quarter,
    ),
    compile_rule(
        "quarter_code",
        rf"(?<![\w-])(?:(?P<year0>{YEAR})\s*)?(?P<kind>[QH])(?P<q>[1-4])(?!\w)"
        rf"(?:\s*(?:FY\s?)?(?P<year>{YEAR})|\s*FY\s?(?P<y2>\d\d)(?!\d)|['’](?P<y3>\d\d))?",
        _quarter_code,
        0,
    ),
)
