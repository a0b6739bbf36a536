"""``sitrep dashboard``: a local web page over the warehouse's marts (127.0.0.1 only).

Routes: ``/`` the page, ``/static/*`` its script and style (``flows/dashboard/static``), ``/vendor/plotly.min.js``
the charting library as shipped inside the ``plotly`` package, ``/geo/world.json`` country shapes as
GeoJSON (from the ``countryinfo`` package, keyed by ISO 3166-1 alpha-3), ``/geo/topojson/*`` an empty base
map for plotly.js (which would otherwise fetch one from its CDN), and ``/api/*`` JSON answers from
``warehouse.dashboard_data``. Nothing is fetched from the internet, by the server or by the page.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from warehouse.catalog import refresh_catalog
from warehouse.dashboard_data import DashboardData, Filters
from warehouse.lake import Lake
from warehouse.search_index import index_folder

__all__ = ["create_app", "serve_dashboard", "world_geojson", "plotly_js_path"]

STATIC = Path(__file__).with_name("static")


def plotly_js_path() -> Path:
    """plotly.js as bundled in the installed ``plotly`` Python package."""
    return Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))


@lru_cache(maxsize=1)
def world_geojson() -> bytes:
    """One FeatureCollection of every country shape ``countryinfo`` ships, feature ids ISO alpha-3.

    Empty when the package is missing: the page then shows the country table without a map.
    """
    features: list[dict[str, Any]] = []
    try:
        folder = resources.files("countryinfo") / "data"
    except ModuleNotFoundError:
        folder = None
    if folder is not None and folder.is_dir():
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if not entry.name.endswith(".json"):
                continue
            country = json.loads(entry.read_text(encoding="utf-8"))
            iso3 = (country.get("ISO") or {}).get("alpha3")
            for feature in (country.get("geoJSON") or {}).get("features", []):
                if iso3 and feature.get("geometry"):
                    features.append(
                        {
                            "type": "Feature",
                            "id": iso3,
                            "properties": {"name": country.get("name", iso3)},
                            "geometry": feature["geometry"],
                        }
                    )
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")).encode()


_EMPTY_TOPOLOGY = json.dumps(
    {
        "type": "Topology",
        "arcs": [],
        "objects": {
            layer: {"type": "GeometryCollection", "geometries": []}
            for layer in ("land", "ocean", "lakes", "rivers", "countries", "coastlines", "subunits")
        },
    }
).encode()
"""plotly.js asks for its base-map topology even when the base map is hidden (``geo.visible = false``);
the page points ``topojsonURL`` here so that no request leaves the machine. Shapes come from world.json."""


def _default(value: object) -> str | float:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):  # a sum of DECIMAL amounts: the page draws it as a number
        return float(value)
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


class _JSON(JSONResponse):
    def render(self, content: Any) -> bytes:
        return json.dumps(content, default=_default, separators=(",", ":")).encode()


def create_app(lake_root: Path, storage: str | None = None) -> Starlette:
    """The dashboard as an ASGI app over the warehouse at ``lake_root`` (its catalog is built if missing)."""
    lake = Lake(Path(lake_root), storage)
    if not lake.catalog_path.exists():
        refresh_catalog(lake)
    data = DashboardData(lake.catalog_path, index_folder(lake.root))

    def filters(request: Request) -> Filters:
        return Filters.parse(dict(request.query_params))

    def bad_request(exc: Exception) -> Response:
        return _JSON({"error": str(exc)}, status_code=400)

    def api(handler: Any) -> Any:
        def endpoint(request: Request) -> Response:
            try:
                return _JSON(handler(filters(request), request))
            except ValueError as exc:  # a bad date, or a value outside a parameter's choices
                return bad_request(exc)

        return endpoint

    def search(request: Request) -> Response:
        """The search's rows; the ``X-Sitrep-Search`` header says what answered (``index`` or ``scan``)."""
        response = api(lambda f, r: data.search(f, r.query_params.get("q", "")))(request)
        response.headers["X-Sitrep-Search"] = data.search_engine()
        return response

    def index(request: Request) -> Response:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    def plotly_js(request: Request) -> Response:
        return FileResponse(plotly_js_path(), media_type="text/javascript", headers={"Cache-Control": "max-age=86400"})

    def world(request: Request) -> Response:
        return Response(world_geojson(), media_type="application/geo+json", headers={"Cache-Control": "max-age=86400"})

    def topojson(request: Request) -> Response:
        return Response(_EMPTY_TOPOLOGY, media_type="application/json", headers={"Cache-Control": "max-age=86400"})

    routes = [
        Route("/geo/topojson/{name}.json", topojson),
        Route("/", index),
        Route("/vendor/plotly.min.js", plotly_js),
        Route("/geo/world.json", world),
        Route("/api/meta", lambda r: _JSON(data.meta())),
        Route("/api/volume", api(lambda f, r: data.volume(f))),
        Route("/api/top_entities", api(lambda f, r: data.top_entities(f))),
        Route("/api/countries", api(lambda f, r: data.countries(f))),
        Route("/api/places", api(lambda f, r: data.places(f))),
        Route("/api/casualties", api(lambda f, r: data.casualties(f, r.query_params.get("scope")))),
        Route("/api/search", search),
        Route(
            "/api/money",
            api(
                lambda f, r: data.money(
                    f,
                    r.query_params.get("by"),
                    r.query_params.get("currency"),
                    r.query_params.get("contracts", "") in ("1", "true", "on"),
                )
            ),
        ),
        Route("/api/comentions", api(lambda f, r: data.comentions(f))),
        Route("/api/trends", api(lambda f, r: data.trends(f, r.query_params.get("type")))),
        Route("/api/events", api(lambda f, r: data.events(f))),
        Route("/api/incidents", api(lambda f, r: data.incidents(f))),
        Route("/api/articles", api(lambda f, r: data.articles(f))),
        Route("/api/entities", lambda r: _JSON(data.entities(r.query_params.get("q", ""), r.query_params.get("id")))),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        data.close()

    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.data = data
    return app


def serve_dashboard(lake_root: Path, host: str = "127.0.0.1", port: int = 8765, *, storage: str | None = None) -> None:
    """Serve the dashboard until interrupted (blocking)."""
    import uvicorn

    uvicorn.run(create_app(lake_root, storage), host=host, port=port, log_level="warning")
