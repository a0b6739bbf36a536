"""Resolving a recognised temporal phrase to a TIMEX3 value and interval, given its context.

Owns the records passed between the grammar and the extractor (``Candidate``: a span with a resolver;
``Context``: the publication date, the tense of the clause, the last date mentioned; ``Resolved``: the
value and interval) and the resolution policies: a partial date takes the year that the tense asks for
(the past or next occurrence) or, without a tense cue, the occurrence nearest the publication date; a
weekday is the last one on or before publication unless the tense is future (the next one) or
``nearest`` (a deadline or a planned event: the closer of the two); without a publication
date a partial date keeps an unresolved value (``XXXX-11-21``) and no interval.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

from schemas.temporal import Anchor, Granularity, TimexMod, TimexType
from transforms.dates.tense import Tense
from transforms.dates.timex import Period, period_of

__all__ = [
    "Context",
    "Resolved",
    "Resolver",
    "Candidate",
    "fixed",
    "absolute",
    "partial",
    "from_publication",
    "from_reference",
    "weekday",
    "pick_occurrence",
    "with_mod",
]


@dataclass(frozen=True, slots=True)
class Context:
    published: dt.date | None
    tense: Tense = "none"
    reference: Period | None = None


@dataclass(frozen=True, slots=True)
class Resolved:
    type: TimexType
    value: str
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    granularity: Granularity | None = None
    mod: TimexMod | None = None
    anchor: Anchor = "none"
    anchor_date: dt.date | None = None
    period: Period | None = None


Resolver = Callable[[Context], "Resolved | None"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A recognised span: ``resolve`` turns it into a value once the context is known."""

    start: int
    end: int
    rule: str
    resolve: Resolver
    priority: int = 0


def _from_period(period: Period, anchor: Anchor, anchor_date: dt.date | None, type_: TimexType = "DATE") -> Resolved:
    return Resolved(
        type_, period.value, period.start, period.end, period.granularity, None, anchor, anchor_date, period
    )


def fixed(
    type_: TimexType, value: str, granularity: Granularity | None = None, mod: TimexMod | None = None
) -> Resolver:
    """A value that needs no anchor: a duration, a set, a PAST_REF/PRESENT_REF/FUTURE_REF."""
    result = Resolved(type_, value, granularity=granularity, mod=mod)

    def resolve(ctx: Context) -> Resolved:
        if value.endswith("_REF") and ctx.published is not None:
            return replace(result, anchor="publication", anchor_date=ctx.published)
        return result

    return resolve


def absolute(period: Period | None, type_: TimexType = "DATE") -> Resolver:
    """A fully specified date or period ("March 3, 2021", "2014", "the 1990s")."""

    def resolve(ctx: Context) -> Resolved | None:
        return None if period is None else _from_period(period, "none", None, type_)

    return resolve


_PAST_PENALTY = 270
"""Days added to the distance of a future reading in a past-tense clause: past cues are weak (participles,
relative clauses), so a date a few weeks ahead still wins over one eleven months back."""


def pick_occurrence(options: list[Period], published: dt.date, tense: Tense) -> Period | None:
    """Of candidate periods (one per year): with a future cue the next one; otherwise the nearest one,
    a future reading penalised in a past-tense clause."""
    if not options:
        return None
    if tense == "future":
        ahead = [p for p in options if p.end >= published]
        return min(ahead, key=lambda p: p.start) if ahead else None

    def distance(p: Period) -> tuple[int, int]:
        if p.start <= published <= p.end:
            return (0, 0)
        ahead = p.start > published
        gap = (p.start - published).days if ahead else (published - p.end).days
        return (gap + (_PAST_PENALTY if ahead and tense == "past" else 0), 1 if ahead else 0)

    return min(options, key=distance)


