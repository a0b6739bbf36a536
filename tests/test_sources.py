"""Sources from arguments and TOML files, and document discovery."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.acquire.sources import SourceError, discover, document_kind, parse_sources_toml, resolve_sources


def test_toml_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.html").write_text("<p>x</p>")
    (tmp_path / "site" / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "site" / ".hidden.html").write_text("x")
    toml = tmp_path / "sources.toml"
    toml.write_text('[[source]]\nname = "Site"\nkind = "directory"\npath = "site"\n')
    sources = parse_sources_toml(toml)
    assert [(s.name, s.kind, s.path) for s in sources] == [("Site", "directory", (tmp_path / "site").resolve())]
    docs = list(discover(sources))
    assert [(d.path.name, d.kind, d.explicit) for d in docs] == [("a.html", "html", False), ("notes.pdf", None, False)]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not toml [", "not a readable sources file"),
        ("x = 1", r"no \[\[source\]\] entries"),
        ('[[source]]\nkind = "feed"\npath = "f"', "'url' .* is required for kind 'feed'"),
        ('[[source]]\nkind = "folder"\npath = "f"', "kind must be"),
        ('[[source]]\nkind = "file"', "'path' is required"),
    ],
)
def test_bad_sources_files_say_what_is_wrong(tmp_path: Path, content: str, message: str) -> None:
    toml = tmp_path / "s.toml"
    toml.write_text(content)
    with pytest.raises(SourceError, match=message):
        parse_sources_toml(toml)


def test_arguments(tmp_path: Path) -> None:
    page = tmp_path / "one.html.gz"
    page.write_bytes(b"")
    assert resolve_sources([str(page)])[0].kind == "file"
    with pytest.raises(SourceError, match="no such file"):
        resolve_sources([str(tmp_path / "missing")])
    (web,) = resolve_sources(["https://example.com/feed.xml"])
    assert (web.kind, web.url, web.name) == ("url", "https://example.com/feed.xml", "example.com")
    with pytest.raises(SourceError, match="no such URL list"):
        resolve_sources([f"@{tmp_path / 'missing.txt'}"])


def test_suffixes() -> None:
    assert document_kind(Path("A.HTML")) == "html"
    assert document_kind(Path("a.htm.gz")) == "html"
    assert document_kind(Path("a.txt")) == "text"
    assert document_kind(Path("a.json")) is None
