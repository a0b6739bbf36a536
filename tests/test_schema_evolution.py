"""Schema evolution: versions in file metadata, added columns read as null, migrations for changed meanings."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from lakes import INGEST_DAY, RUN, build_tables, write_lake

from schemas import tables as schema_tables
from schemas.tables import SCHEMA_VERSIONS, SCHEMAS, schema_for
from warehouse.catalog import connect, refresh_catalog
from warehouse.checks import failed, run_checks
from warehouse.lake import Lake
from warehouse.migrations import MigrationRegistry, conform, file_schema_version, migrate_lake, pending_files


def test_every_file_records_its_table_and_schema_version(tmp_path: Path) -> None:
    lake = write_lake(tmp_path, refresh=False)
    for table in SCHEMAS:
        for path in lake.table_files(table):
            meta = pq.read_schema(path).metadata
            assert meta[b"sitrep.table"] == table.encode()
            assert file_schema_version(path) == SCHEMA_VERSIONS[table]


def _write_previous_version(lake: Lake, table: str, rows: list[dict[str, object]], drop: str, day: str) -> Path:
    """A file as the previous schema wrote it: without ``drop``, and with no version in its metadata."""
    old_schema = pa.schema([f for f in SCHEMAS[table] if f.name != drop])
    arrow = pa.Table.from_pylist([{k: v for k, v in r.items() if k != drop} for r in rows], schema=old_schema)
    folder = Path(lake.table_dir(table)) / f"ingest_date={day}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "part-old-00000.parquet"
    pq.write_table(arrow, path)
    return path


def test_files_of_the_previous_version_read_beside_current_ones(tmp_path: Path) -> None:
    """Old articles and quantities files (before published_source and event existed) stay readable:
    the views, the marts and the checks work over a mix of old and new files."""
    tables = build_tables(duplicate=False)
    old_articles, tables["articles"] = tables["articles"][:2], tables["articles"][2:]
    old_ids = {a["article_id"] for a in old_articles}
    old_quantities = [q for q in tables["quantities"] if q["article_id"] in old_ids]
    tables["quantities"] = [q for q in tables["quantities"] if q["article_id"] not in old_ids]
    lake = write_lake(tmp_path, tables, refresh=False)
    old_path = _write_previous_version(lake, "articles", old_articles, "published_source", "2025-04-01")
    _write_previous_version(lake, "quantities", old_quantities, "event", "2025-04-01")
    assert file_schema_version(old_path) == 1 and "published_source" not in pq.read_schema(old_path).names
    refresh_catalog(lake)
    with connect(lake) as con:
        got = con.execute("SELECT article_id, published_source FROM articles ORDER BY 1").fetchall()
        assert got == [("id-a1", None), ("id-a2", None), ("id-a3", "metadata"), ("id-a4", "metadata")]
        assert con.execute("SELECT sum(articles) FROM articles_daily").fetchall() == [(4,)]
        assert con.execute("SELECT count(*) FROM quantity_claims WHERE event IS NULL").fetchall() == [
            (4,)
        ]  # 3 old rows + 1 money claim
        assert failed(run_checks(con)) == []
    assert lake.read_table("articles").num_rows == 4


def test_a_column_added_in_a_new_version_reads_as_null_in_old_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Write with version 1, then bump ``entities`` to version 2 with a new column, write again, read both."""
    lake = write_lake(tmp_path, refresh=False)
    v2 = SCHEMAS["entities"].append(pa.field("founded_year", pa.int16()))
    monkeypatch.setitem(SCHEMAS, "entities", v2)
    monkeypatch.setitem(SCHEMA_VERSIONS, "entities", 2)
    row = build_tables()["entities"][0] | {"entity_id": "e:new", "founded_year": 1949}
    path = lake.write_table("entities", [row], run_id=RUN, ingest_date=INGEST_DAY, part=9)
    assert path is not None and file_schema_version(path) == 2
    refresh_catalog(lake)
    with connect(lake) as con:
        got = con.execute(
            "SELECT entity_id, founded_year FROM entities WHERE entity_id IN ('e:new', 'e:nato') ORDER BY 1"
        ).fetchall()
    assert got == [("e:nato", None), ("e:new", 1949)]
    assert pending_files(lake) == []  # an added column needs no migration


def _percent_as_fraction(tmp_path: Path) -> Lake:
    """A lake whose quantities v1 stored percentages as fractions (0.4 for 40%)."""
    tables = build_tables()
    tables["quantities"].append(
        tables["quantities"][0]
        | {"kind": "percent", "value": 0.4, "start": 0, "end": 6, "text": "Russia", "event": None}
    )
    return write_lake(tmp_path, tables, refresh=False)


def _registry() -> MigrationRegistry:
    registry = MigrationRegistry()

    @registry.register("quantities", 1, 2, "percent values as 0..100")
    def percent_scale(table: pa.Table) -> pa.Table:
        is_percent = pc.equal(table["kind"], "percent")
        scaled = pc.if_else(is_percent, pc.multiply(table["value"], 100.0), table["value"])
        return table.set_column(table.schema.get_field_index("value"), "value", scaled)

    return registry


def test_a_changed_meaning_is_migrated_once_by_the_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lake = _percent_as_fraction(tmp_path)
    registry = _registry()
    assert pending_files(lake, registry) == []  # still version 1: nothing to do
    monkeypatch.setitem(SCHEMA_VERSIONS, "quantities", 2)
    (pending,) = pending_files(lake, registry)
    assert pending[0] == "quantities" and pending[2] == 1
    report = migrate_lake(lake, registry)
    assert report.rewritten == {"quantities": 1} and "percent values as 0..100" in report.steps[0]
    values = lake.read_table("quantities").to_pylist()
    assert [q["value"] for q in values if q["kind"] == "percent"] == [40.0]
    assert [q["value"] for q in values if q["kind"] == "count"][:1] == [12.0]
    assert file_schema_version(lake.table_files("quantities")[0]) == 2
    assert migrate_lake(lake, registry).total == 0  # idempotent
    assert list(Path(lake.tmp_dir).iterdir()) == []


def test_chains_skip_additive_steps_and_newer_files_are_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = _registry()
    assert [m.to_version for m in registry.chain("quantities", 1, 4)] == [2]
    assert registry.chain("articles", 1, 3) == []
    with pytest.raises(ValueError):
        registry.register("quantities", 1, 3, "a second step from 1")(lambda t: t)
    lake = write_lake(tmp_path, refresh=False)
    monkeypatch.setitem(SCHEMA_VERSIONS, "quantities", 0)  # as if an older sitrep reads files written by this one
    report = migrate_lake(lake, registry)
    assert report.total == 0 and len(report.newer) == len(lake.table_files("quantities"))


def test_conform_fills_new_columns_and_refuses_nulls_in_required_ones() -> None:
    schema = schema_for("rejects")
    old = pa.table(
        {
            "run_id": ["r"],
            "stage": ["load"],
            "source_uri": ["file:///x"],
            "error_type": ["E"],
            "message": ["m"],
            "at": pa.array([0], pa.timestamp("us", tz="UTC")),
        }
    )
    out = conform(old, schema)
    assert out.schema == schema and out.column("source_name").to_pylist() == [None]
    with pytest.raises(ValueError, match="message"):
        conform(old.drop(["message"]), schema)
    assert schema_tables.PARTITION_COLUMN == "ingest_date"
