"""Temporal expressions of a text: ``extract_dates`` finds every date, time, duration and frequency and
resolves it to a TIMEX3 value and the interval it denotes.

Pipeline: every rule of the grammar (``transforms.dates.rules``) proposes candidate spans; overlaps are settled
longest first; modifiers, ranges and clock times are attached (``combine``); then the candidates
are resolved in text order against the publication date, the tense of their sentence (``tense``) and
the last date the text named (for "a year earlier", "the next day"). Pure: no clock, no environment.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from schemas.temporal import TemporalExpression
from transforms.dates.combine import attach_mods, join_ranges, join_times, select
from transforms.dates.grammar import Rule
from transforms.dates.lexicon import lexicon
from transforms.dates.resolution import Candidate, Context
from transforms.dates.rules.business import BUSINESS_RULES
from transforms.dates.rules.calendar import CALENDAR_RULES
from transforms.dates.rules.deictic import DEICTIC_RULES
from transforms.dates.rules.duration import DURATION_RULES
from transforms.dates.rules.holidays import HOLIDAY_RULES
from transforms.dates.rules.quarters import QUARTER_RULES
from transforms.dates.rules.range import RANGE_RULES
from transforms.dates.rules.relative import RELATIVE_RULES
from transforms.dates.rules.years import YEAR_RULES
from transforms.dates.tense import Tense, tense_at
from transforms.dates.timex import Period
from transforms.sentences import sentence_index, split_sentences

__all__ = ["extract_dates", "TemporalExpression"]

_REFERENCE_GRANULARITIES = frozenset({"day", "week", "month", "quarter", "half", "season", "year"})
_NEEDS_TENSE = frozenset(
    {
        "month_day",
        "day_month",
        "month",
        "season",
        "holiday",
        "weekday",
        "range",
        "datetime",
        "relative",
        "day_range",
        "year_end",
        "quarter",
    }
)


@lru_cache(maxsize=1)
def _rules() -> tuple[Rule, ...]:
    return (
        CALENDAR_RULES
        + YEAR_RULES
        + QUARTER_RULES
        + HOLIDAY_RULES
        + RANGE_RULES
        + DEICTIC_RULES
        + RELATIVE_RULES
        + DURATION_RULES
        + BUSINESS_RULES
    )


_TEENS = ("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_DIGIT = "<digit>"
"""The cue of rules that need a digit."""


@lru_cache(maxsize=1)
def _cues() -> dict[str, frozenset[str]]:
    """For the costly rules, the words one of which every match of the rule contains (or ``_DIGIT``).
    A paragraph holding none of them cannot hold a match, so the rule skips it: most paragraphs name
    no month, weekday or season. A cue may admit more than the rule; never less."""
    lex = lexicon()
    month = frozenset(lex.months)
    units = frozenset([*lex.units, *(u + "s" for u in lex.units), "centuries"])
    digit = frozenset([_DIGIT])
    cues = {
        "month_day": month,
        "day_month": month,
        "month_year": month,
        "month": month,
        "second_day": month,
        "day_range": month,
        "weekday": frozenset(lex.weekdays),
        "season": frozenset(lex.seasons),
        "ago": frozenset({"ago", "earlier", "later", "now", "hence", "back"}),
        "duration": units,
        "iso": digit,
        "numeric": digit,
        "year_range": digit,
        "quarter_code": digit,
        "clock": frozenset({_DIGIT, "noon", "midnight", "midday", "clock"}),
        "year": frozenset({_DIGIT, "thousand", "twenty", *_TEENS}),
        "decade": frozenset(
            {_DIGIT, "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"}
        ),
        "century": frozenset({"century"}),
        "quarter": frozenset({"quarter", "half"}),
        "relative": units,
        "long_adj": units,
        "bare_plural": units,
        "holiday": frozenset(_WORD.findall(key)[0] for key in lex.holidays),
        "year_quarter": digit,
        "the_quarter": frozenset({"quarter", "period"}),
        "deictic": frozenset({"today", "yesterday", "tomorrow", "tonight", *lex.parts_of_day}),
        "year_ago": frozenset({"year", "months"}),
        "that_unit": frozenset({"day", "week", "month", "quarter", "year"}),
        "weekend": frozenset({"weekend"}),
        "year_end": frozenset({"year"}),
        "year_ended": frozenset({"year"}),
        "year_under_discussion": frozenset({"year"}),
        "reference": frozenset(
            {"current", *(_WORD.findall(key)[-1] for key in lex.references)}
        ),  # a phrase's last word
        "set_word": frozenset(lex.sets),
        "every": frozenset({"every", "each", "once", "twice", "thrice", "times"}),
    }
    return cues


_WORD = re.compile(r"[^\W\d_]+|\d")


def _paragraphs(text: str) -> list[tuple[int, int, frozenset[str]]]:
    """The non-blank lines of ``text`` with the lower-cased words each holds (``_DIGIT`` for digits)."""
    spans, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            words = {w if not w.isdigit() else _DIGIT for w in _WORD.findall(line.lower())}
            spans.append((start, start + len(line), frozenset(words)))
        start += len(line) + 1
    return spans


def _candidates(text: str) -> list[Candidate]:
    """Every rule's candidates. A rule with a cue runs only over the paragraphs holding its cue
    (with ``pos``/``endpos``, so look-behinds still see the text before the paragraph); a date never
    spans a line break of the cleaned text."""
    found: list[Candidate] = []
    paragraphs = _paragraphs(text)
    whole = [(0, len(text))]
    for rule in _rules():
        cue = _cues().get(rule.name)
        spans = whole if cue is None else [(a, b) for a, b, words in paragraphs if not cue.isdisjoint(words)]
        for start, end in spans:
            for match in rule.pattern.finditer(text, start, end):
                cand = rule.handler(match, text)
                if isinstance(cand, tuple):
                    found.extend(cand)
                elif cand is not None:
                    found.append(cand)
    return found


def extract_dates(text: str, *, published: dt.date | None, merge_ranges: bool = True) -> list[TemporalExpression]:
    """Temporal expressions of ``text``, sorted and non-overlapping, resolved against ``published``.

    ``merge_ranges=False`` keeps the two ends of a range as separate expressions (TimeML's convention).
    Offsets are character offsets, end exclusive: ``text[e.start:e.end] == e.text``. Never raises on
    any string.
    """
    if not text:
        return []
    chosen = attach_mods(text, select(_candidates(text), len(text)))
    if merge_ranges:
        chosen = join_ranges(text, chosen)
    chosen = join_times(text, chosen)
    sentences = split_sentences(text) if any(c.rule in _NEEDS_TENSE for c in chosen) else []
    reference: Period | None = None
    out: list[TemporalExpression] = []
    for cand in chosen:
        tense: Tense = "none"
        if published is not None and cand.rule in _NEEDS_TENSE and sentences:
            index = sentence_index(sentences, cand.start)
            if index is not None:
                sentence = sentences[index]
                tense = tense_at(text, cand.start, cand.end, sentence.start, sentence.end)
        resolved = cand.resolve(Context(published, tense, reference))
        if resolved is None:
            continue
        out.append(
            TemporalExpression(
                start=cand.start,
                end=cand.end,
                text=text[cand.start : cand.end],
                type=resolved.type,
                value=resolved.value,
                start_date=resolved.start_date,
                end_date=resolved.end_date,
                granularity=resolved.granularity,
                mod=resolved.mod,
                anchor=resolved.anchor,
                anchor_date=resolved.anchor_date,
            )
        )
        period = resolved.period
        if (
            resolved.type in ("DATE", "TIME")
            and resolved.anchor != "text"
            and period is not None
            and period.granularity in _REFERENCE_GRANULARITIES
        ):
            reference = period
    return out
