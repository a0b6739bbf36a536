-- dates_in_range: dates are plausible — an interval's start is not after its end and lies in years
-- 1000..2200; a publication date is not before 1900 nor after the day the article was ingested.
SELECT 'temporal_expressions' AS tbl, article_id, CAST(start_date AS VARCHAR) AS start_date,
       CAST(end_date AS VARCHAR) AS end_date
FROM temporal_expressions
WHERE start_date > end_date OR year(start_date) NOT BETWEEN 1000 AND 2200 OR year(end_date) NOT BETWEEN 1000 AND 2200
UNION ALL
SELECT 'articles', article_id, CAST(published_at AS VARCHAR), CAST(ingested_at AS VARCHAR)
FROM articles
WHERE published_at < DATE '1900-01-01' OR published_at > CAST(timezone('UTC', ingested_at) AS DATE) + 1
