"""The record of one temporal expression found in an article's text.

``TemporalExpression`` mirrors the non-flow columns of ``schemas.tables.TEMPORAL_EXPRESSIONS`` (the flow
adds ``article_id``, ``revision``, ``sentence`` and ``run_id`` when it builds rows). Values follow
TIMEX3 (TimeML): ``2019-11-21``, ``2019-11``, ``2019-W47``, ``2019-Q3``, ``2019-SU``, ``199`` (a decade),
``19`` (a century), ``P3D`` (a duration), ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``, ``XXXX-11-21``
(a partial date that could not be resolved); a range is written ``<start>/<end>`` (ISO 8601 interval).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

__all__ = ["TemporalExpression", "TimexType", "Granularity", "TimexMod", "Anchor"]

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Granularity = Literal[
    "minute", "hour", "day", "week", "month", "quarter", "half", "season", "year", "decade", "century"
]
TimexMod = Literal[
    "BEFORE",
    "AFTER",
    "ON_OR_BEFORE",
    "ON_OR_AFTER",
    "START",
    "MID",
    "END",
    "APPROX",
    "LESS_THAN",
    "MORE_THAN",
    "EQUAL_OR_LESS",
    "EQUAL_OR_MORE",
]
Anchor = Literal["publication", "text", "none"]


@dataclass(frozen=True, slots=True)
class TemporalExpression:
    """One date, time, duration or set expression: where it is, what it says, and the interval it denotes.

    ``start``/``end`` are character offsets into the text (end exclusive) and ``text`` is exactly
    ``text[start:end]``. ``start_date``/``end_date`` bound the denoted interval, inclusive ("in July 2021"
    is 2021-07-01..2021-07-31); both are None for durations, sets, vague references and dates that
    could not be resolved. ``anchor`` says what a relative or partial expression was resolved against:
    the publication date, another date in the text, or nothing (an absolute date, or no anchor known);
    ``anchor_date`` is that date.
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    granularity: Granularity | None = None
    mod: TimexMod | None = None
    anchor: Anchor = "none"
    anchor_date: dt.date | None = None
