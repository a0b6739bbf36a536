-- raw_documents_unique: one row per stored document and place it was read from.
SELECT raw_id, source_uri, count(*) AS copies FROM raw_documents GROUP BY ALL HAVING count(*) > 1
