"""Numerals: reading one number, written in digits or words, at a position of a text.

This module owns the grammar of a bare number and nothing around it: digits with thousands
separators and decimals ("1,200", "3.5", "10 000"), mixed and slash fractions ("2 1/2", "1/40", "2½"),
scale words and abbreviations ("2.5 million", "4bn", "0.5k"), number words and compounds
("forty-three", "a hundred and two", "three million, two hundred & forty", "two and a half",
"half a million", "two dozen"), fractions in words ("two-thirds", "a quarter of"), vague plurals
("dozens", "tens of thousands", "several hundred") and ordinals ("3rd", "third"). The words are data
(``transforms/quantities/data/numbers.toml``). Whether a numeral is a quantity at all (a year, a designation,
a date) is decided by ``transforms.quantities.claims``.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

__all__ = ["Numeral", "NumeralForm", "NumberWords", "number_words", "read_numeral", "ANCHOR"]

NumeralForm = Literal["digits", "words", "vague", "fraction", "ordinal"]

_NUMERATOR_WORDS = frozenset({"a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})
_HALF_FOLLOWERS = frozenset({"of", "the", "its", "their", "his", "her", "our", "all", "these", "those", "a", "an"})


@dataclass(frozen=True, slots=True)
class Numeral:
    """A number read from ``text[start:end]``.

    ``low`` is set for vague forms (the least "hundreds" can mean); ``scaled`` says a scale word or
    abbreviation multiplied the number, ``scale`` by how much; ``plain_digits`` says it is a bare run of digits with no
    separator, decimal, fraction or scale (what a year or a designation looks like).
    """

    value: float
    start: int
    end: int
    form: NumeralForm
    low: float | None = None
    scaled: bool = False
    plain_digits: bool = False
    scale: float = 1.0


@dataclass(frozen=True, slots=True)
class NumberWords:
    """The tables of ``numbers.toml``, lower-cased."""

    cardinals: dict[str, int]
    scales: dict[str, int]
    abbreviations: dict[str, int]
    money_abbreviations: dict[str, int]
    vague_plurals: dict[str, int]
    vague_multipliers: dict[str, int]
    denominators: dict[str, int]
    ordinals: dict[str, int]
    ordinal_nouns: frozenset[str]
    ordinal_modifiers: frozenset[str]
    unicode_fractions: dict[str, float]
    slash_denominators: frozenset[int]


@functools.cache
def number_words() -> NumberWords:
    """Load ``numbers.toml`` once."""
    doc: dict[str, Any] = tomllib.loads(
        resources.files("transforms.quantities.data").joinpath("numbers.toml").read_text("utf-8")
    )
    abbreviations = doc["scale_abbreviations"]
    return NumberWords(
        cardinals=dict(doc["cardinals"]),
        scales=dict(doc["scales"]),
        abbreviations=dict(abbreviations["always"]),
        money_abbreviations=dict(abbreviations["money_only"]),
        vague_plurals=dict(doc["vague_plurals"]),
        vague_multipliers=dict(doc["vague_multipliers"]),
        denominators=dict(doc["denominators"]),
        ordinals=dict(doc["ordinals"]),
        ordinal_nouns=frozenset(doc["ordinal_nouns"]["words"]),
        ordinal_modifiers=frozenset(doc["ordinal_nouns"]["modifiers"]),
        unicode_fractions={k: float(v) for k, v in doc["unicode_fractions"].items()},
        slash_denominators=frozenset(doc["slash_fractions"]["denominators"]),
    )


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _anchor_pattern() -> re.Pattern[str]:
    w = number_words()
    words = set(w.cardinals) | set(w.scales) | set(w.vague_plurals) | set(w.ordinals) | {"half"}
    words |= set(w.vague_multipliers) - {"few", "couple"}
    after_article = set(w.scales) | set(w.denominators) | {"dozen", "few", "couple"}
    fractions = _alternation(w.unicode_fractions)
    return re.compile(
        rf"(?<![\w.,])(?:\d|\.\d)|[{fractions}]"
        rf"|(?<![\w'-])(?:(?:{_alternation(words)})(?![\w'])|an?\s+(?=(?:{_alternation(after_article)})\b))",
        re.IGNORECASE,
    )


ANCHOR = _anchor_pattern()
"""Where a numeral may start: a digit, a vulgar fraction, a number word, or the article "a"/"an"."""

_SPACE_GROUPS = re.compile(r"\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d,.\-/])")
_DIGITS = re.compile(r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?![\d]|[.,]\d)|\.\d+(?![\d.])")
_SLASH = re.compile(r"/(\d{1,3})(?![\d/]|\.\d)")
_MIXED = re.compile(r"[ \u00a0-](\d{1,2})/(\d{1,3})(?![\d/.])")
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)(?![A-Za-z0-9])", re.IGNORECASE)
_SCALE_WORD = re.compile(r"(?:\s+|\s*-\s*)([A-Za-z]+)(?![\w-])")
_ABBREV = re.compile(r" ?([A-Za-z]{1,3})(?![A-Za-z0-9])")
_NEXT_WORD = re.compile(r"(\s*,\s*|\s*&\s*|\s+and\s+|\s+|-)([A-Za-z]+)(?!['\w])", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+", re.IGNORECASE)
_OF = re.compile(r"\s+of(?=\s)", re.IGNORECASE)
_AND_A_HALF = re.compile(r"\s+and\s+a\s+half(?![\w-])", re.IGNORECASE)
_FOLLOWING_WORD = re.compile(r"\s+([A-Za-z]+)")


def read_numeral(text: str, pos: int, *, money: bool = False) -> Numeral | None:
    """Read the number starting at ``pos``, or None. ``money``: a currency sign precedes it."""
    char = text[pos] if pos < len(text) else ""
    if char.isdigit() or (char == "." and pos + 1 < len(text) and text[pos + 1].isdigit()):
        return _read_digits(text, pos, money)
    fraction = number_words().unicode_fractions.get(char)
    if fraction is not None:
        return Numeral(fraction, pos, pos + 1, "fraction")
    return _read_words(text, pos)


def _read_digits(text: str, pos: int, money: bool) -> Numeral | None:
    w = number_words()
    m = _SPACE_GROUPS.match(text, pos) or _DIGITS.match(text, pos)
    if m is None:
        return None
    raw = m.group()
    end = m.end()
    value = float(re.sub(r"[^\d.]", "", raw))
    plain = raw.isdigit()
    form: NumeralForm = "digits"
    if plain and (suffix := _ORDINAL_SUFFIX.match(text, end)):
        return Numeral(value, pos, suffix.end(), "ordinal")
    if plain and len(raw) <= 3:
        mixed = _MIXED.match(text, end)
        if mixed and 0 < int(mixed.group(1)) < int(mixed.group(2)) <= 100:
            return Numeral(value + int(mixed.group(1)) / int(mixed.group(2)), pos, mixed.end(), "digits")
        slash = _SLASH.match(text, end)
        if slash:
            denominator = int(slash.group(1))
            if 0 < value < denominator and denominator in w.slash_denominators:
                return Numeral(value / denominator, pos, slash.end(), "fraction")
            return None
    if end < len(text) and text[end] in w.unicode_fractions and "." not in raw:
        value += w.unicode_fractions[text[end]]
        end += 1
        plain = False
    numeral = Numeral(value, pos, end, form, plain_digits=plain)
    return _scaled(text, numeral, money)


def _scaled(text: str, numeral: Numeral, money: bool) -> Numeral:
    """Apply a following scale word ("million") or abbreviation ("bn", "k"; "m" only for money)."""
    w = number_words()
    value, end, scaled, scale = numeral.value, numeral.end, False, 1.0
    while True:
        word = _SCALE_WORD.match(text, end)
        if word and word.group(1).lower() in w.scales and not (scaled and word.group(1).lower() == "hundred"):
            factor = w.scales[word.group(1).lower()]
            if scaled and factor <= value:
                break
            value, end, scaled, scale = value * factor, word.end(), True, scale * factor
            continue
        break
    if not scaled:
        abbrev = _ABBREV.match(text, end)
        if abbrev:
            token = abbrev.group(1)
            spaced = abbrev.group().startswith(" ")
            always = w.abbreviations.get(token)
            if always is not None and (not spaced or len(token) > 1):
                value, end, scaled, scale = value * always, abbrev.end(), True, float(always)
            elif money and token in w.money_abbreviations:
                factor = w.money_abbreviations[token]
                value, end, scaled, scale = value * factor, abbrev.end(), True, float(factor)
    if not scaled:
        return numeral
    return Numeral(value, numeral.start, end, "digits", scaled=True, scale=scale)


def _read_words(text: str, pos: int) -> Numeral | None:
    w = number_words()
    first = _WORD.match(text, pos)
    if first is None:
        return None
    word = first.group().lower()
    if word in w.vague_plurals:
        return _read_vague(text, pos, first.end(), w.vague_plurals[word], word)
    if word in w.vague_multipliers or word in ("a", "an"):
        vague = _read_multiplied(text, pos, first.end(), word)
        if vague is not None:
            return vague
    if word in w.ordinals and word not in w.denominators:
        return Numeral(float(w.ordinals[word]), pos, first.end(), "ordinal")
    if word == "half":
        return _read_half(text, pos, first.end())
    fraction = _read_fraction(text, pos, first.end(), word)
    if fraction is not None:
        return fraction
    if word in w.ordinals:
        return Numeral(float(w.ordinals[word]), pos, first.end(), "ordinal")
    return _read_compound(text, pos, first.end(), word)


def _read_vague(text: str, pos: int, end: int, base: int, word: str) -> Numeral | None:
    w = number_words()
    of = _OF.match(text, end)
    if of is not None:
        nxt = _FOLLOWING_WORD.match(text, of.end())
        if nxt and nxt.group(1).lower() in w.vague_plurals and w.vague_plurals[nxt.group(1).lower()] > base:
            base *= w.vague_plurals[nxt.group(1).lower()]
            end = nxt.end()
    elif word in ("scores", "tens"):
        return None
    return Numeral(2.0 * base, pos, end, "vague", low=2.0 * base)


def _read_multiplied(text: str, pos: int, end: int, word: str) -> Numeral | None:
    """ "several hundred", "a few thousand", "a couple of dozen"; None when no scale word follows."""
    w = number_words()
    if word in ("a", "an"):
        nxt = _FOLLOWING_WORD.match(text, end)
        if nxt is None or nxt.group(1).lower() not in ("few", "couple"):
            return None
        word, end = nxt.group(1).lower(), nxt.end()
    if word == "couple":
        of = _OF.match(text, end)
        end = of.end() if of else end
    scale = _FOLLOWING_WORD.match(text, end)
    if scale is None:
        return None
    name = scale.group(1).lower()
    factor = w.scales.get(name) or (12 if name == "dozen" else None)
    if factor is None:
        return None
    value = float(w.vague_multipliers[word] * factor)
    return Numeral(value, pos, scale.end(), "vague", low=value)


def _read_half(text: str, pos: int, end: int) -> Numeral | None:
    """ "half a million", "half a dozen" (counts); "half of", "half the" (the fraction 0.5)."""
    w = number_words()
    nxt = _FOLLOWING_WORD.match(text, end)
    if nxt is None or nxt.group(1).lower() not in _HALF_FOLLOWERS:
        return None
    if nxt.group(1).lower() in ("a", "an"):
        scale = _FOLLOWING_WORD.match(text, nxt.end())
        if scale is not None:
            name = scale.group(1).lower()
            factor = w.scales.get(name) or (12 if name == "dozen" else None)
            if factor is not None:
                return Numeral(0.5 * factor, pos, scale.end(), "words", scaled=True)
        return None
    return Numeral(0.5, pos, end, "fraction")


def _read_fraction(text: str, pos: int, end: int, word: str) -> Numeral | None:
    """ "two-thirds", "one sixth", "three halves", "a quarter of"; None when not a fraction."""
    w = number_words()
    if word not in _NUMERATOR_WORDS:
        return None
    m = re.compile(r"(?:-|\s+)([A-Za-z]+)(?![\w-])").match(text, end)
    if m is None or m.group(1).lower() not in w.denominators:
        return None
    numerator = 1 if word in ("a", "an") else w.cardinals[word]
    denominator = w.denominators[m.group(1).lower()]
    if word in ("a", "an", "one") and m.group(1).lower().endswith("s"):
        return None
    if word in ("a", "an") and _OF.match(text, m.end()) is None:
        scale = _FOLLOWING_WORD.match(text, m.end())
        if denominator != 2 or scale is None or scale.group(1).lower() not in w.scales:
            return None
    value = numerator / denominator
    scale = _FOLLOWING_WORD.match(text, m.end())
    if scale is not None and scale.group(1).lower() in w.scales and scale.group(1).lower() != "hundred":
        return Numeral(value * w.scales[scale.group(1).lower()], pos, scale.end(), "words", scaled=True)
    return Numeral(value, pos, m.end(), "fraction")


def _read_compound(text: str, pos: int, end: int, word: str) -> Numeral | None:
    """Cardinal words with scales: "forty-three", "a hundred and two", "two dozen", "one and a half"."""
    w = number_words()
    if word in ("a", "an"):
        nxt = _NEXT_WORD.match(text, end)
        if nxt is None or nxt.group(1).strip() != "" or nxt.group(2).lower() not in set(w.scales) | {"dozen"}:
            return None
        current, total, last = 1.0, 0.0, "unit"
    elif word in w.cardinals:
        current, total, last = float(w.cardinals[word]), 0.0, "unit"
    elif word in w.scales:
        return None
    else:
        return None
    scaled, scale = False, 1.0
    while True:
        nxt = _NEXT_WORD.match(text, end)
        if nxt is None:
            break
        joint, token = nxt.group(1).strip(), nxt.group(2).lower()
        if token in w.scales or token == "dozen":
            factor = w.scales.get(token, 12)
            if joint not in ("", "-") or (factor == 100 and current >= 100):
                break
            if factor >= 1000:
                total, current, scale = total + max(current, 1.0) * factor, 0.0, float(factor)
            else:
                current = max(current, 1.0) * factor
            end, last, scaled = nxt.end(), "scale", True
            continue
        if token in w.cardinals and token != "dozen":
            small = w.cardinals[token]
            if joint == "and" and last != "scale":
                break
            if joint in (",", "&") and (last != "scale" or total == 0):
                break
            tens_then_unit = last == "unit" and current % 100 >= 20 and current % 10 == 0 and small < 10
            after_scale = last == "scale" and current % 100 == 0 and (small < 100)
            if not (tens_then_unit or after_scale):
                break
            current += small
            end, last = nxt.end(), "unit"
            continue
        break
    half = _AND_A_HALF.match(text, end)
    value = total + current
    halved = half is not None and total == 0 and not scaled
    if half is not None and halved:
        value += 0.5
        end = half.end()
        after = _SCALE_WORD.match(text, end)
        if after and after.group(1).lower() in w.scales:
            scale = float(w.scales[after.group(1).lower()])
            value *= scale
            end, scaled = after.end(), True
    return Numeral(value, pos, end, "words", scaled=scaled, scale=scale if current == 0 or halved else 1.0)
