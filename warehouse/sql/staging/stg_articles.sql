-- stg_articles: one row per revision of one article (all revisions, duplicates included).
-- Rename and cast only. Columns: article_id, revision, url, canonical_url, domain, source_name, title,
-- authors, published_date (DATE), published_source, language, description, text, word_count,
-- duplicate_of, duplicate_kind, extraction_method, charset, charset_source, raw_id, ingested_at (TIMESTAMPTZ),
-- run_id, ingest_date.
SELECT
    article_id, revision, url, canonical_url, domain, source_name, title, authors,
    CAST(published_at AS DATE) AS published_date,
    published_source, language, description, text,
    CAST(word_count AS INTEGER) AS word_count,
    duplicate_of, duplicate_kind, extraction_method, charset, charset_source, raw_id,
    CAST(ingested_at AS TIMESTAMPTZ) AS ingested_at,
    run_id, ingest_date
FROM articles
