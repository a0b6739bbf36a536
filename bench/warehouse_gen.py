"""Generate a synthetic sitrep lake at scale, vectorised in DuckDB (no Python loops over rows).

Default: 1,000,000 articles over three years from 20 sources, 10 entity mentions, 3 quantities and 4 date
expressions per article (10M / 3M / 4M rows), 20,000 entities with a skewed popularity, and one raw
document per article; 1 article in 100 has no publication date (it counts on its ingest day), and one
quantity in 15 is an amount of money (USD, or EUR for one in four), partitioned by month into ``<root>/lake/tables/<table>/ingest_date=.../``.

Article text is real-length word salad shaped like prose, for full-text search benchmarks: 16 to 42 sentences
(median ~2,800 characters, 1% below ~1,570 and 1% above ~4,250; ~500 words) of 10 to 25 words, each
sentence capitalised and ended by a period, a blank line between paragraphs of about four sentences.
Words are drawn from ``bench/warehouse_words.txt`` (~4,000 words taken from this repository's gazetteers,
test fixtures and a hand-written head of common English words, most frequent first) with Zipf-like
frequency (rank r with probability ~1/r: "the" is ~8% of words and in every article, the rarest words
in ~1.5% of articles); one word in 40 is a number from 1 to 999 (also ~1/r). Every article also holds
``sitrepdoc<a>`` (in that one article only), ``convoy<a % 1009>``, ``depot<a % 211>`` and
``sector<hash % 50021>`` (in ~1/1009, ~1/211 and ~1/50021 of the articles: rare terms); ``word_count``
is the number of words written. All of it comes from ``hash(a, ...)``, so the text is the same on every run.

    .venv/bin/python bench/warehouse_gen.py /tmp/bigwh --articles 1000000
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import duckdb

__all__ = ["generate"]

TYPES = "['PERSON','ORG','GPE','LOC','NORP','WEAPON','PLATFORM','VEHICLE','FACILITY','OPERATION','EVENT']"
COUNTRIES = (
    "['UKR','RUS','USA','CHN','ISR','IRN','YEM','SYR','IRQ','TWN','KOR','PRK','JPN','IND','PAK','AFG','GBR',"
    "'FRA','DEU','POL','TUR','SAU','EGY','LBY','SDN','ETH','SOM','MLI','NGA','VEN','COL','MEX','BRA','ARG',"
    "'AUS','PHL','VNM','IDN','MMR','LBN']"
)
EVENTS = "['killed','wounded','captured','missing','casualties','displaced']"
WORDS = Path(__file__).with_name("warehouse_words.txt")
"""The text's vocabulary, most frequent first (lines starting with # are comments)."""


