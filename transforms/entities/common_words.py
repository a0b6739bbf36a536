"""Words the model took for names that are common words: a sentence opener (or any one-word name of five
letters or more) the article also writes in lower case, a function word, an adverb before a comma, a
participle before "by", an opener the article never writes capitalised inside a sentence that is an
inflected English word ("Rescued on Nov. 25 ...") or a dictionary word ("Dressed in ...", "Concern centred");
an -ism glued to a prefix; a phrase of dictionary words taken for a person; a one-word place that is an English
word no list knows. The context rules (``in_context``) drop the model spans these functions recognise."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from english_words import get_english_words_set
from spacy.lang.en.stop_words import STOP_WORDS

from transforms.entities.coreference import Candidate
from transforms.entities.gazetteer import Entry
from transforms.entities.spans import has_word, word_pattern
from transforms.sentences import is_abbreviation

__all__ = ["common_word", "dictionary", "dictionary_phrase", "prefixed_ism", "unknown_word_place"]

_ENDINGS = (  # an ending, and what its stem may need added back: "rescued" -> "rescu" + "e"
    ("ies", ("y",)),
    ("ied", ("y",)),
    ("es", ("", "e")),
    ("s", ("",)),
    ("ed", ("", "e")),
    ("ing", ("", "e")),
)
_PROSE = re.compile(r",?\s+[a-z]")  # what follows the word goes on as a sentence
_OPENER = re.compile(r"(?:^|[.!?][\"”’)]?\s+|\n\s*|\s[–—]\s+)(?:[\"“‘(]|``)?$")


def common_word(text: str, c: Candidate, name_words: frozenset[str] = frozenset()) -> bool:
    """A one-word model name that opens a sentence (or a quote, also in the wire's ``double backquotes``, or the
    text after a dateline's dash, "FORT CARSON, Colo. – Space-based assets") and is a common word, not a name:
    the article also writes it in lower case ("Smoke rose ..." beside "the smoke"), it is a function word
    ("Together, ...", "Whoever wrote it"), an adverb before a comma ("Eventually, ...") or a participle before
    "by" ("Reached by phone"); never a word of a longer name in the article (``name_words``: "May" after
    "Theresa May")."""
    if not c.model_only:
        return False
    word = text[c.start : c.end]
    if " " in word or not word.istitle():
        return False
    lower = word.lower()
    opener = _OPENER.search(text[max(0, c.start - 6) : c.start])
    if opener is None or _after_abbreviation(text, c.start):
        return _written_lower(text, c.start, word, name_words)
    after = text[c.end : c.end + 4]
    adverb = len(word) > 6 and lower.endswith("ly") and after.startswith(",")
    if word not in name_words and (lower in STOP_WORDS or adverb or after.startswith(" by ")):
        return True
    if has_word(text, lower):
        return True
    if word in name_words or _capitalised_inside(text, word) or _PROSE.match(text, c.end) is None:
        return False  # a name the article uses, or a line of a table ("Harlequins 75", "Leeds )")
    # an inflected word ("Rescued on Nov. 25", "Ships, squadrons and staffs") or any dictionary word ("Dressed
    # in", "Concern centred on", "Mystery has surrounded": an organisation so named, "Ford had", is lost only
    # where the article never writes it inside a sentence); a plural in -men of a dictionary word for a place or
    # organisation ("Gunmen attacked"; a person "Carmen" stays)
    if _inflected_word(lower) or lower in dictionary():
        return True
    return c.type != "PERSON" and lower.endswith("men") and lower[:-3] + "man" in dictionary()


def _inflected_word(lower: str) -> bool:
    """Whether a lower-case word is an inflected form of an English word that the dictionary (``english_words``'
    web2 list, where names are capitalised) has only as its stem: "rescued", "ships", "retaliating"."""
    words = dictionary()
    if lower in words:
        return False
    for ending, bases in _ENDINGS:
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            stem = lower[: -len(ending)]
            if any(stem + b in words for b in bases):
                return True
            if ending in ("ed", "ing") and stem[-1] == stem[-2] and stem[:-1] in words:  # "stopped"
                return True
    return False


def dictionary_phrase(words: list[str]) -> bool:
    """Two or more capitalised words that are each a lower-case dictionary word or its inflection and none a
    capitalised dictionary entry (web2 writes names capitalised): a heading or a phrase ("Advanced Programs",
    "Missile Procurement", "Risky Attempt"), not a person's name ("Heath Streak" is lost; "Will Smith" stays,
    web2 has "Will" as a name)."""
    if len(words) < 2:
        return False
    entries = dictionary()
    for w in words:
        lower = w.lower()
        if not (w.isalpha() and w[0].isupper()) or w in entries and w != lower:
            return False
        if lower not in entries and not _inflected_word(lower):
            return False
    return True


@functools.cache
def dictionary() -> frozenset[str]:
    return frozenset(get_english_words_set(["web2"], lower=False, alpha=True))


def _capitalised_inside(text: str, word: str) -> bool:
    """Whether the article writes ``word`` capitalised somewhere that opens no sentence ("the Army" beside
    "Army leaders said"): then the opener is a name the article uses, not a common word."""
    for m in word_pattern(word).finditer(text):
        if _OPENER.search(text[max(0, m.start() - 6) : m.start()]) is None or _after_abbreviation(text, m.start()):
            return True
    return False


def _after_abbreviation(text: str, start: int) -> bool:
    """Whether the word at ``start`` follows an abbreviation's period ("Mr. Rice"), which opens no sentence."""
    period = len(text[:start].rstrip()) - 1
    return period >= 0 and text[period] == "." and is_abbreviation(text, period)


