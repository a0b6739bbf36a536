-- incident_places: one row per incident whose place is resolved to a point: the incidents on the map, and
-- what `sitrep export incident_places FILE --format geojson` writes for GIS tools.
-- depends: article_places
-- order: first_day DESC, incident_id
-- An incident's point is the place of its first report that names one, resolved in that report's article
-- (the place mention's point in its context, see article_places); its toll is the largest any report states.
-- Columns:
--   incident_id VARCHAR    the incident (see the incidents view)
--   event_type VARCHAR     battles | explosions_remote_violence | ... | procurement | deployment | exercise | ...
--   subtype VARCHAR        the ontology's sub-event type
--   first_day DATE         the first report's event date, else its article's publication day
--   place_name VARCHAR     the place as that article names it
--   place_key VARCHAR      its GeoNames id, or "lat,lon" for a curated area or facility without one
--   lat DOUBLE             latitude (WGS84)
--   lon DOUBLE             longitude (WGS84)
--   country_iso3 VARCHAR   the place's ISO 3166-1 alpha-3 country
--   reports BIGINT         the article rows that report the incident
--   fatalities DOUBLE      people killed: the largest toll a report states
--   injured DOUBLE         people injured: the same
--   title VARCHAR          the first located report's article title
--   url VARCHAR            its URL
WITH located AS (
    SELECT i.*, p.place_key, p.place_name, p.lat, p.lon, p.country_iso3
    FROM incidents i
    JOIN article_places p ON p.article_id = i.article_id AND p.entity_id = i.place_entity_id
)
SELECT incident_id, arg_min(event_type, report_key) AS event_type, arg_min(subtype, report_key) AS subtype,
       CAST(min(coalesce(event_date, CAST(published_date AS DATE))) AS DATE) AS first_day,
       arg_min(place_name, report_key) AS place_name, arg_min(place_key, report_key) AS place_key,
       arg_min(lat, report_key) AS lat, arg_min(lon, report_key) AS lon,
       arg_min(country_iso3, report_key) AS country_iso3, max(reports) AS reports,
       max(fatalities) AS fatalities, max(injured) AS injured,
       arg_min(title, report_key) AS title, arg_min(url, report_key) AS url
FROM located
GROUP BY incident_id
