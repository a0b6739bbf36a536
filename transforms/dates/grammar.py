"""The building blocks of the date patterns: regex fragments for months, days, years, weekdays, number
words and units, built from the lexicon, and the ``Rule`` record that pairs a pattern with its handler.

Rule modules (``transforms.dates.rules``) compose these fragments into full patterns; every pattern is compiled
once, case-insensitive, with word boundaries made explicit by look-arounds so that designations
("F-35A", "MQ-9", "Type 055") and amounts ("$2014", "2014%") never read as dates.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from transforms.dates.lexicon import alternation, lexicon
from transforms.dates.resolution import Candidate

__all__ = [
    "Rule",
    "Handler",
    "compile_rule",
    "MONTH",
    "DAY",
    "YEAR",
    "SPOKEN_YEAR",
    "YEAR_ANY",
    "WEEKDAY",
    "NUMBER",
    "VAGUE",
    "UNIT",
    "ORDINAL",
    "SEASON",
    "PART_OF_DAY",
    "month_number",
    "day_number",
    "weekday_number",
    "unit_of",
    "word_ok",
    "year_number",
]

Handler = Callable[[re.Match[str], str], "Candidate | tuple[Candidate, ...] | None"]
"""A rule's handler: the candidate of a match, several (a shared year), or None to reject it."""


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Handler


def compile_rule(name: str, pattern: str, handler: Handler, flags: int = re.IGNORECASE) -> Rule:
    r"""A rule whose matches start at a word start: the leading ``(?<!\w)`` lets the regex engine
    drop a position inside a word at once instead of trying every alternative there."""
    return Rule(name, re.compile(rf"(?<!\w)(?:{pattern})", flags), handler)


_LEX = lexicon()
_B = r"(?:(?<=mid-)|(?<=late-)|(?<=early-)|(?<![\w'’-]))"  # a word start (not in a designation, but "mid-May")
_E = r"(?![\w])"  # end of a word


def _names(table: dict[str, int] | Mapping[str, int]) -> str:
    """Full names, or short forms with an optional period ("Sept.", "Tues")."""
    short = [
        w
        for w in table
        if len(w) <= 5 and any(len(o) > len(w) and o.startswith(w) and table[o] == table[w] for o in table)
    ]
    full = [w for w in table if w not in short]
    return rf"{_B}(?:(?:{alternation(short)})(?:\.(?!\d))?|(?:{alternation(full)}))(?!\w|['’](?!s(?!\w)))"


MONTH = _names(_LEX.months)
WEEKDAY = _names(_LEX.weekdays)
_ORDINAL_WORDS = alternation(k for k, v in _LEX.ordinals.items() if v > 0)
DAY = rf"(?:(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d\w])|(?:{_ORDINAL_WORDS}){_E})"
YEAR = r"(?:(?<=mid-)|(?<=post-)|(?<=pre-)|(?<![\w$€£#.,/-]))(?:1[0-9]\d\d|2[0-9]\d\d)(?![\w%]|[.,]\d)"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS_ = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES_ = "one|two|three|four|five|six|seven|eight|nine"
_TWO_DIGITS = rf"(?:(?:{_TENS_})(?:[\s-](?:{_ONES_}))?|{_TEENS})"
SPOKEN_YEAR = (
    rf"(?<![\w-])(?:(?:the\s+year\s+)?two\s+thousand(?:\s+and)?(?:\s+(?:{_TWO_DIGITS}|{_ONES_}))?"
    rf"|(?:eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
    rf"(?:\s+hundred(?:\s+and\s+(?:{_TWO_DIGITS}|{_ONES_}))?|\s+{_TWO_DIGITS})"
    rf"|twenty\s+(?:(?:{_TENS_})(?:[\s-](?:{_ONES_}))?|{_TEENS}))(?![\w-])"
)
"""A year said in words, as broadcast transcripts write it: "nineteen ninety-six", "the year two thousand"."""
YEAR_ANY = rf"(?:{YEAR}|{SPOKEN_YEAR})"
ORDINAL = rf"(?:(?:{_ORDINAL_WORDS}|latest)|\d{{1,2}}(?:st|nd|rd|th)){_E}"
_NUMBER_WORDS = alternation(k for k in _LEX.numbers)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
NUMBER = (
    rf"(?:(?<![\w.,])\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?(?![\d]|,\d)|{_B}(?:(?:{_TENS})[\s-](?:{_ONES})"
    rf"|(?:{_NUMBER_WORDS})){_E})"
)
VAGUE = rf"{_B}(?:{alternation(_LEX.vague_numbers)}){_E}"
_UNIT_WORDS = alternation(list(_LEX.units) + [u + "s" for u in _LEX.units if u != "century"] + ["centuries"])
UNIT = rf"(?:{_UNIT_WORDS}){_E}"
SEASON = rf"{_B}(?:{alternation(_LEX.seasons)}){_E}"
PART_OF_DAY = rf"(?:{alternation(_LEX.parts_of_day)}){_E}"


def _key(word: str) -> str:
    return word.lower().rstrip(".")


def word_ok(word: str) -> bool:
    """A month or weekday word that is also an ordinary word ("may", "march", "sun") counts only when
    capitalised."""
    return _key(word) not in _LEX.ambiguous or word[:1].isupper()


def month_number(word: str) -> int:
    return _LEX.months[_key(word)]


def weekday_number(word: str) -> int:
    return _LEX.weekdays[_key(word)]


def day_number(word: str) -> int | None:
    key = word.lower().replace(" ", "-")
    digits = re.match(r"\d+", key)
    if digits:
        return int(digits.group())
    value = _LEX.ordinals.get(key)
    return value if value is not None and value > 0 else None


def year_number(word: str) -> int:
    """The year of "1996", "nineteen ninety-six", "two thousand and one", "the year two thousand"."""
    if word.isdigit():
        return int(word)
    tokens = [t for t in re.split(r"[\s-]+", word.lower()) if t not in ("the", "year", "and")]
    if tokens[:2] == ["two", "thousand"]:
        return 2000 + _words_value(tokens[2:])
    head = int(_LEX.numbers.get(tokens[0], 0))
    if tokens[1:2] == ["hundred"]:
        return head * 100 + _words_value(tokens[2:])
    return head * 100 + _words_value(tokens[1:])


def _words_value(tokens: list[str]) -> int:
    return int(sum(_LEX.numbers.get(t, 0) for t in tokens))


def unit_of(word: str) -> str:
    """The lexicon key of a unit word ("weeks" -> "week", "centuries" -> "century")."""
    key = word.lower()
    if key == "centuries":
        return "century"
    if key not in _LEX.units and key.endswith("s"):
        key = key[:-1]
    return key
