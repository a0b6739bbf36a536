"""Turning overlapping rule matches into the final list of spans: choosing among overlaps, attaching
modifiers ("early", "the end of", "more than", "about"), joining ranges ("between May 2 and May 9",
"from 2014 to 2016", "2014-2016") and joining a clock time with its day ("10 a.m. Tuesday").
"""

from __future__ import annotations

import dataclasses
import re

from schemas.temporal import TimexMod
from transforms.dates.resolution import Candidate, Context, Resolved, Resolver, with_mod

__all__ = ["select", "attach_mods", "join_ranges", "join_times", "range_resolver", "POINT_RULES"]

POINT_RULES = frozenset(
    {
        "iso",
        "numeric",
        "month_day",
        "day_month",
        "month_year",
        "month",
        "season",
        "year",
        "quarter",
        "quarter_code",
        "holiday",
        "weekday",
        "deictic",
        "decade",
        "century",
    }
)
_DAY_RULES = frozenset({"iso", "numeric", "month_day", "day_month", "holiday", "weekday", "deictic"})
_PERIOD_MODS: dict[str, TimexMod] = {
    "early": "START",
    "the beginning of": "START",
    "the start of": "START",
    "the first days of": "START",
    "mid": "MID",
    "the middle of": "MID",
    "late": "END",
    "the end of": "END",
    "the close of": "END",
    "the turn of": "START",
}
_AMOUNT_MODS: dict[str, TimexMod] = {
    "about": "APPROX",
    "around": "APPROX",
    "roughly": "APPROX",
    "approximately": "APPROX",
    "some": "APPROX",
    "nearly": "LESS_THAN",
    "almost": "LESS_THAN",
    "less than": "LESS_THAN",
    "under": "LESS_THAN",
    "fewer than": "LESS_THAN",
    "just under": "LESS_THAN",
    "more than": "MORE_THAN",
    "over": "MORE_THAN",
    "just over": "MORE_THAN",
    "well over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE",
    "no less than": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
}


def _words(keys: list[str]) -> str:
    return "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(keys, key=len, reverse=True))


_PERIOD_BEFORE = re.compile(rf"(?<![\w-])(?P<m>{_words(list(_PERIOD_MODS))})(?:\s+|-)$", re.IGNORECASE)
_AMOUNT_BEFORE = re.compile(rf"(?<![\w-])(?P<m>{_words(list(_AMOUNT_MODS))})\s+$", re.IGNORECASE)
_PERIOD_TARGETS = frozenset(
    {
        "month",
        "month_year",
        "year",
        "decade",
        "century",
        "season",
        "relative",
        "quarter",
        "quarter_code",
        "weekday",
        "deictic",
    }
)
_RANGE_GAP = re.compile(r"\s*(?P<c>-|–|—|to|through|thru|until|till|and)\s*", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"(?<![\w-])(?P<w>from|between)\s+$", re.IGNORECASE)


