"""Acquisition offices of the U.S. services named by their portfolio: "Program Executive Office Missiles and
Space", "PEO Aviation", "the Program Executive Office for Simulation, Training and Instrumentation", "PM UAS".

The model cuts such names apart ("Program Executive Office" and a GPE "Space"; "PEO Missiles" as a weapon).
An office is one organization: its kind ("Program Executive Office", written "PEO"; a project manager's office
written "PM" and its letters), then the portfolio in capitalised words joined by "and", "&" or commas, up to
the first word in lower case or the second "and" ("PEO Missiles and Space and Army Contracting Command" is two
bodies), a possessive left out. The canonical name spells the kind out and drops "for": "PEO Aviation" is
"Program Executive Office Aviation". "PM" is taken only before two to six capitals that end the name ("PM UAS"),
never before a name ("PM Modi" is a prime minister) nor in a clock time ("3 PM EST"). A project or program
office named by its portfolio ("the Uncrewed Aircraft Systems (UAS) Project Office", "Soldier Lethality Program
Office") is one organization too, the acronym in parentheses inside it and a possessive before it left out
("Aviation's"). Each office outranks the gazetteer's names inside it ("UAS" of "PM UAS" is no system).
"""

from __future__ import annotations

import re

from transforms.entities.military_patterns import PatternMatch

__all__ = ["program_offices"]

_WORD = r"(?!(?:PEO|PM|Program)\b)[A-Z][\w'’-]*"
_PORTFOLIO = rf"{_WORD}(?:(?:,[ ]+|[ ]+(?:and|&)[ ]+|[ ]+){_WORD}){{0,6}}"
_PEO = re.compile(rf"\b(?:Program Executive Office|PEO)(?:[ ]+for)?[ ]+(?P<portfolio>{_PORTFOLIO})")
_AND = re.compile(r"[ ](?:and|&)[ ]")
_OFFICE = re.compile(
    rf"\b(?P<portfolio>{_WORD}(?:[ ]+{_WORD}){{0,5}})(?:[ ]+\([A-Z][A-Za-z]{{1,7}}\))?[ ]+"
    r"(?P<kind>(?:Joint )?(?:Project|Program|Product)(?: Management)? Office)\b"
)
_POSSESSIVE = re.compile(r"^(?:.*\b[\w-]+['’]s[ ]+|(?:The|A|An|Our|Its)[ ]+)")
# not a clock time's "PM" ("3 PM EST", "11:30 PM ET")
_ZONES = r"(?:ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|GMT|UTC|BST|CET|CEST|JST|KST|AST|HST|AKST)"
_PM = re.compile(rf"(?<![\d.:][ ])(?<![\d.:])\bPM[ ]+(?!{_ZONES}\b)(?P<letters>[A-Z]{{2,6}})\b(?![ ]+[A-Z])")


def program_offices(text: str) -> list[PatternMatch]:
    """The acquisition offices ``text`` names (see the module's doc)."""
    found = []
    for m in _PEO.finditer(text):
        joins = list(_AND.finditer(m.group("portfolio")))  # "... Missiles and Space and Army Contracting"
        portfolio = m.group("portfolio")[: joins[1].start()] if len(joins) > 1 else m.group("portfolio")
        portfolio = re.sub(r",?[ ]+(?:and|&)$|,$|['’]s?$", "", portfolio)
        end = m.start("portfolio") + len(portfolio)
        name = f"Program Executive Office {portfolio}"
        found.append(PatternMatch(m.start(), end, "ORG", "program_office", name, outranks_gazetteer=True))
    for m in _PM.finditer(text):
        name = f"Project Manager {m.group('letters')}"
        found.append(PatternMatch(m.start(), m.end(), "ORG", "program_office", name, outranks_gazetteer=True))
    for m in _OFFICE.finditer(text):
        lead = _POSSESSIVE.match(m.group("portfolio"))  # "Aviation’s Uncrewed ...", "The Joint ..."
        start = m.start() + (lead.end() if lead else 0)
        if start >= m.end("portfolio") or text[start : m.end("portfolio")] == "Joint":  # "the Joint Project Office"
            continue
        name = f"{text[start : m.end('portfolio')]} {m.group('kind')}"
        found.append(PatternMatch(start, m.end(), "ORG", "program_office", name, outranks_gazetteer=True))
    return found
