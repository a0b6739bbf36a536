-- top_entities_weekly: the 10 most mentioned entities of each type in each ISO week (all sources).
-- depends: entity_mentions_daily
-- order: week, entity_type, rank
-- Columns:
--   week DATE              the Monday the ISO week starts on
--   entity_type VARCHAR    the type ranked within
--   rank BIGINT            1 = most mentioned (ties broken by articles, then name)
--   entity_id VARCHAR      the canonical entity
--   canonical_name VARCHAR its name
--   mentions BIGINT        mentions that week
--   articles BIGINT        articles mentioning it that week
WITH weekly AS (
    SELECT CAST(date_trunc('week', day) AS DATE) AS week, entity_type, entity_id,
           any_value(canonical_name) AS canonical_name, CAST(sum(mentions) AS BIGINT) AS mentions, CAST(sum(articles) AS BIGINT) AS articles
    FROM entity_mentions_daily
    GROUP BY ALL
)
SELECT week, entity_type,
       row_number() OVER (PARTITION BY week, entity_type ORDER BY mentions DESC, articles DESC, canonical_name) AS rank,
       entity_id, canonical_name, mentions, articles
FROM weekly
QUALIFY rank <= 10
