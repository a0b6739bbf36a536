"""The storage contract: one explicit pyarrow schema per table, with a version.

Every Parquet file sitrep writes is built with ``pa.Table.from_pylist(rows, schema=SCHEMAS[name])``;
nothing is inferred. ``SCHEMA_VERSIONS`` rises when a table's columns change; the version is kept in
each file's metadata (``sitrep.schema_version``) so that old files stay readable and migrations know
what they read.
"""

from __future__ import annotations

import pyarrow as pa

__all__ = [
    "RAW_DOCUMENTS",
    "ARTICLES",
    "REJECTS",
    "RUNS",
    "ENTITY_MENTIONS",
    "ENTITIES",
    "QUANTITIES",
    "TEMPORAL_EXPRESSIONS",
    "EVENTS",
    "FETCHES",
    "SCHEMAS",
    "SCHEMA_VERSIONS",
    "PARTITION_COLUMN",
    "schema_for",
]

PARTITION_COLUMN = "ingest_date"
"""Hive partition key of every table folder (``tables/<name>/ingest_date=YYYY-MM-DD/``)."""

_TS = pa.timestamp("us", tz="UTC")

# Each table's description is the comment block right above its schema, and each field's meaning is its
# trailing comment, continued on "#   " lines under it. docs/tables.md is generated from them
# (schemas.reference, `make docs`); tests/test_docs.py fails when it is stale or a field has no comment.

# raw_documents: one row per document read or fetched. Its bytes are kept in the raw zone under raw_id,
# so that every other table can be rebuilt from them (sitrep reprocess).
RAW_DOCUMENTS = pa.schema(
    [
        pa.field("raw_id", pa.string(), nullable=False),  # sha256 hex of the bytes as stored in the raw zone
        pa.field("source_name", pa.string()),  # the source it came from
        pa.field("source_uri", pa.string(), nullable=False),  # where it was read: file:// or http(s)://
        pa.field("final_url", pa.string()),  # after redirects (web), or the page's canonical URL
        pa.field("fetched_at", _TS, nullable=False),  # fetch time, or the file's mtime
        pa.field("http_status", pa.int16()),  # null for local files
        pa.field("content_type", pa.string()),  # text/html, text/plain
        pa.field("content_encoding", pa.string()),  # gzip when the stored bytes are compressed
        pa.field("byte_size", pa.int64(), nullable=False),  # size of the stored bytes
        pa.field("run_id", pa.string(), nullable=False),  # the run that read it
    ]
)

# articles: one row per revision of an article: the cleaned text and the page's metadata. A re-run adds
# nothing for bytes already read; new text under the same article key is a new revision.
ARTICLES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),  # stable across revisions: a hash of the article key
        #   (the canonical URL without tracking parameters, or the file URI)
        pa.field("revision", pa.string(), nullable=False),  # sha256 hex of the cleaned text
        pa.field("url", pa.string(), nullable=False),  # where the document was read
        pa.field("canonical_url", pa.string()),  # the page's canonical URL, normalized, tracking parameters removed
        pa.field("domain", pa.string()),  # host of the canonical URL, without www.
        pa.field("source_name", pa.string()),  # the source's name
        pa.field("title", pa.string()),  # page metadata, or the title line of a text
        pa.field("authors", pa.list_(pa.string())),  # page metadata, or the byline of a text; job titles, desks
        #   and labels dropped
        pa.field("published_at", pa.date32()),  # publication date; never before 1900, never later than the fetch
        #   or file time
        pa.field("published_source", pa.string()),  # where published_at came from: metadata | dateline | url |
        #   null when unknown
        pa.field("language", pa.string()),  # ISO 639-1 code
        pa.field("description", pa.string()),  # page metadata
        pa.field("categories", pa.list_(pa.string())),  # page metadata
        pa.field("tags", pa.list_(pa.string())),  # page metadata (a keywords string becomes one tag per keyword)
        pa.field("text", pa.string(), nullable=False),  # the cleaned main text, paragraphs separated by a blank line
        pa.field("word_count", pa.int32(), nullable=False),  # words in text
        pa.field("simhash", pa.uint64(), nullable=False),  # 64-bit simhash of text
        pa.field("duplicate_of", pa.string()),  # article_id of the first article seen with the same or a
        #   near-identical text, if a duplicate
        pa.field("duplicate_kind", pa.string()),  # exact | near (simhash within SITREP_NEAR_DUPLICATE_BITS) | null
        pa.field("extraction_method", pa.string(), nullable=False),  # trafilatura (HTML) | text (the text cleaner)
        pa.field("charset", pa.string()),  # the codec that decoded the document: utf-8, cp1252, koi8_r, cp932 ... (v2)
        pa.field("charset_source", pa.string()),  # bom | header | meta | utf8 | guessed; null in files before v2
        pa.field("raw_id", pa.string(), nullable=False),  # the raw document it was cleaned from
        pa.field("ingested_at", _TS, nullable=False),  # when the row was first written (reprocess keeps it, by raw
        #   document)
        pa.field("run_id", pa.string(), nullable=False),  # the run that wrote it
    ]
)

