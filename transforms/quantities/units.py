"""Units of measure and currencies: recognising them next to a number and converting to a standard.

This module owns the shape of ``transforms/quantities/data/units.toml`` and ``currencies.toml`` and the
matching of a unit right after a number ("5 km", "27-kilometer", "9,000 m3/s", "200 kilometres per
hour"), a unit before it ("Mach 5"), a currency before it ("$", "US$", "USD 5") or after it
("euros", "15€", "20 million pounds"). Which number the unit belongs to, and what the whole
expression means, is ``transforms.quantities.claims``' business.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = [
    "Unit",
    "UnitMatch",
    "CurrencyMatch",
    "match_unit",
    "match_unit_prefix",
    "match_article_unit",
    "article_anchor",
    "match_currency_before",
    "match_currency_after",
    "match_rate",
    "match_per_time",
]

_RIGHT = r"(?![A-Za-z0-9])"
_SYMBOL_RIGHT = r"(?![A-Za-z0-9²³]|-[A-Za-z0-9])"


@dataclass(frozen=True, slots=True)
class Unit:
    """One row of ``units.toml``: the standard unit, and how to convert a written value into it."""

    standard: str
    factor: float
    offset: float = 0.0
    per: str | None = None
    digits_only: bool = False
    article: bool = False
    denominator: bool = False
    prefix: bool = False
    not_before: re.Pattern[str] | None = None
    only_before: re.Pattern[str] | None = None

    def convert(self, value: float) -> float:
        return value * self.factor + self.offset


@dataclass(frozen=True, slots=True)
class UnitMatch:
    """A unit found at ``text[start:end]``; ``standard``/``factor``/``offset`` include a denominator."""

    start: int
    end: int
    standard: str
    factor: float
    offset: float
    hyphenated: bool

    def convert(self, value: float) -> float:
        return value * self.factor + self.offset


@dataclass(frozen=True, slots=True)
class CurrencyMatch:
    """A currency sign, code or word at ``text[start:end]``; ``factor`` is 0.01 for "cents"."""

    start: int
    end: int
    code: str
    factor: float = 1.0
    needs_scale: bool = False


@dataclass(frozen=True, slots=True)
class _Tables:
    words: dict[str, Unit]
    symbols: dict[str, Unit]
    word_re: re.Pattern[str]
    symbol_re: re.Pattern[str]
    per_re: re.Pattern[str]
    prefix_re: re.Pattern[str]
    article_re: re.Pattern[str]
    sign_before_re: re.Pattern[str]
    signs: dict[str, str]
    degree_window: int
    celsius_re: re.Pattern[str]
    fahrenheit_re: re.Pattern[str]
    temperature_re: re.Pattern[str]
    word_after_re: re.Pattern[str]
    currency_words: dict[str, CurrencyMatch]


def _key(form: str) -> str:
    return " ".join(form.replace("-", " ").split()).lower()


def _word_pattern(forms: list[str]) -> str:
    alternatives = sorted(set(forms), key=len, reverse=True)
    return "|".join(r"[\s-]+".join(re.escape(part) for part in re.split(r"[\s-]+", form)) for form in alternatives)


def _symbol_pattern(forms: list[str]) -> str:
    return "|".join(re.escape(form) for form in sorted(set(forms), key=len, reverse=True))


def _unit(row: dict[str, Any]) -> Unit:
    guard, only = row.get("not_before"), row.get("only_before")
    return Unit(
        standard=str(row["standard"]),
        factor=float(row["factor"]),
        offset=float(row.get("offset", 0.0)),
        per=row.get("per"),
        digits_only=bool(row.get("digits_only", False)),
        article=bool(row.get("article", False)),
        denominator=bool(row.get("denominator", False)),
        prefix=bool(row.get("prefix", False)),
        not_before=re.compile(guard) if guard else None,
        only_before=re.compile(only) if only else None,
    )


def _read(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("transforms.quantities.data").joinpath(name).read_text("utf-8"))


@functools.cache
def _tables() -> _Tables:
    words: dict[str, Unit] = {}
    symbols: dict[str, Unit] = {}
    for row in _read("units.toml")["unit"]:
        unit = _unit(row)
        for form in row.get("words", []):
            words[_key(form)] = unit
        for form in row.get("symbols", []):
            symbols[form] = unit
    plain_words = [w for w, u in words.items() if not u.denominator and not u.prefix]
    plain_symbols = [s for s, u in symbols.items() if not u.denominator]
    article_words = [w for w, u in words.items() if u.article and not w.endswith("s")]
    signs: dict[str, str] = {}
    currency_words: dict[str, CurrencyMatch] = {}
    for row in _read("currencies.toml")["currency"]:
        code = str(row["code"])
        for sign in row.get("signs", []) + row.get("codes", []):
            signs.setdefault(sign, code)
        for word in row.get("words", []):
            currency_words.setdefault(_key(word), CurrencyMatch(0, 0, code))
        for word in row.get("scaled_words", []):
            currency_words.setdefault(_key(word), CurrencyMatch(0, 0, code, needs_scale=True))
        for word in row.get("minor", []):
            currency_words.setdefault(_key(word), CurrencyMatch(0, 0, code, factor=0.01))
        for word, factor in row.get("coins", {}).items():
            currency_words.setdefault(_key(word), CurrencyMatch(0, 0, code, factor=float(factor)))
    degrees = _read("units.toml")["degrees"]
    after_signs = [s for s in signs if not s[-1].isalpha() or s.isupper()]
    return _Tables(
        words=words,
        symbols=symbols,
        word_re=re.compile(rf"(\s*-\s*|[ \u00a0\u202f]+)?({_word_pattern(plain_words)}){_RIGHT}", re.IGNORECASE),
        symbol_re=re.compile(rf"([ \u00a0\u202f]?-?)({_symbol_pattern(plain_symbols)}){_SYMBOL_RIGHT}"),
        per_re=re.compile(
            rf"(?:\s*/\s*|\s+per\s+|\s+an?\s+|\s+a\s+)(?:({_word_pattern(list(words))}){_RIGHT}"
            rf"|({_symbol_pattern(list(symbols))}){_SYMBOL_RIGHT})",
        ),
        prefix_re=re.compile(
            rf"(?<![\w])({_word_pattern([w for w, u in words.items() if u.prefix])})\s+$", re.IGNORECASE
        ),
        article_re=re.compile(rf"(?:an?|one)\s+({_word_pattern(article_words)}){_RIGHT}", re.IGNORECASE),
        sign_before_re=re.compile(rf"(?:(?<![A-Za-z])({_symbol_pattern(list(signs))}))[ \u00a0]?$"),
        signs=signs,
        degree_window=int(degrees["window"]),
        celsius_re=re.compile(rf"\b(?:{_word_pattern(degrees['celsius'])})\b", re.IGNORECASE),
        fahrenheit_re=re.compile(rf"\b(?:{_word_pattern(degrees['fahrenheit'])})\b", re.IGNORECASE),
        temperature_re=re.compile(rf"(?:{_word_pattern(degrees['temperature'])})", re.IGNORECASE),
        word_after_re=re.compile(
            rf"(?:[ \u00a0]*(?-i:({_symbol_pattern(after_signs)}))(?![A-Za-z])"
            rf"|\s+({_word_pattern(list(currency_words))}){_RIGHT})",
            re.IGNORECASE,
        ),
        currency_words=currency_words,
    )


def _lookup(form: str, *, symbol: bool) -> Unit | None:
    tables = _tables()
    if symbol:
        return tables.symbols.get(form)
    return tables.words.get(_key(form))


def match_unit(text: str, pos: int, *, after_digits: bool) -> UnitMatch | None:
    """The unit written right after a number ending at ``pos``, with an optional "per" denominator."""
    tables = _tables()
    best: tuple[int, Unit, bool] | None = None
    for regex, symbol in ((tables.symbol_re, True), (tables.word_re, False)):
        m = regex.match(text, pos)
        if m is None:
            continue
        unit = _lookup(m.group(2), symbol=symbol)
        if unit is None or (unit.digits_only and not after_digits):
            continue
        if unit.not_before is not None and unit.not_before.match(text, m.end()):
            continue
        if unit.only_before is not None and not unit.only_before.match(text, m.end()):
            continue
        if best is None or m.end() > best[0]:
            best = (m.end(), unit, "-" in (m.group(1) or ""))
    if best is None:
        return None
    end, unit, hyphenated = best
    if unit.standard == "deg":
        unit = _degree_scale(text, pos, end) or unit
    standard, factor, offset = unit.standard, unit.factor, unit.offset
    per = _denominator(text, end)
    if per is not None and offset == 0.0:
        end, per_standard, per_factor = per
        standard, factor = f"{standard}/{per_standard}", factor / per_factor
    return UnitMatch(pos, end, standard, factor, offset, hyphenated)


def _degree_scale(text: str, start: int, end: int) -> Unit | None:
    """A bare "°" or "degrees" read as a temperature when the sentence says so; None to keep an angle."""
    tables = _tables()
    after = text[end : end + tables.degree_window].split(".")[0]
    if tables.fahrenheit_re.search(after):
        return tables.words.get("degrees fahrenheit")
    if tables.celsius_re.search(after) or tables.temperature_re.search(
        text, max(0, start - tables.degree_window), start
    ):
        return tables.words.get("degrees celsius")
    return None


def _denominator(text: str, pos: int) -> tuple[int, str, float] | None:
    m = _tables().per_re.match(text, pos)
    if m is None:
        return None
    unit = _lookup(m.group(1), symbol=False) if m.group(1) else _lookup(m.group(2), symbol=True)
    if unit is None or unit.offset:
        return None
    if unit.per is not None:
        return m.end(), unit.per, 1.0
    if " a " in m.group() or " an " in m.group():
        return None
    return m.end(), unit.standard, unit.factor


def match_rate(text: str, pos: int) -> tuple[int, str, float] | None:
    """A "per kg" / "/hour" denominator after a money amount: (end, "/kg", factor)."""
    per = _denominator(text, pos)
    if per is None:
        m = _tables().per_re.match(text, pos)
        if m is None or not (" a " in m.group() or " an " in m.group()):
            return None
        unit = _lookup(m.group(1), symbol=False) if m.group(1) else None
        if unit is None:
            return None
        per = (m.end(), unit.per or unit.standard, 1.0 if unit.per else unit.factor)
    end, standard, factor = per
    return end, f"/{standard}", factor


def match_per_time(text: str, pos: int) -> tuple[int, str] | None:
    """ "per week", "a day", "/h" after a count: (end, "/wk"); time denominators only."""
    m = _tables().per_re.match(text, pos)
    if m is None:
        return None
    unit = _lookup(m.group(1), symbol=False) if m.group(1) else _lookup(m.group(2), symbol=True)
    if unit is None or unit.per is None:
        return None
    return m.end(), f"/{unit.per}"


def match_unit_prefix(text: str, pos: int) -> tuple[int, Unit] | None:
    """A unit written before the number at ``pos`` ("Mach 5"): (start, unit)."""
    window = text[max(0, pos - 12) : pos]
    m = _tables().prefix_re.search(window)
    if m is None:
        return None
    unit = _lookup(m.group(1), symbol=False)
    return (pos - len(window) + m.start(), unit) if unit else None


def article_anchor() -> str:
    """A regex (no groups) for "a"/"an" right before a unit that may be counted as one ("a mile")."""
    words = [w for w, u in _tables().words.items() if u.article and not w.endswith("s")]
    return rf"(?<![\w'-])an?\s+(?=(?:{_word_pattern(words)}){_RIGHT})"


def match_article_unit(text: str, pos: int) -> tuple[int, UnitMatch] | None:
    """ "a mile", "an hour", "one gallon" at ``pos``: (end, the unit), one of it."""
    m = _tables().article_re.match(text, pos)
    if m is None:
        return None
    unit = _lookup(m.group(1), symbol=False)
    if unit is None:
        return None
    return m.end(), UnitMatch(m.start(1), m.end(), unit.standard, unit.factor, unit.offset, False)


def match_currency_before(text: str, pos: int) -> CurrencyMatch | None:
    """A currency sign or code right before ``pos`` ("$", "US$ ", "EUR ")."""
    window = text[max(0, pos - 8) : pos]
    m = _tables().sign_before_re.search(window)
    if m is None:
        return None
    return CurrencyMatch(pos - len(window) + m.start(), pos, _tables().signs[m.group(1)])


def match_currency_after(text: str, pos: int, *, scaled: bool) -> CurrencyMatch | None:
    """A currency sign, code or name right after a number ending at ``pos`` ("15€", "9 billion euros")."""
    tables = _tables()
    m = tables.word_after_re.match(text, pos)
    if m is None:
        return None
    if m.group(1):
        return CurrencyMatch(pos, m.end(), tables.signs[m.group(1)])
    found = tables.currency_words.get(_key(m.group(2)))
    if found is None or (found.needs_scale and not scaled):
        return None
    return CurrencyMatch(pos, m.end(), found.code, found.factor)