def select(candidates: list[Candidate], length: int) -> list[Candidate]:
    """Non-overlapping candidates, longest first (then leftmost, then higher priority), in text order."""
    taken = bytearray(length + 1)
    chosen: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, -c.priority, c.start)):
        if cand.end <= cand.start or taken.find(1, cand.start, cand.end) >= 0:
            continue
        taken[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
        chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    return chosen


def _mod_key(text: str) -> str:
    return " ".join(text.lower().split())


def attach_mods(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Extend spans over a preceding modifier word and record the TIMEX3 mod."""
    out: list[Candidate] = []
    floor = 0
    for cand in chosen:
        window = text[max(floor, cand.start - 24) : cand.start]
        head = text[cand.start : cand.start + 4].lower()
        match = _PERIOD_BEFORE.search(window) if cand.rule in _PERIOD_TARGETS else None
        mod: TimexMod | None = None
        if match is not None:
            mod = _PERIOD_MODS[_mod_key(match["m"])]
        elif cand.rule in ("duration", "ago") and not head.startswith("the"):
            match = _AMOUNT_BEFORE.search(window)
            if match is not None:
                mod = _AMOUNT_MODS[_mod_key(match["m"])]
        if match is not None and mod is not None:
            start = cand.start - (len(window) - match.start())
            narrow = cand.rule in _PERIOD_TARGETS
            cand = dataclasses.replace(cand, start=start, resolve=with_mod(cand.resolve, mod, narrow))
        out.append(cand)
        floor = cand.end
    return out


def range_resolver(first: Resolver, second: Resolver) -> Resolver:
    """One DATE interval from two point expressions: ``start_date`` of the first, ``end_date`` of the
    second; a first point without a year takes it from the second ("from March 3 to April 5, 2021")."""

    def resolve(ctx: Context) -> Resolved | None:
        a, b = first(ctx), second(ctx)
        if a is None or b is None:
            return None
        anchor, anchor_date = a.anchor, a.anchor_date
        if a.anchor == "publication" and b.anchor == "none" and b.end_date is not None:
            again = first(Context(b.end_date, "past", None))
            if again is not None and again.start_date is not None:
                a, anchor, anchor_date = again, "text", b.start_date
        if b.anchor != "none" and anchor == "none":
            anchor, anchor_date = b.anchor, b.anchor_date
        start, end = a.start_date, b.end_date
        if start is None or end is None or end < start:
            start = end = None
        return Resolved("DATE", f"{a.value}/{b.value}", start, end, a.granularity, None, anchor, anchor_date, None)

    return resolve


def join_ranges(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Merge "A - B", "A through B", "from A to B", "between A and B" into one range candidate."""
    out: list[Candidate] = []
    i = 0
    while i < len(chosen):
        a = chosen[i]
        b = chosen[i + 1] if i + 1 < len(chosen) else None
        if b is not None and a.rule in POINT_RULES and b.rule in POINT_RULES:
            gap = _RANGE_GAP.fullmatch(text, a.end, b.start)
            opener = _RANGE_OPEN.search(text, max(0, a.start - 12), a.start)
            if gap is not None:
                connector = gap["c"].lower()
                opened = opener["w"].lower() if opener else None
                ok = (
                    (connector == "and" and opened == "between")
                    or (connector in ("to", "until", "till") and opened == "from")
                    or connector in ("-", "–", "—", "through", "thru")
                )
                if ok:
                    start = opener.start() if opener is not None else a.start
                    out.append(Candidate(start, b.end, "range", range_resolver(a.resolve, b.resolve)))
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


_CLOCK_THEN_DAY = re.compile(r"\s*,?\s*(?:on\s+)?")
_DAY_THEN_CLOCK = re.compile(r"\s*,?\s*(?:at\s+)?")


def _with_clock(day: Resolver, clock: Resolver) -> Resolver:
    def resolve(ctx: Context) -> Resolved | None:
        d = day(ctx)
        if d is None:
            return None
        c = clock(Context(d.start_date, ctx.tense, ctx.reference) if d.start_date else Context(None))
        if c is None or "T" not in c.value:
            return d
        clock_part = c.value[c.value.index("T") :]
        base = d.value.split("T")[0]
        return Resolved(
            "TIME", base + clock_part, d.start_date, d.end_date, "minute", d.mod, d.anchor, d.anchor_date, d.period
        )

    return resolve


def join_times(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Merge a clock time with an adjacent day ("10:30 a.m. Tuesday", "Tuesday at 10 a.m.")."""
    out: list[Candidate] = []
    i = 0
    while i < len(chosen):
        a = chosen[i]
        b = chosen[i + 1] if i + 1 < len(chosen) else None
        if b is not None:
            if a.rule == "clock" and b.rule in _DAY_RULES and _CLOCK_THEN_DAY.fullmatch(text, a.end, b.start):
                out.append(Candidate(a.start, b.end, "datetime", _with_clock(b.resolve, a.resolve)))
                i += 2
                continue
            if a.rule in _DAY_RULES and b.rule == "clock" and _DAY_THEN_CLOCK.fullmatch(text, a.end, b.start):
                out.append(Candidate(a.start, b.end, "datetime", _with_clock(a.resolve, b.resolve)))
                i += 2
                continue
        out.append(a)
        i += 1
    return out
