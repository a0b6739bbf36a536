"""Acronyms defined in the text, linked to what they stand for.

A definition ("Carrier Strike Group (CSG)", found by ``acronyms.find_definitions``) gives its long form a
mention when no chosen name holds it, typed by the gazetteer or by the long form's last word; a long form
that names a concept or a plural of things gives no entity, and neither do the letters. Every later use of
the letters is a mention of the long form's entity, except inside the name they are written in ("Carrier Air
Wing (CVW) 9") or inside a known name or designation ("PM UAS"); where the letters are defined twice, for
two units ("Carrier Strike Group (CSG) 9" and "Carrier Strike Group (CSG) 11"), a use stands for the nearest
definition before it. An office named after the long form ("Uncrewed Aircraft Systems (UAS) Project Office")
keeps its name, and the letters stand for the systems.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from transforms.entities.acronyms import AcronymDefinition, find_definitions, find_uses, long_form_type, no_thing_named
from transforms.entities.coreference import Candidate, select
from transforms.entities.gazetteer import Entry, normalize

__all__ = ["defined_acronyms"]


def _system_named(short: str, lookup: Callable[[str], Entry | None]) -> Entry | None:
    """The gazetteer's weapon or system an acronym names, whatever its long form's last word ("(HMMWV)" is
    the Humvee, "Tube-launched, Optically tracked, Wire-guided (TOW)" the TOW missile); an organization's
    letters are not trusted so ("Carrier Strike Group (CSG)" is no company CSG)."""
    known = lookup(short)
    return known if known is not None and known.type in ("WEAPON", "PLATFORM") else None


def _owner(definitions: list[AcronymDefinition], short: str, start: int) -> AcronymDefinition:
    """The definition of ``short`` that a use at ``start`` follows: the nearest one before it, or the first
    when the letters come before any definition. Each definition owns its own letters."""
    same = [d for d in definitions if d.short == short]
    before = [d for d in same if d.short_start <= start]
    return before[-1] if before else same[0]


def defined_acronyms(text: str, chosen: list[Candidate], lookup: Callable[[str], Entry | None]) -> list[Candidate]:
    """``chosen`` with each acronym the text defines ("Carrier Strike Group (CSG)") linked to its long form, and
    every later use of the letters a mention of the same entity (see the module)."""
    extra: list[Candidate] = []
    held = [c for c in chosen if c.rank == "gazetteer"]  # known names and designations keep their letters
    definitions = find_definitions(text)
    for d in definitions:
        # the long form, or the name it is written in; an office named after it ("Uncrewed Aircraft Systems
        # (UAS) Project Office") holds the long form but the letters stand for the systems
        inside = [c for c in chosen if c.start <= d.long_start and d.long_end <= c.end]
        long_cand = next((c for c in inside if c.subtype != "program_office"), None)
        thing = no_thing_named(d.long)  # a concept, a law or equipment, whatever the model read
        if long_cand is None or long_cand.type == "PERSON" or (thing and long_cand.model_only):
            entry = lookup(d.long)
            type_ = entry.type if entry else long_form_type(d.long)
            known = _system_named(d.short, lookup) if entry is None and type_ is not None else None
            if known is not None:
                entry, type_ = known, known.type
            # a plural of things or a concept: no entity, nor its acronym, whatever the model said
            if type_ is None:
                uses = set(find_uses(text, d.short))  # with the model's parts of "Tranche 1 Transport Layer"
                chosen = [
                    c
                    for c in chosen
                    if c is not long_cand
                    and not (c.model_only and (c.start, c.end) in uses)
                    and not (thing and c.model_only and c.start < d.long_end and d.long_start < c.end)
                ]
                continue
            long_cand = Candidate(
                start=d.long_start,
                end=d.long_end,
                type=type_,
                method="rule",
                rank="acronym",
                entry=entry,
                canonical=normalize(d.long),
            )
            if not any(h.start <= d.long_start and d.long_end <= h.end for h in held):
                extra.append(long_cand)
        elif long_cand.entry is None and long_cand.canonical is None:
            type_ = long_form_type(d.long) if long_cand.method == "model" else long_cand.type
            known = _system_named(d.short, lookup) if type_ is not None else None
            if known is not None:
                named = replace(long_cand, type=known.type, entry=known, subtype=known.subtype)
            else:
                named = replace(long_cand, canonical=normalize(d.long), type=type_ or long_cand.type)
            chosen = [named if c is long_cand else c for c in chosen]
            long_cand = named
        for start, end in find_uses(text, d.short):
            if any(c.start <= start and end <= c.end and c.end - c.start > end - start for c in (long_cand, *held)):
                continue  # inside its name ("Carrier Air Wing (CVW) 9") or a designation ("PM UAS")
            if _owner(definitions, d.short, start) is not d:
                continue  # the letters defined again for another unit ("Carrier Strike Group (CSG) 9 ... (CSG) 11")
            extra.append(
                Candidate(
                    start=start,
                    end=end,
                    type=long_cand.type,
                    method="acronym",
                    rank="acronym",
                    entry=long_cand.entry,
                    canonical=long_cand.canonical or normalize(d.long),
                )
            )
    if not extra:
        return chosen
    return select([c for c in chosen if c.rank != "acronym"] + extra)
