"""The dashboard: its JSON answers over fixture warehouses (the page itself: test_dashboard_browser.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from lakes import write_lake
from starlette.testclient import TestClient

from flows.dashboard.app import create_app


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dash")
    write_lake(root)
    return root


@pytest.fixture(scope="module")
def client(root: Path) -> Iterator[TestClient]:
    with TestClient(create_app(root)) as c:
        yield c


def test_page_library_and_shapes_are_served_locally(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and '<script src="/vendor/plotly.min.js">' in page.text
    assert "http" not in page.text.replace("http-equiv", "")  # nothing from elsewhere
    js = client.get("/vendor/plotly.min.js")
    assert js.status_code == 200 and len(js.content) > 1_000_000
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/geo/topojson/world_110m.json").json()["type"] == "Topology"
    world = client.get("/geo/world.json").json()
    if world["features"]:  # countryinfo installed
        assert {"UKR", "RUS", "YEM"} <= {f["id"] for f in world["features"]}


def test_meta_lists_sources_span_and_entities(client: TestClient) -> None:
    meta = client.get("/api/meta").json()
    assert meta["sources"] == ["Defense Dispatch", "Harbor Watch"]
    assert (meta["first_day"], meta["last_day"], meta["articles"]) == ("2025-04-07", "2025-04-14", 4)
    assert meta["entities"][0]["entity_id"] == "e:ukraine"


def test_filters_change_the_volume(client: TestClient) -> None:
    assert client.get("/api/volume").json()["total"] == 4
    assert client.get("/api/volume", params={"source": "Harbor Watch"}).json()["total"] == 2
    assert client.get("/api/volume", params={"from": "2025-04-08", "to": "2025-04-08"}).json()["total"] == 2
    by_entity = client.get("/api/volume", params={"entity": "e:kharkiv"}).json()
    assert by_entity["total"] == 2 and [d["day"] for d in by_entity["days"]] == ["2025-04-07", "2025-04-14"]
    assert client.get("/api/volume", params={"from": "not-a-date"}).status_code == 400


def test_top_entities_countries_and_casualties(client: TestClient) -> None:
    top = client.get("/api/top_entities").json()
    assert top[0] == {"entity_type": "GPE", "entity_id": "e:ukraine", "canonical_name": "Ukraine", "mentions": 3}
    co = client.get("/api/top_entities", params={"entity": "e:houthis"}).json()
    assert [r["canonical_name"] for r in co] == ["Yemen"]
    countries = {r["country_iso3"]: r["mentions"] for r in client.get("/api/countries").json()}
    assert countries == {"UKR": 5, "RUS": 2, "YEM": 1}
    assert {r["country_iso3"] for r in client.get("/api/countries", params={"entity": "e:houthis"}).json()} == {"YEM"}
    cas = client.get("/api/casualties").json()
    assert sum(r["claims"] for r in cas["series"]) == 3
    assert cas["claims"][0]["url"] == "https://news.example/a4" and cas["claims"][0]["event"] == "killed"
    assert len(client.get("/api/casualties", params={"entity": "e:houthis"}).json()["claims"]) == 1


def test_search_and_entity_suggestions(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "kharkiv"}).json()
    assert [h["article_id"] for h in hits] == ["id-a4", "id-a1"]
    assert client.get("/api/search", params={"q": "HIMARS", "source": "Harbor Watch"}).json() == []
    assert client.get("/api/search", params={"q": "100%"}).json() == []
    assert client.get("/api/entities", params={"q": "hou"}).json()[0]["entity_id"] == "e:houthis"


def test_search_stops_at_the_newest_window_that_fills_a_page(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    import warehouse.dashboard_data as dashboard_data
    from warehouse.dashboard_data import DashboardData, Filters

    data = DashboardData(root / "sitrep.duckdb")
    try:
        monkeypatch.setattr(dashboard_data, "MAX_ROWS", 1)
        assert [h["article_id"] for h in data.search(Filters(), "kharkiv")] == ["id-a4"]  # the newest only
        monkeypatch.setattr(dashboard_data, "MAX_ROWS", 50)
        # a range that ends long after the newest article still reaches back to every match
        wide = Filters(dt.date(2020, 1, 1), dt.date(2030, 1, 1))
        assert [h["article_id"] for h in data.search(wide, "kharkiv")] == ["id-a4", "id-a1"]
    finally:
        data.close()


# -- the fuller lake: undated articles, several years, amounts, co-mentions, trends, passages ------------


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from dashboard_lake import write_dashboard_lake

    root = tmp_path_factory.mktemp("dash-rich")
    write_dashboard_lake(root)
    with TestClient(create_app(root)) as c:
        yield c


def test_volume_bins_by_day_week_or_month_as_the_range_grows() -> None:
    import datetime as dt

    from warehouse.dashboard_data import volume_bin

    d = dt.date
    assert volume_bin(d(2025, 1, 1), d(2025, 3, 31)) == "day"
    assert volume_bin(d(2025, 1, 1), d(2026, 6, 30)) == "week"
    assert volume_bin(d(2021, 1, 1), d(2025, 5, 1)) == "month"


def test_undated_articles_are_counted_apart_from_the_dated_volume(rich: TestClient) -> None:
    volume = rich.get("/api/volume").json()
    assert volume["bin"] == "month"  # 2021-03 to 2025-05: several years
    assert volume["days"] == [{"day": "2021-03-01", "articles": 1}, {"day": "2025-04-01", "articles": 6}]
    assert volume["undated"] == [{"day": "2025-05-01", "articles": 2}]  # on their ingest day, apart
    assert (volume["total"], volume["undated_total"]) == (9, 2)
    april = rich.get("/api/volume", params={"from": "2025-04-01", "to": "2025-05-31"}).json()
    assert april["bin"] == "day" and {"day": "2025-05-01", "articles": 2} not in april["days"]
    assert april["undated"] == [{"day": "2025-05-01", "articles": 2}]
    # the range is clipped to the days with articles (2024-06-01 to 2025-05-01): by week
    year = rich.get("/api/volume", params={"from": "2024-06-01", "to": "2025-12-31"}).json()
    assert year["bin"] == "week" and [d["day"] for d in year["days"]] == ["2025-04-07", "2025-04-14"]
    lockheed = rich.get("/api/volume", params={"entity": "e:lockheed"}).json()
    assert lockheed["days"] == [{"day": "2021-03-01", "articles": 1}] and lockheed["undated_total"] == 1


def test_casualty_claims_are_military_or_other_and_a_huge_toll_stays_apart(rich: TestClient) -> None:
    cas = rich.get("/api/casualties").json()
    military = {(c["claim_text"], c["military"]) for c in cas["claims"]}
    assert military == {("12 civilians", True), ("3 fighters", True), ("5 morts", True), ("9 million deaths", False)}
    assert {(r["military"], r["event"]) for r in cas["series"]} == {
        (True, "killed"),
        (True, "wounded"),
        (False, "killed"),
    }
    assert cas["bin"] == "month"
    assert {(r["military"], r["event"]): r["value"] for r in cas["series"]} == {
        (True, "killed"): 17,
        (True, "wounded"): 3,
        (False, "killed"): 9e6,
    }  # April 2025, by month
    only = rich.get("/api/casualties", params={"scope": "military"}).json()
    assert "9 million deaths" not in {c["claim_text"] for c in only["claims"]} and all(
        r["military"] for r in only["series"]
    )
    other = rich.get("/api/casualties", params={"scope": "other"}).json()
    assert [c["claim_text"] for c in other["claims"]] == ["9 million deaths"]
    assert rich.get("/api/casualties", params={"scope": "navy"}).status_code == 400


def test_money_amounts_by_company_system_and_country(rich: TestClient) -> None:
    company = rich.get("/api/money", params={"by": "company"}).json()
    assert company["currency"] == "USD"
    assert company["currencies"] == [{"currency": "USD", "claims": 3}, {"currency": "EUR", "claims": 1}]
    euro = rich.get("/api/money", params={"currency": "EUR"}).json()
    assert [c["claim_text"] for c in euro["claims"]] == ["€300 million"] and euro["parties"] == []
    assert [(p["party_name"], p["value"], p["claims"]) for p in company["parties"]] == [("Lockheed Martin", 5e9, 2)]
    system = rich.get("/api/money", params={"by": "system"}).json()
    assert [(p["party_name"], p["entity_id"]) for p in system["parties"]] == [("MIM-104 Patriot", "e:patriot")]
    country = rich.get("/api/money", params={"by": "country"}).json()
    assert [(p["party_name"], p["value"]) for p in country["parties"]] == [("Poland", 4e9), ("Ukraine", 2e9)]
    contracts = rich.get("/api/money", params={"by": "country", "contracts": "1"}).json()
    assert [p["party_name"] for p in contracts["parties"]] == ["Poland"]  # "aid worth $2 billion" is no contract
    claims = {c["claim_text"]: c for c in company["claims"]}
    assert set(claims) == {"$4 billion", "$1 billion", "$2 billion"}
    c = claims["$4 billion"]
    assert [c["passage"][s:e] for s, e in c["highlights"]] == ["$4 billion"] and c["contract"] is True
    assert (
        c["companies"] == ["Lockheed Martin"] and c["systems"] == ["MIM-104 Patriot"] and c["countries"] == ["Poland"]
    )
    assert rich.get("/api/money", params={"by": "ship"}).status_code == 400


def test_co_mentions_for_an_entity_and_top_pairs(rich: TestClient) -> None:
    partners = rich.get("/api/comentions", params={"entity": "e:lockheed"}).json()
    assert [(p["entity_id"], p["articles"]) for p in partners["rows"]] == [
        ("e:patriot", 2),
        ("e:dod", 2),
        ("e:poland", 1),
    ]  # by articles, then name
    recent = rich.get("/api/comentions", params={"entity": "e:lockheed", "from": "2025-01-01"}).json()
    assert [(p["entity_id"], p["articles"]) for p in recent["rows"]] == [("e:patriot", 1), ("e:dod", 1)]  # u1 only
    pairs = rich.get("/api/comentions").json()
    assert pairs["mode"] == "pairs" and pairs["rows"][0]["articles"] == 2
    assert {(r["entity_a"], r["entity_b"]) for r in pairs["rows"] if r["articles"] == 2} == {
        ("e:dod", "e:lockheed"),
        ("e:dod", "e:patriot"),
        ("e:lockheed", "e:patriot"),
        ("e:kharkiv", "e:russia"),
        ("e:kharkiv", "e:ukraine"),
        ("e:nato", "e:ukraine"),
        ("e:russia", "e:ukraine"),
    }
    april = rich.get("/api/comentions", params={"from": "2025-04-01", "to": "2025-04-30"}).json()
    assert ("e:dod", "e:lockheed") not in {(r["entity_a"], r["entity_b"]) for r in april["rows"]}
    assert {"entity_a": "e:houthis", "entity_b": "e:yemen"}.items() <= next(
        r for r in april["rows"] if r["entity_a"] == "e:houthis"
    ).items()


def test_weekly_trends_of_the_most_mentioned_entities_of_a_type(rich: TestClient) -> None:
    gpe = rich.get("/api/trends", params={"type": "GPE", "from": "2025-04-01", "to": "2025-04-30"}).json()
    ukraine = next(s for s in gpe["series"] if s["entity_id"] == "e:ukraine")
    assert ukraine["weeks"] == [{"week": "2025-04-07", "mentions": 2}, {"week": "2025-04-14", "mentions": 1}]
    assert "GPE" in gpe["types"] and gpe["type"] == "GPE"
    assert rich.get("/api/trends", params={"type": "SHIP"}).status_code == 400


def test_dated_events_with_the_entities_of_their_sentence(rich: TestClient) -> None:
    events = rich.get("/api/events", params={"entity": "e:houthis"}).json()
    assert [(e["event_date"], e["date_text"], e["names"]) for e in events] == [
        ("2025-04-07", "April 7, 2025", ["Houthis", "Yemen"])
    ]
    assert events[0]["url"] == "https://news.example/a2"


def test_article_list_shows_the_passage_around_the_entity_or_the_search_term(rich: TestClient) -> None:
    arts = rich.get("/api/articles", params={"entity": "e:kharkiv"}).json()
    assert [a["article_id"] for a in arts] == ["id-u2", "id-a4", "id-a1"]  # undated: its ingest day, flagged
    assert [a["dated"] for a in arts] == [False, True, True]
    for a in arts:
        assert [a["passage"][s:e] for s, e in a["highlights"]] == ["Kharkiv"]
    hits = rich.get("/api/search", params={"q": "frigate"}).json()
    assert [h["article_id"] for h in hits] == ["id-m1"] and "snippet" in hits[0]
    assert not hits[0]["passage"].startswith("The ministry") and "<b>frigate</b>" in hits[0]["passage"]
    assert [hits[0]["passage"][s:e] for s, e in hits[0]["highlights"]] == ["frigate"]
    newest = rich.get("/api/articles").json()
    assert newest[0]["article_id"] == "id-u1" and newest[0]["highlights"] == []
    assert newest[0]["passage"].startswith("Lockheed Martin won")  # no entity, no term: the opening


def test_an_entity_name_is_found_by_its_id(rich: TestClient) -> None:
    assert (
        rich.get("/api/entities", params={"id": "e:dod"}).json()[0]["canonical_name"]
        == "United States Department of Defense"
    )


def test_search_goes_through_the_index_when_the_lake_has_one(tmp_path: Path, client: TestClient) -> None:
    from warehouse.catalog import connect
    from warehouse.search_index import index_folder, update_index

    lake = write_lake(tmp_path)
    with connect(lake) as con:
        update_index(con, index_folder(tmp_path))
    assert client.get("/api/search", params={"q": "kharkiv"}).headers["X-Sitrep-Search"] == "scan"
    with TestClient(create_app(tmp_path)) as indexed:
        answer = indexed.get("/api/search", params={"q": "kharkiv"})
        assert answer.headers["X-Sitrep-Search"] == "index"
        hits = answer.json()
        assert {h["article_id"] for h in hits} == {"id-a4", "id-a1"}
        assert (
            all("kharkiv" in h["passage"][s:e].lower() for h in hits for s, e in h["highlights"])
            and hits[0]["highlights"]
        )
        assert [
            h["article_id"]
            for h in indexed.get("/api/search", params={"q": "kharkiv", "source": "Harbor Watch"}).json()
        ] == ["id-a4"]
        assert indexed.get("/api/search", params={"q": "yemen", "source": "Harbor Watch"}).json() == []
        assert indexed.get("/api/search", params={"q": "kharkiv", "to": "2000-01-01"}).json() == []
        by_entity = indexed.get("/api/search", params={"q": "kharkiv", "entity": "e:houthis"}).json()
        assert {h["article_id"] for h in by_entity} < {"id-a4", "id-a1"}
        bad = indexed.get("/api/search", params={"q": "title:("})
        assert bad.status_code == 400 and bad.json()["error"].startswith("cannot read the search")


def test_json_answers_write_exact_decimals_as_numbers() -> None:
    from decimal import Decimal

    from flows.dashboard.app import _JSON

    body = _JSON({"value": Decimal("1234567.50"), "day": __import__("datetime").date(2025, 1, 2)}).body
    assert body == b'{"value":1234567.5,"day":"2025-01-02"}'
