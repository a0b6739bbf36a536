-- events_have_article: every event points to an article revision that exists, and its sentence span lies
-- inside that revision's text.
SELECT 'no article' AS problem, e.article_id, e.revision, e.event_index FROM events e
    ANTI JOIN articles a ON a.article_id = e.article_id AND a.revision = e.revision
UNION ALL
SELECT 'span outside the text', e.article_id, e.revision, e.event_index FROM events e
    JOIN articles a ON a.article_id = e.article_id AND a.revision = e.revision
    WHERE e."start" < 0 OR e."end" > length(a.text) OR e."start" >= e."end"
