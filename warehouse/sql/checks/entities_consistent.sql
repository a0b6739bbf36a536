-- entities_consistent: an entity_id names one entity (a run may write it again, but the same way).
SELECT entity_id, count(DISTINCT (canonical_name, "type", coalesce(country, ''))) AS definitions
FROM entities GROUP BY entity_id HAVING definitions > 1
