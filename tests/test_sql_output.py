"""``sitrep sql --format json|csv`` and ``sitrep export``: every DuckDB type, written type by type (issue #14).

JSON numbers keep their exact text (decimals, hugeints); times are ISO 8601 strings; intervals ISO 8601
durations; blobs base64; NaN and infinities null (JSON has none); nested values nest. CSV lines end in
``\\n`` (``--crlf`` for RFC 4180's CRLF).
"""

from __future__ import annotations

import decimal
import io
import json
import subprocess
from pathlib import Path
from typing import Any

import duckdb
import pytest
from conftest import sitrep_command

from flows.cli.report import write_result

D = decimal.Decimal


def _strict(text: str) -> Any:
    """JSON as a strict reader sees it: NaN or Infinity is an error, numbers stay exact."""

    def no_constants(name: str) -> None:
        raise ValueError(f"not JSON: {name}")

    return json.loads(text, parse_float=D, parse_constant=no_constants)


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    connection.execute("SET TimeZone = 'UTC'")
    connection.execute("CREATE TYPE mood AS ENUM ('calm', 'alert')")
    return connection


def _json(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    out = io.StringIO()
    write_result(con.sql(sql), "json", out)
    return _strict(out.getvalue())


def _value(con: duckdb.DuckDBPyConnection, expression: str) -> Any:
    (row,) = _json(con, f"SELECT {expression} AS v")
    return row["v"]


CASES: list[tuple[str, Any]] = [
    # numbers: exact, whatever their size
    ("1.5", D("1.5")),
    ("123456789012345678.123456789012345678::DECIMAL(38,18)", D("123456789012345678.123456789012345678")),
    ("(SELECT sum(x) FROM range(4) t(x))", 6),  # a HUGEINT
    ("170141183460469231731687303715884105727::HUGEINT", 170141183460469231731687303715884105727),
    ("-170141183460469231731687303715884105727::HUGEINT", -170141183460469231731687303715884105727),
    ("340282366920938463463374607431768211455::UHUGEINT", 340282366920938463463374607431768211455),
    ("18446744073709551615::UBIGINT", 18446744073709551615),
    ("42::TINYINT", 42),
    ("true", True),
    ("NULL", None),
    ("0.1::FLOAT", D("0.1")),
    ("2.5::DOUBLE", D("2.5")),
    ("1e20::DOUBLE", D("1e+20")),
    ("'nan'::DOUBLE", None),
    ("'inf'::DOUBLE", None),
    ("'-inf'::FLOAT", None),
    # dates and times: ISO 8601
    ("DATE '2025-04-07'", "2025-04-07"),
    ("'infinity'::DATE", "infinity"),
    ("TIME '13:45:10.123456'", "13:45:10.123456"),
    ("TIMETZ '13:45:10+02'", "13:45:10+02:00"),
    ("TIMETZ '13:45:10+05:30'", "13:45:10+05:30"),
    ("TIMESTAMP '2025-04-07 13:45:10.5'", "2025-04-07T13:45:10.5"),
    ("TIMESTAMPTZ '2025-04-07 13:45:10+02'", "2025-04-07T11:45:10+00:00"),
    ("TIMESTAMP_NS '2025-04-07 13:45:10.123456789'", "2025-04-07T13:45:10.123456789"),
    ("TIMESTAMP_S '2025-04-07 13:45:10'", "2025-04-07T13:45:10"),
    ("TIMESTAMP_MS '2025-04-07 13:45:10.123'", "2025-04-07T13:45:10.123"),
    ("TIMESTAMP '0044-03-15 12:00:00'", "0044-03-15T12:00:00"),
    ("'infinity'::TIMESTAMP", "infinity"),
    ("'-infinity'::TIMESTAMPTZ", "-infinity"),
    # intervals: ISO 8601 durations, a sign on each field that has one (PostgreSQL's iso_8601 style)
    ("INTERVAL '1 year 2 months 3 days 04:05:06.789'", "P1Y2M3DT4H5M6.789S"),
    ("INTERVAL '0 seconds'", "PT0S"),
    ("INTERVAL '40 hours'", "PT40H"),
    ("INTERVAL '-14 months'", "P-1Y-2M"),
    ("INTERVAL '1 day' - INTERVAL '2 hours'", "P1DT-2H"),
    ("INTERVAL '0.000001 seconds'", "PT0.000001S"),
    # strings and the like
    ("'a \"quoted\"\nline, with ü and \\'", 'a "quoted"\nline, with ü and \\'),
    ("'\\xAA\\x00ab'::BLOB", "qgBhYg=="),  # base64
    ("'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::UUID", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
    ("'alert'::ENUM('calm', 'alert')", "alert"),
    ("'10110'::BIT", "10110"),
    ("'{\"a\": [1, 2.50]}'::JSON", {"a": [1, D("2.50")]}),  # JSON is embedded as it is
    # nested values
    ("[1, 2, NULL]", [1, 2, None]),
    ("[]::INTEGER[]", []),
    ("[[1], [2, 3]]", [[1], [2, 3]]),
    ("[1.5, 2]::DOUBLE[2]", [D("1.5"), D("2.0")]),
    ("['nan'::DOUBLE, 1.0]", [None, D("1.0")]),
    ("[TIMESTAMP '2025-04-07 13:45:10', NULL]", ["2025-04-07T13:45:10", None]),
    ("{'a': 1, 'b': 'x', 'c': NULL}", {"a": 1, "b": "x", "c": None}),
    (
        "{'span': INTERVAL '3 days', 'raw': '\\x01'::BLOB, 'when': [DATE '2025-04-07']}",
        {"span": "P3D", "raw": "AQ==", "when": ["2025-04-07"]},
    ),
    ("MAP {'k1': 10, 'k2': NULL}", {"k1": 10, "k2": None}),
    ("MAP {1: 'a', 2: 'b'}", {"1": "a", "2": "b"}),  # map keys become their text
    ("MAP {'d': [1.25::DECIMAL(4,2)]}", {"d": [D("1.25")]}),
    ("union_value(num := 2)::UNION(num INTEGER, str VARCHAR)", 2),  # a union is its member's value
    ("union_value(str := 'x')::UNION(num INTEGER, str VARCHAR)", "x"),
    ("NULL::STRUCT(a INTEGER)", None),
    ("NULL::INTEGER[]", None),
    ("NULL::MAP(VARCHAR, INTEGER)", None),
]


@pytest.mark.parametrize(("expression", "expected"), CASES, ids=[c[0][:48] for c in CASES])
def test_every_type_serialises_to_json(con: duckdb.DuckDBPyConnection, expression: str, expected: Any) -> None:
    value = _value(con, expression)
    assert value == expected and type(value) is type(expected)


def test_json_output_is_one_strict_array_with_unique_keys(con: duckdb.DuckDBPyConnection) -> None:
    assert _json(con, "SELECT 1 AS a, 2 AS a, 3 AS a_2") == [{"a": 1, "a_2": 2, "a_2_2": 3}]
    assert _json(con, "SELECT 1 AS a WHERE false") == []
    rows = _json(con, "SELECT x, x * 1.5 AS y FROM range(3) t(x)")
    assert rows == [{"x": 0, "y": D("0.0")}, {"x": 1, "y": D("1.5")}, {"x": 2, "y": D("3.0")}]


def _csv(con: duckdb.DuckDBPyConnection, sql: str, **kwargs: Any) -> str:
    out = io.StringIO(newline="")
    write_result(con.sql(sql), "csv", out, **kwargs)
    return out.getvalue()


def test_csv_lines_end_in_newline_unless_crlf_is_asked(con: duckdb.DuckDBPyConnection) -> None:
    sql = (
        "SELECT 1.5 AS d, sum(x) AS s, 'two\nlines' AS t, NULL AS n, [1, 2] AS l, {'a': 'b'} AS st, "
        "'nan'::DOUBLE AS f, TIMESTAMP '2025-04-07 13:45:10' AS ts, INTERVAL '3 days' AS i, '\\x01'::BLOB AS b "
        "FROM range(3) t(x)"
    )
    text = _csv(con, sql)
    assert "\r" not in text
    assert text == (
        'd,s,t,n,l,st,f,ts,i,b\n1.5,3,"two\nlines",,"[1,2]","{""a"":""b""}",nan,2025-04-07T13:45:10,P3D,AQ==\n'
    )
    assert _csv(con, "SELECT 1 AS a UNION ALL SELECT 2", crlf=True) == "a\r\n1\r\n2\r\n"


def test_the_table_format_prints_any_type(con: duckdb.DuckDBPyConnection, capsys: pytest.CaptureFixture[str]) -> None:
    write_result(
        con.sql(
            "SELECT 340282366920938463463374607431768211455::UHUGEINT AS u, 'infinity'::DATE AS d, "
            "TIMETZ '13:45:10+02' AS t, INTERVAL '1 month' AS i"
        ),
        "table",
    )
    printed = capsys.readouterr().out
    assert "340282366920938463463374607431768211455" in printed and "infinity" in printed
    assert "13:45:10+02:00" in printed and "P1M" in printed


# -- through the command line, and sitrep export ---------------------------------------------------------------


@pytest.fixture(scope="module")
def lake_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from lakes import write_lake

    root = tmp_path_factory.mktemp("sqlout") / "data"
    write_lake(root)
    return root


TYPES_QUERY = (
    "SELECT sum(word_count) AS words, avg(word_count)::DECIMAL(10,2) AS mean, 1.5 AS d, "
    "INTERVAL '2 days' AS i, 'nan'::DOUBLE AS f, '\\x01'::BLOB AS b, [min(published_at)] AS l, "
    "max(ingested_at) AS at FROM articles"
)


def test_sitrep_sql_json_and_csv_on_a_lake(lake_root: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "SITREP_LAKE": str(lake_root), "HOME": str(lake_root.parent)}
    done = subprocess.run(
        sitrep_command() + ["sql", TYPES_QUERY, "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    (row,) = _strict(done.stdout)
    assert isinstance(row["words"], int) and row["d"] == D("1.5") and row["i"] == "P2D" and row["f"] is None
    assert row["b"] == "AQ==" and row["at"].endswith("+00:00") and "T" in row["at"]
    csv_out = subprocess.run(
        sitrep_command() + ["sql", "SELECT title FROM articles ORDER BY title LIMIT 2", "--format", "csv"],
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert csv_out.returncode == 0 and b"\r" not in csv_out.stdout and csv_out.stdout.count(b"\n") == 3
    crlf = subprocess.run(
        sitrep_command() + ["sql", "SELECT 1 AS a", "--format", "csv", "--crlf"],
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert crlf.stdout == b"a\r\n1\r\n"


def test_export_json_and_csv_serialise_every_type_like_sql(
    lake_root: Path, tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    from warehouse.export import export
    from warehouse.lake import Lake

    lake = Lake(lake_root)
    assert export(lake, TYPES_QUERY, tmp_path / "out.json", "json") == 1
    (row,) = _strict((tmp_path / "out.json").read_text())
    assert row["f"] is None and row["i"] == "P2D" and row["b"] == "AQ==" and row["d"] == D("1.5")
    assert isinstance(row["words"], int) and row["at"].endswith("+00:00")
    cases = ", ".join(f"{expression} AS c{n}" for n, (expression, _) in enumerate(CASES))
    export(lake, f"SELECT {cases}", tmp_path / "all.json", "json")
    (exported,) = _strict((tmp_path / "all.json").read_text())
    assert exported == {f"c{n}": expected for n, (_, expected) in enumerate(CASES)}
    export(lake, TYPES_QUERY, tmp_path / "out.csv", "csv")
    data = (tmp_path / "out.csv").read_bytes()
    assert b"\r" not in data and data.splitlines()[0] == b"words,mean,d,i,f,b,l,at"
    assert b",1.5,P2D,nan,AQ==," in data.splitlines()[1]
    assert export(lake, TYPES_QUERY, tmp_path / "out.parquet", "parquet") == 1
