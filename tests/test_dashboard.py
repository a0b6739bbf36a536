"""The dashboard: its JSON answers over a fixture warehouse, and the page in a real headless Chromium."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from flows.dashboard import create_app, world_geojson
from lakes import write_lake

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


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


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
def test_the_page_renders_charts_and_a_filter_changes_the_numbers(root: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(create_app(root), host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    outside: list[str] = []
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run"])
            page = browser.new_page(viewport={"width": 1280, "height": 1400})
            page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(f"http://127.0.0.1:{port}") and not r.url.startswith("data:") else None)
            page.goto(f"http://127.0.0.1:{port}/")
            page.wait_for_selector("main[data-state=ready]", timeout=20_000)
            assert page.text_content("#total-articles") == "4"
            assert page.locator("#volume .main-svg .bars path").count() == 3  # three days with articles
            assert page.locator("#entities .entity-chart").count() == 4  # GPE, ORG, PERSON, WEAPON
            assert page.locator("#map .choroplethlocation").count() > 100  # the world, from local shapes
            assert page.get_attribute("#map", "data-countries") == "3"
            assert page.locator("#claims tbody tr").count() == 3
            assert page.get_attribute("#claims tbody tr:first-child a", "href") == "https://news.example/a4"
            page.select_option("#source", "Harbor Watch")
            page.wait_for_function("document.getElementById('total-articles').textContent === '2'", timeout=10_000)
            assert page.text_content("#total-claims") == "1"
            page.fill("#entity", "Houthis")
            page.select_option("#source", "")
            page.wait_for_function("document.getElementById('total-articles').textContent === '1'", timeout=10_000)
            page.fill("#q", "Kharkiv")
            page.click("#search-form button")
            page.wait_for_selector("#results li")
            assert page.locator("#results li").count() == 0 or "Houthis" not in page.text_content("#results")
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=5)
    assert outside == []


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
