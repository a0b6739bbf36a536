"""Bodies of water named "<kind> of <name>": "the Gulf of Alaska", "the Straits of Florida", "the Bay of
Bengal". The gazetteer holds the ones defence news names most ("Gulf of Oman", "Sea of Japan"); for any other
the model finds only the place after "of" ("Alaska", a U.S. state) and the kind alone ("Gulf"), two wrong
mentions. The whole phrase is one place (LOC), named as written.

Also the kind written once for several names, a plural that each name takes: "the Tittabawassee and Shiawassee
Rivers" are the Tittabawassee River and the Shiawassee River, "Lakes Superior, Michigan and Erie" are Lake
Superior, Lake Michigan and Lake Erie (one LOC each; where the kind is written, it is inside the first or the last
name's span), not a river's half and two states."""

from __future__ import annotations

import re
from functools import lru_cache

from transforms.entities.gazetteer import read_data
from transforms.entities.military_patterns import PatternMatch

__all__ = ["water_names"]

_NAME = r"(?:St\.[ ])?[A-Z][a-z]+"
_LIST = rf"{_NAME}(?:,[ ]+{_NAME})*,?[ ]+and[ ]+{_NAME}"
_KIND_AFTER = re.compile(rf"\b[Tt]he[ ]+(?P<names>{_LIST})[ ]+(?P<kind>Rivers|Creeks|Bays)\b")  # "the A and B Rivers"
_LAKES_BEFORE = re.compile(rf"\bLakes[ ]+(?P<names>{_LIST})\b")  # "Lakes A, B and C"
_ONE_NAME = re.compile(_NAME)
# a bay or sound named before its kind, alone in its run of capitals: "near Saginaw Bay." (not "Saginaw Bay
# Confined Disposal Facility", not "Tampa Bay Buccaneers"); the gazetteer's type wins ("Green Bay", a city)
_BAY = re.compile(r"\b(?P<name>[A-Z][a-z]+)[ ]+(?:Bay|Sound|Inlet|Lagoon)\b(?![ ]+[A-Z])")
_CAPITAL_BEFORE = re.compile(r"[A-Z][\w.’'-]*[ ]+$")


@lru_cache(maxsize=1)
def _water() -> re.Pattern[str]:
    """The pattern, built once from the calendar words of ``data/context.toml`` (no month or weekday is a name)."""
    calendar = "|".join(w for w in read_data("context.toml")["calendar"] if not w.endswith("."))
    word = rf"(?!(?:{calendar})\b)[A-Z][\w'’-]*[a-z]"
    return re.compile(rf"\b(?:Gulf|Bay|Sea|Strait|Straits|Bight)[ ]+of[ ]+(?:the[ ]+)?{word}(?:[ ]+{word})?")


_NAME_BEFORE = re.compile(r"(?<![\w'’-])(?!(?:The|A|An|In|On|At|Of|To|From|Across|Into)\b)[A-Z][\w'’-]*[ ]+$")


def water_names(text: str) -> list[PatternMatch]:
    """Each "<kind> of <name>" body of water in ``text``, as one LOC; not where a name comes before the kind
    ("Saginaw Bay of Lake Huron" is Saginaw Bay, of Lake Huron); and each name of a plural kind (see the
    module)."""
    found = [
        PatternMatch(m.start(), m.end(), "LOC", "region", m.group(), outranks_gazetteer=True)  # over "Alaska"
        for m in _water().finditer(text)
        if not _NAME_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
    ]
    for m in _KIND_AFTER.finditer(text):  # "Shiawassee Rivers": the kind inside the last name's span
        found += _each_name(m, "{} " + m.group("kind")[:-1], last_end=m.end())  # "Rivers" -> "{} River"
    found.extend(
        PatternMatch(m.start(), m.end(), "LOC", "region", m.group())
        for m in _BAY.finditer(text)
        if not _CAPITAL_BEFORE.search(text[max(0, m.start() - 30) : m.start()])
    )
    for m in _LAKES_BEFORE.finditer(text):  # "Lakes Superior": the kind inside the first name's span
        found += _each_name(m, "Lake {}", first_start=m.start())
    return found


def _each_name(
    m: re.Match[str], canonical: str, first_start: int | None = None, last_end: int | None = None
) -> list[PatternMatch]:
    """One LOC for each name of a list that shares its kind, named by ``canonical`` ("Lake {}"), the first starting
    at ``first_start`` and the last ending at ``last_end`` where the kind is written there."""
    names = list(_ONE_NAME.finditer(m.string, m.start("names"), m.end("names")))
    return [
        PatternMatch(
            first_start if i == 0 and first_start is not None else name.start(),
            last_end if i == len(names) - 1 and last_end is not None else name.end(),
            "LOC",
            "region",
            canonical.format(name.group()),
            True,
        )
        for i, name in enumerate(names)
    ]