# rejects: one row per input that failed a stage, with the reason. Bad input never stops a run.
REJECTS = pa.schema(
    [
        pa.field("run_id", pa.string(), nullable=False),  # the run
        pa.field("stage", pa.string(), nullable=False),  # load | fetch | parse (a feed or sitemap) | clean |
        #   normalize | reprocess
        pa.field("source_name", pa.string()),  # the source of the input
        pa.field("source_uri", pa.string(), nullable=False),  # the input: where it was read
        pa.field("raw_id", pa.string()),  # the stored bytes, when they were read
        pa.field("error_type", pa.string(), nullable=False),  # EmptyDocument, BinaryContent, InvalidEncoding,
        #   TooLarge, NoArticleText, BadGzip, UnsupportedType, ...; fetch: HTTP404, HTTP503, ReadTimeout,
        #   PrivateAddress, RedirectLoop, ...
        pa.field("message", pa.string(), nullable=False),  # the reason in words ("not valid UTF-8 at byte 1234");
        #   a fetch's also counts its attempts
        pa.field("at", _TS, nullable=False),  # when the input was rejected
    ]
)

# runs: two rows per run, one when it starts (running) and one when it ends. The run_history view keeps
# the last of them; a run killed before its end stays running.
RUNS = pa.schema(
    [
        pa.field("run_id", pa.string(), nullable=False),  # UTC start time plus random hex, for example
        #   20261125T180108Z-18b3b4
        pa.field("flow", pa.string(), nullable=False),  # ingest | reprocess
        pa.field("started_at", _TS, nullable=False),  # when the run started
        pa.field("finished_at", _TS),  # when it ended; null in its running row
        pa.field("status", pa.string(), nullable=False),  # running | completed | empty (nothing readable) | failed
        #   | failed_checks (a data check failed)
        pa.field("counts", pa.string()),  # JSON object: documents, new, revised, unchanged, duplicate, rejected,
        #   skipped; failed_checks (the checks that failed); reprocess adds cached (documents read from the
        #   reprocess cache)
        pa.field("parameters", pa.string()),  # JSON object: sources, lake, settings that matter
    ]
)

