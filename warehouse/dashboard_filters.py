"""The dashboard's filter bar as a value, and the SQL conditions it gives.

``Filters`` is what every ``/api/*`` request carries (a date range, a source, an entity); ``filter_sql``
turns it into a parameterised condition on a mart's day and source columns, and ``entity_articles``
into a CTE of the articles that mention the entity. ``volume_bin`` picks the bin of a time series
(day, week or month) from the length of its range.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

__all__ = [
    "Filters",
    "Bin",
    "Scope",
    "filter_sql",
    "entity_articles",
    "entity_scope",
    "volume_bin",
    "choice",
    "DAY_BINS_UP_TO",
    "WEEK_BINS_UP_TO",
]

Bin = Literal["day", "week", "month"]
Scope = Literal["all", "military", "other"]
_FAR_PAST = dt.date(1000, 1, 1)
_FAR_FUTURE = dt.date(2999, 12, 31)
DAY_BINS_UP_TO = 120  # days: a range up to four months is drawn by day,
WEEK_BINS_UP_TO = 731  # up to two years by week, a longer one by month


def volume_bin(first: dt.date, last: dt.date) -> Bin:
    """The bin of a time series over ``first``..``last``: day, week (from Monday) or month."""
    span = (last - first).days
    return "day" if span <= DAY_BINS_UP_TO else "week" if span <= WEEK_BINS_UP_TO else "month"


def choice(value: str | None, allowed: tuple[str, ...], field: str) -> str:
    """``value`` if it is one of ``allowed`` (the first when blank), else a ValueError naming the field."""
    if not value:
        return allowed[0]
    if value not in allowed:
        raise ValueError(f"{field}: {value!r} is not one of {', '.join(allowed)}")
    return value


@dataclass(frozen=True)
class Filters:
    """What the page's filter bar says: a date range (inclusive), one source, one entity, or none."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    source: str | None = None
    entity: str | None = None

    @classmethod
    def parse(cls, params: dict[str, str]) -> Filters:
        """From query parameters ``from``, ``to`` (YYYY-MM-DD), ``source``, ``entity``; blanks are none."""

        def date(key: str) -> dt.date | None:
            text = (params.get(key) or "").strip()
            return dt.date.fromisoformat(text) if text else None

        return cls(
            date("from"),
            date("to"),
            (params.get("source") or "").strip() or None,
            (params.get("entity") or "").strip() or None,
        )

    @property
    def lo(self) -> dt.date:
        return self.date_from or _FAR_PAST

    @property
    def hi(self) -> dt.date:
        return self.date_to or _FAR_FUTURE


def filter_sql(f: Filters, day: str = "day", alias: str = "") -> tuple[str, list[Any]]:
    """The date and source conditions, with their parameters."""
    p = f"{alias}." if alias else ""
    sql = f"{p}{day} BETWEEN ? AND ?"
    params: list[Any] = [f.lo, f.hi]
    if f.source:
        sql += f" AND {p}source_name = ?"
        params.append(f.source)
    return sql, params


def entity_articles(f: Filters) -> tuple[str, list[Any]]:
    """A CTE ``arts`` of the article ids that mention the filter's entity within the date/source filter."""
    where, params = filter_sql(f)
    return f"arts AS (SELECT DISTINCT article_id FROM article_entities WHERE entity_id = ? AND {where})", [
        f.entity,
        *params,
    ]


def entity_scope(f: Filters, params: list[Any]) -> tuple[str, str, list[Any]]:
    """The CTE and the condition that keep the articles naming the filter's entity (none without one), and
    ``params`` with the CTE's parameters first, in the order the query takes them."""
    if not f.entity:
        return "", "", params
    cte_sql, cparams = entity_articles(f)
    return f"WITH {cte_sql} ", " AND article_id IN (SELECT article_id FROM arts)", [*cparams, *params]
