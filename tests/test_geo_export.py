"""``sitrep export --format geojson`` on a lake built by a real ingest of fixture pages: every place the
articles name is a GeoJSON point with its properties, and the marts behind the map hold the points."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import duckdb
from conftest import make_page, sitrep_command

PAGES = {
    "lebanon": (
        "Jets strike depot near Tripoli",
        [
            "BEIRUT, Lebanon - Israeli jets struck an arms depot near Tripoli in northern Lebanon on Monday, "
            "the Lebanese army said in a statement.",
            "Residents of Tripoli said smoke rose over the port for hours. A second strike hit a road near "
            "Sidon, further south, where two trucks burned.",
            "The army said it had moved two battalions north to secure the coastal highway to Tripoli.",
        ],
    ),
    "ukraine": (
        "Drones hit Kharkiv overnight",
        [
            "KYIV, Ukraine - Russian drones struck a power substation in Kharkiv overnight, the regional "
            "governor said on Tuesday.",
            "Air defenses shot down most of the drones near Kharkiv and Poltava, the air force said. Others "
            "fell into the Black Sea.",
            "Officials in Kyiv said repairs to the substation would take a week.",
        ],
    ),
}


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(sitrep_command() + args, env=env, capture_output=True, text=True, timeout=300)


def test_export_geojson_writes_the_places_of_an_ingested_lake(cli_env: dict[str, str], tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, (title, paragraphs) in PAGES.items():
        (corpus / f"{name}.html").write_text(make_page(title, paragraphs, canonical=f"https://wire.example/{name}"))
    ingest = _run(["ingest", "--quiet", str(corpus)], cli_env)
    assert ingest.returncode == 0, ingest.stderr

    out = tmp_path / "places.geojson"
    exported = _run(["export", "places", str(out), "--format", "geojson"], cli_env)
    assert exported.returncode == 0, exported.stderr
    collection = json.loads(out.read_text())
    assert collection["type"] == "FeatureCollection"
    by_name = {f["properties"]["place_name"]: f for f in collection["features"]}
    tripoli = by_name["Tripoli"]
    lon, lat = tripoli["geometry"]["coordinates"]
    assert tripoli["geometry"]["type"] == "Point" and 34.0 < lat < 35.0 and 35.5 < lon < 36.2  # Lebanon's
    assert tripoli["properties"]["country_iso3"] == "LBN" and tripoli["properties"]["mentions"] >= 2
    kharkiv = by_name["Kharkiv"]["properties"]
    assert kharkiv["country_iso3"] == "UKR" and kharkiv["geonames_id"] == 706483
    assert "lat" not in kharkiv and "lon" not in kharkiv  # the point is the geometry

    per_article = tmp_path / "article_places.geojson"
    assert _run(["export", "article_places", str(per_article), "--format", "geojson"], cli_env).returncode == 0
    days = {f["properties"]["day"] for f in json.loads(per_article.read_text())["features"]}
    assert days  # the map's filters work on these rows: day, source, entity
    incidents = tmp_path / "incidents.geojson"
    assert _run(["export", "incident_places", str(incidents), "--format", "geojson"], cli_env).returncode == 0
    located = json.loads(incidents.read_text())["features"]
    strikes = [f for f in located if f["properties"]["event_type"] == "explosions_remote_violence"]
    assert strikes, [f["properties"] for f in located]  # the strikes of both stories are points on the map
    assert {f["properties"]["country_iso3"] for f in strikes} <= {"LBN", "UKR"}
    refused = _run(["export", "articles_daily", str(tmp_path / "x.geojson"), "--format", "geojson"], cli_env)
    assert refused.returncode == 1 and "lat and lon" in refused.stderr

    con = duckdb.connect(str(Path(cli_env["SITREP_LAKE"]) / "sitrep.duckdb"), read_only=True)
    try:
        rows = con.execute(
            "SELECT mention_text, geo_country_iso3, geo_method FROM stg_entity_mentions WHERE lat IS NOT NULL"
        ).fetchall()
    finally:
        con.close()
    assert ("Tripoli", "LBN", "context") in rows or ("Tripoli", "LBN", "qualifier") in rows
