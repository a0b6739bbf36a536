-- offsets_inside_text: 0 <= start < end <= length(text), and text[start:end] is the span's text, for every
-- mention, quantity and date (character offsets, end exclusive).
WITH spans AS (
    SELECT 'entity_mentions' AS tbl, article_id, revision, "start", "end", "text" FROM entity_mentions
    UNION ALL SELECT 'quantities', article_id, revision, "start", "end", "text" FROM quantities
    UNION ALL SELECT 'temporal_expressions', article_id, revision, "start", "end", "text" FROM temporal_expressions
),
texts AS (SELECT DISTINCT ON (article_id, revision) article_id, revision, text AS article_text FROM articles)
SELECT s.tbl, s.article_id, s."start", s."end", s."text"
FROM spans s JOIN texts t USING (article_id, revision)
WHERE s."start" < 0 OR s."end" <= s."start" OR s."end" > length(t.article_text)
   OR substring(t.article_text, s."start" + 1, s."end" - s."start") <> s."text"
