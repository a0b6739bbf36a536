-- quantity_claims: every number claim in a current article, with its event, entity and dates; the
-- casualty timeline is the rows where is_casualty.
-- order: day, article_id, start_offset
-- Columns:
--   day DATE                 the event date if known, else the article's day
--   event_date DATE          start of the first day-precise date in the same sentence (null if none)
--   published_date DATE      the article's day
--   source_name VARCHAR      the article's source
--   article_id VARCHAR, revision VARCHAR, title VARCHAR, url VARCHAR   the article
--   sentence INTEGER         sentence index in the text
--   start_offset INTEGER     character offset of the claim in the text
--   claim_text VARCHAR       the number expression as written
--   kind VARCHAR             count | money | percent | fraction | measure
--   event VARCHAR            killed | wounded | captured | missing | casualties | displaced | ... (null if none)
--   is_casualty BOOLEAN      event is killed, wounded, captured, missing or casualties
--   value DOUBLE, low DOUBLE, high DOUBLE   the stated value and the interval it states
--   approximate BOOLEAN, qualifier VARCHAR  hedging
--   unit VARCHAR, currency VARCHAR          unit of a measure, ISO 4217 of money
--   counted_object VARCHAR                  what is counted ("Houthi fighters")
--   entity_id VARCHAR        the entity in the counted phrase, else the first PERSON/ORG/NORP/GPE of the sentence
--   entity_name VARCHAR      its canonical name
WITH q AS (
    SELECT q.*, d.day AS published_date, d.source_name, d.title, d.url
    FROM stg_quantities q
    JOIN article_days d ON d.article_id = q.article_id AND d.revision = q.revision
),
sentence_dates AS (
    SELECT article_id, revision, sentence, arg_min(start_date, start_offset) AS event_date
    FROM stg_temporal_expressions
    WHERE timex_type = 'DATE' AND granularity = 'day' AND start_date IS NOT NULL AND sentence IS NOT NULL
    GROUP BY ALL
),
sentence_actors AS (
    SELECT article_id, revision, sentence, arg_min(entity_id, start_offset) AS entity_id
    FROM stg_entity_mentions
    WHERE entity_type IN ('PERSON', 'ORG', 'NORP', 'GPE') AND entity_id IS NOT NULL AND sentence IS NOT NULL
    GROUP BY ALL
)
SELECT coalesce(sd.event_date, q.published_date) AS day, sd.event_date, q.published_date, q.source_name,
       q.article_id, q.revision, q.title, q.url, q.sentence, q.start_offset, q.quantity_text AS claim_text,
       q.kind, q.event, coalesce(q.event IN ('killed', 'wounded', 'captured', 'missing', 'casualties'), false) AS is_casualty,
       q."value", q.low, q.high, q.approximate, q.qualifier, q.unit, q.currency, q.counted_object,
       coalesce(q.object_entity_id, sa.entity_id) AS entity_id, e.canonical_name AS entity_name
FROM q
LEFT JOIN sentence_dates sd USING (article_id, revision, sentence)
LEFT JOIN sentence_actors sa USING (article_id, revision, sentence)
LEFT JOIN entities_current e ON e.entity_id = coalesce(q.object_entity_id, sa.entity_id)
