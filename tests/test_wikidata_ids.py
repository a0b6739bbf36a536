"""Wikidata IDs in the entity reference data: well formed, one entity per ID, and carried from the gazetteer to
``entity_id`` and to the ``wikidata_id`` column of the entities table."""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from importlib import resources
from typing import Any

import pyarrow as pa
import pytest

from flows.run.rows import entity_row
from schemas.tables import ENTITIES
from transforms.entities.gazetteer import Entry, load_entries, normalize
from transforms.entities.mentions import EntityExtractor
from transforms.entities.places import place_entries
from transforms.entities.weapon_classes import weapon_classes

_QID = re.compile(r"Q[1-9][0-9]*")
_DATA = resources.files("transforms.entities.data")


def _ids_in(value: Any, path: str) -> list[tuple[str, Any]]:
    """Every ``wikidata`` value anywhere in a parsed TOML document, with where it was found."""
    found: list[tuple[str, Any]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "wikidata":
                found.append((path, item))
            else:
                found.extend(_ids_in(item, f"{path}.{key}"))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found.extend(_ids_in(item, f"{path}[{i}]"))
    return found


def test_every_wikidata_id_in_the_data_files_is_well_formed() -> None:
    files = [f for f in _DATA.iterdir() if f.name.endswith(".toml")]
    found = [hit for f in files for hit in _ids_in(tomllib.loads(f.read_text(encoding="utf-8")), f.name)]
    assert len(found) > 300  # countries, regions and the gazetteers all carry some
    bad = [(where, qid) for where, qid in found if not (isinstance(qid, str) and _QID.fullmatch(qid))]
    assert not bad, bad


def _entries_with_ids() -> list[Entry]:
    places = place_entries()
    entries = [*load_entries(), *places.countries, *places.regions, *places.weak, *weapon_classes().entries]
    return [e for e in entries if e.wikidata_id]


def test_no_wikidata_id_names_two_different_entities() -> None:
    # The same place can be both a country entry (pycountry) and a region entry (regions.toml), as Hong Kong,
    # Guam and Greenland are: those share the ID on purpose and share their name too.
    names: dict[str, set[str]] = defaultdict(set)
    for entry in _entries_with_ids():
        names[entry.wikidata_id or ""].add(normalize(entry.name).casefold())
    shared = {qid: sorted(n) for qid, n in names.items() if len(n) > 1}
    assert not shared, shared


def test_an_entry_with_a_wikidata_id_takes_it_as_entity_id() -> None:
    entries = _entries_with_ids()
    assert len(entries) > 250
    assert all(e.entity_id == e.wikidata_id for e in entries)


@pytest.fixture(scope="module")
def extractor() -> EntityExtractor:
    return EntityExtractor()


def test_ids_reach_the_entities_table(extractor: EntityExtractor) -> None:
    text = (
        "Two guided-missile destroyers of the U.S. Navy and the Royal Navy escorted tankers through the Red Sea, "
        "the Pentagon said, as Hamas and the Taliban issued statements."
    )
    result = extractor.extract(text)
    by_name = {e.canonical_name: e for e in result.entities}
    expected = {
        "U.S. Navy": "Q11220",
        "Royal Navy": "Q172771",
        "Red Sea": "Q23406",
        "U.S. Department of Defense": "Q11209",
        "Hamas": "Q38799",
        "Taliban": "Q42418",
        "destroyer": "Q174736",
    }
    for name, qid in expected.items():
        assert name in by_name, (name, sorted(by_name))
        assert by_name[name].entity_id == qid
        assert by_name[name].wikidata_id == qid
    mention_ids = {m.entity_id for m in result.mentions}
    assert set(expected.values()) <= mention_ids
    table = pa.Table.from_pylist([entity_row(e, run_id="test") for e in result.entities], schema=ENTITIES)
    rows = {row["canonical_name"]: row for row in table.to_pylist()}
    for name, qid in expected.items():
        assert rows[name]["entity_id"] == qid
        assert rows[name]["wikidata_id"] == qid


def test_an_entity_without_an_id_keeps_a_hash_id(extractor: EntityExtractor) -> None:
    result = extractor.extract("The Defense Logistics Agency awarded the contract on Friday.")
    dla = next(e for e in result.entities if e.canonical_name == "Defense Logistics Agency")
    assert dla.wikidata_id is None
    assert re.fullmatch(r"E[0-9a-f]{16}", dla.entity_id)


def test_people_known_across_articles_and_major_cities_carry_their_items(extractor: EntityExtractor) -> None:
    result = extractor.extract("Zelensky met Vladimir Putin's envoy in Kyiv. Putin later spoke from Moscow.")
    ids = {m.text: m.entity_id for m in result.mentions}
    assert ids["Zelensky"] == "Q3874799" and ids["Vladimir Putin's"[:14]] == ids["Putin"] == "Q7747"
    assert (ids["Kyiv"], ids["Moscow"]) == ("Q1899", "Q649")
    people = {e.entity_id: (e.canonical_name, e.country, e.wikidata_id) for e in result.entities}
    assert people["Q7747"] == ("Vladimir Putin", "RUS", "Q7747")
    assert people["Q3874799"] == ("Volodymyr Zelenskyy", "UKR", "Q3874799")


def test_an_ambiguous_surname_alone_gets_no_item(extractor: EntityExtractor) -> None:
    result = extractor.extract("Clinton told reporters the bill would pass.")
    assert all(e.wikidata_id is None for e in result.entities)


def test_a_party_or_university_name_inside_a_longer_name_gets_no_item(extractor: EntityExtractor) -> None:
    result = extractor.extract(
        "GOP leaders met the Social Democratic Party of Velmora and doctors of Johns Hopkins University Hospital."
    )
    names = {e.canonical_name: e.wikidata_id for e in result.entities}
    assert names["Republican Party"] == "Q29468"
    assert "Q29552" not in names.values() and "Q193727" not in names.values()


def test_a_known_person_the_model_read_as_an_organization_is_that_person(extractor: EntityExtractor) -> None:
    result = extractor.extract("Ursula von der Leyen met NATO chief Mark Rutte in Brussels on Tuesday.")
    found = {m.text: (m.type, m.entity_id) for m in result.mentions}
    assert found["Ursula von der Leyen"] == ("PERSON", "Q60772")
    assert found["Mark Rutte"] == ("PERSON", "Q57792")
