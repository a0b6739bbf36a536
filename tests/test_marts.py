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
        tables = {
            r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").fetchall()
        }
        views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert set(mart_names()) <= tables
    assert {"stg_articles", "stg_entity_mentions", "articles_current", "run_history", "articles"} <= views
    assert {
        "articles_daily",
        "entity_mentions_daily",
        "top_entities_weekly",
        "countries_monthly",
        "entity_cooccurrence",
        "quantity_claims",
        "event_timeline",
    } <= set(mart_names())


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
    assert got == [
        (D(2025, 4, 7), "Defense Dispatch", "en", 1),
        (D(2025, 4, 8), "Defense Dispatch", "en", 1),
        (D(2025, 4, 8), "Harbor Watch", "en", 1),
        (D(2025, 4, 14), "Harbor Watch", "fr", 1),
    ]


def test_a_new_revision_replaces_the_old_one_in_the_marts(tmp_path: Path) -> None:
    from lakes import RUN, build_tables, sha

    tables = build_tables(duplicate=False)
    old = dict(tables["articles"][0])
    newer = old | {
        "revision": sha("other text"),
        "text": "other text",
        "ingested_at": old["ingested_at"] + dt.timedelta(days=1),
    }
    tables["articles"].append(newer)
    lake = write_lake(tmp_path, tables)
    assert rows(lake, "SELECT sum(articles) FROM articles_daily") == [(4,)]
    # the old revision's mentions no longer count
    assert rows(lake, "SELECT count(*) FROM article_entities WHERE article_id = 'id-a1'") == [(0,)]
    assert RUN


def test_entity_mentions_daily_and_top_entities_per_type_per_week(lake: Lake) -> None:
    assert rows(
        lake, "SELECT sum(mentions), sum(articles) FROM entity_mentions_daily WHERE entity_id = 'e:ukraine'"
    ) == [(3, 3)]
    top = rows(
        lake,
        "SELECT week, rank, canonical_name, mentions FROM top_entities_weekly WHERE entity_type = 'GPE' ORDER BY week, rank",
    )
    assert top[0] == (D(2025, 4, 7), 1, "Ukraine", 2)
    assert (D(2025, 4, 14), 1, "Kharkiv", 1) in top  # a tie of one mention each: by articles, then name
    assert all(r[1] <= 10 for r in top)


def test_countries_monthly_rolls_cities_up_to_iso3_countries(lake: Lake) -> None:
    got = rows(
        lake,
        "SELECT country_iso3, country_name, sum(mentions), sum(articles) FROM countries_monthly GROUP BY ALL ORDER BY 1",
    )
    assert got == [("RUS", "Russia", 2, 2), ("UKR", "Ukraine", 5, 3), ("YEM", "Yemen", 1, 1)]
    assert rows(lake, "SELECT DISTINCT month FROM countries_monthly") == [(D(2025, 4, 1),)]


def test_cooccurrence_pairs_have_counts_and_first_last_seen(lake: Lake) -> None:
    got = rows(
        lake,
        "SELECT articles, first_seen, last_seen FROM entity_cooccurrence WHERE entity_a = 'e:nato' AND entity_b = 'e:ukraine'",
    )
    assert got == [(2, D(2025, 4, 7), D(2025, 4, 8))]
    assert rows(lake, "SELECT count(*) FROM entity_cooccurrence WHERE entity_a >= entity_b") == [(0,)]


def test_quantity_claims_carry_event_value_entity_article_and_date(lake: Lake) -> None:
    got = rows(
        lake,
        "SELECT day, event_date, published_date, event, value, entity_name, title FROM quantity_claims "
        "WHERE is_casualty ORDER BY day",
    )
    assert got[0] == (
        D(2025, 4, 6),
        D(2025, 4, 6),
        D(2025, 4, 7),
        "killed",
        12.0,
        "Russia",
        "Strikes hit Kharkiv as Ukraine asks NATO for HIMARS",
    )
    assert [r[3] for r in got] == ["killed", "wounded", "killed"]
    money = rows(lake, "SELECT kind, is_casualty, event_date, day FROM quantity_claims WHERE kind = 'money'")
    assert money == [("money", False, None, D(2025, 4, 8))]  # no day-precise date in its sentence: the article's day


