-- incidents_weekly: incidents by week, country, type and actor, with their toll (one row per group).
-- order: week, country, event_type
-- A report's country is its place's country, else its actor2's, else its actor1's; its actor is actor1 (the
-- canonical name of its entity, else the text). An incident's toll is the largest any report of it states,
-- so that reprints and follow-ups are not counted twice; its week and country are those of its first report.
-- Columns:
--   week DATE                the Monday of the incident's week (ISO)
--   country VARCHAR          ISO 3166-1 alpha-3 (null when no report names one)
--   event_type VARCHAR       battles | explosions_remote_violence | ... | procurement | deployment | exercise | ...
--   subtype VARCHAR          the ontology's sub-event type
--   actor VARCHAR            who acted (null when no report says)
--   actor_sector VARCHAR     military | government | armed_group | civilians | police | company | ...
--   incidents BIGINT         distinct incidents
--   reports BIGINT           the article rows behind them
--   fatalities DOUBLE        people killed (the sum over incidents of each incident's largest stated toll)
--   injured DOUBLE, captured DOUBLE, missing DOUBLE   the same for injured, captured, missing
--   amount_usd DOUBLE        money of the incidents stated in US dollars (contracts, sales)
WITH reports AS (
    SELECT i.*, coalesce(i.place_country, i.actor2_country, i.actor1_country) AS country,
           coalesce(e.canonical_name, i.actor1_text) AS actor
    FROM incidents i
    LEFT JOIN entities_current e ON e.entity_id = i.actor1_entity_id
),
per_incident AS (
    SELECT incident_id,
           arg_min(date_trunc('week', coalesce(event_date, published_date)), report_key) AS week,
           arg_min(country, report_key) AS country, arg_min(event_type, report_key) AS event_type,
           arg_min(subtype, report_key) AS subtype, arg_min(actor, report_key) AS actor,
           arg_min(actor1_sector, report_key) AS actor_sector, count(*) AS reports,
           max(fatalities) AS fatalities, max(injured) AS injured, max(captured) AS captured,
           max("missing") AS "missing", max(CASE WHEN currency = 'USD' THEN amount END) AS amount_usd
    FROM reports
    GROUP BY incident_id
)
SELECT CAST(week AS DATE) AS week, country, event_type, subtype, actor, actor_sector,
       count(*) AS incidents, sum(reports) AS reports,
       sum(fatalities) AS fatalities, sum(injured) AS injured, sum(captured) AS captured,
       sum("missing") AS "missing", sum(amount_usd) AS amount_usd
FROM per_incident
GROUP BY ALL
