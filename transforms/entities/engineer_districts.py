"""The districts and divisions of the U.S. Army Corps of Engineers, named by their city or region.

The Corps works through districts and divisions named after a place ("Buffalo District", "the Detroit
District", "Great Lakes and Ohio River Division"); the model reads them as places. In an article that names the
Corps, a place's name followed by "District" or "Division" is the Corps' office there, an organization with the
canonical name "U.S. Army Corps of Engineers Buffalo District". Written right after the Corps' name ("U.S.
Army Corps of Engineers Buffalo District") it is one name with it; after a comma ("U.S. Army Corps of Engineers,
Detroit District") it is a mention of its own, as the news golds split a command and its seat. An "Engineer
District" ("the Manhattan Engineer District") is such an office in any article.
"""

from __future__ import annotations

import re
from dataclasses import replace

from transforms.entities.coreference import Candidate

__all__ = ["engineer_districts"]

_CORPS = "U.S. Army Corps of Engineers"
_PLACE_WORD = r"[A-Z][a-z]+(?:[ ](?:and[ ])?[A-Z][a-z]+){0,4}"
_OFFICE = re.compile(rf"(?P<place>{_PLACE_WORD})[ ](?P<kind>District|Division)\b")
_ENGINEER = re.compile(rf"{_PLACE_WORD}[ ]Engineer[ ]District\b")


def _office_at(text: str, start: int) -> re.Match[str] | None:
    match = _OFFICE.match(text, start)
    return match if match is not None and not match["place"].endswith("Engineer") else None


def engineer_districts(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """``chosen`` with the Corps' districts and divisions as organizations (see the module)."""
    out: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    corps = any(c.entry is not None and c.entry.name == _CORPS for c in chosen)
    for c in chosen:
        engineer = _ENGINEER.fullmatch(text, c.start, c.end) if c.type != "PERSON" else None
        if engineer is not None:
            out.append(replace(c, type="ORG", entry=None, canonical=text[c.start : c.end], subtype="unit"))
            continue
        if c.entry is not None and c.entry.name == _CORPS:
            office = _office_at(text, c.end + 1) if text[c.end : c.end + 1] == " " else None
            if office is not None:  # "U.S. Army Corps of Engineers Buffalo District": one name
                name = f"{_CORPS} {office.group()}"
                out.append(replace(c, end=office.end(), entry=None, canonical=name, subtype="unit", country="USA"))
                taken.append((c.end, office.end()))
                continue
        out.append(c)
    if not corps:
        return out
    kept = [c for c in out if not any(s <= c.start and c.end <= e for s, e in taken)]
    return [_as_office(text, c) for c in kept]


def _as_office(text: str, c: Candidate) -> Candidate:
    """A place, or a place read with "District" or "Division", that names one of the Corps' offices."""
    if c.type not in ("GPE", "LOC"):  # "3rd Infantry Division" is a unit of its own
        return c
    office = _office_at(text, c.start)
    if office is None or office.end() < c.end or (office.end() > c.end and text[c.end] != " "):
        return c
    name = f"{_CORPS} {office.group()}"
    return replace(c, end=office.end(), type="ORG", entry=None, canonical=name, subtype="unit", country="USA")
