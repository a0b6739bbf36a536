-- stg_rejects: one row per input that failed a stage. Rename and cast only.
-- Columns: run_id, stage, source_name, source_uri, raw_id, error_type, message, rejected_at, ingest_date.
SELECT run_id, stage, source_name, source_uri, raw_id, error_type, message,
       CAST("at" AS TIMESTAMPTZ) AS rejected_at, ingest_date
FROM rejects
