"""The words of the temporal normalizer, loaded once from ``transforms/dates/data/temporal.toml``.

Owns the mapping from words to calendar facts (month and weekday numbers, season codes, holiday rules,
number words, units, relative modifiers, fixed references, frequencies, tense cues) and the regular
expression alternations built from them. Grammar and rules read the lexicon; nothing else parses the
TOML file.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["Lexicon", "Unit", "lexicon", "alternation"]


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit of time: its TIMEX3 duration code, whether it is a clock unit, its calendar granularity."""

    code: str
    time: bool
    granularity: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    ambiguous: frozenset[str]
    seasons: Mapping[str, str]
    holidays: Mapping[str, str]
    numbers: Mapping[str, float]
    vague_numbers: frozenset[str]
    ordinals: Mapping[str, int]
    units: Mapping[str, Unit]
    shift_words: Mapping[str, int]
    references: Mapping[str, str]
    sets: Mapping[str, str]
    parts_of_day: Mapping[str, str]
    future_cues: tuple[str, ...]
    past_cues: tuple[str, ...]
    neutral_cues: tuple[str, ...]
    modal_cues: tuple[str, ...]
    prospective_cues: tuple[str, ...] = ()

    def number(self, words: str) -> float | None:
        """The value of a number written in words or digits ("three", "twenty-four", "18", "1.5");
        None for a vague amount ("several") or an unknown word."""
        key = " ".join(words.lower().replace("-", " ").split())
        if not key:
            return None
        if key in self.numbers:
            return self.numbers[key]
        digits = key.replace(",", "")
        if re.fullmatch(r"\d+(?:\.\d+)?", digits):
            return float(digits)
        parts = key.split()
        if len(parts) == 2 and parts[0] in self.numbers and parts[1] in self.numbers:
            tens, ones = self.numbers[parts[0]], self.numbers[parts[1]]
            if tens >= 20 and tens % 10 == 0 and 1 <= ones <= 9:
                return tens + ones
        return None


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` (longest first, escaped, inner spaces matching any white space)."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key, {})
    return dict(value) if isinstance(value, dict) else {}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon of ``temporal.toml`` (read once, via importlib.resources)."""
    raw = resources.files("transforms.dates.data").joinpath("temporal.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    units = {
        name: Unit(str(u["code"]), bool(u["time"]), str(u["granularity"])) for name, u in _table(data, "units").items()
    }
    tense = _table(data, "tense")
    return Lexicon(
        months={k: int(v) for k, v in _table(data, "months").items()},
        weekdays={k: int(v) for k, v in _table(data, "weekdays").items()},
        ambiguous=frozenset(_table(data, "ambiguous").get("words", [])),
        seasons={k: str(v) for k, v in _table(data, "seasons").items()},
        holidays={k: str(v) for k, v in _table(data, "holidays").items()},
        numbers={k: float(v) for k, v in _table(data, "numbers").items()},
        vague_numbers=frozenset(_table(data, "vague_numbers").get("words", [])),
        ordinals={k: int(v) for k, v in _table(data, "ordinals").items()},
        units=units,
        shift_words={k: int(v) for k, v in _table(data, "shift_words").items()},
        references={k: str(v) for k, v in _table(data, "references").items()},
        sets={k: str(v) for k, v in _table(data, "sets").items()},
        parts_of_day={k: str(v) for k, v in _table(data, "parts_of_day").items()},
        future_cues=tuple(tense.get("future", [])),
        past_cues=tuple(tense.get("past", [])),
        neutral_cues=tuple(tense.get("neutral", [])),
        modal_cues=tuple(tense.get("modal", [])),
        prospective_cues=tuple(tense.get("prospective", [])),
    )
