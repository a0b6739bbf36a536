"""A small, consistent fixture lake for the warehouse tests: articles with real text, and mentions,
quantities and dates whose offsets slice that text, written through ``Lake.write_table``."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from warehouse.catalog import refresh_catalog
from warehouse.lake import Lake

UTC = dt.UTC
RUN = "20250501T120000Z-abcdef"
INGEST_DAY = dt.date(2025, 5, 1)

ENTITIES: dict[str, tuple[str, str, str | None, str | None]] = {
    # entity_id: (canonical_name, type, subtype, country)
    "e:ukraine": ("Ukraine", "GPE", "country", "UKR"),
    "e:russia": ("Russia", "GPE", "country", "RUS"),
    "e:kharkiv": ("Kharkiv", "GPE", "city", "UKR"),
    "e:yemen": ("Yemen", "GPE", "country", "YEM"),
    "e:houthis": ("Houthis", "ORG", "armed_group", "YEM"),
    "e:nato": ("NATO", "ORG", None, None),
    "e:himars": ("HIMARS", "WEAPON", "rocket_artillery", "USA"),
    "e:austin": ("Lloyd Austin", "PERSON", None, "USA"),
}

# (article key, source, published, language, title, text, [(mention text, entity id)], quantities, dates)
# quantities: (text, value, kind, event, object); dates: (text, start_date, granularity)
ARTICLES: list[dict[str, Any]] = [
    {
        "key": "a1",
        "source": "Defense Dispatch",
        "published": dt.date(2025, 4, 7),
        "lang": "en",
        "title": "Strikes hit Kharkiv as Ukraine asks NATO for HIMARS",
        "text": "Russia struck Kharkiv on April 6, 2025, killing 12 civilians, officials in Ukraine said.\n\n"
        "Ukraine asked NATO for more HIMARS launchers, and Lloyd Austin promised 40 missiles.",
        "mentions": [
            ("Russia", "e:russia"),
            ("Kharkiv", "e:kharkiv"),
            ("Ukraine", "e:ukraine"),
            ("NATO", "e:nato"),
            ("HIMARS", "e:himars"),
            ("Lloyd Austin", "e:austin"),
        ],
        "quantities": [
            ("12 civilians", 12.0, "count", "killed", "civilians"),
            ("40 missiles", 40.0, "count", None, "missiles"),
        ],
        "dates": [("April 6, 2025", dt.date(2025, 4, 6), "day")],
    },
    {
        "key": "a2",
        "source": "Defense Dispatch",
        "published": dt.date(2025, 4, 8),
        "lang": "en",
        "title": "Houthis claim attack off Yemen",
        "text": "The Houthis said on April 7, 2025 that 3 fighters were wounded near the coast of Yemen.",
        "mentions": [("Houthis", "e:houthis"), ("Yemen", "e:yemen")],
        "quantities": [("3 fighters", 3.0, "count", "wounded", "fighters")],
        "dates": [("April 7, 2025", dt.date(2025, 4, 7), "day")],
    },
    {
        "key": "a3",
        "source": "Harbor Watch",
        "published": dt.date(2025, 4, 8),
        "lang": "en",
        "title": "NATO ministers meet on Ukraine aid",
        "text": "NATO ministers met in March 2025 to discuss aid to Ukraine worth $2 billion.",
        "mentions": [("NATO", "e:nato"), ("Ukraine", "e:ukraine")],
        "quantities": [("$2 billion", 2e9, "money", None, None)],
        "dates": [("March 2025", dt.date(2025, 3, 1), "month")],
    },
    {
        "key": "a4",
        "source": "Harbor Watch",
        "published": dt.date(2025, 4, 14),
        "lang": "fr",
        "title": "La Russie frappe Kharkiv",
        "text": "La Russie a frappe Kharkiv le 13 avril 2025: 5 morts selon l'Ukraine.",
        "mentions": [("Russie", "e:russia"), ("Kharkiv", "e:kharkiv"), ("Ukraine", "e:ukraine")],
        "quantities": [("5 morts", 5.0, "count", "killed", "morts")],
        "dates": [("13 avril 2025", dt.date(2025, 4, 13), "day")],
    },
]


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _span_rows(
    article_id: str, revision: str, text: str, spans: list[tuple[str, Any]]
) -> list[tuple[int, int, int, Any]]:
    rows = []
    for span_text, extra in spans:
        start = text.index(span_text)
        sentence = text[:start].count(".")  # sentences end with a full stop in these texts
        rows.append((start, start + len(span_text), sentence, extra))
    return rows


def build_tables(
    duplicate: bool = True,
    articles: list[dict[str, Any]] | None = None,
    entities: dict[str, tuple[str, str, str | None, str | None]] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Rows of every table for the fixture articles (plus one exact duplicate of a1 when ``duplicate``);
    ``articles`` and ``entities`` (in the form of ``ARTICLES`` and ``ENTITIES``) are added to them."""
    all_entities = ENTITIES | (entities or {})
    at = dt.datetime(2025, 5, 1, 12, tzinfo=UTC)
    tables: dict[str, list[dict[str, Any]]] = {
        t: []
        for t in (
            "raw_documents",
            "articles",
            "entity_mentions",
            "entities",
            "quantities",
            "temporal_expressions",
            "runs",
        )
    }
    for eid, (name, etype, subtype, country) in all_entities.items():
        tables["entities"].append(
            {
                "entity_id": eid,
                "canonical_name": name,
                "type": etype,
                "subtype": subtype,
                "country": country,
                "aliases": [],
                "wikidata_id": None,
                "source": "gazetteer",
                "run_id": RUN,
            }
        )
    items = list(ARTICLES) + list(articles or [])
    if duplicate:
        items.append(ARTICLES[0] | {"key": "a1-copy", "source": "Harbor Watch", "duplicate_of": "id-a1"})
    for item in items:
        article_id, text = f"id-{item['key']}", item["text"]
        revision = sha(text)
        raw_id = sha(item["key"] + text)
        tables["raw_documents"].append(
            {
                "raw_id": raw_id,
                "source_name": item["source"],
                "source_uri": f"file:///{item['key']}.html",
                "final_url": f"https://news.example/{item['key']}",
                "fetched_at": at,
                "http_status": None,
                "content_type": "text/html",
                "content_encoding": None,
                "byte_size": len(text),
                "run_id": RUN,
            }
        )
        tables["articles"].append(
            {
                "article_id": article_id,
                "revision": revision,
                "url": f"file:///{item['key']}.html",
                "canonical_url": f"https://news.example/{item['key']}",
                "domain": "news.example",
                "source_name": item["source"],
                "title": item["title"],
                "authors": ["Sam Writer"],
                "published_at": item["published"],
                "published_source": "metadata",
                "language": item["lang"],
                "description": None,
                "categories": [],
                "tags": [],
                "text": text,
                "word_count": len(text.split()),
                "simhash": 1,
                "duplicate_of": item.get("duplicate_of"),
                "duplicate_kind": "exact" if item.get("duplicate_of") else None,
                "extraction_method": "trafilatura",
                "raw_id": raw_id,
                "ingested_at": at,
                "run_id": RUN,
            }
        )
        keys = {"article_id": article_id, "revision": revision, "run_id": RUN}
        for start, end, sentence, eid in _span_rows(article_id, revision, text, item["mentions"]):
            tables["entity_mentions"].append(
                keys
                | {
                    "start": start,
                    "end": end,
                    "sentence": sentence,
                    "text": text[start:end],
                    "type": all_entities[eid][1],
                    "entity_id": eid,
                    "title": None,
                    "affiliation": None,
                    "method": "gazetteer",
                }
            )
        for start, end, sentence, q in _span_rows(article_id, revision, text, [(q[0], q) for q in item["quantities"]]):
            tables["quantities"].append(
                keys
                | {
                    "start": start,
                    "end": end,
                    "sentence": sentence,
                    "text": text[start:end],
                    "value": q[1],
                    "low": None,
                    "high": None,
                    "approximate": False,
                    "qualifier": None,
                    "kind": q[2],
                    "unit": None,
                    "currency": "USD" if q[2] == "money" else None,
                    "object": q[4],
                    "object_entity_id": None,
                    "event": q[3],
                }
            )
        for start, end, sentence, d in _span_rows(article_id, revision, text, [(d[0], d) for d in item["dates"]]):
            last = d[1] if d[2] == "day" else dt.date(d[1].year, d[1].month + 1, 1) - dt.timedelta(days=1)
            tables["temporal_expressions"].append(
                keys
                | {
                    "start": start,
                    "end": end,
                    "sentence": sentence,
                    "text": text[start:end],
                    "type": "DATE",
                    "value": d[1].isoformat() if d[2] == "day" else d[1].isoformat()[:7],
                    "start_date": d[1],
                    "end_date": last,
                    "granularity": d[2],
                    "mod": None,
                    "anchor": "none",
                    "anchor_date": None,
                }
            )
    tables["runs"].append(
        {
            "run_id": RUN,
            "flow": "ingest",
            "started_at": at,
            "finished_at": at,
            "status": "completed",
            "counts": "{}",
            "parameters": "{}",
        }
    )
    return tables


def write_lake(root: Path, tables: dict[str, list[dict[str, Any]]] | None = None, *, refresh: bool = True) -> Lake:
    """Write the fixture tables into a lake at ``root`` and build its catalog."""
    lake = Lake(root)
    for table, rows in (tables if tables is not None else build_tables()).items():
        lake.write_table(table, rows, run_id=RUN, ingest_date=INGEST_DAY, part=0)
    if refresh:
        refresh_catalog(lake)
    return lake
