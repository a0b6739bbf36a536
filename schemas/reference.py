"""The table reference, docs/tables.md, generated from the schemas and the comments beside their fields.

``schemas/tables.py`` is the one place a column is described: each table's description is the comment
block right above its schema, and each field's meaning is its trailing comment, continued on ``#   ``
lines under it. This module reads that source (``ast`` for the structure, ``tokenize`` for the
comments), takes types, nullability and versions from the schemas themselves, and renders Markdown that
depends on nothing but the two. ``python -m schemas.reference`` (``make docs``) writes docs/tables.md;
``tests/test_docs.py`` fails when the file is stale or a field has no comment.
"""

from __future__ import annotations

import ast
import io
import sys
import tokenize
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from schemas import tables

__all__ = ["FieldDoc", "TableDoc", "table_docs", "tables_markdown", "cell", "first_sentence", "write_doc", "main"]


@dataclass(frozen=True, slots=True)
class FieldDoc:
    """One column: its name, its type as written in the docs, whether it may be null, and its meaning."""

    name: str
    type: str
    nullable: bool
    comment: str


@dataclass(frozen=True, slots=True)
class TableDoc:
    """One table: its name, schema version, description and columns, in schema order."""

    name: str
    version: int
    description: str
    fields: tuple[FieldDoc, ...]


def type_name(arrow_type: pa.DataType) -> str:
    """A short, stable spelling of a pyarrow type: ``string``, ``timestamp[us, UTC]``, ``list<string>``."""
    if pa.types.is_list(arrow_type):
        return f"list<{type_name(arrow_type.value_type)}>"
    if pa.types.is_timestamp(arrow_type):
        return f"timestamp[{arrow_type.unit}, {arrow_type.tz}]" if arrow_type.tz else f"timestamp[{arrow_type.unit}]"
    if pa.types.is_date32(arrow_type):
        return "date32"
    return str(arrow_type)


def _comments(source: str) -> dict[int, tuple[str, bool]]:
    """Line number -> (comment text without '#', whether the comment is alone on its line)."""
    found: dict[int, tuple[str, bool]] = {}
    lines = source.splitlines()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            row, col = token.start
            alone = not lines[row - 1][:col].strip()
            found[row] = (token.string[1:].strip(), alone)
    return found


def _field_comment(comments: dict[int, tuple[str, bool]], last_line: int) -> str:
    """The trailing comment of the field call ending on ``last_line`` plus its continuation lines."""
    trailing = comments.get(last_line)
    if trailing is None or trailing[1]:
        return ""
    parts = [trailing[0]]
    row = last_line + 1
    while (more := comments.get(row)) is not None and more[1]:
        parts.append(more[0])
        row += 1
    return " ".join(parts)


def _block_above(comments: dict[int, tuple[str, bool]], line: int) -> str:
    """The comment lines directly above ``line``, joined."""
    parts: list[str] = []
    row = line - 1
    while (above := comments.get(row)) is not None and above[1]:
        parts.insert(0, above[0])
        row -= 1
    return " ".join(parts)


def _schema_assignments(module: ast.Module) -> dict[str, ast.Assign]:
    """Module-level ``NAME = pa.schema(...)`` assignments by variable name."""
    found: dict[str, ast.Assign] = {}
    for node in module.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Attribute)
            and node.value.func.attr == "schema"
        ):
            found[node.targets[0].id] = node
    return found


def _field_calls(assign: ast.Assign) -> dict[str, ast.Call]:
    """The ``pa.field("name", ...)`` calls of one schema by field name."""
    calls: dict[str, ast.Call] = {}
    for node in ast.walk(assign.value):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "field"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            calls[node.args[0].value] = node
    return calls


def table_docs() -> list[TableDoc]:
    """Every table of ``schemas.tables.SCHEMAS``, described from the comments of ``schemas/tables.py``.

    Raises ValueError when a table's schema cannot be found in the source (it was not built by a
    module-level ``NAME = pa.schema([...])``).
    """
    source = Path(tables.__file__).read_text(encoding="utf-8")
    comments = _comments(source)
    assignments = _schema_assignments(ast.parse(source))
    variable_of = {id(getattr(tables, name)): name for name in assignments}
    docs: list[TableDoc] = []
    for table, schema in tables.SCHEMAS.items():
        variable = variable_of.get(id(schema))
        if variable is None:
            raise ValueError(f"schemas/tables.py: no 'NAME = pa.schema([...])' found for table {table}")
        assign = assignments[variable]
        calls = _field_calls(assign)
        fields = []
        for field in schema:
            call = calls.get(field.name)
            comment = _field_comment(comments, call.end_lineno or call.lineno) if call is not None else ""
            fields.append(FieldDoc(field.name, type_name(field.type), field.nullable, comment))
        description = _block_above(comments, assign.lineno).removeprefix(f"{table}:").strip()
        docs.append(TableDoc(table, tables.SCHEMA_VERSIONS[table], description, tuple(fields)))
    return docs


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell (and outside HTML)."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "\\<")


def first_sentence(text: str) -> str:
    """``text`` up to its first full stop (a table's one-line summary)."""
    head, _, _ = text.partition(". ")
    return head.rstrip(".")


def tables_markdown() -> str:
    """docs/tables.md: one section per table, its description and its columns (type, null, meaning)."""
    docs = table_docs()
    out = [
        "# Tables",
        "",
        "<!-- Generated from schemas/tables.py by `python -m schemas.reference` (`make docs`). "
        "Edit the comments there, not this file. -->",
        "",
        "Each table is a folder of Parquet files under `<lake>/tables/<table>/`, partitioned by "
        f"`{tables.PARTITION_COLUMN}=YYYY-MM-DD/`, and every file is written with the table's explicit pyarrow "
        "schema. Each file records `sitrep.table` and `sitrep.schema_version` in its metadata. The catalog "
        "has one view per table, with its partition column added. "
        "The marts built over them are described in [marts.md](marts.md).",
        "",
        "| table | schema version | rows |",
        "| --- | --- | --- |",
    ]
    out += [f"| [`{d.name}`](#{d.name}) | {d.version} | {cell(first_sentence(d.description))} |" for d in docs]
    for doc in docs:
        out += [
            "",
            f"## {doc.name}",
            "",
            doc.description[:1].upper() + doc.description[1:],
            "",
            f"Schema version {doc.version}.",
            "",
            "| column | type | null | meaning |",
            "| --- | --- | --- | --- |",
        ]
        out += [
            f"| `{f.name}` | `{f.type}` | {'yes' if f.nullable else 'no'} | {cell(f.comment)} |" for f in doc.fields
        ]
    return "\n".join(out) + "\n"


def _repo_root() -> Path:
    """The folder above this package that holds pyproject.toml (the repository)."""
    for folder in Path(__file__).resolve().parents:
        if (folder / "pyproject.toml").is_file():
            return folder
    return Path.cwd()


def write_doc(name: str, render: Callable[[], str], argv: list[str] | None = None) -> None:
    """Write ``docs/<name>`` of the repository (or the path given as the only argument) from ``render``;
    the ``main`` of each generated reference (this one, ``warehouse.mart_reference``, ``flows.cli.docs``)."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else _repo_root() / "docs" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(), encoding="utf-8")
    print(f"wrote {target}")


def main(argv: list[str] | None = None) -> None:
    """Write docs/tables.md (or the path given as the only argument)."""
    write_doc("tables.md", tables_markdown, argv)


if __name__ == "__main__":
    main()
