"""Quantities: every count, amount, share and measure in a text, as typed ``Quantity`` records.

This module owns the whole expression around the numbers that ``transforms.quantities.atoms`` reads:
ranges ("300 to 400", "between 10 and 15", "10-15", "$1-2 billion", "8- to 16-meter"), hedges and
bounds before or after ("about", "at least", "up to", "or more"), shared units in lists ("45 and
50 mg"), accounting negatives ("($99.99)"), and the counted noun and casualty event of counts
(``transforms.quantities.counted``). Offsets are character offsets into ``text``, end exclusive; results are
sorted by start and never overlap.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace

from schemas.quantities import QUALIFIERS, Qualifier, Quantity
from transforms.quantities.atoms import Atom, read_atom
from transforms.quantities.context import (
    Masks,
    Qualified,
    masked_spans,
    qualifier_after,
    qualifier_before,
    rules,
    year_context,
)
from transforms.quantities.counted import EntitySpanLike, casualty_event, counted_phrase, entity_inside
from transforms.quantities.numbers import ANCHOR
from transforms.quantities.units import article_anchor, match_per_time

__all__ = ["extract_quantities", "EntitySpanLike", "Quantity"]

_RANGE_WORD = re.compile(r"[ \u00a0]*-?[ \u00a0]*(to|through|thru|and)[ \u00a0]+", re.IGNORECASE)
_RANGE_DASH = re.compile(r"[ \u00a0]?[-–—][ \u00a0]?(?=[\d$€£¥₽₹.])")
_SIGN = re.compile(r"(?:US|A|C|NZ|HK|S|NT|R)?[$€£¥₽₹₴₩₪][ \u00a0]?(?=\d)")
_TIMES = re.compile(r"[ \u00a0]+times(?=[ \u00a0])", re.IGNORECASE)
_LIST = re.compile(r"(?:,?[ \u00a0]+(?:and|or)|,)[ \u00a0]+(?=\d)")
_OPENER = re.compile(r"(?<![\w])(between|from)[ \u00a0]+$", re.IGNORECASE)
_WORDS = re.compile(r"[A-Za-z]+")
_DASH_AFTER = re.compile(r"[-–][\d]")
_QUALIFIER_OF: dict[str, Qualifier] = {q: q for q in QUALIFIERS}
_BOUND_LOW = frozenset({"at_least", "more_than"})
_BOUND_HIGH = frozenset({"at_most", "less_than", "up_to", "nearly"})


@functools.cache
def _anchor() -> re.Pattern[str]:
    return re.compile(f"{ANCHOR.pattern}|{article_anchor()}", re.IGNORECASE)


def extract_quantities(text: str, *, entities: Sequence[EntitySpanLike] = ()) -> list[Quantity]:
    """All quantity expressions of ``text``, sorted by start, non-overlapping.

    ``entities`` are mention spans found by the caller: numbers inside them ("S-400", "5th Fleet")
    are not quantities, and one inside a counted phrase is linked as ``object_entity_id``.
    """
    spans = sorted((e for e in entities if 0 <= e.start < e.end <= len(text)), key=lambda e: (e.start, e.end))
    masks = masked_spans(text, [(e.start, e.end) for e in spans])
    found: list[Quantity] = []
    floor = 0
    for m in _anchor().finditer(text):
        if m.start() < floor:
            continue
        quantity = _expression(text, m.start(), floor, masks, spans)
        if quantity is not None:
            found.append(quantity)
            floor = quantity.end
    return found


def _expression(text: str, pos: int, floor: int, masks: Masks, entities: list[EntitySpanLike]) -> Quantity | None:
    first = read_atom(text, pos, floor, masks)
    if first is None:
        return None
    opener = _OPENER.search(text, max(floor, first.start - 10), first.start)
    second = _range_partner(text, first, opener.group(1).lower() if opener else None, masks)
    if second is None and _DASH_AFTER.match(text, first.end):
        return None
    if second is not None:
        first, second = _share(first, second)
    elif (listed := _list_partner(text, first, masks)) is not None:
        first = _share(first, listed)[0]
    start = opener.start() if opener and second is not None else first.start
    qualified = qualifier_before(text, start, floor)
    if qualified is not None and qualified.qualifier is not None:
        start = qualified.start
    elif (
        first.numeral.plain_digits
        and 1600 <= first.number <= 2099
        and first.kind == "count"
        and second is None
        and year_context(text, first.start, first.end)
    ):
        return None
    end = second.end if second is not None else first.end
    after = qualifier_after(text, end) if qualified is None and second is None else None
    if after is not None:
        qualified, end = after, after.end
    if (
        first.kind == "money"
        and first.number > 0
        and second is None
        and text[start - 1 : start] == "("
        and text[end : end + 1] == ")"
        and not _CONVERSION_BEFORE.search(text, max(0, start - 24), start - 1)
    ):  # "($99.99)" in a statement is negative; "A$3.1 billion ($2 billion)" is a conversion
        first, start, end = replace(first, number=-first.number), start - 1, end + 1
    return _record(text, start, end, first, second, qualified, entities)


_CONVERSION_BEFORE = re.compile(
    r"(?:\d|\b(?:billion|million|thousand|trillion|bn|mn|m|k|euros?|dollars?|pounds?|sterling|r[ou]?ubles?|yuan|"
    r"renminbi|yen|won|rupees?|shekels?|liras?|hryvnias?|zlot(?:y|ys|ych)|kronor|krona|kroner|francs?|dirhams?|riyals?))\s*$",
    re.IGNORECASE,
)


def _range_partner(text: str, first: Atom, opener: str | None, masks: Masks) -> Atom | None:
    """The upper end of a range starting with ``first``, or None."""
    if first.ordinal or first.vague:
        return None
    for join in {first.number_end, first.end}:
        word = _RANGE_WORD.match(text, join)
        if word is not None:
            connector = word.group(1).lower()
            if connector == "and" and opener != "between":
                continue
            if opener == "from" and _change_before(text, first.start):
                return None
            sign = _SIGN.match(text, word.end())
            at = sign.end() if sign else word.end() + (1 if text[word.end() : word.end() + 1] in ("-", "−") else 0)
            second = read_atom(text, at, word.end(), masks)
            if second is not None and _compatible(first, second) and not second.vague:
                return second
        dash = _RANGE_DASH.match(text, join)
        if dash is not None and (first.bare or join == first.end):
            sign = _SIGN.match(text, dash.end())
            second = read_atom(text, sign.end() if sign else dash.end(), dash.end(), masks, partner=True)
            if second is not None and _compatible(first, second) and _scaled_number(first, second) < second.number:
                return second
    return None


def _change_before(text: str, start: int) -> bool:
    """ "rose from 12 to 17": a change between two values, not a range."""
    words = _WORDS.findall(text, max(0, start - 40), start)[-3:]
    return len(words) > 1 and any(word.lower() in rules().change_words for word in words[:-1])


def _list_partner(text: str, first: Atom, masks: Masks) -> Atom | None:
    """ "45 and 50 mg": the next number of a short list, when only it carries the unit."""
    if not first.bare or first.numeral.form == "fraction":
        return None
    m = _LIST.match(text, first.end)
    if m is None:
        return None
    second = read_atom(text, m.end(), m.end(), masks)
    if second is None or second.bare or second.kind == "percent" or not _compatible(first, second):
        return None
    return second


def _compatible(first: Atom, second: Atom) -> bool:
    if first.ordinal or second.ordinal:
        return False
    if first.bare or second.bare:
        return True
    return first.kind == second.kind and first.unit == second.unit and first.currency == second.currency


def _scaled_number(first: Atom, second: Atom) -> float:
    """``first``'s number with the scale word written only after ``second`` ("1 to 2 million")."""
    if second.numeral.scaled and not first.numeral.scaled and first.numeral.form != "fraction":
        return first.number * second.numeral.scale
    return first.number


