-- stg_fetches: one row per URL fetch attempt. Rename and cast only.
-- Columns: source_name, url, canonical_url, final_url, outcome, http_status (INTEGER), etag, last_modified,
-- raw_id, attempts (INTEGER), error_type, message, fetched_at, run_id, ingest_date.
SELECT source_name, url, canonical_url, final_url, outcome, CAST(http_status AS INTEGER) AS http_status, etag,
       last_modified, raw_id, CAST(attempts AS INTEGER) AS attempts, error_type, message,
       CAST(fetched_at AS TIMESTAMPTZ) AS fetched_at, run_id, ingest_date
FROM fetches
