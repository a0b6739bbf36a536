"""warehouse.search_index: the tantivy index of the current articles, its updates and its searches."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest

from warehouse import search_index as si

ARTICLES = [
    (
        "a1",
        "r1",
        dt.date(2025, 3, 1),
        "Harbor Watch",
        "en",
        "Frigate sails for the Baltic",
        "The frigate left port on Monday. Two destroyers escorted it past the strait.",
    ),
    (
        "a2",
        "r1",
        dt.date(2025, 3, 5),
        "Wire",
        "en",
        "Drone strikes hit a fuel depot",
        "Drones struck the fuel depot near Kharkiv overnight, officials said. The strike started a fire.",
    ),
    (
        "a3",
        "r1",
        dt.date(2025, 4, 2),
        "Wire",
        "en",
        "Talks resume in Geneva",
        "Negotiators met in Geneva; nobody mentioned the depot strike. Air defense was not discussed.",
    ),
    (
        "a4",
        "r1",
        dt.date(2025, 5, 9),
        "Harbor Watch",
        "fr",
        "Exercice naval",
        "La frégate a rejoint l'exercice. Air defense units from three navies took part in the drill.",
    ),
]


def _catalog(rows: list[tuple[object, ...]]) -> duckdb.DuckDBPyConnection:
    """An in-memory stand-in for the catalog: ``article_index`` with the columns the index reads."""
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE article_index (article_id VARCHAR, revision VARCHAR, day DATE, source_name VARCHAR, "
        "language VARCHAR, title VARCHAR, text VARCHAR, domain VARCHAR, url VARCHAR)"
    )
    _set(con, rows)
    return con


def _set(con: duckdb.DuckDBPyConnection, rows: list[tuple[object, ...]]) -> None:
    con.execute("DELETE FROM article_index")
    for r in rows:
        con.execute(
            "INSERT INTO article_index VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [*r, "news.example", f"https://news.example/{r[0]}"],
        )


@pytest.fixture()
def built(tmp_path: Path) -> tuple[duckdb.DuckDBPyConnection, Path]:
    con = _catalog(ARTICLES)
    folder = tmp_path / "search"
    done = si.update_index(con, folder)
    assert (done.added, done.deleted, done.total, done.rebuilt) == (4, 0, 4, True)
    return con, folder


def _ids(hits: list[si.Hit]) -> list[str]:
    return [h.article_id for h in hits]


def test_stemmed_words_all_must_match_and_title_counts_double(built: tuple[duckdb.DuckDBPyConnection, Path]) -> None:
    _, folder = built
    assert _ids(si.search(folder, "strikes")) == ["a2", "a3"]  # "strike", "struck" is another word
    assert _ids(si.search(folder, "depot strike")) == ["a2", "a3"]  # a2: both in the title too
    assert _ids(si.search(folder, "depot strike -geneva")) == ["a2"]
    assert set(_ids(si.search(folder, "frigate OR negotiators"))) == {"a1", "a3"}
    assert _ids(si.search(folder, '"depot strike"')) == ["a3"]  # a phrase: those words in that order
    assert si.search(folder, "submarine") == []


def test_filters_by_day_source_language_and_article_ids(built: tuple[duckdb.DuckDBPyConnection, Path]) -> None:
    _, folder = built
    assert set(_ids(si.search(folder, '"air defense"'))) == {"a3", "a4"}
    assert _ids(si.search(folder, '"air defense"', since=dt.date(2025, 4, 3))) == ["a4"]
    assert _ids(si.search(folder, '"air defense"', until=dt.date(2025, 4, 2))) == ["a3"]  # inclusive
    assert _ids(si.search(folder, "depot", sources=["Wire"], newest=True)) == ["a3", "a2"]
    assert _ids(si.search(folder, "defense", language="fr")) == ["a4"]
    assert _ids(si.search(folder, "depot", article_ids=["a3", "a4"])) == ["a3"]
    assert si.search(folder, "depot", article_ids=[]) == []
    assert _ids(si.search(folder, 'source_name:"Harbor Watch"', newest=True)) == ["a4", "a1"]


def test_passage_marks_each_stemmed_match(built: tuple[duckdb.DuckDBPyConnection, Path]) -> None:
    _, folder = built
    (hit,) = si.search(folder, "strikes depots", sources=["Wire"], since=dt.date(2025, 3, 5), until=dt.date(2025, 3, 5))
    marked = [hit.passage[s:e] for s, e in hit.highlights]
    assert marked == ["depot", "strike"], marked  # "struck" is not a form of "strike" to a stemmer
    (one,) = si.search(folder, "frigates", language="en")
    assert [one.passage[s:e] for s, e in one.highlights] == ["frigate"] and one.passage.startswith("The frigate")
    (phrase,) = si.search(folder, '"air defense" drill')
    assert [phrase.passage[s:e] for s, e in phrase.highlights] == ["Air defense", "drill"]
    row = phrase.as_row()
    assert row["day"] == dt.date(2025, 5, 9) and row["highlights"] == [list(h) for h in phrase.highlights]


def test_update_adds_changed_and_new_deletes_gone(built: tuple[duckdb.DuckDBPyConnection, Path]) -> None:
    con, folder = built
    revised = ("a1", "r2", dt.date(2025, 3, 1), "Harbor Watch", "en", "Frigate returns", "The frigate came back early.")
    new = ("a5", "r1", dt.date(2025, 6, 1), "Wire", "en", "Submarine spotted", "A submarine surfaced off the cape.")
    _set(con, [revised, ARTICLES[1], ARTICLES[2], new])  # a4 is gone (a duplicate now, say)
    done = si.update_index(con, folder)
    assert (done.added, done.deleted, done.total, done.rebuilt) == (2, 2, 4, False)
    assert _ids(si.search(folder, "destroyers")) == []  # the old revision's words are gone
    assert _ids(si.search(folder, "frigate")) == ["a1"]
    assert _ids(si.search(folder, "submarine")) == ["a5"]
    assert _ids(si.search(folder, "exercice")) == []
    assert si.behind(con, folder) == 0
    listed = (folder / si.MANIFEST).stat().st_mtime_ns
    again = si.update_index(con, folder)
    assert (again.added, again.deleted, again.total) == (0, 0, 4)
    assert (folder / si.MANIFEST).stat().st_mtime_ns == listed  # nothing to do: nothing rewritten


def test_an_update_cut_short_is_finished_without_twins(built: tuple[duckdb.DuckDBPyConnection, Path]) -> None:
    con, folder = built
    # as if a run had committed a2..a4 and died before it wrote the list of what the index holds
    con.execute(
        f"COPY (SELECT article_id, revision FROM article_index WHERE article_id = 'a1') "
        f"TO '{(folder / si.MANIFEST).as_posix()}' (FORMAT parquet)"
    )
    (folder / si.DIRTY).touch()
    assert si.behind(con, folder) == 3
    done = si.update_index(con, folder)
    assert done.total == 4 and not (folder / si.DIRTY).exists()
    assert _ids(si.search(folder, "depot", sources=["Wire"])) in (["a2", "a3"], ["a3", "a2"])


def test_an_index_of_another_version_or_without_its_list_is_rebuilt(
    built: tuple[duckdb.DuckDBPyConnection, Path],
) -> None:
    con, folder = built
    meta = json.loads((folder / si.META).read_text())
    (folder / si.META).write_text(json.dumps({**meta, "version": si.VERSION - 1}))
    assert not si.has_index(folder) and si.behind(con, folder) == 4
    assert si.update_index(con, folder).rebuilt
    (folder / si.MANIFEST).unlink()
    done = si.update_index(con, folder)
    assert done.rebuilt and done.total == 4 and done.added == 4


def test_bad_query_or_missing_index_is_one_line(built: tuple[duckdb.DuckDBPyConnection, Path], tmp_path: Path) -> None:
    _, folder = built
    with pytest.raises(si.SearchError, match=r"^cannot read the search 'title:\(': ") as bad:
        si.search(folder, "title:(")
    assert "\n" not in str(bad.value)
    with pytest.raises(si.SearchError, match="the search is empty"):
        si.search(folder, "  ")
    with pytest.raises(si.SearchError, match=r"no search index in .*: run 'sitrep index'"):
        si.search(tmp_path / "none", "frigate")


def test_undated_text_and_missing_fields_are_indexed(tmp_path: Path) -> None:
    con = _catalog([("b1", "r1", dt.date(2025, 1, 1), None, None, None, None)])
    folder = tmp_path / "search"
    assert si.update_index(con, folder).total == 1
    assert si.search(folder, "anything") == []