def test_event_timeline_joins_dates_to_entities_of_the_same_sentence(lake: Lake) -> None:
    got = rows(
        lake, "SELECT event_date, granularity, canonical_name FROM event_timeline WHERE article_id = 'id-a2' ORDER BY 3"
    )
    assert got == [(D(2025, 4, 7), "day", "Houthis"), (D(2025, 4, 7), "day", "Yemen")]
    a1 = rows(lake, "SELECT canonical_name FROM event_timeline WHERE article_id = 'id-a1' ORDER BY 1")
    assert ("Lloyd Austin",) not in a1  # second sentence: no date there
    assert ("Kharkiv",) in a1 and ("Russia",) in a1


def test_marts_can_be_views_for_a_cheap_refresh(tmp_path: Path) -> None:
    lake = write_lake(tmp_path, refresh=False)
    refresh_catalog(lake, materialize_marts=False)
    assert rows(lake, "SELECT sum(articles) FROM articles_daily") == [(4,)]
    assert rows(lake, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'articles_daily'") == [(0,)]


@pytest.fixture(scope="module")
def fuller(tmp_path_factory: pytest.TempPathFactory) -> Lake:
    from dashboard_lake import write_dashboard_lake

    return write_dashboard_lake(tmp_path_factory.mktemp("marts-dash"))


def test_undated_articles_are_counted_in_their_own_column(fuller: Lake) -> None:
    got = rows(fuller, "SELECT day, articles, undated FROM articles_daily WHERE undated > 0")
    assert got == [(D(2025, 5, 1), 2, 2)]  # the ingest day; no dated article that day
    assert rows(fuller, "SELECT sum(undated) FROM entity_mentions_daily WHERE entity_id = 'e:lockheed'") == [(1,)]
    assert rows(fuller, "SELECT dated FROM article_entities WHERE article_id = 'id-u2'") == [(False,)]


def test_article_entities_keep_the_offsets_of_each_mention(fuller: Lake) -> None:
    ((spans,),) = rows(
        fuller, "SELECT spans FROM article_entities WHERE article_id = 'id-a1' AND entity_id = 'e:ukraine'"
    )
    text = next(a["text"] for a in __import__("lakes").ARTICLES if a["key"] == "a1")
    assert [text[s:e] for s, e in spans] == ["Ukraine"]


def test_casualty_claims_of_armed_conflict_are_military_and_a_health_toll_is_not(fuller: Lake) -> None:
    got = dict(rows(fuller, "SELECT claim_text, is_military FROM quantity_claims WHERE is_casualty"))
    # a strike (fighting words near it), fighters (a combatant noun), "frappe" (fighting words), a disease toll
    assert got == {"12 civilians": True, "3 fighters": True, "5 morts": True, "9 million deaths": False}
    assert rows(fuller, "SELECT count(*) FROM quantity_claims WHERE is_military AND NOT is_casualty") == [(0,)]


def test_money_claims_name_companies_systems_and_countries_of_their_sentence(fuller: Lake) -> None:
    got = rows(
        fuller,
        "SELECT claim_text, currency, is_contract, substring(context, context_start + 1, length(claim_text)), "
        "[p.party_name FOR p IN parties] FROM money_claims WHERE currency = 'USD' ORDER BY day",
    )
    assert got == [
        ("$4 billion", "USD", True, "$4 billion", ["Lockheed Martin", "Poland", "MIM-104 Patriot"]),
        ("$2 billion", "USD", False, "$2 billion", ["Ukraine"]),
        ("$1 billion", "USD", True, "$1 billion", ["Lockheed Martin", "MIM-104 Patriot"]),
    ]
    by = rows(fuller, "SELECT dimension, party, sum(value) FROM money_parties GROUP BY ALL ORDER BY ALL")
    assert by == [
        ("company", "e:lockheed", 5e9),
        ("country", "POL", 4e9),
        ("country", "UKR", 2e9),
        ("system", "e:patriot", 5e9),
    ]
