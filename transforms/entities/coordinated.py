"""Names that hold "and": "Space and Missile Defense Command", "Sexual Assault Prevention and Response
Program". The statistical model reads the two halves as two names ("Space" a place, "Missile Defense
Command" an organization); where the right half ends an organization's name (it holds a head noun such as
"Command", "Center" or "Program") and the left half is a short capitalised phrase whose last word the
article also writes in lower case (a common word, "space": not "Princeton and Yale Law School"), the two
are one organization, and a service written right before them ("U.S. Army Space and Missile
Defense Command") is its first words. The model may have typed the right half a person or a place ("Joint
Manufacturing and Technology Center"): the head noun decides.

Where the right half holds no head noun and its last word, like the left half's, is a common word the article
also writes in lower case, the pair is a capitalised concept, not a name: "Integrated Air and Missile
Defense", "Command and Control". Both halves are dropped (the model made a facility "Integrated Air" and a
place "Control" of them).

Names the gazetteer knows on either side are left alone ("Israel and Hamas", "the Army and Navy Club" when the
gazetteer lists the Army).
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from transforms.entities.common_words import dictionary
from transforms.entities.coreference import Candidate
from transforms.entities.spans import has_word

__all__ = ["join_coordinated"]

_HEADS = frozenset(
    {
        "Administration",
        "Agency",
        "Branch",
        "Bureau",
        "Center",
        "Centre",
        "College",
        "Command",
        "Commission",
        "Committee",
        "Council",
        "Department",
        "Directorate",
        "Division",
        "Institute",
        "Laboratory",
        "Office",
        "Program",
        "Programme",
        "School",
        "Service",
        "University",
    }
)
_HALF_TYPES = frozenset({"ORG", "PERSON", "GPE", "LOC", "FACILITY"})
# an event's name ("Space and Missile Defense Symposium") is a name, not a concept
_EVENT_HEADS = frozenset({"Conference", "Exercise", "Forum", "Summit", "Symposium", "Workshop"})
_AND = " and "
_LEFT_WORDS = 3  # the most words of a left half ("Sexual Assault Prevention")
_TITLE_WORD = re.compile(r"[A-Z][\w'’.-]*")


def _left_half(text: str, end: int, cands: list[Candidate]) -> int | None:
    """Where the capitalised phrase ending at ``end`` starts (at most ``_LEFT_WORDS`` words, none of them in a
    name the gazetteer or a rule found), or ``None``."""
    start = pos = end
    for _ in range(_LEFT_WORDS):
        match = re.search(r"(\S+)$", text[:pos])
        if match is None or not _TITLE_WORD.fullmatch(match.group(1)) or match.group(1).lower() in STOP_WORDS:
            break
        if any(c.start < pos and match.start() < c.end and not c.model_only for c in cands):
            break
        start = match.start()
        if text[start - 1 : start] != " ":
            break
        pos = start - 1
    if start == end or any(c.start < start < c.end and not (c.model_only and c.end == end) for c in cands):
        return None  # no phrase, or one that begins inside another name (the model's left piece may be longer)
    return start


def _common_last_word(text: str, left: str, in_dictionary: bool = False) -> bool:
    """Whether the article writes the left half's last word in lower case too ("space"), or, with
    ``in_dictionary``, the dictionary has it in lower case and not as a name ("prevention"; web2 writes names
    capitalised). A half that is a name of its own ("Princeton and Yale Law School", "Harvard and ...") is
    neither."""
    word = left.split()[-1]
    if has_word(text, word.lower()):
        return True
    return in_dictionary and word.lower() in dictionary() and word not in dictionary()


def join_coordinated(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` with each "<left> and <right>" pair that is one organization's name joined, and each pair that
    is a capitalised concept dropped."""
    joined: list[Candidate] = []
    concepts: list[tuple[int, int]] = []
    for right in cands:
        if not right.model_only or right.type not in _HALF_TYPES:
            continue
        surface = text[right.start : right.end]
        if _AND in surface or text[right.start - len(_AND) : right.start] != _AND:
            continue  # "Space and Army Contracting Command": two names
        start = _left_half(text, right.start - len(_AND), cands)
        headed = bool(set(surface.split()) & _HEADS)  # the dictionary only joins a pair, never drops one
        if start is None or not _common_last_word(text, text[start : right.start - len(_AND)], headed):
            continue
        if headed:
            prefix = next((c for c in cands if c.end == start - 1 and c.type == "ORG"), None)
            if prefix is not None:
                start = prefix.start
            joined.append(Candidate(start=start, end=right.end, type="ORG", method="model", rank="model"))
        elif (
            len(surface.split()) <= _LEFT_WORDS
            and surface.split()[-1] not in _EVENT_HEADS
            and _common_last_word(text, surface)
        ):
            concepts.append((start, right.end))
    if not joined and not concepts:
        return cands
    inside = [c for c in cands if not any(j.start <= c.start and c.end <= j.end for j in joined)]
    return [
        c for c in inside if not (c.model_only and any(c.start < end and start < c.end for start, end in concepts))
    ] + joined
