-- stg_raw_documents: one row per fetch or load. Rename and cast only.
-- Columns: raw_id, source_name, source_uri, final_url, fetched_at, http_status (INTEGER), content_type,
-- content_encoding, byte_size, run_id, ingest_date.
SELECT
    raw_id, source_name, source_uri, final_url, CAST(fetched_at AS TIMESTAMPTZ) AS fetched_at,
    CAST(http_status AS INTEGER) AS http_status, content_type, content_encoding,
    CAST(byte_size AS BIGINT) AS byte_size, run_id, ingest_date
FROM raw_documents
