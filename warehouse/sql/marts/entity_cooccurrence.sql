-- entity_cooccurrence: pairs of entities mentioned in the same current article, each pair once
-- (entity_a < entity_b), with how often and when.
-- depends: article_entities
-- order: entity_a, entity_b
-- Columns:
--   entity_a VARCHAR, entity_b VARCHAR      the two entity ids, entity_a < entity_b
--   name_a VARCHAR, name_b VARCHAR          their canonical names
--   type_a VARCHAR, type_b VARCHAR          their types
--   articles BIGINT                         articles mentioning both
--   first_seen DATE, last_seen DATE         the first and last day of such an article
SELECT a.entity_id AS entity_a, b.entity_id AS entity_b,
       any_value(a.canonical_name) AS name_a, any_value(b.canonical_name) AS name_b,
       any_value(a.entity_type) AS type_a, any_value(b.entity_type) AS type_b,
       count(*) AS articles, min(a.day) AS first_seen, max(a.day) AS last_seen
FROM article_entities a
JOIN article_entities b ON a.article_id = b.article_id AND a.entity_id < b.entity_id
GROUP BY a.entity_id, b.entity_id