def _articles_select(articles: int, words: int, art_day: str, part: str) -> str:
    """The articles query; the text of article ``a`` comes from ``hash(a, ...)`` and ``getvariable('vocab')``."""
    unit = "(CAST(hash(a, k, i) >> 11 AS DOUBLE) / 9007199254740992.0)"  # 53 bits: uniform in [0, 1)
    # Word i (from 0) of sentence k (from 1): a few fixed slots hold the article's own and its rare tokens;
    # otherwise one word in 40 is a number and the rest are vocabulary rank floor((words + 1) ** u) (~1/r).
    word = (
        f"CASE WHEN k = 1 AND i = 1 THEN 'sitrepdoc' || a "
        f"WHEN k = 2 + a % 7 AND i = 2 THEN 'convoy' || (a % 1009) "
        f"WHEN k = 3 + a % 5 AND i = 4 THEN 'depot' || (a % 211) "
        f"WHEN k = 4 + a % 3 AND i = 6 THEN 'sector' || (hash(a, -1) % 50021) "
        f"WHEN hash(a, k, i) % 40 = 0 THEN CAST(CAST(floor(pow(1000, {unit})) AS INTEGER) AS VARCHAR) "
        f"ELSE getvariable('vocab')[CAST(floor(pow({words + 1}, {unit})) AS INTEGER)] END"
    )
    sentence = (
        f"array_to_string(list_transform(list_transform(range(n), lambda i: {word}), "
        f"lambda w, j: CASE WHEN j = 1 THEN upper(left(w, 1)) || substr(w, 2) ELSE w END), ' ') || '.'"
    )
    # A paragraph break (blank line) before one sentence in four, a space before the others.
    text = (
        f"array_to_string(list_transform(lens, lambda n, k: CASE WHEN k = 1 THEN '' "
        f"WHEN hash(a, k, -4) % 4 = 0 THEN chr(10) || chr(10) ELSE ' ' END || {sentence}), '')"
    )
    # Sentence lengths: 16 + [0, 8] + [0, 18] sentences of 10 to 25 words.
    lens = (
        "list_transform(range(CAST(16 + hash(a, -2) % 9 + hash(a, -3) % 19 AS BIGINT)), "
        "lambda k: CAST(10 + hash(a, k + 1) % 16 AS BIGINT))"
    )
    return f"""
        SELECT 'A' || a AS article_id, md5(CAST(a AS VARCHAR)) AS revision, 'https://site' || (a % 20) || '.example/' || a AS url,
               'https://site' || (a % 20) || '.example/' || a AS canonical_url, 'site' || (a % 20) || '.example' AS domain,
               'Source ' || (a % 20) AS source_name, 'Headline ' || a || ' about convoy ' || (a % 1009) AS title,
               ['Writer ' || (a % 300)] AS authors, CASE WHEN a % 100 <> 7 THEN {art_day} END AS published_at, 'metadata' AS published_source,
               CASE WHEN a % 10 = 0 THEN 'fr' ELSE 'en' END AS language, NULL::VARCHAR AS description,
               []::VARCHAR[] AS categories, []::VARCHAR[] AS tags, {text} AS text, CAST(list_sum(lens) AS INTEGER) AS word_count,
               CAST(hash(a) AS UBIGINT) AS simhash,
               CASE WHEN a % 50 = 49 THEN 'A' || (a - 1) END AS duplicate_of,
               CASE WHEN a % 50 = 49 THEN 'exact' END AS duplicate_kind, 'trafilatura' AS extraction_method,
               sha256(CAST(a AS VARCHAR)) AS raw_id, CAST({art_day} AS TIMESTAMPTZ) + INTERVAL 6 HOUR AS ingested_at,
               'bench' AS run_id, {part} AS ingest_date
        FROM (SELECT a, {lens} AS lens FROM article_ids)"""


def _copy(con: duckdb.DuckDBPyConnection, root: Path, table: str, select: str) -> None:
    folder = root / "lake" / "tables" / table
    folder.mkdir(parents=True, exist_ok=True)
    con.execute(
        f"COPY ({select}) TO '{folder.as_posix()}' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (ingest_date), "
        f"OVERWRITE_OR_IGNORE, FILENAME_PATTERN 'part-bench-{{i}}', ROW_GROUP_SIZE 122880, "
        f"KV_METADATA {{'sitrep.table': '{table}', 'sitrep.schema_version': '1'}})"
    )


