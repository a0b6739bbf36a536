"""Calendar arithmetic behind TIMEX3 values: periods (a day, week, month, quarter, half, season, year,
decade, century), the interval each denotes, shifting them, and duration values.

A ``Period`` is a calendar unit named by its granularity and its first day; its ``value`` is the TIMEX3
string (``2019-11-21``, ``2019-W47``, ``2019-11``, ``2019-Q3``, ``2019-H1``, ``2019-SU``, ``2019``,
``199``, ``19``) and ``start``/``end`` bound it inclusively. Seasons are the meteorological ones of the
northern hemisphere; winter of a year runs from its December to the next February. Nothing here reads
the clock: every resolution is relative to a date passed in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from schemas.temporal import Granularity

__all__ = [
    "Period",
    "period_of",
    "day_period",
    "month_period",
    "quarter_period",
    "season_period",
    "year_period",
    "duration_value",
    "easter",
    "nth_weekday",
    "MIN_YEAR",
    "MAX_YEAR",
]

MIN_YEAR = 1000
MAX_YEAR = 2999
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_SEASON_OF_MONTH = {
    12: "WI",
    1: "WI",
    2: "WI",
    3: "SP",
    4: "SP",
    5: "SP",
    6: "SU",
    7: "SU",
    8: "SU",
    9: "FA",
    10: "FA",
    11: "FA",
}
_MONTHS_IN = {"month": 1, "quarter": 3, "half": 6, "season": 3, "year": 12, "decade": 120, "century": 1200}


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def _valid_year(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


@dataclass(frozen=True, slots=True)
class Period:
    """One calendar unit: ``granularity`` and its first day ``start``."""

    granularity: Granularity
    start: dt.date

    @property
    def end(self) -> dt.date:
        """The last day of the period (inclusive)."""
        if self.granularity in ("day", "hour", "minute"):
            return self.start
        if self.granularity == "week":
            return self.start + dt.timedelta(days=6)
        year, month = _add_months(self.start.year, self.start.month, _MONTHS_IN[self.granularity])
        return dt.date(year, month, 1) - dt.timedelta(days=1)

    @property
    def value(self) -> str:
        """The TIMEX3 value of the period."""
        s, g = self.start, self.granularity
        if g in ("day", "hour", "minute"):
            return s.isoformat()
        if g == "week":
            iso = s.isocalendar()
            return f"{iso.year:04d}-W{iso.week:02d}"
        if g == "month":
            return f"{s.year:04d}-{s.month:02d}"
        if g == "quarter":
            return f"{s.year:04d}-Q{(s.month - 1) // 3 + 1}"
        if g == "half":
            return f"{s.year:04d}-H{(s.month - 1) // 6 + 1}"
        if g == "season":
            return f"{s.year:04d}-{_SEASON_OF_MONTH[s.month]}"
        if g == "year":
            return f"{s.year:04d}"
        if g == "decade":
            return f"{s.year // 10:03d}"
        return f"{s.year // 100:02d}"

    def shift(self, n: int) -> Period | None:
        """The period ``n`` units later (earlier when negative), or None outside the supported years."""
        g = self.granularity
        if g in ("day", "hour", "minute", "week"):
            try:
                start = self.start + dt.timedelta(days=n * (7 if g == "week" else 1))
            except OverflowError:
                return None
            return Period(g, start) if _valid_year(start.year) else None
        year, month = _add_months(self.start.year, self.start.month, n * _MONTHS_IN[g])
        if not _valid_year(year):
            return None
        return Period(g, dt.date(year, month, 1))


def period_of(day: dt.date, granularity: Granularity) -> Period:
    """The period of ``granularity`` holding ``day``."""
    g = granularity
    if g in ("day", "hour", "minute"):
        return Period(g, day)
    if g == "week":
        return Period(g, day - dt.timedelta(days=day.weekday()))
    if g == "month":
        return Period(g, day.replace(day=1))
    if g == "quarter":
        return Period(g, dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1))
    if g == "half":
        return Period(g, dt.date(day.year, 1 if day.month <= 6 else 7, 1))
    if g == "season":
        start_month = _SEASON_START[_SEASON_OF_MONTH[day.month]]
        year = day.year - 1 if day.month < start_month else day.year
        return Period(g, dt.date(year, start_month, 1))
    if g == "year":
        return Period(g, dt.date(day.year, 1, 1))
    if g == "decade":
        return Period(g, dt.date(max(day.year // 10 * 10, MIN_YEAR), 1, 1))
    return Period(g, dt.date(max(day.year // 100 * 100, MIN_YEAR), 1, 1))


def day_period(year: int, month: int, day: int) -> Period | None:
    """The day ``year-month-day``, or None when it is not a calendar date in the supported years."""
    if not _valid_year(year):
        return None
    try:
        return Period("day", dt.date(year, month, day))
    except ValueError:
        return None


def month_period(year: int, month: int) -> Period | None:
    return Period("month", dt.date(year, month, 1)) if _valid_year(year) and 1 <= month <= 12 else None


def quarter_period(year: int, quarter: int) -> Period | None:
    return Period("quarter", dt.date(year, quarter * 3 - 2, 1)) if _valid_year(year) and 1 <= quarter <= 4 else None


def season_period(year: int, season: str) -> Period | None:
    return Period("season", dt.date(year, _SEASON_START[season], 1)) if _valid_year(year) else None


def year_period(year: int) -> Period | None:
    return Period("year", dt.date(year, 1, 1)) if _valid_year(year) else None


def duration_value(amount: float | None, code: str, *, time: bool = False) -> str:
    """TIMEX3 duration: ``P3D``, ``P18M``, ``PT5H``, ``P10Y`` for a decade, ``PXD`` for a vague amount."""
    multiplier = {"DE": 10, "CE": 100, "W2": 2}.get(code, 1)
    letter = {"DE": "Y", "CE": "Y", "W2": "W", "Q": "M"}.get(code, code)
    if code == "Q":
        multiplier = 3
    if code == "WE":
        return "P1WE" if amount in (None, 1) else f"P{_num(amount * 2 if amount else None)}D"
    prefix = "PT" if time else "P"
    if amount is None:
        return f"{prefix}X{letter}"
    total = amount * multiplier
    if not float(total).is_integer() and letter in _SPLIT:
        lower, per = ("S", 60) if time and letter == "M" else _SPLIT[letter]
        whole, rest = int(total), round((total - int(total)) * per)
        head = f"{prefix}{whole}{letter}" if whole else prefix
        return f"{head}{'T' if letter == 'D' else ''}{rest}{lower}"
    return f"{prefix}{_num(total)}{letter}"


_SPLIT = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60)}


def _num(amount: float | None) -> str:
    if amount is None:
        return "X"
    return str(int(amount)) if float(amount).is_integer() else f"{amount:g}"


def easter(year: int) -> dt.date:
    """Western Easter Sunday of ``year`` (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th (1-based; -1 for the last) ISO ``weekday`` (1 = Monday) of a month."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    next_year, next_month = _add_months(year, month, 1)
    last = dt.date(next_year, next_month, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