# entity_mentions: one mention of an entity in one article revision.
ENTITY_MENTIONS = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),  # the article (articles.article_id)
        pa.field("revision", pa.string(), nullable=False),  # the article revision whose text the offsets point into
        pa.field("start", pa.int32(), nullable=False),  # character offsets into articles.text, end exclusive:
        #   substr(text, start + 1, "end" - start) is the mention
        pa.field("end", pa.int32(), nullable=False),  # end of the mention (exclusive)
        pa.field("sentence", pa.int32()),  # index of the sentence that holds it (transforms.sentences, shared by
        #   the three normalizer tables: join on article_id, revision, sentence)
        pa.field("text", pa.string(), nullable=False),  # the mention as written
        pa.field("type", pa.string(), nullable=False),  # PERSON | ORG | GPE (countries, cities, regions) | LOC
        #   (other places) | NORP (nationalities, religious and political groups) | WEAPON | PLATFORM (military
        #   ships, aircraft, vehicles, systems) | VEHICLE (civilian) | FACILITY | OPERATION (named military
        #   operations) | EVENT
        pa.field("entity_id", pa.string()),  # the canonical entity: "INDOPACOM", "Indo-Pacific Command" and "U.S.
        #   Indo-Pacific Command" share one id, and so do "Zelensky", "Zelenskyy" and "Zelenskiy"
        pa.field("title", pa.string()),  # rank or office: "Navy Adm.", "Minister of Defence" (kept out of the name)
        pa.field("affiliation", pa.string()),  # organisation or country the title belongs to
        pa.field("method", pa.string(), nullable=False),  # gazetteer | model (spaCy) | rule | acronym (defined in
        #   the text: "the Syrian Democratic Forces (SDF)") | coreference ("Doe" after "Gen. Jane Doe")
        pa.field("geonames_id", pa.int64()),  # the GeoNames id of the place this mention stands for in its
        #   article (GPE, LOC and FACILITY mentions; null for the project's curated areas and facilities: seas,
        #   regions, bases). The same name may stand for different places in different articles
        pa.field("lat", pa.float64()),  # its latitude, WGS84 decimal degrees
        pa.field("lon", pa.float64()),  # its longitude, WGS84 decimal degrees
        pa.field("feature_class", pa.string()),  # GeoNames feature class: P populated place, A country or region, L
        #   area, H water, T terrain, S facility
        pa.field(
            "feature_code", pa.string()
        ),  # GeoNames feature code: PPL, ADM1, ADM1H (a former region), PCLI, SEA, AIRB, ...
        pa.field("geo_country", pa.string()),  # ISO 3166-1 alpha-3 of the place
        pa.field("admin1", pa.string()),  # its first-level region, as GeoNames codes it ("TX", "07")
        pa.field("geo_method", pa.string()),  # how the place was chosen among those of its name: only (one
        #   candidate) | qualifier ("Springfield, Ill.") | context (the article's countries, other places, dateline,
        #   feature words) | population (no context: the largest)
        pa.field("geo_confidence", pa.float32()),  # 0..1: the margin of the chosen place over the next candidate
        pa.field("run_id", pa.string(), nullable=False),  # the run that wrote it
    ]
)

# entities: one canonical entity, written once when it is first seen, with the same id in every article
# and run.
ENTITIES = pa.schema(
    [
        pa.field("entity_id", pa.string(), nullable=False),  # the Wikidata id where the gazetteer has one (Q11209,
        #   the Department of Defense), else E + a hash of type and normalized name
        pa.field("canonical_name", pa.string(), nullable=False),  # for example MQ-9 Reaper, Poland
        pa.field("type", pa.string(), nullable=False),  # as entity_mentions.type: PLATFORM for MQ-9 Reaper, GPE
        #   for Poland
        pa.field("subtype", pa.string()),  # e.g. combatant_command, armed_group, missile, aircraft, uav, city, country
        pa.field("country", pa.string()),  # ISO 3166-1 alpha-3: of a country or city, of a NORP ("Russian"), of a
        #   system's maker
        pa.field("aliases", pa.list_(pa.string())),  # the names it is known by
        pa.field("wikidata_id", pa.string()),  # its Wikidata id, when the gazetteer is certain of it
        pa.field("source", pa.string()),  # gazetteer | model | rule
        pa.field("geonames_id", pa.int64()),  # a place's (GPE, LOC, FACILITY) canonical GeoNames id: its name
        #   resolved with its country alone (null for the project's curated areas and facilities: seas, regions,
        #   bases); entity_mentions has each mention's place in its article
        pa.field("lat", pa.float64()),  # its latitude, WGS84 decimal degrees
        pa.field("lon", pa.float64()),  # its longitude, WGS84 decimal degrees
        pa.field("feature_class", pa.string()),  # GeoNames feature class: P populated place, A country or region, L
        #   area, H water, T terrain, S facility
        pa.field(
            "feature_code", pa.string()
        ),  # GeoNames feature code: PPL, ADM1, ADM1H (a former region), PCLI, SEA, AIRB, ...
        pa.field("admin1", pa.string()),  # its first-level region, as GeoNames codes it ("TX", "07")
        pa.field("geo_method", pa.string()),  # how the place was chosen among those of its name: only (one
        #   candidate) | qualifier ("Springfield, Ill.") | context (the article's countries, other places, dateline,
        #   feature words) | population (no context: the largest)
        pa.field("geo_confidence", pa.float32()),  # 0..1: the margin of the chosen place over the next candidate
        pa.field("run_id", pa.string(), nullable=False),  # the run that first wrote it
    ]
)

