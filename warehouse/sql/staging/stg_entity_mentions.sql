-- stg_entity_mentions: one row per mention. Rename and cast only ("start"/"end" become
-- start_offset/end_offset, "text" mention_text, "type" entity_type).
-- Columns: article_id, revision, start_offset, end_offset, sentence, mention_text, entity_type, entity_id,
-- title, affiliation, method, geonames_id, lat, lon, feature_class, feature_code, geo_country_iso3, admin1,
-- geo_method, geo_confidence (the place of a GPE, LOC or FACILITY mention in its article), run_id, ingest_date.
SELECT
    article_id, revision,
    CAST("start" AS INTEGER) AS start_offset, CAST("end" AS INTEGER) AS end_offset,
    CAST(sentence AS INTEGER) AS sentence,
    "text" AS mention_text, "type" AS entity_type, entity_id, title, affiliation, method,
    geonames_id, lat, lon, feature_class, feature_code, geo_country AS geo_country_iso3, admin1, geo_method,
    geo_confidence, run_id, ingest_date
FROM entity_mentions
