-- articles_daily: articles per day per source and language, duplicates excluded (one count per article:
-- its latest revision that is not a duplicate of another article).
-- order: day, source_name, language
-- Columns:
--   day DATE             published date, else the UTC date the article was ingested
--   source_name VARCHAR  the source's name
--   language VARCHAR     ISO 639-1 code (null when unknown)
--   articles BIGINT      distinct articles
--   words BIGINT         their words
--   undated BIGINT       of the articles, those with no publication date (counted on their ingest day, so
--                        that a dashboard can show them apart instead of as a spike on the day they were read)
SELECT day, source_name, language, count(DISTINCT article_id) AS articles, CAST(sum(word_count) AS BIGINT) AS words,
       count(DISTINCT article_id) FILTER (WHERE published_date IS NULL) AS undated
FROM article_days
GROUP BY ALL
