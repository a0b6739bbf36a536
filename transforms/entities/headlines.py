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

from transforms.entities.spans import has_word

__all__ = ["headline_phrase", "headline_name_end"]

_TITLE_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_SUFFIX = re.compile(r"(?:ing|ed|es|s|d)$")


def _headline(text: str, start: int, end: int) -> tuple[int, str] | None:
    """The opening headline (its start, its text) when the span ``start:end`` lies in it and it is in title
    case: three words of four letters or more, four in five of them capitalised, no closing period."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[:line_start].strip():
        return None  # only the headline that opens the text; a credit line ("... Press Service") is no headline
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    words = [w for w in _TITLE_WORD.findall(line) if len(w) >= 4]
    if len(words) < 3 or line.endswith((".", '"', "”")) or sum(w[0].isupper() for w in words) < 0.8 * len(words):
        return None
    return line_start, line


def _written_lower(rest: str, word: str) -> bool:
    """Whether ``rest`` writes ``word`` in lower case, as it is or inflected ("welcomes" ~ "welcomed")."""
    lower = word.lower()
    stem = _SUFFIX.sub("", lower) if len(lower) > 5 else lower
    return (
        has_word(rest, lower) or re.search(rf"(?<![\w-]){re.escape(stem)}(?:e?s|e?d|ing)?(?![\w-])", rest) is not None
    )


def _rest(text: str, line_start: int, line: str) -> str:
    return text[:line_start] + " " + text[line_start + len(line) :]


def headline_phrase(text: str, start: int, end: int) -> bool:
    """Whether the model span ``start:end`` is a phrase of the opening headline (see the module)."""
    found = _headline(text, start, end)
    surface = text[start:end]
    if found is None or text.count(surface) > 1:
        return False
    rest = _rest(text, *found)
    return any(
        _written_lower(rest, w)
        for w in _TITLE_WORD.findall(surface)
        if len(w) >= 4 and w[0].isupper() and not w.isupper()
    )


def headline_name_end(text: str, start: int, end: int) -> int | None:
    """Where the name that opens the model span ``start:end`` of the headline ends, when the span runs it into
    headline words (see the module); else ``None``."""
    found = _headline(text, start, end)
    words = text[start:end].split()
    if found is None or len(words) < 2 or text.count(text[start:end]) > 1:
        return None
    rest = _rest(text, *found)
    for k in range(len(words) - 1, 0, -1):
        name = " ".join(words[:k]).rstrip(",")
        if has_word(rest, name) and not has_word(rest, words[k].rstrip(",’'s")):
            return start + len(name)
    return None
