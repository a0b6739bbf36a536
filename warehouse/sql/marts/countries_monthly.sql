-- countries_monthly: countries mentioned per month and source. A place (GPE or LOC entity: a country, a
-- city, a region) counts towards the country its entity row names.
-- depends: article_entities
-- order: month, source_name, country_iso3
-- Columns:
--   month DATE             first day of the month
--   source_name VARCHAR    the articles' source
--   country_iso3 VARCHAR   ISO 3166-1 alpha-3 code (for maps)
--   country_name VARCHAR   the country entity's canonical name, when the country itself was mentioned
--   mentions BIGINT        mentions of places in the country
--   articles BIGINT        articles mentioning a place in the country
SELECT CAST(date_trunc('month', day) AS DATE) AS month, source_name, country_iso3,
       max(canonical_name) FILTER (WHERE entity_type = 'GPE' AND entity_id IN
           (SELECT entity_id FROM entities_current WHERE subtype = 'country')) AS country_name,
       CAST(sum(mentions) AS BIGINT) AS mentions, count(DISTINCT article_id) AS articles
FROM article_entities
WHERE entity_type IN ('GPE', 'LOC') AND country_iso3 IS NOT NULL
GROUP BY ALL
