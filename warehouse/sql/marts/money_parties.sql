-- money_parties: one row per amount of money and party its sentence names (a company, a system or a
-- country, see money_claims.parties): the amounts by company, system and country. An amount counts once
-- for each party, so the amounts of one dimension can add up to more than the amounts stated.
-- depends: money_claims
-- order: day, dimension, party
-- Columns:
--   day DATE, dated BOOLEAN, source_name VARCHAR, article_id VARCHAR, start_offset INTEGER   the amount (money_claims)
--   value DOUBLE, currency VARCHAR, is_contract BOOLEAN                                    its value and kind
--   dimension VARCHAR        company | system | country
--   party VARCHAR            the entity id (company, system) or ISO 3166-1 alpha-3 code (country)
--   party_name VARCHAR       its name
--   entity_id VARCHAR        the entity to filter on (a country's own entity, when there is one)
WITH named AS (
    SELECT day, dated, source_name, article_id, start_offset, "value", currency, is_contract, unnest(parties) AS p
    FROM money_claims
)
SELECT day, dated, source_name, article_id, start_offset, "value", currency, is_contract,
       p.dimension AS dimension, p.party AS party, p.party_name AS party_name, p.entity_id AS entity_id
FROM named
