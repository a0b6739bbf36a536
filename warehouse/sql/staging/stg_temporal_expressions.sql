-- stg_temporal_expressions: one row per date/time expression. Rename and cast only.
-- Columns: article_id, revision, start_offset, end_offset, sentence, date_text, timex_type, timex_value,
-- start_date, end_date, granularity, timex_mod, anchor, anchor_date, run_id, ingest_date.
SELECT
    article_id, revision,
    CAST("start" AS INTEGER) AS start_offset, CAST("end" AS INTEGER) AS end_offset,
    CAST(sentence AS INTEGER) AS sentence, "text" AS date_text, "type" AS timex_type, "value" AS timex_value,
    CAST(start_date AS DATE) AS start_date, CAST(end_date AS DATE) AS end_date, granularity,
    "mod" AS timex_mod, anchor, CAST(anchor_date AS DATE) AS anchor_date, run_id, ingest_date
FROM temporal_expressions
