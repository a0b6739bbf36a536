"""Names the statistical model cut at a hyphen: "Morrish" and "Wallace Construction Inc." of
"Morrish-Wallace Construction Inc.", "France Summit" of "UK-France Summit", "UWP" of "UWP-Hachette"; and names
cut at the comma before a company's legal form ("North Wind Site Services, LLC"). Two
model spans that meet at a hyphen are one name; an organization or facility the model cut at a hyphen is
widened over the capitalised words hyphenated to it. Two people are joined only into a double-barrelled surname
("Alexandria Ocasio" and "Cortez"; "the Alito-Prelogar exchange" names two), places never ("Iran-Iraq"), and a
name after an Arabic article stays as it is ("Al-Shabaab").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from transforms.entities.coreference import Candidate
from transforms.entities.entity_types import ORG_HEADS
from transforms.entities.gazetteer import Entry

__all__ = ["LEGAL_TAIL", "join_compounds", "with_legal_forms", "without_legal_form"]

Lookup = Callable[[str], Entry | None]

_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "bin", "ibn", "abu"})
_PLACES = frozenset({"GPE", "LOC"})
_EXTENDED = frozenset({"ORG", "FACILITY"})  # places and people keep their pieces ("Iran-Iraq")
_WORD_BEFORE = re.compile(r"(?:[A-Za-z][\w.]*-)+$")  # "UK-", "Indo-Asia-" before a span
_WORD_AFTER = re.compile(r"(?:-[A-Z]\w*)+")  # "-Hachette", "-Asia-Pacific" after a span


def _place(lookup: Lookup, words: str) -> bool:
    """Whether any of the hyphenated words is a place the gazetteers know ("Minneapolis" of "DFL-Minneapolis")."""
    return any((e := lookup(w)) is not None and e.type in _PLACES for w in words.strip("-").split("-") if w)


def _whole(text: str, c: Candidate, lookup: Lookup) -> Candidate:
    """The span widened over the capitalised words hyphenated to it ("France Summit" of "UK-France Summit",
    "UWP" of "UWP-Hachette"), unless one of them is a known place ("DFL-Minneapolis", "University of
    Wisconsin-Milwaukee": the place stays a mention of its own) or an Arabic article ("al-", "Al-")."""
    start, end = c.start, c.end
    before = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    if (
        before is not None
        and before.group()[0].isupper()
        and before.group()[:-1].lower() not in _ARTICLES
        and not _place(lookup, before.group())
    ):
        start -= len(before.group())
    after = _WORD_AFTER.match(text, end)
    if after is not None and not _place(lookup, after.group()):
        end = after.end()
    return c if (start, end) == (c.start, c.end) else replace(c, start=start, end=end)


# a legal form that ends a name with or without a comma, and one that ends it only after a comma, being a word
# of names too ("Harbour Limited Editions", "Garco Construction Co of Spokane")
_ANY_FORMS = r"(?:LLC|L\.L\.C\.|LLP|Inc\.?|Incorporated|Ltd\.?|Corp\.?|PLC|plc|GmbH|S\.A\.|N\.V\.)"
_COMMA_FORMS = r"(?:Limited|AG|Co\.)"
# a company's legal form after a comma: "North Wind Site Services, LLC", "Acme Widgets, Inc."
_LEGAL_FORM = re.compile(rf",[ ]+(?:{_ANY_FORMS}|{_COMMA_FORMS})(?![\w])")
# the form ending a name ("Acme Widgets LLC", "Acme Widgets, Inc."; "Co Ltd" goes whole)
LEGAL_TAIL = re.compile(rf"(?:,[ ]+|[ ]+){_ANY_FORMS}$|,[ ]+{_COMMA_FORMS}$|[ ]+Co\.?,?[ ]+Ltd\.?$")


def with_legal_forms(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` with each model name followed by a comma and a company's legal form made that company (an
    organization, whatever the model said: "Acme Widgets, Inc." is no person), the form part of the mention but
    not of the canonical name (the article's "Acme Widgets" is the same company), and the model's lone "LLC"
    left out. A model organization whose span holds the form ("Acme Widgets LLC") is named without it too."""
    cands = [without_legal_form(text, c) for c in cands]
    forms = {c.start: _LEGAL_FORM.match(text, c.end) for c in cands if c.model_only and c.type != "GPE"}
    companies = {start: m.end() for start, m in forms.items() if m is not None}
    if not companies:
        return cands
    out = []
    for c in cands:
        if c.start in companies and c.model_only:
            out.append(replace(c, end=companies[c.start], type="ORG", canonical=text[c.start : c.end]))
        elif not any(s < c.start and c.end <= e for s, e in companies.items()):
            out.append(c)
    return out


def without_legal_form(text: str, c: Candidate) -> Candidate:
    """A model's company whose span (or name, "Acme Widgets, Inc." of "Acme Widgets, Inc. Business") ends in its
    legal form, named without the form."""
    if not c.model_only or c.type != "ORG":
        return c
    name = c.canonical or text[c.start : c.end]
    tail = LEGAL_TAIL.search(name)
    if tail is None or len(name[: tail.start()].strip()) < 3:
        return c
    return replace(c, canonical=name[: tail.start()])


def join_compounds(text: str, cands: list[Candidate], lookup: Lookup) -> list[Candidate]:
    """``cands`` with model spans that meet at a hyphen joined (neither a person nor a known place) and
    organizations cut at a hyphen widened over it."""
    models = {c.start: c for c in cands if c.model_only}
    surnames = _double_surnames(text, cands, models)
    out: list[Candidate] = []
    made: list[Candidate] = []  # the joined and the widened names
    used: set[int] = set()
    for c in sorted(cands, key=lambda c: c.start):
        if id(c) in used:
            continue
        following = _hyphened(text, c, models)
        if following is not None and c.type == following.type == "PERSON":
            if _one_person(text, c, following, surnames):  # "Alexandria Ocasio-Cortez", "Mr. Panet-Raymond"
                made.append(replace(c, end=following.end))
                out.append(made[-1])
                used |= {id(c), id(following)}
                continue
        elif (
            following is not None
            and "PERSON" not in (c.type, following.type)  # "the Alito-Prelogar exchange"
            and not _place(lookup, text[c.start : following.end].replace(" ", "-"))
        ):
            longer = following if following.length >= c.length else c
            joined = Candidate(start=c.start, end=following.end, type=longer.type, method="model", rank="model")
            made.append(without_legal_form(text, joined))  # "Morrish-|Wallace Construction Inc.": no "Inc." in its name
            out.append(made[-1])
            used |= {id(c), id(following)}
            continue
        if c.model_only and c.type == "PERSON" and surnames:
            c = _with_first_barrel(text, c, surnames)  # "Mogg" of "Rees-Mogg" after "Jacob Rees-Mogg"
        whole = _whole(text, c, lookup) if c.model_only and c.type in _EXTENDED else c
        if whole is not c:
            whole = without_legal_form(text, whole) if whole.canonical is None else whole
            made.append(whole)
        out.append(whole)
    return _over_known_names(text, [c for c in cands if not c.model_only], made, out)


def _hyphened(text: str, c: Candidate, models: dict[int, Candidate]) -> Candidate | None:
    """The model span that meets model span ``c`` at a hyphen after it ("Cortez" of "Alexandria Ocasio-")."""
    return models.get(c.end + 1) if c.model_only and text[c.end : c.end + 1] == "-" else None


def _double_surnames(text: str, cands: list[Candidate], models: dict[int, Candidate]) -> set[str]:
    """The double-barrelled surnames of the people the model named in full but cut at the hyphen: "Ocasio-Cortez"
    of "Alexandria Ocasio" and "Cortez"."""
    out = set()
    for c in cands:
        following = _hyphened(text, c, models)
        if following is not None and c.type == following.type == "PERSON" and _full_and_surname(text, c, following):
            out.add(text[c.start : following.end].split()[-1])
    return out


def _full_and_surname(text: str, first: Candidate, second: Candidate) -> bool:
    return len(text[first.start : first.end].split()) >= 2 and len(text[second.start : second.end].split()) == 1


def _with_first_barrel(text: str, c: Candidate, surnames: set[str]) -> Candidate:
    before = re.search(r"(?<![\w-])[A-Z][\w'’]*-$", text[max(0, c.start - 30) : c.start])
    if before is not None and before.group() + text[c.start : c.end] in surnames:
        return replace(c, start=c.start - len(before.group()))
    return c


def _one_person(text: str, first: Candidate, second: Candidate, surnames: set[str]) -> bool:
    """Whether two model people that meet at a hyphen are one person with a double-barrelled surname: a given
    name and a surname before the hyphen and one word after it, or a surname so written in full elsewhere in the
    article. Two surnames alone ("the Alito-Prelogar exchange") stay two people."""
    return _full_and_surname(text, first, second) or text[first.start : second.end] in surnames


def _over_known_names(
    text: str, known: list[Candidate], made: list[Candidate], out: list[Candidate]
) -> list[Candidate]:
    """``out`` where an organization joined or widened (``made``) over a ``known`` name ends in an
    organization's head noun ("NATO-Russia Council" over the gazetteer's "NATO"): that organization, ranked as
    a rule so the known name inside it does not win, with the names inside it left out. Without a head noun the
    known name stays ("UK-France Summit")."""
    wins = [
        w
        for w in made
        if w.type == "ORG"
        and text[w.start : w.end].split()[-1] in ORG_HEADS
        and any(w.start <= k.start and k.end <= w.end for k in known)
    ]
    if not wins:
        return out
    inside = [c for c in out if c not in wins and any(w.start <= c.start and c.end <= w.end for w in wins)]
    return [replace(c, rank="rule") if c in wins else c for c in out if c not in inside]