# quantities: one number expression (a count, an amount of money, a share or a measure) in one article
# revision. Designations (F-35A, S-400, Type 055, 1st Armored Division), phone numbers and years are not
# quantities.
QUANTITIES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),  # the article (articles.article_id)
        pa.field("revision", pa.string(), nullable=False),  # the article revision whose text the offsets point into
        pa.field("start", pa.int32(), nullable=False),  # character offsets into articles.text, end exclusive
        pa.field("end", pa.int32(), nullable=False),  # end of the expression (exclusive)
        pa.field("sentence", pa.int32()),  # index of the sentence that holds it (as in entity_mentions)
        pa.field("text", pa.string(), nullable=False),  # the expression as written, for example "between 300 and 400"
        pa.field("value", pa.float64()),  # the stated number, after scale and unit conversion; for a range, its
        #   midpoint
        pa.field("low", pa.float64()),  # the lower bound it states ("at least 17": 17; a range sets both bounds);
        #   null when open
        pa.field("high", pa.float64()),  # the upper bound it states ("up to 800": 800); null when open
        pa.field("approximate", pa.bool_(), nullable=False),  # hedged: "about", "nearly", "roughly", "an
        #   estimated", "dozens of"
        pa.field("qualifier", pa.string()),  # about | nearly | at_least | more_than | at_most | less_than | up_to
        #   | range | multiple ("hundreds of") | ordinal; null for a plain number
        pa.field("kind", pa.string(), nullable=False),  # count | money | percent | fraction | measure
        pa.field("unit", pa.string()),  # the standard unit of a measure, the value converted to it (km, nmi, kg,
        #   t, km/h, kn, m, h, d, ...)
        pa.field("currency", pa.string()),  # ISO 4217 code of money (read from $, US$, A$, €, £, ₽, "rubles",
        #   "bn", ...)
        pa.field("object", pa.string()),  # what is counted: "Houthi fighters", "F-35A jets"
        pa.field("object_entity_id", pa.string()),  # the entity mentioned inside the counted phrase
        pa.field("event", pa.string()),  # casualty and status language: killed | wounded | captured | missing |
        #   displaced | remaining | ...
        pa.field("run_id", pa.string(), nullable=False),  # the run that wrote it
    ]
)

# temporal_expressions: one date, time, duration or set expression in one article revision, with the
# interval it denotes.
TEMPORAL_EXPRESSIONS = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),  # the article (articles.article_id)
        pa.field("revision", pa.string(), nullable=False),  # the article revision whose text the offsets point into
        pa.field("start", pa.int32(), nullable=False),  # character offsets into articles.text, end exclusive
        pa.field("end", pa.int32(), nullable=False),  # end of the expression (exclusive)
        pa.field("sentence", pa.int32()),  # index of the sentence that holds it (as in entity_mentions)
        pa.field("text", pa.string(), nullable=False),  # the expression as written
        pa.field("type", pa.string(), nullable=False),  # DATE | TIME | DURATION | SET (TIMEX3)
        pa.field("value", pa.string(), nullable=False),  # TIMEX3: 2021-03-03, 2021-07, 2019-W47, 2021-Q3, 2021-SU,
        #   199 (the 1990s), P3D, PAST_REF; a range is 2021-05-02/2021-05-09; XXXX-11-21 when there was no
        #   publication date to resolve against
        pa.field("start_date", pa.date32()),  # the interval denoted, inclusive ("in July" in a 2021 article:
        #   2021-07-01 to 2021-07-31); null for durations and vague references
        pa.field("end_date", pa.date32()),  # the last day of that interval
        pa.field("granularity", pa.string()),  # minute | hour | day | week | month | quarter | half | season |
        #   year | decade | century
        pa.field("mod", pa.string()),  # TIMEX3 mod: BEFORE AFTER START MID END APPROX ...
        pa.field("anchor", pa.string(), nullable=False),  # what a relative or partial date was resolved against:
        #   publication | text | none
        pa.field("anchor_date", pa.date32()),  # that date
        pa.field("run_id", pa.string(), nullable=False),  # the run that wrote it
    ]
)

