"""Geologic time names ("the Pliocene", "the Cenozoic"): the model types them as places or people, but an era,
period or epoch is none of sitrep's entity types."""

from __future__ import annotations

import re

from transforms.entities.coreference import Candidate

__all__ = ["geologic_time"]

_TIME = re.compile(
    r"(?:Paleo|Eo|Oligo|Mio|Plio|Pleisto|Holo|Anthropo)cene|(?:Paleo|Meso|Ceno|Phanero)zoic|Precambrian|Cambrian|"
    r"Ordovician|Silurian|Devonian|Carboniferous|Permian|Triassic|Jurassic|Cretaceous|Paleogene|Neogene|Quaternary"
)


def geologic_time(text: str, c: Candidate) -> bool:
    """A model span that is one geologic era, period or epoch name and nothing else."""
    return c.model_only and _TIME.fullmatch(text, c.start, c.end) is not None
