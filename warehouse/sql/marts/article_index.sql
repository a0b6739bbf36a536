-- article_index: one row per current article (latest revision, duplicates excluded), for search and links.
-- order: day, article_id
-- Columns:
--   day DATE             published date, else the UTC date the article was ingested
--   article_id VARCHAR   stable id of the article
--   revision VARCHAR     sha256 of the current text
--   source_name VARCHAR  the source's name
--   domain VARCHAR       host of the canonical URL
--   language VARCHAR     ISO 639-1 code
--   title VARCHAR        the title
--   url VARCHAR          canonical URL, else the URL read
--   word_count INTEGER   words in the text
--   text VARCHAR         the cleaned text
--   dated BOOLEAN        the article has a publication date (false: day is its ingest day)
SELECT coalesce(published_at, CAST(timezone('UTC', ingested_at) AS DATE)) AS day, article_id, revision,
       source_name, domain, language, title, coalesce(canonical_url, url) AS url, word_count, text,
       published_at IS NOT NULL AS dated
FROM articles_current
