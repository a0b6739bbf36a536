"""Model spans before they become candidates: trimming a span the model found to the name it holds
(no leading "the", trailing possessive or punctuation, bracketed aside, figures or text past a line
break) and the tests on its text: whether it reads as a person's name, and whether a span of a model
label may take the gazetteer entry its text names.
"""

from __future__ import annotations

import re

from transforms.entities.gazetteer import Entry, normalize

__all__ = ["TRAILING", "accepts", "has_word", "looks_like_name", "span_name", "trim", "word_pattern"]


def word_pattern(word: str, endings: str = "") -> re.Pattern[str]:
    """``word`` as a word of its own: not inside a longer word nor a piece of a hyphenated one ("space" is not
    in "space-based"); ``endings``, a regex of the endings it may take ("(?:e?s|e?d|ing)?")."""
    return re.compile(rf"(?<![\w-]){re.escape(word)}{endings}(?![\w-])")


def has_word(text: str, word: str) -> bool:
    """Whether ``text`` writes ``word`` as a word of its own (``word_pattern``)."""
    return word_pattern(word).search(text) is not None


# a leading "the", or a conjunction or sentence adverb the model ran into the name after it ("Though Pompeo
# said", "Besides Lahav, ..."): no name begins with one
_LEADING = re.compile(
    r"^(?:(?:the|The|THE|Although|Though|Besides|Once|While|Whereas|Unlike|Despite|Because|Unless|Whether|However|"
    r"Meanwhile)\s+)"
)
TRAILING = re.compile(r"(?:['’]s?|\s+|[,;:]|(?<=[a-z]{4})\.)$")


def span_name(text: str, start: int, end: int) -> str:
    """The canonical name a span of ``text`` writes: without a trailing possessive or punctuation, normalized."""
    return normalize(TRAILING.sub("", text[start:end]))


_CUT = re.compile(r"\s*[(\[]")
_NUMBERS = re.compile(r"(?:\s+[\d][\d.,/:-]*)+$")
# a span the model closed on a function word or a hyphen: it broke off a longer name ("Missiles and",
# "Academy for", "Army Contracting Command-")
_BROKEN_END = re.compile(r"(?:\s+(?:and|or|of|for|the|to|in|on|at|with|by|from|&)|-)$")
# a byline's invitation to follow the writer's account, run into the name ("Jo Reyes Follow @jreyes")
_FOLLOW = re.compile(r"\s+Follow$")
_HANDLE = re.compile(r"\s+@\w")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The model's span without a leading "the" or conjunction, a trailing possessive, or text past a line break; a span
    that ends on a function word or a hyphen loses it, and is empty if one word is left ("Sailors of")."""
    surface = text[start:end]
    if "\n" in surface:
        first = surface.split("\n")[0]
        end = start + len(first)
        surface = first
    cut = _CUT.search(surface)
    if cut and cut.start() > 0:
        end = start + cut.start()
        surface = text[start:end]
    lead = _LEADING.match(surface)
    if lead and end - start > lead.end():
        start += lead.end()
    surface = text[start:end]
    numbers = _NUMBERS.search(surface)
    if numbers and numbers.start() > 0:
        end = start + numbers.start()
        surface = text[start:end]
    tail = TRAILING.search(surface)
    if tail and tail.start() > 0:
        end = start + tail.start()
        surface = text[start:end]
    follow = _FOLLOW.search(surface)
    if follow and follow.start() > 0 and _HANDLE.match(text, end):
        end = start + follow.start()
    broken = _BROKEN_END.search(text, start, end)
    while broken and broken.start() > start:  # "Airmen of the": both words
        end = broken.start()
        if " " not in text[start:end].strip():
            return start, start  # one word left of a name the model broke off: no name of its own
        broken = _BROKEN_END.search(text, start, end)
    return start, end


def looks_like_name(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def accepts(label: str, entry: Entry, surface: str) -> bool:
    """Whether a model span of ``label`` may take the gazetteer entry its text names."""
    if label == "PERSON":
        return entry.type == "PERSON" or (surface not in entry.weak and entry.subtype not in ("city", "state"))
    if label == "ORG" and entry.subtype in ("city", "state"):
        return False
    return True
