-- mentions_entity_exists: every mention's entity_id, and every quantity's object_entity_id, is in entities.
SELECT 'entity_mentions' AS tbl, article_id, "start", entity_id FROM entity_mentions m
    WHERE entity_id IS NOT NULL AND entity_id NOT IN (SELECT entity_id FROM entities)
UNION ALL
SELECT 'quantities', article_id, "start", object_entity_id FROM quantities
    WHERE object_entity_id IS NOT NULL AND object_entity_id NOT IN (SELECT entity_id FROM entities)
