"""Rules for durations ("three days", "a decade", "18 months", "the past two years", "two-year"),
frequencies ("daily", "every Tuesday", "twice a year") and clock times ("10:30 a.m.", "noon",
"1400 hours"). Durations and sets carry a TIMEX3 value and no interval; a clock time takes the
publication day unless a date next to it gives another.
"""

from __future__ import annotations

import re

from transforms.dates.grammar import (
    NUMBER,
    PART_OF_DAY,
    UNIT,
    VAGUE,
    WEEKDAY,
    Rule,
    compile_rule,
    unit_of,
    weekday_number,
    word_ok,
)
from transforms.dates.lexicon import alternation, lexicon
from transforms.dates.resolution import Candidate, Context, Resolved, Resolver, fixed
from transforms.dates.timex import duration_value

__all__ = ["DURATION_RULES", "clock_resolver"]

_LEX = lexicon()


def _duration(m: re.Match[str], text: str) -> Candidate | None:
    unit = unit_of(m["unit"])
    spec = _LEX.units.get(unit)
    if spec is None or (m["unit"].lower() == "second" and m["num"] is None):
        return None
    if m["half"]:
        amount: float | None = 0.5
    elif m["num"]:
        amount = _LEX.number(m["num"])
        if amount is None:
            return None
        if m["andhalf"] or m["andhalf2"]:
            amount += 0.5
        if amount <= 0 or amount > 100_000:
            return None
    else:
        amount = None
    plural = m["unit"].lower().endswith(("s", "centuries"))
    if plural and m["adj"] and amount == 1:
        return None  # "a decades-long feud": the adjective alone is the duration
    if amount == 1 and plural and not m["adj"]:
        return None
    if _AGE.match(text, m.end()) or (
        m["num"] and m["num"].lower() in ("a", "an") and _RATE.search(text, max(0, m.start() - 30), m.start())
    ):
        return None  # an age ("a 20-year-old", "52 years old"), or a rate ("700 seats a week", "$1.76 a year")
    if (
        unit == "quarter"
        and m["num"]
        and (_FRACTION.match(text, m.end()) or "-" in text[m.start("unit") - 1 : m.start("unit")])
    ):
        return None  # a fraction ("a quarter of its tanks", "three-quarters")
    if unit == "second" and amount == 1 and not _FOR_A_SECOND.search(text, max(0, m.start() - 12), m.start()):
        return None  # an ordinal ("a second group", "a second strike")
    value = duration_value(amount, spec.code, time=spec.time)
    granularity = spec.granularity or None
    return Candidate(m.start(), m.end(), "duration", fixed("DURATION", value, granularity))  # type: ignore[arg-type]


def _bare_plural(m: re.Match[str], text: str) -> Candidate | None:
    unit = unit_of(m["unit"])
    spec = _LEX.units.get(unit)
    if spec is None:
        return None
    start, end = m.span("unit")
    return Candidate(start, end, "duration", fixed("DURATION", duration_value(None, spec.code, time=spec.time)))


def _set_word(m: re.Match[str], text: str) -> Candidate | None:
    if m["w"].lower() == "daily" and _AVERAGE.search(text, max(0, m.start() - 9), m.start()):
        return None  # a statistic ("average daily volume"), not a frequency of events
    return Candidate(m.start(), m.end(), "set", fixed("SET", _LEX.sets[m["w"].lower()]))


def _every(m: re.Match[str], text: str) -> Candidate | None:
    if m["wd"]:
        if not word_ok(m["wd"]):
            return None
        value = f"XXXX-WXX-{weekday_number(m['wd'])}"
    elif m["pod"]:
        value = f"XXXX-XX-XXT{_LEX.parts_of_day[m['pod'].lower()]}"
    else:
        spec = _LEX.units.get(unit_of(m["unit"]))
        if spec is None:
            return None
        amount = _LEX.number(m["num"]) if m["num"] else 1.0
        value = duration_value(amount if not m["other"] else 2.0, spec.code, time=spec.time)
    start, end = m.span("x") if m["x"] else m.span()
    return Candidate(start, end, "set", fixed("SET", value))


def clock_resolver(hour: int, minute: int) -> Resolver:
    """Resolver of a clock time on the publication day (``2019-11-21T10:30``)."""
    clock = f"T{hour:02d}:{minute:02d}"

    def resolve(ctx: Context) -> Resolved:
        if ctx.published is None:
            return Resolved("TIME", f"XXXX-XX-XX{clock}", granularity="minute")
        day = ctx.published
        return Resolved("TIME", f"{day.isoformat()}{clock}", day, day, "minute", None, "publication", day)

    return resolve


def _clock(m: re.Match[str], text: str) -> Candidate | None:
    if m["word"]:
        hour, minute = (24, 0) if m["word"].lower() == "midnight" else (12, 0)
    elif m["mil"]:
        hour, minute = int(m["mil"][:2]), int(m["mil"][2:])
    else:
        hour, minute = int(m["h"]), int(m["mi"] or 0)
        ampm = (m["ap"] or "").lower().replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if not ampm and not m["mi"]:
            return None
    if hour > 24 or minute > 59:
        return None
    return Candidate(m.start(), m.end(), "clock", clock_resolver(hour, minute))


