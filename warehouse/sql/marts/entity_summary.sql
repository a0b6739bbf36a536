-- entity_summary: one row per entity mentioned in a current article, for look-ups and the entity filter.
-- depends: article_entities
-- order: mentions DESC, entity_id
-- Columns:
--   entity_id VARCHAR, canonical_name VARCHAR, entity_type VARCHAR   the entity
--   country_iso3 VARCHAR     its ISO 3166-1 alpha-3 country, if any
--   mentions BIGINT          mentions in current articles
--   articles BIGINT          current articles mentioning it
--   first_seen DATE, last_seen DATE   first and last day of such an article
SELECT entity_id, any_value(canonical_name) AS canonical_name, any_value(entity_type) AS entity_type,
       any_value(country_iso3) AS country_iso3, CAST(sum(mentions) AS BIGINT) AS mentions, count(*) AS articles,
       min(day) AS first_seen, max(day) AS last_seen
FROM article_entities
GROUP BY entity_id
