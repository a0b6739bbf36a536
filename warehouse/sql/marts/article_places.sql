-- article_places: one row per (current article, place it names): a GPE, LOC or FACILITY mention resolved to
-- a point (transforms.geo), for the dashboard's map and its filters.
-- depends: article_days
-- order: day, article_id, place_key
-- Columns:
--   day DATE               the article's day (see articles_daily)
--   source_name VARCHAR    the article's source
--   article_id VARCHAR     the article
--   place_key VARCHAR      the place: its GeoNames id, or "lat,lon" for a curated area or facility without one
--   geonames_id BIGINT     its GeoNames id, if any
--   place_name VARCHAR     the name the article uses most for it
--   entity_id VARCHAR      the entity of that name (for the entity filter)
--   entity_type VARCHAR    GPE, LOC or FACILITY
--   lat DOUBLE             latitude (WGS84)
--   lon DOUBLE             longitude (WGS84)
--   feature_class VARCHAR  GeoNames feature class (P populated place, A country or region, L area, H water, S facility)
--   feature_code VARCHAR   GeoNames feature code (PPL, ADM1, PCLI, SEA, AIRB, ...)
--   country_iso3 VARCHAR   the place's ISO 3166-1 alpha-3 country
--   admin1 VARCHAR         its first-level region (GeoNames code)
--   mentions BIGINT        mentions of the place in the article
SELECT d.day, d.source_name, m.article_id,
       coalesce(CAST(m.geonames_id AS VARCHAR), printf('%.4f,%.4f', m.lat, m.lon)) AS place_key,
       any_value(m.geonames_id) AS geonames_id, mode(m.mention_text) AS place_name, mode(m.entity_id) AS entity_id,
       mode(m.entity_type) AS entity_type, any_value(m.lat) AS lat, any_value(m.lon) AS lon,
       any_value(m.feature_class) AS feature_class, any_value(m.feature_code) AS feature_code,
       any_value(m.geo_country_iso3) AS country_iso3, any_value(m.admin1) AS admin1, count(*) AS mentions
FROM stg_entity_mentions m
JOIN article_days d ON d.article_id = m.article_id AND d.revision = m.revision
WHERE m.lat IS NOT NULL AND m.lon IS NOT NULL
GROUP BY d.day, d.source_name, m.article_id, place_key
