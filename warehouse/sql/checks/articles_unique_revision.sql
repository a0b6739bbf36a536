-- articles_unique_revision: an article's revision is written once.
SELECT article_id, revision, count(*) AS copies FROM articles GROUP BY ALL HAVING count(*) > 1
