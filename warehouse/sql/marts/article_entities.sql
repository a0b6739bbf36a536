-- article_entities: one row per (current article, entity) — the bridge the other entity marts and the
-- dashboard's entity filter use.
-- order: day, article_id
-- Columns:
--   day DATE               the article's day (see articles_daily)
--   source_name VARCHAR    the article's source
--   article_id VARCHAR     the article
--   entity_id VARCHAR      the canonical entity
--   entity_type VARCHAR    PERSON, ORG, GPE, LOC, NORP, WEAPON, PLATFORM, VEHICLE, FACILITY, OPERATION, EVENT
--   canonical_name VARCHAR the entity's canonical name (the mention's text when the entity is not in entities)
--   country_iso3 VARCHAR   the entity's ISO 3166-1 alpha-3 country, if any
--   mentions BIGINT        mentions of the entity in the article
--   first_sentence INTEGER the first sentence that mentions it
--   dated BOOLEAN          the article has a publication date (false: day is its ingest day)
--   spans INTEGER[][]      [start_offset, end_offset] of each mention in the text, in order (for passages)
SELECT d.day, d.source_name, m.article_id, m.entity_id,
       coalesce(any_value(e.entity_type), mode(m.entity_type)) AS entity_type,
       coalesce(any_value(e.canonical_name), mode(m.mention_text)) AS canonical_name,
       any_value(e.country_iso3) AS country_iso3,
       count(*) AS mentions, min(m.sentence) AS first_sentence, d.published_date IS NOT NULL AS dated,
       list([m.start_offset, m.end_offset] ORDER BY m.start_offset) AS spans
FROM stg_entity_mentions m
JOIN article_days d ON d.article_id = m.article_id AND d.revision = m.revision
LEFT JOIN entities_current e ON e.entity_id = m.entity_id
WHERE m.entity_id IS NOT NULL
GROUP BY d.day, d.source_name, m.article_id, m.entity_id, d.published_date
