"""The record of one number expression found in an article: what ``transforms.quantities.claims`` returns.

It mirrors the ``quantities`` table of ``schemas.tables`` minus the columns the flow adds (article_id,
revision, sentence, run_id). Offsets are character offsets into the article text, end exclusive, and
``text == article_text[start:end]`` always.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Quantity", "QuantityKind", "Qualifier", "QUANTITY_KINDS", "QUALIFIERS"]

QuantityKind = Literal["count", "money", "percent", "fraction", "measure"]
QUANTITY_KINDS: tuple[QuantityKind, ...] = ("count", "money", "percent", "fraction", "measure")

Qualifier = Literal[
    "about", "nearly", "at_least", "more_than", "at_most", "less_than", "up_to", "range", "multiple", "ordinal"
]
QUALIFIERS: tuple[Qualifier, ...] = (
    "about",
    "nearly",
    "at_least",
    "more_than",
    "at_most",
    "less_than",
    "up_to",
    "range",
    "multiple",
    "ordinal",
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """One count, amount, share or measure as stated in the text, with its normalized value.

    - ``value``: the stated number after scale and unit conversion ("$4bn" -> 4e9, "5 miles" -> 8.04672
      in km); for a range, the midpoint; for a bound ("at least 17", "up to 800"), the stated number;
      for a plural of a scale word ("hundreds of"), the least it can mean (200).
    - ``low`` / ``high``: the interval the expression states, either end open (None): a range sets both,
      "at least"/"more than" set ``low``, "up to"/"at most"/"less than" set ``high``.
    - ``approximate``: hedged ("about", "roughly", "an estimated", "nearly", "dozens of").
    - ``qualifier``: one of ``QUALIFIERS``, or None for a plain number.
    - ``kind``: count (people, things, events), money, percent (value 40 for "40%"), fraction (value 0.25
      for "a quarter"), measure (a physical quantity with a unit).
    - ``unit``: the standard unit of a measure (``transforms/quantities/data/units.toml`` lists them), "%" or "pp" for
      percentages, "/kg"-style denominators for money rates; None for counts and plain money.
    - ``currency``: ISO 4217 code for money.
    - ``object``: the noun phrase counted or measured ("Houthi fighters", "F-35A jets", "its tanks").
    - ``object_entity_id``: the entity mention inside that phrase, when the caller passed one.
    - ``event``: casualty or status language attached to a count (killed, wounded, captured, missing,
      dead, displaced, remaining, ...).
    """

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    approximate: bool
    qualifier: Qualifier | None
    kind: QuantityKind
    unit: str | None
    currency: str | None
    object: str | None
    object_entity_id: str | None
    event: str | None