def _share(first: Atom, second: Atom) -> tuple[Atom, Atom]:
    """Give each end of a range or list what only the other one wrote: unit, currency, scale."""
    number = _scaled_number(first, second)
    if number != first.number:
        first = replace(first, number=number)
    if first.bare and not second.bare:
        first = replace(
            first,
            kind=second.kind,
            unit=second.unit,
            factor=second.factor,
            offset=second.offset,
            currency=second.currency,
            currency_factor=second.currency_factor,
        )
    elif second.bare and not first.bare:
        second = replace(
            second,
            kind=first.kind,
            unit=first.unit,
            factor=first.factor,
            offset=first.offset,
            currency=first.currency,
            currency_factor=first.currency_factor,
        )
    return first, second


def _record(
    text: str,
    start: int,
    end: int,
    first: Atom,
    second: Atom | None,
    qualified: Qualified | None,
    entities: list[EntitySpanLike],
) -> Quantity | None:
    name = qualified.qualifier if qualified is not None else None
    qualifier: Qualifier | None = _QUALIFIER_OF.get(name) if name else None
    approximate = qualifier in rules().approximate
    value = first.convert(first.number)
    low = high = None
    if second is not None:
        ends = sorted((value, second.convert(second.number)))
        low, high, value = ends[0], ends[1], (ends[0] + ends[1]) / 2
        qualifier = "range"
    elif first.spread is not None:
        low, high = first.convert(first.number - first.spread), first.convert(first.number + first.spread)
        approximate = True
        qualifier = qualifier or "about"
    elif first.vague:
        low, approximate = value, True
        qualifier = qualifier or "multiple"
    elif first.ordinal:
        qualifier = "ordinal"
    if qualifier in _BOUND_LOW:
        low = value
    elif qualifier in _BOUND_HIGH:
        high = value
    kind = first.kind
    counted = None
    if kind != "money":
        counted = counted_phrase(
            text, end, direct=kind == "count" or first.hyphenated, max_words=2 if kind == "measure" else None
        )
    event = None
    if kind == "count" and not first.ordinal:
        event = casualty_event(text, start, counted.end if counted else end, counted.noun_event if counted else None)
        if first.numeral.form == "words" and abs(first.number) <= 1 and not (event or qualifier):
            return None
    entity_id = entity_inside(entities, start, counted.end) if counted else None
    unit, obj = first.unit, counted.text if counted else None
    if kind == "count" and unit is None:
        after = counted.end if counted else end
        times = _TIMES.match(text, after) if counted is None else None
        if (rate := match_per_time(text, times.end() if times else after)) is not None:
            unit, obj = rate[1], "times" if times else obj
    return Quantity(
        start=start,
        end=end,
        text=text[start:end],
        value=value,
        low=low,
        high=high,
        approximate=approximate,
        qualifier=qualifier,
        kind=kind,
        unit=unit,
        currency=first.currency,
        object=obj,
        object_entity_id=entity_id,
        event=event,
    )
