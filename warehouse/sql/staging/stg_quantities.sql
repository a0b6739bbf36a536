-- stg_quantities: one row per number expression. Rename and cast only.
-- Columns: article_id, revision, start_offset, end_offset, sentence, quantity_text, value, low, high,
-- approximate, qualifier, kind, unit, currency, counted_object, object_entity_id, event, run_id, ingest_date.
SELECT
    article_id, revision,
    CAST("start" AS INTEGER) AS start_offset, CAST("end" AS INTEGER) AS end_offset,
    CAST(sentence AS INTEGER) AS sentence, "text" AS quantity_text,
    CAST("value" AS DOUBLE) AS "value", CAST(low AS DOUBLE) AS low, CAST(high AS DOUBLE) AS high,
    approximate, qualifier, kind, unit, currency, "object" AS counted_object, object_entity_id, event,
    run_id, ingest_date
FROM quantities
