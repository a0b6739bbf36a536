"""Rules for days named from the publication date: "today", "yesterday", "tomorrow", "tonight", "the
day before yesterday", a part of such a day ("yesterday morning", "last night") and weekdays ("on
Tuesday", "last Friday", "this coming Monday evening").

Each rule is a pattern and a handler that returns a ``Candidate`` (or None to reject the match).
"""

from __future__ import annotations

import datetime as dt
import re

from transforms.dates.grammar import PART_OF_DAY, WEEKDAY, Rule, compile_rule, weekday_number, word_ok
from transforms.dates.lexicon import lexicon
from transforms.dates.resolution import Candidate, Context, Resolved, Resolver, weekday
from transforms.dates.timex import Period

__all__ = ["DEICTIC_RULES"]

_LEX = lexicon()


def _day_time(shift: int, part: str | None, word: str) -> Resolver:
    unresolved = "XXXX-XX-XX" + (f"T{part}" if part else "")

    def resolve(ctx: Context) -> Resolved:
        if ctx.published is None:
            return Resolved("TIME" if part else "DATE", unresolved, granularity="day")
        day = ctx.published + dt.timedelta(days=shift)
        period = Period("day", day)
        value = day.isoformat() + (f"T{part}" if part else "")
        return Resolved("TIME" if part else "DATE", value, day, day, "day", None, "publication", ctx.published, period)

    return resolve


_DEICTIC = {
    "today": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "tonight": 0,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
    "this": 0,
    "last": -1,
}


def _deictic(m: re.Match[str], text: str) -> Candidate | None:
    word = " ".join(m["w"].lower().split())
    part = _LEX.parts_of_day[m["pod"].lower()] if m["pod"] else ("NI" if word == "tonight" else None)
    if word == "last" and part != "NI":
        return None
    return Candidate(m.start(), m.end(), "deictic", _day_time(_DEICTIC[word], part, word))


def _weekday(m: re.Match[str], text: str) -> Candidate | None:
    word = m["wd"]
    if not word_ok(word) or (
        word.lower() in _LEX.weekdays and len(word) <= 5 and word.lower() not in ("monday", "friday", "sunday")
    ):
        return None
    rel = m["rel"].lower().split()[-1] if m["rel"] else None
    shift = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}.get(rel or "", None)
    if m["rel"] and m["rel"].lower().split() == ["this", "past"]:
        shift = -1
    part = _LEX.parts_of_day[m["pod"].lower()] if m["pod"] else None
    return Candidate(m.start(), m.end(), "weekday", weekday(weekday_number(word), shift, part))


DEICTIC_RULES: tuple[Rule, ...] = (
    compile_rule(
        "deictic",
        rf"(?<![\w-])(?:(?P<w>today|yesterday|tomorrow|tonight|the\s+day\s+before\s+yesterday"
        rf"|the\s+day\s+after\s+tomorrow)(?:\s+(?P<pod>{PART_OF_DAY}))?"
        rf"|(?P<w2>this|last)\s+(?P<pod2>{PART_OF_DAY}))(?!\w)",
        lambda m, t: _deictic2(m, t),
    ),
    compile_rule(
        "weekday",
        rf"(?:(?P<rel>last|next|this|this\s+coming|this\s+past|coming|past)\s+)?(?P<wd>{WEEKDAY})"
        rf"(?:\s+(?P<pod>{PART_OF_DAY}))?",
        _weekday,
    ),
)


def _deictic2(m: re.Match[str], text: str) -> Candidate | None:
    if m["w"]:
        return _deictic(m, text)
    word = m["w2"].lower()
    part = _LEX.parts_of_day[m["pod2"].lower()]
    if word == "last" and part != "NI":
        return None
    return Candidate(m.start(), m.end(), "deictic", _day_time(_DEICTIC[word], part, word))
