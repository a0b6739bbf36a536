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
--   is_military BOOLEAN      a casualty claim of armed conflict (false for any other claim): its counted object
--                            names combatants (soldiers, troops, fighters, militants, ...); or its sentence, or
--                            the entity it counts, names an armed force or a means of war (a WEAPON, PLATFORM
--                            or OPERATION entity; an ORG of subtype armed_group, separatist_entity, service,
--                            command, combatant_command, fleet, unit or military_operation); or the text
--                            within 160 characters of it speaks of fighting (strike, shelling, missile, drone,
--                            attack, battle, ...). A health, accident or disaster toll has none of these.
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
sentence_military AS (
    SELECT DISTINCT m.article_id, m.revision, m.sentence
    FROM stg_entity_mentions m
    LEFT JOIN entities_current e ON e.entity_id = m.entity_id
    WHERE m.sentence IS NOT NULL AND (coalesce(e.entity_type, m.entity_type) IN ('WEAPON', 'PLATFORM', 'OPERATION')
          OR e.subtype IN ('armed_group', 'separatist_entity', 'service', 'command', 'combatant_command', 'fleet',
                           'unit', 'military_operation'))
),
fighting_words AS (
    SELECT q.article_id, q.revision, q.start_offset,
           regexp_matches(lower(substring(a.text, greatest(1, q.start_offset + 1 - 160),
                                          least(q.start_offset, 160) + 160 + q.end_offset - q.start_offset)),
                          '\b(strikes?|struck|airstrikes?|air raids?|raids?|attack(s|ed)?|shell(s|ed|ing)?|bombard\w*|'
                          'bomb(s|ed|ing|ings)?|missiles?|rockets?|drones?|artillery|mortars?|offensive|battles?|'
                          'fighting|clash(es|ed)?|ambush\w*|combat|war|front ?line|invasion|frapp\w*)\b') AS fighting
    FROM q
    JOIN articles_current a ON a.article_id = q.article_id AND a.revision = q.revision
    WHERE q.event IN ('killed', 'wounded', 'captured', 'missing', 'casualties')
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
       coalesce(q.event IN ('killed', 'wounded', 'captured', 'missing', 'casualties') AND (
           regexp_matches(lower(coalesce(q.counted_object, '')),
                          '\b(soldiers?|troops?|servicem[ae]n|service ?members?|servicewomen|fighters?|militants?|'
                          'insurgents?|rebels?|combatants?|militiam[ae]n|militias?|guerrillas?|mercenar(y|ies)|'
                          'marines?|sailors?|airmen|paratroopers?|commandos?|conscripts?|jihadists?|gunmen|'
                          'personnel|military|army|forces)\b')
           OR sm.sentence IS NOT NULL OR oe.entity_type IN ('WEAPON', 'PLATFORM', 'OPERATION')
           OR oe.subtype IN ('armed_group', 'separatist_entity', 'service', 'command', 'combatant_command', 'fleet',
                             'unit', 'military_operation')
           OR fw.fighting), false) AS is_military,
       q."value", q.low, q.high, q.approximate, q.qualifier, q.unit, q.currency, q.counted_object,
       coalesce(q.object_entity_id, sa.entity_id) AS entity_id, e.canonical_name AS entity_name
FROM q
LEFT JOIN sentence_dates sd USING (article_id, revision, sentence)
LEFT JOIN sentence_actors sa USING (article_id, revision, sentence)
LEFT JOIN sentence_military sm USING (article_id, revision, sentence)
LEFT JOIN fighting_words fw USING (article_id, revision, start_offset)
LEFT JOIN entities_current oe ON oe.entity_id = q.object_entity_id
LEFT JOIN entities_current e ON e.entity_id = coalesce(q.object_entity_id, sa.entity_id)
