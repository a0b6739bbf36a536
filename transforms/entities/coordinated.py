"""Names that hold "and": "Space and Missile Defense Command", "Sexual Assault Prevention and Response
Program". The statistical model reads the two halves as two names ("Space" a place, "Missile Defense
Command" an organization); where the right half ends an organization's name (it holds a head noun such as
"Command", "Center" or "Program") and the left half is a short capitalised phrase whose last word the
article also writes in lower case (a common word, "space": not "Princeton and Yale Law School"), the two
are one organization, and a service written right before them ("U.S. Army Space and Missile
Defense Command") is its first words. Names the gazetteer knows on either side are left alone ("Israel and
Hamas", "the Army and Navy Club" when the gazetteer lists the Army).
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

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
    if start == end or any(c.start < start < c.end for c in cands):
        return None  # no phrase, or one that begins inside another name
    return start


def _common_last_word(text: str, left: str) -> bool:
    """Whether the article writes the left half's last word in lower case too ("space", "prevention"): a
    half that is a name of its own ("Princeton and Yale Law School", "Harvard and ...") is never so written."""
    return has_word(text, left.split()[-1].lower())


def join_coordinated(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` with each "<left> and <right>" pair that is one organization's name joined."""
    joined: list[Candidate] = []
    for right in cands:
        if not right.model_only or right.type != "ORG":
            continue
        surface = text[right.start : right.end]
        if not set(surface.split()) & _HEADS or _AND in surface:  # "Space and Army Contracting Command": two
            continue
        if text[right.start - len(_AND) : right.start] != _AND:
            continue
        start = _left_half(text, right.start - len(_AND), cands)
        if start is None or not _common_last_word(text, text[start : right.start - len(_AND)]):
            continue
        prefix = next((c for c in cands if c.end == start - 1 and c.type == "ORG"), None)
        if prefix is not None:
            start = prefix.start
        joined.append(Candidate(start=start, end=right.end, type="ORG", method="model", rank="model"))
    if not joined:
        return cands
    inside = [c for c in cands if not any(j.start <= c.start and c.end <= j.end for j in joined)]
    return inside + joined
