"""Bodies of water named "<kind> of <name>": "the Gulf of Alaska", "the Straits of Florida", "the Bay of
Bengal". The gazetteer holds the ones defence news names most ("Gulf of Oman", "Sea of Japan"); for any other
the model finds only the place after "of" ("Alaska", a U.S. state) and the kind alone ("Gulf"), two wrong
mentions. The whole phrase is one place (LOC), named as written."""

from __future__ import annotations

import re

from transforms.entities.military_patterns import PatternMatch

__all__ = ["water_names"]

_MONTHS_AND_DAYS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
)
_WORD = rf"(?!(?:{_MONTHS_AND_DAYS})\b)[A-Z][\w'’-]*[a-z]"
_WATER = re.compile(rf"\b(?:Gulf|Bay|Sea|Strait|Straits|Bight)[ ]+of[ ]+(?:the[ ]+)?{_WORD}(?:[ ]+{_WORD})?")


_NAME_BEFORE = re.compile(r"(?<![\w'’-])(?!(?:The|A|An|In|On|At|Of|To|From|Across|Into)\b)[A-Z][\w'’-]*[ ]+$")


def water_names(text: str) -> list[PatternMatch]:
    """Each "<kind> of <name>" body of water in ``text``, as one LOC; not where a name comes before the kind
    ("Saginaw Bay of Lake Huron" is Saginaw Bay, of Lake Huron)."""
    return [
        PatternMatch(m.start(), m.end(), "LOC", "region", m.group(), outranks_gazetteer=True)  # over "Alaska"
        for m in _WATER.finditer(text)
        if not _NAME_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
    ]
