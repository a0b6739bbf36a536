#!/usr/bin/env bash
# The demo behind `make demo`: the bundled example site served on 127.0.0.1 and ingested through its
# RSS feed and news sitemap, then the local example sources, then three queries and a search. Usage: demo.sh BIN LAKE
set -euo pipefail
bin=$1 lake=$2
mkdir -p "$lake"
"$bin/python" examples/serve.py --write-sources "$lake/web-sources.toml" > "$lake/serve.url" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$lake/serve.url" ] && break; sleep 0.1; done
echo "== the example site, served at $(head -1 "$lake/serve.url"), through its feed and sitemap"
SITREP_ALLOW_PRIVATE_ADDRESSES=true SITREP_PER_HOST_DELAY=0 "$bin/sitrep" ingest "$lake/web-sources.toml" --lake "$lake"
kill $server; trap - EXIT
echo; echo "== the local example sources (the same pages as files, and pasted text articles)"
"$bin/sitrep" ingest examples/sources.toml --lake "$lake"
echo; echo "-- articles per source (latest revisions, duplicates excluded):"
"$bin/sitrep" sql --lake "$lake" "SELECT source_name, count(*) AS articles, sum(word_count) AS words,
    min(published_at) AS oldest, max(published_at) AS newest FROM articles_current GROUP BY ALL ORDER BY articles DESC"
echo; echo "-- casualty claims, with the places and groups named in the same sentence:"
"$bin/sitrep" sql --lake "$lake" "SELECT a.published_at, q.event, q.text AS claim, q.object,
    string_agg(DISTINCT e.canonical_name, ', ') AS named_in_sentence
    FROM quantities q JOIN articles_current a USING (article_id, revision)
    LEFT JOIN entity_mentions m USING (article_id, revision, sentence)
    LEFT JOIN entities e ON e.entity_id = m.entity_id AND e.type IN ('GPE', 'ORG', 'NORP')
    WHERE q.event IN ('killed', 'wounded', 'captured', 'missing') GROUP BY ALL ORDER BY a.published_at"
echo; echo "-- a full-text search (stemmed: 'drone strikes' also finds 'drone strike'), best match first:"
"$bin/sitrep" search --lake "$lake" --limit 3 "drone strikes"
echo; echo "-- duplicates and rejects, with the reason:"
"$bin/sitrep" sql --lake "$lake" "SELECT 'duplicate' AS outcome, a.title AS what,
    a.duplicate_kind || ' copy of: ' || b.title AS why FROM articles a JOIN articles b ON a.duplicate_of = b.article_id
    UNION ALL SELECT 'rejected', regexp_extract(source_uri, '[^/]+\$'), error_type || ': ' || message FROM rejects"
echo; echo "More: $bin/sitrep status --lake $lake ; $bin/sitrep check --lake $lake"
echo "The dashboard: $bin/sitrep dashboard --lake $lake   (then open http://127.0.0.1:8765/)"
