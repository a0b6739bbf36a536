-- places: one row per place the articles name, with its point: what `sitrep export places FILE --format
-- geojson` writes for GIS tools.
-- depends: article_places
-- order: mentions DESC, place_key
-- Columns:
--   place_key VARCHAR      its GeoNames id, or "lat,lon" for a curated area or facility without one
--   geonames_id BIGINT     its GeoNames id, if any
--   place_name VARCHAR     the name the articles use most for it
--   entity_type VARCHAR    GPE, LOC or FACILITY
--   lat DOUBLE             latitude (WGS84)
--   lon DOUBLE             longitude (WGS84)
--   feature_class VARCHAR  GeoNames feature class
--   feature_code VARCHAR   GeoNames feature code
--   country_iso3 VARCHAR   ISO 3166-1 alpha-3
--   admin1 VARCHAR         first-level region (GeoNames code)
--   mentions BIGINT        mentions in all current articles
--   articles BIGINT        articles naming it
--   first_day DATE         the first article's day
--   last_day DATE          the last article's day
SELECT place_key, any_value(geonames_id) AS geonames_id, mode(place_name) AS place_name,
       mode(entity_type) AS entity_type, any_value(lat) AS lat, any_value(lon) AS lon,
       any_value(feature_class) AS feature_class, any_value(feature_code) AS feature_code,
       any_value(country_iso3) AS country_iso3, any_value(admin1) AS admin1,
       CAST(sum(mentions) AS BIGINT) AS mentions, count(DISTINCT article_id) AS articles,
       min(day) AS first_day, max(day) AS last_day
FROM article_places
GROUP BY place_key
