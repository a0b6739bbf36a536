"""A nationality word that names a language in its sentence: "written in English", "shouting in Spanish,
...". The gazetteer reads "English" as the British nationality; the context rules make such a span the
language: type NORP (re3d annotates a language as a nationality), canonical "<name> language" ("English
language"), subtype ``language``, no country.

The test is the frame, not the word: "in French custody" and "in English and Welsh prisons" go on to a noun
and stay nationalities; "in English, French and Arabic" lists languages. A compound stays a nationality
("an Arabic-speaking region", "an English-language magazine": OntoNotes and re3d annotate them so).
Language names are ISO 639-1's (pycountry) with a few common English names it spells otherwise ("Pashto",
"Farsi", "Greek").
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

import pycountry

from transforms.entities.coreference import Candidate
from transforms.entities.gazetteer import entity_id

__all__ = ["as_language", "language_name"]

_EXTRA = ("Pashto", "Farsi", "Dari", "Greek", "Mandarin", "Cantonese", "Tagalog")
# after "in" (and an adjective of skill): the language ends the phrase ("in English."), a function word or
# "and"/"or" plus a lower-case word follows ("in English and sent"), or a comma ("in English, Morales said")
_BEFORE = re.compile(r"\bin\s+(?:(?:perfect|fluent|broken|plain|good|poor|native)\s+)?$", re.IGNORECASE)
_AFTER = re.compile(
    r"(?:$|[.;:!?)\"”’']|(?P<comma>,)|\s+(?:by|to|for|from|with|as|because|but|while|when|than|so|and|or)\s+[a-z])"
)
_NEXT_WORD = re.compile(r",[\s\"“”'‘’`]*")


@functools.cache
def _languages() -> frozenset[str]:
    names = set(_EXTRA)
    for lang in pycountry.languages:
        if hasattr(lang, "alpha_2"):
            names.update(n.split("(")[0].strip() for n in lang.name.split(";"))
    return frozenset(names)


def language_name(text: str, c: Candidate, chosen: list[Candidate]) -> bool:
    """``c`` is a nationality (NORP) span whose words name a language and whose frame reads as the language; after
    a comma, the next word must not be a nationality of ``chosen`` ("in French, British and American hands")
    unless it is a language too."""
    name = text[c.start : c.end]
    if c.type != "NORP" or name not in _languages():
        return False
    if not _BEFORE.search(text[max(0, c.start - 30) : c.start]):
        return False
    after = _AFTER.match(text, c.end)
    if after is None or after["comma"] is None:
        return after is not None
    start = c.end + len(_NEXT_WORD.match(text, c.end)[0])  # type: ignore[index]  # the comma matched above
    return not any(o.start == start and o.type == "NORP" and text[o.start : o.end] not in _languages() for o in chosen)


def as_language(text: str, c: Candidate, chosen: list[Candidate]) -> Candidate:
    """``c`` itself, or, where it names a language (``language_name``), the language; a candidate that already
    has an entity ID (a name repeated after resolution) takes the language's, as ``results.resolve`` gives it."""
    if not language_name(text, c, chosen):
        return c
    name = f"{text[c.start : c.end]} language"
    key = None if c.entity_id is None else entity_id("NORP", name)
    return replace(c, entry=None, canonical=name, subtype="language", country=None, entity_id=key)
