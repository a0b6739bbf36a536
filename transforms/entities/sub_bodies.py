"""A body named after its parent: "UN Human Rights Council", "NATO Parliamentary Assembly", "US District Court",
"U.N. Intergovernmental Panel on Climate Change", "House Homeland Security Subcommittee". The gazetteer knows
the parent ("UN", "NATO", "US", "Homeland Security") and takes it alone, and the model leaves the rest unnamed
or names it as a second organization, so the body is lost or split in two. When an organization or place is
followed by capitalised words that end in a body's head noun ("Council", "Assembly", "Court", ...) or open
with one and its complement ("Office for the Coordination of Humanitarian Affairs"), the whole is one
organization; a "House" or "Senate" written before the parent belongs to it. The canonical name spells the
parent out ("United States District Court"), unless the gazetteer knows the body itself: "United Nations
Office for the Coordination of Humanitarian Affairs" stays OCHA with its Wikidata ID. A body that bears a
name of its own ("Space Force Association", "Navy League", "General Dynamics Mission Systems") is named as
written: it is no part of the parent.

People are never part of such a run ("NATO Secretary General Mark Rutte" ends in a name, not a head), and a
title-case headline is left alone: there every word is capitalised.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from transforms.entities.coreference import Candidate
from transforms.entities.gazetteer import Entry
from transforms.entities.headlines import opening_headline

__all__ = ["parent_bodies"]

Lookup = Callable[[str], Entry | None]

_HEADS = frozenset(
    "Council Assembly Committee Subcommittee Commission Panel Court Tribunal Office Agency Department Ministry "
    "Directorate Secretariat Bureau Board Administration Authority Mission Caucus Delegation Parliament "
    "Division Center Branch Laboratory".split()
)
# heads of a body that bears its own name, not the parent's with a part added: the "Space Force Association" is
# no part of the U.S. Space Force, "General Dynamics Mission Systems" is named so in full; the canonical name is
# the text's. Not "Coalition" or "Alliance": "the ISIL Coalition" fights ISIL, "the NATO Alliance" is NATO
_OWN_NAMES = frozenset("Association League Foundation Institute Society Federation Club Museum Systems".split())
_CONNECTORS = frozenset({"of", "on", "for", "and", "the"})
_COMPLEMENTS = frozenset({"of", "on", "for"})
_CHAMBERS = frozenset({"House", "Senate"})
_PARENTS = frozenset({"ORG", "GPE"})
# capitalised words and lower-case connectors, one space apart, right after the parent
_RUN = re.compile(r" ((?:[A-Z][\w'’-]*|of|on|for|and|the)(?: (?:[A-Z][\w'’-]*|of|on|for|and|the))*)")


def _body(run: str) -> str | None:
    """The part of ``run`` that names a body: up to its last capitalised word, kept when that word is a head
    noun ("Human Rights Council") or holds a head and its complement ("Panel on Climate Change")."""
    words = run.split(" ")
    while words and words[-1] in _CONNECTORS:
        words.pop()
    if not words or words[0] in _CONNECTORS:
        return None
    if words[-1] in _HEADS | _OWN_NAMES or any(
        w in _HEADS and words[k + 1] in _COMPLEMENTS for k, w in enumerate(words[:-2])
    ):
        return " ".join(words)
    return None


def parent_bodies(text: str, chosen: list[Candidate], lookup: Lookup) -> list[Candidate]:
    """``chosen`` with each parent and the body named after it joined into one organization (see the module)."""
    headline = opening_headline(text)
    out: list[Candidate] = []
    skip_until = -1
    for i, parent in enumerate(chosen):
        if parent.start < skip_until:
            continue
        joined = _joined(text, parent, chosen[i + 1 :], lookup)
        if joined is None or (headline is not None and headline.holds(parent.start, parent.end)):
            out.append(parent)
            continue
        while out and out[-1].end > joined.start:
            out.pop()
        out.append(joined)
        skip_until = joined.end
    return out


def _joined(text: str, parent: Candidate, after: list[Candidate], lookup: Lookup) -> Candidate | None:
    if parent.type not in _PARENTS:
        return None
    match = _RUN.match(text, parent.end)
    body = _body(match.group(1)) if match else None
    if body is None:
        return None
    end = parent.end + 1 + len(body)
    inside = [c for c in after if c.start < end]
    if any(c.type == "PERSON" or c.end > end for c in inside):
        return None
    start = parent.start
    before = text[max(0, start - 8) : start]
    chamber = re.search(r"(?<![\w.])([A-Z][a-z]+) $", before)
    if chamber is not None and chamber.group(1) in _CHAMBERS:
        start -= len(chamber.group(0))
    surface = text[start:end]
    known = lookup(surface)
    if known is not None and known.type == "ORG":
        return Candidate(start=start, end=end, type="ORG", method="rule", rank="rule", entry=known)
    same = next((c for c in inside if (c.start, c.end) == (end - len(body), end) and c.entry is not None), None)
    if same is not None and same.type == "ORG":  # "United Nations Office for the Coordination ...": the body is known
        return replace(same, start=start, method="rule")
    parent_name = parent.entry.name if parent.entry is not None else parent.canonical
    own = body.split(" ")[-1] in _OWN_NAMES
    canonical = f"{parent_name} {body}" if parent_name and start == parent.start and not own else surface
    return Candidate(start=start, end=end, type="ORG", method="rule", rank="rule", canonical=canonical)
