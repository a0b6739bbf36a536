"""The dashboard's questions, answered from the materialized marts with parameterised SQL.

Every answer reads a mart that ``refresh_catalog`` stored sorted by date, so a date filter skips row
groups, and none touches the lake's Parquet files. The entity filter narrows to the articles that
mention the entity (``article_entities`` is stored sorted by day and article, so that a date window
prunes both the look-up and the co-mention scan). The catalog is opened read-only and reopened when an ingest renames a new one into place.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import duckdb

from warehouse.storage import attach_storage

__all__ = ["Filters", "DashboardData", "CASUALTY_EVENTS"]

CASUALTY_EVENTS = ("killed", "wounded", "captured", "missing", "casualties")
_FAR_PAST = dt.date(1000, 1, 1)
_FAR_FUTURE = dt.date(2999, 12, 31)
TOP_PER_TYPE = 10
MAX_ROWS = 50


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

        return cls(date("from"), date("to"), (params.get("source") or "").strip() or None,
                   (params.get("entity") or "").strip() or None)

    @property
    def lo(self) -> dt.date:
        return self.date_from or _FAR_PAST

    @property
    def hi(self) -> dt.date:
        return self.date_to or _FAR_FUTURE


def _where(f: Filters, day: str = "day", alias: str = "") -> tuple[str, list[Any]]:
    """The date and source conditions, with their parameters."""
    p = f"{alias}." if alias else ""
    sql = f"{p}{day} BETWEEN ? AND ?"
    params: list[Any] = [f.lo, f.hi]
    if f.source:
        sql += f" AND {p}source_name = ?"
        params.append(f.source)
    return sql, params


def _entity_articles(f: Filters) -> tuple[str, list[Any]]:
    """A CTE ``arts`` of the article ids that mention the filter's entity within the date/source filter."""
    where, params = _where(f)
    return f"arts AS (SELECT DISTINCT article_id FROM article_entities WHERE entity_id = ? AND {where})", [f.entity, *params]


