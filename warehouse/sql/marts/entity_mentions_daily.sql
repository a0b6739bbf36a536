-- entity_mentions_daily: mentions of each entity per day and source, current articles only.
-- depends: article_entities
-- order: day, entity_type, entity_id
-- Columns:
--   day DATE               the articles' day
--   source_name VARCHAR    the articles' source
--   entity_id VARCHAR      the canonical entity
--   entity_type VARCHAR    its type
--   canonical_name VARCHAR its name
--   mentions BIGINT        mentions that day in that source
--   articles BIGINT        articles mentioning it that day in that source
--   undated BIGINT         of those articles, the ones with no publication date (day is their ingest day)
SELECT day, source_name, entity_id, any_value(entity_type) AS entity_type,
       any_value(canonical_name) AS canonical_name, CAST(sum(mentions) AS BIGINT) AS mentions, count(*) AS articles,
       count(*) FILTER (WHERE NOT dated) AS undated
FROM article_entities
GROUP BY day, source_name, entity_id
