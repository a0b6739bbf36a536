"""One number with what is written right against it: sign, currency, scale, uncertainty and unit.

This module owns the "atom" of a quantity expression: "-15€", "$4bn", "US$ 624.601M", "2.5 million",
"9,000 m3/s", "27-kilometer", "40 percent", "2,000.45±0.01 pounds", "Mach 5", "a mile", "the 93rd
anniversary", "millions of dollars". It decides whether the number is a quantity at all (masked
dates and times, designations such as "F-35A" or "Type 055", ordinals used as names), and leaves
ranges, hedges, counted nouns and records to ``transforms.quantities.claims``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from schemas.quantities import QuantityKind
from transforms.quantities.context import Masks, designation_before
from transforms.quantities.numbers import Numeral, number_words, read_numeral
from transforms.quantities.units import (
    CurrencyMatch,
    match_article_unit,
    match_currency_after,
    match_currency_before,
    match_rate,
    match_unit,
    match_unit_prefix,
)

__all__ = ["Atom", "read_atom"]

_PERCENT = re.compile(
    r"[ \u00a0]?%|[ \u00a0]*-?(?:(percentage[ \u00a0-]+points?)|(basis[ \u00a0-]+points?|bps)"
    r"|per[ \u00a0]?cent(?:age)?|pct\.?)(?![\w])",
    re.IGNORECASE,
)
_PLUS_MINUS = re.compile(r"[ \u00a0]*(?:±|\+/-|\+-)[ \u00a0]*(\d+(?:\.\d+)?)")
_OF = re.compile(r"[ \u00a0]+of(?=[ \u00a0])", re.IGNORECASE)
_NEGATIVE_BEFORE = frozenset(" \t\n(\u00a0$€£¥₽₹")


@dataclass(frozen=True, slots=True)
class Atom:
    """A number and its own marks at ``text[start:end]``; ``number`` is in the written unit.

    ``number_end`` is where the numeral (with its scale) ends, before any unit: ranges such as
    "8- to 16-meter" join there. ``factor``/``offset`` convert ``number`` into ``unit``; money
    amounts use ``currency_factor`` (0.01 for cents) instead.
    """

    start: int
    end: int
    number_end: int
    number: float
    numeral: Numeral
    kind: QuantityKind
    unit: str | None = None
    factor: float = 1.0
    offset: float = 0.0
    currency: str | None = None
    currency_factor: float = 1.0
    spread: float | None = None
    hyphenated: bool = False
    ordinal: bool = False

    @property
    def vague(self) -> bool:
        return self.numeral.form == "vague"

    @property
    def bare(self) -> bool:
        """No unit, currency or percent sign: it may take them from its range partner."""
        return self.unit is None and self.currency is None and self.kind in ("count", "fraction")

    def convert(self, number: float) -> float:
        if self.kind == "money":
            return number * self.currency_factor
        return number * self.factor + self.offset


def read_atom(text: str, pos: int, floor: int, masks: Masks, *, partner: bool = False) -> Atom | None:
    """The atom whose number starts at ``pos``, or None when that number is not a quantity.

    ``partner``: the number is the second end of a range ("10-15"), so a dash before it is no sign
    and no designation."""
    sign, start = 1.0, pos
    if (
        not partner
        and pos > 0
        and text[pos - 1] in "-−"
        and (pos == 1 or text[pos - 2] in _NEGATIVE_BEFORE)
        and pos - 1 >= floor
    ):
        sign, start = -1.0, pos - 1
    currency = match_currency_before(text, start)
    if currency is not None and currency.start < floor:
        currency = None
    if currency is not None:
        start = currency.start
    numeral = read_numeral(text, pos, money=currency is not None)
    if numeral is None:
        return _article_unit(text, pos)
    if masks.covers(numeral.start, numeral.end):
        return None
    digits = numeral.form != "words" and numeral.form != "vague" and not text[pos].isalpha()
    if digits and currency is None and sign > 0 and not partner and designation_before(text, pos, strict=True):
        return None
    if numeral.form == "ordinal":
        return _ordinal(text, start, numeral)
    found = _suffix(
        text, Atom(start, numeral.end, numeral.end, sign * numeral.value, numeral, "count"), currency, digits
    )
    if found is None:
        return None
    atom = found
    if (
        atom.kind in ("count", "fraction")
        and not atom.vague
        and not partner
        and designation_before(text, start, strict=False)
    ):
        return None
    if atom.currency is None and atom.unit is None and (prefix := match_unit_prefix(text, start)) is not None:
        unit_start, unit = prefix
        if unit_start >= floor:
            atom = replace(atom, start=unit_start, kind="measure", unit=unit.standard, factor=unit.factor)
    return atom


def _suffix(text: str, atom: Atom, currency: CurrencyMatch | None, digits: bool) -> Atom | None:
    end = atom.end
    spread = _PLUS_MINUS.match(text, end)
    if spread is not None and digits:
        atom = replace(atom, spread=float(spread.group(1)), end=spread.end())
        end = spread.end()
    percent = _PERCENT.match(text, end)
    if percent is not None and currency is None:
        sign = "pp" if percent.group(1) else "bp" if percent.group(2) else "%"
        return replace(atom, end=percent.end(), kind="percent", unit=sign)
    if currency is not None:
        atom = replace(atom, kind="money", currency=currency.code, currency_factor=currency.factor)
        rate = match_rate(text, end)
        if rate is not None:
            rate_end, per, per_factor = rate
            atom = replace(atom, end=rate_end, unit=per, currency_factor=currency.factor / per_factor)
        return atom
    after_pos = end
    if atom.vague and (of := _OF.match(text, end)) is not None:
        after_pos = of.end()
    after = match_currency_after(text, after_pos, scaled=atom.numeral.scaled or atom.vague)
    if after is not None and (after_pos == end or atom.vague):
        atom = replace(atom, end=after.end, kind="money", currency=after.code, currency_factor=after.factor)
        rate = match_rate(text, after.end)
        if rate is not None:
            atom = replace(atom, end=rate[0], unit=rate[1], currency_factor=after.factor / rate[2])
        return atom
    unit = match_unit(text, end, after_digits=digits)
    if unit is not None and not (
        unit.standard in ("h", "d") and atom.numeral.form == "words" and abs(atom.number) == 1
    ):
        return replace(
            atom,
            end=unit.end,
            kind="measure",
            unit=unit.standard,
            factor=unit.factor,
            offset=unit.offset,
            hyphenated=unit.hyphenated,
        )
    if end < len(text) and (
        text[end].isalnum() or (text[end] == "-" and end + 1 < len(text) and text[end + 1].isupper())
    ):
        return None
    if atom.numeral.form == "fraction":
        return replace(atom, kind="fraction")
    return atom


def _ordinal(text: str, start: int, numeral: Numeral) -> Atom | None:
    """An ordinal counts only before a counting noun: "for the third time", "the 93rd anniversary"."""
    w = number_words()
    words = re.compile(r"[ \u00a0]+([a-z]+)").match(text, numeral.end)
    if words is None:
        return None
    if numeral.value < 2 or not (words.group(1) in w.ordinal_nouns or words.group(1) in w.ordinal_modifiers):
        return None
    return Atom(start, numeral.end, numeral.end, numeral.value, numeral, "count", ordinal=True)


def _article_unit(text: str, pos: int) -> Atom | None:
    """ "a mile from the border", "an hour": one of a unit."""
    found = match_article_unit(text, pos)
    if found is None:
        return None
    end, unit = found
    numeral = Numeral(1.0, pos, unit.start, "words")
    return Atom(
        pos, end, unit.start, 1.0, numeral, "measure", unit=unit.standard, factor=unit.factor, offset=unit.offset
    )