class DashboardData:
    """Read-only answers for the dashboard over one catalog file."""

    def __init__(self, catalog: Path) -> None:
        self.catalog = catalog
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._stamp: tuple[int, int] | None = None

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        st = os.stat(self.catalog)
        stamp = (st.st_ino, st.st_mtime_ns)
        with self._lock:
            if self._con is None or stamp != self._stamp:
                if self._con is not None:
                    self._con.close()
                self._con = duckdb.connect(str(self.catalog), read_only=True)
                self._con.execute("SET TimeZone = 'UTC'")
                attach_storage(self._con)  # marts are local tables; views over an object store need this
                self._stamp = stamp
            return self._con.cursor()

    def _rows(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        cur = self._cursor()
        try:
            result = cur.execute(sql, params)
            names = [d[0] for d in result.description or ()]
            return [dict(zip(names, row)) for row in result.fetchall()]
        finally:
            cur.close()

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None

    # -- answers ------------------------------------------------------------------------------------

    def meta(self) -> dict[str, Any]:
        """Sources, the date span, totals and the most mentioned entities (for the filter bar)."""
        span = self._rows("SELECT min(day) AS first, max(day) AS last, CAST(sum(articles) AS BIGINT) AS articles "
                          "FROM articles_daily", [])[0]
        sources = [r["source_name"] for r in self._rows(
            "SELECT source_name FROM articles_daily WHERE source_name IS NOT NULL GROUP BY 1 ORDER BY 1", [])]
        entities = self._rows("SELECT entity_id, canonical_name, entity_type, mentions FROM entity_summary "
                              "ORDER BY mentions DESC, entity_id LIMIT 300", [])
        return {"first_day": span["first"], "last_day": span["last"], "articles": span["articles"] or 0,
                "sources": sources, "entities": entities}

    def volume(self, f: Filters) -> dict[str, Any]:
        """Articles per day (those mentioning the entity, when one is chosen)."""
        where, params = _where(f)
        if f.entity:
            rows = self._rows(f"SELECT day, CAST(sum(articles) AS BIGINT) AS articles FROM entity_mentions_daily "
                              f"WHERE entity_id = ? AND {where} GROUP BY day ORDER BY day", [f.entity, *params])
        else:
            rows = self._rows(f"SELECT day, CAST(sum(articles) AS BIGINT) AS articles FROM articles_daily "
                              f"WHERE {where} GROUP BY day ORDER BY day", params)
        return {"days": rows, "total": sum(r["articles"] for r in rows)}

    def top_entities(self, f: Filters) -> list[dict[str, Any]]:
        """The most mentioned entities of each type (those co-mentioned with the entity, when one is chosen)."""
        where, params = _where(f)
        if f.entity:
            cte, cparams = _entity_articles(f)
            sql = (f"WITH {cte} SELECT entity_type, entity_id, any_value(canonical_name) AS canonical_name, "
                   f"CAST(sum(mentions) AS BIGINT) AS mentions FROM article_entities "
                   f"WHERE entity_id <> ? AND {where} AND article_id IN (SELECT article_id FROM arts) GROUP BY ALL")
            params = [*cparams, f.entity, *params]
        else:
            sql = (f"SELECT entity_type, entity_id, any_value(canonical_name) AS canonical_name, "
                   f"CAST(sum(mentions) AS BIGINT) AS mentions FROM entity_mentions_daily WHERE {where} GROUP BY ALL")
        return self._rows(f"SELECT * FROM ({sql}) QUALIFY row_number() OVER (PARTITION BY entity_type "
                          f"ORDER BY mentions DESC, canonical_name) <= {TOP_PER_TYPE} "
                          f"ORDER BY entity_type, mentions DESC, canonical_name", params)

    def countries(self, f: Filters) -> list[dict[str, Any]]:
        """Mentions per country (ISO alpha-3); by month without an entity, by day with one."""
        if f.entity:
            cte, cparams = _entity_articles(f)
            where, params = _where(f)
            return self._rows(
                f"WITH {cte} SELECT country_iso3, CAST(sum(mentions) AS BIGINT) AS mentions, "
                f"count(DISTINCT article_id) AS articles FROM article_entities WHERE entity_type IN ('GPE', 'LOC') "
                f"AND country_iso3 IS NOT NULL AND {where} AND article_id IN (SELECT article_id FROM arts) "
                f"GROUP BY 1 ORDER BY mentions DESC", [*cparams, *params])
        lo = f.lo.replace(day=1)
        where, params = _where(Filters(lo, f.hi, f.source), day="month")
        return self._rows(f"SELECT country_iso3, CAST(sum(mentions) AS BIGINT) AS mentions, "
                          f"CAST(sum(articles) AS BIGINT) AS articles FROM countries_monthly WHERE {where} "
                          f"GROUP BY 1 ORDER BY mentions DESC", params)

    def casualties(self, f: Filters) -> dict[str, Any]:
        """Casualty claims per day and event, and the latest claims with their articles."""
        where, params = _where(f)
        cte, ent = "", ""
        if f.entity:
            cte_sql, cparams = _entity_articles(Filters(source=f.source, entity=f.entity))
            cte, ent = f"WITH {cte_sql} ", " AND (entity_id = ? OR article_id IN (SELECT article_id FROM arts))"
            params = [*cparams, *params, f.entity]
        series = self._rows(f"{cte}SELECT day, event, sum(value) AS value, count(*) AS claims FROM quantity_claims "
                            f"WHERE is_casualty AND {where}{ent} GROUP BY ALL ORDER BY day, event", params)
        claims = self._rows(f"{cte}SELECT day, event, value, low, high, claim_text, counted_object, entity_name, "
                            f"title, url, source_name FROM quantity_claims WHERE is_casualty AND {where}{ent} "
                            f"ORDER BY day DESC, article_id, start_offset LIMIT {MAX_ROWS}", params)
        return {"series": series, "claims": claims}

    def search(self, f: Filters, q: str) -> list[dict[str, Any]]:
        """Current articles whose title or text contains ``q`` (case-insensitive), newest first.

        Newest first with a row limit lets the search stop early: it looks at the last month of the
        filtered range, then the last year, then all of it, and stops as soon as a window fills the
        page. ``article_index`` is stored sorted by day, so a window reads only its own row groups; a
        term that is rare over the whole range still reads everything once more (about 1.1x one scan).
        """
        if not q.strip():
            return []
        term = q.strip()
        special = any(c in term for c in "%_\\")  # ESCAPE makes DuckDB's ILIKE about 2.4x slower: only when needed
        pattern = "%" + (term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") if special else term) + "%"
        newest = self._rows("SELECT max(day) AS day FROM article_index", [])[0]["day"]
        if newest is None:
            return []
        end = min(f.hi, newest)
        rows: list[dict[str, Any]] = []
        for days in (31, 366, None):
            start = f.lo if days is None else max(f.lo, end - dt.timedelta(days=days))
            rows = self._search_window(replace(f, date_from=start, date_to=end), pattern, escaped=special)
            if len(rows) >= MAX_ROWS or start <= f.lo:
                break
        return rows

    def _search_window(self, f: Filters, pattern: str, *, escaped: bool) -> list[dict[str, Any]]:
        where, params = _where(f)
        escape = " ESCAPE '\\'" if escaped else ""
        cte, ent = "", ""
        if f.entity:
            cte_sql, cparams = _entity_articles(f)
            cte, ent = f"WITH {cte_sql} ", " AND article_id IN (SELECT article_id FROM arts)"
            params = [*cparams, *params]
        return self._rows(
            f"{cte}SELECT day, article_id, title, url, source_name, left(text, 240) AS snippet FROM article_index "
            f"WHERE {where}{ent} AND (title ILIKE ?{escape} OR text ILIKE ?{escape}) "
            f"ORDER BY day DESC, article_id LIMIT {MAX_ROWS}", [*params, pattern, pattern])

    def entities(self, prefix: str) -> list[dict[str, Any]]:
        """Entities whose name contains ``prefix``, most mentioned first (the entity filter's suggestions)."""
        return self._rows("SELECT entity_id, canonical_name, entity_type, mentions FROM entity_summary "
                          "WHERE canonical_name ILIKE ? ORDER BY mentions DESC, entity_id LIMIT 20",
                          ["%" + prefix.strip() + "%"])
