"""Readers: the notebook API (read-only), direct Parquet reads by other tools, and export."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from lakes import write_lake

from warehouse.api import WarehouseNotFound, open_warehouse
from warehouse.catalog import refresh_catalog
from warehouse.export import ExportError, export
from warehouse.lake import Lake
from warehouse.sql_models import mart_names


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory) -> Lake:
    return write_lake(tmp_path_factory.mktemp("api"))


def test_open_warehouse_lists_and_returns_marts_as_arrow(lake: Lake) -> None:
    with open_warehouse(lake.root) as wh:
        assert wh.marts() == mart_names()
        assert {d[0] for d in wh.describe()} == set(mart_names()) and all(d[2] is not None for d in wh.describe())
        daily = wh.mart("articles_daily")
        assert isinstance(daily, pa.Table) and pa.compute.sum(daily["articles"]).as_py() == 4
        assert "articles_current" in wh.views()
        got = wh.query("SELECT count(*) AS n FROM articles_current WHERE source_name = ?", ["Harbor Watch"])
        assert got.to_pylist() == [{"n": 2}]
        with pytest.raises(KeyError, match="articles_daily"):
            wh.mart("nope")


def test_the_catalog_file_itself_opens_read_only_and_refuses_writes(lake: Lake) -> None:
    with open_warehouse(lake.catalog_path) as wh, open_warehouse(lake.root) as other:  # two readers at once
        with pytest.raises(duckdb.Error):
            wh.query("CREATE TABLE x AS SELECT 1")
        assert other.query("SELECT count(*) AS n FROM articles").to_pylist() == [{"n": 5}]
    con = duckdb.connect(str(lake.catalog_path), read_only=True)  # the duckdb client, as is
    try:
        assert con.execute("SELECT count(*) FROM top_entities_weekly").fetchall()[0][0] > 0
    finally:
        con.close()


def test_a_reader_keeps_its_snapshot_while_the_catalog_is_refreshed(lake: Lake, tmp_path: Path) -> None:
    root = tmp_path / "copy"
    fresh = write_lake(root)
    with open_warehouse(root) as wh:
        refresh_catalog(fresh)  # what an ingest does at its end
        assert wh.query("SELECT count(*) AS n FROM articles_daily").num_rows == 1
    assert lake.root != root


def test_missing_warehouse_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(WarehouseNotFound):
        open_warehouse(tmp_path / "nothing")


def test_parquet_folders_read_directly_in_duckdb_and_pyarrow(lake: Lake) -> None:
    folder = lake.table_dir("entity_mentions")
    con = duckdb.connect()
    n = con.execute(f"SELECT count(*) FROM read_parquet('{folder}/*/*.parquet', hive_partitioning = true)").fetchall()[
        0
    ][0]
    assert n == con.execute(f"SELECT count(*) FROM '{folder}/**/*.parquet'").fetchall()[0][0] > 0
    table = ds.dataset(folder, format="parquet", partitioning="hive").to_table()
    assert table.num_rows == n and "ingest_date" in table.column_names
    assert pq.read_table(lake.table_files("articles")[0]).column("title").null_count == 0


def test_parquet_folders_read_directly_in_pandas_and_polars(lake: Lake) -> None:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    folder = lake.table_dir("articles")
    rows = lake.read_table("articles").num_rows
    frame = pd.read_parquet(folder)  # pyarrow engine, Hive partitions as a column
    assert len(frame) == rows > 0 and "ingest_date" in frame.columns and frame["title"].notna().all()
    polars_frame = pl.read_parquet(f"{folder}/*/*.parquet", hive_partitioning=True)
    assert polars_frame.height == rows and "ingest_date" in polars_frame.columns


def test_pandas_results_when_pandas_is_installed(lake: Lake) -> None:
    pytest.importorskip("pandas")
    with open_warehouse(lake.root) as wh:
        df = wh.mart("countries_monthly", as_="pandas")
    assert set(df["country_iso3"]) == {"RUS", "UKR", "YEM"}


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json"])
def test_export_a_mart_in_each_format(lake: Lake, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"daily.{fmt}"
    assert export(lake, "articles_daily", path, fmt) == 4  # type: ignore[arg-type]
    if fmt == "csv":
        with path.open() as handle:
            rows = list(csv.DictReader(handle))
        assert rows[0].keys() >= {"day", "source_name", "articles"} and len(rows) == 4
    elif fmt == "parquet":
        assert pq.read_table(path).num_rows == 4
    else:
        data = json.loads(path.read_text())
        assert isinstance(data, list) and len(data) == 4 and "articles" in data[0]
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_export_a_query_and_refuse_a_bad_one(lake: Lake, tmp_path: Path) -> None:
    path = tmp_path / "out" / "claims.csv"
    assert export(lake, "SELECT event, value FROM quantity_claims WHERE is_casualty;", path, "csv") == 3
    with pytest.raises(ExportError, match="no_such_mart"):
        export(lake, "no_such_mart", tmp_path / "x.csv", "csv")
    with pytest.raises(ExportError, match="unknown format"):
        export(lake, "articles_daily", tmp_path / "x.xml", "xml")  # type: ignore[arg-type]
    assert not (tmp_path / "x.csv").exists()
