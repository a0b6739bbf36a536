-- stg_events: one row per incident reported by an article revision. Rename and cast only.
-- Columns: article_id, revision, event_index, start_offset, end_offset, sentence, event_type, subtype,
-- trigger_text, confidence, actor1_entity_id, actor1_text, actor1_country, actor1_sector, actor2_entity_id,
-- actor2_text, actor2_country, actor2_sector, platform_or_weapon, place_entity_id, place_text, place_country,
-- event_date, date_granularity, date_source, fatalities, fatalities_low, fatalities_high, fatalities_hedge,
-- injured, injured_low, injured_high, injured_hedge, captured, captured_low, captured_high, captured_hedge,
-- missing, missing_low, missing_high, missing_hedge, amount, currency, run_id, ingest_date.
SELECT
    article_id, revision, CAST(event_index AS INTEGER) AS event_index,
    CAST("start" AS INTEGER) AS start_offset, CAST("end" AS INTEGER) AS end_offset,
    CAST(sentence AS INTEGER) AS sentence, event_type, subtype, "trigger" AS trigger_text,
    CAST(confidence AS DOUBLE) AS confidence,
    actor1_entity_id, actor1_text, actor1_country, actor1_sector,
    actor2_entity_id, actor2_text, actor2_country, actor2_sector,
    platform_or_weapon, place_entity_id, place_text, place_country,
    CAST("date" AS DATE) AS event_date, date_granularity, date_source,
    fatalities, fatalities_low, fatalities_high, fatalities_hedge,
    injured, injured_low, injured_high, injured_hedge,
    captured, captured_low, captured_high, captured_hedge,
    "missing", missing_low, missing_high, missing_hedge,
    amount, currency, run_id, ingest_date
FROM events
