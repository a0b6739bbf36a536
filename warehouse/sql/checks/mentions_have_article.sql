-- mentions_have_article: every mention, quantity and date points to an article revision that exists.
SELECT 'entity_mentions' AS tbl, article_id, revision FROM entity_mentions m
    ANTI JOIN articles a ON a.article_id = m.article_id AND a.revision = m.revision
UNION ALL
SELECT 'quantities', article_id, revision FROM quantities q
    ANTI JOIN articles a ON a.article_id = q.article_id AND a.revision = q.revision
UNION ALL
SELECT 'temporal_expressions', article_id, revision FROM temporal_expressions t
    ANTI JOIN articles a ON a.article_id = t.article_id AND a.revision = t.revision