# events: one incident reported by one article revision (a strike, a clash, a contract, a test launch, a
# deployment, an exercise, a loss of a platform), with its parties, place, date and toll. The types are
# ACLED's event types extended for defence news (docs/events.md). The same real incident told by several
# articles keeps one row per article; the incidents view gives them one incident_id.
EVENTS = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),  # the article (articles.article_id)
        pa.field("revision", pa.string(), nullable=False),  # the article revision whose text the offsets point into
        pa.field("event_index", pa.int32(), nullable=False),  # the event's number in its article revision, from 0
        #   in text order
        pa.field("start", pa.int32(), nullable=False),  # character offsets of the sentence that reports it first,
        #   end exclusive
        pa.field("end", pa.int32(), nullable=False),  # end of that sentence (exclusive)
        pa.field("sentence", pa.int32()),  # index of that sentence (as in entity_mentions)
        pa.field("event_type", pa.string(), nullable=False),  # battles | explosions_remote_violence |
        #   violence_against_civilians | protests | riots | strategic_developments | procurement | deployment |
        #   exercise | weapons_test | platform_loss | sanctions
        pa.field("subtype", pa.string(), nullable=False),  # the ontology's sub-event type: air_drone_strike,
        #   armed_clash, contract, port_visit, shoot_down, ...
        pa.field("trigger", pa.string(), nullable=False),  # the cue words as written ("shot down", "awarded")
        pa.field("confidence", pa.float32(), nullable=False),  # 0 to 1: the cue's weight, and whether an actor and a
        #   place were found
        pa.field("actor1_entity_id", pa.string()),  # who acted: an entity of the sentence before the cue
        #   (entities.entity_id)
        pa.field("actor1_text", pa.string()),  # that mention as written
        pa.field("actor1_country", pa.string()),  # its entity's country (ISO 3166-1 alpha-3)
        pa.field("actor1_sector", pa.string()),  # military | government | armed_group | civilians | police | company
        #   | international | other
        pa.field("actor2_entity_id", pa.string()),  # on or with whom: an entity of the sentence after the cue
        pa.field("actor2_text", pa.string()),  # that mention as written
        pa.field("actor2_country", pa.string()),  # its entity's country (ISO 3166-1 alpha-3)
        pa.field("actor2_sector", pa.string()),  # as actor1_sector
        pa.field("platform_or_weapon", pa.list_(pa.string())),  # entity ids of the weapons and platforms named in
        #   the sentence
        pa.field("place_entity_id", pa.string()),  # where: a GPE, LOC or FACILITY entity, after "in", "near", "off"
        #   ... where the sentence has one
        pa.field("place_text", pa.string()),  # that mention as written
        pa.field("place_country", pa.string()),  # its entity's country (ISO 3166-1 alpha-3)
        pa.field("date", pa.date32()),  # when: the first day of the sentence's date, else of the paragraph's, else
        #   the article's publication date
        pa.field("date_granularity", pa.string()),  # day | month | year: what the date is known to
        pa.field("date_source", pa.string()),  # sentence (the text dates it) | article (the publication date)
        pa.field(
            "fatalities", pa.float64()
        ),  # people killed: the number stated; for a range, its midpoint; null when the
        #   text states none
        pa.field("fatalities_low", pa.float64()),  # its lower bound ("at least 30": 30); null when open
        pa.field("fatalities_high", pa.float64()),  # its upper bound ("up to 40": 40); null when open
        pa.field(
            "fatalities_hedge", pa.string()
        ),  # the hedge as written: about | nearly | at least | more than | up to
        #   | ...; null for a plain number
        pa.field(
            "injured", pa.float64()
        ),  # people injured: the number stated; for a range, its midpoint; null when the
        #   text states none
        pa.field("injured_low", pa.float64()),  # its lower bound ("at least 30": 30); null when open
        pa.field("injured_high", pa.float64()),  # its upper bound ("up to 40": 40); null when open
        pa.field("injured_hedge", pa.string()),  # the hedge as written: about | nearly | at least | more than | up to
        #   | ...; null for a plain number
        pa.field(
            "captured", pa.float64()
        ),  # people captured or taken prisoner: the number stated; for a range, its midpoint; null when the
        #   text states none
        pa.field("captured_low", pa.float64()),  # its lower bound ("at least 30": 30); null when open
        pa.field("captured_high", pa.float64()),  # its upper bound ("up to 40": 40); null when open
        pa.field("captured_hedge", pa.string()),  # the hedge as written: about | nearly | at least | more than | up to
        #   | ...; null for a plain number
        pa.field(
            "missing", pa.float64()
        ),  # people missing: the number stated; for a range, its midpoint; null when the
        #   text states none
        pa.field("missing_low", pa.float64()),  # its lower bound ("at least 30": 30); null when open
        pa.field("missing_high", pa.float64()),  # its upper bound ("up to 40": 40); null when open
        pa.field("missing_hedge", pa.string()),  # the hedge as written: about | nearly | at least | more than | up to
        #   | ...; null for a plain number
        pa.field("amount", pa.float64()),  # the largest sum of money of the sentence, for procurement and sanctions
        pa.field("currency", pa.string()),  # its ISO 4217 code
        pa.field("run_id", pa.string(), nullable=False),  # the run that wrote it
    ]
)

