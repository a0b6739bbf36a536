"""Names of documents: treaties, laws and charters ("the Paris Climate Accord", "the Vienna Convention on
Diplomatic Relations", "the Defense Production Act", "the Treaty of Lisbon").

No document is an entity of sitrep's types: a model that reads one as an organization, an event or a place is
overruled, and the places named inside it stay part of the document's name (no GPE "Paris" in "the Paris
Climate Accord"). A convention of a party ("the Democratic National Convention", "the Republican
Convention") is a meeting, not a document; "the Palace of Conventions" is a building.
"""

from __future__ import annotations

import re

__all__ = ["DOCUMENT_HEADS", "document_at", "document_name"]

# the head words of a document's name; those marked take a plural too ("the Abraham Accords")
DOCUMENT_HEADS = frozenset({"Treaty", "Accord", "Convention", "Protocol", "Act", "Agreement", "Charter"})
_PLURALS = frozenset({"Accord", "Convention", "Protocol", "Agreement"})
_HEADS = "(?:" + "|".join(f"{h}s?" if h in _PLURALS else h for h in sorted(DOCUMENT_HEADS)) + ")"
_NOT_BEFORE = r"(?<!National )(?<!Party )(?<!Democratic )(?<!Republican )(?<!\bof )"
_NEXT_HEAD = re.compile(rf"\s+{_HEADS}\b")
_DOCUMENT = re.compile(rf"\S\s+{_NOT_BEFORE}{_HEADS}$|\b{_HEADS}\s+(?:on|of|for|against|between)\s+\S")


def document_name(surface: str) -> bool:
    """Whether ``surface`` names a treaty, a law or a charter by its head word: the last word, or the word
    before "on", "of", "for", "against" or "between" ("Convention on the Rights of the Child")."""
    return _DOCUMENT.search(surface) is not None


def document_at(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` is a document's, or the start of one whose head word follows
    it (a model that stops at "the Paris Climate" of "the Paris Climate Accord")."""
    head = _NEXT_HEAD.match(text, end)
    return document_name(text[start : head.end() if head else end])
