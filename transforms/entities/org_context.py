"""Unfamiliar organizations the model reads as places or people, told by the words around them. Rights groups,
firms and militias have names that look like towns or people ("Al-Haq", "Breaking Dawn"), and the model,
having seen few of them, types them by their look. A model place or person is an organization:

- after a plural class noun and "such as", "like" or "including" ("NGOs such as Al-Haq", "firms like
  Corvane");
- right after a lower-case class noun ("the rights group Al-Haq", "the militia Saraya Awliya");
- described as one right after it: "Al-Haq, a Palestinian rights group, ...", "Al-Haq—one of the key human
  rights organizations in the region—"; the class noun must end its phrase ("Smith, a former company
  executive" describes a person).

A cue at any use of the name counts, found by the model there or not, and every mention of the name the model
made a place or a person is the organization (one sense per article).

Four spans are mended on the way: an organization the model read with the class word in front of it ("NGO
Front Line Defenders") loses the word, and so does "Business" after its legal form ("the Simmonds Precision
Products, Inc. Business"); a span that runs on from a company's legal form into its town and region
("Garco Construction Co of Spokane, Washington") is the company, up to its legal form, and the town; a cause
its members named a group after ("Students for Fair Admissions", "Physicians for Human Rights") joins the
members' word when the model found only the cause ("Fair Admissions").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from transforms.entities.compounds import without_legal_form
from transforms.entities.coreference import Candidate
from transforms.entities.entity_types import LEGAL_FORMS
from transforms.entities.gazetteer import Entry

__all__ = ["orgs_by_context"]

_CLASS = (
    r"(?:group|organi[sz]ation|NGO|non-?profit|charity|think[ \t]+tank|militia|company|firm|watchdog|"
    r"broadcaster|newspaper|outlet|movement|coalition|association|union|network|startup|manufacturer|contractor)"
)
_SUCH_AS = re.compile(rf"\b{_CLASS}s?,?[ \t]+(?:such[ \t]+as|like|including)[ \t]+$")
_NOUN_BEFORE = re.compile(rf"(?:^|[ \t])(?:[a-z][a-z-]*[ \t]+)?{_CLASS}[ \t]+$")
_DESCRIBED = re.compile(
    rf"(?:,[ \t]*|[ \t]*[—–][ \t]*)(?:a|an|the|one[ \t]+of[ \t]+the)[ \t]+(?:(?!of\b)[A-Za-z-]+[ \t]+){{0,3}}{_CLASS}s?"
    r"(?=[ \t]*(?:[,.;—–)]|$)|[ \t]+(?:in|based|that|which|founded|with|for|from|set)\b)"
)
_CLASS_WORD = re.compile(r"(?:NGO|NGOs)[ \t]+(?=[A-Z])")
# the members a cause group is named for: "Students", "Physicians", "Veterans"; not the service members of
# military prose ("Soldiers for Task Force 51")
_MEMBERS_FOR = re.compile(
    r"\b(?P<members>[A-Z][a-z]+(?:ers|ors|ists|ans|ents|ians)|Women|Friends|Families|Citizens|Veterans|Doctors)"
    r"[ \t]+(?:for|Against|Without)[ \t]+$"
)
_SERVICE_MEMBERS = frozenset({"Soldiers", "Sailors", "Officers", "Troopers", "Leaders", "Members", "Workers"})
_TYPES = frozenset({"GPE", "LOC", "PERSON"})
_LEGAL = "|".join(re.escape(f) for f in sorted(LEGAL_FORMS, key=len, reverse=True))
# a press release's word for the part of a company sold or bought ("the X, Inc. Business"); not a word that
# goes on the name ("Service Corp. International", "Rose Partners Limited Partnership")
_AFTER_FORM = re.compile(rf"[ \t](?P<form>{_LEGAL})[ \t]+(?:Business|Businesses|Segment)")
_FORM_OF_CITY = re.compile(  # a legal form, then "of" and a town of one to three words that end the span
    rf"[ \t](?:{_LEGAL})(?=[ \t]+of[ \t]+(?P<town>(?:[A-Z][\w.'’-]*[ \t]+){{0,2}}[A-Z][\w'’-]*)$)"
)
_FORM_OF = re.compile(  # a legal form, then "of", a town of one to three words, a comma and a region
    rf"[ \t](?:{_LEGAL})(?=[ \t]+of[ \t]+(?P<town>(?:[A-Z][\w.'’-]*[ \t]+){{0,2}}[A-Z][\w.'’-]*,[ \t]+[A-Z]))"
)


def orgs_by_context(
    text: str, chosen: list[Candidate], lookup: Callable[[str], Entry | None] = lambda name: None
) -> list[Candidate]:
    """``chosen`` with the model's places and people that the context shows are organizations made
    organizations, the class word trimmed off an organization's span and a cause group's name joined (see the
    module); ``lookup`` tells a city after a company's legal form ("Garco Construction Co of Spokane")."""
    chosen = [part for c in chosen for part in _company_of(text, _trimmed(text, c), lookup)]
    chosen = _cause_groups(text, chosen)
    named = {name for name in {text[c.start : c.end] for c in chosen if _candidate(c)} if _described(text, name)}
    if not named:
        return chosen
    return [
        replace(c, type="ORG", subtype=None, country=None) if _candidate(c) and text[c.start : c.end] in named else c
        for c in chosen
    ]


