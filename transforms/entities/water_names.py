"""Bodies of water named "<kind> of <name>": "the Gulf of Alaska", "the Straits of Florida", "the Bay of
Bengal". The gazetteer holds the ones defence news names most ("Gulf of Oman", "Sea of Japan"); for any other
the model finds only the place after "of" ("Alaska", a U.S. state) and the kind alone ("Gulf"), two wrong
mentions. The whole phrase is one place (LOC), named as written."""

from __future__ import annotations

import re
from functools import lru_cache

from transforms.entities.gazetteer import read_data
from transforms.entities.military_patterns import PatternMatch

__all__ = ["water_names"]


@lru_cache(maxsize=1)
def _water() -> re.Pattern[str]:
    """The pattern, built once from the calendar words of ``data/context.toml`` (no month or weekday is a name)."""
    calendar = "|".join(w for w in read_data("context.toml")["calendar"] if not w.endswith("."))
    word = rf"(?!(?:{calendar})\b)[A-Z][\w'’-]*[a-z]"
    return re.compile(rf"\b(?:Gulf|Bay|Sea|Strait|Straits|Bight)[ ]+of[ ]+(?:the[ ]+)?{word}(?:[ ]+{word})?")


_NAME_BEFORE = re.compile(r"(?<![\w'’-])(?!(?:The|A|An|In|On|At|Of|To|From|Across|Into)\b)[A-Z][\w'’-]*[ ]+$")


def water_names(text: str) -> list[PatternMatch]:
    """Each "<kind> of <name>" body of water in ``text``, as one LOC; not where a name comes before the kind
    ("Saginaw Bay of Lake Huron" is Saginaw Bay, of Lake Huron)."""
    return [
        PatternMatch(m.start(), m.end(), "LOC", "region", m.group(), outranks_gazetteer=True)  # over "Alaska"
        for m in _water().finditer(text)
        if not _NAME_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
    ]
