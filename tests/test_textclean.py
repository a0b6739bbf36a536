"""transforms.extract.text, .boilerplate, .byline, .dateline and the rules file they share."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from transforms.extract.boilerplate import classify_line, is_link_line, is_related_header, strip_boilerplate
from transforms.extract.boilerplate_rules import load_rules, parse_rules
from transforms.extract.byline import parse_byline, parse_names
from transforms.extract.dateline import read_date_line
from transforms.extract.text import (
    clean_body,
    clean_text,
    count_words,
    join_paragraphs,
    looks_like_title,
    normalize_text,
    split_paragraphs,
)

FIXTURES = Path(__file__).parent / "fixtures" / "clean"
BODY = (
    "The Army awarded a contract worth $1.2 billion on Tuesday for new launchers, officials said.",
    "Deliveries are expected to begin in 2026 at the plant in Camden, Arkansas, the company said.",
)


@pytest.mark.parametrize("name", ["paste_frigate", "paste_engineers"])
def test_golden_pastes(name: str) -> None:
    golden = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))["expected"]
    cleaned = clean_text((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))
    assert cleaned.title == golden["title"]
    assert list(cleaned.authors) == golden["authors"]
    assert cleaned.text == golden["text"]
    assert cleaned.published == dt.date.fromisoformat(golden["published"])


# -- line rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "category"),
    [
        ("Advertisement", "chrome"),
        ("Story continues below advertisement", "chrome"),
        ("Show more", "chrome"),
        ("Click here to see more photos from the exercise.", "chrome"),
        ("Share this", "share"),
        ("Share this article", "share"),
        ("Share on Facebook", "share"),
        ("Follow us on X and LinkedIn for updates", "share"),
        ("Sign up for our newsletter to get the top defense stories every morning.", "newsletter"),
        ("Subscribe to the Early Bird Brief newsletter", "newsletter"),
        ("Photo: Sailors aboard USS Example in the Pacific / Reuters", "credits"),
        ("(Photo by John Moore/Getty Images)", "credits"),
        ("Image credit: Lithuanian Air Force", "credits"),
        ("Soldiers cross the river. (U.S. Army photo by Sgt. Ana Delgado)", "credits"),
        ("A Patriot launcher in Poland. AP Photo/Czarek Sokolowski", None),
        ("We use cookies to improve your experience. By continuing you accept our cookie policy.", "cookies"),
        ("Accept all cookies", "cookies"),
        ("© 2024 Harbor Defense Review. All rights reserved.", "copyright"),
        ("Copyright 2023 Ground Forces Journal", "copyright"),
        ("Updated June 3, 2024 at 4:15 p.m. EDT", "dates"),
        ("Updated 5:40 p.m.", "dates"),
        ("March 5, 2024", "dates"),
        ("jsmith@example.com", "contact"),
        ("Related: Army cuts order for armored tracked vehicles", "related_inline"),
        ("Read more: Why the frigate program is over budget", "related_inline"),
    ],
)
def test_classify_line(line: str, category: str | None) -> None:
    assert classify_line(line) == category


@pytest.mark.parametrize(
    "sentence",
    [
        "Copyright infringement suits against defense contractors rose last year, the report said.",
        "The Army announced the change in its newsletter.",
        "The Grayzone has viewed the company's photo of the visa (which it did not publish).",
        "Officials said the photos showed damage to the runway at the base.",
        "Click-through rates on recruiting ads fell, the Pentagon said.",
        "Sharing intelligence with allies remains a priority, she said.",
        "Related programs in the Navy have faced similar delays.",
        "Posted at Fort Bragg since 2019, she said.",
    ],
)
def test_real_sentences_are_not_boilerplate(sentence: str) -> None:
    assert classify_line(sentence) is None
    assert strip_boilerplate([BODY[0], sentence, BODY[1]]) == (BODY[0], sentence, BODY[1])


# -- blocks, heads and tails --------------------------------------------------------------------


def test_related_block_is_dropped_up_to_the_next_sentence() -> None:
    paragraphs = [
        BODY[0],
        "Related Stories",
        "Army picks new light tank for infantry divisions",
        "- Marines test drone swarms at Twentynine Palms",
        "Advertisement",
        "Is the Navy's frigate plan already over budget?",
        BODY[1],
    ]
    assert strip_boilerplate(paragraphs) == BODY


@pytest.mark.parametrize("header", ["Related Stories", "Related:", "More from this section", "Most Read", "Read more"])
def test_related_headers(header: str) -> None:
    assert is_related_header(header)


def test_related_block_stops_at_a_short_subheading_and_is_capped() -> None:
    rules = load_rules()
    assert not is_link_line("Background")  # too short to be a headline link: a subheading
    links = [f"Headline number {i} about the program" for i in range(rules.link_block_max_lines + 3)]
    kept = strip_boilerplate(["More from this section", *links, BODY[0]])
    assert kept == (*links[rules.link_block_max_lines :], BODY[0])


def test_leading_byline_and_trailing_bio_are_dropped() -> None:
    paragraphs = [
        "By JANE SMITH | Reuters",
        *BODY,
        "Jane Smith covers the Navy for Reuters. She can be reached at jsmith@example.com.",
        "Additional reporting by Tom Jones; Editing by Ann Lee",
        "Reuters",
    ]
    assert strip_boilerplate(paragraphs) == BODY


def test_bio_lines_are_kept_in_the_middle_of_the_text() -> None:
    bio_like = "Smith covers the budget hearings in detail in the second half of this report."
    assert strip_boilerplate([BODY[0], bio_like, BODY[1]]) == (BODY[0], bio_like, BODY[1])


# -- bylines, titles, dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Jane Smith and John Doe", ("Jane Smith", "John Doe")),
        ("By JANE SMITH | Reuters", ("Jane Smith",)),
        ("Jane Smith, Staff Writer", ("Jane Smith",)),
        ("By Jane Smith, John Doe and Bob Roe", ("Jane Smith", "John Doe", "Bob Roe")),
        ("Story by Staff Sgt. Jane Doe, 1st Armored Division", ("Staff Sgt. Jane Doe",)),
        ("By Alejandro de la Garza", ("Alejandro de la Garza",)),
        ("Patricio Candia | Palma | 08/01/2014", ("Patricio Candia",)),
        ("By the numbers", ()),
        ("By 2030, the Army wants 70 drones per brigade", ()),
        ("Washington, D.C.", ()),
        ("Navy Picks New Frigate | Defense News", ()),
        ("Ronald Reagan, Carl Vinson Conduct Dual Carrier Strike Group Operations", ()),
    ],
)
def test_parse_byline(line: str, authors: tuple[str, ...]) -> None:
    assert parse_byline(line) == authors


def test_parse_names_trusts_a_field_known_to_hold_authors() -> None:
    assert parse_names("Petty Officer 3rd Class Luis Ortega") == ("Petty Officer 3rd Class Luis Ortega",)
    assert parse_names("Jane Smith; John Doe") == ("Jane Smith", "John Doe")
    assert parse_byline("Jane Smith; John Doe") == ()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Navy awards radar contract for Constellation frigates", True),
        ("Will the Army buy more HIMARS?", True),
        ("The Navy awarded the contract on Tuesday.", False),
        ("By Jane Smith", False),
        ("Advertisement", False),
        ("TAIPEI, Sept. 12, 2024", False),
        ("2024", False),
    ],
)
def test_looks_like_title(line: str, expected: bool) -> None:
    assert looks_like_title(line) is expected


def test_kicker_above_the_headline_is_skipped() -> None:
    cleaned = clean_text("Naval\nNavy awards radar contract for new frigates\nBy Jane Smith\n\n" + "\n\n".join(BODY))
    assert cleaned.title == "Navy awards radar contract for new frigates"
    assert cleaned.authors == ("Jane Smith",)
    assert cleaned.text == join_paragraphs(BODY)


def test_text_without_a_headline_keeps_its_first_paragraph() -> None:
    cleaned = clean_text("\n\n".join(BODY))
    assert cleaned.title is None and cleaned.authors == ()
    assert cleaned.text == join_paragraphs(BODY)


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("TAIPEI, Sept. 12, 2024", dt.date(2024, 9, 12)),
        ("Updated June 3, 2024 at 4:15 p.m. EDT", dt.date(2024, 6, 3)),
        ("DAKAR, Senegal — 4 December 2025", dt.date(2025, 12, 4)),
        ("Published 2024-06-03", dt.date(2024, 6, 3)),
        ("February 30, 2024", None),
        ("June 3", None),
        (BODY[0] + " It was first reported on March 3, 2024.", None),
        ("The drill ended on March 3, 2024.", None),
        ("Posted March 3, 2024 at 9:30 a.m.", dt.date(2024, 3, 3)),
    ],
)
def test_read_date_line(line: str, date: dt.date | None) -> None:
    assert read_date_line(line) == date


# -- normalization -------------------------------------------------------------------------------


def test_normalize_text() -> None:
    raw = "  Cafe\u0301\u00a0au\tlait\u200b \r\nsecond\u2028third\x00 line  \r"
    assert normalize_text(raw) == "Caf\u00e9 au lait\nsecond\nthird line\n"


def test_hard_wrapped_lines_are_rejoined_but_paragraphs_are_not() -> None:
    text = "The Army said the\ncontract covers 48 launchers.\nThe Navy said nothing.\n\nsmall start"
    assert split_paragraphs(text) == [
        "The Army said the contract covers 48 launchers.",
        "The Navy said nothing.",
        "small start",
    ]
    assert split_paragraphs("a list item\nanother item", unwrap=False) == ["a list item", "another item"]


def test_count_words_handles_unspaced_scripts() -> None:
    assert count_words("The Army awarded a contract.") == 5
    assert count_words("外国专家：中美合作") == 8
    assert count_words("ภาษาไทยภาษาไทย") == 4
    assert count_words("") == 0


# -- the rules file --------------------------------------------------------------------------


def test_rules_load_from_package_data() -> None:
    rules = load_rules()
    assert {rule.category for rule in rules.lines} >= {"chrome", "share", "newsletter", "credits", "cookies"}
    assert rules.link_line_max_chars > rules.link_line_min_chars > 0


def test_bad_rules_are_reported_with_their_place() -> None:
    with pytest.raises(ValueError, match="missing table"):
        parse_rules("[lines]\nchrome = ['x']\n")
    text = (FIXTURES.parents[2] / "transforms" / "extract" / "data" / "boilerplate.toml").read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="lines.chrome"):
        parse_rules(text.replace("'advertisements?',", "'(unclosed',", 1))


def test_a_rule_added_to_the_data_changes_behaviour() -> None:
    text = (FIXTURES.parents[2] / "transforms" / "extract" / "data" / "boilerplate.toml").read_text(encoding="utf-8")
    rules = parse_rules(text.replace("chrome = [", "chrome = [\n    'sponsored by acme',", 1))
    assert classify_line("Sponsored by ACME") is None
    assert classify_line("Sponsored by ACME", rules) == "chrome"


# -- properties --------------------------------------------------------------------------------

_LINES = st.sampled_from(
    [
        *BODY,
        "Advertisement",
        "Related Stories",
        "Army picks new light tank for infantry divisions",
        "By Jane Smith and John Doe",
        "Jane Smith covers the Navy. She can be reached at js@example.com.",
        "Photo: A ship / Reuters",
        "Navy awards radar contract",
        "March 5, 2024",
        "lower-case continuation of a wrapped line",
        "",
    ]
)
_PASTES = st.one_of(st.text(max_size=400), st.lists(_LINES, max_size=14).map("\n".join))


@settings(max_examples=400)
@given(_PASTES)
def test_clean_text_never_raises_and_returns_normalized_text(text: str) -> None:
    cleaned = clean_text(text)
    assert unicodedata.is_normalized("NFC", cleaned.text)
    assert "\n\n\n" not in cleaned.text
    assert all(line == line.strip() and line for line in cleaned.text.split("\n\n")) or cleaned.text == ""


@settings(max_examples=400)
@given(_PASTES)
def test_cleaning_is_idempotent_on_its_own_output(text: str) -> None:
    once = clean_text(text).text
    assert clean_body(once) == once
    body = clean_body(text)
    assert clean_body(body) == body


@given(st.text(max_size=300))
def test_normalize_text_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
