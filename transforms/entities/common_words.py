"""Words the model took for names that are common words: a sentence opener the article also writes in
lower case, a function word, an adverb before a comma, a participle before "by"; an -ism glued to a prefix.
The context rules (``in_context``) drop the model spans these functions recognise."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from transforms.entities.coreference import Candidate

__all__ = ["common_word", "prefixed_ism"]


def common_word(text: str, c: Candidate, name_words: frozenset[str] = frozenset()) -> bool:
    """A one-word model name that opens a sentence and is a common word, not a name: the article also writes
    it in lower case ("Smoke rose ..." beside "the smoke"), it is a function word ("Together, ...", "Whoever
    wrote it"), an adverb before a comma ("Eventually, ...") or a participle before "by" ("Reached by phone");
    never a word of a longer name in the article (``name_words``: "May" after "Theresa May")."""
    if c.method != "model" or c.entry is not None:
        return False
    word = text[c.start : c.end]
    if (
        " " in word
        or not word.istitle()
        or not re.search(r"(?:^|[.!?][\"”’)]?\s+|\n\s*)[\"“‘(]?$", text[max(0, c.start - 5) : c.start])
    ):
        return False
    lower = word.lower()
    after = text[c.end : c.end + 4]
    adverb = len(word) > 6 and lower.endswith("ly") and after.startswith(",")
    if word not in name_words and (lower in STOP_WORDS or adverb or after.startswith(" by ")):
        return True
    return re.search(rf"(?<![\w-]){re.escape(lower)}(?![\w-])", text) is not None


def prefixed_ism(text: str, c: Candidate) -> bool:
    """An -ism glued to a prefix ("Semitism" of "anti-Semitism"; "CIA" of "non-CIA" stays): not a mention.
    (Languages, "in English", stay NORP: re3d annotates them as nationalities, the hand gold does not.)"""
    prefixed = re.search(r"\b(?:anti|pro|non|neo|post|pre)-$", text[max(0, c.start - 6) : c.start], re.I)
    return c.method == "model" and prefixed is not None and text[c.start : c.end].endswith(("ism", "isms"))
