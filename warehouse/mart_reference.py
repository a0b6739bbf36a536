"""The mart reference, docs/marts.md, generated from the header comments of ``warehouse/sql/marts/*.sql``.

Each mart's SQL file opens with ``-- <name>: <description>``, then optional ``-- depends:`` and
``-- order:`` lines, then ``-- Columns:`` and one line per column (or per group of columns) written
``--   name TYPE[, name TYPE...]   meaning``, a meaning running on over lines indented further. This
module renders those headers as Markdown; ``python -m warehouse.mart_reference`` (``make docs``) writes
docs/marts.md and ``tests/test_docs.py`` fails when the file is stale or a mart has no columns listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from schemas.reference import cell, first_sentence, write_doc
from warehouse.sql_models import SqlModel, load_models

__all__ = ["MartColumn", "MartDoc", "mart_docs", "marts_markdown", "main"]

_COLUMN = re.compile(r"^--   ((?:[a-z_][a-z0-9_]* [A-Z]+(?:\[\])*)(?:, [a-z_][a-z0-9_]* [A-Z]+(?:\[\])*)*)\s+(\S.*)$")
_MORE = re.compile(r"^--\s{4,}(\S.*)$")
_DIRECTIVE = re.compile(r"^--\s*(depends|order):")


@dataclass(frozen=True, slots=True)
class MartColumn:
    """One column line of a header: the columns it names with their types, and their meaning."""

    names: tuple[str, ...]
    types: tuple[str, ...]
    meaning: str


@dataclass(frozen=True, slots=True)
class MartDoc:
    """One mart: name, description, the order it is stored in, what it is built from, its columns."""

    name: str
    description: str
    order_by: str | None
    depends: tuple[str, ...]
    columns: tuple[MartColumn, ...]


def _header(sql: str) -> list[str]:
    lines = []
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        lines.append(line.rstrip())
    return lines


def _doc(model: SqlModel) -> MartDoc:
    header = _header(model.sql)
    description: list[str] = []
    columns: list[MartColumn] = []
    in_columns = False
    for line in header:
        if line.strip() == "-- Columns:":
            in_columns = True
        elif in_columns:
            if match := _COLUMN.match(line):
                pairs = [pair.split(" ") for pair in match.group(1).split(", ")]
                columns.append(MartColumn(tuple(n for n, _ in pairs), tuple(t for _, t in pairs), match.group(2)))
            elif (more := _MORE.match(line)) and columns:
                last = columns[-1]
                columns[-1] = MartColumn(last.names, last.types, f"{last.meaning} {more.group(1)}")
            else:
                raise ValueError(f"warehouse/sql/marts/{model.name}.sql: cannot read the column line {line!r}")
        elif not _DIRECTIVE.match(line):
            description.append(line.removeprefix("--").strip())
    text = " ".join(description).removeprefix(f"{model.name}:").strip()
    return MartDoc(model.name, text, model.order_by, model.depends, tuple(columns))


def mart_docs() -> list[MartDoc]:
    """Every packaged mart, alphabetically, described from its SQL header."""
    return sorted((_doc(m) for m in load_models("marts")), key=lambda d: d.name)


def marts_markdown() -> str:
    """docs/marts.md: one section per mart, its description, sort order, sources and columns."""
    docs = mart_docs()
    out = [
        "# Marts",
        "",
        "<!-- Generated from the headers of warehouse/sql/marts/*.sql by `python -m warehouse.mart_reference` "
        "(`make docs`). Edit the headers there, not this file. -->",
        "",
        "A mart is a table of the DuckDB catalog, computed once at each catalog refresh (the end of every run) "
        "from the current articles and stored sorted as listed, so that a dashboard's date filter skips "
        "row groups. `SELECT name, description, row_count FROM _sitrep.marts` lists them. "
        "[warehouse.md](warehouse.md) explains the layers; [tables.md](tables.md) describes the tables below them.",
        "",
        "| mart | what it holds |",
        "| --- | --- |",
    ]
    out += [f"| [`{d.name}`](#{d.name}) | {cell(first_sentence(d.description))} |" for d in docs]
    for doc in docs:
        out += ["", f"## {doc.name}", "", doc.description[:1].upper() + doc.description[1:], ""]
        if doc.order_by:
            out += [f"Stored sorted by `{doc.order_by}`."]
        if doc.depends:
            out += [
                f"Built from the mart{'s' if len(doc.depends) > 1 else ''} "
                + ", ".join(f"`{d}`" for d in doc.depends)
                + "."
            ]
        out += ["", "| column | type | meaning |", "| --- | --- | --- |"]
        for col in doc.columns:
            names = ", ".join(f"`{n}`" for n in col.names)
            types = col.types[0] if len(set(col.types)) == 1 else ", ".join(col.types)
            out.append(f"| {names} | `{types}` | {cell(col.meaning)} |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> None:
    """Write docs/marts.md (or the path given as the only argument)."""
    write_doc("marts.md", marts_markdown, argv)


if __name__ == "__main__":
    main()
