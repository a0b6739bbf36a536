"""Docs that stay true: the generated references match the code, every relative link resolves, and no
document speaks in a lab notebook's voice."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from lakes import write_lake

from flows.cli.docs import cli_markdown
from schemas.reference import table_docs, tables_markdown
from warehouse.catalog import connect
from warehouse.mart_reference import mart_docs, marts_markdown

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PROSE = [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted(DOCS.glob("*.md"))]

GENERATED: list[tuple[str, Callable[[], str], str]] = [
    ("cli.md", cli_markdown, "python -m flows.cli.docs"),
    ("tables.md", tables_markdown, "python -m schemas.reference"),
    ("marts.md", marts_markdown, "python -m warehouse.mart_reference"),
]


@pytest.mark.parametrize(("name", "render", "command"), GENERATED, ids=[g[0] for g in GENERATED])
def test_generated_reference_is_current(name: str, render: Callable[[], str], command: str) -> None:
    path = DOCS / name
    regenerate = f"run `make docs` (or `{command}`) and commit docs/{name}"
    assert path.is_file(), f"docs/{name} is missing: {regenerate}"
    current, expected = path.read_text(encoding="utf-8"), render()
    if current != expected:
        diff = difflib.unified_diff(
            current.splitlines(), expected.splitlines(), f"docs/{name}", "generated", lineterm=""
        )
        pytest.fail(f"docs/{name} is stale: {regenerate}\n" + "\n".join(list(diff)[:40]))


def test_every_table_and_field_is_described() -> None:
    missing = [f"{t.name}.{f.name}" for t in table_docs() for f in t.fields if not f.comment]
    missing += [f"{t.name} (the comment above its schema)" for t in table_docs() if not t.description]
    assert not missing, f"schemas/tables.py: describe {', '.join(missing)}"


def test_every_mart_lists_its_columns_in_order(tmp_path: Path) -> None:
    lake = write_lake(tmp_path)
    with connect(lake) as con:
        for mart in mart_docs():
            documented = [name for column in mart.columns for name in column.names]
            actual = [row[0] for row in con.execute(f"DESCRIBE {mart.name}").fetchall()]
            assert documented == actual, f"warehouse/sql/marts/{mart.name}.sql: its Columns header lists {documented}"


@pytest.mark.parametrize("path", PROSE, ids=[p.name for p in PROSE])
def test_no_lab_notebook_voice(path: Path) -> None:
    text = path.read_text(encoding="utf-8").lower()
    for phrase in ("this session", "previous session", "last session"):
        assert phrase not in text, f"{path.relative_to(ROOT)} says {phrase!r}: give the figure a date and a command"


_FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"!?\[[^\]\n]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def _without_code(text: str) -> str:
    return _FENCE.sub("", text)


def _anchors(path: Path) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered."""
    seen: dict[str, int] = {}
    anchors = set()
    for line in _without_code(path.read_text(encoding="utf-8")).splitlines():
        if match := re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line):
            slug = re.sub(r"[^\w\- ]", "", match.group(1).strip().lower()).replace(" ", "-")
            count = seen.get(slug, 0)
            seen[slug] = count + 1
            anchors.add(slug if count == 0 else f"{slug}-{count}")
    return anchors


@pytest.mark.parametrize("path", PROSE, ids=[p.name for p in PROSE])
def test_relative_links_resolve(path: Path) -> None:
    text = _CODE_SPAN.sub("", _without_code(path.read_text(encoding="utf-8")))
    broken = []
    for target in _LINK.findall(text):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # http:, https:, mailto:
            continue
        file_part, _, anchor = target.partition("#")
        linked = (path.parent / file_part).resolve() if file_part else path
        if not linked.exists():
            broken.append(f"{target} (no such file)")
        elif anchor and linked.suffix == ".md" and anchor not in _anchors(linked):
            broken.append(f"{target} (no heading #{anchor})")
    assert not broken, f"{path.relative_to(ROOT)}: broken links: {', '.join(broken)}"


def test_code_paths_and_modules_named_in_the_docs_exist() -> None:
    import glob
    import importlib.util

    def found(module: str) -> bool:
        try:
            return importlib.util.find_spec(module) is not None
        except ModuleNotFoundError:
            return False

    stale = set()
    for doc in [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]:
        text = doc.read_text(encoding="utf-8")
        for path in re.findall(r"`((?:flows|transforms|warehouse|schemas|bench|tests|examples)/[\w*./-]+)`", text):
            if not glob.glob(str(ROOT / path.rstrip("/"))):
                stale.add((doc.name, path))
        for module in re.findall(r"`((?:flows|transforms|warehouse|schemas)(?:\.\w+)+)", text):
            if not found(module) and not found(module.rsplit(".", 1)[0]):  # a module, or a name in one
                stale.add((doc.name, module))
    assert not stale, f"the docs name code that is not there: {sorted(stale)}"
