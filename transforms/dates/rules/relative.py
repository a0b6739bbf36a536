"""Rules for dates relative to the publication date or to a date named earlier in the text: "last
week", "earlier this month", "two days ago", "a year earlier", "the next day", "the year-ago
quarter", "the weekend", and fixed references ("now", "recently", "the future"). Today, yesterday
and weekdays are in ``rules.deictic``.
"""

from __future__ import annotations

import datetime as dt
import re

from schemas.temporal import Granularity
from transforms.dates.grammar import NUMBER, UNIT, VAGUE, Rule, compile_rule, unit_of
from transforms.dates.lexicon import alternation, lexicon
from transforms.dates.resolution import (
    Candidate,
    Context,
    Resolved,
    Resolver,
    fixed,
    from_publication,
    from_reference,
    with_mod,
)
from transforms.dates.timex import Period, duration_value, period_of

__all__ = ["RELATIVE_RULES", "year_before"]

_LEX = lexicon()
_GRANULAR: dict[str, Granularity] = {
    "day": "day",
    "week": "week",
    "weekend": "week",
    "month": "month",
    "quarter": "quarter",
    "year": "year",
    "decade": "decade",
    "century": "century",
    "fortnight": "week",
    "night": "day",
}
_PER_YEAR = {"quarter": 4, "month": 12, "half": 2, "season": 4, "year": 1, "week": 52}


def year_before(ref: Period, years: int = 1) -> Period | None:
    """The same period ``years`` earlier (a quarter four quarters back, a day 365 days back)."""
    if ref.granularity in _PER_YEAR:
        return ref.shift(-years * _PER_YEAR[ref.granularity])
    if ref.granularity == "day":
        try:
            return Period("day", ref.start.replace(year=ref.start.year - years))
        except ValueError:
            return Period("day", ref.start - dt.timedelta(days=365 * years))
    return None


def _weekend(shift: int) -> Resolver:
    def resolve(ctx: Context) -> Resolved:
        if ctx.published is None:
            return Resolved("DATE", "XXXX-WXX-WE", granularity="week")
        week = period_of(ctx.published, "week")
        if ctx.published.isoweekday() < 6 and shift == 0 and ctx.tense != "future":
            week = week.shift(-1) or week
        week = week.shift(shift) or week
        sat = week.start + dt.timedelta(days=5)
        return Resolved(
            "DATE",
            f"{week.value}-WE",
            sat,
            sat + dt.timedelta(days=1),
            "week",
            None,
            "publication",
            ctx.published,
            week,
        )

    return resolve


def _shifted(granularity: Granularity, n: int) -> Resolver:
    return from_publication(lambda d: period_of(d, granularity).shift(n), _unresolved(granularity), granularity)


def _unresolved(granularity: Granularity) -> str:
    return {
        "day": "XXXX-XX-XX",
        "week": "XXXX-WXX",
        "month": "XXXX-XX",
        "quarter": "XXXX-QX",
        "year": "XXXX",
        "decade": "XXX",
        "century": "XX",
    }.get(granularity, "XXXX")


def _span_of_month_part(pre: str, resolver: Resolver) -> Resolver:
    """ "earlier this month" runs from the month's start to publication; "later this year" from
    publication to its end."""

    def resolve(ctx: Context) -> Resolved | None:
        base = resolver(ctx)
        if base is None or base.start_date is None or base.end_date is None or ctx.published is None:
            return base
        if pre == "earlier" and base.start_date <= ctx.published <= base.end_date:
            return Resolved(
                base.type,
                base.value,
                base.start_date,
                ctx.published,
                base.granularity,
                "START",
                base.anchor,
                base.anchor_date,
                base.period,
            )
        if pre == "later" and base.start_date <= ctx.published <= base.end_date:
            return Resolved(
                base.type,
                base.value,
                ctx.published,
                base.end_date,
                base.granularity,
                "END",
                base.anchor,
                base.anchor_date,
                base.period,
            )
        return base

    return resolve


