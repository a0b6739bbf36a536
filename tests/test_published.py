"""Publication date: metadata first, then a dateline or "Published ..." line, then the URL."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from schemas.records import CleanArticle
from transforms.dates.published import find_publication_date, resolve_published
from transforms.extract.published_bounds import plausible_publication_date

D = dt.date
FETCHED = D(2025, 6, 1)


@pytest.mark.parametrize(
    "text,url,metadata,expected",
    [
        (
            "Army fields new radar\n\nWASHINGTON (May 31, 2022) — The Army fielded",
            None,
            None,
            (D(2022, 5, 31), "dateline"),
        ),
        (
            "SMDC update\nREDSTONE ARSENAL, Alabama (May 31, 2022) – The leader",
            None,
            None,
            (D(2022, 5, 31), "dateline"),
        ),
        (
            "Carrier returns\nNORFOLK, Va. (Sept. 4, 2019) -- The carrier returned",
            None,
            None,
            (D(2019, 9, 4), "dateline"),
        ),
        ("Drone strike\nPublished: 12 March 2024\nThe ministry said", None, None, (D(2024, 3, 12), "dateline")),
        (
            "Refit finished\nPosted Mar 3, 2021 by Navy Public Affairs\nThe refit",
            None,
            None,
            (D(2021, 3, 3), "dateline"),
        ),
        ("Contract awarded\nDate: 2023-07-14\nThe award", None, None, (D(2023, 7, 14), "dateline")),
        ("Updated: June 2, 2024\nPublished: May 30, 2024\nText", None, None, (D(2024, 5, 30), "dateline")),
        ("Body without a dateline.", "https://www.army.mil/article/2019/12/10/story", None, (D(2019, 12, 10), "url")),
        ("Body without a dateline.", "https://news.example/2019-12-10/brigade-deploys", None, (D(2019, 12, 10), "url")),
        ("Body without a dateline.", "https://news.example/archive/20191210/brigade", None, (D(2019, 12, 10), "url")),
        ("WASHINGTON (May 31, 2022) — text", "https://x.mil/2020/01/02/a", D(2022, 6, 1), (D(2022, 6, 1), "metadata")),
        ("Body.", "https://x.mil/2020/01/02/a", D(2021, 4, 5), (D(2021, 4, 5), "metadata")),
    ],
)
def test_sources_in_order_of_trust(
    text: str, url: str | None, metadata: dt.date | None, expected: tuple[dt.date, str]
) -> None:
    assert find_publication_date(text, url=url, metadata_date=metadata, max_date=FETCHED) == expected


def test_metadata_after_max_date_is_ignored() -> None:
    text = "KYIV, Ukraine (Feb. 3, 2025) — Drones struck a depot."
    assert find_publication_date(text, url=None, metadata_date=D(2030, 1, 2), max_date=FETCHED) == (
        D(2025, 2, 3),
        "dateline",
    )


def test_dateline_after_max_date_falls_through_to_url() -> None:
    text = "BERLIN (March 1, 2027) — A future-dated page."
    assert find_publication_date(text, url="https://x.de/2024/05/06/x", metadata_date=None, max_date=FETCHED) == (
        D(2024, 5, 6),
        "url",
    )


def test_copyright_jan_first_is_never_taken() -> None:
    text = "The brigade deployed to Poland.\n\n© 2021 Defense Daily. All rights reserved."
    assert find_publication_date(text, url=None, metadata_date=D(2021, 1, 1), max_date=FETCHED) == (None, None)
    assert find_publication_date(
        text, url="https://d.example/2021/03/09/brigade", metadata_date=D(2021, 1, 1), max_date=FETCHED
    ) == (D(2021, 3, 9), "url")


def test_a_real_new_year_dateline_is_kept() -> None:
    text = "SEOUL (Jan. 1, 2021) — The North fired a missile.\n\nCopyright 2021 Wire"
    assert find_publication_date(text, url=None, metadata_date=D(2021, 1, 1), max_date=FETCHED) == (
        D(2021, 1, 1),
        "metadata",
    )


@pytest.mark.parametrize(
    "text,url",
    [
        ("The Army fielded a radar on May 31, 2022, deep in the article body.\n" * 20, None),
        ("No date anywhere.", "https://x.mil/news/brigade-deploys"),
        ("WASHINGTON — The Army fielded a radar.", "https://x.mil/2019/13/45/bad"),
        ("", None),
    ],
)
def test_nothing_trustworthy(text: str, url: str | None) -> None:
    assert find_publication_date(text, url=url, metadata_date=None, max_date=FETCHED) == (None, None)


def test_body_date_far_from_the_head_is_not_a_dateline() -> None:
    text = "Headline\n" + "Filler sentence about logistics.\n" * 30 + "Published: 12 March 2024\n"
    assert find_publication_date(text, url=None, metadata_date=None, max_date=FETCHED) == (None, None)


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(max_size=300),
    url=st.one_of(st.none(), st.text(max_size=80)),
    metadata=st.one_of(st.none(), st.dates()),
    max_date=st.dates(min_value=D(1990, 1, 1)),
)
def test_never_raises_never_impossible_never_after_max_date(
    text: str, url: str | None, metadata: dt.date | None, max_date: dt.date
) -> None:
    day, source = find_publication_date(text, url=url, metadata_date=metadata, max_date=max_date)
    assert (day is None) == (source is None)
    assert day is None or D(1900, 1, 1) <= day <= max_date  # never impossible, never after the fetch


# -- a date that cannot be a publication date is discarded, and the next source is tried ------


@pytest.mark.parametrize("impossible", [D(1, 1, 1), D(1899, 12, 31), D(1066, 10, 14), D(2199, 5, 4)])
def test_an_impossible_metadata_date_yields_to_the_dateline(impossible: dt.date) -> None:
    text = "Army fields new radar\n\nWASHINGTON (May 31, 2022) — The Army fielded a radar."
    assert find_publication_date(text, url=None, metadata_date=impossible, max_date=FETCHED) == (
        D(2022, 5, 31),
        "dateline",
    )


@pytest.mark.parametrize("impossible", [D(1, 1, 1), D(1899, 5, 4)])
def test_an_impossible_metadata_date_yields_to_the_url(impossible: dt.date) -> None:
    url = "https://news.example/2021/03/09/brigade-deploys"
    assert find_publication_date("Body.", url=url, metadata_date=impossible, max_date=FETCHED) == (D(2021, 3, 9), "url")


def test_a_dateline_before_1900_is_not_a_publication_date() -> None:
    text = "Battle remembered\n\nHASTINGS (Oct. 14, 1066) — Re-enactors gathered."
    assert find_publication_date(
        text, url="https://news.example/2024/10/14/hastings", metadata_date=None, max_date=FETCHED
    ) == (D(2024, 10, 14), "url")


@pytest.mark.parametrize("impossible", [D(1, 1, 1), D(1899, 5, 4), D(2199, 5, 4)])
def test_resolve_published_never_passes_on_an_impossible_cleaner_date(impossible: dt.date) -> None:
    text = "Army fields new radar\n\nWASHINGTON (May 31, 2022) — The Army fielded a radar."
    for method in ("trafilatura", "text"):
        article = CleanArticle(text=text, method=method, published=impossible)  # type: ignore[arg-type]
        assert resolve_published(article, url=None, max_date=FETCHED) == (D(2022, 5, 31), "dateline")


@pytest.mark.parametrize(
    "day,plausible",
    [
        (D(1, 1, 1), False),
        (D(1899, 12, 31), False),
        (D(1900, 1, 1), True),
        (D(2024, 2, 29), True),
        (FETCHED, True),
        (FETCHED + dt.timedelta(days=1), False),
        (D(2199, 1, 1), False),
        (None, False),
    ],
)
def test_one_plausibility_rule(day: dt.date | None, plausible: bool) -> None:
    assert plausible_publication_date(day, FETCHED) == (day if plausible else None)


@pytest.mark.parametrize(
    "head,expected",
    [
        ("NORFOLK, Va., Oct. 21, 2024 – Shipbuilder reported quarterly sales of $2.1 billion.", D(2024, 10, 21)),
        ("HUNTSVILLE, AL – March 20, 2025 – The program office awarded a contract for drones.", D(2025, 3, 20)),
        ("ARLINGTON, Va. — January 27, 2025 — The company reported fourth-quarter results.", D(2025, 1, 27)),
        ("Dayton, Ohio, October 6, 2024 – The group completed its acquisition of a sensor maker.", D(2024, 10, 6)),
        ("CORAL SEA (July 13, 2022) The carrier strike group is operating in the region.", D(2022, 7, 13)),
    ],
)
def test_a_dateline_without_parentheses_or_dash(head: str, expected: dt.date) -> None:
    text = f"Company reports results\n\n{head}\n\nMore text follows here."
    assert find_publication_date(text, url=None, metadata_date=None, max_date=FETCHED) == (expected, "dateline")


@pytest.mark.parametrize(
    "head",
    [
        "REDSTONE ARSENAL, Ala. – On Dec. 23, 2024, the Army awarded a contract for launchers.",
        "WASHINGTON – The Army said on March 3, 2024 that it would buy more launchers.",
        "The Army, on March 3, 2024 – a Monday – said it would buy more launchers.",
    ],
)
def test_a_date_inside_the_first_sentence_is_not_a_dateline(head: str) -> None:
    text = f"Army buys launchers\n\n{head}\n\nMore text follows here."
    assert find_publication_date(text, url=None, metadata_date=None, max_date=FETCHED) == (None, None)