# fetches: one row per request made for a web source: the memory behind incremental runs (the URLs seen,
# and the ETag and Last-Modified for the next conditional GET).
FETCHES = pa.schema(
    [
        pa.field("source_name", pa.string(), nullable=False),  # the web source
        pa.field("url", pa.string(), nullable=False),  # as discovered (feed item, sitemap loc, link, list)
        pa.field("canonical_url", pa.string()),  # normalized, tracking parameters stripped: the seen-check key
        pa.field("final_url", pa.string()),  # after redirects
        pa.field("outcome", pa.string(), nullable=False),  # fetched | not_modified | unchanged | failed |
        #   skipped_robots | refused
        pa.field("http_status", pa.int16()),  # from the response
        pa.field("etag", pa.string()),  # from the response, sent with the next conditional GET
        pa.field("last_modified", pa.string()),  # from the response, sent with the next conditional GET
        pa.field("raw_id", pa.string()),  # sha256 of the body stored in the raw zone
        pa.field("attempts", pa.int16(), nullable=False),  # how many tries: the fetcher's own and Prefect's task
        #   retries together
        pa.field("error_type", pa.string()),  # why it failed, as in rejects.error_type
        pa.field("message", pa.string()),  # the reason in words
        pa.field("fetched_at", _TS, nullable=False),  # when it was fetched
        pa.field("run_id", pa.string(), nullable=False),  # the run that fetched it
    ]
)

SCHEMAS: dict[str, pa.Schema] = {
    "raw_documents": RAW_DOCUMENTS,
    "articles": ARTICLES,
    "rejects": REJECTS,
    "runs": RUNS,
    "entity_mentions": ENTITY_MENTIONS,
    "entities": ENTITIES,
    "quantities": QUANTITIES,
    "temporal_expressions": TEMPORAL_EXPRESSIONS,
    "events": EVENTS,
    "fetches": FETCHES,
}

SCHEMA_VERSIONS: dict[str, int] = {name: 1 for name in SCHEMAS} | {"articles": 2, "entity_mentions": 2, "entities": 2}
"""articles v2: ``charset`` and ``charset_source`` added (no migration: older files read them as null)."""


def schema_for(table: str) -> pa.Schema:
    """The schema of ``table`` with its version in the metadata; KeyError for an unknown table."""
    schema = SCHEMAS[table]
    return schema.with_metadata(
        {b"sitrep.table": table.encode(), b"sitrep.schema_version": str(SCHEMA_VERSIONS[table]).encode()}
    )