def _relative_unit(m: re.Match[str], text: str) -> Candidate | None:
    rel_words = m["rel"].lower().split()
    unit = m["unit"].lower().split()[-1]
    granularity = _GRANULAR.get(unit)
    if granularity is None:
        return None
    with_the = rel_words[0] == "the"
    rel = rel_words[-1]
    if unit == "weekend" and not with_the:
        return Candidate(m.start(), m.end(), "relative", _weekend(_LEX.shift_words.get(rel, 0)))
    if with_the:
        if rel in ("same",):
            return Candidate(
                m.start(),
                m.end(),
                "relative",
                from_reference(lambda p: period_of(p.start, granularity), _unresolved(granularity), granularity),
            )
        if rel in ("following", "previous", "preceding", "prior") or (unit == "day" and rel == "next"):
            n = 1 if rel in ("following", "next") else -1
            return Candidate(
                m.start(),
                m.end(),
                "relative",
                from_reference(
                    lambda p: period_of(p.start, granularity).shift(n), _unresolved(granularity), granularity
                ),
            )
        if rel in ("past", "last", "next", "coming") and not m["pre"]:
            value = (
                "P1WE"
                if unit == "weekend"
                else f"P1{_LEX.units[unit].code}".replace("P1DE", "P10Y").replace("P1CE", "P100Y").replace("P1Q", "P3M")
            )
            return Candidate(m.start(), m.end(), "relative", fixed("DURATION", value, granularity))
        if rel in ("current", "latest"):
            n = -1 if (rel == "latest" and granularity == "quarter") else 0
            return Candidate(m.start(), m.end(), "relative", _shifted(granularity, n))
        return None
    if unit == "day":
        return None
    n = _LEX.shift_words.get(rel, 0)
    resolver = _shifted(granularity, n)
    pre = (m["pre"] or "").lower()
    if pre in ("earlier", "later"):
        resolver = _span_of_month_part(pre, resolver)
    elif pre in ("early", "late"):
        resolver = with_mod(resolver, "START" if pre == "early" else "END")
    return Candidate(m.start(), m.end(), "relative", resolver)


def _year_ago(m: re.Match[str], text: str) -> Candidate | None:
    noun = (m["noun"] or "").lower()
    if noun not in ("quarter", "month") and m["dir"].lower() == "ago":
        in_text = from_reference(year_before, "XXXX", "year")
        last_year = _shifted("year", -1)

        def resolve(ctx: Context) -> Resolved | None:
            ref = ctx.reference  # "year-ago" counts back from the period being reported, else from publication
            return (
                in_text(ctx)
                if ref is not None and ref.granularity in _PER_YEAR and ref.granularity != "year"
                else last_year(ctx)
            )

        return Candidate(m.start(), m.end(), "year_ago", resolve)
    if noun in ("quarter", "month"):
        g: Granularity = "quarter" if noun == "quarter" else "month"
        return Candidate(
            m.start(),
            m.end(),
            "year_ago",
            from_reference(lambda p: year_before(period_of(p.start, g)), _unresolved(g), g),
        )
    return Candidate(m.start(), m.end(), "year_ago", from_reference(year_before, "XXXX", "year"))


def _same_as_reference(m: re.Match[str]) -> Candidate:
    g = _GRANULAR[m["unit"].lower()]
    return Candidate(
        m.start(), m.end(), "that_unit", from_reference(lambda p: period_of(p.start, g), _unresolved(g), g)
    )


def _latest_quarter(ref: Period | None, published: dt.date | None) -> Period | None:
    if ref is not None and ref.granularity == "quarter":
        return ref
    return period_of(published, "quarter").shift(-1) if published is not None else None


def _the_quarter(m: re.Match[str], text: str) -> Candidate | None:
    def resolve(ctx: Context) -> Resolved:
        period = _latest_quarter(ctx.reference, ctx.published)
        if period is None:
            return Resolved("DATE", "XXXX-QX", granularity="quarter")
        if ctx.reference is period:
            return Resolved(
                "DATE", period.value, period.start, period.end, "quarter", None, "text", period.start, period
            )
        return Resolved(
            "DATE", period.value, period.start, period.end, "quarter", None, "publication", ctx.published, period
        )

    return Candidate(m.start(), m.end(), "the_quarter", resolve)