_RATE = re.compile(r"(?:\d|\b\w+s|\bdollars?|\bcents?)\s+$", re.IGNORECASE)
_AGE = re.compile(r"-old(?!\w)|\s+old(?!\w)|\s+of\s+age(?!\w)", re.IGNORECASE)
_FRACTION = re.compile(r"s?\s+of\s+(?!(?:a|the)\s+century)", re.IGNORECASE)
_FOR_A_SECOND = re.compile(r"(?:for|in|within|than|about|only|just|split)\s+$", re.IGNORECASE)
_AVERAGE = re.compile(r"average\s+$", re.IGNORECASE)
_NUM = rf"(?:(?P<num>{NUMBER})|(?P<vague>{VAGUE}))"
_LEAD = (
    r"(?:(?:the|these|those|its|their|his|her|our)\s+)?(?:(?:past|last|next|coming|first|final|previous|"
    r"following|latest|remaining|initial|same|further|additional|another|other|more)\s+)?"
)
_CLOCK_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_EXTRA = r"(?:more|additional|extra|further|straight|consecutive|full|whole|trading|business|working|calendar)"
_TZ = r"(?:\s+(?:[ECMP][SD]?T|GMT|UTC|Zulu|local(?:\s+time)?))?"

DURATION_RULES: tuple[Rule, ...] = (
    compile_rule(
        "duration",
        rf"(?<![\w$€£-]){_LEAD}(?:{_NUM}(?P<andhalf>\s+and\s+a\s+half|\s+1/2|\s?½)?(?:[\s-]+{_EXTRA}){{0,2}}[\s-]+"
        rf"|(?P<half>half\s+an?|half-an?)\s+)(?P<unit>{UNIT})(?P<adj>-long)?(?P<andhalf2>\s+and\s+a\s+half)?(?!\w)",
        _duration,
    ),
    compile_rule(
        "bare_plural",
        r"(?<!\w)(?:for|in|over|within|after|lasting|than|took|takes|take)\s+"
        r"(?:(?:many|several|some|the\s+past|the\s+last|the\s+next|the\s+coming|recent)\s+)?"
        r"(?P<unit>years|decades|months|weeks|days|centuries|hours)(?!\w)",
        _bare_plural,
    ),
    compile_rule("long_adj", rf"(?<![\w-])(?P<unit>{UNIT})-long(?!\w)", lambda m, t: _long_adj(m, t)),
    compile_rule("set_word", rf"(?<![\w-])(?P<w>{alternation(_LEX.sets)})(?![\w-])", _set_word),
    compile_rule(
        "every",
        rf"(?<!\w)(?:every|each)\s+(?P<other>other\s+)?(?:(?P<num>{NUMBER})\s+)?"
        rf"(?:(?P<wd>{WEEKDAY})|(?P<pod>{PART_OF_DAY})|(?P<unit>{UNIT}))"
        rf"|(?<!\w)(?:once|twice|thrice|(?:{NUMBER})\s+times)\s+(?P<x>(?:a|an|per|each)\s+"
        rf"(?P<unit2>day|week|month|year|quarter|hour))(?!\w)",
        lambda m, t: _every_or_times(m, t),
    ),
    compile_rule(
        "clock",
        rf"(?<![\w:.])(?:(?P<h>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.m\.|[ap]\.m(?!\w)|[ap]m(?!\w))"
        rf"|(?P<h24>)(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)(?![\d:])"
        rf"|(?P<mil>(?:[01]\d|2[0-3])[0-5]\d)\s*(?:hours|hrs|Z)(?!\w)|(?P<word>noon|midnight|midday)(?!\w)"
        rf"|(?P<oh>1[0-2]|[1-9])(?:\s+o['’]clock)?\s+in\s+the\s+(?P<pp>morning|afternoon|evening|night)(?!\w)"
        rf"|(?P<oc>1[0-2]|[1-9]|{_CLOCK_WORDS})\s+o['’]clock(?!\w)){_TZ}",
        lambda m, t: _clock_any(m, t),
    ),
)


def _every_or_times(m: re.Match[str], text: str) -> Candidate | None:
    if m["x"]:
        spec = _LEX.units.get(m["unit2"].lower())
        if spec is None:
            return None
        start, end = m.span("x")
        return Candidate(start, end, "set", fixed("SET", duration_value(1, spec.code, time=spec.time)), priority=1)
    return _every(m, text)


def _long_adj(m: re.Match[str], text: str) -> Candidate | None:
    """ "a day-long meeting" (P1D), "a decades-long battle" (PXY)."""
    word = m["unit"].lower()
    spec = _LEX.units.get(unit_of(word))
    if spec is None:
        return None
    amount = None if word.endswith(("s", "centuries")) else 1.0
    value = duration_value(amount, spec.code, time=spec.time)
    return Candidate(m.start(), m.end(), "duration", fixed("DURATION", value))


def _clock_any(m: re.Match[str], text: str) -> Candidate | None:
    if m["oh"] is not None or m["oc"] is not None:
        word = (m["oh"] or m["oc"]).lower()
        hour = int(word) if word.isdigit() else _CLOCK_WORDS.split("|").index(word) + 1
        part = (m["pp"] or "").lower()
        if part in ("afternoon", "evening") or (part == "night" and hour >= 6):
            hour = hour % 12 + 12
        elif part == "morning" or part == "night":
            hour = hour % 12
        return Candidate(m.start(), m.end(), "clock", clock_resolver(hour, 0))
    if m["h2"] is not None:
        return Candidate(m.start(), m.end(), "clock", clock_resolver(int(m["h2"]), int(m["mi2"])))
    return _clock(m, text)
