-- money_claims: every amount of money (a quantity of kind money) in a current article, with the text around
-- it, whether that text reads as a contract, and the companies, systems and countries its sentence names.
-- order: day, article_id, start_offset
-- Columns:
--   day DATE                 the article's day (see articles_daily)
--   dated BOOLEAN            the article has a publication date (false: day is its ingest day)
--   source_name VARCHAR      the article's source
--   article_id VARCHAR, revision VARCHAR, title VARCHAR, url VARCHAR   the article
--   sentence INTEGER         sentence index in the text
--   start_offset INTEGER, end_offset INTEGER   the amount's character offsets in the text
--   claim_text VARCHAR       the amount as written ("$4.75 billion")
--   value DOUBLE, low DOUBLE, high DOUBLE   the stated value and the interval it states
--   approximate BOOLEAN      hedged ("about", "nearly", ...)
--   currency VARCHAR         ISO 4217 code ("?" when the amount names none)
--   context VARCHAR          the text from up to 200 characters before the amount to 200 characters after it
--   context_start INTEGER    where the amount starts in context
--   is_contract BOOLEAN      context speaks of a contract, an award, an order, a deal, a sale, a purchase,
--                            an acquisition, a tender or an agreement ("in order to" does not count)
--   parties STRUCT[]         what its sentence names, each once: {dimension: company (an ORG of subtype
--                            company) | system (a WEAPON or PLATFORM entity) | country (the country of a GPE or
--                            LOC place), party: entity id or ISO 3166-1 alpha-3, party_name, entity_id: the
--                            entity to filter on (for a country, the country's own entity when there is one)}
WITH money AS (
    SELECT q.article_id, q.revision, q.sentence, q.start_offset, q.end_offset, q.quantity_text, q."value", q.low,
           q.high, q.approximate, coalesce(q.currency, '?') AS currency,
           d.day, d.published_date, d.source_name, d.title, d.url
    FROM stg_quantities q
    JOIN article_days d ON d.article_id = q.article_id AND d.revision = q.revision
    WHERE q.kind = 'money'
),
countries AS (
    SELECT country_iso3, min(entity_id) AS entity_id, arg_min(canonical_name, entity_id) AS country_name
    FROM entities_current
    WHERE subtype = 'country' AND country_iso3 IS NOT NULL
    GROUP BY 1
),
named AS (
    SELECT DISTINCT m.article_id, m.revision, m.sentence,
           CASE WHEN coalesce(e.entity_type, m.entity_type) IN ('WEAPON', 'PLATFORM') THEN 'system'
                WHEN e.subtype = 'company' THEN 'company' ELSE 'country' END AS dimension,
           CASE WHEN coalesce(e.entity_type, m.entity_type) IN ('WEAPON', 'PLATFORM') OR e.subtype = 'company'
                THEN m.entity_id ELSE e.country_iso3 END AS party,
           CASE WHEN coalesce(e.entity_type, m.entity_type) IN ('WEAPON', 'PLATFORM') OR e.subtype = 'company'
                THEN coalesce(e.canonical_name, m.mention_text) ELSE coalesce(c.country_name, e.country_iso3) END AS party_name,
           CASE WHEN coalesce(e.entity_type, m.entity_type) IN ('WEAPON', 'PLATFORM') OR e.subtype = 'company'
                THEN m.entity_id ELSE c.entity_id END AS entity_id
    FROM stg_entity_mentions m
    JOIN (SELECT DISTINCT article_id, revision, sentence FROM money) s
      ON s.article_id = m.article_id AND s.revision = m.revision AND s.sentence = m.sentence
    LEFT JOIN entities_current e ON e.entity_id = m.entity_id
    LEFT JOIN countries c ON c.country_iso3 = e.country_iso3
    WHERE m.entity_id IS NOT NULL
      AND (coalesce(e.entity_type, m.entity_type) IN ('WEAPON', 'PLATFORM') OR e.subtype = 'company'
           OR (coalesce(e.entity_type, m.entity_type) IN ('GPE', 'LOC') AND e.country_iso3 IS NOT NULL))
),
parties AS (
    SELECT article_id, revision, sentence,
           list({'dimension': dimension, 'party': party, 'party_name': party_name, 'entity_id': entity_id}
                ORDER BY dimension, party_name) AS parties
    FROM named
    GROUP BY ALL
),
context AS (
    SELECT m.article_id, m.revision, m.start_offset, least(m.start_offset, 200) AS context_start,
           substring(a.text, greatest(1, m.start_offset + 1 - 200),
                     least(m.start_offset, 200) + 200 + m.end_offset - m.start_offset) AS context
    FROM money m
    JOIN articles_current a ON a.article_id = m.article_id AND a.revision = m.revision
)
SELECT m.day, m.published_date IS NOT NULL AS dated, m.source_name, m.article_id, m.revision, m.title, m.url,
       m.sentence, m.start_offset, m.end_offset, m.quantity_text AS claim_text, m."value", m.low, m.high,
       m.approximate, m.currency, c.context, c.context_start,
       coalesce(regexp_matches(replace(lower(c.context), 'in order to', ''),
                               '\b(contracts?|contracted|contractors?|award(s|ed)?|deals?|orders?|ordered|procure\w*|'
                               'purchas\w*|buys?|buying|bought|sales?|sells?|selling|sold|acquisitions?|acquir\w*|'
                               'tenders?|agreements?)\b'), false) AS is_contract,
       coalesce(p.parties, []) AS parties
FROM money m
LEFT JOIN context c ON c.article_id = m.article_id AND c.revision = m.revision AND c.start_offset = m.start_offset
LEFT JOIN parties p ON p.article_id = m.article_id AND p.revision = m.revision AND p.sentence = m.sentence
