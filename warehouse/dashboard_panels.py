"""The dashboard's panels beyond volume, entities, countries and casualties: amounts of money by company,
system and country (``money_claims``, ``money_parties``), who is mentioned with whom
(``entity_cooccurrence``, ``article_entities``), weekly trends of the most mentioned entities of a type
(``top_entities_weekly``, ``entity_mentions_daily``), dated events (``event_timeline``) and the article
list with the passage around the entity (``article_entities`` spans, ``article_index`` text).

``Panels`` is a mixin of ``warehouse.dashboard_data.DashboardData``: each method is one ``/api/*``
answer, parameterised SQL over the materialized marts, read through the class's ``_rows``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from warehouse.dashboard_filters import Filters, choice, entity_articles, filter_sql
from warehouse.passages import passage

__all__ = [
    "Panels",
    "MONEY_DIMENSIONS",
    "ENTITY_TYPES",
    "TOP_PARTIES",
    "TOP_PAIRS",
    "PAIR_CANDIDATES",
    "TREND_LINES",
    "PANEL_ROWS",
]

MONEY_DIMENSIONS = ("company", "system", "country")
ENTITY_TYPES = (
    "ORG",
    "PERSON",
    "GPE",
    "LOC",
    "NORP",
    "WEAPON",
    "PLATFORM",
    "VEHICLE",
    "FACILITY",
    "OPERATION",
    "EVENT",
)
TOP_PARTIES = 15
TOP_PAIRS = 15
PAIR_CANDIDATES = 25  # with a date or source filter, top pairs are sought among the window's 25 most mentioned
TREND_LINES = 6
PANEL_ROWS = 30
CONTEXT = 200  # characters of text each side of an amount in money_claims.context


class Panels:
    """The panel answers; ``_rows`` (SQL and parameters in, dicts out) comes from the class it is mixed into."""

    def _rows(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:  # pragma: no cover - provided
        raise NotImplementedError

    def _entity_filter(self, f: Filters) -> tuple[str, str, list[Any]]:
        """(``WITH arts AS ...`` or "", `` AND article_id IN arts`` or "", its parameters): the articles
        with an amount of money that mention the filter's entity (the amounts are few, the articles
        that mention a common entity many: the semi-join keeps the set small)."""
        if not f.entity:
            return "", "", []
        where, params = filter_sql(f)
        return (
            f"WITH arts AS (SELECT DISTINCT article_id FROM article_entities WHERE entity_id = ? AND {where} "
            f"AND article_id IN (SELECT article_id FROM money_claims WHERE {where})) ",
            " AND article_id IN (SELECT article_id FROM arts)",
            [f.entity, *params, *params],
        )

    def money(
        self, f: Filters, by: str | None = None, currency: str | None = None, contracts: bool = False
    ) -> dict[str, Any]:
        """Amounts of one currency summed by company, system or country (``by``), and the largest amounts
        with the passage that states them; ``contracts``: only amounts whose text reads as a contract.
        With an entity, the amounts of the articles that mention it."""
        dimension = choice(by, MONEY_DIMENSIONS, "by")
        where, params = filter_sql(f)
        cte, ent, cparams = self._entity_filter(f)
        currencies = self._rows(
            f"{cte}SELECT currency, count(*) AS claims FROM money_claims WHERE {where}{ent} "
            f"GROUP BY 1 ORDER BY 2 DESC, 1",
            [*cparams, *params],
        )
        known = [c["currency"] for c in currencies]
        chosen = currency if currency in known else (known[0] if known else "USD")
        kind = " AND is_contract" if contracts else ""
        parties = self._rows(
            f"{cte}SELECT party, any_value(party_name) AS party_name, any_value(entity_id) AS entity_id, "
            f"sum(value) AS value, count(*) AS claims FROM money_parties WHERE dimension = ? AND currency = ?{kind} "
            f"AND {where}{ent} GROUP BY party ORDER BY value DESC, party_name LIMIT {TOP_PARTIES}",
            [*cparams, dimension, chosen, *params],
        )
        claims = self._rows(
            f"{cte}SELECT day, dated, claim_text, value, currency, is_contract AS contract, context, context_start, "
            f"length(context) = context_start + end_offset - start_offset + {CONTEXT} AS context_cut, "
            f"parties, title, url, source_name FROM money_claims WHERE currency = ?{kind} AND {where}{ent} "
            f"ORDER BY value DESC, day DESC, article_id, start_offset LIMIT {PANEL_ROWS}",
            [*cparams, chosen, *params],
        )
        for c in claims:
            start = c.pop("context_start") or 0
            c.update(
                passage(
                    c.pop("context") or "",
                    [(start, start + len(c["claim_text"]))],
                    width=240,
                    cut_before=start == CONTEXT,
                    cut_after=bool(c.pop("context_cut")),
                ).as_fields()
            )
            named = c.pop("parties") or []
            for key, dim in (("companies", "company"), ("systems", "system"), ("countries", "country")):
                c[key] = [p["party_name"] for p in named if p["dimension"] == dim]
        return {
            "by": dimension,
            "currency": chosen,
            "currencies": currencies,
            "contracts": contracts,
            "parties": parties,
            "claims": claims,
        }

    def comentions(self, f: Filters) -> dict[str, Any]:
        """Who is mentioned with whom. With an entity: the entities mentioned in the most of its articles
        (``partners``). Without: the pairs mentioned together in the most articles (``pairs``), from the
        ``entity_cooccurrence`` mart over all time, or, with a date or source filter, counted in the window
        among its ``PAIR_CANDIDATES`` most mentioned entities."""
        where, params = filter_sql(f)
        everything = f.date_from is None and f.date_to is None and not f.source
        if f.entity and everything:  # all time: the mart has every pair with its articles
            rows = self._rows(
                f"SELECT CASE WHEN entity_a = ? THEN entity_b ELSE entity_a END AS entity_id, "
                f"CASE WHEN entity_a = ? THEN name_b ELSE name_a END AS canonical_name, "
                f"CASE WHEN entity_a = ? THEN type_b ELSE type_a END AS entity_type, articles "
                f"FROM entity_cooccurrence WHERE entity_a = ? OR entity_b = ? "
                f"ORDER BY articles DESC, canonical_name LIMIT {TOP_PAIRS}",
                [f.entity] * 5,
            )
            return {"mode": "partners", "entity": f.entity, "rows": rows}
        if f.entity:
            cte, cparams = entity_articles(f)
            rows = self._rows(
                f"WITH {cte} SELECT entity_id, any_value(canonical_name) AS canonical_name, "
                f"any_value(entity_type) AS entity_type, count(*) AS articles FROM article_entities "
                f"WHERE entity_id <> ? AND {where} AND article_id IN (SELECT article_id FROM arts) "
                f"GROUP BY entity_id ORDER BY articles DESC, canonical_name LIMIT {TOP_PAIRS}",
                [*cparams, f.entity, *params],
            )
            return {"mode": "partners", "entity": f.entity, "rows": rows}
        columns = "entity_a, entity_b, name_a, name_b, type_a, type_b"
        if everything:
            rows = self._rows(
                f"SELECT {columns}, articles FROM entity_cooccurrence "
                f"ORDER BY articles DESC, name_a, name_b LIMIT {TOP_PAIRS}",
                [],
            )
            return {"mode": "pairs", "window": False, "rows": rows}
        rows = self._rows(
            f"WITH top AS (SELECT entity_id FROM entity_mentions_daily WHERE {where} GROUP BY entity_id "
            f"ORDER BY sum(articles) DESC, entity_id LIMIT {PAIR_CANDIDATES}), "
            f"ae AS (SELECT article_id, entity_id, canonical_name, entity_type FROM article_entities "
            f"WHERE {where} AND entity_id IN (SELECT entity_id FROM top)) "
            f"SELECT a.entity_id AS entity_a, b.entity_id AS entity_b, any_value(a.canonical_name) AS name_a, "
            f"any_value(b.canonical_name) AS name_b, any_value(a.entity_type) AS type_a, "
            f"any_value(b.entity_type) AS type_b, count(*) AS articles "
            f"FROM ae a JOIN ae b ON a.article_id = b.article_id AND a.entity_id < b.entity_id "
            f"GROUP BY a.entity_id, b.entity_id ORDER BY articles DESC, name_a, name_b LIMIT {TOP_PAIRS}",
            [*params, *params],
        )
        return {"mode": "pairs", "window": True, "rows": rows}

    def trends(self, f: Filters, entity_type: str | None = None) -> dict[str, Any]:
        """Mentions per week of the ``TREND_LINES`` most mentioned entities of a type in the range (and of
        the chosen entity). The entities are picked from ``top_entities_weekly`` (from
        ``entity_mentions_daily`` with a source filter, as that mart ranks all sources together)."""
        types = [
            r["entity_type"]
            for r in self._rows("SELECT entity_type FROM entity_summary GROUP BY 1 ORDER BY sum(mentions) DESC, 1", [])
        ]
        kind = choice(entity_type or (types[0] if types else None), ENTITY_TYPES, "type")
        where, params = filter_sql(f)
        if f.source:
            top = self._rows(
                f"SELECT entity_id FROM entity_mentions_daily WHERE entity_type = ? AND {where} "
                f"GROUP BY entity_id ORDER BY sum(mentions) DESC, entity_id LIMIT {TREND_LINES}",
                [kind, *params],
            )
        else:
            first = f.lo - dt.timedelta(days=f.lo.weekday()) if f.date_from else f.lo
            top = self._rows(
                f"SELECT entity_id FROM top_entities_weekly WHERE entity_type = ? AND week BETWEEN ? AND ? "
                f"GROUP BY entity_id ORDER BY sum(mentions) DESC, entity_id LIMIT {TREND_LINES}",
                [kind, first, f.hi],
            )
        ids = [r["entity_id"] for r in top]
        if f.entity and f.entity not in ids:
            ids.append(f.entity)
        rows = (
            self._rows(
                f"SELECT entity_id, any_value(canonical_name) AS canonical_name, "
                f"CAST(date_trunc('week', day) AS DATE) AS week, CAST(sum(mentions) AS BIGINT) AS mentions "
                f"FROM entity_mentions_daily WHERE list_contains(?, entity_id) AND {where} "
                f"GROUP BY entity_id, week ORDER BY week",
                [ids, *params],
            )
            if ids
            else []
        )
        series: dict[str, dict[str, Any]] = {}
        for r in rows:
            line = series.setdefault(
                r["entity_id"], {"entity_id": r["entity_id"], "canonical_name": r["canonical_name"], "weeks": []}
            )
            line["weeks"].append({"week": r["week"], "mentions": r["mentions"]})
        ordered = [series[i] for i in ids if i in series]
        return {"type": kind, "types": types, "series": ordered}

    def events(self, f: Filters) -> list[dict[str, Any]]:
        """The latest dated events in the range (by the date they denote), with the entities of their
        sentence: those naming the chosen entity, else all."""
        where, params = filter_sql(f, day="event_date")
        ent, eparams = (" AND entity_id = ?", [f.entity]) if f.entity else ("", [])
        key = "article_id, revision, sentence, event_date, end_date, granularity, date_text"
        # the newest rows first (a top-N over the mart stored by event_date), then grouped into events:
        # an event has a row per entity of its sentence, so PANEL_ROWS * 20 rows hold PANEL_ROWS events
        return self._rows(
            f"WITH newest AS (SELECT {key}, title, url, source_name, published_date FROM event_timeline "
            f"WHERE {where}{ent} ORDER BY event_date DESC, article_id, sentence LIMIT {PANEL_ROWS * 20}), "
            f"ev AS (SELECT {key}, any_value(title) AS title, any_value(url) AS url, "
            f"any_value(source_name) AS source_name, any_value(published_date) AS published_date "
            f"FROM newest GROUP BY ALL ORDER BY event_date DESC, article_id, sentence LIMIT {PANEL_ROWS}) "
            f"SELECT ev.event_date, ev.end_date, ev.granularity, ev.date_text, ev.title, ev.url, ev.source_name, "
            f"ev.published_date, list(DISTINCT t.canonical_name ORDER BY t.canonical_name) AS names "
            f"FROM ev JOIN event_timeline t USING (article_id, revision, sentence, event_date, date_text) "
            f"WHERE t.event_date BETWEEN (SELECT min(event_date) FROM ev) AND (SELECT max(event_date) FROM ev) "
            f"GROUP BY ALL ORDER BY ev.event_date DESC, ev.title",
            [*params, *eparams],
        )

    def articles(self, f: Filters) -> list[dict[str, Any]]:
        """The newest articles of the range, each with a passage: around the chosen entity's mentions
        (highlighted), or the opening when no entity is chosen."""
        where, params = filter_sql(f)
        if f.entity:
            rows = self._rows(
                f"WITH hits AS (SELECT day, article_id, spans FROM article_entities WHERE entity_id = ? AND {where} "
                f"ORDER BY day DESC, article_id LIMIT {PANEL_ROWS}) "
                f"SELECT i.day, i.dated, i.article_id, i.title, i.url, i.source_name, i.text, h.spans "
                f"FROM hits h JOIN article_index i ON i.article_id = h.article_id AND i.day = h.day "
                f"WHERE i.day BETWEEN (SELECT min(day) FROM hits) AND (SELECT max(day) FROM hits) "
                f"ORDER BY i.day DESC, i.article_id",
                [f.entity, *params],
            )
        else:
            rows = self._rows(
                f"SELECT day, dated, article_id, title, url, source_name, text, NULL AS spans "
                f"FROM article_index WHERE {where} ORDER BY day DESC, article_id LIMIT {PANEL_ROWS}",
                params,
            )
        for r in rows:
            spans = [(s, e) for s, e in (r.pop("spans") or [])]
            r.update(passage(r.pop("text") or "", spans).as_fields())
        return rows
