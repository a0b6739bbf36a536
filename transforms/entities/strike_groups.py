"""A strike group named by its carrier without "Carrier" ("the Nimitz Strike Group"): the carrier strike group,
when the article names that group in full or the ship as a carrier ("USS Nimitz (CVN 68)"). Without either it is
left to the model: an amphibious group is an "Expeditionary Strike Group", and "Strike Group" alone is a class
noun ("our Strike Group")."""

from __future__ import annotations

import re

from transforms.entities.military_patterns import PatternMatch

__all__ = ["strike_group_short_forms"]

_SHORT = re.compile(
    r"\b(?!The\b|Our\b|Carrier\b|Expeditionary\b)((?:[A-Z][A-Za-z.'’-]+[ ]){1,3})Strike Group(?![ ]+\d)"
)


def strike_group_short_forms(text: str) -> list[PatternMatch]:
    """Each "<ship> Strike Group" whose ship the article shows to be a carrier, as "<ship> Carrier Strike Group"."""
    found = []
    for match in _SHORT.finditer(text):
        ship = match.group(1).strip()
        if ship.split()[-1] in ("Carrier", "Expeditionary"):
            continue
        full = f"{ship} Carrier Strike Group"
        if full in text or re.search(rf"\b{re.escape(ship)}[ ]+\(CVN[ -]?\d", text):
            found.append(PatternMatch(match.start(), match.end(), "ORG", "unit", full))
    return found
