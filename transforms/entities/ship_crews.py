"""A ship's crew named by its color: ballistic- and guided-missile submarines and littoral combat ships have two
crews, Blue and Gold, written after the ship's name ("Florida (Gold)", "USS Ohio (SSGN 726) (Blue)"). The color
is no organization of its own."""

from __future__ import annotations

import re

from transforms.entities.coreference import Candidate

__all__ = ["crew_color"]

_COLOR = re.compile(r"[\w)][ ]\((?:Blue|Gold)\)")
_SHIP = re.compile(r"\bUSS[ ]+[A-Z]")


def crew_color(text: str, c: Candidate) -> bool:
    """A model span that is "Blue" or "Gold" in parentheses right after a name, in an article naming a U.S. ship."""
    return (
        c.model_only
        and c.start >= 3
        and _COLOR.fullmatch(text, c.start - 3, c.end + 1) is not None
        and _SHIP.search(text) is not None
    )
