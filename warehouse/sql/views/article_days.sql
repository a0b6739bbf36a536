-- depends: articles_current
-- article_days: the current revision of each article (see articles_current) with the day it counts on.
-- Columns: article_id, revision, day (published date, else the UTC date it was ingested), published_date,
-- source_name, domain, language, title, url, word_count.
SELECT article_id, revision,
       coalesce(published_at, CAST(timezone('UTC', ingested_at) AS DATE)) AS day,
       published_at AS published_date, source_name, domain, language, title,
       coalesce(canonical_url, url) AS url, word_count
FROM articles_current
