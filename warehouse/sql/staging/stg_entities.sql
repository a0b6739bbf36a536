-- stg_entities: one row per entity as written by a run (an entity written by two runs has two rows).
-- Rename and cast only. Columns: entity_id, canonical_name, entity_type, subtype, country_iso3, aliases,
-- wikidata_id, entity_source, geonames_id, lat, lon, feature_class, feature_code, admin1, geo_method,
-- geo_confidence (a place's canonical point), run_id, ingest_date.
SELECT
    entity_id, canonical_name, "type" AS entity_type, subtype, upper(country) AS country_iso3, aliases,
    wikidata_id, "source" AS entity_source,
    geonames_id, lat, lon, feature_class, feature_code, admin1, geo_method, geo_confidence,
    run_id, ingest_date
FROM entities
