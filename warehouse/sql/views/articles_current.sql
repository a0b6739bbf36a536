-- articles_current: the latest revision of every article that is not a duplicate of another.
-- One row per article_id; the columns of `articles`.
SELECT *
FROM articles
WHERE duplicate_of IS NULL
QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY ingested_at DESC, revision) = 1
