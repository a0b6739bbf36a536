"""The events table in the warehouse: stg_events, the incidents view (one incident_id across the
reports of one real incident), the incidents_weekly mart and the events_have_article check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from lakes import RUN, build_tables, sha, write_lake
from starlette.testclient import TestClient

from flows.dashboard.app import create_app
from schemas.tables import EVENTS
from warehouse.catalog import connect
from warehouse.checks import run_checks
from warehouse.lake import Lake


def _event(key: str, text: str, index: int, **fields: Any) -> dict[str, Any]:
    row: dict[str, Any] = {name: None for name in EVENTS.names}
    row |= {
        "article_id": f"id-{key}",
        "revision": sha(text),
        "event_index": index,
        "start": 0,
        "end": min(len(text), 40),
        "sentence": 0,
        "trigger": "struck",
        "confidence": 0.8,
        "platform_or_weapon": [],
        "date_granularity": "day",
        "date_source": "sentence",
        "run_id": RUN,
    }
    return row | fields


STRIKE = {
    "event_type": "explosions_remote_violence",
    "subtype": "shelling_artillery_missile_attack",
    "actor1_entity_id": "e:russia",
    "actor1_text": "Russia",
    "actor1_country": "RUS",
    "actor1_sector": "government",
    "place_entity_id": "e:kharkiv",
    "place_text": "Kharkiv",
    "place_country": "UKR",
}
EXTRA = [
    {
        "key": "a9",
        "source": "Frontline Monitor",
        "published": dt.date(2025, 4, 20),
        "lang": "en",
        "title": "Another strike on Kharkiv",
        "text": "Russia struck Kharkiv again on April 19, 2025, killing two people.",
        "mentions": [],
        "quantities": [],
        "dates": [],
    }
]


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory) -> Lake:
    tables = build_tables(duplicate=True, articles=EXTRA)
    texts = {row["article_id"].removeprefix("id-"): row["text"] for row in tables["articles"]}
    tables["events"] = [
        # a1 and its reprint a1-copy report one strike; a follow-up (a2's day) is within the window
        _event("a1", texts["a1"], 0, **STRIKE, date=dt.date(2025, 4, 6), fatalities=12.0),
        _event("a1-copy", texts["a1-copy"], 0, **STRIKE, date=dt.date(2025, 4, 6), fatalities=12.0),
        _event(
            "a2", texts["a2"], 0, **(STRIKE | {"actor1_entity_id": None}), date=dt.date(2025, 4, 7), fatalities=14.0
        ),
        # the same place and type two weeks later: another incident
        _event("a9", texts["a9"], 0, **STRIKE, date=dt.date(2025, 4, 19), fatalities=2.0),
        # the same day and type at the same place, by another actor: not merged
        _event("a2", texts["a2"], 1, **(STRIKE | {"actor1_entity_id": "e:houthis"}), date=dt.date(2025, 4, 6)),
    ]
    for row in tables["entity_mentions"]:  # Kharkiv resolved to its point, as the geo stage writes it
        if row["entity_id"] == "e:kharkiv":
            row |= {"geonames_id": 706483, "lat": 49.98, "lon": 36.25, "feature_class": "P", "feature_code": "PPL"}
            row |= {"geo_country": "UKR", "geo_method": "context", "geo_confidence": 0.9}
    return write_lake(tmp_path_factory.mktemp("incidents"), tables)


def _rows(lake: Lake, sql: str) -> list[tuple[Any, ...]]:
    with connect(lake) as con:
        return con.execute(sql).fetchall()


def test_reports_of_one_incident_share_its_id_and_every_report_is_kept(lake: Lake) -> None:
    rows = _rows(lake, "SELECT report_key, incident_id, reports FROM incidents ORDER BY report_key")
    ids = {key: incident for key, incident, _ in rows}
    assert len(rows) == 5
    assert ids["id-a1:0"] == ids["id-a1-copy:0"] == ids["id-a2:0"]
    assert ids["id-a9:0"] != ids["id-a1:0"]
    assert ids["id-a2:1"] != ids["id-a1:0"]
    assert {key: n for key, _, n in rows}["id-a1:0"] == 3


def test_weekly_mart_counts_incidents_not_reports_and_takes_the_largest_toll(lake: Lake) -> None:
    rows = _rows(
        lake,
        "SELECT week, country, actor, incidents, reports, fatalities FROM incidents_weekly "
        "WHERE event_type = 'explosions_remote_violence' ORDER BY week, actor",
    )
    assert rows[0] == (dt.date(2025, 3, 31), "UKR", "Houthis", 1, 1, None)
    assert rows[1] == (dt.date(2025, 3, 31), "UKR", "Russia", 1, 3, 14.0)
    assert rows[2] == (dt.date(2025, 4, 14), "UKR", "Russia", 1, 1, 2.0)


def test_an_event_without_its_article_fails_the_check(lake: Lake, tmp_path: Path) -> None:
    with connect(lake) as con:
        assert [r.passed for r in run_checks(con, ["events_have_article"])] == [True]
    tables = build_tables(duplicate=False)
    tables["events"] = [_event("nowhere", "no such text", 0, **STRIKE)]
    broken = write_lake(tmp_path / "broken", tables)
    with connect(broken) as con:
        result = run_checks(con, ["events_have_article"])[0]
    assert not result.passed and result.violations == 1


def test_dashboard_shows_incidents_per_week_and_the_reports_behind_each(lake: Lake) -> None:
    with TestClient(create_app(lake.root)) as client:
        answer = client.get("/api/incidents", params={"from": "2025-03-01", "to": "2025-05-31"}).json()
    weeks = {(r["week"], r["event_type"]): (r["incidents"], r["reports"]) for r in answer["series"]}
    assert weeks[("2025-03-31", "explosions_remote_violence")] == (2, 4)
    assert weeks[("2025-04-14", "explosions_remote_violence")] == (1, 1)
    merged = next(i for i in answer["incidents"] if i["reports"] == 3)
    assert merged["fatalities"] == 14.0 and merged["place"] == "Kharkiv"
    assert {s["source_name"] for s in merged["sources"]} == {"Defense Dispatch", "Harbor Watch"}


def test_incidents_with_a_located_place_are_points_on_the_map(lake: Lake) -> None:
    with TestClient(create_app(lake.root)) as client:
        answer = client.get("/api/incidents", params={"from": "2025-03-01", "to": "2025-05-31"}).json()
        early = client.get("/api/incidents", params={"from": "2025-04-01", "to": "2025-04-06"}).json()
        later = client.get("/api/incidents", params={"from": "2025-04-08", "to": "2025-04-30"}).json()
    points = answer["points"]
    located = {i["incident_id"] for i in answer["incidents"] if i["place"] == "Kharkiv"}
    assert points and {p["incident_id"] for p in points} <= located
    assert all((round(p["lat"], 2), round(p["lon"], 2)) == (49.98, 36.25) for p in points)
    merged = next(p for p in points if p["reports"] == 3)
    assert merged["fatalities"] == 14.0 and merged["place_name"] == "Kharkiv"
    assert merged["incident_id"] in {p["incident_id"] for p in early["points"]}  # the date filter narrows them
    assert merged["incident_id"] not in {p["incident_id"] for p in later["points"]}
    script = (Path(__file__).parents[1] / "flows" / "dashboard" / "static" / "app.js").read_text()
    assert "incidents.points" in script and 'symbol: "diamond"' in script


VISIT = {
    "event_type": "strategic_developments",
    "subtype": "port_visit",
    "actor1_entity_id": "e:usnavy",
    "actor1_text": "U.S. Navy",
    "actor1_country": "USA",
    "actor1_sector": "military",
    "place_entity_id": "e:kharkiv",
    "place_text": "Kharkiv",
    "place_country": "UKR",
}
SHIPS = {
    "e:ship-a": ("USS Alderbrook (DDG 140)", "PLATFORM", "ship", "USA"),
    "e:ship-b": ("USS Fenwick (DDG 141)", "PLATFORM", "ship", "USA"),
    "e:carrier": ("USS Harborview (CVN 90)", "PLATFORM", "aircraft_carrier", "USA"),
    "e:usnavy": ("U.S. Navy", "ORG", "armed_forces", "USA"),
}


DAY = dt.date(2025, 4, 6)


def _incident_ids(tmp_path: Path, reports: dict[str, dict[str, Any]]) -> dict[str, str]:
    """The incident_id of one report per article (article key -> its event's fields), all on ``DAY``."""
    tables = build_tables(duplicate=True, articles=EXTRA, entities=SHIPS)
    texts = {row["article_id"].removeprefix("id-"): row["text"] for row in tables["articles"]}
    tables["events"] = [_event(key, texts[key], 0, date=DAY, **fields) for key, fields in reports.items()]
    rows = _rows(write_lake(tmp_path, tables), "SELECT report_key, incident_id FROM incidents")
    return {key.removeprefix("id-").removesuffix(":0"): incident for key, incident in rows}


def test_two_ships_of_one_navy_on_one_day_are_two_incidents(tmp_path: Path) -> None:
    ids = _incident_ids(
        tmp_path,
        {
            "a1": VISIT | {"platform_or_weapon": ["e:ship-a"]},
            "a1-copy": VISIT | {"platform_or_weapon": ["e:ship-a"]},  # a reprint
            "a2": VISIT | {"platform_or_weapon": ["e:ship-b"]},  # another ship
        },
    )
    assert ids["a1"] == ids["a1-copy"]
    assert ids["a2"] != ids["a1"]


def test_a_report_naming_no_actor_does_not_bridge_two_actors_at_one_place(tmp_path: Path) -> None:
    ids = _incident_ids(
        tmp_path,
        {
            "a1": STRIKE,  # Russia
            "a1-copy": STRIKE,  # its reprint
            "a2": STRIKE | {"actor1_entity_id": None},  # no actor named
            "a9": STRIKE | {"actor1_entity_id": "e:houthis"},  # another actor
        },
    )
    assert ids["a1"] == ids["a1-copy"]
    assert ids["a9"] != ids["a1"]
    assert ids["a2"] == ids["a1"]  # it joins the incident it has most pairs with: two reports


def test_one_carrier_one_kind_of_event_one_day_is_one_incident_though_one_report_names_no_place(tmp_path: Path) -> None:
    unplaced = VISIT | {"place_entity_id": None, "place_text": None, "place_country": None}
    ids = _incident_ids(
        tmp_path,
        {
            "a1": VISIT | {"platform_or_weapon": ["e:carrier"]},
            "a2": unplaced | {"platform_or_weapon": ["e:carrier"]},  # a later mention
            "a9": unplaced | {"platform_or_weapon": ["e:ship-b"]},  # another ship
        },
    )
    assert ids["a2"] == ids["a1"]
    assert ids["a9"] != ids["a1"]


def test_two_contracts_of_one_office_on_one_day_to_two_firms_are_two_incidents(tmp_path: Path) -> None:
    award = STRIKE | {"event_type": "procurement", "subtype": "contract", "actor1_entity_id": "e:office"}
    ids = _incident_ids(
        tmp_path,
        {
            "a1": award | {"actor2_entity_id": "e:firm-a"},
            "a1-copy": award | {"actor2_entity_id": "e:firm-a"},  # a reprint
            "a2": award | {"actor2_entity_id": "e:firm-b"},  # another award
        },
    )
    assert ids["a1"] == ids["a1-copy"]
    assert ids["a2"] != ids["a1"]


def _reports(tmp_path: Path, reports: list[tuple[str, int, dict[str, Any]]]) -> dict[str, str]:
    """report_key -> incident_id for reports given as (article key, sentence number in its text, fields)."""
    tables = build_tables(duplicate=True, articles=EXTRA, entities=SHIPS)
    texts = {row["article_id"].removeprefix("id-"): row["text"] for row in tables["articles"]}
    rows = []
    for key, sentence, fields in reports:
        text = texts[key]
        cut = text.find("\n\n") if "\n\n" in text else len(text)  # the first paragraph, or all of the text
        start, end = (0, cut) if sentence == 0 else (cut + 2, len(text))
        index = sum(r["article_id"] == f"id-{key}" for r in rows)
        rows.append(_event(key, texts[key], index, start=start, end=end, **fields))
    tables["events"] = rows
    result = _rows(write_lake(tmp_path, tables), "SELECT report_key, incident_id FROM incidents")
    return {key.removeprefix("id-"): incident for key, incident in result}


def test_a_reprinted_sentence_is_its_original_report_though_it_names_no_place_actor_or_ship(tmp_path: Path) -> None:
    bare = {"event_type": "exercise", "subtype": "exercise", "date": None, "date_source": "article"}
    ids = _reports(tmp_path, [("a1", 0, bare), ("a1-copy", 0, bare), ("a2", 0, bare)])
    assert ids["a1-copy:0"] == ids["a1:0"]
    assert ids["a2:0"] != ids["a1:0"]  # another article's sentence: no place, actor or ship to pair it by


def test_a_reprint_does_not_join_two_reports_of_its_original(tmp_path: Path) -> None:
    # one article tells two port visits at one place two days apart; its reprint tells the same two
    first = VISIT | {"date": DAY}
    second = VISIT | {"date": DAY + dt.timedelta(days=2)}
    ids = _reports(tmp_path, [("a1", 0, first), ("a1", 1, second), ("a1-copy", 0, first), ("a1-copy", 1, second)])
    assert ids["a1-copy:0"] == ids["a1:0"]
    assert ids["a1-copy:1"] == ids["a1:1"]
    assert ids["a1:0"] != ids["a1:1"]
