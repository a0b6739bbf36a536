"""An organization's kind standing alone: "the Company's products", "the Department said", "our Strike Group
presence", "the Joint Force". The model reads such capitalised kinds as organizations; they name no body of
their own (a press release's defined term, a concept), so no entity is made, unless the text names a body
whose name ends in them or opens with them and "of" (then they are its short form).

The words are in ``data/context.toml`` (``[generic_bodies]``).
"""

from __future__ import annotations

from functools import lru_cache

from transforms.entities.coreference import Candidate
from transforms.entities.gazetteer import read_data

__all__ = ["generic_body"]


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], frozenset[str]]:
    data = read_data("context.toml")["generic_bodies"]
    return frozenset(data["heads"]), frozenset(data["modifiers"])


def generic_body(text: str, c: Candidate, chosen: list[Candidate]) -> bool:
    """Whether ``c`` is a model's ORG made only of the words of a kind of body, ending in its head noun, that
    is not the short form of a longer name of ``chosen`` ("the Council" after "the State Council", "the
    Department" after "the Department of State": that body, named again)."""
    if c.type != "ORG" or not c.model_only:
        return False
    heads, modifiers = _words()
    surface = text[c.start : c.end]
    words = surface.split()
    if not words or words[-1] not in heads or not all(w in heads or w in modifiers for w in words):
        return False
    return not any(o.end - o.start > len(surface) and _named_by(text[o.start : o.end], surface) for o in chosen)


def _named_by(name: str, kind: str) -> bool:
    """Whether ``kind`` ends ``name`` ("State Council") or opens it with "of" ("Department of State")."""
    return name.endswith(" " + kind) or name.startswith(kind + " of ")
