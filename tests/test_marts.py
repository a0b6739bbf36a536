"""The marts: layered SQL materialized at refresh, over a small consistent fixture lake."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from lakes import write_lake
from warehouse.catalog import connect, refresh_catalog
from warehouse.lake import Lake
from warehouse.sql_models import load_models, mart_names

D = dt.date


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory) -> Lake:
    return write_lake(tmp_path_factory.mktemp("marts"))


def rows(lake: Lake, sql: str) -> list[tuple[object, ...]]:
    with connect(lake) as con:
        return con.execute(sql).fetchall()


def test_every_layer_is_created_and_marts_are_tables(lake: Lake) -> None:
    with connect(lake) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").fetchall()}
        views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert set(mart_names()) <= tables
    assert {"stg_articles", "stg_entity_mentions", "articles_current", "run_history", "articles"} <= views
    assert {"articles_daily", "entity_mentions_daily", "top_entities_weekly", "countries_monthly",
            "entity_cooccurrence", "quantity_claims", "event_timeline"} <= set(mart_names())


def test_every_mart_documents_each_of_its_columns(lake: Lake) -> None:
    with connect(lake) as con:
        for mart in load_models("marts"):
            header = "\n".join(line for line in mart.sql.splitlines() if line.startswith("--"))
            assert "Columns:" in header, mart.name
            columns = [r[0] for r in con.execute(f"DESCRIBE {mart.name}").fetchall()]
            for column in columns:
                assert re.search(rf"\b{column}\b", header), f"{mart.name}.{column} is not documented"


def test_articles_daily_counts_each_article_once_without_duplicates(lake: Lake) -> None:
    got = rows(lake, "SELECT day, source_name, language, articles FROM articles_daily ORDER BY ALL")
    assert got == [(D(2025, 4, 7), "Defense Dispatch", "en", 1), (D(2025, 4, 8), "Defense Dispatch", "en", 1),
                   (D(2025, 4, 8), "Harbor Watch", "en", 1), (D(2025, 4, 14), "Harbor Watch", "fr", 1)]


def test_a_new_revision_replaces_the_old_one_in_the_marts(tmp_path: Path) -> None:
    from lakes import RUN, build_tables, sha

    tables = build_tables(duplicate=False)
    old = dict(tables["articles"][0])
    newer = old | {"revision": sha("other text"), "text": "other text", "ingested_at": old["ingested_at"] + dt.timedelta(days=1)}
    tables["articles"].append(newer)
    lake = write_lake(tmp_path, tables)
    assert rows(lake, "SELECT sum(articles) FROM articles_daily") == [(4,)]
    # the old revision's mentions no longer count
    assert rows(lake, "SELECT count(*) FROM article_entities WHERE article_id = 'id-a1'") == [(0,)]
    assert RUN


def test_entity_mentions_daily_and_top_entities_per_type_per_week(lake: Lake) -> None:
    assert rows(lake, "SELECT sum(mentions), sum(articles) FROM entity_mentions_daily WHERE entity_id = 'e:ukraine'") == [(3, 3)]
    top = rows(lake, "SELECT week, rank, canonical_name, mentions FROM top_entities_weekly WHERE entity_type = 'GPE' ORDER BY week, rank")
    assert top[0] == (D(2025, 4, 7), 1, "Ukraine", 2)
    assert (D(2025, 4, 14), 1, "Kharkiv", 1) in top  # a tie of one mention each: by articles, then name
    assert all(r[1] <= 10 for r in top)


def test_countries_monthly_rolls_cities_up_to_iso3_countries(lake: Lake) -> None:
    got = rows(lake, "SELECT country_iso3, country_name, sum(mentions), sum(articles) FROM countries_monthly GROUP BY ALL ORDER BY 1")
    assert got == [("RUS", "Russia", 2, 2), ("UKR", "Ukraine", 5, 3), ("YEM", "Yemen", 1, 1)]
    assert rows(lake, "SELECT DISTINCT month FROM countries_monthly") == [(D(2025, 4, 1),)]


def test_cooccurrence_pairs_have_counts_and_first_last_seen(lake: Lake) -> None:
    got = rows(lake, "SELECT articles, first_seen, last_seen FROM entity_cooccurrence WHERE entity_a = 'e:nato' AND entity_b = 'e:ukraine'")
    assert got == [(2, D(2025, 4, 7), D(2025, 4, 8))]
    assert rows(lake, "SELECT count(*) FROM entity_cooccurrence WHERE entity_a >= entity_b") == [(0,)]


def test_quantity_claims_carry_event_value_entity_article_and_date(lake: Lake) -> None:
    got = rows(lake, "SELECT day, event_date, published_date, event, value, entity_name, title FROM quantity_claims "
                     "WHERE is_casualty ORDER BY day")
    assert got[0] == (D(2025, 4, 6), D(2025, 4, 6), D(2025, 4, 7), "killed", 12.0, "Russia",
                      "Strikes hit Kharkiv as Ukraine asks NATO for HIMARS")
    assert [r[3] for r in got] == ["killed", "wounded", "killed"]
    money = rows(lake, "SELECT kind, is_casualty, event_date, day FROM quantity_claims WHERE kind = 'money'")
    assert money == [("money", False, None, D(2025, 4, 8))]  # no day-precise date in its sentence: the article's day


def test_event_timeline_joins_dates_to_entities_of_the_same_sentence(lake: Lake) -> None:
    got = rows(lake, "SELECT event_date, granularity, canonical_name FROM event_timeline WHERE article_id = 'id-a2' ORDER BY 3")
    assert got == [(D(2025, 4, 7), "day", "Houthis"), (D(2025, 4, 7), "day", "Yemen")]
    a1 = rows(lake, "SELECT canonical_name FROM event_timeline WHERE article_id = 'id-a1' ORDER BY 1")
    assert ("Lloyd Austin",) not in a1  # second sentence: no date there
    assert ("Kharkiv",) in a1 and ("Russia",) in a1


def test_marts_can_be_views_for_a_cheap_refresh(tmp_path: Path) -> None:
    lake = write_lake(tmp_path, refresh=False)
    refresh_catalog(lake, materialize_marts=False)
    assert rows(lake, "SELECT sum(articles) FROM articles_daily") == [(4,)]
    assert rows(lake, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'articles_daily'") == [(0,)]
