-- depends: stg_entities
-- entities_current: one row per entity_id, the row written last (runs may write an entity again).
-- Columns: entity_id, canonical_name, entity_type, subtype, country_iso3, aliases, wikidata_id, entity_source.
SELECT entity_id, canonical_name, entity_type, subtype, country_iso3, aliases, wikidata_id, entity_source
FROM stg_entities
QUALIFY row_number() OVER (PARTITION BY entity_id ORDER BY ingest_date DESC, run_id DESC) = 1
