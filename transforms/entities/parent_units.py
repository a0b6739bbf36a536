"""A numbered unit named with the unit it belongs to: "2nd Brigade Combat Team, 3rd Infantry Division", "1st
Battalion, 5th Marines", "6th Squadron, 8th Cavalry Regiment". "1st Battalion" alone names a different unit
in every article, so the unit's canonical name takes its parent, written right after it with a comma, and
every other mention of the unit in the article ("the 2nd Brigade Combat Team", "2nd BCT") shares it. The parent
keeps its own mention. A unit the article gives two parents ("2nd Battalion, 5th Marines" and "2nd Battalion,
7th Marines") keeps each pairing where it is written and no shared name elsewhere. Only the next level up is
taken: in "6th Squadron, 8th Cavalry Regiment, 4th Brigade Combat Team, 3rd Infantry Division" the squadron
belongs to the regiment and the brigade to the division."""

from __future__ import annotations

import re
from dataclasses import replace

from transforms.entities.coreference import Candidate
from transforms.entities.gazetteer import entity_id
from transforms.entities.spans import span_name

__all__ = ["parent_units"]

_ORDINAL = r"\d+(?:st|nd|rd|th)"
# the echelons that serve under a numbered parent: a battalion, squadron, company, battery, troop, detachment,
# platoon, flight or a brigade (combat team)
_SUBORDINATE = re.compile(
    rf"^{_ORDINAL}\b.*\b(?:Battalion|Squadron|Company|Battery|Troop|Detachment|Platoon|Flight|Brigade|"
    r"Brigade Combat Team|BCT)$"
)
_PARENT = re.compile(rf"^{_ORDINAL}\s+\S")
_COMMA = re.compile(r",[ \t]+")


def parent_units(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """``chosen`` (resolved: with entity IDs) with each numbered unit written before its parent named with it,
    and the unit's other mentions in the article given that name (see the module doc)."""
    ordered = sorted(chosen, key=lambda c: c.start)
    starts = {c.start: c for c in ordered if c.type == "ORG"}
    paired: dict[int, str] = {}  # a unit's start -> its name with its parent
    parents: dict[str, set[str]] = {}  # a unit's own name -> the names with a parent the article gives it
    for c in ordered:
        name = _name(text, c)
        comma = _COMMA.match(text, c.end)
        parent = starts.get(comma.end()) if comma else None
        if c.type != "ORG" or parent is None or not _SUBORDINATE.match(name):
            continue
        parent_name = _name(text, parent)
        if not _PARENT.match(parent_name) or _SUBORDINATE.match(parent_name) and not _bigger(name, parent_name):
            continue
        paired[c.start] = f"{name}, {parent_name}"
        parents.setdefault(name, set()).add(paired[c.start])
    if not paired:
        return chosen
    out = []
    for c in chosen:
        name = _name(text, c)
        full = paired.get(c.start)
        if full is None and c.type == "ORG" and len(parents.get(name, ())) == 1:
            full = next(iter(parents[name]))
        out.append(c if full is None else replace(c, canonical=full, entry=None, entity_id=entity_id("ORG", full)))
    return out


def _name(text: str, c: Candidate) -> str:
    if c.canonical:
        return c.canonical
    return c.entry.name if c.entry is not None else span_name(text, c.start, c.end)


def _bigger(unit: str, parent: str) -> bool:
    """A parent that is itself of a serving echelon is only taken above a smaller one: a battalion's brigade."""
    small = ("Company", "Battery", "Troop", "Detachment", "Platoon", "Flight")
    return unit.endswith(small + ("Battalion", "Squadron")) and parent.endswith(
        ("Brigade", "Brigade Combat Team", "BCT")
    )
