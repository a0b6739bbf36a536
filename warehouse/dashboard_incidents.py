"""The dashboard's incidents panel: a weekly timeline of incidents by type with their toll, the latest
incidents with the reports behind each (the ``incidents`` view: one incident_id across the articles that
report it), and the incidents whose place has a point, for the map (the mart ``incident_places``).

``IncidentPanels`` is a mixin of ``warehouse.dashboard_data.DashboardData``: one ``/api/incidents`` answer,
parameterised SQL read through the class's ``_rows``. The date filter applies to the incident's day (its
date, else its article's publication date), the source filter to the reports.
"""

from __future__ import annotations

from typing import Any

from warehouse.dashboard_filters import Filters, filter_sql

__all__ = ["IncidentPanels", "INCIDENT_ROWS", "INCIDENT_POINTS"]

INCIDENT_ROWS = 30
INCIDENT_POINTS = 500

_REPORTS = """
    SELECT incident_id, report_key, event_type, subtype, coalesce(event_date, published_date) AS day,
           actor1_text, actor2_text, place_text, coalesce(place_country, actor2_country, actor1_country) AS country,
           fatalities, injured, captured, "missing", amount, currency, title, url, source_name
    FROM incidents
"""


class IncidentPanels:
    """The incidents answer; ``_rows`` (SQL and parameters in, dicts out) comes from the class it is mixed into."""

    def _rows(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:  # pragma: no cover - provided
        raise NotImplementedError

    def incidents(self, f: Filters) -> dict[str, Any]:
        """Incidents per week and type (with the largest toll each states) and the latest incidents, each
        with its reports (title, source, link)."""
        where, params = filter_sql(f)
        per_incident = (
            f"WITH r AS ({_REPORTS}), w AS (SELECT * FROM r WHERE {where}), "
            "i AS (SELECT incident_id, arg_min(day, report_key) AS day, arg_min(event_type, report_key) AS event_type, "
            "arg_min(subtype, report_key) AS subtype, arg_min(actor1_text, report_key) AS actor, "
            "arg_min(actor2_text, report_key) AS target, arg_min(place_text, report_key) AS place, "
            "arg_min(country, report_key) AS country, max(fatalities) AS fatalities, max(injured) AS injured, "
            "max(amount) AS amount, arg_min(currency, report_key) AS currency, count(*) AS reports, "
            "list({'title': title, 'url': url, 'source_name': source_name} ORDER BY report_key) AS sources "
            "FROM w GROUP BY incident_id) "
        )
        series = self._rows(
            per_incident + "SELECT CAST(date_trunc('week', day) AS DATE) AS week, event_type, count(*) AS incidents, "
            "sum(reports) AS reports, sum(fatalities) AS fatalities FROM i GROUP BY ALL ORDER BY week, event_type",
            params,
        )
        latest = self._rows(
            per_incident + f"SELECT * FROM i ORDER BY day DESC, incident_id LIMIT {INCIDENT_ROWS}",
            params,
        )
        points = self._rows(  # the map's incidents: those whose place has a point (the mart incident_places)
            per_incident + "SELECT i.incident_id, i.day, i.event_type, i.subtype, i.fatalities, i.reports, "
            "p.place_name, p.lat, p.lon FROM i JOIN incident_places p USING (incident_id) "
            f"ORDER BY i.day DESC, i.incident_id LIMIT {INCIDENT_POINTS}",
            params,
        )
        return {"series": series, "incidents": latest, "points": points}
