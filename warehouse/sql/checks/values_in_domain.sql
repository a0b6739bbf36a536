-- values_in_domain: enumerated columns hold known values and numbers respect their interval.
SELECT 'entity_mentions.type' AS what, "type" AS value FROM entity_mentions
    WHERE "type" NOT IN ('PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'WEAPON', 'PLATFORM', 'VEHICLE', 'FACILITY', 'OPERATION', 'EVENT')
UNION ALL SELECT 'entities.type', "type" FROM entities
    WHERE "type" NOT IN ('PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'WEAPON', 'PLATFORM', 'VEHICLE', 'FACILITY', 'OPERATION', 'EVENT')
UNION ALL SELECT 'entities.country', country FROM entities WHERE NOT regexp_full_match(country, '[A-Z]{3}')
UNION ALL SELECT 'quantities.kind', kind FROM quantities WHERE kind NOT IN ('count', 'money', 'percent', 'fraction', 'measure')
UNION ALL SELECT 'quantities.low<=high', "text" FROM quantities WHERE low > high
UNION ALL SELECT 'temporal_expressions.type', "type" FROM temporal_expressions WHERE "type" NOT IN ('DATE', 'TIME', 'DURATION', 'SET')
UNION ALL SELECT 'runs.status', status FROM runs
    WHERE status NOT IN ('running', 'completed', 'empty', 'failed', 'failed_checks')