def partial(
    build: Callable[[int], Period | None], unresolved: str, granularity: Granularity, type_: TimexType = "DATE"
) -> Resolver:
    """A date missing its year ("March 3", "in July", "the third quarter"): ``build(year)`` makes the
    period of a given year; the year comes from the publication date and the tense."""

    def resolve(ctx: Context) -> Resolved:
        if ctx.published is None:
            return Resolved(type_, unresolved, granularity=granularity)
        year = ctx.published.year
        options = [p for p in (build(year - 1), build(year), build(year + 1)) if p is not None]
        chosen = pick_occurrence(options, ctx.published, ctx.tense)
        if chosen is None:
            return Resolved(type_, unresolved, granularity=granularity, anchor="publication", anchor_date=ctx.published)
        return _from_period(chosen, "publication", ctx.published, type_)

    return resolve


def from_publication(
    compute: Callable[[dt.date], Period | None], unresolved: str, granularity: Granularity, type_: TimexType = "DATE"
) -> Resolver:
    """A date relative to the publication date ("yesterday", "last week", "two years ago")."""

    def resolve(ctx: Context) -> Resolved:
        period = compute(ctx.published) if ctx.published is not None else None
        if period is None:
            return Resolved(type_, unresolved, granularity=granularity)
        return _from_period(period, "publication", ctx.published, type_)

    return resolve


def from_reference(compute: Callable[[Period], Period | None], unresolved: str, granularity: Granularity) -> Resolver:
    """A date relative to the last date of the text ("a year earlier", "the next day"); the publication
    date stands in when the text has named no date before."""

    def resolve(ctx: Context) -> Resolved:
        if ctx.reference is not None:
            period = compute(ctx.reference)
            if period is not None:
                return _from_period(period, "text", ctx.reference.start)
        if ctx.published is not None:
            period = compute(period_of(ctx.published, granularity))
            if period is not None:
                return _from_period(period, "publication", ctx.published)
        return Resolved("DATE", unresolved, granularity=granularity)

    return resolve


def weekday(iso_weekday: int, shift: int | None, part: str | None) -> Resolver:
    """A weekday: ``shift`` None for a bare one (tense decides), -1 "last", +1 "next", 0 "this"."""
    unresolved = f"XXXX-WXX-{iso_weekday}" + (f"T{part}" if part else "")

    def resolve(ctx: Context) -> Resolved:
        published = ctx.published
        if published is None:
            return Resolved("TIME" if part else "DATE", unresolved, granularity="day")
        back = (published.isoweekday() - iso_weekday) % 7
        ahead = (iso_weekday - published.isoweekday()) % 7
        if shift == -1:
            day = published - dt.timedelta(days=back or 7)
        elif shift == 1:
            day = published + dt.timedelta(days=ahead or 7)
        elif shift == 0 or ctx.tense == "future" or (ctx.tense == "nearest" and ahead < back):
            day = published + dt.timedelta(days=ahead)
        else:
            day = published - dt.timedelta(days=back)
        period = Period("day", day)
        if part:
            return Resolved(
                "TIME", f"{day.isoformat()}T{part}", day, day, "day", None, "publication", published, period
            )
        return _from_period(period, "publication", published)

    return resolve


def with_mod(resolver: Resolver, mod: TimexMod, narrow: bool = True) -> Resolver:
    """``resolver`` with a TIMEX3 mod ("early 2019" START, "late May" END, "mid-1990s" MID); for
    START/MID/END the interval is narrowed to the first, middle or last third of the period."""

    def resolve(ctx: Context) -> Resolved | None:
        base = resolver(ctx)
        if base is None:
            return None
        if not narrow or base.start_date is None or base.end_date is None or mod not in ("START", "MID", "END"):
            return replace(base, mod=mod)
        days = (base.end_date - base.start_date).days + 1
        third = max(days // 3, 1)
        if mod == "START":
            start, end = base.start_date, base.start_date + dt.timedelta(days=third - 1)
        elif mod == "MID":
            start = base.start_date + dt.timedelta(days=third)
            end = base.end_date - dt.timedelta(days=third)
        else:
            start, end = base.end_date - dt.timedelta(days=third - 1), base.end_date
        return replace(base, mod=mod, start_date=start, end_date=max(start, end))

    return resolve
