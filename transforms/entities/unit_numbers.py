"""Unit numbers written around a unit's initials: "ARSST 5", "CSG 11", "2nd BCT", "261st COS". The model and
the gazetteers find the initials alone, which makes every numbered team, strike group or squadron of a
kind one entity and drops the number a reader needs. The number after the initials (a space and one to
three digits, not a version such as "1.1" nor a score or a table row, where figures stand next to it:
"LG 2 OB 0") and the ordinal before them become part of the mention and of the canonical name: the long
form the article gave the initials, with its number set ("CSG 11" where "Carrier Strike Group (CSG) 5" was
defined is Carrier Strike Group 11), else the initials with it. An ordinal and initials that nothing else
found ("the 419th FLTS") are a unit of that name. Left alone: initials a gazetteer knows and the article
does not define ("NATO 50 years ago"; "CSG" is also a company), a hull number ("DDG 83"), and a number
that counts what follows it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from transforms.entities.coreference import Candidate
from transforms.entities.gazetteer import entity_id
from transforms.entities.military_patterns import PLATFORM_PREFIXES

__all__ = ["with_unit_numbers"]

_INITIALS = re.compile(r"[A-Z]{2,6}")
# a number that counts what follows it: "NATO 50 years ago", "the EU 27 members"
_COUNTED = r"(?:years?|months?|weeks?|days?|hours?|minutes?|percent|miles?|kilometers?|members?|nations?|countries)\b"
_NUMBER_AFTER = re.compile(
    rf" (?P<num>\d{{1,3}})(?![\w%/-]|[.,:]\d|[ \t]*\d|[ \t]+[A-Z][\w.]*[ \t]+\d|[ \t]+{_COUNTED})"
)
_ORDINAL_BEFORE = re.compile(r"(?<![\w.,-])(?P<ord>\d{1,3}(?:st|nd|rd|th)) $")
_TRAILING_NUMBER = re.compile(r" \d{1,3}$")
_LEADING_ORDINAL = re.compile(r"^\d{1,3}(?:st|nd|rd|th) ")
_ORDINAL_INITIALS = re.compile(r"(?<![\w.,-])(?P<ord>\d{1,3}(?:st|nd|rd|th)) (?P<letters>[A-Z]{2,6})(?![\w&/-])")
_FIGURE_BEFORE = re.compile(r"\d[ \t]+$")  # a figure right before: a score ("LG 2 OB 0") or a table row


def _numbered(name: str, number: str | None, ordinal: str | None) -> str:
    if number is not None:
        name = _TRAILING_NUMBER.sub("", name) + f" {int(number)}"
    if ordinal is not None:
        name = f"{ordinal} {_LEADING_ORDINAL.sub('', name)}"
    return name


def _expansion(name: str, initials: str) -> str:
    """The words of ``name`` the initials stand for: "Carrier Strike Group" of "Nimitz Carrier Strike Group"
    for "CSG" (the carrier's group bears a number of its own); the name itself when they are not its last."""
    words = name.split()
    tail = words[-len(initials) :]
    if len(words) > len(initials) and "".join(w[0] for w in tail).upper() == initials:
        return " ".join(tail)
    return name


def with_unit_numbers(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """``chosen`` (resolved: with entity IDs) with each organization written as initials widened over the unit
    number after it or the ordinal before it, its canonical name numbered and its ID made from that name (see
    the module doc). The initials written alone elsewhere stay the initials' mention."""
    out = []
    for c in chosen:
        surface = text[c.start : c.end]
        if (
            c.type != "ORG"
            or not _INITIALS.fullmatch(surface)
            or surface in PLATFORM_PREFIXES  # "DDG 83" is a hull number
            or (c.entry is not None and c.canonical is None)  # "NATO", "CSG" the company: the gazetteer's, undefined
        ):
            out.append(c)
            continue
        after = _NUMBER_AFTER.match(text, c.end)
        if after is not None and _FIGURE_BEFORE.search(text, max(0, c.start - 16), c.start):
            after = None
        before = _ORDINAL_BEFORE.search(text, max(0, c.start - 6), c.start)
        if after is None and before is None:
            out.append(c)
            continue
        base = _expansion(c.canonical or surface, surface)
        if before is not None and _LEADING_ORDINAL.match(base) and not base.startswith(before.group("ord") + " "):
            out.append(c)  # the initials stand for another unit's name ("4th ID" where "3rd ID" was defined)
            continue
        canonical = _numbered(base, after.group("num") if after else None, before.group("ord") if before else None)
        start = before.start("ord") if before is not None else c.start
        end = after.end() if after is not None else c.end
        numbered = replace(c, start=start, end=end, entry=None, canonical=canonical, subtype="unit")
        out.append(replace(numbered, entity_id=entity_id("ORG", canonical)))
    return sorted(out + _unfound_units(text, out), key=lambda c: c.start)


def _unfound_units(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Units written as an ordinal and initials that nothing else found ("the 419th FLTS"), named so."""
    found = []
    for match in _ORDINAL_INITIALS.finditer(text):
        letters = match.group("letters")
        if letters in PLATFORM_PREFIXES or any(c.start < match.end() and match.start() < c.end for c in chosen):
            continue
        name = f"{match.group('ord')} {letters}"
        found.append(
            Candidate(
                start=match.start(),
                end=match.end(),
                type="ORG",
                method="rule",
                rank="rule",
                canonical=name,
                subtype="unit",
                entity_id=entity_id("ORG", name),
            )
        )
    return found
