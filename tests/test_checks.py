"""Data checks: all pass on consistent data, and each kind of breakage is caught by its check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from lakes import build_tables, write_lake

from warehouse.catalog import connect
from warehouse.checks import check_names, failed, run_checks


def failing(root: Path, tables: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    lake = write_lake(root, tables)
    with connect(lake) as con:
        return {r.name: r.violations for r in failed(run_checks(con))}


def test_all_checks_pass_on_consistent_data_and_an_empty_lake(tmp_path: Path) -> None:
    assert failing(tmp_path / "full", build_tables()) == {}
    assert failing(tmp_path / "empty", {}) == {}
    assert {
        "offsets_inside_text",
        "mentions_entity_exists",
        "articles_have_raw_document",
        "articles_unique_revision",
        "dates_in_range",
    } <= set(check_names())


def test_a_shifted_offset_fails_offsets_inside_text(tmp_path: Path) -> None:
    tables = build_tables()
    tables["entity_mentions"][0]["start"] += 1
    tables["quantities"][0]["end"] = 10_000
    assert failing(tmp_path, tables) == {"offsets_inside_text": 2}


def test_a_mention_of_an_unknown_entity_fails(tmp_path: Path) -> None:
    tables = build_tables()
    tables["entity_mentions"][0]["entity_id"] = "e:nowhere"
    assert failing(tmp_path, tables) == {"mentions_entity_exists": 1}


def test_an_article_without_raw_document_and_a_duplicate_revision_fail(tmp_path: Path) -> None:
    tables = build_tables()
    tables["raw_documents"].pop(0)
    tables["articles"].append(dict(tables["articles"][1]))
    assert failing(tmp_path, tables) == {"articles_have_raw_document": 1, "articles_unique_revision": 1}


def test_dates_out_of_range_fail(tmp_path: Path) -> None:
    tables = build_tables()
    tables["temporal_expressions"][0]["end_date"] = dt.date(2024, 1, 1)  # before its start
    tables["articles"][2]["published_at"] = dt.date(2026, 1, 1)  # after it was ingested
    assert failing(tmp_path, tables) == {"dates_in_range": 2}


def test_orphan_rows_and_unknown_values_fail(tmp_path: Path) -> None:
    tables = build_tables()
    tables["quantities"][0]["article_id"] = "id-missing"
    tables["entities"].append(tables["entities"][0] | {"canonical_name": "Another name"})
    tables["entity_mentions"][1]["type"] = "SPACESHIP"
    assert failing(tmp_path, tables) == {"mentions_have_article": 1, "entities_consistent": 1, "values_in_domain": 1}


def test_a_failure_reports_a_sample_and_a_one_line_summary(tmp_path: Path) -> None:
    tables = build_tables()
    tables["entity_mentions"][0]["entity_id"] = "e:nowhere"
    lake = write_lake(tmp_path, tables)
    with connect(lake) as con:
        (result,) = run_checks(con, ["mentions_entity_exists"])
    assert not result.passed and result.sample[0][3] == "e:nowhere"
    assert result.summary().startswith("FAIL  mentions_entity_exists: 1 row(s)") and "e:nowhere" in result.summary()
    assert result.description.startswith("every mention's entity_id")


def test_a_check_that_cannot_run_is_an_error_not_a_pass(tmp_path: Path) -> None:
    import duckdb

    con = duckdb.connect()  # no catalog: every check's tables are missing
    results = run_checks(con)
    assert results and all(not r.passed and r.error for r in results)