def _ago(m: re.Match[str], text: str) -> Candidate | None:
    unit = unit_of(m["unit"])
    if unit not in _LEX.units:
        return None
    direction = " ".join(m["dir"].lower().split())
    past = direction in ("ago", "earlier", "before", "back")
    amount = _LEX.number(m["num"]) if m["num"] else None
    granularity = _GRANULAR.get(unit)
    if (amount is None or granularity is None) and direction in ("earlier", "later"):
        spec = _LEX.units[unit]  # "a few days later", "an hour later": a span after an event, not the future
        value = duration_value(amount, spec.code, time=spec.time)
        return Candidate(m.start(), m.end("unit"), "duration", fixed("DURATION", value))
    if amount is None or granularity is None or not float(amount).is_integer():
        value = "PAST_REF" if past else "FUTURE_REF"
        return Candidate(m.start(), m.end(), "ago", fixed("DATE", value))
    n = int(amount) * (-1 if past else 1) * (2 if unit == "fortnight" else 1)
    if direction in ("ago", "from now", "hence", "back"):
        if unit in ("decade", "century"):  # "a decade ago" is a year, not the decade before this one
            return Candidate(m.start(), m.end(), "ago", _shifted("year", n * (10 if unit == "decade" else 100)))
        if unit == "year" and granularity == "year":
            resolver: Resolver = from_reference(
                lambda p: year_before(p, -n) if p.granularity in ("quarter", "month") else None, "XXXX", "year"
            )
            pub_only = _shifted("year", n)

            def resolve(ctx: Context) -> Resolved | None:
                if ctx.reference is not None and ctx.reference.granularity in ("quarter",) and n == -1:
                    return resolver(ctx)
                return pub_only(ctx)

            return Candidate(m.start(), m.end(), "ago", resolve)
        return Candidate(m.start(), m.end(), "ago", _shifted(granularity, n))
    if unit == "year":
        return Candidate(m.start(), m.end(), "ago", from_reference(lambda p: year_before(p, -n), "XXXX", "year"))
    return Candidate(
        m.start(),
        m.end(),
        "ago",
        from_reference(lambda p: period_of(p.start, granularity).shift(n), _unresolved(granularity), granularity),
    )


def _reference(m: re.Match[str], text: str) -> Candidate | None:
    key = " ".join(m["w"].lower().split())
    value = _LEX.references.get(key) or {"current": "PRESENT_REF"}.get(key)
    if value is None:
        return None
    return Candidate(m.start(), m.end(), "reference", fixed("DATE", value))


_REL_UNIT = (
    r"(?:last|this|next|past|previous|coming|current|following|the\s+past|the\s+last|the\s+previous"
    r"|the\s+coming|the\s+next|the\s+following|the\s+current|the\s+same|the\s+preceding|the\s+prior"
    r"|the\s+latest)"
)

RELATIVE_RULES: tuple[Rule, ...] = (
    compile_rule(
        "relative",
        rf"(?<![\w-])(?:(?P<pre>earlier|later|early|late)\s+)?(?P<rel>{_REL_UNIT})\s+"
        r"(?:fiscal\s+|calendar\s+)?(?P<unit>week|weekend|month|quarter|year|decade|century|day)(?!\w)",
        _relative_unit,
    ),
    compile_rule(
        "year_ago",
        r"(?<![\w-])(?:the\s+)?(?:year|twelve\s+months)[\s-](?P<dir>ago|earlier)"
        r"(?:\s+(?P<noun>quarter|period|month))?(?!\w)",
        _year_ago,
    ),
    compile_rule(
        "the_quarter",
        r"(?<![\w-])the\s+(?:latest\s+|most\s+recent\s+|same\s+|just-ended\s+|just\s+ended\s+)?"
        r"(?:fiscal\s+)?(?:quarter|period)(?![\w-])",
        _the_quarter,
    ),
    compile_rule(
        "that_unit",
        r"(?<![\w-])(?:that|the\s+same|that\s+same)\s+(?P<unit>day|week|month|quarter|year)(?!\w)",
        lambda m, t: _same_as_reference(m),
    ),
    compile_rule(
        "relative",
        r"(?:(?<=end of )|(?<=start of )|(?<=beginning of )|(?<=middle of )|(?<=close of ))"
        r"the\s+(?P<unit>week|month|quarter|year|decade)(?!\w)",
        lambda m, t: Candidate(m.start(), m.end(), "relative", _shifted(_GRANULAR[m["unit"].lower()], 0)),
    ),
    compile_rule(
        "weekend", r"(?<![\w-])the\s+weekend(?!\w)", lambda m, t: Candidate(m.start(), m.end(), "relative", _weekend(0))
    ),
    compile_rule(
        "ago",
        rf"(?:(?P<num>{NUMBER})|{VAGUE})\s+(?P<unit>{UNIT})\s+(?:or\s+so\s+)?"
        r"(?P<dir>ago|earlier|later|from\s+now|hence|back)(?!\w)",
        _ago,
    ),
    compile_rule("reference", rf"(?<![\w-])(?P<w>{alternation(_LEX.references)}|current)(?![\w-])", _reference),
)
