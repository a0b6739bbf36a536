"""Model spans in the title-case headline that opens a text ("Hagel Supports Changes to U.S. Policy on
Landmines", "Clinton, Panetta Discuss Diplomatic, Defense Policies"). Title case capitalises every word, so the
model runs names into the verbs and nouns after them.

- ``headline_phrase``: a span the article does not repeat that holds a word the article writes in lower case
  elsewhere ("supports", "changes"; an inflection counts: "Welcomes" beside "welcomed") is a phrase of the
  headline, not a name.
- ``headline_name_end``: a span that begins with a name the article names again ("Panetta", "Hagel") and goes on
  with a word the article never writes capitalised again ("Discuss", "Welcomes") is that name alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.entities.spans import has_word, word_pattern

__all__ = ["Headline", "headline_name_end", "headline_phrase", "opening_headline"]

_TITLE_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_SUFFIX = re.compile(r"(?:ing|ed|es|s|d)$")
_INFLECTED = r"(?:e?s|e?d|ing)?"
_POSSESSIVE = re.compile(r"(?:['’]s)?,?$")


@dataclass(frozen=True, slots=True)
class Headline:
    """The title-case line that opens a text: where it starts and ends, and the rest of the text."""

    start: int
    end: int
    rest: str

    def holds(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


def opening_headline(text: str) -> Headline | None:
    """The text's first line when it is a title-case headline: three words of four letters or more, four in five
    of them capitalised, no closing period; else ``None``. A credit line later on ("... Press Service") is none."""
    first = re.search(r"\S", text)
    if first is None:
        return None
    line_start = text.rfind("\n", 0, first.start()) + 1
    line_end = text.find("\n", first.start())
    line_end = line_end if line_end >= 0 else len(text)
    line = text[line_start:line_end].strip()
    words = [w for w in _TITLE_WORD.findall(line) if len(w) >= 4]
    if len(words) < 3 or line.endswith((".", '"', "”")) or sum(w[0].isupper() for w in words) < 0.8 * len(words):
        return None
    return Headline(line_start, line_end, text[:line_start] + " " + text[line_start + len(line) :])


def _written_lower(rest: str, word: str) -> bool:
    """Whether ``rest`` writes ``word`` in lower case, as it is or inflected ("welcomes" ~ "welcomed")."""
    lower = word.lower()
    stem = _SUFFIX.sub("", lower) if len(lower) > 5 else lower
    return word_pattern(stem, _INFLECTED).search(rest) is not None


def headline_phrase(text: str, headline: Headline | None, start: int, end: int) -> bool:
    """Whether the model span ``start:end`` is a phrase of the opening ``headline`` (see the module)."""
    surface = text[start:end]
    if headline is None or not headline.holds(start, end) or text.count(surface) > 1:
        return False
    return any(
        _written_lower(headline.rest, w)
        for w in _TITLE_WORD.findall(surface)
        if len(w) >= 4 and w[0].isupper() and not w.isupper()
    )


def headline_name_end(text: str, headline: Headline | None, start: int, end: int) -> int | None:
    """Where the name that opens the model span ``start:end`` of the opening ``headline`` ends, when the span
    runs it into headline words (see the module); else ``None``."""
    words = text[start:end].split()
    if headline is None or not headline.holds(start, end) or len(words) < 2 or text.count(text[start:end]) > 1:
        return None
    for k in range(len(words) - 1, 0, -1):
        name = " ".join(words[:k]).rstrip(",")
        if has_word(headline.rest, name) and not has_word(headline.rest, _POSSESSIVE.sub("", words[k])):
            return start + len(name)
    return None