def generate(root: Path, articles: int = 1_000_000, entities: int = 20_000) -> dict[str, float]:
    """Write the lake; returns seconds per table."""
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'; SELECT setseed(0.42)")
    day = "(DATE '2023-01-01' + CAST(floor(({i}) * 1095.0 / {n}) AS INTEGER))"
    art_day = day.format(i="a", n=articles)
    part = f"CAST(date_trunc('month', {art_day}) AS DATE)"
    timings: dict[str, float] = {}

    def timed(table: str, select: str) -> None:
        t = time.perf_counter()
        _copy(con, root, table, select)
        timings[table] = round(time.perf_counter() - t, 2)

    vocab = [w for w in WORDS.read_text(encoding="utf-8").split("\n") if w and not w.startswith("#")]
    con.execute("SET VARIABLE vocab = ?", [vocab])
    # range() is read by one thread; a table is scanned in parallel (a row group of 122,880 ids per thread).
    con.execute(f"CREATE TEMP TABLE article_ids AS SELECT range AS a FROM range({articles})")
    timed("articles", _articles_select(articles, len(vocab), art_day, part))
    timed(
        "raw_documents",
        f"""
        SELECT sha256(CAST(a AS VARCHAR)) AS raw_id, 'Source ' || (a % 20) AS source_name,
               'https://site' || (a % 20) || '.example/' || a AS source_uri, NULL::VARCHAR AS final_url,
               CAST({art_day} AS TIMESTAMPTZ) AS fetched_at, CAST(200 AS SMALLINT) AS http_status,
               'text/html' AS content_type, NULL::VARCHAR AS content_encoding, CAST(5000 AS BIGINT) AS byte_size,
               'bench' AS run_id, {part} AS ingest_date
        FROM range({articles}) r(a)""",
    )
    timed(
        "entities",
        f"""
        SELECT 'E' || k AS entity_id, 'Entity ' || k AS canonical_name, {TYPES}[1 + k % 11] AS type,
               CASE WHEN k % 11 = 2 AND k < 400 THEN 'country' WHEN k % 11 = 1 AND k % 3 = 0 THEN 'company' END AS subtype,
               CASE WHEN k % 11 IN (2, 3) THEN {COUNTRIES}[1 + k % 40] END AS country, []::VARCHAR[] AS aliases,
               NULL::VARCHAR AS wikidata_id, 'gazetteer' AS source, 'bench' AS run_id, DATE '2023-01-01' AS ingest_date
        FROM range({entities}) r(k)""",
    )
    ent = f"CAST(floor({entities} * pow(random(), 3)) AS BIGINT)"  # skewed: low ids are popular
    timed(
        "entity_mentions",
        f"""
        SELECT 'A' || a AS article_id, md5(CAST(a AS VARCHAR)) AS revision, CAST(s AS INTEGER) AS "start",
               CAST(s + 6 AS INTEGER) AS "end", CAST((m % 10) // 3 AS INTEGER) AS sentence, 'Entity' AS text,
               {TYPES}[1 + e % 11] AS type, 'E' || e AS entity_id, NULL::VARCHAR AS title, NULL::VARCHAR AS affiliation,
               'gazetteer' AS method, 'bench' AS run_id, {part} AS ingest_date
        FROM (SELECT m, m // 10 AS a, (m % 10) * 20 AS s, {ent} AS e FROM range({articles * 10}) r(m))""",
    )
    timed(
        "quantities",
        f"""
        SELECT 'A' || a AS article_id, md5(CAST(a AS VARCHAR)) AS revision, CAST(q % 3 * 30 AS INTEGER) AS "start",
               CAST(q % 3 * 30 + 9 AS INTEGER) AS "end", CAST(q % 3 AS INTEGER) AS sentence, '12 people' AS text,
               CASE WHEN q % 15 = 2 THEN 1e6 * (1 + floor(random() * 5000)) ELSE CAST(1 + floor(random() * 200) AS DOUBLE) END AS value,
               NULL::DOUBLE AS low, NULL::DOUBLE AS high,
               random() < 0.3 AS approximate, NULL::VARCHAR AS qualifier,
               CASE WHEN q % 15 = 2 THEN 'money' ELSE 'count' END AS kind, NULL::VARCHAR AS unit,
               CASE WHEN q % 15 = 2 THEN (CASE WHEN a % 4 = 0 THEN 'EUR' ELSE 'USD' END) END AS currency,
               'people' AS object, NULL::VARCHAR AS object_entity_id,
               CASE WHEN q % 15 <> 2 AND random() < 0.25 THEN {EVENTS}[1 + CAST(floor(random() * 6) AS INTEGER)] END AS event,
               'bench' AS run_id, {part} AS ingest_date
        FROM (SELECT q, q // 3 AS a FROM range({articles * 3}) r(q))""",
    )
    timed(
        "temporal_expressions",
        f"""
        SELECT 'A' || a AS article_id, md5(CAST(a AS VARCHAR)) AS revision, CAST(d % 4 * 25 AS INTEGER) AS "start",
               CAST(d % 4 * 25 + 8 AS INTEGER) AS "end", CAST(d % 4 AS INTEGER) AS sentence, 'Tuesday' AS text,
               'DATE' AS type, CAST(sd AS VARCHAR) AS value, sd AS start_date, sd AS end_date, 'day' AS granularity,
               NULL::VARCHAR AS mod, 'publication' AS anchor, {art_day} AS anchor_date, 'bench' AS run_id, {part} AS ingest_date
        FROM (SELECT d, d // 4 AS a, {day.format(i="d // 4", n=articles)} - CAST(floor(random() * 7) AS INTEGER) AS sd
              FROM range({articles * 4}) r(d))""",
    )
    con.close()
    return timings


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--articles", type=int, default=1_000_000)
    args = parser.parse_args()
    print(generate(args.root, args.articles))