def _written_lower(text: str, start: int, word: str, name_words: frozenset[str]) -> bool:
    """A one-word model name inside a sentence ("Space domain awareness", "a Tranche of satellites") that the article
    also writes in lower case as a word of its own ("space", "tranche"): a capitalised common word, unless it is
    a word of a longer name in the article, a short word (names such as "Bush" beside "bush" are kept:
    four letters or fewer) or follows "the" ("the Guardian")."""
    if len(word) <= 4 or word in name_words or re.search(r"\b[Tt]he $", text[max(0, start - 4) : start]):
        return False  # "the Guardian" beside "a guardian": a body named by a common word keeps its "the"
    return has_word(text, word.lower())


def prefixed_ism(text: str, c: Candidate) -> bool:
    """An -ism glued to a prefix ("Semitism" of "anti-Semitism"; "CIA" of "non-CIA" stays): not a mention.
    (Languages, "in English", stay NORP: re3d annotates them as nationalities, the hand gold does not.)"""
    prefixed = re.search(r"\b(?:anti|pro|non|neo|post|pre)-$", text[max(0, c.start - 6) : c.start], re.I)
    return c.method == "model" and prefixed is not None and text[c.start : c.end].endswith(("ism", "isms"))


_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|outside|around|into|across|toward|towards|from)\s+$")
_COMPASS = frozenset({"North", "South", "East", "West", "Northeast", "Northwest", "Southeast", "Southwest"})


def unknown_word_place(text: str, c: Candidate, cities: Callable[[str], Entry | None]) -> bool:
    """A model place of one word that is a lower-case English word, no name in the dictionary, and that no
    gazetteer or city list knows ("Intro to ...", "the Pope", "Protestant towns"): a capitalised word, not a
    place. Compass words ("the West"), names ("Saxony"), words the lists know ("Buffalo") and a word right
    after a place's preposition ("in Palmyra": also a palm) stay."""
    word = text[c.start : c.end]
    if c.type not in ("GPE", "LOC") or not c.model_only or c.entry is not None or not word.isalpha():
        return False
    lower = word.lower()
    if word in _COMPASS or not word[:1].isupper() or c.canonical is not None:
        return False
    if word in dictionary() or not (lower in dictionary() or _inflected_word(lower)):
        return False  # web2 writes names capitalised: "Saxony", "Benelux"
    # the costlier tests last: the place's preposition before it, the lists' lookup
    return not _PLACE_BEFORE.search(text, max(0, c.start - 12), c.start) and cities(word) is None