def _candidate(c: Candidate) -> bool:
    return c.type in _TYPES and c.model_only and c.title is None


def _described(text: str, name: str) -> bool:
    """A use of ``name`` in the article, found by the model there or not, has a cue of an organization."""
    for use in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
        before = text[max(0, use.start() - 60) : use.start()]
        if _SUCH_AS.search(before) or _NOUN_BEFORE.search(before) or _DESCRIBED.match(text, use.end()):
            return True
    return False


def _trimmed(text: str, c: Candidate) -> Candidate:
    if c.type != "ORG" or not c.model_only:
        return c
    word = _CLASS_WORD.match(text, c.start, c.end)
    if word is not None:
        c = replace(c, start=word.end())
    last = _AFTER_FORM.search(text, c.start, c.end)
    if last is not None and last.end() == c.end:
        # "Simmonds Precision Products, Inc. Business": the business, named without its form
        c = without_legal_form(text, replace(c, end=last.end("form")))
    return c


def _company_of(text: str, c: Candidate, lookup: Callable[[str], Entry | None]) -> list[Candidate]:
    """A model span running from a company's legal form into its town and region ("Garco Construction Co of
    Spokane, Washington"), or into a town the gazetteer knows as a city ("... Co of Spokane."), is the company
    and the town; "Peanut Corp. of America" is one name."""
    # the region after the town lies past the span's end: the search reads on a little
    form = _FORM_OF.search(text, c.start, min(len(text), c.end + 40)) if c.model_only else None
    city = None
    if form is None or form.start("town") >= c.end:
        form = _FORM_OF_CITY.search(text, c.start, c.end) if c.model_only else None
        city = lookup(form.group("town")) if form is not None else None
        if form is None or city is None or city.subtype != "city":
            return [c]
    company = replace(c, end=form.end(), type="ORG", subtype=None, country=None)
    return [company, replace(c, start=form.start("town"), type="GPE", entry=city, subtype=None, country=None)]


def _cause_groups(text: str, chosen: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for c in chosen:
        members = _MEMBERS_FOR.search(text, max(0, c.start - 40), c.start) if c.type == "ORG" and c.model_only else None
        if members is not None and members["members"] not in _SERVICE_MEMBERS:
            start = members.start("members")
            out = [o for o in out if not (o.type == "NORP" and o.start >= start)]  # "Americans" of "Americans for"
            if not any(o.end > start for o in out):
                c = replace(c, start=start)
        out.append(c)
    return out
