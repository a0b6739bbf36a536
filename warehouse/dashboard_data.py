"""The dashboard's questions, answered from the materialized marts with parameterised SQL.

Every answer reads a mart that ``refresh_catalog`` stored sorted by date, so a date filter skips row
groups, and none touches the lake's Parquet files. The entity filter narrows to the articles that
mention the entity (``article_entities`` is stored sorted by day and article, so that a date window
prunes both the look-up and the co-mention scan). The catalog is opened read-only and reopened when an
ingest renames a new one into place.

Articles with no publication date count on the day they were ingested (see ``article_days``); the volume
answers count them apart (``undated``), so that a batch of undated pages does not draw a spike. Time
series are binned by day, week or month as the range grows (:func:`volume_bin`). The map draws the
countries (``countries_monthly``) and, as points, the places the articles name (``article_places``: the
mentions the geocoder resolved), under the same filters. The panels beyond the first four (amounts,
co-mentions, weekly trends, dated events, the article list) are in
``warehouse.dashboard_panels``.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any, get_args

import duckdb

from warehouse.dashboard_filters import (
    Filters,
    Scope,
    choice,
    entity_articles as _entity_articles,
    entity_scope,
    filter_sql as _where,
    volume_bin,
)
from warehouse.dashboard_incidents import IncidentPanels
from warehouse.dashboard_panels import Panels
from warehouse.passages import passage_for_query
from warehouse.search_index import has_index, search as index_search
from warehouse.storage import attach_storage

__all__ = ["Filters", "DashboardData", "CASUALTY_EVENTS", "volume_bin"]

CASUALTY_EVENTS = ("killed", "wounded", "captured", "missing", "casualties")
TOP_PER_TYPE = 10
MAX_ROWS = 50
MAX_POINTS = 2000  # places drawn on the map at most


class DashboardData(Panels, IncidentPanels):
    """Read-only answers for the dashboard over one catalog file."""

    def __init__(self, catalog: Path, search_index: Path | None = None) -> None:
        self.catalog = catalog
        self.search_index = search_index
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
        span = self._rows(
            "SELECT min(day) AS first, max(day) AS last, CAST(sum(articles) AS BIGINT) AS articles FROM articles_daily",
            [],
        )[0]
        sources = [
            r["source_name"]
            for r in self._rows(
                "SELECT source_name FROM articles_daily WHERE source_name IS NOT NULL GROUP BY 1 ORDER BY 1", []
            )
        ]
        entities = self._rows(
            "SELECT entity_id, canonical_name, entity_type, mentions FROM entity_summary "
            "ORDER BY mentions DESC, entity_id LIMIT 300",
            [],
        )
        return {
            "first_day": span["first"],
            "last_day": span["last"],
            "articles": span["articles"] or 0,
            "sources": sources,
            "entities": entities,
        }

    def span(self, f: Filters) -> tuple[dt.date, dt.date] | None:
        """The filter's date range clipped to the days that have articles (None: no article at all)."""
        row = self._rows("SELECT min(day) AS first, max(day) AS last FROM articles_daily", [])[0]
        if row["first"] is None:
            return None
        return max(f.lo, row["first"]), min(f.hi, row["last"])

    def bin(self, f: Filters) -> str:
        """The bin of the filter's time series (see ``volume_bin``)."""
        span = self.span(f)
        return volume_bin(*span) if span and span[0] <= span[1] else "day"

    def volume(self, f: Filters) -> dict[str, Any]:
        """Articles per bin (those mentioning the entity, when one is chosen): ``days`` the dated ones by
        publication date, ``undated`` the ones without a publication date by the day they were ingested."""
        where, params = _where(f)
        size = self.bin(f)
        table, ent = ("entity_mentions_daily", "entity_id = ? AND ") if f.entity else ("articles_daily", "")
        rows = self._rows(
            f"SELECT CAST(date_trunc('{size}', day) AS DATE) AS day, "
            f"CAST(sum(articles - undated) AS BIGINT) AS dated, CAST(sum(undated) AS BIGINT) AS undated "
            f"FROM {table} WHERE {ent}{where} GROUP BY 1 ORDER BY 1",
            [f.entity, *params] if f.entity else params,
        )
        days = [{"day": r["day"], "articles": r["dated"]} for r in rows if r["dated"]]
        undated = [{"day": r["day"], "articles": r["undated"]} for r in rows if r["undated"]]
        undated_total = sum(r["articles"] for r in undated)
        return {
            "bin": size,
            "days": days,
            "undated": undated,
            "undated_total": undated_total,
            "total": sum(r["articles"] for r in days) + undated_total,
        }

    def top_entities(self, f: Filters) -> list[dict[str, Any]]:
        """The most mentioned entities of each type (those co-mentioned with the entity, when one is chosen)."""
        where, params = _where(f)
        if f.entity:
            cte, cparams = _entity_articles(f)
            sql = (
                f"WITH {cte} SELECT entity_type, entity_id, any_value(canonical_name) AS canonical_name, "
                f"CAST(sum(mentions) AS BIGINT) AS mentions FROM article_entities "
                f"WHERE entity_id <> ? AND {where} AND article_id IN (SELECT article_id FROM arts) GROUP BY ALL"
            )
            params = [*cparams, f.entity, *params]
        else:
            sql = (
                f"SELECT entity_type, entity_id, any_value(canonical_name) AS canonical_name, "
                f"CAST(sum(mentions) AS BIGINT) AS mentions FROM entity_mentions_daily WHERE {where} GROUP BY ALL"
            )
        return self._rows(
            f"SELECT * FROM ({sql}) QUALIFY row_number() OVER (PARTITION BY entity_type "
            f"ORDER BY mentions DESC, canonical_name) <= {TOP_PER_TYPE} "
            f"ORDER BY entity_type, mentions DESC, canonical_name",
            params,
        )

    def countries(self, f: Filters) -> list[dict[str, Any]]:
        """Mentions per country (ISO alpha-3); by month without an entity, by day with one."""
        if f.entity:
            cte, cparams = _entity_articles(f)
            where, params = _where(f)
            return self._rows(
                f"WITH {cte} SELECT country_iso3, CAST(sum(mentions) AS BIGINT) AS mentions, "
                f"count(DISTINCT article_id) AS articles FROM article_entities WHERE entity_type IN ('GPE', 'LOC') "
                f"AND country_iso3 IS NOT NULL AND {where} AND article_id IN (SELECT article_id FROM arts) "
                f"GROUP BY 1 ORDER BY mentions DESC",
                [*cparams, *params],
            )
        lo = f.lo.replace(day=1)
        where, params = _where(Filters(lo, f.hi, f.source), day="month")
        return self._rows(
            f"SELECT country_iso3, CAST(sum(mentions) AS BIGINT) AS mentions, "
            f"CAST(sum(articles) AS BIGINT) AS articles FROM countries_monthly WHERE {where} "
            f"GROUP BY 1 ORDER BY mentions DESC",
            params,
        )

    def places(self, f: Filters) -> list[dict[str, Any]]:
        """The places named in the filtered articles, as points (``article_places``): the most mentioned
        ``MAX_POINTS``, each with its mentions and articles."""
        where, params = _where(f)
        cte, ent, params = entity_scope(f, params)
        return self._rows(
            f"{cte}SELECT place_key, mode(place_name) AS place_name, any_value(lat) AS lat, any_value(lon) AS lon, "
            f"any_value(feature_class) AS feature_class, any_value(country_iso3) AS country_iso3, "
            f"CAST(sum(mentions) AS BIGINT) AS mentions, count(DISTINCT article_id) AS articles "
            f"FROM article_places WHERE {where}{ent} GROUP BY place_key "
            f"ORDER BY mentions DESC, place_key LIMIT {MAX_POINTS}",
            params,
        )

    def casualties(self, f: Filters, scope: str | None = None) -> dict[str, Any]:
        """Casualty claims per bin, event and kind (``military``: armed conflict, see the mart
        ``quantity_claims.is_military``; else a health, accident or disaster toll), and the latest claims
        with their articles. ``scope``: all, military or other."""
        kind = choice(scope, get_args(Scope), "scope")
        where, params = _where(f)
        if kind != "all":
            where += " AND is_military" if kind == "military" else " AND NOT is_military"
        cte, ent = "", ""
        if f.entity:
            cte_sql, cparams = _entity_articles(Filters(source=f.source, entity=f.entity))
            cte, ent = f"WITH {cte_sql} ", " AND (entity_id = ? OR article_id IN (SELECT article_id FROM arts))"
            params = [*cparams, *params, f.entity]
        size = self.bin(f)
        series = self._rows(
            f"{cte}SELECT CAST(date_trunc('{size}', day) AS DATE) AS day, is_military AS military, event, "
            f"sum(value) AS value, count(*) AS claims FROM quantity_claims "
            f"WHERE is_casualty AND {where}{ent} GROUP BY ALL ORDER BY day, military DESC, event",
            params,
        )
        claims = self._rows(
            f"{cte}SELECT day, event, is_military AS military, value, low, high, claim_text, "
            f"counted_object, entity_name, title, url, source_name FROM quantity_claims "
            f"WHERE is_casualty AND {where}{ent} "
            f"ORDER BY day DESC, article_id, start_offset LIMIT {MAX_ROWS}",
            params,
        )
        return {"bin": size, "scope": kind, "series": series, "claims": claims}

    def search_engine(self) -> str:
        """``index`` when the lake's search index answers searches, else ``scan``."""
        return "index" if self.search_index is not None and has_index(self.search_index) else "scan"

    def search(self, f: Filters, q: str) -> list[dict[str, Any]]:
        """Current articles that match ``q``: through the search index when there is one (tantivy's query
        language, best match first, see ``warehouse.search_index``), else by a scan (below)."""
        if not q.strip():
            return []
        if self.search_engine() == "index":
            return self._indexed_search(f, q)
        return self._scan_search(f, q)

    def _indexed_search(self, f: Filters, q: str) -> list[dict[str, Any]]:
        ids = None
        if f.entity:
            cte, params = _entity_articles(f)
            ids = [r["article_id"] for r in self._rows(f"WITH {cte} SELECT article_id FROM arts", params)]
        assert self.search_index is not None
        hits = index_search(
            self.search_index,
            q,
            since=f.date_from,
            until=f.date_to,
            sources=[f.source] if f.source else (),
            article_ids=ids,
            limit=MAX_ROWS,
        )
        return [hit.as_row() for hit in hits]

    def _scan_search(self, f: Filters, q: str) -> list[dict[str, Any]]:
        """Current articles whose title or text contains ``q`` (case-insensitive), newest first.

        Newest first with a row limit lets the search stop early: it looks at the last month of the
        filtered range, then the last year, then all of it, and stops as soon as a window fills the
        page. ``article_index`` is stored sorted by day, so a window reads only its own row groups; a
        term that is rare over the whole range still reads everything once more (about 1.1x one scan).
        """
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
        return self._with_passages(rows, term)

    def _with_passages(self, rows: list[dict[str, Any]], q: str) -> list[dict[str, Any]]:
        """``rows`` with ``passage`` and ``highlights`` (see ``warehouse.passages``) where they lack them."""
        need = [r for r in rows if "passage" not in r]
        if need:
            days = [r["day"] for r in need]
            texts = {
                r["article_id"]: r["text"]
                for r in self._rows(
                    "SELECT article_id, text FROM article_index "
                    "WHERE day BETWEEN ? AND ? AND list_contains(?, article_id)",
                    [min(days), max(days), [r["article_id"] for r in need]],
                )
            }
            for r in need:
                r.update(passage_for_query(texts.get(r["article_id"]) or "", q).as_fields())
        return rows

    def _search_window(self, f: Filters, pattern: str, *, escaped: bool) -> list[dict[str, Any]]:
        where, params = _where(f)
        escape = " ESCAPE '\\'" if escaped else ""
        cte, ent, params = entity_scope(f, params)
        return self._rows(
            f"{cte}SELECT day, article_id, title, url, source_name, left(text, 240) AS snippet FROM article_index "
            f"WHERE {where}{ent} AND (title ILIKE ?{escape} OR text ILIKE ?{escape}) "
            f"ORDER BY day DESC, article_id LIMIT {MAX_ROWS}",
            [*params, pattern, pattern],
        )

    def entities(self, prefix: str, entity_id: str | None = None) -> list[dict[str, Any]]:
        """Entities whose name contains ``prefix``, most mentioned first (the entity filter's suggestions);
        with ``entity_id``, that entity (the page shows the name of an entity its address names)."""
        if entity_id:
            return self._rows(
                "SELECT entity_id, canonical_name, entity_type, mentions FROM entity_summary WHERE entity_id = ?",
                [entity_id],
            )
        return self._rows(
            "SELECT entity_id, canonical_name, entity_type, mentions FROM entity_summary "
            "WHERE canonical_name ILIKE ? ORDER BY mentions DESC, entity_id LIMIT 20",
            ["%" + prefix.strip() + "%"],
        )
