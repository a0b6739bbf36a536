"""The wire service credited in a dateline: "NAIROBI, Kenya (AP) _", "PARIS (AFP) —" name the agency that
wrote the story (ORG, the agency's gazetteer entry), whatever else the letters may mean in the text
("AP" alone is also armour-piercing, so only the credit form is read)."""

from __future__ import annotations

import re

__all__ = ["WIRE_AGENCIES", "wire_credits"]

WIRE_AGENCIES = {"AP": "Associated Press", "AFP": "Agence France-Presse", "Reuters": "Reuters"}
_CREDIT = re.compile(
    r"(?m)^[^\n]{2,80}?\((?P<agency>AP|AFP|Reuters)\)[ \t]*(?:[-—–_]{1,2}|:)",
)


def wire_credits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, agency name) of each wire credit that closes a dateline at the start of a line."""
    return [(m.start("agency"), m.end("agency"), WIRE_AGENCIES[m.group("agency")]) for m in _CREDIT.finditer(text)]
