"""The dashboard's map: the places of the filtered articles as points (``/api/places`` over the mart
``article_places``), narrowed by the date, source and entity filters like every other answer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from lakes import build_tables, write_lake
from starlette.testclient import TestClient

from flows.dashboard.app import create_app

POINTS = {  # entity id -> (geonames id, lat, lon, feature class, feature code, country)
    "e:kharkiv": (706483, 49.98177, 36.25475, "P", "PPL", "UKR"),
    "e:ukraine": (690791, 49.0, 32.0, "A", "PCLI", "UKR"),
    "e:yemen": (69543, 15.5, 47.5, "A", "PCLI", "YEM"),
}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    root: Path = tmp_path_factory.mktemp("geo-dash")
    tables = build_tables()
    for row in tables["entity_mentions"]:
        point = POINTS.get(row["entity_id"])
        if point is not None:
            gid, lat, lon, fclass, fcode, country = point
            row |= {
                "geonames_id": gid,
                "lat": lat,
                "lon": lon,
                "feature_class": fclass,
                "feature_code": fcode,
                "geo_country": country,
                "geo_method": "context",
                "geo_confidence": 0.9,
            }
    write_lake(root, tables)
    with TestClient(create_app(root)) as c:
        yield c


def test_places_are_points_with_their_counts(client: TestClient) -> None:
    places = {p["place_name"]: p for p in client.get("/api/places").json()}
    assert set(places) == {"Kharkiv", "Ukraine", "Yemen"}
    kharkiv = places["Kharkiv"]
    assert (round(kharkiv["lat"], 2), round(kharkiv["lon"], 2)) == (49.98, 36.25) and kharkiv["articles"] == 2
    assert kharkiv["country_iso3"] == "UKR" and kharkiv["feature_class"] == "P"


def test_the_filters_narrow_the_points(client: TestClient) -> None:
    by_entity = {p["place_name"] for p in client.get("/api/places", params={"entity": "e:houthis"}).json()}
    assert by_entity == {"Yemen"}
    one_day = client.get("/api/places", params={"from": "2025-04-07", "to": "2025-04-07"}).json()
    assert {p["place_name"] for p in one_day} == {"Kharkiv", "Ukraine"}
    assert all(p["articles"] == 1 for p in one_day)
    assert client.get("/api/places", params={"source": "Nobody"}).json() == []
    assert client.get("/api/places", params={"to": "someday"}).status_code == 400


def test_the_page_draws_the_points() -> None:
    script = (Path(__file__).parents[1] / "flows" / "dashboard" / "static" / "app.js").read_text()
    assert 'get("/api/places")' in script and 'type: "scattergeo"' in script
