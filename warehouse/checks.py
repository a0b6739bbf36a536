"""Data checks: the queries in ``warehouse/sql/checks/`` that must return no rows.

Each check is one SQL file; a row it returns is a violation (a duplicate key, a span outside its text, a
mention whose entity is missing, a date out of range...). ``run_checks`` runs them all on a catalog
connection and reports each with its count and a few offending rows, so that the ingest flow can mark
its run ``failed_checks`` and ``sitrep status`` can say which check failed and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb

from warehouse.sql_models import load_models

__all__ = ["CheckResult", "run_checks", "failed", "check_names", "SAMPLE_ROWS"]

SAMPLE_ROWS = 5


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check: ``violations`` rows returned (0 = passed), with a sample of them."""

    name: str
    description: str
    violations: int
    columns: tuple[str, ...] = ()
    sample: tuple[tuple[Any, ...], ...] = field(default=())
    error: str | None = None  # the check itself could not run (a broken view, a missing column)

    @property
    def passed(self) -> bool:
        return self.violations == 0 and self.error is None

    def summary(self) -> str:
        """One line: ``ok  name`` or ``FAIL name: 3 rows (first: ...)``."""
        if self.error is not None:
            return f"ERROR {self.name}: {self.error}"
        if self.passed:
            return f"ok    {self.name}"
        first = dict(zip(self.columns, self.sample[0])) if self.sample else {}
        return f"FAIL  {self.name}: {self.violations} row(s); first: {first}"


def check_names() -> list[str]:
    """Names of the packaged checks."""
    return [m.name for m in load_models("checks")]


def run_checks(con: duckdb.DuckDBPyConnection, names: list[str] | None = None) -> list[CheckResult]:
    """Run every packaged check (or those named) on an open catalog connection, in name order."""
    results: list[CheckResult] = []
    for model in load_models("checks"):
        if names is not None and model.name not in names:
            continue
        try:
            count = con.execute(f"SELECT count(*) FROM (\n{model.sql}\n)").fetchall()[0]
            violations = int(count[0]) if count else 0
            columns: tuple[str, ...] = ()
            sample: tuple[tuple[Any, ...], ...] = ()
            if violations:
                cur = con.execute(f"SELECT * FROM (\n{model.sql}\n) LIMIT {SAMPLE_ROWS}")
                columns = tuple(d[0] for d in cur.description or ())
                sample = tuple(tuple(row) for row in cur.fetchall())
            results.append(CheckResult(model.name, model.description, violations, columns, sample))
        except duckdb.Error as exc:
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            results.append(CheckResult(model.name, model.description, 0, error=message))
    return results


def failed(results: list[CheckResult]) -> list[CheckResult]:
    """The checks that did not pass."""
    return [r for r in results if not r.passed]
