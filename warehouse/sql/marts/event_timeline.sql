-- event_timeline: dated events — each date expression of a current article joined to the entities
-- mentioned in the same sentence of the same article revision (one row per date and entity).
-- order: event_date, entity_id
-- Columns:
--   event_date DATE          start of the interval the expression denotes
--   end_date DATE            its end (inclusive)
--   granularity VARCHAR      day | week | month | quarter | season | year | ...
--   timex_value VARCHAR      TIMEX3 value (2019-11-21, 2019-W47, ...)
--   date_text VARCHAR        the expression as written
--   article_id VARCHAR, revision VARCHAR, sentence INTEGER   where it was found
--   entity_id VARCHAR        an entity of that sentence
--   entity_type VARCHAR      its type
--   canonical_name VARCHAR   its canonical name
--   mention_text VARCHAR     the entity as written (first mention in the sentence)
--   published_date DATE      the article's day
--   source_name VARCHAR, title VARCHAR, url VARCHAR   the article
SELECT t.start_date AS event_date, t.end_date, t.granularity, t.timex_value, t.date_text,
       t.article_id, t.revision, t.sentence, m.entity_id,
       coalesce(e.entity_type, m.entity_type) AS entity_type,
       coalesce(e.canonical_name, m.mention_text) AS canonical_name, m.mention_text,
       d.day AS published_date, d.source_name, d.title, d.url
FROM stg_temporal_expressions t
JOIN article_days d ON d.article_id = t.article_id AND d.revision = t.revision
JOIN stg_entity_mentions m ON m.article_id = t.article_id AND m.revision = t.revision AND m.sentence = t.sentence
LEFT JOIN entities_current e ON e.entity_id = m.entity_id
WHERE t.timex_type = 'DATE' AND t.start_date IS NOT NULL AND m.entity_id IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY t.article_id, t.revision, t.start_offset, m.entity_id ORDER BY m.start_offset) = 1
