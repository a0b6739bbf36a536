"""Places on the entity tables: the pipeline gives every GPE, LOC and FACILITY mention its place in its
article and every place entity its canonical point; the rows carry them as the schemas' columns."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest

from flows.run.geo_cache import load_geo_index
from flows.run.rows import entity_row, normalized_rows
from schemas.tables import ENTITIES, ENTITY_MENTIONS
from transforms.entities.mentions import EntityExtractor
from transforms.pipeline import Normalized, normalize_text

STORY = (
    "BEIRUT, Lebanon - Israeli jets struck a depot near Tripoli in northern Lebanon on Tuesday, the "
    "Lebanese army said. Smoke rose over the port of Tripoli and over Sidon, further south. In Libya, "
    "militias in Misrata and Benghazi traded fire, and the Red Sea stayed closed to shipping."
)


@pytest.fixture(scope="module")
def normalized() -> Normalized:
    load_geo_index()
    return normalize_text(STORY, published=dt.date(2025, 4, 9), extractor=EntityExtractor())


def test_place_mentions_get_a_place_in_their_article(normalized: Normalized) -> None:
    places = {m.text: m.place for m in normalized.mentions if m.type in ("GPE", "LOC", "FACILITY")}
    tripoli = places["Tripoli"]
    assert tripoli is not None and tripoli.country == "LBN" and tripoli.feature_class == "P"
    assert abs(tripoli.lat - 34.4) < 0.3 and abs(tripoli.lon - 35.8) < 0.3
    assert places["Benghazi"] is not None and places["Benghazi"].country == "LBY"
    red_sea = places.get("Red Sea")
    assert red_sea is not None and red_sea.feature_class == "H" and red_sea.geonames_id is None
    others = [m for m in normalized.mentions if m.type not in ("GPE", "LOC", "FACILITY")]
    assert others and all(m.place is None for m in others)


def test_place_entities_get_a_canonical_point(normalized: Normalized) -> None:
    lebanon = next(e for e in normalized.entities if e.canonical_name == "Lebanon")
    assert lebanon.place is not None and lebanon.place.feature_code == "PCLI" and lebanon.country == "LBN"


def test_rows_carry_the_place_columns_and_fit_the_schemas(normalized: Normalized) -> None:
    rows = normalized_rows(normalized, article_id="a", revision="r", run_id="run")["entity_mentions"]
    table = pa.Table.from_pylist(rows, schema=ENTITY_MENTIONS)
    tripoli = [r for r in table.to_pylist() if r["text"] == "Tripoli"]
    assert tripoli and tripoli[0]["geo_country"] == "LBN" and tripoli[0]["geonames_id"] > 0
    assert tripoli[0]["geo_method"] in ("context", "qualifier") and 0 <= tripoli[0]["geo_confidence"] <= 1
    entities = pa.Table.from_pylist([entity_row(e, run_id="run") for e in normalized.entities], schema=ENTITIES)
    lebanon = [r for r in entities.to_pylist() if r["canonical_name"] == "Lebanon"]
    assert lebanon and lebanon[0]["feature_code"] == "PCLI" and lebanon[0]["lat"] is not None
    assert "place" not in table.column_names


def test_the_worker_loads_the_cached_index_once_for_the_process() -> None:
    """``_extractor`` (what the forkserver's warm-up calls before it forks the workers) makes the cached
    index this process's: ``geo_index()`` returns it without building one."""
    from flows.run import workers
    from transforms.entities.ner import DEFAULT_MODEL
    from transforms.geo import geoindex

    geoindex._OVERRIDE.clear()
    workers._extractor.cache_clear()
    workers._extractor(DEFAULT_MODEL)
    assert geoindex._OVERRIDE and geoindex.geo_index() is geoindex._OVERRIDE[0]
    assert len(geoindex.geo_index()) > 200_000
