-- incidents: every event of the latest revision of every article (duplicates and reprints included), with
-- the incident_id it shares with the reports of the same real incident in other articles.
-- A report that tells, word for word (case, spacing and punctuation aside, 40 characters or more), the sentence
-- of a report of the same event_type and subtype in an earlier article, at most 30 days later (or undated), is that
-- report's reprint (wire copy, a trimmed re-run): it takes that report's incident_id and takes no part in the
-- pairing below, so that a reprint never joins two reports of one article (an article tells each incident once).
-- Two reports are one incident when they are of the same event_type and subtype, dated within 3 days of each
-- other, at the same place entity (or, when neither names a place, by the same actor1 entity), and their
-- actors do not contradict each other (actor1 entities, and actor2 entities, where both have one, are the
-- same: two contracts of one office on one day to two firms are two incidents; named ships, where
-- both name one, overlap: two ships of one navy on one day are two incidents though the navy is actor1);
-- or, when both name a ship, the same ship with places that do not differ (one may name none).
-- Reports that say as much as each other (both with or both without an actor1, an actor2, ships, a place)
-- form connected groups of such pairs; a group that says less (no actor1, no ship, ...) then joins one
-- group that says all it says and more, the one it has most pairs with, never two: a report naming no actor
-- does not bridge two incidents of different actors at one place. incident_id is an md5 of the least key
-- (article_id:event_index) of the incident's reports, so it is stable while that report is kept. Computed
-- here, at each catalog refresh, rather than when an article is stored: a later report can join an earlier
-- incident, and a view needs no state that a reprocess would leave stale.
-- Columns: incident_id, reports (how many rows share it), report_key, and the columns of stg_events, plus
-- published_date, source_name, title, url of the article.
WITH RECURSIVE latest AS (
    SELECT article_id, revision
    FROM articles
    QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY ingested_at DESC, revision) = 1
),
ev AS (
    SELECT e.*, e.article_id || ':' || e.event_index AS report_key,
           coalesce(e.event_date, a.published_at) AS on_day,
           coalesce(coalesce(a.published_at, e.event_date)::VARCHAR, '') || e.article_id AS article_order,
           lower(trim(regexp_replace(substr(a.text, e.start_offset + 1, e.end_offset - e.start_offset), '[^\p{L}\p{N}]+', ' ', 'g'))) AS said
    FROM stg_events e
    JOIN latest l USING (article_id, revision)
    JOIN articles a ON a.article_id = e.article_id AND a.revision = e.revision
),
told AS (  -- each report's sentence, type and rank among its article's reports of that sentence and type (one
    -- sentence may report port visits at five ports)
    SELECT report_key, article_id, article_order, on_day, said, event_type, subtype,
           row_number() OVER (PARTITION BY article_id, said, event_type, subtype ORDER BY event_index) AS nth
    FROM ev
    WHERE length(said) >= 40
),
firsts AS (  -- the report of the first article (by publication, then id) to tell each sentence with its type
    SELECT said, event_type, subtype, nth, arg_min(report_key, article_order) AS original,
           arg_min(article_id, article_order) AS first_article, min(on_day) AS first_day
    FROM told
    GROUP BY ALL
),
copies AS (  -- reprints: the reports that tell a first report's sentence in another article within 30 days
    SELECT t.report_key AS k, f.original
    FROM told t
    JOIN firsts f USING (said, event_type, subtype, nth)
    WHERE t.article_id <> f.first_article AND coalesce(date_diff('day', f.first_day, t.on_day) <= 30, true)
),
ship_ids AS (  -- the named ships (carriers, cruisers, submarines too) each report gives as its platforms
    SELECT report_key, list(DISTINCT p ORDER BY p) AS ships
    FROM (SELECT report_key, unnest(platform_or_weapon) AS p FROM ev)
    WHERE p IN (
        SELECT entity_id FROM stg_entities
        WHERE subtype IN ('ship', 'aircraft_carrier', 'cruiser', 'destroyer', 'frigate', 'submarine')
    )
    GROUP BY report_key
),
keyed AS (  -- what two reports must share: the place, or with no place on either side the actor
    SELECT ev.report_key, article_id, event_type, subtype, on_day, actor1_entity_id, actor2_entity_id,
           place_entity_id, s.ships,
           coalesce('p:' || place_entity_id, 'a:' || actor1_entity_id) AS anchor,
           (actor1_entity_id IS NOT NULL)::INTEGER + 2 * (s.ships IS NOT NULL)::INTEGER
               + 4 * (place_entity_id IS NOT NULL)::INTEGER + 8 * (actor2_entity_id IS NOT NULL)::INTEGER
               AS says  -- what it names, as bits
    FROM ev
    LEFT JOIN ship_ids s ON s.report_key = ev.report_key
    WHERE (place_entity_id IS NOT NULL OR actor1_entity_id IS NOT NULL OR s.ships IS NOT NULL)
        AND ev.report_key NOT IN (SELECT k FROM copies)
),
by_ship AS (
    SELECT report_key, event_type, subtype, unnest(ships) AS ship FROM keyed WHERE ships IS NOT NULL
),
candidates AS (  -- equi-joins on type, subtype and anchor or a named ship, so the pairs stay few on a large lake
    SELECT a.report_key AS k1, b.report_key AS k2
    FROM keyed a
    JOIN keyed b ON a.event_type = b.event_type AND a.subtype = b.subtype AND a.anchor = b.anchor
    UNION
    SELECT a.report_key, b.report_key
    FROM by_ship a
    JOIN by_ship b ON a.event_type = b.event_type AND a.subtype = b.subtype AND a.ship = b.ship
),
pairs AS (  -- candidates whose reports do not contradict each other
    SELECT a.report_key AS k1, a.says AS s1, b.report_key AS k2, b.says AS s2
    FROM candidates c
    JOIN keyed a ON a.report_key = c.k1
    JOIN keyed b ON b.report_key = c.k2
    WHERE a.article_id <> b.article_id
        AND abs(date_diff('day', a.on_day, b.on_day)) <= 3
        AND (a.actor1_entity_id IS NULL OR b.actor1_entity_id IS NULL OR a.actor1_entity_id = b.actor1_entity_id)
        AND (a.actor2_entity_id IS NULL OR b.actor2_entity_id IS NULL OR a.actor2_entity_id = b.actor2_entity_id)
        AND (a.ships IS NULL OR b.ships IS NULL OR len(list_intersect(a.ships, b.ships)) > 0)
        -- a pair by ship ("USS Nimitz departed San Diego June 8" and a later "Nimitz deployed June 8"):
        -- one may name no place, but two places must be one
        AND (a.anchor = b.anchor OR a.place_entity_id IS NULL OR b.place_entity_id IS NULL
             OR a.place_entity_id = b.place_entity_id)
),
reach(k, root) AS (  -- connected groups of reports that say as much as each other
    SELECT report_key, report_key FROM ev
    UNION
    SELECT p.k2, r.root FROM reach r JOIN pairs p ON p.k1 = r.k AND p.s1 = p.s2
),
peers AS (
    SELECT k, min(root) AS root FROM reach GROUP BY k
),
links AS (  -- a group's pairs with groups that say all it says and more
    SELECT a.root AS child, b.root AS parent, count(*) AS n, max(p.s2) AS says
    FROM pairs p
    JOIN peers a ON a.k = p.k1
    JOIN peers b ON b.k = p.k2
    WHERE p.s1 <> p.s2 AND (p.s1 & p.s2) = p.s1
    GROUP BY ALL
),
parent AS (  -- the one group each joins
    SELECT child, parent FROM links
    QUALIFY row_number() OVER (PARTITION BY child ORDER BY n DESC, says DESC, parent) = 1
),
up(g, top, depth) AS (  -- follows the joins to the group that says most (at most two steps)
    SELECT DISTINCT root, root, 0 FROM peers
    UNION ALL
    SELECT u.g, p.parent, u.depth + 1 FROM up u JOIN parent p ON p.child = u.top
),
tops AS (
    SELECT g, arg_max(top, depth) AS top FROM up GROUP BY g
),
groups AS (
    SELECT pe.k, min(pe.k) OVER (PARTITION BY t.top) AS root
    FROM peers pe
    JOIN tops t ON t.g = pe.root
)
SELECT 'I' || substr(md5(g.root), 1, 16) AS incident_id,
       count(*) OVER (PARTITION BY g.root) AS reports,
       ev.* EXCLUDE (on_day, article_order, said),
       d.published_at AS published_date, d.source_name, d.title, coalesce(d.canonical_url, d.url) AS url
FROM ev
LEFT JOIN copies c ON c.k = ev.report_key
JOIN groups g ON g.k = coalesce(c.original, ev.report_key)
JOIN articles d ON d.article_id = ev.article_id AND d.revision = ev.revision
