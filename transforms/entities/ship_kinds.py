"""A name right after a ship's kind is that ship: "the carrier Dwight D. Eisenhower" (a person's name), "the
French frigate Languedoc" (a region's), "the submarine Kursk" (a city's). The model reads such names as what
they are named after; the kind before them says they are a ship (PLATFORM). A one-word name after "carrier"
stays what it is: "the carrier KLM" is an airline."""

from __future__ import annotations

import re

__all__ = ["after_ship_kind"]

_SHIP_KIND = re.compile(
    r"\b(aircraft carrier|carrier|destroyer|frigate|cruiser|submarine|battleship|corvette|warship|assault ship)"
    r"[ \t]+$"
)


def after_ship_kind(text: str, start: int, end: int, bare_carrier: bool = True) -> bool:
    """Whether the name ``text[start:end]`` comes right after a ship's kind (see the module); without
    ``bare_carrier``, "carrier" alone is no ship's kind ("national carrier Balkan Airlines", for a name the model
    read as a body or a place), "aircraft carrier" is."""
    kind = _SHIP_KIND.search(text, max(0, start - 30), start)
    if kind is None or (kind.group(1) == "carrier" and not bare_carrier):
        return False
    return kind.group(1) != "carrier" or " " in text[start:end]
